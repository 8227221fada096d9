"""Registering for Web Mail Counselling (private: ``threads`` is its face)."""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from typing import final

import attrs
import pendulum

from jetrules._kernel.chars import to_name
from jetrules._kernel.dates import DateLike, InstantLike, to_date, to_instant
from jetrules._kernel.fields import as_participant, named_fields, non_blank, to_optional_instant
from jetrules._kernel.participants import TERM_SOURCE, Participant, check_term
from jetrules._kernel.policy import Policy
from jetrules._threads.message import Author, Message
from jetrules._threads.model import Thread
from jetrules._threads.reasons import (
    ALREADY_CONFIRMED,
    CODE_NOT_VALID,
    OUTSIDE_TERM,
    REGISTRATION_PENDING,
    REGISTRATION_SOURCE,
    TIME_BACKWARDS,
)
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import InvalidInput, Refused, WrongType
from jetrules.text import Lang

__all__ = ["ContractCode", "Registration"]


def _secret(value: str) -> str:
    # The code itself is never put in a message, even when it is refused.
    if not isinstance(value, str):
        raise WrongType.for_field("code", "must be text", f"a {type(value).__name__}")
    if not value.strip():
        raise InvalidInput.for_field("code", "must be non-empty text", "blank text")
    return value


@final
@attrs.frozen(kw_only=True, repr=False, field_transformer=named_fields)
class ContractCode:
    """The programme password (the "Corporate Contract Code") and the days it is valid.

    Contracting organisations hand the password to participants; it changes yearly, and the
    sources disagree whether in April or August, so the caller says when each one applies
    (*valid_from* to *valid_to*, both included, Tokyo dates). The code never appears in a
    ``repr``, a ``str`` or an error message.

    >>> code = ContractCode(code="s3cret", valid_from="2019-08-01", valid_to="2020-07-31")
    >>> code
    ContractCode(code=<hidden>, valid_from=Date(2019, 8, 1), valid_to=Date(2020, 7, 31))
    >>> code.accepts("s3cret", at="2019-12-27T10:00+09:00")
    True
    """

    code: str = attrs.field(converter=_secret, repr=False)
    valid_from: pendulum.Date = attrs.field(converter=to_date)
    valid_to: pendulum.Date = attrs.field(converter=to_date)

    def __attrs_post_init__(self) -> None:
        if self.valid_to < self.valid_from:
            raise InvalidInput.for_field(
                "valid_to", f"must not be before valid_from {self.valid_from}", self.valid_to
            )

    def is_valid_on(self, day: DateLike) -> bool:
        """Whether the code is in force on *day*."""
        return self.valid_from <= to_date(day, "day") <= self.valid_to

    def accepts(self, entered: str, *, at: InstantLike) -> bool:
        """Whether *entered* is this code and the code is in force at the instant *at*."""
        if not isinstance(entered, str):
            return False
        same = hmac.compare_digest(entered.strip().encode(), self.code.strip().encode())
        return same and self.is_valid_on(to_instant(at).date())

    def __repr__(self) -> str:
        return (
            f"ContractCode(code=<hidden>, valid_from={self.valid_from!r}, "
            f"valid_to={self.valid_to!r})"
        )

    __str__ = __repr__


