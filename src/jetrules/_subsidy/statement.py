"""One participant's year: the statement, as text, HTML and plain records (private).

:mod:`jetrules.subsidy` is the face of this module; import the names from there.
"""

from __future__ import annotations

from typing import Any, final

import attrs

from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.policy import Change
from jetrules._subsidy.frame import to_frame
from jetrules._subsidy.model import Decision
from jetrules._subsidy.notebook import statement_html
from jetrules._subsidy.statement_text import StatementText
from jetrules._subsidy.tables import Level, columns_of, iter_records, records, to_level
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.calendar import FiscalYear
from jetrules.money import Yen
from jetrules.text import Lang

__all__ = ["Statement"]


@final
@attrs.frozen(kw_only=True)
class Statement:
    """One participant's receipts of one fiscal year, each decided exactly once.

    Attributes:
        participant: whose statement it is.
        fiscal_year: the year it covers.
        terms: the terms applied, or ``None`` when the year's terms are not published in full
            and no other year's were assumed (every receipt then says ``NO_EDITION`` and is paid
            nothing).
        decisions: one per receipt, in service-date order (ties by receipt id).
        missing: without terms, the parameters the year does not publish.
    """

    participant: str
    fiscal_year: FiscalYear = attrs.field(converter=to_fiscal_year)
    terms: SubsidyTerms | None
    decisions: tuple[Decision, ...]
    missing: tuple[str, ...] = ()

    @property
    def total_paid(self) -> Yen:
        """What the participant paid, on every receipt."""
        return Yen(sum(decision.receipt.amount.amount for decision in self.decisions))

    @property
    def total_eligible(self) -> Yen:
        """The eligible costs."""
        return Yen(sum(decision.eligible.amount for decision in self.decisions))

    @property
    def total_subsidy(self) -> Yen:
        """What the programme pays: ``min(cap, floor(rate x total eligible))``."""
        return Yen(sum(decision.subsidy.amount for decision in self.decisions))

    @property
    def total_cut_by_cap(self) -> Yen:
        """What the cap cut: ``floor(rate x total eligible)`` less the subsidy."""
        return Yen(sum(decision.cut_by_cap.amount for decision in self.decisions))

    @property
    def remaining_cap(self) -> Yen | None:
        """What the cap still allows this year, or ``None`` with no terms for the year."""
        return None if self.terms is None else self.terms.annual_cap - self.total_subsidy

    @property
    def terms_origin(self) -> str | None:
        """``published``, ``supplied`` or ``assumed`` (:attr:`SubsidyTerms.origin`), or None."""
        return None if self.terms is None else self.terms.origin

    @property
    def changes(self) -> tuple[Change, ...]:
        """Each supplied value that differs from the published one, with both (a what-if)."""
        return () if self.terms is None else self.terms.changes

    def render(self, lang: Lang = "en") -> str:
        """The statement as text, receipt by receipt, naming the terms and their source."""
        return StatementText(lang).render(self)

    def to_records(self, lang: Lang = "en", *, level: Level = "receipt") -> list[dict[str, object]]:
        """Plain dicts for ``pandas.DataFrame``, CSV and JSON: one per receipt, or one in all.

        Args:
            lang: the language of the explanations and of the supplied values (``changes``).
            level: ``"receipt"`` for a record per receipt (the keys of
                :data:`~jetrules.subsidy.RECORD_COLUMNS`), ``"statement"`` for one record of the
                statement's totals (:data:`~jetrules.subsidy.STATEMENT_COLUMNS`); see
                :meth:`Ledger.to_records <jetrules.subsidy.Ledger.to_records>`.
        """
        return records([self], lang, level)

    def to_frame(self, lang: Lang = "en", *, level: Level = "receipt") -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame`` (typed ``Any``: pandas has no hints).

        Raises:
            JetRulesError: pandas is not installed (``pip install 'jetrules[pandas]'``).
        """
        level = to_level(level)
        return to_frame(iter_records([self], lang, level), columns_of(level))

    def _repr_html_(self) -> str:
        return statement_html(self)
