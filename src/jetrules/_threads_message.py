"""Messages of a Web Mail Counselling thread (private: ``threads`` is its face)."""

from __future__ import annotations

import enum
from typing import final

import attrs
import pendulum

from jetrules._dates import to_instant
from jetrules._threads_text import MAX_LINES, check_message_text
from jetrules.errors import InvalidInput
from jetrules.text import Label, Lang

__all__ = ["MAX_REPLIES", "Author", "Message", "ThreadState", "state_of"]

MAX_REPLIES = 3
"""Counsellor replies a thread holds ("you can only have 3 replies on a single thread")."""


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

    A participant's message holds at most 30 lines; no message may be blank.

    >>> Message(author=Author.PARTICIPANT, at="2019-12-27T10:00+09:00", text="Hello.")
    Message(author=Author.PARTICIPANT, at=DateTime(2019, 12, 27, 10, 0, 0, tzinfo=Timezone('Asia/Tokyo')), text='Hello.')
    """  # noqa: E501

    author: Author = attrs.field(converter=_author)
    at: pendulum.DateTime = attrs.field(converter=to_instant)
    """When the service received the message (converted to Asia/Tokyo)."""
    text: str

    def __attrs_post_init__(self) -> None:
        limit = MAX_LINES if self.author is Author.PARTICIPANT else None
        check_message_text(self.text, limit=limit)


def state_of(messages: tuple[Message, ...]) -> ThreadState:
    """Whose turn it is after *messages* (a valid, non-empty sequence)."""
    if messages[-1].author is Author.PARTICIPANT:
        return ThreadState.AWAITING_COUNSELLOR
    replies = sum(1 for m in messages if m.author is Author.COUNSELLOR)
    return ThreadState.CLOSED if replies >= MAX_REPLIES else ThreadState.AWAITING_PARTICIPANT
