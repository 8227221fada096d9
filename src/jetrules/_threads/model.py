"""A Web Mail Counselling thread as an immutable value (private: ``threads`` is its face)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._kernel.fields import (
    as_participant,
    named_fields,
    non_blank,
    of_type,
    to_language,
)
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.policy import Policy
from jetrules._threads.editions import terms_for
from jetrules._threads.message import (
    Author,
    Message,
    ThreadState,
    refusal_for_next,
    state_of,
)
from jetrules._threads.reasons import (
    CONTINUE_OPEN_THREAD,
    CONTINUE_OTHER_LANGUAGE,
    CONTINUE_OTHER_PARTICIPANT,
    CONTINUE_TAKEN,
    LANGUAGE_NOT_OFFERED,
    TIME_BACKWARDS,
)
from jetrules._threads.status import (
    LateReply,
    ThreadStatus,
    deadline_under,
    late_replies,
    status_of,
)
from jetrules._threads.terms import WebMailTerms
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, Deadline, FiscalYear
from jetrules.errors import InvalidInput, Refused, WrongType
from jetrules.text import Label, Lang, Reason

__all__ = ["Thread", "terms_of_inquiry"]

_LANGUAGES: dict[Lang, Label] = {
    "en": Label(en="English", ja="英語"),
    "ja": Label(en="Japanese", ja="日本語"),
}


def terms_of_inquiry(
    at: pendulum.DateTime, policy: Policy | None = None, assume: FiscalYear | None = None
) -> WebMailTerms:
    """The terms in force for a thread whose inquiry was received at *at*.

    Raises ``NoRuleInForce`` for a fiscal year whose edition is missing or partial, unless
    *assume* names a year whose published terms to assume for what it lacks.
    """
    return terms_for(FiscalYear.of(at.date()), policy=policy, assume=assume)


def _assume(value: FiscalYear | int | str | None) -> FiscalYear | None:
    return None if value is None else to_fiscal_year(value, "assume")


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


def _terms(thread: Thread) -> WebMailTerms:
    return terms_of_inquiry(thread.messages[0].at, thread.policy, thread.assume)


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


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class Thread:
    """A Web Mail Counselling thread: an inquiry, then replies and follow-ups in turn.

    The messages run inquiry, reply, follow-up, reply...: at most ``terms.replies_per_thread``
    counsellor replies (three in every edition), each message no earlier than the one before,
    each participant message within ``terms.line_limit`` lines. A thread is a value:
    :meth:`reply` and :meth:`follow_up` return a new thread and leave this one as it was.
    Open a thread with ``Registration.open_thread``; build one directly to restore a record.

    The thread is held, for every message, to the :attr:`terms` of the fiscal year of its
    inquiry (Tokyo date): the published edition with *policy* (a caller's editions, see
    ``jetrules.policy.load``) laid over it. A year whose edition is missing or partial raises
    ``NoRuleInForce`` rather than borrow a neighbour's, unless *assume* names a year whose
    published terms to assume for what it lacks; the thread's statuses then say so.
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

    id: str = attrs.field(validator=non_blank)
    participant: str = attrs.field(converter=as_participant, validator=non_blank)
    """Who asks: the participant's ID on the service, read as files read it (``" P "`` is ``P``)."""
    language: Lang = attrs.field(default="en", converter=to_language)
    messages: tuple[Message, ...] = attrs.field(converter=_messages)
    continues: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(non_blank)
    )
    """The ID of the thread this one continues, if it continues one."""
    policy: Policy | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(of_type(Policy, "must be a Policy")),
        eq=False,
        repr=False,
    )
    """The caller's editions laid over the published ones (None: the published ones)."""
    assume: FiscalYear | None = attrs.field(default=None, converter=_assume, eq=False, repr=False)
    """The year whose published terms to assume for what the inquiry's year does not publish."""
    terms: WebMailTerms = attrs.field(
        init=False, default=attrs.Factory(_terms, takes_self=True), repr=False
    )
    """The terms the thread is held to: those of its inquiry's fiscal year."""
    calendar: BusinessCalendar = attrs.field(
        default=SERVICE_CALENDAR,
        validator=of_type(BusinessCalendar, "must be a BusinessCalendar"),
        repr=False,
    )
    """The business days reply deadlines are counted in."""

    def __attrs_post_init__(self) -> None:
        if self.continues == self.id:
            raise InvalidInput.for_field("continues", "must name another thread", self.continues)
        if self.language not in self.terms.languages:
            raise Refused(
                LANGUAGE_NOT_OFFERED.with_params(
                    language=_LANGUAGES[self.language],
                    fiscal_year=self.terms.fiscal_year,
                    source=self.terms.source_of("languages"),
                )
            )
        for count, message in enumerate(self.messages):
            message.check_after(self.messages[:count], self.terms, calendar=self.calendar)

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
            deadline_under(m.at, self.terms, self.calendar)
            for m in self.messages
            if m.author is Author.PARTICIPANT
        )

    def status_at(self, at: InstantLike) -> ThreadStatus:
        """Where the thread stands at *at*, counting only the messages received by then.

        Refused (``OutOfRange``) for an instant before the inquiry.
        """
        return status_of(self.id, self.messages, at, terms=self.terms, calendar=self.calendar)

    def late_replies(self) -> tuple[LateReply, ...]:
        """The counsellor replies that came after their deadline."""
        return late_replies(self.id, self.messages, terms=self.terms, calendar=self.calendar)

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
        policy: Policy | None = None,
        assume: FiscalYear | int | str | None = None,
    ) -> Thread:
        """A new thread, opened by the inquiry *text*, that continues this closed one.

        The new thread's ID is *id*, or by default this one's with ``.2`` appended. Only a
        suffix that convention made is counted on: a thread ``T1.2`` that continues ``T1`` (or
        ``T1.3`` continuing ``T1.2``...) is continued by ``T1.3`` (``T1.4``...); any other ID
        gets ``.2``, so ``2019.04`` is continued by ``2019.04.2`` and ``v1.0`` by ``v1.0.2``.
        The new thread has the same participant, language and calendar, and names this thread.
        It is held to the terms of the fiscal year of *at* (not this thread's terms, when a new
        fiscal year has begun), under *policy* and *assume*: by default this thread's.

        >>> t = Thread(id="2019.04", participant="p", messages=[
        ...     Message(author=author, at=f"2019-04-0{n + 1}T10:00+09:00", text="x")
        ...     for n, author in enumerate(["participant", "counsellor"] * 3)
        ... ])
        >>> t.continue_in_new_thread("2019-04-08T10:00+09:00", "More").id
        '2019.04.2'
        """
        instant = to_instant(at)
        reason = self.continuation_refusal(
            participant=self.participant, language=self.language, at=instant
        )
        if reason is not None:
            raise Refused(reason)
        return Thread(
            id=_next_id(self) if id is None else id,
            participant=self.participant,
            language=self.language,
            messages=(Message(author=Author.PARTICIPANT, at=instant, text=text),),
            continues=self.id,
            policy=self.policy if policy is None else policy,
            assume=self.assume if assume is None else assume,
            calendar=self.calendar,
        )

    def continuation_refusal(
        self,
        *,
        participant: str,
        language: Lang,
        at: pendulum.DateTime,
        continued_by: str | Sequence[str] = (),
    ) -> Reason | None:
        """Why a thread by *participant* in *language*, opened at *at*, may not continue this one.

        ``None`` if it may: this thread is closed, the participant and language are the same,
        the new thread opens no earlier than this one's last message, and fewer threads than
        the terms' ``continuations_per_thread`` already continue this one (*continued_by*, their
        IDs, says which do, if the caller knows of any): our reading of the source's "create a
        new thread and continue the topic" is a chain, one continuation per thread.

        >>> t = Thread(id="T1", participant="p", messages=[
        ...     Message(author="participant", at="2019-04-01T10:00+09:00", text="x")])
        >>> t.continuation_refusal(participant="p", language="en", at=t.last_at).code
        'CONTINUE_OPEN_THREAD'
        """
        if self.state is not ThreadState.CLOSED:
            return CONTINUE_OPEN_THREAD.with_params(thread=self.id)
        if participant != self.participant:
            return CONTINUE_OTHER_PARTICIPANT.with_params(
                thread=self.id, owner=self.participant, participant=participant
            )
        if language != self.language:
            return CONTINUE_OTHER_LANGUAGE.with_params(
                thread=self.id, language=_LANGUAGES[self.language]
            )
        if at < self.last_at:
            return TIME_BACKWARDS.with_params(at=at.isoformat(), before=self.last_at.isoformat())
        taken = (continued_by,) if isinstance(continued_by, str) else tuple(continued_by)
        if len(taken) >= self.terms.continuations_per_thread:
            return CONTINUE_TAKEN.with_params(
                thread=self.id,
                by=", ".join(taken),
                source=self.terms.source_of("continuations_per_thread"),
            )
        return None

    def _add(self, author: Author, at: InstantLike, text: str) -> Thread:
        instant = to_instant(at)
        reason = refusal_for_next(self.messages, author, instant, self.terms)
        if reason is not None:
            raise Refused(reason)
        message = Message(author=author, at=instant, text=text)
        return attrs.evolve(self, messages=(*self.messages, message))
