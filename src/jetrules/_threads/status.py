"""Reply deadlines, late replies and a thread's status at an instant (private).

``threads`` is its face. Deadlines come from :meth:`jetrules.calendar.BusinessCalendar.deadline`
(``SERVICE_CALENDAR`` unless a thread carries another): a message received on a closed day
counts from the next business day, and the reply is due by the end (24:00 Tokyo) of the n-th
business day after (n is the terms' ``reply_business_days``: 3).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._kernel.fields import LabelledEnum
from jetrules._kernel.policy import Change, Policy
from jetrules._threads.editions import terms_for
from jetrules._threads.message import (
    Author,
    Message,
    ThreadState,
    state_of,
    within_calendar,
)
from jetrules._threads.notes import terms_notes
from jetrules._threads.reasons import (
    REPLY_LATE,
    STATUS_AWAITING_PARTICIPANT,
    STATUS_CLOSED,
    STATUS_ON_TIME,
    STATUS_OVERDUE,
    BusinessDays,
)
from jetrules._threads.terms import WebMailTerms
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, Deadline, FiscalYear
from jetrules.errors import InvalidInput, OutOfRange
from jetrules.text import Label, Lang, Reason

__all__ = [
    "LateReply",
    "StatusKind",
    "ThreadStatus",
    "deadline_under",
    "late_replies",
    "reply_deadline",
    "status_of",
]


def reply_deadline(
    received_at: InstantLike,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
) -> Deadline:
    """When the reply to a message received at *received_at* is due.

    The reply is due after the ``reply_business_days`` of the terms of the fiscal year of
    *received_at* (with *policy* and *assume* as :func:`~jetrules.threads.terms_for` takes
    them); a follow-up is held to its thread's terms (``Thread.deadlines`` says), which may be
    the year before. The business days are those of *calendar*, and the deadline keeps it.

    >>> due = reply_deadline("2019-12-27T10:00+09:00")
    >>> due.due_date, due.due_by
    (Date(2020, 1, 8), DateTime(2020, 1, 9, 0, 0, 0, tzinfo=Timezone('Asia/Tokyo')))
    >>> reply_deadline("2019-12-27T10:00+09:00", calendar=SERVICE_CALENDAR.with_closures(
    ...     "2020-01-07")).due_date
    Date(2020, 1, 9)
    """
    checked = BusinessCalendar.check(calendar)
    year = FiscalYear.of(to_instant(received_at).date())
    terms = terms_for(year, policy=policy, assume=assume)
    return deadline_under(received_at, terms, checked)


def deadline_under(
    received_at: InstantLike, terms: WebMailTerms, calendar: BusinessCalendar
) -> Deadline:
    """When the reply to a message received at *received_at* is due under *terms*."""
    return calendar.deadline(received_at, business_days=terms.reply_business_days)


def sentences(reasons: Iterable[Reason], lang: Lang) -> str:
    """*reasons* rendered in *lang*, one after another (no space after 。 in Japanese)."""
    return (" " if lang == "en" else "").join(reason.render(lang) for reason in reasons)


def _when(instant: pendulum.DateTime) -> str:
    return instant.isoformat()


@final
@attrs.frozen(kw_only=True)
class LateReply:
    """A counsellor reply that came after its deadline."""

    thread: str
    """The thread's ID."""
    number: int
    """Which reply of the thread it is, from 1."""
    deadline: Deadline
    """The deadline of the participant message it answers."""
    replied_at: pendulum.DateTime
    terms: WebMailTerms = attrs.field(repr=False)
    """The terms the thread is held to."""

    @property
    def business_days_late(self) -> int:
        """How many business days after the due date the reply came (at least 1)."""
        return self.deadline.business_days_late(self.replied_at)

    @property
    def reason(self) -> Reason:
        """The lateness, in English and Japanese."""
        return REPLY_LATE.with_params(
            number=self.number,
            thread=self.thread,
            due_date=self.deadline.due_date,
            at=_when(self.replied_at),
            days=BusinessDays(self.business_days_late),
            source=self.terms.source_of("reply_business_days"),
        )

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The lateness, then notes on terms not as published (``ASSUMED_TERMS``...)."""
        return (self.reason, *terms_notes(self.terms))

    @property
    def terms_origin(self) -> str:
        """``published``, ``supplied`` (a what-if) or ``assumed`` (see ``WebMailTerms.origin``)."""
        return self.terms.origin

    @property
    def changes(self) -> tuple[Change, ...]:
        """The supplied values that differ from the published ones."""
        return self.terms.changes

    def render(self, lang: Lang) -> str:
        """The lateness, with any note on the terms, as sentences in *lang*."""
        return sentences(self.reasons, lang)


class StatusKind(LabelledEnum):
    """A thread's status at an instant, with the counsellor's side split by the deadline."""

    ON_TIME = "on time"
    """Awaiting the counsellor, before the reply's deadline."""
    OVERDUE = "overdue"
    """Awaiting the counsellor, past the reply's deadline."""
    AWAITING_PARTICIPANT = "awaiting participant"
    CLOSED = "closed"

    @property
    def label(self) -> Label:
        """The status in English and Japanese."""
        return _KIND_LABELS[self]

    def __repr__(self) -> str:
        return f"StatusKind.{self.name}"


