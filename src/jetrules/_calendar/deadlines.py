"""Reply deadlines: when a reply is due, what pushed it later, and whether a reply met it (private).

:meth:`~jetrules.calendar.BusinessCalendar.deadline` computes a :class:`Deadline`; this module
holds what it returns and the rules of time it reads: the end of a day in Tokyo, and the
cut-off. A deadline keeps the calendar it was counted on, to count how late a reply is; all it
asks of it is :class:`DayCounter`.

>>> print(start_of_day(dt.date(2019, 12, 27)))
2019-12-27 00:00:00+09:00
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, final

import attrs
import pendulum

from jetrules._calendar.open_days import day_count
from jetrules._calendar.span import LAST_DAY
from jetrules._kernel.dates import TOKYO, DateLike, InstantLike, to_instant
from jetrules._labels import Label, Lang
from jetrules.errors import InvalidInput, OutOfRange, WrongType

__all__ = [
    "ClosedDay",
    "DayCounter",
    "Deadline",
    "check_cutoff",
    "reply_days",
    "start_of_day",
]

_UTC = dt.UTC


class DayCounter(Protocol):
    """What a deadline asks of the calendar it was counted on."""

    def business_days_between(self, start: DateLike, end: DateLike) -> int:
        """The number of business days d with start < d <= end."""
        ...  # pragma: no cover


def reply_days(value: object) -> int:
    """*value*, a number of business days to reply in: an int, 0 or more.

    >>> reply_days(-1)
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'business_days' must be 0 or more (got -1)
    """
    days = day_count(value, "business_days")
    if days < 0:
        raise InvalidInput.for_field("business_days", "must be 0 or more", value)
    return days


def check_cutoff(value: object) -> dt.time | None:
    """*value*, a cut-off time of day read in Asia/Tokyo, or None for no cut-off."""
    if value is not None and (not isinstance(value, dt.time) or value.tzinfo is not None):
        raise WrongType.for_field(
            "cutoff", "must be a datetime.time without a zone (read in Asia/Tokyo)", value
        )
    return value


def start_of_day(day: dt.date) -> pendulum.DateTime:
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


def _before(at: dt.datetime, limit: dt.datetime) -> bool:
    # compared in UTC: two datetimes in one zone compare by wall clock, ignoring fold
    return at.astimezone(_UTC) < limit.astimezone(_UTC)


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

    >>> from jetrules.calendar import deadline
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
    calendar: DayCounter = attrs.field(repr=False)
    """The business calendar the deadline was counted on."""

    @property
    def counting_note(self) -> Label | None:
        """Why counting starts on the next business day when the cut-off moved it, else None.

        >>> from jetrules.calendar import deadline
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
