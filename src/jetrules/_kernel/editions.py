"""What every rule module's editions share (private): one edition per fiscal year, no fall-backs.

Subsidy, web-mail and booking terms are each published per fiscal year. Looking up a year that
no edition covers raises ``NoRuleInForce`` naming the years that have one and how to pass terms
of one's own; it never borrows a neighbour's terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from jetrules._kernel.fiscal import FiscalYear, to_fiscal_year
from jetrules.errors import NoRuleInForce, WrongType

__all__ = ["Edition", "edition_for", "editions_of"]


class Edition(Protocol):
    """Terms in force for one fiscal year."""

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year the terms are for."""
        ...  # pragma: no cover


E = TypeVar("E", bound=Edition)


def editions_of(values: Iterable[object], kind: type[E]) -> tuple[E, ...]:
    """*values* as a tuple (frozen values that hold editions stay hashable), each a *kind*."""
    editions = tuple(values)
    for terms in editions:
        if not isinstance(terms, kind):
            raise WrongType.for_field("editions", f"must hold {kind.__name__}", terms)
    return editions  # type: ignore[return-value]  # every item was checked to be a *kind*


def edition_for(
    fiscal_year: FiscalYear | int | str, editions: Iterable[E], *, service: str, hint: str
) -> E:
    """The edition of *editions* for *fiscal_year*, or ``NoRuleInForce`` saying what exists.

    Args:
        fiscal_year: the year asked about.
        editions: the editions to look in.
        service: the programme's name, for the message ("Skype Counselling").
        hint: how a caller passes terms of their own, for the message.
    """
    year = to_fiscal_year(fiscal_year)
    editions = tuple(editions)
    for terms in editions:
        if terms.fiscal_year == year:
            return terms
    known = ", ".join(str(terms.fiscal_year) for terms in editions) or "none"
    raise NoRuleInForce(
        f"no {service} terms are published for {year}; editions exist for {known} ({hint})"
    )
