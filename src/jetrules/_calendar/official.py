r"""The Cabinet Office's list of holidays, read as the office publishes it (private).

The office publishes ``syukujitsu.csv`` in Shift_JIS (CP932) with the header
``国民の祝日・休日月日,国民の祝日・休日名称`` and dates written ``1955/1/1``; copies in UTF-8 with
ISO dates and the header ``date,name`` are read too. Every bad row is reported with its line.

>>> rows = parse_official("date,name\n2019/5/1,休日（祝日扱い）", "list.csv")
>>> rows
((Date(2019, 5, 1), '休日（祝日扱い）'),)
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import operator
import os
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

import pendulum

from jetrules._calendar.span import FIRST_DAY, LAST_DAY
from jetrules._kernel.files import read_rules_file
from jetrules.errors import InvalidRecords, RecordProblem, WrongType

__all__ = [
    "BUNDLED_SOURCE",
    "OfficialRows",
    "bundled_by_year",
    "bundled_rows",
    "bundled_through",
    "bundled_year",
    "by_year",
    "decode_official",
    "parse_official",
    "read_official",
]

OfficialRows = tuple[tuple[pendulum.Date, str], ...]
"""(date, Japanese name) pairs in date order."""

BUNDLED_SOURCE = "jetrules/data/syukujitsu.csv"
"""Where the list bundled with jetrules is kept."""
_BUNDLED_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "syukujitsu.csv")
"""The bundled list's file, beside the package's modules."""

HEADERS = (("国民の祝日・休日月日", "国民の祝日・休日名称"), ("date", "name"))
_DAY = re.compile(r"(\d{4})([/-])(\d{1,2})\2(\d{1,2})")


def decode_official(data: bytes, source: str) -> str:
    """The text of *data*: UTF-8 (with or without a BOM), else Shift_JIS (CP932)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problem = RecordProblem(
            position=f"line {line}", message="is neither UTF-8 nor Shift_JIS (CP932) text"
        )
        raise InvalidRecords(source, [problem]) from None


def _day(text: str) -> dt.date | None:
    match = _DAY.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[3]), int(match[4]))
    except ValueError:
        return None


