"""Excel workbooks (.xlsx) read as the CSV reader reads a file: same columns, rules and messages.

Reading a workbook needs openpyxl, the optional extra ``jetrules[excel]``; without it a reader
raises :class:`MissingExtra`, whose message says what to install. One worksheet is read: the
only one, or the one named by ``sheet``. Its first row is the header; positions in problems are
``sheet Claims, row 4``. Each cell becomes the text a CSV export would hold, so the vocabulary
reads it the same way:

- a date cell (Excel stores dates as date-times at midnight) is ``2023-04-20``, another date-time
  ``2023-04-20T10:30:00`` (without an offset, which Excel does not store);
- a number is its digits when it is whole (``10000.0`` is ``10000``) and stays a fraction
  (``1234.5``) otherwise, which no whole-number field reads;
- ``TRUE``/``FALSE`` cells are ``TRUE``/``FALSE``; a formula is read as the value Excel saved;
- a cell holding an Excel error (``#N/A``, ``#REF!``) is a problem of its row, and so is a formula
  saved without its value (a workbook written by a program that does not calculate, such as
  openpyxl or pandas): it would otherwise read as an empty cell.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO

from jetrules.errors import JetRulesError
from jetrules.records._columns import Columns, column_letter, match_header
from jetrules.records._problems import CsvRow, Problems, Table
from jetrules.records._source import (
    MAX_INPUT_BYTES,
    OLD_EXCEL,
    OLD_EXCEL_ADVICE,
    read_bytes,
    source_name,
    too_large,
)

__all__ = ["EXCEL_SUFFIXES", "MissingExtra", "open_xlsx", "read_xlsx"]

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
"""The file names read as workbooks by default (older ``.xls`` files are refused with advice)."""


class MissingExtra(JetRulesError, ImportError):
    """An optional part of jetrules is not installed; the message names the extra to install."""


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise MissingExtra(
            "reading Excel workbooks (.xlsx) needs openpyxl, the optional extra 'excel': "
            "pip install 'jetrules[excel]'",
            name="openpyxl",
        ) from None


def _workbook_bytes(source: str | Path | BinaryIO, name: str, max_bytes: int) -> bytes:
    if isinstance(source, str | Path):
        return read_bytes(source, max_bytes=max_bytes)
    data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(name, max_bytes, position="the input")
    return data


def _load(data: bytes, problems: Problems) -> Any:
    """The workbook in *data*, or None with the problem recorded."""
    openpyxl = _openpyxl()
    if data.startswith(OLD_EXCEL):
        problems.add("the file", OLD_EXCEL_ADVICE)
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # styles and extensions openpyxl does not read
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged workbook fails in many ways
        problems.add(
            "the file", f"is not an Excel workbook (.xlsx) that can be read: {_why(error)}"
        )
    return None


UNSAVED_FORMULA = (
    "holds a formula saved without its value (the workbook was written by a program that does "
    "not calculate formulas); open it in Excel and save it, or enter the value"
)


def worksheet_path(worksheet: Any) -> str:
    """Where, in the workbook's archive, openpyxl reads *worksheet* (a read-only worksheet) from."""
    return str(worksheet._worksheet_path)  # openpyxl's own attribute; a test pins it


_FORMULA_CELL = re.compile(
    rb"<(?P<p>\w+:)?c\b(?P<attrs>[^>]*)>\s*<(?P=p)?f\b[^>]*?(?:/>|>.*?</(?P=p)?f>)(?P<rest>.*?)"
    rb"</(?P=p)?c>",
    re.DOTALL,
)
"""A cell of a sheet's XML that holds a formula (its first child, as the file format orders it)."""
_SAVED_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_CLOSE = re.compile(rb"</(?:\w+:)?row>")
_TEXT_RESULT = b't="str"'
_CHUNK = 1 << 20


