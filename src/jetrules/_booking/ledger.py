"""Yearly accounting of Skype Counselling (private: :mod:`jetrules.booking` is its face)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import final

import attrs

from jetrules._booking.appointment import Appointment, Status, check_policy
from jetrules._booking.editions import terms_for, to_assumed_year
from jetrules._booking.origin import describe_changes, show_value
from jetrules._booking.reasons import LIMIT_REACHED
from jetrules._booking.signup import SignUp
from jetrules._booking.terms import NO_PUBLISHED_LIMIT, BookingTerms
from jetrules._kernel.chars import to_name
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.policy import Change, Policy, TermsOrigin
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, Refused, WrongType
from jetrules.text import Lang, Reason

__all__ = ["Ledger", "Usage", "ledger_of", "refusals_over_limit"]


_ORIGINS = (TermsOrigin.PUBLISHED, TermsOrigin.ASSUMED, TermsOrigin.SUPPLIED)


def _origin(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in _ORIGINS:
        raise InvalidInput.for_field(attribute.name, f"must be one of {', '.join(_ORIGINS)}", value)


def _changes(values: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(values)


def _notes(values: Iterable[Reason]) -> tuple[Reason, ...]:
    return tuple(values)


def _assumed(values: Iterable[tuple[str, FiscalYear]]) -> tuple[tuple[str, FiscalYear], ...]:
    return tuple(values)


@final
@attrs.frozen(kw_only=True)
class Usage:
    """One participant's sessions in one fiscal year.

    Attributes:
        participant: who.
        fiscal_year: the year (sessions belong to the fiscal year of their start in Tokyo).
        limit: the year's published limit, ``None`` where none is published.
        appointments: every appointment of the year, counted or not.
        sessions_used: counted sessions (completed, missed, cancelled without contact in advance).
        minutes_used: their booked minutes.
        sessions_booked: scheduled sessions not yet held: they take a place under the limit.
        sessions_left: ``limit - sessions_used - sessions_booked``; ``None`` without a limit.
        terms_origin: ``published``; ``assumed`` where a parameter of the year was assumed from
            another year; ``supplied`` where a supplied value differs from the published one.
        changes: each supplied value that differs from the published one.
        assumed: each parameter assumed from another year's published terms, with that year.
        notes: ``ASSUMED_TERMS`` / ``SUPPLIED_TERMS`` saying so, in English and Japanese.
    """

    participant: str
    fiscal_year: FiscalYear
    limit: int | None
    appointments: int
    sessions_used: int
    minutes_used: int
    sessions_booked: int
    terms_origin: str = attrs.field(default=TermsOrigin.PUBLISHED, validator=_origin)
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_changes)
    assumed: tuple[tuple[str, FiscalYear], ...] = attrs.field(default=(), converter=_assumed)
    notes: tuple[Reason, ...] = attrs.field(default=(), converter=_notes)

    def __attrs_post_init__(self) -> None:
        taken = self.sessions_used + self.sessions_booked
        if min(self.sessions_used, self.sessions_booked, self.minutes_used) < 0:
            raise InvalidInput.for_field("sessions_used", "and the other counts must be >= 0", self)
        if taken > self.appointments:
            raise InvalidInput.for_field(
                "appointments", "must be at least sessions used + sessions booked", self
            )
        if self.limit is not None and taken > self.limit:
            raise InvalidInput.for_field(
                "limit", "must be at least sessions used + sessions booked", self
            )

    @property
    def sessions_left(self) -> int | None:
        """Sessions that can still be booked this year; ``None`` where no limit is published."""
        if self.limit is None:
            return None
        return self.limit - self.sessions_used - self.sessions_booked

    def limit_text(self, lang: Lang) -> str:
        """The limit as text: the number, or "no published limit"."""
        return NO_PUBLISHED_LIMIT.render(lang) if self.limit is None else str(self.limit)

    def sessions_left_text(self, lang: Lang) -> str:
        """Sessions left as text: the number, or "no published limit"."""
        left = self.sessions_left
        return NO_PUBLISHED_LIMIT.render(lang) if left is None else str(left)

    def changes_text(self, lang: Lang) -> str:
        """The changed values as text: ``yearly session limit 8 (published: 7)``; empty if none."""
        return describe_changes(self.changes).render(lang) if self.changes else ""

    def explanation(self, lang: Lang) -> str:
        """The notes, rendered in *lang* with what each rests on; empty if none."""
        return " ".join(note.render(lang) for note in self.notes)

    def to_record(self, lang: Lang = "en") -> dict[str, object]:
        """The usage as plain values (JSON can hold each), notes rendered in *lang*.

        The fiscal year is its ``int``, as in every record of the library (subsidy, phone).
        """
        return {
            "participant": self.participant,
            "fiscal_year": self.fiscal_year.year,
            "sessions_used": self.sessions_used,
            "minutes_used": self.minutes_used,
            "sessions_booked": self.sessions_booked,
            "sessions_left": self.sessions_left,
            "limit": self.limit,
            "limit_text": self.limit_text(lang),
            "terms_origin": self.terms_origin,
            "changes": [
                {
                    "parameter": change.name,
                    "value": show_value(change.value, "en"),
                    "published": None
                    if change.published is None
                    else show_value(change.published, "en"),
                }
                for change in self.changes
            ],
            "assumed": [{"parameter": name, "from": str(year)} for name, year in self.assumed],
            "reasons": [{"code": note.code, "text": note.render(lang)} for note in self.notes],
        }


def _limit_reached(
    participant: str, fiscal_year: FiscalYear, terms: BookingTerms, taken: int
) -> Reason:
    return LIMIT_REACHED.with_params(
        participant=participant,
        taken=taken,
        limit=terms.yearly_session_limit,
        fiscal_year=fiscal_year,
        source=terms.limit_source,
    )


def _appointments(values: Iterable[Appointment]) -> tuple[Appointment, ...]:
    """*values* as a tuple, each an :class:`Appointment` (one appointment is not a list of them)."""
    if isinstance(values, Appointment | str | bytes) or not isinstance(values, Iterable):
        raise WrongType.for_field("appointments", "must be a list of Appointment values", values)
    held = tuple(values)
    for value in held:
        _appointment(value, "appointments", "must hold Appointment values")
    return held


def _appointment(value: object, field: str, rule: str = "must be an Appointment") -> Appointment:
    if not isinstance(value, Appointment):
        raise WrongType.for_field(field, rule, value)
    return value


def _takes_a_place(appointment: Appointment) -> bool:
    return appointment.counted or appointment.status is Status.SCHEDULED


@final
@attrs.frozen(kw_only=True)
class Ledger:
    """Every appointment the desk knows of, keeping each participant within the yearly limit.

    A counted or scheduled appointment takes one of the year's places; :meth:`add` and
    :meth:`update` refuse one that would take a place beyond the limit (``LIMIT_REACHED``, in
    English and Japanese). Usage resets on 1 April: each fiscal year is counted on its own.
    """

    appointments: tuple[Appointment, ...] = attrs.field(default=(), converter=_appointments)
    policy: Policy | None = attrs.field(default=None, validator=check_policy, repr=False)
    """Editions of the caller's own, laid over the published ones (``None``: the published)."""
    assume: FiscalYear | None = attrs.field(default=None, converter=to_assumed_year, repr=False)
    """The year whose published terms fill in what a year leaves unpublished (``None``: none)."""

    def __attrs_post_init__(self) -> None:
        ids = [appointment.id for appointment in self.appointments]
        if len(set(ids)) != len(ids):
            raise InvalidInput.for_field("appointments", "must have distinct ids", ids)
        places = Counter(
            (a.participant, a.fiscal_year) for a in self.appointments if _takes_a_place(a)
        )
        for (participant, fiscal_year), taken in sorted(places.items()):
            terms = self._terms(fiscal_year)
            limit = terms.yearly_session_limit
            if limit is not None and taken > limit:
                raise Refused(_limit_reached(participant, fiscal_year, terms, limit))

    def _terms(self, fiscal_year: FiscalYear) -> BookingTerms:
        return terms_for(fiscal_year, policy=self.policy, assume=self.assume)

    def _taken(self, participant: str, fiscal_year: FiscalYear, *, but: str | None) -> int:
        return sum(
            1
            for a in self.appointments
            if a.participant == participant
            and a.fiscal_year == fiscal_year
            and a.id != but
            and _takes_a_place(a)
        )

    def check_room(
        self, participant: str, fiscal_year: FiscalYear | int | str, *, but: str | None = None
    ) -> None:
        """Refuse (``LIMIT_REACHED``) when *participant* has no place left in *fiscal_year*.

        The appointment with id *but*, if any, is left out of the count. The year is written any
        way a fiscal year is (``FiscalYear(2020)``, ``2020``, ``"FY2020"``, ``"2020年度"``).
        """
        fiscal_year = to_fiscal_year(fiscal_year)
        terms = self._terms(fiscal_year)
        limit = terms.yearly_session_limit
        if limit is None:
            return
        taken = self._taken(participant, fiscal_year, but=but)
        if taken >= limit:
            raise Refused(_limit_reached(participant, fiscal_year, terms, taken))

    def check_sign_up(self, sign_up: SignUp) -> None:
        """Refuse a sign-up none of whose preferred times falls in a year with a place left."""
        refusal: Refused | None = None
        for start in sign_up.preferred_times:
            try:
                self.check_room(sign_up.participant, FiscalYear.of(start.date()))
            except Refused as error:
                refusal = error
            else:
                return
        assert refusal is not None  # a sign-up names at least one time
        raise refusal

    def add(self, appointment: Appointment) -> Ledger:
        """A ledger with *appointment* added (refused beyond the limit or with a known id)."""
        _appointment(appointment, "appointment")
        if any(a.id == appointment.id for a in self.appointments):
            raise InvalidInput.for_field("id", "must not already be in the ledger", appointment.id)
        return attrs.evolve(self, appointments=(*self.appointments, appointment))

    def update(self, appointment: Appointment) -> Ledger:
        """A ledger with the appointment of the same id replaced by *appointment*.

        The appointment keeps its participant: one of another participant with the same id is
        refused (it would move a session from one participant's count to another's).
        """
        _appointment(appointment, "appointment")
        held = next((a for a in self.appointments if a.id == appointment.id), None)
        if held is None:
            raise InvalidInput.for_field("id", "must be in the ledger", appointment.id)
        if held.participant != appointment.participant:
            rule = f"must be {held.participant!r}, whose appointment {held.id!r} it replaces"
            raise InvalidInput.for_field("participant", rule, appointment.participant)
        return attrs.evolve(
            self,
            appointments=tuple(
                appointment if a.id == appointment.id else a for a in self.appointments
            ),
        )

    def usage(self, participant: str, fiscal_year: FiscalYear | int | str) -> Usage:
        """*participant*'s sessions in *fiscal_year* (raises ``NoRuleInForce`` without terms).

        The year is written any way a fiscal year is (``FiscalYear(2020)``, ``2020``,
        ``"FY2020"``, ``"2020年度"``): each asks the same question and gets the same answer.
        """
        if not isinstance(participant, str):
            raise WrongType.for_field("participant", "must be text", participant)
        participant = to_name(participant, "participant")  # as appointments hold it
        fiscal_year = to_fiscal_year(fiscal_year)
        mine = [
            a
            for a in self.appointments
            if a.participant == participant and a.fiscal_year == fiscal_year
        ]
        return self._usage(participant, fiscal_year, mine)

    def _usage(self, participant: str, fiscal_year: FiscalYear, mine: list[Appointment]) -> Usage:
        terms = self._terms(fiscal_year)
        return Usage(
            participant=participant,
            fiscal_year=fiscal_year,
            limit=terms.yearly_session_limit,
            appointments=len(mine),
            sessions_used=sum(a.counted for a in mine),
            minutes_used=sum(a.counted_minutes for a in mine),
            sessions_booked=sum(a.status is Status.SCHEDULED for a in mine),
            terms_origin=terms.origin,
            changes=terms.changes,
            assumed=terms.assumed,
            notes=terms.notes,
        )

    def usages(self) -> tuple[Usage, ...]:
        """The usage of every participant and fiscal year with an appointment, sorted."""
        groups: dict[tuple[str, FiscalYear], list[Appointment]] = {}
        for a in self.appointments:
            groups.setdefault((a.participant, a.fiscal_year), []).append(a)
        return tuple(
            self._usage(participant, year, groups[participant, year])
            for participant, year in sorted(groups)
        )


