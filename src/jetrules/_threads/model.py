"""A Web Mail Counselling thread as an immutable value (private: ``threads`` is its face)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import final

import attrs
import pendulum

from jetrules._calendar.business import business_calendar
from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._threads.message import (
    Author,
    Message,
    ThreadState,
    state_of,
    within_calendar,
)
from jetrules._threads.reasons import (
    CONTINUE_OPEN_THREAD,
    CONTINUE_OTHER_LANGUAGE,
    CONTINUE_OTHER_PARTICIPANT,
    FIRST_NOT_INQUIRY,
    LANGUAGE_NOT_OFFERED,
    NOTHING_TO_REPLY_TO,
    REPLY_PENDING,
    THREAD_CLOSED,
    THREAD_FULL,
    TIME_BACKWARDS,
    WEB_MAIL_SOURCE,
)
from jetrules._threads.status import (
    LateReply,
    ThreadStatus,
    late_replies,
    reply_deadline,
    status_of,
)
from jetrules._threads.terms import WebMailTerms, terms_for
from jetrules._threads.text import check_message_text
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, Deadline, FiscalYear
from jetrules.errors import InvalidInput, Refused, WrongType
from jetrules.text import Label, Lang, Reason, to_lang

__all__ = [
    "Thread",
    "check_next_message",
    "continuation_refusal",
    "refusal_for_next",
    "state_of",
    "terms_of_inquiry",
]

_LANGUAGES: dict[Lang, Label] = {
    "en": Label(en="English", ja="英語"),
    "ja": Label(en="Japanese", ja="日本語"),
}


def _turn_refusal(author: Author, state: ThreadState, terms: WebMailTerms) -> Reason | None:
    limit = terms.replies_per_thread
    if author is Author.PARTICIPANT:
        if state is ThreadState.AWAITING_COUNSELLOR:
            return REPLY_PENDING.with_params()
        if state is ThreadState.CLOSED:
            return THREAD_CLOSED.with_params(limit=limit, source=terms.citation)
        return None
    if state is ThreadState.AWAITING_PARTICIPANT:
        return NOTHING_TO_REPLY_TO.with_params()
    if state is ThreadState.CLOSED:
        return THREAD_FULL.with_params(limit=limit, source=terms.citation)
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


def check_next_message(
    messages: tuple[Message, ...],
    message: Message,
    terms: WebMailTerms,
    *,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
) -> None:
    """Refuse *message* unless it may follow *messages* in a thread held to *terms*.

    Raises ``Refused`` for a message out of turn, out of time order or over the line limit,
    and ``OutOfRange`` for a participant's message whose reply deadline *calendar* does not
    know.
    """
    reason = refusal_for_next(messages, message.author, message.at, terms)
    if reason is not None:
        raise Refused(reason)
    if message.author is Author.PARTICIPANT:
        check_message_text(message.text, terms=terms)
        within_calendar(
            message.at, "at", reply_business_days=terms.reply_business_days, calendar=calendar
        )


def terms_of_inquiry(at: pendulum.DateTime) -> WebMailTerms:
    """The published terms in force for a thread whose inquiry was received at *at*.

    Raises ``NoRuleInForce`` for a fiscal year without an edition.
    """
    return terms_for(FiscalYear.of(at.date()))


def _messages(value: Iterable[Message]) -> tuple[Message, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongType.for_field("messages", "must be a sequence of Message", value)
    messages = tuple(value)
    for message in messages:
        if not isinstance(message, Message):
            raise WrongType.for_field("messages", "must hold only Message values", message)
    if not messages:
        raise InvalidInput.for_field("messages", "must start with the participant's inquiry", ())
    return messages


def _default_terms(thread: Thread) -> WebMailTerms:
    return terms_of_inquiry(thread.messages[0].at)


def _terms(value: WebMailTerms) -> WebMailTerms:
    if not isinstance(value, WebMailTerms):
        raise WrongType.for_field("terms", "must be WebMailTerms", value)
    return value


def _text(value: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput.for_field(field, "must be non-empty text", value)
    return value


def _id(value: str) -> str:
    return _text(value, "id")


def _participant(value: str) -> str:
    return _text(value, "participant")


def _language(value: Lang) -> Lang:
    try:
        return to_lang(value)
    except InvalidInput:
        raise InvalidInput.for_field("language", "must be 'en' or 'ja'", value) from None


def _continues(value: str | None) -> str | None:
    return None if value is None else _text(value, "continues")


def _next_id(thread: Thread) -> str:
    # Bump only the ".N" this convention added: the thread continues "stem" (N == 2) or
    # "stem.(N-1)". Any other ID, dotted or not, gets ".2" appended.
    stem, _, number = thread.id.rpartition(".")
    if number.isascii() and number.isdigit() and number == str(int(number)):
        n = int(number)
        previous = stem if n == 2 else f"{stem}.{n - 1}"
        if n >= 2 and thread.continues == previous:
            return f"{stem}.{n + 1}"
    return f"{thread.id}.2"


def continuation_refusal(
    earlier: Thread, *, participant: str, language: Lang, at: pendulum.DateTime
) -> Reason | None:
    """Why a thread by *participant* in *language*, opened at *at*, may not continue *earlier*.

    ``None`` if it may: *earlier* is closed, the participant and language are the same, and
    the new thread opens no earlier than *earlier*'s last message.
    """
    if earlier.state is not ThreadState.CLOSED:
        return CONTINUE_OPEN_THREAD.with_params(thread=earlier.id)
    if participant != earlier.participant:
        return CONTINUE_OTHER_PARTICIPANT.with_params(
            thread=earlier.id, owner=earlier.participant, participant=participant
        )
    if language != earlier.language:
        return CONTINUE_OTHER_LANGUAGE.with_params(
            thread=earlier.id, language=_LANGUAGES[earlier.language]
        )
    if at < earlier.last_at:
        return TIME_BACKWARDS.with_params(at=at.isoformat(), before=earlier.last_at.isoformat())
    return None


@final
@attrs.frozen(kw_only=True)
class Thread:
    """A Web Mail Counselling thread: an inquiry, then replies and follow-ups in turn.

    The messages run inquiry, reply, follow-up, reply...: at most ``terms.replies_per_thread``
    counsellor replies (three in every edition), each message no earlier than the one before,
    each participant message within ``terms.line_limit`` lines. A thread is a value:
    :meth:`reply` and :meth:`follow_up` return a new thread and leave this one as it was.
    Open a thread with ``Registration.open_thread``; build one directly to restore a record.

    *terms* are by default the edition in force in the fiscal year of the inquiry (Tokyo
    date), for every message of the thread; a year without one raises ``NoRuleInForce``
    rather than borrow a neighbour's. Terms passed in must be for that fiscal year.
    Reply deadlines count the business days of *calendar* (``SERVICE_CALENDAR`` by default;
    pass one with a newer official holiday list or the provider's own closures), and the
    thread keeps it: its replies and continuations use it too.

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
    language: Lang = attrs.field(default="en", converter=_language)
    messages: tuple[Message, ...] = attrs.field(converter=_messages)
    continues: str | None = attrs.field(default=None, converter=_continues)
    """The ID of the thread this one continues, if it continues one."""
    terms: WebMailTerms = attrs.field(
        default=attrs.Factory(_default_terms, takes_self=True), converter=_terms, repr=False
    )
    """The terms the thread is held to: those of its inquiry's fiscal year."""
    calendar: BusinessCalendar = attrs.field(
        default=SERVICE_CALENDAR, converter=business_calendar, repr=False
    )
    """The business days reply deadlines are counted in."""

    def __attrs_post_init__(self) -> None:
        if self.continues == self.id:
            raise InvalidInput.for_field("continues", "must name another thread", self.continues)
        year = FiscalYear.of(self.opened_at.date())
        if self.terms.fiscal_year != year:
            raise InvalidInput.for_field(
                "terms",
                f"must be for {year}, the fiscal year of the inquiry",
                self.terms.fiscal_year,
            )
        if self.language not in self.terms.languages:
            raise Refused(
                LANGUAGE_NOT_OFFERED.with_params(
                    language=_LANGUAGES[self.language],
                    fiscal_year=year,
                    source=self.terms.citation,
                )
            )
        for count, message in enumerate(self.messages):
            check_next_message(self.messages[:count], message, self.terms, calendar=self.calendar)

    @property
    def state(self) -> ThreadState:
        """Whose turn it is now."""
        return state_of(self.messages, self.terms.replies_per_thread)

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
        return tuple(
            reply_deadline(m.at, terms=self.terms, calendar=self.calendar)
            for m in self.messages
            if m.author is Author.PARTICIPANT
        )

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
        """The thread with the participant's follow-up (within the line limit) added.

        Refused while a reply is pending, and after the last reply (continue in a new thread).
        """
        return self._add(Author.PARTICIPANT, at, text)

    def continue_in_new_thread(
        self,
        at: InstantLike,
        text: str,
        *,
        id: str | None = None,
        terms: WebMailTerms | None = None,
    ) -> Thread:
        """A new thread, opened by the inquiry *text*, that continues this closed one.

        The new thread's ID is *id*, or by default this one's with ``.2`` appended. Only a
        suffix that convention made is counted on: a thread ``T1.2`` that continues ``T1`` (or
        ``T1.3`` continuing ``T1.2``...) is continued by ``T1.3`` (``T1.4``...); any other ID
        gets ``.2``, so ``2019.04`` is continued by ``2019.04.2`` and ``v1.0`` by ``v1.0.2``.
        The new thread has the same participant, language and calendar, and names this thread.
        It is held to *terms*, by default those of the fiscal year of *at* (not this thread's terms,
        when a new fiscal year has begun).

        >>> t = Thread(id="2019.04", participant="p", messages=[
        ...     Message(author=author, at=f"2019-04-0{n + 1}T10:00+09:00", text="x")
        ...     for n, author in enumerate(["participant", "counsellor"] * 3)
        ... ])
        >>> t.continue_in_new_thread("2019-04-08T10:00+09:00", "More").id
        '2019.04.2'
        """
        instant = to_instant(at)
        reason = continuation_refusal(
            self, participant=self.participant, language=self.language, at=instant
        )
        if reason is not None:
            raise Refused(reason)
        return Thread(
            id=_next_id(self) if id is None else id,
            participant=self.participant,
            language=self.language,
            messages=(Message(author=Author.PARTICIPANT, at=instant, text=text),),
            continues=self.id,
            terms=terms_of_inquiry(instant) if terms is None else terms,
            calendar=self.calendar,
        )

    def _add(self, author: Author, at: InstantLike, text: str) -> Thread:
        instant = to_instant(at)
        reason = refusal_for_next(self.messages, author, instant, self.terms)
        if reason is not None:
            raise Refused(reason)
        message = Message(author=author, at=instant, text=text)
        return attrs.evolve(self, messages=(*self.messages, message))