def _after_last_row(buffer: bytes) -> int:
    """Where the last ``</row>`` (of any prefix) of *buffer* ends; 0 if there is none."""
    end = len(buffer)
    while (found := buffer.rfind(b"row>", 0, end)) >= 0:
        start = buffer.rfind(b"</", 0, found)
        if start >= 0 and _ROW_CLOSE.fullmatch(buffer, start, found + 4):
            return found + 4
        end = found
    return 0


def unsaved_formulas(xml: IO[bytes]) -> dict[int, list[str]]:
    """The columns, by row, of a worksheet's cells holding a formula saved without its value.

    Excel saves each formula's last value beside it, and openpyxl reads that value; a program that
    does not calculate (openpyxl, pandas) saves the formula alone, which would read as an empty
    cell. A formula whose value is empty text (``t="str"``, as Excel saves ``=IF(A2,"","x")``)
    has its value. The XML is read a megabyte at a time, cut after a row's end (``</row>``).
    A cell without a reference of its own (Excel always writes one) is listed under row 0.

    >>> sheet = (b'<row r="2"><c r="B2"><f>A2*2</f><v>4</v></c><c r="C2"><f>A2*3</f><v/></c>'
    ...          b'<c r="D2" t="str"><f>""</f><v></v></c></row>'
    ...          b'<x:row r="3"><x:c r="E3"><x:f t="shared" si="0"/></x:c></x:row>')
    >>> unsaved_formulas(io.BytesIO(sheet))
    {2: ['C'], 3: ['E']}
    """
    found: dict[int, list[str]] = {}
    carry = b""
    while True:
        chunk = xml.read(_CHUNK)
        buffer = carry + chunk
        cut = len(buffer) if not chunk else _after_last_row(buffer)
        for cell in _FORMULA_CELL.finditer(buffer, 0, cut):
            attrs = cell["attrs"]
            if _SAVED_VALUE.search(cell["rest"]) is None and _TEXT_RESULT not in attrs:
                reference = _REFERENCE.search(attrs)
                row = 0 if reference is None else int(reference[2])
                column = "" if reference is None else reference[1].decode("ascii")
                found.setdefault(row, []).append(column)
        if not chunk:
            return found
        carry = buffer[cut:]


def _unsaved(data: bytes, worksheet: Any, problems: Problems) -> dict[int, list[str]]:
    """:func:`unsaved_formulas` of *worksheet*, read from the workbook's bytes *data*."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        archive.open(worksheet_path(worksheet)) as xml,
    ):
        unsaved = unsaved_formulas(xml)
    if 0 in unsaved:
        problems.add("the file", f"has a cell without a reference that {UNSAVED_FORMULA}")
    return unsaved


def _why(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _worksheet(workbook: Any, sheet: str | None, problems: Problems) -> Any:
    """The sheet to read, or None with the problem recorded."""
    names = [worksheet.title for worksheet in workbook.worksheets]
    if sheet is None and len(names) == 1:
        return workbook.worksheets[0]
    if sheet is not None and sheet in names:
        return workbook[sheet]
    listed = ", ".join(repr(name) for name in names)
    if sheet is None:
        problems.add(
            "the file", f"has {len(names)} sheets ({listed}); name the one to read (--sheet NAME)"
        )
    else:
        problems.add("the file", f"has no sheet named {sheet!r}; its sheets are {listed}")
    return None


def cell_text(value: object) -> str:  # noqa: PLR0911 (one return per kind of cell)
    """The text a CSV export would hold for a cell's *value* (see the module's description).

    >>> cell_text(dt.datetime(2023, 4, 20)), cell_text(10000.0), cell_text(1234.5), cell_text(None)
    ('2023-04-20', '10000', '1234.5', '')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time() and value.tzinfo is None:
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


