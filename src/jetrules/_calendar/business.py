"""Business days and reply deadlines (private: :mod:`jetrules.calendar` is its face)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Any, final

import attrs
import pendulum

from jetrules._calendar.holidays import FIRST_DAY, LAST_DAY, known_day
from jetrules._calendar.official import HolidayTable
from jetrules._kernel.dates import TOKYO, DateLike, InstantLike, to_date, to_instant
from jetrules.errors import InvalidInput, OutOfRange, WrongType
from jetrules.text import Label, Lang, Source

__all__ = [
    "SERVICE_CALENDAR",
    "SERVICE_CALENDAR_SOURCE",
    "BusinessCalendar",
    "ClosedDay",
    "Deadline",
    "business_calendar",
    "deadline",
]

SERVICE_CALENDAR_SOURCE = Source(
    title="Act on Holidays of Administrative Organs (行政機関の休日に関する法律), "
    "Act No. 91 of 1988"
)
"""Where :data:`SERVICE_CALENDAR`'s closed days come from."""

# --- business days --------------------------------------------------------------------------

_WEEKDAYS = (
    Label(en="Monday", ja="月曜日"),
    Label(en="Tuesday", ja="火曜日"),
    Label(en="Wednesday", ja="水曜日"),
    Label(en="Thursday", ja="木曜日"),
    Label(en="Friday", ja="金曜日"),
    Label(en="Saturday", ja="土曜日"),
    Label(en="Sunday", ja="日曜日"),
)
_YEAR_END = Label(
    en="year-end closure, 29 December to 3 January", ja="年末年始の休日（12月29日から1月3日）"
)
_ADDED_CLOSURE = Label(en="closure added to the calendar", ja="追加の休業日")
_YEAR_END_DAYS = ((1, 1), (1, 2), (1, 3), (12, 29), (12, 30), (12, 31))


