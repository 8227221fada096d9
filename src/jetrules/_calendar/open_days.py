"""The open days of a business calendar, as tables per year, and moving through them (private).

A :class:`~jetrules.calendar.BusinessCalendar` is a value: its fields say which days close. The
tables here are what it computes from them: for each year asked about, which days are open and
how many open days come before each, built once on first use. :class:`OpenDays` holds a
calendar's tables and a memo of answers beside them; it is not a value, never compared, and
pickles as an empty table that fills in again from the same rules.

>>> from jetrules._calendar.table import HolidayTable
>>> days = OpenDays(HolidayTable(), frozenset({5, 6}), True, frozenset(), frozenset())
>>> days.is_open("2019-05-06"), days.is_open("2019-05-07")
(False, True)
"""

from __future__ import annotations

import datetime as dt
import numbers
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import Any, final

import pendulum

from jetrules._calendar.span import FIRST_DAY, LAST_DAY, known_day
from jetrules._calendar.table import HolidayTable
from jetrules._kernel.dates import DateLike, to_date
from jetrules.errors import WrongType

__all__ = ["YEAR_END_DAYS", "OpenDays", "YearTable", "date_of", "day_count"]

YEAR_END_DAYS = ((1, 1), (1, 2), (1, 3), (12, 29), (12, 30), (12, 31))
"""(month, day) of the year-end closure, 29 December to 3 January."""


def date_of(ordinal: int) -> pendulum.Date:
    """The day with proleptic Gregorian *ordinal*, as a ``pendulum.Date``."""
    day = dt.date.fromordinal(ordinal)
    return pendulum.Date(day.year, day.month, day.day)


