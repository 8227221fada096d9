"""One participant's year decided: the subsidy shared out receipt by receipt (private).

The year's subsidy is ``min(cap, rate x total eligible)``, rounded as the terms say (down, as
published), and each receipt, taken in service-date order (ties by receipt id), gets the increase
it causes in that amount.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import final

import pendulum

from jetrules._kernel.participants import TERM_SOURCE, Participant
from jetrules._subsidy import reasons as why
from jetrules._subsidy.editions import example_year
from jetrules._subsidy.model import Decision, Receipt
from jetrules._subsidy.parameters import as_percent
from jetrules._subsidy.place import Place
from jetrules._subsidy.reasons import (
    ReasonMemo,
    no_edition,
    place_note,
    refusals,
    terms_notes,
    timing,
)
from jetrules._subsidy.statement import Statement
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.calendar import FiscalYear
from jetrules.money import Yen
from jetrules.text import Reason

__all__ = ["Claim", "TermsReasons", "decide"]

Claim = tuple[Receipt, pendulum.Date | None]
"""A receipt and the day its claim reached the programme office, when known."""


def decide(
    participant: str,
    year: FiscalYear,
    terms: SubsidyTerms | Sequence[str],
    claims: list[Claim],
    reason: ReasonMemo,
    *,
    term: Participant | None = None,
) -> Statement:
    """The statement of *participant* for *year*: every claim decided under *terms*.

    *claims* are sorted in place, by service date then receipt id. When *terms* are the names of
    the parameters the year does not publish, every receipt says ``NO_EDITION`` (naming them, and
    the newest year with published terms as one to assume) and is paid nothing. With the
    participant's *term*, a receipt dated outside it is paid nothing (``OUTSIDE_TERM``) and
    still counts in the statement. A receipt paid in another currency says so first
    (``CONVERTED``: the amount, the currency, the rate and the yen).
    """
    claims.sort(key=lambda claim: (claim[0].service_date, claim[0].id))
    if not isinstance(terms, SubsidyTerms):
        missing = tuple(terms)
        said = (no_edition(year, missing, example_year(), reason),)
        decisions = tuple(
            _nothing(claim, _unassessed(said, claim[0], term, reason)) for claim in claims
        )
        return Statement(
            participant=participant,
            fiscal_year=year,
            terms=None,
            decisions=decisions,
            missing=missing,
        )
    decisions = tuple(_allocate(terms, claims, reason, term))
    return Statement(participant=participant, fiscal_year=year, terms=terms, decisions=decisions)


def _outside(term: Participant | None, receipt: Receipt) -> bool:
    """Whether *receipt* is dated outside the participant's *term* (if given)."""
    return term is not None and not term.appointed_from <= receipt.service_date <= term.appointed_to


def _unassessed(
    said: tuple[Reason, ...], receipt: Receipt, term: Participant | None, reason: ReasonMemo
) -> tuple[Reason, ...]:
    """What a receipt of a year without terms says: *said*, after OUTSIDE_TERM if it is."""
    if term is not None and _outside(term, receipt):
        said = reason.together(outside_term(term, receipt, reason), said)
    return reason.converted(said, receipt) if receipt.currency is not None else said


def outside_term(term: Participant, receipt: Receipt, reason: ReasonMemo) -> Reason:
    """``OUTSIDE_TERM``: *receipt* is dated outside *term*, citing where the terms are said."""
    return reason(
        why.OUTSIDE_TERM,
        TERM_SOURCE,
        day=receipt.service_date,
        participant=term.participant,
        term=term.term,
    )


def _nothing(claim: Claim, reasons: tuple[Reason, ...]) -> Decision:
    receipt, submitted_on = claim
    nothing = Yen(0)
    return Decision(
        receipt=receipt,
        eligible=nothing,
        subsidy=nothing,
        cut_by_cap=nothing,
        reasons=reasons,
        submitted_on=submitted_on,
    )


def _allocate(
    terms: SubsidyTerms, claims: list[Claim], reason: ReasonMemo, term: Participant | None
) -> Iterator[Decision]:
    """Decide *claims* (in service-date order): each gets the increase it causes in the total."""
    said_of = reason.under(terms, TermsReasons)
    cap = terms.annual_cap.amount
    eligible_total = paid = uncapped_before = 0
    for receipt, submitted_on in claims:
        if term is not None and _outside(term, receipt):
            refused: tuple[Reason, ...] | None = said_of.outside(term, receipt, submitted_on)
        else:
            refused = said_of.refused(receipt, submitted_on)
        if refused is not None:
            if receipt.currency is not None:
                refused = reason.converted(refused, receipt)
            yield _nothing((receipt, submitted_on), refused)
            continue
        eligible_total += receipt.amount.amount
        uncapped = terms.subsidy_of(eligible_total)
        total = min(cap, uncapped)
        subsidy, cut = total - paid, (uncapped - uncapped_before) - (total - paid)
        paid, uncapped_before = total, uncapped
        granted = said_of.granted(receipt, submitted_on, cut, partly=bool(subsidy))
        if receipt.currency is not None:
            granted = reason.converted(granted, receipt)
        yield Decision(
            receipt=receipt,
            eligible=receipt.amount,
            subsidy=reason.yen(subsidy),
            cut_by_cap=reason.yen(cut),
            reasons=granted,
            submitted_on=submitted_on,
        )


