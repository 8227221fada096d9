"""Messages of a Web Mail Counselling thread (private: ``threads`` is its face)."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import final

import attrs
import pendulum

from jetrules._calendar.holidays import FIRST_DAY, LAST_DAY
from jetrules._kernel.dates import to_instant
from jetrules._threads.text import check_message_text
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar
from jetrules.errors import InvalidInput, OutOfRange
from jetrules.text import Label, Lang

__all__ = [
    "Author",
    "Message",
    "ThreadState",
    "last_day_awaiting_reply",
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
    """The thread holds all its replies; the participant continues in a new thread."""

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


def state_of(messages: tuple[Message, ...], replies_per_thread: int) -> ThreadState:
    """Whose turn it is after *messages* (a valid, non-empty sequence)."""
    if messages[-1].author is Author.PARTICIPANT:
        return ThreadState.AWAITING_COUNSELLOR
    replies = sum(1 for m in messages if m.author is Author.COUNSELLOR)
    if replies >= replies_per_thread:
        return ThreadState.CLOSED
    return ThreadState.AWAITING_PARTICIPANT