def _members(value: object, field: str, rule: str) -> tuple[Any, ...]:
    """The items of *value*, a collection (not text): WrongType naming *field* otherwise."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongType.for_field(field, rule, value)
    return tuple(value)


def _weekend(value: Iterable[int]) -> frozenset[int]:
    days = frozenset(_members(value, "weekend", "must be a collection of weekday numbers"))
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise InvalidInput.for_field(
            "weekend", "must hold weekday numbers from 0 (Monday) to 6 (Sunday)", value
        )
    if len(days) == 7:
        raise InvalidInput.for_field("weekend", "must leave at least one weekday open", value)
    return days


def _day_set(value: Iterable[DateLike], field: str) -> frozenset[pendulum.Date]:
    days = _members(value, field, "must be a collection of dates")
    return frozenset(known_day(day, field) for day in days)


def _holiday_table(value: HolidayTable) -> HolidayTable:
    if not isinstance(value, HolidayTable):
        raise WrongType.for_field("holidays", "must be a HolidayTable", value)
    return value


def _flag(value: bool) -> bool:
    if not isinstance(value, bool):
        raise WrongType.for_field("year_end_closure", "must be True or False", value)
    return value


def _closures(value: Iterable[DateLike]) -> frozenset[pendulum.Date]:
    return _day_set(value, "closures")


def _working_days(value: Iterable[DateLike]) -> frozenset[pendulum.Date]:
    return _day_set(value, "working_days")


def _count(value: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType.for_field(field, "must be an int", value)
    return value


def _date(ordinal: int) -> pendulum.Date:
    day = dt.date.fromordinal(ordinal)
    return pendulum.Date(day.year, day.month, day.day)


@final
class _Year:
    """One calendar year of a business calendar, as tables indexed by day of the year.

    ``open[i]`` is 1 when day *i* (counted from ``start``, an ordinal) is a business day;
    ``ranks[i]`` is how many business days of the year fall on or before day *i*; ``ordinals``
    lists the business days. ``dates`` holds them as ``pendulum.Date`` once first needed.
    """

    __slots__ = ("dates", "open", "ordinals", "ranks", "start", "year")

    def __init__(self, year: int, start: int, open_days: bytearray) -> None:
        self.year = year
        self.start = start
        self.open = bytes(open_days)
        self.ordinals = tuple(start + i for i, is_open in enumerate(open_days) if is_open)
        self.ranks = tuple(accumulate(open_days))
        self.dates: tuple[pendulum.Date, ...] | None = None

    def start_date(self, index: int) -> pendulum.Date:
        """Day *index* of the year."""
        return _date(self.start + index)

    def business_dates(self) -> tuple[pendulum.Date, ...]:
        """The business days of the year as ``pendulum.Date`` values."""
        if self.dates is None:
            self.dates = tuple(_date(ordinal) for ordinal in self.ordinals)
        return self.dates


def _no_business_day(field: str, after: bool, value: object) -> OutOfRange:
    """*field* (a day) has no business day after it (or before it) inside the range."""
    side, limit, which = ("after", LAST_DAY, "last") if after else ("before", FIRST_DAY, "first")
    return OutOfRange.for_field(
        field,
        f"must have a business day {side} it between {FIRST_DAY} and {LAST_DAY}, "
        f"the days the holiday rules cover ({limit} is the {which})",
        value,
    )


_UTC = dt.UTC


def _start_of_day(day: dt.date) -> pendulum.DateTime:
    """The first instant of *day* in Asia/Tokyo, which is 24:00 at the end of the day before.

    When Japan kept summer time (1948-1951), midnight came twice on the night the clocks went
    back: the day starts at the first of the two (``fold=0``, still summer time). On the night
    they went forward, 00:00 was skipped: the clocks jumped from 24:00 straight to 01:00, so
    midnight read with the offset before the change (``fold=0`` for a skipped time) is that jump.
    """
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=TOKYO, fold=0)
    return pendulum.instance(midnight.astimezone(_UTC)).in_timezone(TOKYO)


def _clock(time: dt.time) -> str:
    return time.isoformat(timespec="minutes" if not (time.second or time.microsecond) else "auto")


@final
@attrs.frozen(kw_only=True)
class BusinessCalendar:
    """Which days are business days; adding and counting them.

    The default is :data:`SERVICE_CALENDAR`: closed on Saturdays, Sundays, national holidays and
    29 December to 3 January (Act on Holidays of Administrative Organs, Act No. 91 of 1988).
    ``working_days`` open a day whatever else would close it; ``closures`` close more days.

    Tables of open days are built per year on first use and kept with the calendar.

    >>> cal = SERVICE_CALENDAR.with_closures("2019-12-27")
    >>> cal.add_business_days("2019-12-26", 1), SERVICE_CALENDAR.add_business_days("2019-12-26", 1)
    (Date(2020, 1, 6), Date(2019, 12, 27))
    """

    holidays: HolidayTable = attrs.field(factory=HolidayTable, converter=_holiday_table)
    weekend: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=_weekend)
    """Weekdays closed every week, as ``date.weekday()`` numbers (5 Saturday, 6 Sunday)."""
    year_end_closure: bool = attrs.field(default=True, converter=_flag)
    """Whether 29 December to 3 January are closed."""
    closures: frozenset[pendulum.Date] = attrs.field(default=frozenset(), converter=_closures)
    working_days: frozenset[pendulum.Date] = attrs.field(
        default=frozenset(), converter=_working_days
    )
    _tables: dict[int, _Year] = attrs.field(
        init=False, factory=dict, eq=False, hash=False, repr=False
    )
    _answers: dict[dt.date, bool] = attrs.field(
        init=False, factory=dict, eq=False, hash=False, repr=False
    )
    """is_business_day's answers for every day of each year asked about (a memo)."""

    @staticmethod
    def check(value: object, field: str = "calendar") -> BusinessCalendar:
        """*value* if it is a BusinessCalendar; WrongType naming *field* otherwise.

        >>> BusinessCalendar.check(SERVICE_CALENDAR) is SERVICE_CALENDAR
        True
        """
        if not isinstance(value, BusinessCalendar):
            raise WrongType.for_field(field, "must be a BusinessCalendar", value)
        return value

    def with_closures(self, *days: DateLike) -> BusinessCalendar:
        """A copy that is also closed on *days* (which stop being working days)."""
        added = _day_set(days, "days")
        return attrs.evolve(
            self, closures=self.closures | added, working_days=self.working_days - added
        )

    def with_working_days(self, *days: DateLike) -> BusinessCalendar:
        """A copy that is open on *days*, whatever would close them.

        >>> SERVICE_CALENDAR.with_working_days("2019-12-28").is_business_day("2019-12-28")
        True
        """
        added = _day_set(days, "days")
        return attrs.evolve(
            self, working_days=self.working_days | added, closures=self.closures - added
        )

    def _table(self, year: int) -> _Year:
        table = self._tables.get(year)
        if table is None:
            table = self._tables[year] = self._build(year)
        return table

    def _build(self, year: int) -> _Year:
        first = max(FIRST_DAY, dt.date(year, 1, 1))
        start = first.toordinal()
        closed = {h.date.toordinal() for h in self.holidays.holidays_in(year)}
        if self.year_end_closure:
            closed.update(dt.date(year, m, d).toordinal() for m, d in _YEAR_END_DAYS)
        closed.update(d.toordinal() for d in self.closures if d.year == year)
        working = {d.toordinal() for d in self.working_days if d.year == year}
        weekday, weekend = first.weekday(), self.weekend
        open_days = bytearray(dt.date(year, 12, 31).toordinal() - start + 1)
        for i in range(len(open_days)):
            ordinal = start + i
            if ordinal in working or ((weekday + i) % 7 not in weekend and ordinal not in closed):
                open_days[i] = 1
        return _Year(year, start, open_days)

    def _locate(self, day: DateLike, field: str) -> tuple[_Year, int]:
        """The year's tables and the day's index in them; OutOfRange outside the range."""
        date = day if type(day) is pendulum.Date or type(day) is dt.date else to_date(day, field)
        table = self._tables.get(date.year)
        if table is None:
            if not FIRST_DAY.year <= date.year <= LAST_DAY.year:
                known_day(day, field)
            table = self._table(date.year)
        index = date.toordinal() - table.start
        if index < 0:
            known_day(day, field)
        return table, index

    def is_business_day(self, day: DateLike) -> bool:
        """Whether the office is open on *day*.

        >>> [SERVICE_CALENDAR.is_business_day(day) for day in ("2019-05-07", "2020-01-03")]
        [True, False]
        """
        try:
            return self._answers[day]  # type: ignore[index]  # any other key is not found
        except (KeyError, TypeError):
            pass
        table, index = self._locate(day, "day")
        days = map(dt.date.fromordinal, range(table.start, table.start + len(table.open)))
        self._answers.update(zip(days, map(bool, table.open), strict=True))
        return table.open[index] == 1

    def add_business_days(self, day: DateLike, n: int) -> pendulum.Date:
        """The n-th business day strictly after *day* (strictly before it when n < 0).

        *day* itself need not be a business day. For n > 0 this is
        ``numpy.busday_offset(day, n, roll="backward")``, for n < 0 ``roll="forward"``; for
        n == 0 it is *day* when that is a business day and the one before it otherwise (as
        ``roll="backward"``).

        >>> SERVICE_CALENDAR.add_business_days("2019-04-26", 1)
        Date(2019, 5, 7)
        >>> SERVICE_CALENDAR.add_business_days("2019-05-07", -1)
        Date(2019, 4, 26)
        """
        if type(n) is not int:
            n = _count(n, "n")
        table, index = self._locate(day, "day")
        found = self._shift(table, index, n)
        if found is None:
            raise OutOfRange.for_field(
                "n",
                f"must keep the result between {FIRST_DAY} and {LAST_DAY}, the days the "
                f"holiday rules cover, counting from {table.start_date(index)}",
                n,
            )
        return found

    def _shift(self, table: _Year, index: int, n: int) -> pendulum.Date | None:
        """:meth:`add_business_days` from day *index* of *table*; None past the range."""
        if n > 0:
            position = table.ranks[index] + n - 1  # business days up to the day, then n more
            while position >= len(table.ordinals):
                position -= len(table.ordinals)
                if table.year == LAST_DAY.year:
                    return None
                table = self._table(table.year + 1)
        else:
            # n < 0: business days strictly before the day, then n more; n == 0: the last
            # business day on or before the day, as numpy's roll="backward"
            position = table.ranks[index] - (table.open[index] if n else 1) + n
            while position < 0:
                if table.year == FIRST_DAY.year:
                    return None
                table = self._table(table.year - 1)
                position += len(table.ordinals)
        return table.business_dates()[position]

    def business_days_between(self, start: DateLike, end: DateLike) -> int:
        """The number of business days d with start < d <= end; negative when end < start.

        >>> SERVICE_CALENDAR.business_days_between("2019-12-27", "2020-01-08")
        3
        """
        first, first_index = self._locate(start, "start")
        last, last_index = self._locate(end, "end")
        count = last.ranks[last_index] - first.ranks[first_index]
        low, high = sorted((first.year, last.year))
        years = sum(len(self._table(year).ordinals) for year in range(low, high))
        return count + years if first.year <= last.year else count - years

    def next_business_day(self, day: DateLike) -> pendulum.Date:
        """The first business day strictly after *day*.

        >>> SERVICE_CALENDAR.next_business_day("2150-12-31")
        Traceback (most recent call last):
        ...
        jetrules.errors.OutOfRange: 'day' must have a business day after it between ...
        """
        table, index = self._locate(day, "day")
        found = self._shift(table, index, 1)
        if found is None:
            raise _no_business_day("day", True, day)
        return found

    def previous_business_day(self, day: DateLike) -> pendulum.Date:
        """The last business day strictly before *day*."""
        table, index = self._locate(day, "day")
        found = self._shift(table, index, -1)
        if found is None:
            raise _no_business_day("day", False, day)
        return found

    def business_days(self, start: DateLike, end: DateLike) -> Iterator[pendulum.Date]:
        """The business days d with start <= d <= end, in order.

        >>> [d.day for d in SERVICE_CALENDAR.business_days("2019-04-25", "2019-05-08")]
        [25, 26, 7, 8]
        """
        first, first_index = self._locate(start, "start")
        last, last_index = self._locate(end, "end")
        first_ordinal, last_ordinal = first.start + first_index, last.start + last_index
        year, table = first.year, first
        while table.start <= last_ordinal:
            low = bisect_left(table.ordinals, first_ordinal)
            high = bisect_right(table.ordinals, last_ordinal)
            for ordinal in table.ordinals[low:high]:
                yield _date(ordinal)
            year += 1
            if year > LAST_DAY.year:
                return
            table = self._table(year)

    def closure_reason(self, day: DateLike) -> Label | None:
        """Why the office is closed on *day*, or None on a business day.

        A national holiday is named first, then the year-end closure, then the weekday, then an
        added closure.

        >>> print(SERVICE_CALENDAR.closure_reason("2020-01-02").en)
        year-end closure, 29 December to 3 January
        """
        date = known_day(day, "day")
        if date in self.working_days:
            return None
        holiday = self.holidays.holiday_on(date)
        if holiday is not None:
            return holiday.label
        if self.year_end_closure and (date.month, date.day) in _YEAR_END_DAYS:
            return _YEAR_END
        if date.weekday() in self.weekend:
            return _WEEKDAYS[date.weekday()]
        if date in self.closures:
            return _ADDED_CLOSURE
        return None

    def deadline(
        self, received_at: InstantLike, business_days: int = 3, cutoff: dt.time | None = None
    ) -> Deadline:
        """When a reply to a message received at *received_at* is due.

        A message received on a closed day (or strictly after *cutoff*, Tokyo time) counts as
        received on the next business day; the reply is due by the end of the
        *business_days*-th business day after that day (24:00 Tokyo time, the first instant of
        the next day). A due date past 2150-12-31 raises
        :class:`~jetrules.errors.OutOfRange` naming ``received_at`` (when no business day is
        left to count from) or ``business_days``.

        >>> d = SERVICE_CALENDAR.deadline("2019-12-27T10:00+09:00")
        >>> d.due_date, d.due_by
        (Date(2020, 1, 8), DateTime(2020, 1, 9, 0, 0, 0, tzinfo=Timezone('Asia/Tokyo')))
        """
        at = to_instant(received_at, "received_at")
        received = known_day(at.date(), "received_at")
        days = _count(business_days, "business_days")
        if days < 0:
            raise InvalidInput.for_field("business_days", "must be 0 or more", business_days)
        if cutoff is not None and (not isinstance(cutoff, dt.time) or cutoff.tzinfo is not None):
            raise WrongType.for_field(
                "cutoff", "must be a datetime.time without a zone (read in Asia/Tokyo)", cutoff
            )
        received_open = self.is_business_day(received)
        after_cutoff = received_open and cutoff is not None and at.time() > cutoff
        counted = received
        if after_cutoff or not received_open:
            table, index = self._locate(received, "received_at")
            found = self._shift(table, index, 1)
            if found is None:
                raise OutOfRange.for_field(
                    "received_at",
                    f"must leave a business day to count from on or before {LAST_DAY}, "
                    "the last day the holiday rules cover",
                    received_at,
                )
            counted = found
        table, index = self._locate(counted, "received_at")
        due = self._shift(table, index, days)
        if due is None:
            raise OutOfRange.for_field(
                "business_days",
                f"must keep the due date on or before {LAST_DAY}, the last day the holiday "
                f"rules cover, counting from {counted}",
                business_days,
            )
        pushed = []
        for ordinal in range(received.toordinal(), due.toordinal() + 1):
            date = _date(ordinal)
            reason = self.closure_reason(date)
            if reason is not None:
                pushed.append(ClosedDay(date=date, reason=reason))
        return Deadline(
            received_at=at,
            counted_from=counted,
            business_days=days,
            due_date=due,
            due_by=_start_of_day(due.add(days=1)),
            pushed_by=tuple(pushed),
            cutoff=cutoff,
            after_cutoff=after_cutoff,
            calendar=self,
        )