class _Sheet:
    """Reads the rows of one worksheet, counting the text it has read against the size limit."""

    def __init__(
        self,
        worksheet: Any,
        name: str,
        problems: Problems,
        max_bytes: int,
        unsaved: dict[int, list[str]],
    ) -> None:
        worksheet.reset_dimensions()  # a stale dimension in the file would cut rows short
        self.unsaved = unsaved
        self.title: str = worksheet.title
        self.rows = worksheet.iter_rows(min_row=1)
        self.problems = problems
        self.name = name
        self.budget = max_bytes
        self.max_bytes = max_bytes
        self.number = 0

    def position(self, number: int) -> str:
        """Where row *number* of the sheet is, for a problem."""
        return f"sheet {self.title}, row {number}"

    def next_row(self) -> tuple[list[str], bool] | None:
        """The next row's cells as text and whether all of them could be read; None at the end.

        A cell holding an Excel error, or a formula saved without its value, is a problem of its
        row (and reads as empty).
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cells = next(self.rows, None)
        if cells is None:
            return None
        self.number += 1
        texts, readable = [], True
        for index, cell in enumerate(cells):
            if cell.data_type == "e":
                self.problems.add(
                    self.position(self.number),
                    f"{column_letter(index)} holds the Excel error {cell.value}; "
                    "enter the value instead",
                )
                readable = False
            text = "" if cell.data_type == "e" else cell_text(cell.value)
            self.budget -= len(text)
            texts.append(text)
        for letter in self.unsaved.get(self.number, ()):
            self.problems.add(self.position(self.number), f"column {letter} {UNSAVED_FORMULA}")
            readable = False
        if self.budget < 0:
            raise too_large(self.name, self.max_bytes)
        return texts, readable


def _rows(sheet: _Sheet, columns: Columns, workbook: Any) -> Iterator[CsvRow]:
    try:
        while (row := sheet.next_row()) is not None:
            cells, readable = row
            stray = columns.stray(cells)
            if stray is not None:
                sheet.problems.add(
                    sheet.position(sheet.number),
                    f"has a value in {column_letter(stray)}, which has no header",
                )
                continue
            values = columns.values(cells)
            if readable and any(values.values()):
                yield CsvRow(sheet.number, values, sheet=sheet.title)
    finally:
        workbook.close()


def open_xlsx(
    source: str | Path | BinaryIO,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    sheet: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Table:
    """Open a worksheet of the workbook *source* (a path or a binary stream) as a :class:`Table`.

    The header is checked now, the rows are read as they are asked for, as by
    :func:`~jetrules.records._tabular.open_csv`. *sheet* names the worksheet to read; it may be
    left out when the workbook has only one. *max_bytes* bounds the file and the text of its
    cells.

    Raises:
        MissingExtra: openpyxl is not installed.
        InvalidRecords: the file or its cells' text is larger than *max_bytes*.
        OSError: the file cannot be read.
    """
    name = source_name(source)
    problems = Problems(name)
    data = _workbook_bytes(source, name, max_bytes)
    workbook = _load(data, problems)
    worksheet = None if workbook is None else _worksheet(workbook, sheet, problems)
    if worksheet is None:
        return Table(problems, (), iter(()))
    unsaved = _unsaved(data, worksheet, problems)
    reader = _Sheet(worksheet, name, problems, max_bytes, unsaved)
    columns = _header(reader, required, optional)
    if columns is None:
        workbook.close()
        return Table(problems, (), iter(()))
    problems.headers = columns.typed
    return Table(problems, columns.names, _rows(reader, columns, workbook))


def _header(sheet: _Sheet, required: Sequence[str], optional: Sequence[str]) -> Columns | None:
    """The columns row 1 names, or None with every problem of the header recorded."""
    row = sheet.next_row()
    if row is None or not any(row[0]):
        sheet.problems.add(
            sheet.position(1), f"has no header; expected one with {', '.join(required)}"
        )
        return None
    cells, readable = row
    columns, problems = match_header(
        cells, required=required, optional=optional, label=column_letter
    )
    for message in problems:
        sheet.problems.add(sheet.position(1), message)
    return columns if readable else None


def read_xlsx(
    source: str | Path | BinaryIO,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    sheet: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> tuple[Problems, list[CsvRow]]:
    """Every good row of a worksheet and every problem found, as :func:`read_csv` gives them."""
    table = open_xlsx(
        source, required=required, optional=optional, sheet=sheet, max_bytes=max_bytes
    )
    rows = list(table)
    return table.problems, rows
