"""Business calendars: which days are business days, adding and counting them (private).

:mod:`jetrules.calendar` is its face. A :class:`BusinessCalendar` is a value: the holiday table,
the weekly closed days, the year-end closure, and days added as closed or open. Its tables of
open days (:mod:`jetrules._calendar.open_days`) are made with it and filled in on first use;
:meth:`BusinessCalendar.deadline` counts reply deadlines on it
(:mod:`jetrules._calendar.deadlines`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, final

import attrs
import pendulum

from jetrules._calendar.closed_days import (
    ADDED_CLOSURE,
    WEEKDAYS,
    YEAR_END,
    to_closures,
    to_day_set,
    to_weekend,
    to_working_days,
)
from jetrules._calendar.deadlines import (
    ClosedDay,
    Deadline,
    check_cutoff,
    reply_days,
    start_of_day,
)
from jetrules._calendar.export import to_numpy, to_pandas
from jetrules._calendar.open_days import YEAR_END_DAYS, OpenDays, date_of, day_count
from jetrules._calendar.span import FIRST_DAY, LAST_DAY, known_day
from jetrules._calendar.table import BUNDLED_TABLE, HolidayTable
from jetrules._kernel.dates import DateLike, InstantLike, to_instant
from jetrules._kernel.fields import of_type
from jetrules._labels import Label, Source
from jetrules.errors import OutOfRange, WrongType

if TYPE_CHECKING:
    import numpy

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
    weekend: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=to_weekend)
    """Weekdays closed every week, as ``date.weekday()`` numbers (5 Saturday, 6 Sunday)."""
    year_end_closure: bool = attrs.field(
        default=True, validator=of_type(bool, "must be True or False")
    )
    """Whether 29 December to 3 January are closed."""
    closures: frozenset[pendulum.Date] = attrs.field(default=frozenset(), converter=to_closures)
    working_days: frozenset[pendulum.Date] = attrs.field(
        default=frozenset(), converter=to_working_days
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
        added = to_day_set(days, "days")
        return attrs.evolve(
            self, closures=self.closures | added, working_days=self.working_days - added
        )

    def with_working_days(self, *days: DateLike) -> BusinessCalendar:
        """A copy that is open on *days*, whatever would close them.

        >>> SERVICE_CALENDAR.with_working_days("2019-12-28").is_business_day("2019-12-28")
        True
        """
        added = to_day_set(days, "days")
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

    def to_numpy(self, first_year: int, last_year: int) -> numpy.busdaycalendar:
        """A ``numpy.busdaycalendar`` closed on this calendar's closed days of those years.

        Its weekmask is the calendar's :attr:`weekend`; its holidays are every other day the
        calendar closes from 1 January *first_year* to 31 December *last_year* (national
        holidays, the year-end closure, added closures; working days stay open). numpy knows
        nothing of other years: there it closes the weekend only. A working day on the weekend
        cannot be told to numpy (InvalidInput). Needs numpy (``pip install 'jetrules[numpy]'``).

        >>> import numpy
        >>> busdays = SERVICE_CALENDAR.to_numpy(2019, 2020)
        >>> print(numpy.busday_offset("2019-12-27", 1, roll="backward", busdaycal=busdays))
        2020-01-06
        """
        return to_numpy(self._days, self.weekend, first_year, last_year)

    def to_pandas(self, first_year: int, last_year: int) -> Any:
        """A ``pandas.offsets.CustomBusinessDay`` with :meth:`to_numpy`'s weekmask and holidays.

        Needs pandas (``pip install 'jetrules[pandas]'``), which ships no type hints: the offset
        is typed ``Any``.

        >>> import pandas
        >>> pandas.Timestamp("2019-12-27") + SERVICE_CALENDAR.to_pandas(2019, 2020)
        Timestamp('2020-01-06 00:00:00')
        """
        return to_pandas(self._days, self.weekend, first_year, last_year)

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