class _NotCsv(ValueError):
    """Text :mod:`csv` cannot read, at a line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """The number and cells of each line of CSV *text*; :class:`_NotCsv` where it is not CSV.

    The official lists quote nothing: text without a quote or a carriage return is split at
    its newlines and commas, as :mod:`csv` would split it, without importing :mod:`csv` (the
    calendar's first answer parses its year's rows); other text is read by :mod:`csv`, strictly.
    """
    if '"' not in text and "\r" not in text:
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()
        yield from enumerate((line.split(",") if line else [] for line in lines), start=1)
        return
    import csv  # noqa: PLC0415  (loaded on first use: the official lists quote nothing)

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # lines may end in CR alone
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as error:
        raise _NotCsv(reader.line_num, str(error)) from None


def parse_official(text: str, source: str) -> OfficialRows:
    """The rows of an official list; :class:`InvalidRecords` lists every bad one with its line."""
    problems: list[RecordProblem] = []

    def problem(line: int, message: str) -> None:
        problems.append(RecordProblem(position=f"line {line}", message=message))

    lines = _lines(text)
    rows: dict[dt.date, tuple[int, str]] = {}
    try:
        header = tuple(cell.strip() for cell in next(lines, (1, []))[1])
        if header not in HEADERS:
            expected = " or ".join(",".join(h) for h in HEADERS)
            problem(1, f"the header must be {expected} (got {','.join(header)!r})")
        for line, cells in lines:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != 2:
                problem(line, f"has {len(cells)} cells; expected 2 (date, name)")
                continue
            day, name = _day(cells[0]), cells[1].strip()
            if day is None:
                problem(line, f"'date' must be a date such as 2019/5/1 (got {cells[0]!r})")
            elif not FIRST_DAY <= day <= LAST_DAY:
                problem(line, f"'date' must be from {FIRST_DAY} to {LAST_DAY} (got {cells[0]!r})")
            elif day in rows:
                problem(line, f"'date' {day} is listed twice (first on line {rows[day][0]})")
            else:
                rows[day] = (line, name)
            if not name:
                problem(line, "'name' must be non-empty text (got '')")
    except _NotCsv as error:
        problem(error.line, f"not valid CSV: {error}")
    if not rows and not problems:
        problem(2, "the list has no holidays")
    if problems:
        raise InvalidRecords(source, problems)
    return tuple(
        (pendulum.Date(day.year, day.month, day.day), name)
        for day, (_, name) in sorted(rows.items())
    )


def _bundled_bytes() -> bytes:
    """The bundled list's bytes, read from its file beside the package's modules.

    A package imported from a zip has no such file: then through :mod:`importlib.resources`,
    which costs a few milliseconds more.
    """
    try:
        with open(_BUNDLED_PATH, "rb") as file:
            return file.read()
    except OSError:
        from importlib.resources import files  # noqa: PLC0415  (only a zipped package needs it)

        return files("jetrules").joinpath("data", "syukujitsu.csv").read_bytes()


@functools.cache
def _bundled_lines() -> Mapping[int, tuple[str, ...]]:
    """The bundled list's lines by year, unparsed: the header, then the year's rows.

    The bundled list is UTF-8 and every row starts with its ISO date, so its first four
    characters are its year; :func:`bundled_year` parses a year's lines when the year is first
    asked about.
    """
    header, *lines = _bundled_bytes().decode("utf-8").splitlines()
    grouped: dict[int, list[str]] = {}
    for year, rows in itertools.groupby(lines, operator.itemgetter(slice(0, 4))):
        grouped.setdefault(int(year), []).extend(rows)
    return MappingProxyType({year: (header, *rows) for year, rows in grouped.items()})


@functools.cache
def _bundled_rows_of(year: int) -> OfficialRows:
    """The parsed rows of a year the bundled list covers, parsed once."""
    return parse_official("\n".join(_bundled_lines()[year]), BUNDLED_SOURCE)


def bundled_year(year: int) -> OfficialRows | None:
    """The bundled list's rows of calendar *year*, None for a year it does not cover.

    Parsed (and checked, as any list is) on first use, a year at a time: the first answer about
    a day reads only its year's rows.

    >>> bundled_year(2019)[:2]
    ((Date(2019, 1, 1), '元日'), (Date(2019, 1, 14), '成人の日'))
    >>> bundled_year(1950) is None
    True
    """
    return _bundled_rows_of(year) if year in _bundled_lines() else None


def bundled_through() -> int:
    """The newest year of the bundled list.

    >>> bundled_through()
    2027
    """
    return max(_bundled_lines())


@functools.cache
def bundled_by_year() -> Mapping[int, OfficialRows]:
    """The bundled list grouped by calendar year, every year parsed (read-only)."""
    return MappingProxyType({year: _bundled_rows_of(year) for year in sorted(_bundled_lines())})


def bundled_rows() -> OfficialRows:
    """The official list that ships with jetrules, every row in date order."""
    return tuple(row for rows in bundled_by_year().values() for row in rows)


def by_year(rows: OfficialRows) -> Mapping[int, OfficialRows]:
    """*rows* grouped by calendar year (read-only)."""
    grouped: dict[int, list[tuple[pendulum.Date, str]]] = {}
    for row in rows:
        grouped.setdefault(row[0].year, []).append(row)
    return MappingProxyType({year: tuple(days) for year, days in grouped.items()})


def read_official(source: str | os.PathLike[str] | bytes) -> tuple[str, OfficialRows]:
    """Where the list in *source* came from, and its rows.

    *source* is a path, or the file's bytes: Shift_JIS (CP932) as the office publishes it, or
    UTF-8. A malformed file raises :class:`~jetrules.errors.InvalidRecords` naming every bad line.
    """
    if isinstance(source, bytes):
        name, data = "<bytes>", source
    elif not isinstance(source, str | os.PathLike):
        raise WrongType.for_field("source", "must be a path or the list's bytes", source)
    else:
        name = os.fspath(source)
        data = read_rules_file(name, "a holiday list")
    return name, parse_official(decode_official(data, name), name)
