"""A Web Mail Counselling thread as an immutable value (private: ``threads`` is its face)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import final

import attrs
import pendulum

from jetrules._dates import InstantLike, to_instant
from jetrules._threads_message import MAX_REPLIES, Author, Message, ThreadState, state_of
from jetrules._threads_reasons import (
    CONTINUE_OPEN_THREAD,
    FIRST_NOT_INQUIRY,
    NOTHING_TO_REPLY_TO,
    REPLY_PENDING,
    THREAD_CLOSED,
    THREAD_FULL,
    TIME_BACKWARDS,
    WEB_MAIL_SOURCE,
)
from jetrules._threads_status import (
    LateReply,
    ThreadStatus,
    late_replies,
    reply_deadline,
    status_of,
)
from jetrules.calendar import Deadline
from jetrules.errors import InvalidInput, Refused, WrongType
from jetrules.text import Lang, Reason, to_lang

__all__ = ["MAX_REPLIES", "Thread", "refusal_for_next", "state_of"]


def _turn_refusal(author: Author, state: ThreadState) -> Reason | None:
    if author is Author.PARTICIPANT:
        if state is ThreadState.AWAITING_COUNSELLOR:
            return REPLY_PENDING.with_params()
        if state is ThreadState.CLOSED:
            return THREAD_CLOSED.with_params(limit=MAX_REPLIES, source=WEB_MAIL_SOURCE)
        return None
    if state is ThreadState.AWAITING_PARTICIPANT:
        return NOTHING_TO_REPLY_TO.with_params()
    if state is ThreadState.CLOSED:
        return THREAD_FULL.with_params(limit=MAX_REPLIES, source=WEB_MAIL_SOURCE)
    return None


def refusal_for_next(
    messages: tuple[Message, ...], author: Author, at: pendulum.DateTime
) -> Reason | None:
    """Why a message by *author* at *at* may not follow *messages*, or ``None`` if it may."""
    if not messages:
        if author is Author.COUNSELLOR:
            return FIRST_NOT_INQUIRY.with_params(source=WEB_MAIL_SOURCE)
        return None
    reason = _turn_refusal(author, state_of(messages))
    if reason is None and at < messages[-1].at:
        reason = TIME_BACKWARDS.with_params(at=at.isoformat(), before=messages[-1].at.isoformat())
    return reason


def _messages(value: Iterable[Message]) -> tuple[Message, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongType.for_field("messages", "must be a sequence of Message", value)
    messages = tuple(value)
    for message in messages:
        if not isinstance(message, Message):
            raise WrongType.for_field("messages", "must hold only Message values", message)
    if not messages:
        raise InvalidInput.for_field("messages", "must start with the participant's inquiry", ())
    for count in range(len(messages)):
        reason = refusal_for_next(messages[:count], messages[count].author, messages[count].at)
        if reason is not None:
            raise Refused(reason)
    return messages


def _text(value: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput.for_field(field, "must be non-empty text", value)
    return value


def _id(value: str) -> str:
    return _text(value, "id")


def _participant(value: str) -> str:
    return _text(value, "participant")


def _continues(value: str | None) -> str | None:
    return None if value is None else _text(value, "continues")


def _next_id(thread_id: str) -> str:
    stem, dot, number = thread_id.rpartition(".")
    if dot and number.isascii() and number.isdigit():
        return f"{stem}.{int(number) + 1}"
    return f"{thread_id}.2"


@final
@attrs.frozen(kw_only=True)
class Thread:
    """A Web Mail Counselling thread: an inquiry, then replies and follow-ups in turn.

    The messages run inquiry, reply, follow-up, reply, follow-up, reply: at most three
    counsellor replies, each message no earlier than the one before. A thread is a value:
    :meth:`reply` and :meth:`follow_up` return a new thread and leave this one as it was.
    Open a thread with ``Registration.open_thread``; build one directly to restore a record.

    >>> thread = Thread(
    ...     id="T1",
    ...     participant="jet-0042",
    ...     messages=[Message(author="participant", at="2019-04-26T09:00+09:00", text="Hi.")],
    ... )
    >>> thread.state
    ThreadState.AWAITING_COUNSELLOR
    >>> thread.follow_up("2019-04-26T10:00+09:00", "Anyone?")
    Traceback (most recent call last):
    ...
    jetrules.errors.Refused: The counsellor has not replied to the last message yet; ...
    """

    id: str = attrs.field(converter=_id)
    participant: str = attrs.field(converter=_participant)
    """Who asks: the participant's ID on the service."""
    language: Lang = attrs.field(default="en", converter=to_lang)
    messages: tuple[Message, ...] = attrs.field(converter=_messages)
    continues: str | None = attrs.field(default=None, converter=_continues)
    """The ID of the thread this one continues, if it continues one."""

    def __attrs_post_init__(self) -> None:
        if self.continues == self.id:
            raise InvalidInput.for_field("continues", "must name another thread", self.continues)

    @property
    def state(self) -> ThreadState:
        """Whose turn it is now."""
        return state_of(self.messages)

    @property
    def replies(self) -> int:
        """How many counsellor replies the thread holds."""
        return sum(1 for m in self.messages if m.author is Author.COUNSELLOR)

    @property
    def opened_at(self) -> pendulum.DateTime:
        """When the inquiry was received."""
        return self.messages[0].at

    @property
    def last_at(self) -> pendulum.DateTime:
        """When the latest message was received."""
        return self.messages[-1].at

    def deadlines(self) -> tuple[Deadline, ...]:
        """The reply deadline of each participant message, in thread order."""
        return tuple(reply_deadline(m.at) for m in self.messages if m.author is Author.PARTICIPANT)

    def status_at(self, at: InstantLike) -> ThreadStatus:
        """Where the thread stands at *at*, counting only the messages received by then.

        Refused (``OutOfRange``) for an instant before the inquiry.
        """
        return status_of(self, at)

    def late_replies(self) -> tuple[LateReply, ...]:
        """The counsellor replies that came after their deadline."""
        return late_replies(self)

    def reply(self, at: InstantLike, text: str) -> Thread:
        """The thread with the counsellor's reply, received at *at*, added.

        Refused when no participant message awaits a reply (a fourth reply among them).
        """
        return self._add(Author.COUNSELLOR, at, text)

    def follow_up(self, at: InstantLike, text: str) -> Thread:
        """The thread with the participant's follow-up (at most 30 lines) added.

        Refused while a reply is pending, and after the third reply (continue in a new thread).
        """
        return self._add(Author.PARTICIPANT, at, text)

    def continue_in_new_thread(
        self, at: InstantLike, text: str, *, id: str | None = None
    ) -> Thread:
        """A new thread, opened by the inquiry *text*, that continues this closed one.

        The new thread's ID is *id*, or this one's with ``.2`` added (``T1.2`` becomes
        ``T1.3``). It has the same participant and language, and names this thread.
        """
        instant = to_instant(at)
        if self.state is not ThreadState.CLOSED:
            raise Refused(CONTINUE_OPEN_THREAD.with_params(thread=self.id))
        if instant < self.last_at:
            raise Refused(
                TIME_BACKWARDS.with_params(at=instant.isoformat(), before=self.last_at.isoformat())
            )
        return Thread(
            id=_next_id(self.id) if id is None else id,
            participant=self.participant,
            language=self.language,
            messages=(Message(author=Author.PARTICIPANT, at=instant, text=text),),
            continues=self.id,
        )

    def _add(self, author: Author, at: InstantLike, text: str) -> Thread:
        instant = to_instant(at)
        reason = refusal_for_next(self.messages, author, instant)
        if reason is not None:
            raise Refused(reason)
        message = Message(author=author, at=instant, text=text)
        return attrs.evolve(self, messages=(*self.messages, message))
