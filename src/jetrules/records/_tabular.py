r"""CSV with a header line, read row by row, every problem with its line.

The header is matched through the vocabulary (:mod:`jetrules.records._columns`); rows come one
at a time from a :class:`Table`, so a reader keeps only what it makes of them. Any line ending is
read (``\r\n``, ``\n``, and the ``\r`` of old Mac files); a row that cannot be read (a cell over
the ``csv`` module's 131,072 characters, a stray quote) is one problem, and the rows after it
are still read. The shared pieces of every reader are re-exported here for the readers.
"""

from __future__ import annotations

import csv
from _csv import Reader as _Reader
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Literal, TextIO

from jetrules.errors import InvalidInput
from jetrules.records._columns import Columns, match_header
from jetrules.records._excel import EXCEL_SUFFIXES, open_xlsx
from jetrules.records._json import parse_json
from jetrules.records._problems import CsvRow, Problems, Table
from jetrules.records._source import MAX_INPUT_BYTES, Input, open_lines, read_text, source_name

__all__ = [
    "CsvRow",
    "Problems",
    "Table",
    "no_sheet",
    "open_cells",
    "open_csv",
    "open_table",
    "parse_json",
    "read_csv",
    "read_table",
    "read_text",
]


def open_csv(
    source: Input,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    encoding: str = "utf-8",
    max_bytes: int = MAX_INPUT_BYTES,
) -> Table:
    """Open a CSV file with a header line: check the header now, read the rows as they are asked.

    *encoding* and *max_bytes* are as for :func:`read_text`. A header with problems gives a
    table without rows.

    Raises:
        InvalidRecords: the file is not text in *encoding*, or larger than *max_bytes*.
    """
    problems, columns, width, reader = open_cells(
        source, required=required, optional=optional, encoding=encoding, max_bytes=max_bytes
    )
    if columns is None:
        return Table(problems, (), iter(()))
    return Table(problems, columns.names, _rows(reader, width, columns, problems))


def open_cells(
    source: Input,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    encoding: str = "utf-8",
    max_bytes: int = MAX_INPUT_BYTES,
) -> tuple[Problems, Columns | None, int, _Reader]:
    """:func:`open_csv`'s first part: the header checked, the ``csv`` reader of the lines after it.

    Also given: the number of cells of the header. The columns are None when the header has a
    problem (or there is none): each is recorded.
    """
    name, lines = open_lines(source, encoding=encoding, max_bytes=max_bytes)
    problems = Problems(name)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        problems.add("line 1", f"the file is empty; expected a header with {', '.join(required)}")
        return problems, None, 0, reader
    except csv.Error as error:
        problems.add("line 1", f"not valid CSV: {error}")
        return problems, None, 0, reader
    columns, header_problems = match_header(header, required=required, optional=optional)
    for message in header_problems:
        problems.add("line 1", message)
    if columns is not None:
        problems.headers = columns.typed
    return problems, columns, len(header), reader


def read_csv(
    source: str | Path | TextIO,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    encoding: str = "utf-8",
    max_bytes: int = MAX_INPUT_BYTES,
) -> tuple[Problems, list[CsvRow]]:
    """Read a CSV file with a header line; check its columns; keep each row's line number.

    Missing required columns, unknown columns and rows with the wrong number of cells are
    recorded in the returned :class:`Problems` (such rows are left out of the list); the caller
    adds its own problems and calls ``raise_if_any()`` before using anything. *encoding* is the
    file's, as for :func:`read_text`. :func:`open_csv` gives the rows one at a time instead.
    """
    table = open_csv(
        source, required=required, optional=optional, encoding=encoding, max_bytes=max_bytes
    )
    rows = list(table)
    return table.problems, rows


def _error(error: csv.Error) -> str:
    text = str(error)
    if text.startswith("field larger than field limit"):
        return f"has a cell longer than {csv.field_size_limit():,} characters, the most one holds"
    return f"not valid CSV: {text}"


def _rows(reader: _Reader, width: int, columns: Columns, problems: Problems) -> Iterator[CsvRow]:
    """The good rows of *reader*, each with the line it starts on; the others' problems recorded.

    The loop is the reader's own while no row is unreadable (this runs once per row of files of
    a million rows); an unreadable row is recorded and the loop resumes after it.
    """
    names = columns.names
    extra_columns = width > len(names)
    start = reader.line_num + 1
    while True:
        try:
            for cells in reader:
                if len(cells) != width:
                    if "".join(cells).strip():
                        problems.add(
                            f"line {start}", f"has {len(cells)} cells; the header has {width}"
                        )
                elif extra_columns and (stray := columns.stray(cells)) is not None:
                    problems.add(
                        f"line {start}", f"has a value in column {stray + 1}, which has no header"
                    )
                else:
                    values = dict(zip(names, map(str.strip, cells), strict=False))
                    if any(values.values()):  # a row of blank cells is no row
                        yield CsvRow(start, values)
                start = reader.line_num + 1
        except csv.Error as error:
            problems.add(f"line {start}", _error(error))
            start = reader.line_num + 1
        else:
            return


def table_format(source: str | Path | TextIO | BinaryIO) -> Literal["csv", "xlsx"]:
    """The kind of table *source* holds, by its name: ``xlsx`` for ``.xlsx``/``.xlsm``, else CSV.

    >>> table_format("claims.XLSX"), table_format("claims.csv")
    ('xlsx', 'csv')
    """
    return "xlsx" if source_name(source).lower().endswith(EXCEL_SUFFIXES) else "csv"


def no_sheet(sheet: str | None) -> None:
    """Refuse a *sheet* given for a file that is not a workbook: it would be ignored."""
    if sheet is not None:
        rule = "names a worksheet of an Excel workbook (.xlsx), not of a CSV or JSON file"
        raise InvalidInput.for_field("sheet", rule, sheet)


def open_table(
    source: str | Path | TextIO | BinaryIO,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    format: Literal["csv", "xlsx"] | None = None,
    encoding: str = "utf-8",
    sheet: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Table:
    """Open a CSV file or an Excel worksheet as a :class:`Table`: one call for both kinds.

    *format* defaults to :func:`table_format` (by the file's or the stream's name). A CSV
    source is a path or a text stream, decoded with *encoding*; a workbook is a path or a binary
    stream, read at *sheet* (which may be left out when it has one sheet only).

    Raises:
        InvalidInput: *format* is neither ``"csv"`` nor ``"xlsx"``; *sheet* is given for CSV.
        MissingExtra: a workbook, and openpyxl is not installed.
    """
    kind = table_format(source) if format is None else format
    if kind == "xlsx":
        return open_xlsx(
            source,  # type: ignore[arg-type]
            required=required,
            optional=optional,
            sheet=sheet,
            max_bytes=max_bytes,
        )
    if kind == "csv":
        no_sheet(sheet)
        return open_csv(
            source,  # type: ignore[arg-type]
            required=required,
            optional=optional,
            encoding=encoding,
            max_bytes=max_bytes,
        )
    raise InvalidInput.for_field("format", "must be 'csv' or 'xlsx'", format)


def read_table(
    source: str | Path | TextIO | BinaryIO,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    format: Literal["csv", "xlsx"] | None = None,
    encoding: str = "utf-8",
    sheet: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> tuple[Problems, list[CsvRow]]:
    """Every good row of a CSV file or a worksheet, and every problem (see :func:`open_table`)."""
    table = open_table(
        source,
        required=required,
        optional=optional,
        format=format,
        encoding=encoding,
        sheet=sheet,
        max_bytes=max_bytes,
    )
    rows = list(table)
    return table.problems, rows
