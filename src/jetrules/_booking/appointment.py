"""Appointments of Skype Counselling and what becomes of them.

Private: :mod:`jetrules.booking` is its face.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import final

import attrs
import pendulum

from jetrules._booking.checks import check_time
from jetrules._booking.editions import cited, terms_for, to_assumed_year, to_policy
from jetrules._booking.reasons import (
    LATE_CANCELLATION,
    MISSED,
    NOT_SCHEDULED,
    TIME_BACKWARDS,
    TOO_LATE_TO_RESCHEDULE,
    show,
)
from jetrules._booking.terms import BookingTerms
from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._kernel.fields import (
    LabelledEnum,
    as_id,
    as_participant,
    named_fields,
    non_blank,
    of_type,
    to_language,
    to_optional_instant,
    whole_number,
)
from jetrules._kernel.policy import Policy
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import InvalidInput, Refused
from jetrules.text import Label, Lang, Reason

__all__ = ["CALENDAR", "MINUTES", "Appointment", "Reschedule", "Status", "check_policy"]

MINUTES = whole_number("minute")
"""The validator of a session's booked minutes."""
CALENDAR = of_type(BusinessCalendar, "must be a BusinessCalendar")
"""The validator of the calendar a sign-up or an appointment counts business days in."""


def check_policy(
    instance: object, attribute: attrs.Attribute[Policy | None], value: object
) -> None:
    """The validator of a ``policy`` field: a Policy or None."""
    to_policy(value)


def _reschedules(values: Iterable[Reschedule]) -> tuple[Reschedule, ...]:
    return tuple(values)


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
      (lead time counted from the contact, in the business days of :attr:`calendar`, as the
      published terms are read): never counted;
    - :meth:`cancel` by contact strictly before the start: not counted; at or after the start
      (no contact in advance): counted as a consultation of the booked minutes;
    - :meth:`miss` (a no-show): counted; :meth:`complete`: counted.

    The terms are those of the start's fiscal year, under the appointment's :attr:`policy` and
    :attr:`assume` (which :meth:`SignUp.confirm` passes on).

    Only a scheduled appointment can change, and time only runs forward: a contact earlier than
    the request or than the last contact to reschedule is refused (``TIME_BACKWARDS``), as the
    constructor refuses such fields. Anything else is refused with a reason.
    """

    id: str = attrs.field(converter=as_id, validator=non_blank)
    participant: str = attrs.field(converter=as_participant, validator=non_blank)
    requested_at: pendulum.DateTime = attrs.field(converter=to_instant)
    start: pendulum.DateTime = attrs.field(converter=to_instant)
    minutes: int = attrs.field(validator=MINUTES)
    language: Lang = attrs.field(converter=to_language)
    status: Status = attrs.field(default=Status.SCHEDULED, converter=Status)
    cancelled_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=to_optional_instant
    )
    reschedules: tuple[Reschedule, ...] = attrs.field(default=(), converter=_reschedules)
    policy: Policy | None = attrs.field(default=None, validator=check_policy, repr=False)
    """Editions of the caller's own, laid over the published ones (``None``: the published)."""
    assume: FiscalYear | None = attrs.field(default=None, converter=to_assumed_year, repr=False)
    """The year whose published terms fill in what a year leaves unpublished (``None``: none)."""
    calendar: BusinessCalendar = attrs.field(
        default=SERVICE_CALENDAR, validator=CALENDAR, repr=False
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
        """The terms of the appointment's fiscal year (under its policy and assumption)."""
        return terms_for(self.fiscal_year, policy=self.policy, assume=self.assume)

    @property
    def notes(self) -> tuple[Reason, ...]:
        """``ASSUMED_TERMS`` / ``SUPPLIED_TERMS`` where its year's terms are not the published ones.

        Empty under the published terms.
        """
        return self.terms.notes

    @property
    def without_contact(self) -> bool:
        """Whether it was missed, or cancelled by a contact not strictly before the start."""
        if self.status is Status.CANCELLED:
            assert self.cancelled_at is not None  # the constructor guarantees it
            return self.cancelled_at >= self.start
        return self.status is Status.MISSED

    @property
    def counted(self) -> bool:
        """Whether it uses one of the year's sessions.

        Completed sessions count. Missed ones, and cancellations whose contact was not strictly
        before the start, count where the year's terms say so (every published year does);
        scheduled ones do not count (yet).
        """
        if self.without_contact:
            return self.terms.cancellation_without_contact_counts
        return self.status is Status.COMPLETED

    @property
    def counted_minutes(self) -> int:
        """The booked minutes when counted, else 0."""
        return self.minutes if self.counted else 0

    @property
    def reason(self) -> Reason | None:
        """Why a session that was not held still counts; ``None`` otherwise."""
        if not (self.without_contact and self.counted):
            return None
        source = self.terms.citation("cancellation_without_contact_counts")
        if self.cancelled_at is None:
            return MISSED.with_params(
                id=self.id, start=show(self.start), minutes=self.minutes, source=source
            )
        return LATE_CANCELLATION.with_params(
            id=self.id,
            contacted=show(self.cancelled_at),
            start=show(self.start),
            minutes=self.minutes,
            source=source,
        )

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
                    id=self.id,
                    start=show(self.start),
                    contacted=show(contact),
                    source=cited("seed-fy2019"),
                )
            )
        check_time(
            moved_to,
            minutes=self.minutes,
            requested_at=contact,
            policy=self.policy,
            assume=self.assume,
            calendar=self.calendar,
            rescheduling=True,
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
