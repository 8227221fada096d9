"""Sign-ups and appointments of Skype Counselling (private: :mod:`jetrules.booking` is its face)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import final

import attrs
import pendulum

from jetrules._booking.reasons import (
    LATE_CANCELLATION,
    MISSED,
    NOT_A_PREFERENCE,
    NOT_SCHEDULED,
    TIME_BACKWARDS,
    TOO_LATE_TO_RESCHEDULE,
    TOO_MANY_TIMES,
    show,
)
from jetrules._booking.terms import (
    EDITIONS,
    SEED_TEXT,
    BookingTerms,
    check_start,
    editions_tuple,
    terms_for,
)
from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._kernel.fields import (
    LabelledEnum,
    named_fields,
    non_blank,
    of_type,
    to_language,
    to_optional_instant,
    whole_number,
)
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import InvalidInput, Refused, WrongType
from jetrules.text import Label, Lang, Reason

__all__ = ["Appointment", "Reschedule", "SignUp", "Status"]

_MINUTES = whole_number("minute")
_CALENDAR = of_type(BusinessCalendar, "must be a BusinessCalendar")


def _reschedules(values: Iterable[Reschedule]) -> tuple[Reschedule, ...]:
    return tuple(values)


def _instants(values: Sequence[InstantLike]) -> tuple[pendulum.DateTime, ...]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise WrongType.for_field("preferred_times", "must be a list of start times", values)
    return tuple(to_instant(value, "preferred_times") for value in values)


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class SignUp:
    """A request for a session: 1 to 3 distinct preferred start times, best first.

    The times are checked as a list first (at least one, distinct, no more than the terms of
    their fiscal years allow), then one by one: each must fall on or after the fourth business
    day after the day of the request (Tokyo), on a business day, and leave the session ending by
    21:30 (no opening hour is published, so none is enforced; see :class:`BookingTerms`). Each
    time is checked against the terms of its own fiscal year. The business days are those of
    *calendar* (``SERVICE_CALENDAR`` by default), which the confirmed appointment keeps.

    >>> SignUp(participant="P-01", requested_at="2019-12-27T10:00+09:00",
    ...        preferred_times=["2020-01-08T18:00+09:00"], minutes=40, language="en")
    Traceback (most recent call last):
    ...
    jetrules.errors.Refused: The time 2020-01-08 18:00 is less than 4 business days after the \
