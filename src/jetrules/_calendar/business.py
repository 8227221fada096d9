"""Business calendars: which days are business days, adding and counting them (private).

:mod:`jetrules.calendar` is its face. A :class:`BusinessCalendar` is a value: the holiday table,
the weekly closed days, the year-end closure, and days added as closed or open. Its tables of
open days (:mod:`jetrules._calendar.open_days`) are made with it and filled in on first use;
:meth:`BusinessCalendar.deadline` counts reply deadlines on it
(:mod:`jetrules._calendar.deadlines`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, final

import attrs
import pendulum

from jetrules._calendar.deadlines import (
    ClosedDay,
    Deadline,
    check_cutoff,
    reply_days,
    start_of_day,
)
from jetrules._calendar.holidays import FIRST_DAY, LAST_DAY, known_day
from jetrules._calendar.open_days import YEAR_END_DAYS, OpenDays, date_of, day_count
from jetrules._calendar.table import BUNDLED_TABLE, HolidayTable
from jetrules._kernel.dates import DateLike, InstantLike, to_instant
from jetrules._kernel.fields import of_type
from jetrules.errors import InvalidInput, OutOfRange, WrongType
from jetrules.text import Label, Source

__all__ = [
    "ADDED_CLOSURE",
    "SERVICE_CALENDAR",
    "SERVICE_CALENDAR_SOURCE",
    "WEEKDAYS",
    "YEAR_END",
    "BusinessCalendar",
    "deadline",
]

SERVICE_CALENDAR_SOURCE = Source(
    title="Act on Holidays of Administrative Organs (行政機関の休日に関する法律), "
    "Act No. 91 of 1988"
)
"""Where :data:`SERVICE_CALENDAR`'s closed days come from."""

WEEKDAYS = (
    Label(en="Monday", ja="月曜日"),
    Label(en="Tuesday", ja="火曜日"),
    Label(en="Wednesday", ja="水曜日"),
    Label(en="Thursday", ja="木曜日"),
    Label(en="Friday", ja="金曜日"),
    Label(en="Saturday", ja="土曜日"),
    Label(en="Sunday", ja="日曜日"),
)
"""The days of the week, Monday first (``date.weekday()`` numbers them)."""
YEAR_END = Label(
    en="year-end closure, 29 December to 3 January", ja="年末年始の休日（12月29日から1月3日）"
)
"""Why the office is closed from 29 December to 3 January."""
ADDED_CLOSURE = Label(en="closure added to the calendar", ja="追加の休業日")
"""Why the office is closed on a day added with :meth:`BusinessCalendar.with_closures`."""


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


def _closures(value: Iterable[DateLike]) -> frozenset[pendulum.Date]:
    return _day_set(value, "closures")


def _working_days(value: Iterable[DateLike]) -> frozenset[pendulum.Date]:
    return _day_set(value, "working_days")


def _open_days(calendar: BusinessCalendar) -> OpenDays:
    return OpenDays(
        calendar.holidays,
        calendar.weekend,
        calendar.year_end_closure,
        calendar.closures,
        calendar.working_days,
    )


def _no_business_day(field: str, after: bool, value: object) -> OutOfRange:
    """*field* (a day) has no business day after it (or before it) inside the range."""
    side, limit, which = ("after", LAST_DAY, "last") if after else ("before", FIRST_DAY, "first")
    return OutOfRange.for_field(
        field,
        f"must have a business day {side} it between {FIRST_DAY} and {LAST_DAY}, "
        f"the days the holiday rules cover ({limit} is the {which})",
        value,
    )