@final
class TermsReasons:
    """What decisions under one terms value say, each distinct reason made once per assessment.

    Most receipts of an assessment share their terms, their conditions (insured, professional,
    place), their day of arrival and one of a few amounts: their tuples of reasons are looked up
    by those, not made, and the decisions that say the same share one tuple. (The reasons in a
    tuple made anew come from the assessment's :class:`ReasonMemo`, which shares equal ones.)
    """

    def __init__(self, terms: SubsidyTerms, reason: ReasonMemo) -> None:
        self.terms = terms
        self.reason = reason
        self.notes = terms_notes(terms)
        self._rate = as_percent(terms.rate)
        self._conditions: dict[tuple[bool, bool, Place], tuple[list[Reason], list[Reason]]] = {}
        self._timing: dict[pendulum.Date | None, tuple[bool, list[Reason]]] = {}
        self._refused: dict[tuple[object, ...], tuple[Reason, ...] | None] = {}
        self._granted: dict[tuple[object, ...], tuple[Reason, ...]] = {}
        self._outside: dict[tuple[object, ...], tuple[Reason, ...]] = {}

    def outside(
        self, term: Participant, receipt: Receipt, submitted_on: pendulum.Date | None
    ) -> tuple[Reason, ...]:
        """Why *receipt*, dated outside the participant's *term*, is paid nothing."""
        key = (term, receipt.service_date, submitted_on)
        found = self._outside.get(key)
        if found is None:
            _, said = self.timing(submitted_on)
            outside = outside_term(term, receipt, self.reason)
            found = self._outside[key] = (outside, *said, *self.notes)
        return found

    def refused(
        self, receipt: Receipt, submitted_on: pendulum.Date | None
    ) -> tuple[Reason, ...] | None:
        """Why *receipt* (its claim arriving on *submitted_on*) is paid nothing; None if paid."""
        key = (receipt.insured, receipt.mental_health_professional, receipt.place, submitted_on)
        if key in self._refused:
            return self._refused[key]
        refused, _ = self.conditions(receipt)
        late, said = self.timing(submitted_on)
        found = self._refused[key] = (*refused, *said, *self.notes) if refused or late else None
        return found

    def granted(
        self, receipt: Receipt, submitted_on: pendulum.Date | None, cut: int, *, partly: bool
    ) -> tuple[Reason, ...]:
        """Why *receipt* is paid what it is: eligible, its place, its timing, what the cap cut."""
        key = (receipt.amount.amount, receipt.place, submitted_on, cut, partly)
        found = self._granted.get(key)
        if found is None:
            _, placed = self.conditions(receipt)
            _, said = self.timing(submitted_on)
            reasons = (self.eligible(receipt.amount), *placed, *said)
            if cut:
                reasons = (*reasons, self.capped(cut, partly=partly))
            found = self._granted[key] = (*reasons, *self.notes)
        return found

    def conditions(self, receipt: Receipt) -> tuple[list[Reason], list[Reason]]:
        """Why the terms refuse *receipt* (if they do), and the note on its place (if any)."""
        key = (receipt.insured, receipt.mental_health_professional, receipt.place)
        found = self._conditions.get(key)
        if found is None:
            found = self._conditions[key] = (
                refusals(self.terms, receipt, self.reason),
                place_note(self.terms, receipt, self.reason),
            )
        return found

    def timing(self, submitted_on: pendulum.Date | None) -> tuple[bool, list[Reason]]:
        """Whether a claim that arrived on *submitted_on* is late, and what to say of it."""
        found = self._timing.get(submitted_on)
        if found is None:
            found = self._timing[submitted_on] = timing(self.terms, submitted_on, self.reason)
        return found

    def eligible(self, amount: Yen) -> Reason:
        """``ELIGIBLE``, for *amount* (the assessment's memo shares equal reasons)."""
        return self.reason(
            why.ELIGIBLE,
            self.terms.cited("rate"),
            terms=self.terms,
            eligible=amount,
            rate=self._rate,
        )

    def capped(self, cut: int, *, partly: bool) -> Reason:
        """``CAP_PARTLY_REACHED`` (*partly*) or ``CAP_REACHED``: the cap cut *cut* yen."""
        template = why.CAP_PARTLY_REACHED if partly else why.CAP_REACHED
        return self.reason(
            template,
            self.terms.cited("annual_cap"),
            cap=self.terms.annual_cap,
            cut=self.reason.yen(cut),
        )
