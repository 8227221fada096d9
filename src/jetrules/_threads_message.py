"""Messages of a Web Mail Counselling thread (private: ``threads`` is its face)."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import final

import attrs
import pendulum

from jetrules._dates import to_instant
from jetrules._holidays import FIRST_DAY, LAST_DAY
from jetrules._threads_text import MAX_LINES, check_message_text
from jetrules.calendar import SERVICE_CALENDAR
from jetrules.errors import InvalidInput, OutOfRange
from jetrules.text import Label, Lang

__all__ = [
    "MAX_REPLIES",
    "REPLY_BUSINESS_DAYS",
    "Author",
    "Message",
    "ThreadState",
    "last_day_awaiting_reply",
    "state_of",
    "within_calendar",
]

MAX_REPLIES = 3
"""Counsellor replies a thread holds ("you can only have 3 replies on a single thread")."""
REPLY_BUSINESS_DAYS = 3
"""The counsellor replies "within 3 business days" of a participant's message."""


@functools.cache
def last_day_awaiting_reply() -> pendulum.Date:
    """The last day a participant message may be received whose reply deadline the calendar knows.

    It is the third business day before the calendar's last business day (2150-12-31 is in the
    year-end closure).

    >>> last_day_awaiting_reply()
    Date(2150, 12, 23)
    """
    last_open = SERVICE_CALENDAR.add_business_days(LAST_DAY, 0)
    return SERVICE_CALENDAR.add_business_days(last_open, -REPLY_BUSINESS_DAYS)


_CALENDAR_RANGE = f"{FIRST_DAY} to {LAST_DAY}"
_NEAR_THE_END = LAST_DAY - dt.timedelta(days=30)


def within_calendar(
    instant: pendulum.DateTime, field: str, *, awaits_reply: bool = False
) -> pendulum.DateTime:
    """*instant* if its Tokyo date is one the business calendar covers; else ``OutOfRange``.

    With *awaits_reply*, the instant's reply deadline must also fall within the calendar.

    >>> within_calendar(to_instant("1900-01-05T10:00+09:00"), "at")
    Traceback (most recent call last):
    ...
    jetrules.errors.OutOfRange: 'at' must fall on a day the business calendar covers, 1948-07-20 to 2150-12-31 (got '1900-01-05T10:00:00+09:00')
    """  # noqa: E501
    day = instant.date()
    if not FIRST_DAY <= day <= LAST_DAY:
        rule = f"must fall on a day the business calendar covers, {_CALENDAR_RANGE}"
        raise OutOfRange.for_field(field, rule, instant.isoformat())
    if awaits_reply and day > _NEAR_THE_END and day > last_day_awaiting_reply():
        rule = (
            f"must be received by {last_day_awaiting_reply()} (Tokyo), so that its "
            f"{REPLY_BUSINESS_DAYS}-business-day reply deadline falls within the business "
            f"calendar, {_CALENDAR_RANGE}"
        )
        raise OutOfRange.for_field(field, rule, instant.isoformat())
    return instant


class Author(enum.Enum):
    """Who wrote a message: the participant (inquiry, follow-ups) or the counsellor (replies)."""

    PARTICIPANT = "participant"
    COUNSELLOR = "counsellor"

    @property
    def label(self) -> Label:
        """The author's role in English and Japanese."""
        if self is Author.PARTICIPANT:
            return Label(en="participant", ja="参加者")
        return Label(en="counsellor", ja="カウンセラー")

    def render(self, lang: Lang) -> str:
        """The author's role in *lang*."""
        return self.label.render(lang)

    def __repr__(self) -> str:
        return f"Author.{self.name}"


class ThreadState(enum.Enum):
    """Whose turn it is in a thread."""

    AWAITING_COUNSELLOR = "awaiting counsellor"
    """The last message is the participant's; a reply is due."""
    AWAITING_PARTICIPANT = "awaiting participant"
    """The counsellor replied and the thread has replies left; the participant may follow up."""
    CLOSED = "closed"
    """The thread holds its three replies; the participant continues in a new thread."""

    @property
    def label(self) -> Label:
        """The state in English and Japanese."""
        return _STATE_LABELS[self]

    def render(self, lang: Lang) -> str:
        """The state in *lang*."""
        return self.label.render(lang)

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
@attrs.frozen(kw_only=True)
class Message:
    """One message in a thread: who wrote it, when it was received, and its text.

    A participant's message holds at most 30 lines; no message may be blank. The message is
    received on a day the business calendar covers (1948-07-20 to 2150-12-31), and a
    participant's message early enough that its reply deadline does too (``OutOfRange`` else).

    >>> Message(author=Author.PARTICIPANT, at="2019-12-27T10:00+09:00", text="Hello.")
    Message(author=Author.PARTICIPANT, at=DateTime(2019, 12, 27, 10, 0, 0, tzinfo=Timezone('Asia/Tokyo')), text='Hello.')
    """  # noqa: E501

    author: Author = attrs.field(converter=_author)
    at: pendulum.DateTime = attrs.field(converter=to_instant)
    """When the service received the message (converted to Asia/Tokyo)."""
    text: str

    def __attrs_post_init__(self) -> None:
        within_calendar(self.at, "at", awaits_reply=self.author is Author.PARTICIPANT)
        limit = MAX_LINES if self.author is Author.PARTICIPANT else None
        check_message_text(self.text, limit=limit)


def state_of(messages: tuple[Message, ...]) -> ThreadState:
    """Whose turn it is after *messages* (a valid, non-empty sequence)."""
    if messages[-1].author is Author.PARTICIPANT:
        return ThreadState.AWAITING_COUNSELLOR
    replies = sum(1 for m in messages if m.author is Author.COUNSELLOR)
    return ThreadState.CLOSED if replies >= MAX_REPLIES else ThreadState.AWAITING_PARTICIPANT
