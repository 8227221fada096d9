"""Shared machinery of the readers: CSV with line numbers, and collecting every problem."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO, TypeVar, final

from jetrules.errors import InvalidInput, InvalidRecords, RecordProblem, WrongType

__all__ = ["CsvRow", "Problems", "parse_json", "read_csv", "read_text"]

T = TypeVar("T")


@final
class Problems:
    """Collects the problems of one input so that all of them are reported at once.

    >>> problems = Problems("claims.csv")
    >>> problems.convert("line 2", "amount", int, "12a")
    >>> problems.raise_if_any()
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidRecords: claims.csv: 1 problem
    claims.csv: line 2: 'amount' could not be read (got '12a')
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._found: list[RecordProblem] = []

    def add(self, position: str, message: str) -> None:
        """Record that the record at *position* has the problem *message*."""
        self._found.append(RecordProblem(position=position, message=message))

    def convert(
        self, position: str, field: str, converter: Callable[[str], T], raw: str
    ) -> T | None:
        """``converter(raw)``, or ``None`` with the problem recorded when it refuses *raw*."""
        try:
            return converter(raw)
        except InvalidInput as error:
            self.add(position, str(error))
        except (ValueError, TypeError):
            self.add(position, f"{field!r} could not be read (got {raw!r})")
        return None

    def extend(self, other: Problems) -> None:
        """Add every problem *other* has found, after those found here."""
        self._found.extend(other._found)

    def __bool__(self) -> bool:
        return bool(self._found)

    def raise_if_any(self) -> None:
        """Raise :class:`InvalidRecords` with every problem found, if any, in file order.

        Problems found in different passes over the input are listed by position (a problem
        about the whole input first); those at one position keep the order they were found in.
        """
        if self._found:
            raise InvalidRecords(self.source, sorted(self._found, key=lambda p: p.order))


@final
class CsvRow:
    """One data row of a CSV file, with the line it starts on."""

    __slots__ = ("line", "values")

    def __init__(self, line: int, values: dict[str, str]) -> None:
        self.line = line
        self.values = values

    @property
    def position(self) -> str:
        """``"line N"``, counting the header as line 1."""
        return f"line {self.line}"


def _codec(encoding: str) -> str:
    """The codec's canonical name (``"cp932"``, ``"utf-8"``), refusing what is no text encoding."""
    if not isinstance(encoding, str):
        raise WrongType.for_field("encoding", "must be the name of a text encoding", encoding)
    try:
        name = codecs.lookup(encoding).name
        str(b"a", name, "replace")  # refuses codecs that are not bytes to text, such as rot13
    except LookupError:
        raise InvalidInput.for_field(
            "encoding", "must be a text encoding, such as utf-8 or cp932", encoding
        ) from None
    return name


def read_text(source: str | Path | TextIO, *, encoding: str = "utf-8") -> tuple[str, str]:
    """The name and the whole text of *source*, a path to a file or an open text stream.

    A file is decoded with *encoding*: UTF-8 by default (a byte-order mark is dropped), or
    another, such as ``"cp932"`` for what Excel saves as Shift_JIS on a Japanese Windows. An open
    text stream is already decoded; *encoding* is only checked.

    Raises:
        InvalidRecords: the file is not text in *encoding* (naming it and the line of the first
            bad byte).
        InvalidInput: *encoding* is no text encoding.
        OSError: the file cannot be read.
    """
    codec = _codec(encoding)
    if isinstance(source, str | Path):
        name, data = str(source), Path(source).read_bytes()
        try:
            return name, data.decode("utf-8-sig" if codec == "utf-8" else codec)
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            label, advice = (
                ("UTF-8", "save the file as UTF-8")
                if codec == "utf-8"
                else (codec, "give the encoding the file was saved in")
            )
            message = (
                f"is not {label} text (byte {data[error.start]:#04x} at offset {error.start}); "
                f"{advice}"
            )
            raise InvalidRecords(
                name, [RecordProblem(position=f"line {line}", message=message)]
            ) from None
    name = getattr(source, "name", "<input>")
    try:
        return name, source.read()
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text ({error.reason}); save the file as UTF-8"
        raise InvalidRecords(name, [RecordProblem(position="the input", message=message)]) from None


def parse_json(text: str, problems: Problems) -> object:
    """The JSON document in *text*, or ``None`` with the problem recorded in *problems*."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problems.add(f"line {error.lineno}", f"not valid JSON: {error.msg}")
    except RecursionError:
        problems.add("the file", "not valid JSON here: nested too deeply")
    except ValueError as error:  # e.g. a whole number longer than Python reads by default
        problems.add("the file", f"not valid JSON here: {error}")
    return None


def _open(source: str | Path | TextIO, encoding: str) -> tuple[str, TextIO]:
    name, text = read_text(source, encoding=encoding)
    return name, io.StringIO(text)


def read_csv(
    source: str | Path | TextIO,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    encoding: str = "utf-8",
) -> tuple[Problems, list[CsvRow]]:
    """Read a CSV file with a header line; check its columns; keep each row's line number.

    Missing required columns, unknown columns and rows with the wrong number of cells are
    recorded in the returned :class:`Problems` (such rows are left out of the list); the caller
    adds its own problems and calls ``raise_if_any()`` before using anything. *encoding* is the
    file's, as for :func:`read_text`.
    """
    name, stream = _open(source, encoding)
    problems = Problems(name)
    reader = csv.reader(stream, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        problems.add("line 1", f"the file is empty; expected a header with {', '.join(required)}")
        return problems, []
    except csv.Error as error:
        problems.add("line 1", f"not valid CSV: {error}")
        return problems, []
    missing = [column for column in required if column not in header]
    unknown = [column for column in header if column not in (*required, *optional)]
    if missing:
        problems.add("line 1", f"missing column(s): {', '.join(missing)}")
    if unknown:
        problems.add(
            "line 1",
            f"unknown column(s): {', '.join(unknown)}; "
            f"expected {', '.join((*required, *optional))}",
        )
    if missing or unknown:
        return problems, []
    rows = list(_rows(reader, header, problems))
    return problems, rows


def _rows(reader: Iterator[list[str]], header: list[str], problems: Problems) -> Iterator[CsvRow]:
    line = 1
    while True:
        line = getattr(reader, "line_num", line) + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.add(f"line {line}", f"not valid CSV: {error}")
            return
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.add(f"line {line}", f"has {len(cells)} cells; the header has {len(header)}")
            continue
        yield CsvRow(line, {k: v.strip() for k, v in zip(header, cells, strict=True)})
