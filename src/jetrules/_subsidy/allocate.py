"""One participant's year decided: the subsidy shared out receipt by receipt (private).

The year's subsidy is ``min(cap, rate x total eligible)``, rounded as the terms say (down, as
published), and each receipt, taken in service-date order (ties by receipt id), gets the increase
it causes in that amount.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pendulum

from jetrules._subsidy import reasons as why
from jetrules._subsidy.editions import example_year
from jetrules._subsidy.model import Decision, Receipt
from jetrules._subsidy.parameters import as_percent
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

__all__ = ["Claim", "decide"]

Claim = tuple[Receipt, pendulum.Date | None]
"""A receipt and the day its claim reached the programme office, when known."""


def decide(
    participant: str,
    year: FiscalYear,
    terms: SubsidyTerms | Sequence[str],
    claims: list[Claim],
    reason: ReasonMemo,
) -> Statement:
    """The statement of *participant* for *year*: every claim decided under *terms*.

    *claims* are sorted in place, by service date then receipt id. When *terms* are the names of
    the parameters the year does not publish, every receipt says ``NO_EDITION`` (naming them, and
    the newest year with published terms as one to assume) and is paid nothing.
    """
    claims.sort(key=lambda claim: (claim[0].service_date, claim[0].id))
    if not isinstance(terms, SubsidyTerms):
        missing = tuple(terms)
        said = (no_edition(year, missing, example_year(), reason),)
        decisions = tuple(_nothing(claim, said) for claim in claims)
        return Statement(
            participant=participant,
            fiscal_year=year,
            terms=None,
            decisions=decisions,
            missing=missing,
        )
    decisions = tuple(_allocate(terms, claims, reason))
    return Statement(participant=participant, fiscal_year=year, terms=terms, decisions=decisions)


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


def _allocate(terms: SubsidyTerms, claims: list[Claim], reason: ReasonMemo) -> Iterator[Decision]:
    """Decide *claims* (in service-date order): each gets the increase it causes in the total."""
    notes = terms_notes(terms)
    cap = terms.annual_cap.amount
    rate_text = as_percent(terms.rate)
    eligible_total = paid = uncapped_before = 0
    for receipt, submitted_on in claims:
        refused = refusals(terms, receipt, reason)
        late, said = timing(terms, submitted_on, reason)
        if refused or late:
            yield _nothing((receipt, submitted_on), (*refused, *said, *notes))
            continue
        eligible_total += receipt.amount.amount
        uncapped = terms.subsidy_of(eligible_total)
        total = min(cap, uncapped)
        subsidy, cut = total - paid, (uncapped - uncapped_before) - (total - paid)
        paid, uncapped_before = total, uncapped
        eligible = reason(
            why.ELIGIBLE, terms.cited("rate"), terms=terms, eligible=receipt.amount, rate=rate_text
        )
        reasons = [eligible, *place_note(terms, receipt, reason), *said]
        if cut:
            template = why.CAP_PARTLY_REACHED if subsidy else why.CAP_REACHED
            reasons.append(
                reason(template, terms.cited("annual_cap"), cap=terms.annual_cap, cut=Yen(cut))
            )
        yield Decision(
            receipt=receipt,
            eligible=receipt.amount,
            subsidy=Yen(subsidy),
            cut_by_cap=Yen(cut),
            reasons=(*reasons, *notes),
            submitted_on=submitted_on,
        )