def day_count(value: object, field: str) -> int:
    """*value*, a number of business days to move or count by: an integer (not a bool).

    Any integer type will do (``numpy.int64`` from a pandas column too); it comes back an int.

    >>> day_count(2.0, "n")
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'n' must be an int (got 2.0)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise WrongType.for_field(field, "must be an int", value)
    return int(value)


@final
class YearTable:
    """One calendar year of a business calendar, as tables indexed by day of the year.

    ``open[i]`` is 1 when day *i* (counted from ``start``, an ordinal) is a business day;
    ``ranks[i]`` is how many business days of the year fall on or before day *i*; ``ordinals``
    lists the business days.
    """

    __slots__ = ("_dates", "open", "ordinals", "ranks", "start", "year")

    def __init__(self, year: int, start: int, open_days: bytearray) -> None:
        self.year = year
        self.start = start
        self.open = bytes(open_days)
        self.ordinals = tuple(start + i for i, is_open in enumerate(open_days) if is_open)
        self.ranks = tuple(accumulate(open_days))
        self._dates: tuple[pendulum.Date, ...] | None = None

    def start_date(self, index: int) -> pendulum.Date:
        """Day *index* of the year."""
        return date_of(self.start + index)

    def business_dates(self) -> tuple[pendulum.Date, ...]:
        """The business days of the year as ``pendulum.Date`` values, made when first asked."""
        if self._dates is None:
            self._dates = tuple(date_of(ordinal) for ordinal in self.ordinals)
        return self._dates


@final
class OpenDays:
    """A business calendar's tables of open days, a year at a time, and a memo of answers.

    Built from the calendar's rules (the holiday table, the weekly closed days, whether the year-end
    closure applies, added closures and working days) and from nothing else, so every answer is the
    one a fresh table would give.
    """

    __slots__ = ("_closures", "_holidays", "_weekend", "_working", "_year_end", "_years", "answers")

    def __init__(
        self,
        holidays: HolidayTable,
        weekend: frozenset[int],
        year_end_closure: bool,
        closures: frozenset[pendulum.Date],
        working_days: frozenset[pendulum.Date],
    ) -> None:
        self._holidays = holidays
        self._weekend = weekend
        self._year_end = year_end_closure
        self._closures = closures
        self._working = working_days
        self._years: dict[int, YearTable] = {}
        self.answers: dict[dt.date, bool] = {}
        """Whether each day of every year asked about is open (a memo filled by :meth:`is_open`)."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its rules: the tables are built again on first use."""
        rules = (self._holidays, self._weekend, self._year_end, self._closures, self._working)
        return OpenDays, rules

    def year(self, year: int) -> YearTable:
        """The tables of *year* (between the first and the last year of the range)."""
        table = self._years.get(year)
        if table is None:
            table = self._years[year] = self._build(year)
        return table

    def _build(self, year: int) -> YearTable:
        first = max(FIRST_DAY, dt.date(year, 1, 1))
        start = first.toordinal()
        closed = {day.toordinal() for day in self._holidays.holiday_dates(year)}
        if self._year_end:
            closed.update(dt.date(year, m, d).toordinal() for m, d in YEAR_END_DAYS)
        closed.update(d.toordinal() for d in self._closures if d.year == year)
        working = {d.toordinal() for d in self._working if d.year == year}
        weekday, weekend = first.weekday(), self._weekend
        open_days = bytearray(dt.date(year, 12, 31).toordinal() - start + 1)
        for i in range(len(open_days)):
            ordinal = start + i
            if ordinal in working or ((weekday + i) % 7 not in weekend and ordinal not in closed):
                open_days[i] = 1
        return YearTable(year, start, open_days)

    def locate(self, day: DateLike, field: str) -> tuple[YearTable, int]:
        """The year's tables and the day's index in them; OutOfRange outside the range."""
        date = day if type(day) is pendulum.Date or type(day) is dt.date else to_date(day, field)
        table = self._years.get(date.year)
        if table is None:
            if not FIRST_DAY.year <= date.year <= LAST_DAY.year:
                known_day(day, field)
            table = self.year(date.year)
        index = date.toordinal() - table.start
        if index < 0:
            known_day(day, field)
        return table, index

    def is_open(self, day: DateLike) -> bool:
        """Whether *day* is a business day; the answers for its whole year join :attr:`answers`.

        A caller in a hurry looks *day* up in :attr:`answers` first, and asks here when it is
        not there.
        """
        table, index = self.locate(day, "day")
        days = map(dt.date.fromordinal, range(table.start, table.start + len(table.open)))
        self.answers.update(zip(days, map(bool, table.open), strict=True))
        return table.open[index] == 1

    def shift(self, table: YearTable, index: int, n: int) -> pendulum.Date | None:
        """The n-th business day from day *index* of *table*; None past the range.

        For n > 0 it is strictly after the day, for n < 0 strictly before it, and for n == 0 the
        last business day on or before it (as ``numpy.busday_offset``'s ``roll="backward"``).
        """
        if n > 0:
            position = table.ranks[index] + n - 1  # business days up to the day, then n more
            while position >= len(table.ordinals):
                position -= len(table.ordinals)
                if table.year == LAST_DAY.year:
                    return None
                table = self.year(table.year + 1)
        else:
            # n < 0: business days strictly before the day, then n more; n == 0: the last
            # business day on or before the day, as numpy's roll="backward"
            position = table.ranks[index] - (table.open[index] if n else 1) + n
            while position < 0:
                if table.year == FIRST_DAY.year:
                    return None
                table = self.year(table.year - 1)
                position += len(table.ordinals)
        return table.business_dates()[position]

    def count_between(self, start: DateLike, end: DateLike) -> int:
        """The number of business days d with start < d <= end; negative when end < start."""
        first, first_index = self.locate(start, "start")
        last, last_index = self.locate(end, "end")
        count = last.ranks[last_index] - first.ranks[first_index]
        low, high = sorted((first.year, last.year))
        years = sum(len(self.year(year).ordinals) for year in range(low, high))
        return count + years if first.year <= last.year else count - years

    def dates_between(self, start: DateLike, end: DateLike) -> Iterator[pendulum.Date]:
        """The business days d with start <= d <= end, in order."""
        first, first_index = self.locate(start, "start")
        last, last_index = self.locate(end, "end")
        first_ordinal, last_ordinal = first.start + first_index, last.start + last_index
        year, table = first.year, first
        while table.start <= last_ordinal:
            low = bisect_left(table.ordinals, first_ordinal)
            high = bisect_right(table.ordinals, last_ordinal)
            for ordinal in table.ordinals[low:high]:
                yield date_of(ordinal)
            year += 1
            if year > LAST_DAY.year:
                return
            table = self.year(year)