@final
@attrs.frozen(kw_only=True)
class BusinessCalendar:
    """Which days are business days; adding and counting them.

    The default is :data:`SERVICE_CALENDAR`: closed on Saturdays, Sundays, national holidays and
    29 December to 3 January (Act on Holidays of Administrative Organs, Act No. 91 of 1988).
    ``working_days`` open a day whatever else would close it; ``closures`` close more days.

    Tables of open days are built per year on first use, beside the calendar: they are not part
    of its value, and a calendar pickles and compares by its fields alone.

    >>> cal = SERVICE_CALENDAR.with_closures("2019-12-27")
    >>> cal.add_business_days("2019-12-26", 1), SERVICE_CALENDAR.add_business_days("2019-12-26", 1)
    (Date(2020, 1, 6), Date(2019, 12, 27))
    """

    holidays: HolidayTable = attrs.field(
        default=BUNDLED_TABLE, validator=of_type(HolidayTable, "must be a HolidayTable")
    )
    weekend: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=_weekend)
    """Weekdays closed every week, as ``date.weekday()`` numbers (5 Saturday, 6 Sunday)."""
    year_end_closure: bool = attrs.field(
        default=True, validator=of_type(bool, "must be True or False")
    )
    """Whether 29 December to 3 January are closed."""
    closures: frozenset[pendulum.Date] = attrs.field(default=frozenset(), converter=_closures)
    working_days: frozenset[pendulum.Date] = attrs.field(
        default=frozenset(), converter=_working_days
    )
    _days: OpenDays = attrs.field(
        init=False, default=attrs.Factory(_open_days, takes_self=True), eq=False, repr=False
    )
    """The tables of open days, made with the calendar and filled in on first use."""

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

    def is_business_day(self, day: DateLike) -> bool:
        """Whether the office is open on *day*.

        >>> [SERVICE_CALENDAR.is_business_day(day) for day in ("2019-05-07", "2020-01-03")]
        [True, False]
        """
        try:
            return self._days.answers[day]  # type: ignore[index]  # any other key is not found
        except (KeyError, TypeError):
            return self._days.is_open(day)

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
            n = day_count(n, "n")
        table, index = self._days.locate(day, "day")
        found = self._days.shift(table, index, n)
        if found is None:
            raise OutOfRange.for_field(
                "n",
                f"must keep the result between {FIRST_DAY} and {LAST_DAY}, the days the "
                f"holiday rules cover, counting from {table.start_date(index)}",
                n,
            )
        return found

    def business_days_between(self, start: DateLike, end: DateLike) -> int:
        """The number of business days d with start < d <= end; negative when end < start.

        >>> SERVICE_CALENDAR.business_days_between("2019-12-27", "2020-01-08")
        3
        """
        return self._days.count_between(start, end)

    def next_business_day(self, day: DateLike) -> pendulum.Date:
        """The first business day strictly after *day*.

        >>> SERVICE_CALENDAR.next_business_day("2150-12-31")
        Traceback (most recent call last):
        ...
        jetrules.errors.OutOfRange: 'day' must have a business day after it between ...
        """
        table, index = self._days.locate(day, "day")
        found = self._days.shift(table, index, 1)
        if found is None:
            raise _no_business_day("day", True, day)
        return found

    def previous_business_day(self, day: DateLike) -> pendulum.Date:
        """The last business day strictly before *day*."""
        table, index = self._days.locate(day, "day")
        found = self._days.shift(table, index, -1)
        if found is None:
            raise _no_business_day("day", False, day)
        return found

    def business_days(self, start: DateLike, end: DateLike) -> Iterator[pendulum.Date]:
        """The business days d with start <= d <= end, in order.

        >>> [d.day for d in SERVICE_CALENDAR.business_days("2019-04-25", "2019-05-08")]
        [25, 26, 7, 8]
        """
        return self._days.dates_between(start, end)

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
        if self.year_end_closure and (date.month, date.day) in YEAR_END_DAYS:
            return YEAR_END
        if date.weekday() in self.weekend:
            return WEEKDAYS[date.weekday()]
        if date in self.closures:
            return ADDED_CLOSURE
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
        days = reply_days(business_days)
        check_cutoff(cutoff)
        received_open = self.is_business_day(received)
        after_cutoff = received_open and cutoff is not None and at.time() > cutoff
        counted = received
        if after_cutoff or not received_open:
            counted = self._first_day_to_count(received, received_at)
        due = self._due_date(counted, days, business_days)
        return Deadline(
            received_at=at,
            counted_from=counted,
            business_days=days,
            due_date=due,
            due_by=start_of_day(due.add(days=1)),
            pushed_by=self._closed_days(received, due),
            cutoff=cutoff,
            after_cutoff=after_cutoff,
            calendar=self,
        )

    def _first_day_to_count(self, received: pendulum.Date, as_given: object) -> pendulum.Date:
        """The business day after *received*, the day a message counts as received on."""
        table, index = self._days.locate(received, "received_at")
        found = self._days.shift(table, index, 1)
        if found is None:
            raise OutOfRange.for_field(
                "received_at",
                f"must leave a business day to count from on or before {LAST_DAY}, "
                "the last day the holiday rules cover",
                as_given,
            )
        return found

    def _due_date(self, counted: pendulum.Date, days: int, as_given: object) -> pendulum.Date:
        """The *days*-th business day after *counted*: the day a reply is due by the end of."""
        table, index = self._days.locate(counted, "received_at")
        due = self._days.shift(table, index, days)
        if due is None:
            raise OutOfRange.for_field(
                "business_days",
                f"must keep the due date on or before {LAST_DAY}, the last day the holiday "
                f"rules cover, counting from {counted}",
                as_given,
            )
        return due

    def _closed_days(self, first: pendulum.Date, last: pendulum.Date) -> tuple[ClosedDay, ...]:
        """The closed days from *first* to *last*, each with why it is closed."""
        pushed = []
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            date = date_of(ordinal)
            reason = self.closure_reason(date)
            if reason is not None:
                pushed.append(ClosedDay(date=date, reason=reason))
        return tuple(pushed)


SERVICE_CALENDAR = BusinessCalendar()
"""Closed on Saturdays, Sundays, national holidays and 29 December to 3 January."""


def deadline(
    received_at: InstantLike, business_days: int = 3, cutoff: dt.time | None = None
) -> Deadline:
    """When a reply is due under :data:`SERVICE_CALENDAR` (see :meth:`BusinessCalendar.deadline`).

    >>> deadline("2019-04-27T09:00+09:00").due_date
    Date(2019, 5, 10)
    """
    return SERVICE_CALENDAR.deadline(received_at, business_days, cutoff)
