"""One participant's year decided: the subsidy shared out receipt by receipt (private).

The year's subsidy is ``min(cap, floor(rate x total eligible))``, and each receipt, taken in
service-date order (ties by receipt id), gets the increase it causes in that amount.
"""

from __future__ import annotations

from collections.abc import Iterator

import pendulum

from jetrules._subsidy import reasons as why
from jetrules._subsidy.model import Decision, Receipt
from jetrules._subsidy.reasons import ReasonMemo, refusals, timing
from jetrules._subsidy.statement import Statement
from jetrules._subsidy.terms import SubsidyTerms, as_percent
from jetrules.calendar import FiscalYear
from jetrules.money import Yen
from jetrules.text import Reason

__all__ = ["Claim", "decide"]

Claim = tuple[Receipt, pendulum.Date | None]
"""A receipt and the day its claim reached the programme office, when known."""


def decide(
    participant: str,
    year: FiscalYear,
    terms: SubsidyTerms | None,
    claims: list[Claim],
    reason: ReasonMemo,
) -> Statement:
    """The statement of *participant* for *year*: every claim decided under *terms*.

    *claims* are sorted in place, by service date then receipt id. With no *terms*, every
    receipt says ``NO_EDITION`` and is paid nothing.
    """
    claims.sort(key=lambda claim: (claim[0].service_date, claim[0].id))
    if terms is None:
        no_edition = reason(why.NO_EDITION, None, fiscal_year=year)
        decisions = tuple(_nothing(claim, (no_edition,)) for claim in claims)
    else:
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
    numerator, denominator = terms.rate.numerator, terms.rate.denominator
    cap = terms.annual_cap.amount
    rate_text = as_percent(terms.rate)
    eligible_total = paid = uncapped_before = 0
    for receipt, submitted_on in claims:
        refused = refusals(terms, receipt, reason)
        late, said = timing(terms, submitted_on, reason)
        if refused or late:
            yield _nothing((receipt, submitted_on), (*refused, *said))
            continue
        eligible_total += receipt.amount.amount
        uncapped = eligible_total * numerator // denominator
        total = min(cap, uncapped)
        subsidy, cut = total - paid, (uncapped - uncapped_before) - (total - paid)
        paid, uncapped_before = total, uncapped
        reasons = [
            reason(
                why.ELIGIBLE, terms.source, terms=terms, eligible=receipt.amount, rate=rate_text
            ),
            *said,
        ]
        if cut:
            template = why.CAP_PARTLY_REACHED if subsidy else why.CAP_REACHED
            reasons.append(reason(template, terms.source, cap=terms.annual_cap, cut=Yen(cut)))
        yield Decision(
            receipt=receipt,
            eligible=receipt.amount,
            subsidy=Yen(subsidy),
            cut_by_cap=Yen(cut),
            reasons=tuple(reasons),
            submitted_on=submitted_on,
        )
