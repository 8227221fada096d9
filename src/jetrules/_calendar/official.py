r"""The Cabinet Office's list of holidays, read as the office publishes it (private).

The office publishes ``syukujitsu.csv`` in Shift_JIS (CP932) with the header
``国民の祝日・休日月日,国民の祝日・休日名称`` and dates written ``1955/1/1``; copies in UTF-8 with
ISO dates and the header ``date,name`` are read too. Every bad row is reported with its line.

>>> rows = parse_official("date,name\n2019/5/1,休日（祝日扱い）", "list.csv")
>>> rows
((Date(2019, 5, 1), '休日（祝日扱い）'),)
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import final

import attrs
import pendulum

from jetrules._calendar.holidays import (
    FIRST_DAY,
    LAST_DAY,
    Holiday,
    HolidayKind,
    kind_of_unnamed_rest_day,
    known_day,
    known_year,
    national_names,
    one_off_names,
    rules_for_year,
)
from jetrules._kernel.dates import DateLike, to_date
from jetrules.errors import InvalidInput, InvalidRecords, RecordProblem, WrongType

__all__ = [
    "HolidayTable",
    "OfficialRows",
    "bundled_rows",
    "decode_official",
    "load_official_holidays",
    "parse_official",
]

OfficialRows = tuple[tuple[pendulum.Date, str], ...]
"""(date, Japanese name) pairs in date order."""

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


def parse_official(text: str, source: str) -> OfficialRows:
    """The rows of an official list; :class:`InvalidRecords` lists every bad one with its line."""
    problems: list[RecordProblem] = []

    def problem(line: int, message: str) -> None:
        problems.append(RecordProblem(position=f"line {line}", message=message))

    reader = csv.reader(io.StringIO(text), strict=True)
    rows: dict[dt.date, tuple[int, str]] = {}
    try:
        header = tuple(cell.strip() for cell in next(reader, []))
        if header not in HEADERS:
            expected = " or ".join(",".join(h) for h in HEADERS)
            problem(1, f"the header must be {expected} (got {','.join(header)!r})")
        for cells in reader:
            line = reader.line_num
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
    except csv.Error as error:
        problem(reader.line_num, f"not valid CSV: {error}")
    if not rows and not problems:
        problem(2, "the list has no holidays")
    if problems:
        raise InvalidRecords(source, problems)
    return tuple(
        (pendulum.Date(day.year, day.month, day.day), name)
        for day, (_, name) in sorted(rows.items())
    )


@functools.cache
def bundled_rows() -> OfficialRows:
    """The official list that ships with jetrules, read once on first use."""
    from importlib.resources import files  # noqa: PLC0415  (not needed until a holiday is asked)

    data = files("jetrules").joinpath("data", "syukujitsu.csv").read_bytes()
    return parse_official(decode_official(data, "syukujitsu.csv"), "jetrules/data/syukujitsu.csv")


# --- holiday tables: an official list over the rules ------------------------------------


def _by_year(rows: OfficialRows) -> Mapping[int, OfficialRows]:
    grouped: dict[int, list[tuple[pendulum.Date, str]]] = {}
    for row in rows:
        grouped.setdefault(row[0].year, []).append(row)
    return MappingProxyType({year: tuple(days) for year, days in grouped.items()})


_BUNDLED_SOURCE = "jetrules/data/syukujitsu.csv"

_Year = tuple[tuple[Holiday, ...], Mapping[dt.date, Holiday]]
"""A resolved year: its holidays in date order, and the same keyed by date (read-only)."""


@functools.cache
def _bundled_by_year() -> Mapping[int, OfficialRows]:
    return _by_year(bundled_rows())


def _official_rows(value: Iterable[tuple[DateLike, str]] | None) -> OfficialRows | None:
    """*value* as a tuple of (date, name) tuples, so that no caller can change it later."""
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongType.for_field("official", "must be a collection of (date, name) pairs", value)
    rows = []
    for row in value:
        if not (isinstance(row, tuple | list) and len(row) == 2 and isinstance(row[1], str)):
            raise WrongType.for_field("official", "must hold (date, Japanese name) pairs", row)
        rows.append((to_date(row[0], "official"), row[1]))
    return tuple(rows)


def _source_name(value: str) -> str:
    if not isinstance(value, str):
        raise WrongType.for_field("source", "must be text naming where the list came from", value)
    return value


def _official_holiday(
    day: pendulum.Date,
    name_ja: str,
    predicted: Holiday | None,
    so_far: Mapping[dt.date, HolidayKind],
) -> Holiday:
    if predicted is not None and predicted.name_ja == name_ja:
        return predicted
    if name_ja == "休日":
        name_en, kind = kind_of_unnamed_rest_day(day, so_far)
    elif name_ja == "休日（祝日扱い）":
        name_en, kind = "Day treated as a national holiday", HolidayKind.SPECIAL
    elif name_ja in national_names():
        name_en, kind = national_names()[name_ja], HolidayKind.NATIONAL
    elif name_ja in one_off_names():  # a ceremony on a date no rule knows: whose, unknown
        name_en, kind = one_off_names()[name_ja], HolidayKind.SPECIAL
    else:
        name_en, kind = "Special holiday", HolidayKind.SPECIAL
    return Holiday(date=day, name_en=name_en, name_ja=name_ja, kind=kind)


@final
@attrs.frozen(kw_only=True, repr=False)
class HolidayTable:
    """National holidays: an official list for the years it covers, the Act's rules elsewhere.

    ``HolidayTable()`` uses the Cabinet Office's list bundled with jetrules. Days after the newest
    year of the official list (:attr:`official_through`) are ``provisional``, and no others: years
    before the list, or between two years it covers, are computed and settled history.
    :func:`load_official_holidays` gives a table with a newer list. Tables are values: loading a
    list never changes a table already in use.

    >>> table = HolidayTable()
    >>> table.official_through
    2027
    >>> table.holiday_on("2028-01-01").provisional
    True
    """

    official: OfficialRows | None = attrs.field(default=None, converter=_official_rows)
    """(date, Japanese name) rows of an official list; None for the list bundled with jetrules."""
    source: str = attrs.field(default=_BUNDLED_SOURCE, converter=_source_name)
    """Where the official list came from."""
    _official_years: Mapping[int, OfficialRows] | None = attrs.field(
        init=False, eq=False, hash=False
    )
    _years: dict[int, _Year] = attrs.field(init=False, factory=dict, eq=False, hash=False)
    """The resolved years asked about so far (a memo; it hands out only immutable values)."""

    def __attrs_post_init__(self) -> None:
        if self.official is not None and not self.official:
            raise InvalidInput.for_field("official", "must hold at least one row", self.official)
        grouped = None if self.official is None else _by_year(self.official)
        object.__setattr__(self, "_official_years", grouped)

    def _official(self) -> Mapping[int, OfficialRows]:
        if self._official_years is None:  # the bundled list, read on first use
            return _bundled_by_year()
        return self._official_years

    @property
    def official_through(self) -> int:
        """The newest year the official list covers: exactly the later holidays are provisional."""
        return max(self._official())

    def holidays_in(self, year: int) -> tuple[Holiday, ...]:
        """Every holiday of calendar *year*, in date order (only from 1948-07-20 in 1948).

        >>> [h.name_en for h in HolidayTable().holidays_in(2021)][9:12]
        ['Marine Day', 'Sports Day', 'Mountain Day']
        """
        return self._year(known_year(year))[0]

    def holiday_on(self, day: DateLike) -> Holiday | None:
        """The holiday on *day*, or None on a day that is not one.

        >>> print(HolidayTable().holiday_on("2019-12-23"))
        None
        """
        date = known_day(day, "day")
        return self._year(date.year)[1].get(date)

    def is_national_holiday(self, day: DateLike) -> bool:
        """Whether *day* is a holiday of any kind (national, substitute, citizens', special)."""
        return self.holiday_on(day) is not None

    def _year(self, year: int) -> _Year:
        found = self._years.get(year)
        if found is None:
            holidays = self._resolve(year)
            found = self._years[year] = (holidays, MappingProxyType({h.date: h for h in holidays}))
        return found

    def _resolve(self, year: int) -> tuple[Holiday, ...]:
        official = self._official()
        rows = official.get(year)
        if rows is None:
            if year > self.official_through:  # not announced yet: the rules predict it
                return tuple(attrs.evolve(h, provisional=True) for h in rules_for_year(year))
            return rules_for_year(year)  # before the list or a year it skips: settled history
        predicted = {h.date: h for h in rules_for_year(year)}
        so_far: dict[dt.date, HolidayKind] = {}
        holidays = []
        for day, name_ja in rows:
            holiday = _official_holiday(day, name_ja, predicted.get(day), so_far)
            so_far[day] = holiday.kind
            holidays.append(holiday)
        return tuple(holidays)

    def __repr__(self) -> str:
        if self.official is None:
            return "HolidayTable()"
        return f"HolidayTable(source={self.source!r}, official_through={self.official_through})"


def load_official_holidays(
    source: str | os.PathLike[str] | bytes, *, base: HolidayTable | None = None
) -> HolidayTable:
    r"""A new table with the Cabinet Office's list in *source* laid over *base*.

    *source* is a path, or the file's bytes: Shift_JIS (CP932) as the office publishes it, or
    UTF-8. Each year the file names replaces that year of *base* (the bundled list by default)
    whole, and the rules' predictions for it; every other year keeps *base*'s official days, so a
    file covering fewer years than *base* drops none of them. :attr:`~HolidayTable.official_through`
    is then the newest year of either, and only later days are provisional. Nothing already in
    use changes. A malformed file raises :class:`~jetrules.errors.InvalidRecords` naming every
    bad line.

    >>> table = load_official_holidays("2028/1/1,元日".encode("cp932"))
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidRecords: <bytes>: 1 problem
    <bytes>: line 1: the header must be ...
    >>> text = "国民の祝日・休日月日,国民の祝日・休日名称\r\n2028/1/1,元日\r\n"
    >>> table = load_official_holidays(text.encode("cp932"))
    >>> [(h.date, h.name_en, h.provisional) for h in table.holidays_in(2028)]
    [(Date(2028, 1, 1), "New Year's Day", False)]
    """
    if base is not None and not isinstance(base, HolidayTable):
        raise WrongType.for_field("base", "must be a HolidayTable or None", base)
    if isinstance(source, bytes):
        name, data = "<bytes>", source
    elif not isinstance(source, str | os.PathLike):
        raise WrongType.for_field("source", "must be a path or the list's bytes", source)
    else:
        name = os.fspath(source)
        with open(name, "rb") as file:
            data = file.read()
    rows = parse_official(decode_official(data, name), name)
    under = base if base is not None else HolidayTable()
    merged = dict(under._official())
    merged.update(_by_year(rows))
    return HolidayTable(
        official=tuple(row for year in sorted(merged) for row in merged[year]), source=name
    )