def _check_in_term(term: Participant | None, participant: str, at: pendulum.DateTime) -> None:
    """Refuse (``OUTSIDE_TERM``) a registration at *at* outside *participant*'s *term*, if given."""
    checked = check_term(term, participant)
    if checked is not None and not checked.contains(at.date()):
        raise Refused(
            OUTSIDE_TERM.with_params(
                day=at.date(), participant=participant, term=checked.term, source=TERM_SOURCE
            )
        )


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class Registration:
    """A participant's registration: pending until the confirmation link is followed.

    Make one with :meth:`submit`, which checks the password; :meth:`confirm` completes it, and
    only a confirmed registration may :meth:`open_thread`. Given the participant's *term* (a
    :class:`~jetrules.threads.Participant`), a registration submitted on a day outside it (Tokyo
    date; both ends of the term included) is refused with ``OUTSIDE_TERM``.

    >>> codes = [ContractCode(code="s3cret", valid_from="2019-08-01", valid_to="2020-07-31")]
    >>> pending = Registration.submit(
    ...     participant="jet-0042", code="s3cret", codes=codes, at="2019-12-20T09:00+09:00"
    ... )
    >>> pending.is_confirmed
    False
    >>> pending.confirm("2019-12-20T09:05+09:00").is_confirmed
    True
    """

    participant: str = attrs.field(converter=as_participant, validator=non_blank)
    contract_code: ContractCode
    """The code the participant registered with (its text stays hidden)."""
    submitted_at: pendulum.DateTime = attrs.field(converter=to_instant)
    confirmed_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=to_optional_instant
    )
    term: Participant | None = attrs.field(default=None, repr=False)
    """The participant's term of appointment, when the caller gives it."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.contract_code, ContractCode):
            raise WrongType.for_field(
                "contract_code", "must be a ContractCode", type(self.contract_code).__name__
            )
        _check_in_term(self.term, self.participant, self.submitted_at)
        if not self.contract_code.is_valid_on(self.submitted_at.date()):
            raise Refused(
                CODE_NOT_VALID.with_params(day=self.submitted_at.date(), source=REGISTRATION_SOURCE)
            )
        if self.confirmed_at is not None and self.confirmed_at < self.submitted_at:
            raise Refused(
                TIME_BACKWARDS.with_params(
                    at=self.confirmed_at.isoformat(), before=self.submitted_at.isoformat()
                )
            )

    @classmethod
    def submit(
        cls,
        *,
        participant: str,
        code: str,
        codes: ContractCode | Iterable[ContractCode],
        at: InstantLike,
        term: Participant | None = None,
    ) -> Registration:
        """Register *participant* with the password *code*, entered at *at*.

        *codes* are the programme passwords with their periods; the registration is accepted
        if one of them is *code* and in force at *at*, and stays pending until confirmed. With
        the participant's *term*, a day outside it is refused first (``OUTSIDE_TERM``).

        >>> from jetrules.threads import Participant
        >>> term = Participant(participant="jet-0042", appointed_from="2019-08-01",
        ...                    appointed_to="2020-07-31", organisation="Saga Prefecture")
        >>> codes = [ContractCode(code="s3cret", valid_from="2019-04-01", valid_to="2020-07-31")]
        >>> Registration.submit(participant="jet-0042", code="s3cret", codes=codes,
        ...                     at="2019-07-31T09:00+09:00", term=term)
        Traceback (most recent call last):
        ...
        jetrules.errors.Refused: 2019-07-31 is outside jet-0042's term of appointment (2019-08-01 to 2020-07-31); ...
        """  # noqa: E501
        instant = to_instant(at)
        if isinstance(participant, str):
            participant = to_name(participant, "participant")  # as the registration holds it
        _check_in_term(term, participant, instant)
        table = (codes,) if isinstance(codes, ContractCode) else tuple(codes)
        for candidate in table:
            if not isinstance(candidate, ContractCode):
                raise WrongType.for_field(
                    "codes", "must hold only ContractCode values", type(candidate).__name__
                )
        for candidate in table:
            if candidate.accepts(code, at=instant):
                return cls(
                    participant=participant,
                    contract_code=candidate,
                    submitted_at=instant,
                    term=term,
                )
        raise Refused(CODE_NOT_VALID.with_params(day=instant.date(), source=REGISTRATION_SOURCE))

    @property
    def is_confirmed(self) -> bool:
        """Whether the confirmation link was followed."""
        return self.confirmed_at is not None

    def confirm(self, at: InstantLike) -> Registration:
        """The registration as it is once the confirmation link is followed at *at*."""
        instant = to_instant(at)
        if self.confirmed_at is not None:
            raise Refused(ALREADY_CONFIRMED.with_params(at=self.confirmed_at.isoformat()))
        return attrs.evolve(self, confirmed_at=instant)

    def open_thread(
        self,
        *,
        id: str,
        at: InstantLike,
        text: str,
        language: Lang = "en",
        policy: Policy | None = None,
        assume: FiscalYear | int | str | None = None,
        calendar: BusinessCalendar = SERVICE_CALENDAR,
    ) -> Thread:
        """A new thread *id* opened by the inquiry *text*, received at *at*.

        The thread is held to the terms of the fiscal year of *at*, under *policy* and *assume*
        as :class:`Thread` takes them (``NoRuleInForce`` for a year whose terms are missing or
        partial, unless assumed), and counts reply deadlines in the business days of
        *calendar*. Refused until the registration is confirmed, and for an instant before
        confirmation.
        """
        instant = to_instant(at)
        if self.confirmed_at is None:
            raise Refused(REGISTRATION_PENDING.with_params(source=REGISTRATION_SOURCE))
        if instant < self.confirmed_at:
            raise Refused(
                TIME_BACKWARDS.with_params(
                    at=instant.isoformat(), before=self.confirmed_at.isoformat()
                )
            )
        return Thread(
            id=id,
            participant=self.participant,
            language=language,
            messages=(Message(author=Author.PARTICIPANT, at=instant, text=text),),
            policy=policy,
            assume=assume,
            calendar=calendar,
        )
