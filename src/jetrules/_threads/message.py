"""Messages of a Web Mail Counselling thread (private: ``threads`` is its face)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import to_instant
from jetrules._kernel.fields import LabelledEnum, named_fields
from jetrules._threads.reasons import (
    FIRST_NOT_INQUIRY,
    NOTHING_TO_REPLY_TO,
    REPLY_PENDING,
    THREAD_CLOSED,
    THREAD_FULL,
    TIME_BACKWARDS,
    WEB_MAIL_SOURCE,
)
from jetrules._threads.terms import WebMailTerms
from jetrules._threads.text import check_message_text
from jetrules.calendar import FIRST_DAY, LAST_DAY, SERVICE_CALENDAR, BusinessCalendar
from jetrules.errors import InvalidInput, OutOfRange, Refused
from jetrules.text import Label, Reason

__all__ = [
    "Author",
    "Message",
    "ThreadState",
    "last_day_awaiting_reply",
    "refusal_for_next",
    "state_of",
    "within_calendar",
]


def last_day_awaiting_reply(
    business_days: int, calendar: BusinessCalendar = SERVICE_CALENDAR
) -> pendulum.Date:
    """The last day a message may arrive whose reply deadline, *business_days* on, is known.

    It is the *business_days*-th business day of *calendar* before its last business day
    (2150-12-31 is in the year-end closure of the service calendar).

    >>> last_day_awaiting_reply(3)
    Date(2150, 12, 23)
    >>> last_day_awaiting_reply(3, SERVICE_CALENDAR.with_closures("2150-12-24"))
    Date(2150, 12, 22)
    """
    if calendar is SERVICE_CALENDAR:
        return _last_service_day_awaiting_reply(business_days)
    return _last_day_awaiting_reply(business_days, calendar)


def _last_day_awaiting_reply(business_days: int, calendar: BusinessCalendar) -> pendulum.Date:
    last_open = calendar.add_business_days(LAST_DAY, 0)
    return calendar.add_business_days(last_open, -business_days)


@functools.cache
def _last_service_day_awaiting_reply(business_days: int) -> pendulum.Date:
    return _last_day_awaiting_reply(business_days, SERVICE_CALENDAR)


_CALENDAR_RANGE = f"{FIRST_DAY} to {LAST_DAY}"
_NEAR_THE_END = LAST_DAY - dt.timedelta(days=30)


def within_calendar(
    instant: pendulum.DateTime,
    field: str,
    *,
    reply_business_days: int | None = None,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
) -> pendulum.DateTime:
    """*instant* if its Tokyo date is one the business calendar covers; else ``OutOfRange``.

    With *reply_business_days*, the deadline of a reply due that many business days of
    *calendar* after the instant must also fall within the calendar.

    >>> within_calendar(to_instant("1900-01-05T10:00+09:00"), "at")
    Traceback (most recent call last):
    ...
    jetrules.errors.OutOfRange: 'at' must fall on a day the business calendar covers, 1948-07-20 to 2150-12-31 (got '1900-01-05T10:00:00+09:00')
    """  # noqa: E501
    day = instant.date()
    if not FIRST_DAY <= day <= LAST_DAY:
        rule = f"must fall on a day the business calendar covers, {_CALENDAR_RANGE}"
        raise OutOfRange.for_field(field, rule, instant.isoformat())
    # The service calendar's last day is known to be near the end; another's is looked up.
    if (
        reply_business_days is not None
        and (day > _NEAR_THE_END or calendar is not SERVICE_CALENDAR)
        and day > (last := last_day_awaiting_reply(reply_business_days, calendar))
    ):
        rule = (
            f"must be received by {last} (Tokyo), so "
            f"that its {reply_business_days}-business-day reply deadline falls within the business "
            f"calendar, {_CALENDAR_RANGE}"
        )
        raise OutOfRange.for_field(field, rule, instant.isoformat())
    return instant


class Author(LabelledEnum):
    """Who wrote a message: the participant (inquiry, follow-ups) or the counsellor (replies)."""

    PARTICIPANT = "participant"
    COUNSELLOR = "counsellor"

    @property
    def label(self) -> Label:
        """The author's role in English and Japanese."""
        if self is Author.PARTICIPANT:
            return Label(en="participant", ja="参加者")
        return Label(en="counsellor", ja="カウンセラー")

    def __repr__(self) -> str:
        return f"Author.{self.name}"


class ThreadState(LabelledEnum):
    """Whose turn it is in a thread."""

    AWAITING_COUNSELLOR = "awaiting counsellor"
    """The last message is the participant's; a reply is due."""
    AWAITING_PARTICIPANT = "awaiting participant"
    """The counsellor replied and the thread has replies left; the participant may follow up."""
    CLOSED = "closed"
    """The thread holds all its replies; the participant continues in a new thread."""

    @property
    def label(self) -> Label:
        """The state in English and Japanese."""
        return _STATE_LABELS[self]

    def __repr__(self) -> str:
        return f"ThreadState.{self.name}"


