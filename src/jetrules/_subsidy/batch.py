"""A batch of receipts checked and grouped for :func:`~jetrules.subsidy.assess` (private).

The receipts' ids and dates, their participants against the participants given, the terms of
each year resolved once, and the claims grouped by statement (participant and fiscal year).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import final

import pendulum

from jetrules._kernel.participants import Participant, Participants
from jetrules._kernel.policy import Policy
from jetrules._subsidy.allocate import Claim
from jetrules._subsidy.editions import resolution
from jetrules._subsidy.index import Order, ReceiptIds
from jetrules._subsidy.model import Receipt
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType

__all__ = [
    "Terms",
    "check_new",
    "check_participants",
    "claims_by_statement",
    "to_participants",
    "unknown_participants",
]


def to_participants(
    value: Participants | Iterable[Participant] | None,
) -> Participants | None:
    """*value* as :class:`Participants` (``None`` stays ``None``): each participant once."""
    if value is None or isinstance(value, Participants):
        return value
    return Participants(value)


def unknown_participants(receipts: Iterable[Receipt], participants: Participants) -> list[str]:
    """The participants of *receipts* that *participants* does not hold, each once, sorted."""
    return sorted({r.participant for r in receipts if r.participant not in participants})


def check_participants(receipts: Iterable[Receipt], participants: Participants | None) -> None:
    """Refuse receipts of participants that *participants* does not hold (when given).

    Raises:
        InvalidInput: naming ``participant``, the rule and every unknown id.
    """
    if participants is None:
        return
    unknown = unknown_participants(receipts, participants)
    if unknown:
        raise InvalidInput.for_field(
            "participant",
            "must be one of the participants given (a receipt of a participant without a "
            "term is not assumed to be covered)",
            unknown,
        )


@final
class Terms:
    """Each year's terms under a policy and an assumed year, resolved once per assessment."""

    def __init__(self, policy: Policy | None, assume: FiscalYear | None) -> None:
        self.policy = policy
        self.assume = assume
        self._years: dict[FiscalYear, SubsidyTerms | Sequence[str]] = {}

    def __call__(self, year: FiscalYear) -> SubsidyTerms | Sequence[str]:
        """*year*'s terms, or the parameters it does not publish (with no year to assume)."""
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = resolution(year, self.policy, self.assume)
        return found


NOT_A_LIST = (
    "must be a list of Receipt values (a file's are read with jetrules.records.read_receipts)"
)


def check_new(
    receipts: Iterable[Receipt], seen: ReceiptIds, submitted_on: pendulum.Date | None
) -> tuple[list[Receipt], frozenset[str]]:
    """The new receipts as a list, and their ids, checked: Receipt values, each id new.

    The checks run over the whole batch at once (sets of types and ids); only a batch that fails
    one is walked receipt by receipt, to name the first receipt at fault.

    Raises:
        WrongType: *receipts* is one receipt, text or no collection; an item is not a Receipt.
        InvalidInput: an id already *seen* or given twice, or a receipt without its own
            ``submitted_on`` dated after *submitted_on*.
    """
    if isinstance(receipts, Receipt | str | bytes) or not isinstance(receipts, Iterable):
        raise WrongType.for_field("receipts", NOT_A_LIST, receipts)
    new = list(receipts)
    if set(map(type, new)) <= {Receipt}:
        ids = list(map(_ID, new))
        batch = frozenset(ids)
        if (
            len(batch) == len(ids)
            and seen.isdisjoint(batch)
            and (submitted_on is None or not _after(new, submitted_on))
        ):
            return new, batch
    return new, _checked_one_by_one(new, seen, submitted_on)


_ID = attrgetter("id")


def _after(receipts: list[Receipt], submitted_on: pendulum.Date) -> bool:
    """Whether a receipt without its own ``submitted_on`` is dated after *submitted_on*."""
    return any(r.submitted_on is None and r.service_date > submitted_on for r in receipts)


def _checked_one_by_one(
    new: list[Receipt], seen: ReceiptIds, submitted_on: pendulum.Date | None
) -> frozenset[str]:
    """:func:`check_new`'s ids, found receipt by receipt: the first at fault is named."""
    batch: set[str] = set()
    for receipt in new:
        if not isinstance(receipt, Receipt):
            raise WrongType.for_field("receipts", "must hold Receipt values", receipt)
        if receipt.id in seen:
            raise InvalidInput.for_field(
                "id", "must be unique: a receipt with this id was assessed before", receipt.id
            )
        if receipt.id in batch:
            raise InvalidInput.for_field(
                "id", "must be unique: two receipts in this batch have it", receipt.id
            )
        batch.add(receipt.id)
        if receipt.submitted_on is not None:
            continue
        if submitted_on is not None and receipt.service_date > submitted_on:
            raise InvalidInput.for_field(
                "submitted_on",
                f"must not be before a receipt's service date ({receipt.id}: "
                f"{receipt.service_date})",
                submitted_on,
            )
    return frozenset(batch)


def claims_by_statement(
    receipts: list[Receipt], submitted_on: pendulum.Date | None
) -> dict[Order, list[Claim]]:
    """The receipts as claims, by statement: each arrived on its own day, else *submitted_on*."""
    claims: defaultdict[Order, list[Claim]] = defaultdict(list)
    years: dict[pendulum.Date, int] = {}  # a file's receipts share a few hundred days
    for receipt in receipts:
        arrived = submitted_on if receipt.submitted_on is None else receipt.submitted_on
        year = years.get(receipt.service_date)
        if year is None:
            year = years[receipt.service_date] = receipt.fiscal_year.year
        claims[receipt.participant, year].append((receipt, arrived))
    return claims
