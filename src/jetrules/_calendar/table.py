"""Holiday tables: an official list over the Act's rules, and the bundled one (private).

:class:`HolidayTable` is a value (an official list and where it came from); the years it resolves
are kept beside it, in a :class:`ResolvedYears` made when the table is, filled in on first use
from the table's own list and rules, never compared and pickled empty. :func:`holidays_in`,
:func:`holiday_on` and :func:`is_national_holiday` look days up in the bundled table.

>>> print(holiday_on("2019-05-01").name_en)
Enthronement of Emperor Naruhito
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, final

import attrs
import pendulum

from jetrules._calendar.holidays import (
    Holiday,
    HolidayKind,
    kind_of_unnamed_rest_day,
    known_day,
    known_year,
    rules_for_year,
)
from jetrules._calendar.official import (
    BUNDLED_SOURCE,
    OfficialRows,
    bundled_by_year,
    bundled_through,
    bundled_year,
    by_year,
    read_official,
)
from jetrules._kernel.dates import DateLike, to_date
from jetrules._kernel.fields import of_type
from jetrules.errors import InvalidInput, WrongType

__all__ = [
    "BUNDLED_TABLE",
    "HolidayTable",
    "ResolvedYears",
    "holiday_on",
    "holidays_in",
    "is_national_holiday",
    "load_official_holidays",
]

Year = tuple[tuple[Holiday, ...], Mapping[dt.date, Holiday]]
"""A resolved year: its holidays in date order, and the same keyed by date (read-only)."""


def _official_holiday(
    day: pendulum.Date, name_ja: str, so_far: Mapping[dt.date, HolidayKind]
) -> Holiday:
    """A row of an official list as a holiday, named from the names alone (no date rules).

    The day a special act made a holiday is named for it; a ``休日`` is a substitute or a
    citizens' holiday by the days before it; other names are the Act's, or one-off ceremonies
    on another date (whose, unknown), or special days.
    """
    from jetrules._calendar import holiday_names as names  # noqa: PLC0415  (loaded on first use)

    one_off = names.ONE_OFF_DAY_NAMES.get(day)
    if one_off is not None and one_off[0].ja == name_ja:
        name_en, kind = one_off[0].en, HolidayKind.SPECIAL
    elif name_ja == "休日":
        name_en, kind = kind_of_unnamed_rest_day(day, so_far)
    elif name_ja == names.TREATED_AS_HOLIDAY:
        name_en, kind = "Day treated as a national holiday", HolidayKind.SPECIAL
    elif name_ja in names.NATIONAL_NAMES:
        name_en, kind = names.NATIONAL_NAMES[name_ja], HolidayKind.NATIONAL
    elif name_ja in names.ONE_OFF_NAMES:  # a ceremony on a date no rule knows: whose, unknown
        name_en, kind = names.ONE_OFF_NAMES[name_ja], HolidayKind.SPECIAL
    else:
        name_en, kind = "Special holiday", HolidayKind.SPECIAL
    return Holiday(date=day, name_en=name_en, name_ja=name_ja, kind=kind)


@final
class ResolvedYears:
    """A holiday table's years: its official list by year, and each year resolved once.

    Made from the table's rows alone (None for the bundled list, read a year at a time on first
    use), so every year it hands out is the one a fresh table would resolve; only immutable
    values leave it. A year the official list covers is named from the names tables alone
    (:mod:`jetrules._calendar.holiday_names`), and its dates come without names for counting
    business days; the Act's date rules compute the other years.
    """

    __slots__ = ("_dates", "_grouped", "_rows", "_years")

    def __init__(self, rows: OfficialRows | None) -> None:
        self._rows = rows
        self._grouped = None if rows is None else by_year(rows)
        self._years: dict[int, Year] = {}
        self._dates: dict[int, frozenset[pendulum.Date]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as the rows it was made from: the years are resolved again on first use."""
        return ResolvedYears, (self._rows,)

    def official(self) -> Mapping[int, OfficialRows]:
        """The official list by year (read-only)."""
        return bundled_by_year() if self._grouped is None else self._grouped

    def official_rows(self, year: int) -> OfficialRows | None:
        """The official list's rows of *year*, None for a year it does not cover."""
        return bundled_year(year) if self._grouped is None else self._grouped.get(year)

    def official_through(self) -> int:
        """The newest year of the official list."""
        return bundled_through() if self._grouped is None else max(self._grouped)

    def year(self, year: int) -> Year:
        """The holidays of *year*, resolved on first use."""
        found = self._years.get(year)
        if found is None:
            holidays = self._resolve(year)
            found = self._years[year] = (holidays, MappingProxyType({h.date: h for h in holidays}))
        return found

    def dates(self, year: int) -> frozenset[pendulum.Date]:
        """The dates of the holidays of *year*: the official list's, else the resolved year's."""
        found = self._dates.get(year)
        if found is None:
            rows = self.official_rows(year)
            if rows is None:
                found = frozenset(holiday.date for holiday in self.year(year)[0])
            else:
                found = frozenset(day for day, _ in rows)
            self._dates[year] = found
        return found

    def _resolve(self, year: int) -> tuple[Holiday, ...]:
        rows = self.official_rows(year)
        if rows is None:
            if year > self.official_through():  # not announced yet: the rules predict it
                return tuple(attrs.evolve(h, provisional=True) for h in rules_for_year(year))
            return rules_for_year(year)  # before the list or a year it skips: settled history
        so_far: dict[dt.date, HolidayKind] = {}
        holidays = []
        for day, name_ja in rows:
            holiday = _official_holiday(day, name_ja, so_far)
            so_far[day] = holiday.kind
            holidays.append(holiday)
        return tuple(holidays)


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