request of 2019-12-27 10:00; the earliest day is 2020-01-09.
    """

    participant: str = attrs.field(validator=non_blank)
    requested_at: pendulum.DateTime = attrs.field(converter=to_instant)
    preferred_times: tuple[pendulum.DateTime, ...] = attrs.field(converter=_instants)
    minutes: int = attrs.field(validator=_MINUTES)
    language: Lang = attrs.field(converter=to_language)
    editions: tuple[BookingTerms, ...] = attrs.field(
        default=EDITIONS, converter=editions_tuple, repr=False
    )
    calendar: BusinessCalendar = attrs.field(
        default=SERVICE_CALENDAR, validator=_CALENDAR, repr=False
    )
    """The business days the lead time and the day of a session are counted in."""

    def __attrs_post_init__(self) -> None:
        times = self.preferred_times
        if not times:
            raise InvalidInput.for_field("preferred_times", "must name at least one time", times)
        if len(set(times)) != len(times):
            raise InvalidInput.for_field("preferred_times", "must be distinct", times)
        years = {FiscalYear.of(start.date()) for start in times}
        most = min(
            (terms.max_preferred_times for terms in self.editions if terms.fiscal_year in years),
            default=len(times),  # no terms for any of the years: check_start says so below
        )
        if len(times) > most:
            raise Refused(TOO_MANY_TIMES.with_params(count=len(times), most=most, source=SEED_TEXT))
        for start in times:
            check_start(
                start,
                minutes=self.minutes,
                requested_at=self.requested_at,
                editions=self.editions,
                calendar=self.calendar,
            )

    def confirm(self, start: InstantLike, *, id: str) -> Appointment:
        """The appointment the counsellor confirms at *start*, one of the preferred times."""
        chosen = to_instant(start, "start")
        if chosen not in self.preferred_times:
            raise Refused(
                NOT_A_PREFERENCE.with_params(
                    time=show(chosen),
                    preferred=", ".join(show(t) for t in self.preferred_times),
                    source=SEED_TEXT,
                )
            )
        return Appointment(
            id=id,
            participant=self.participant,
            requested_at=self.requested_at,
            start=chosen,
            minutes=self.minutes,
            language=self.language,
            editions=self.editions,
            calendar=self.calendar,
        )


class Status(LabelledEnum):
    """Where an appointment stands."""

    SCHEDULED = "scheduled"
    """Confirmed and not yet held, missed or cancelled."""
    COMPLETED = "completed"
    """Held."""
    MISSED = "missed"
    """Not attended, without a cancellation (a no-show): counts as a consultation."""
    CANCELLED = "cancelled"
    """Cancelled by contact; counts as a consultation when the contact was not before the start."""

    @property
    def label(self) -> Label:
        """The status in English and Japanese."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.SCHEDULED: Label(en="scheduled", ja="予約済み"),
    Status.COMPLETED: Label(en="completed", ja="実施済み"),
    Status.MISSED: Label(en="missed", ja="無断欠席"),
    Status.CANCELLED: Label(en="cancelled", ja="取消し済み"),
}
_RESCHEDULED = Label(en="rescheduled", ja="日時を変更する")
_CANCELLED = Label(en="cancelled", ja="取り消す")
_COMPLETED = Label(en="completed", ja="実施済みにする")
_MISSED = Label(en="marked missed", ja="無断欠席にする")
_REQUEST = Label(en="the request", ja="申込み")
_LAST_RESCHEDULE = Label(en="the contact to reschedule", ja="日時変更の連絡")


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class Reschedule:
    """One move of an appointment, asked for by contact before its start."""

    contacted_at: pendulum.DateTime = attrs.field(converter=to_instant)
    previous_start: pendulum.DateTime = attrs.field(converter=to_instant)
    new_start: pendulum.DateTime = attrs.field(converter=to_instant)


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class Appointment:
    """A confirmed session and what became of it.

    Build one with :meth:`SignUp.confirm`, which applies the booking rules; the constructor checks
    only that the fields agree with each other. Each change returns a new appointment:

    - :meth:`reschedule` by contact strictly before the start, to a time that is itself valid
      (lead time counted from the contact, in the business days of :attr:`calendar`): never
      counted;
    - :meth:`cancel` by contact strictly before the start: not counted; at or after the start
      (no contact in advance): counted as a consultation of the booked minutes;
    - :meth:`miss` (a no-show) and :meth:`complete`: counted.

    Only a scheduled appointment can change, and time only runs forward: a contact earlier than
    the request or than the last contact to reschedule is refused (``TIME_BACKWARDS``), as the
    constructor refuses such fields. Anything else is refused with a reason.
    """

    id: str = attrs.field(validator=non_blank)
    participant: str = attrs.field(validator=non_blank)
    requested_at: pendulum.DateTime = attrs.field(converter=to_instant)
    start: pendulum.DateTime = attrs.field(converter=to_instant)
    minutes: int = attrs.field(validator=_MINUTES)
    language: Lang = attrs.field(converter=to_language)
    status: Status = attrs.field(default=Status.SCHEDULED, converter=Status)
    cancelled_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=to_optional_instant
    )
    reschedules: tuple[Reschedule, ...] = attrs.field(default=(), converter=_reschedules)
    editions: tuple[BookingTerms, ...] = attrs.field(
        default=EDITIONS, converter=editions_tuple, repr=False
    )
    calendar: BusinessCalendar = attrs.field(
        default=SERVICE_CALENDAR, validator=_CALENDAR, repr=False
    )
    """The business days the lead time and the day of a session are counted in."""

    def __attrs_post_init__(self) -> None:
        if (self.status is Status.CANCELLED) != (self.cancelled_at is not None):
            raise InvalidInput.for_field(
                "cancelled_at",
                "must be given exactly when the status is cancelled",
                self.cancelled_at,
            )
        latest = self.requested_at
        for move in self.reschedules:
            if move.contacted_at < latest:
                raise InvalidInput.for_field(
                    "reschedules", "must be contacted in time order, after the request", move
                )
            latest = move.contacted_at
        if self.cancelled_at is not None and self.cancelled_at < latest:
            raise InvalidInput.for_field(
                "cancelled_at",
                "must not be earlier than the request or the last reschedule",
                self.cancelled_at,
            )

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year of the start's day in Tokyo: the year the session counts in."""
        return FiscalYear.of(self.start.date())

    @property
    def terms(self) -> BookingTerms:
        """The terms of the appointment's fiscal year."""
        return terms_for(self.fiscal_year, self.editions)

    @property
    def counted(self) -> bool:
        """Whether it uses one of the year's sessions.

        Completed and missed sessions count; a cancellation counts exactly when its contact was
        not strictly before the start; scheduled ones do not count (yet).
        """
        if self.status is Status.CANCELLED:
            assert self.cancelled_at is not None  # the constructor guarantees it
            return self.cancelled_at >= self.start
        return self.status in (Status.COMPLETED, Status.MISSED)

    @property
    def counted_minutes(self) -> int:
        """The booked minutes when counted, else 0."""
        return self.minutes if self.counted else 0

    @property
    def reason(self) -> Reason | None:
        """Why a session that was not held still counts; ``None`` otherwise."""
        if self.status is Status.MISSED:
            return MISSED.with_params(
                id=self.id, start=show(self.start), minutes=self.minutes, source=SEED_TEXT
            )
        if self.status is Status.CANCELLED and self.counted:
            assert self.cancelled_at is not None
            return LATE_CANCELLATION.with_params(
                id=self.id,
                contacted=show(self.cancelled_at),
                start=show(self.start),
                minutes=self.minutes,
                source=SEED_TEXT,
            )
        return None

    def _must_be_scheduled(self, action: Label) -> None:
        if self.status is not Status.SCHEDULED:
            raise Refused(NOT_SCHEDULED.with_params(id=self.id, status=self.status, action=action))

    def _must_not_go_back(self, contact: pendulum.DateTime) -> None:
        event, previous = (
            (_LAST_RESCHEDULE, self.reschedules[-1].contacted_at)
            if self.reschedules
            else (_REQUEST, self.requested_at)
        )
        if contact < previous:
            raise Refused(
                TIME_BACKWARDS.with_params(
                    id=self.id, contacted=show(contact), event=event, previous=show(previous)
                )
            )

    def reschedule(self, new_start: InstantLike, *, contacted_at: InstantLike) -> Appointment:
        """Move the appointment to *new_start*, by contact at *contacted_at* before the start.

        The contact must not be earlier than the request or the last contact to reschedule.
        """
        contact = to_instant(contacted_at, "contacted_at")
        moved_to = to_instant(new_start, "new_start")
        self._must_be_scheduled(_RESCHEDULED)
        self._must_not_go_back(contact)
        if contact >= self.start:
            raise Refused(
                TOO_LATE_TO_RESCHEDULE.with_params(
                    id=self.id, start=show(self.start), contacted=show(contact), source=SEED_TEXT
                )
            )
        check_start(
            moved_to,
            minutes=self.minutes,
            requested_at=contact,
            editions=self.editions,
            calendar=self.calendar,
        )
        move = Reschedule(contacted_at=contact, previous_start=self.start, new_start=moved_to)
        return attrs.evolve(self, start=moved_to, reschedules=(*self.reschedules, move))

    def cancel(self, *, contacted_at: InstantLike) -> Appointment:
        """Cancel by contact at *contacted_at*; counted unless that is strictly before the start.

        The contact must not be earlier than the request or the last contact to reschedule.
        """
        contact = to_instant(contacted_at, "contacted_at")
        self._must_be_scheduled(_CANCELLED)
        self._must_not_go_back(contact)
        return attrs.evolve(self, status=Status.CANCELLED, cancelled_at=contact)

    def complete(self) -> Appointment:
        """Record that the session was held."""
        self._must_be_scheduled(_COMPLETED)
        return attrs.evolve(self, status=Status.COMPLETED)

    def miss(self) -> Appointment:
        """Record a no-show: the session counts as a consultation."""
        self._must_be_scheduled(_MISSED)
        return attrs.evolve(self, status=Status.MISSED)