_KIND_LABELS = {
    StatusKind.ON_TIME: Label(en="awaiting counsellor (on time)", ja="返信待ち（期限内）"),
    StatusKind.OVERDUE: Label(en="awaiting counsellor (overdue)", ja="返信待ち（期限超過）"),
    StatusKind.AWAITING_PARTICIPANT: Label(en="awaiting participant", ja="参加者の返信待ち"),
    StatusKind.CLOSED: Label(en="closed", ja="終了"),
}


@final
@attrs.frozen(kw_only=True)
class ThreadStatus:
    """Where a thread stands at an instant, counting only the messages received by then."""

    thread: str
    """The thread's ID."""
    at: pendulum.DateTime
    kind: StatusKind
    replies: int
    """Counsellor replies received by :attr:`at`."""
    deadline: Deadline | None
    """The pending message's deadline while the counsellor is awaited, else ``None``."""
    terms: WebMailTerms = attrs.field(repr=False)
    """The terms the thread is held to."""

    def __attrs_post_init__(self) -> None:
        awaiting = self.kind in (StatusKind.ON_TIME, StatusKind.OVERDUE)
        if awaiting != (self.deadline is not None):
            rule = "must be given exactly when the counsellor is awaited"
            raise InvalidInput.for_field(
                "deadline", f"{rule} (status {self.kind.value})", self.deadline
            )

    @property
    def business_days_overdue(self) -> int:
        """Business days past the due date (0 unless :attr:`kind` is ``OVERDUE``)."""
        if self.deadline is None:
            return 0
        return self.deadline.business_days_late(self.at)

    @property
    def reason(self) -> Reason:
        """The status as a sentence, in English and Japanese."""
        if self.deadline is not None:
            days = self.terms.source_of("reply_business_days")
            if self.kind is StatusKind.ON_TIME:
                return STATUS_ON_TIME.with_params(due_date=self.deadline.due_date, source=days)
            return STATUS_OVERDUE.with_params(
                due_date=self.deadline.due_date,
                days=BusinessDays(self.business_days_overdue),
                source=days,
            )
        replies = self.terms.source_of("replies_per_thread")
        if self.kind is StatusKind.AWAITING_PARTICIPANT:
            return STATUS_AWAITING_PARTICIPANT.with_params(
                replies=self.replies, limit=self.terms.replies_per_thread, source=replies
            )
        return STATUS_CLOSED.with_params(limit=self.terms.replies_per_thread, source=replies)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The status, then notes on terms not as published (``ASSUMED_TERMS``...)."""
        return (self.reason, *terms_notes(self.terms))

    @property
    def terms_origin(self) -> str:
        """``published``, ``supplied`` (a what-if) or ``assumed`` (see ``WebMailTerms.origin``)."""
        return self.terms.origin

    @property
    def changes(self) -> tuple[Change, ...]:
        """The supplied values that differ from the published ones."""
        return self.terms.changes

    def render(self, lang: Lang) -> str:
        """The status, with any note on the terms, as sentences in *lang*."""
        return sentences(self.reasons, lang)


def status_of(
    thread: str,
    messages: tuple[Message, ...],
    at: InstantLike,
    *,
    terms: WebMailTerms,
    calendar: BusinessCalendar,
) -> ThreadStatus:
    """The status at *at* of thread *thread*, from those of its *messages* received by then.

    Its reply deadlines are those of *terms*, in the business days of *calendar*.
    """
    instant = within_calendar(to_instant(at), "at")
    known = tuple(m for m in messages if m.at <= instant)
    if not known:
        raise OutOfRange.for_field(
            "at", f"must not be before thread {thread} opened at {_when(messages[0].at)}", at
        )
    state = state_of(known, terms.replies_per_thread)
    due: Deadline | None = None
    if state is ThreadState.AWAITING_COUNSELLOR:
        due = deadline_under(known[-1].at, terms, calendar)
        kind = StatusKind.ON_TIME if due.is_met_by(instant) else StatusKind.OVERDUE
    elif state is ThreadState.AWAITING_PARTICIPANT:
        kind = StatusKind.AWAITING_PARTICIPANT
    else:
        kind = StatusKind.CLOSED
    return ThreadStatus(
        thread=thread,
        at=instant,
        kind=kind,
        replies=sum(1 for m in known if m.author is Author.COUNSELLOR),
        deadline=due,
        terms=terms,
    )


def late_replies(
    thread: str,
    messages: tuple[Message, ...],
    *,
    terms: WebMailTerms,
    calendar: BusinessCalendar,
) -> tuple[LateReply, ...]:
    """The replies among *messages* of thread *thread* that came after their deadline, in order.

    Their deadlines are those of *terms*, in the business days of *calendar*.
    """
    late = []
    asked = messages[0::2]
    answered = messages[1::2]
    for number, (question, answer) in enumerate(zip(asked, answered, strict=False), start=1):
        due = deadline_under(question.at, terms, calendar)
        if not due.is_met_by(answer.at):
            late.append(
                LateReply(
                    thread=thread,
                    number=number,
                    deadline=due,
                    replied_at=answer.at,
                    terms=terms,
                )
            )
    return tuple(late)