def _resolved_years(table: HolidayTable) -> ResolvedYears:
    return ResolvedYears(table.official)


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
    source: str = attrs.field(
        default=BUNDLED_SOURCE,
        validator=of_type(str, "must be text naming where the list came from"),
    )
    """Where the official list came from."""
    _resolved: ResolvedYears = attrs.field(
        init=False, default=attrs.Factory(_resolved_years, takes_self=True), eq=False
    )
    """The years asked about so far, beside the table (made with it; not part of its value)."""

    @official.validator
    def _has_rows(self, attribute: attrs.Attribute[OfficialRows | None], value: object) -> None:
        if value is not None and not value:
            raise InvalidInput.for_field(attribute.name, "must hold at least one row", value)

    def _official(self) -> Mapping[int, OfficialRows]:
        return self._resolved.official()

    @property
    def official_through(self) -> int:
        """The newest year the official list covers: exactly the later holidays are provisional."""
        return self._resolved.official_through()

    def holidays_in(self, year: int) -> tuple[Holiday, ...]:
        """Every holiday of calendar *year*, in date order (only from 1948-07-20 in 1948).

        >>> [h.name_en for h in HolidayTable().holidays_in(2021)][9:12]
        ['Marine Day', 'Sports Day', 'Mountain Day']
        """
        return self._resolved.year(known_year(year))[0]

    def holiday_on(self, day: DateLike) -> Holiday | None:
        """The holiday on *day*, or None on a day that is not one.

        >>> print(HolidayTable().holiday_on("2019-12-23"))
        None
        """
        date = known_day(day, "day")
        if date not in self._resolved.dates(date.year):
            return None  # no name to resolve
        return self._resolved.year(date.year)[1][date]

    def is_national_holiday(self, day: DateLike) -> bool:
        """Whether *day* is a holiday of any kind (national, substitute, citizens', special)."""
        date = known_day(day, "day")
        return date in self._resolved.dates(date.year)

    def holiday_dates(self, year: int) -> frozenset[pendulum.Date]:
        """The dates of every holiday of calendar *year*: :meth:`holidays_in`'s, without names.

        Business days need no more; a year the official list covers is read from the list
        without resolving the holidays' names.

        >>> sorted(d.day for d in HolidayTable().holiday_dates(2019) if d.month == 5)
        [1, 2, 3, 4, 5, 6]
        """
        return self._resolved.dates(known_year(year))

    def _year(self, year: int) -> Year:
        return self._resolved.year(year)

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
    name, rows = read_official(source)
    under = base if base is not None else BUNDLED_TABLE
    merged = dict(under._official())
    merged.update(by_year(rows))
    return HolidayTable(
        official=tuple(row for year in sorted(merged) for row in merged[year]), source=name
    )


BUNDLED_TABLE = HolidayTable()
"""The holidays of the Cabinet Office's list bundled with jetrules, and of the Act elsewhere."""


def holidays_in(year: int) -> tuple[Holiday, ...]:
    """Every holiday of calendar *year*, in date order, from the bundled list and the rules.

    >>> [h.date.day for h in holidays_in(2019) if h.date.month == 5]
    [1, 2, 3, 4, 5, 6]
    """
    return BUNDLED_TABLE.holidays_in(year)


def holiday_on(day: DateLike) -> Holiday | None:
    """The holiday on *day*, or None.

    >>> holiday_on("2020-02-24").kind
    <HolidayKind.SUBSTITUTE: 'substitute'>
    """
    return BUNDLED_TABLE.holiday_on(day)


def is_national_holiday(day: DateLike) -> bool:
    """Whether *day* is a holiday of any kind.

    >>> is_national_holiday("2019-12-23"), is_national_holiday("2020-02-23")
    (False, True)
    """
    return BUNDLED_TABLE.is_national_holiday(day)