_STATE_LABELS = {
    ThreadState.AWAITING_COUNSELLOR: Label(en="awaiting counsellor", ja="カウンセラー返信待ち"),
    ThreadState.AWAITING_PARTICIPANT: Label(en="awaiting participant", ja="参加者の返信待ち"),
    ThreadState.CLOSED: Label(en="closed", ja="終了"),
}


def _author(value: Author | str) -> Author:
    if isinstance(value, Author):
        return value
    try:
        return Author(value)
    except ValueError:
        raise InvalidInput.for_field(
            "author", "must be 'participant' or 'counsellor'", value
        ) from None


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class Message:
    """One message in a thread: who wrote it, when it was received, and its text.

    No message may be blank, and it is received on a day the business calendar covers
    (1948-07-20 to 2150-12-31; ``OutOfRange`` else). The limits that depend on the fiscal year
    (lines, replies, a reply deadline the calendar knows) are the thread's to check, with its
    terms.

    >>> Message(author=Author.PARTICIPANT, at="2019-12-27T10:00+09:00", text="Hello.")
    Message(author=Author.PARTICIPANT, at=DateTime(2019, 12, 27, 10, 0, 0, tzinfo=Timezone('Asia/Tokyo')), text='Hello.')
    """  # noqa: E501

    author: Author = attrs.field(converter=_author)
    at: pendulum.DateTime = attrs.field(converter=to_instant)
    """When the service received the message (converted to Asia/Tokyo)."""
    text: str

    def __attrs_post_init__(self) -> None:
        within_calendar(self.at, "at")
        check_message_text(self.text)

    def check_after(
        self,
        earlier: Sequence[Message],
        terms: WebMailTerms,
        *,
        calendar: BusinessCalendar = SERVICE_CALENDAR,
    ) -> None:
        """Refuse this message unless it may follow *earlier* in a thread held to *terms*.

        Raises:
            Refused: for a message out of turn, out of time order or over the line limit.
            OutOfRange: for a participant's message whose reply deadline *calendar* does not
                know.

        >>> from jetrules.threads import terms_for
        >>> inquiry = Message(author="participant", at="2019-12-27T10:00+09:00", text="Hi.")
        >>> Message(author="participant", at="2019-12-27T11:00+09:00", text="Hello?").check_after(
        ...     [inquiry], terms_for(2019))
        Traceback (most recent call last):
        ...
        jetrules.errors.Refused: The counsellor has not replied to the last message yet; ...
        """
        reason = refusal_for_next(tuple(earlier), self.author, self.at, terms)
        if reason is not None:
            raise Refused(reason)
        if self.author is Author.PARTICIPANT:
            check_message_text(self.text, terms=terms, follow_up=bool(earlier))
            within_calendar(
                self.at, "at", reply_business_days=terms.reply_business_days, calendar=calendar
            )


def state_of(messages: tuple[Message, ...], replies_per_thread: int) -> ThreadState:
    """Whose turn it is after *messages* (a valid, non-empty sequence)."""
    if messages[-1].author is Author.PARTICIPANT:
        return ThreadState.AWAITING_COUNSELLOR
    replies = sum(1 for m in messages if m.author is Author.COUNSELLOR)
    if replies >= replies_per_thread:
        return ThreadState.CLOSED
    return ThreadState.AWAITING_PARTICIPANT


def _turn_refusal(author: Author, state: ThreadState, terms: WebMailTerms) -> Reason | None:
    limit = terms.replies_per_thread
    if author is Author.PARTICIPANT:
        if state is ThreadState.AWAITING_COUNSELLOR:
            return REPLY_PENDING.with_params()
        if state is ThreadState.CLOSED:
            return THREAD_CLOSED.with_params(
                limit=limit, source=terms.source_of("replies_per_thread")
            )
        return None
    if state is ThreadState.AWAITING_PARTICIPANT:
        return NOTHING_TO_REPLY_TO.with_params()
    if state is ThreadState.CLOSED:
        return THREAD_FULL.with_params(limit=limit, source=terms.source_of("replies_per_thread"))
    return None


def refusal_for_next(
    messages: tuple[Message, ...], author: Author, at: pendulum.DateTime, terms: WebMailTerms
) -> Reason | None:
    """Why a message by *author* at *at* may not follow *messages* under *terms*, or ``None``."""
    if not messages:
        if author is Author.COUNSELLOR:
            return FIRST_NOT_INQUIRY.with_params(source=WEB_MAIL_SOURCE)
        return None
    reason = _turn_refusal(author, state_of(messages, terms.replies_per_thread), terms)
    if reason is None and at < messages[-1].at:
        reason = TIME_BACKWARDS.with_params(at=at.isoformat(), before=messages[-1].at.isoformat())
    return reason