def refusals_over_limit(
    appointments: Sequence[Appointment],
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> dict[int, Refused]:
    """Which of *appointments*, entered in the order given, would go past their year's limit.

    Returns the position of each such appointment with its refusal (``LIMIT_REACHED``); the others
    can all be entered. One pass, for files of any size. The limits are those of the terms under
    *policy* and *assume* (see :func:`~jetrules.booking.terms_for`).
    """
    taken: Counter[tuple[str, FiscalYear]] = Counter()
    refused: dict[int, Refused] = {}
    for position, appointment in enumerate(appointments):
        if not _takes_a_place(appointment):
            continue
        key = (appointment.participant, appointment.fiscal_year)
        terms = terms_for(appointment.fiscal_year, policy=policy, assume=assume)
        limit = terms.yearly_session_limit
        if limit is not None and taken[key] >= limit:
            refused[position] = Refused(_limit_reached(*key, terms, taken[key]))
        else:
            taken[key] += 1
    return refused


def ledger_of(
    appointments: Iterable[Appointment],
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> Ledger:
    """A ledger holding *appointments*, each checked against the limit in start order.

    Raises the first ``LIMIT_REACHED`` refusal in start order, if any. The limits are those of
    the terms under *policy* and *assume*, which the ledger keeps.
    """
    in_order = sorted(_appointments(appointments), key=lambda a: (a.start, a.id))
    for refusal in refusals_over_limit(in_order, policy=policy, assume=assume).values():
        raise refusal
    return Ledger(appointments=in_order, policy=policy, assume=to_assumed_year(assume))