SERVICE_CALENDAR = BusinessCalendar()
"""Closed on Saturdays, Sundays, national holidays and 29 December to 3 January."""


@final
@attrs.frozen(kw_only=True)
class ClosedDay:
    """A day the office was closed, and why."""

    date: pendulum.Date
    reason: Label

    def render(self, lang: Lang) -> str:
        """``2020-01-01 (New Year's Day)`` in *lang*."""
        return f"{self.date.isoformat()} ({self.reason.render(lang)})"


@final
@attrs.frozen(kw_only=True)
class Deadline:
    """When a reply is due, and what pushed it later: closed days, or arriving after the cut-off.

    A reply is on time when it is sent strictly before :attr:`due_by`, 24:00 Tokyo time at the end
    of :attr:`due_date`. :attr:`after_cutoff` is True when the message arrived on a business day
    after :attr:`cutoff`, so counting starts on the next business day; :attr:`counting_note`
    says so in words.

    >>> d = deadline("2019-12-27T10:00+09:00")
    >>> d.is_met_by("2020-01-08T23:59+09:00"), d.business_days_late("2020-01-09T00:00+09:00")
    (True, 1)
    >>> [c.date.day for c in d.pushed_by]
    [28, 29, 30, 31, 1, 2, 3, 4, 5]
    """

    received_at: pendulum.DateTime
    counted_from: pendulum.Date
    business_days: int
    due_date: pendulum.Date
    due_by: pendulum.DateTime
    pushed_by: tuple[ClosedDay, ...]
    cutoff: dt.time | None = None
    after_cutoff: bool = False
    calendar: BusinessCalendar = attrs.field(repr=False)

    @property
    def counting_note(self) -> Label | None:
        """Why counting starts on the next business day when the cut-off moved it, else None.

        >>> print(deadline("2019-12-23T17:01+09:00", cutoff=dt.time(17, 0)).counting_note.en)
        received after the 17:00 cut-off (Tokyo time), so counted from the next business day
        """
        if not self.after_cutoff or self.cutoff is None:
            return None
        clock = _clock(self.cutoff)
        return Label(
            en=f"received after the {clock} cut-off (Tokyo time), so counted from the next "
            "business day",
            ja=f"締切時刻{clock}より後の受信のため翌営業日から起算",
        )

    def is_met_by(self, instant: InstantLike) -> bool:
        """Whether a reply sent at *instant* is on time."""
        return _before(to_instant(instant, "instant"), self.due_by)

    def business_days_late(self, instant: InstantLike) -> int:
        """0 for a reply on time; else the business days after the due date, at least 1."""
        at = to_instant(instant, "instant")
        if _before(at, self.due_by):
            return 0
        try:
            return max(1, self.calendar.business_days_between(self.due_date, at.date()))
        except OutOfRange:
            raise OutOfRange.for_field(
                "instant",
                f"must be on or before {LAST_DAY}, the last day the holiday rules cover",
                instant,
            ) from None


def _before(at: dt.datetime, limit: dt.datetime) -> bool:
    # compared in UTC: two datetimes in one zone compare by wall clock, ignoring fold
    return at.astimezone(_UTC) < limit.astimezone(_UTC)


def deadline(
    received_at: InstantLike, business_days: int = 3, cutoff: dt.time | None = None
) -> Deadline:
    """When a reply is due under :data:`SERVICE_CALENDAR` (see :meth:`BusinessCalendar.deadline`).

    >>> deadline("2019-04-27T09:00+09:00").due_date
    Date(2019, 5, 10)
    """
    return SERVICE_CALENDAR.deadline(received_at, business_days, cutoff)


def business_calendar(value: BusinessCalendar) -> BusinessCalendar:
    """*value* if it is a :class:`~jetrules.calendar.BusinessCalendar`; else ``WrongType``.

    >>> business_calendar(SERVICE_CALENDAR) is SERVICE_CALENDAR
    True
    """
    if not isinstance(value, BusinessCalendar):
        raise WrongType.for_field("calendar", "must be a BusinessCalendar", value)
    return value
