"""One participant's year: the statement, as text, HTML and plain records (private).

:mod:`jetrules.subsidy` is the face of this module; import the names from there.
"""

from __future__ import annotations

import functools
from typing import Any, final

import attrs

from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.output import format_table
from jetrules._kernel.policy import Change
from jetrules._kernel.provenance import Origin
from jetrules._subsidy.frame import to_frame
from jetrules._subsidy.model import Decision
from jetrules._subsidy.notebook import statement_html
from jetrules._subsidy.parameters import ChangedValues, ParameterNames, named_value
from jetrules._subsidy.tables import Level, columns_of, iter_records, records, to_level
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.calendar import FiscalYear
from jetrules.money import Yen
from jetrules.text import Label, Lang, to_lang

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
        return _render_statement(self, lang)

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


_TITLE = Label(
    en="{year} statement for participant {participant}", ja="{year} 助成明細：{participant}"
)
_TERMS = Label(en="Terms", ja="要件")
_SOURCE = Label(en="Source", ja="出典")
_NO_TERMS = Label(en="no published terms for this year", ja="この年度の要件は公表されていません")
_NOT_PUBLISHED = Label(en="not published: {names}", ja="未公表：{names}")
_SOURCES = Label(en="Sources", ja="出典")
_ORIGIN = Label(en="Terms origin", ja="要件の由来")
_SUPPLIED = Label(
    en="supplied, not the published terms: {changes}",
    ja="利用者指定（公表された要件ではありません）：{changes}",
)
_ASSUMED = Label(
    en="assumed (not published for {year}; from the published {donor} terms): {names}",
    ja="仮定（{year}は未公表のため、{donor}の公表された要件から）：{names}",
)
_HEADERS = (
    Label(en="receipt", ja="領収書"),
    Label(en="service date", ja="受診日"),
    Label(en="paid", ja="支払額"),
    Label(en="eligible", ja="対象額"),
    Label(en="subsidy", ja="助成額"),
    Label(en="cut by cap", ja="上限超過"),
)
_TOTALS = Label(
    en="Totals: paid {paid}, eligible {eligible}, subsidy {subsidy}, cut by cap {cut}; "
    "cap left {left}.",
    ja="合計：支払額{paid}、対象額{eligible}、助成額{subsidy}、上限超過{cut}、上限残額{left}。",
)
_NOT_APPLICABLE = Label(en="n/a", ja="該当なし")
_CLAIM = Label(en="claim arrived {day}", ja="申請到着日 {day}")


def _render_statement(statement: Statement, lang: Lang) -> str:
    """The statement as text in *lang*: heading, terms and sources, table, reasons, totals."""
    lang = to_lang(lang)
    lines = [
        _TITLE.render(lang).format(
            year=statement.fiscal_year.render(lang), participant=statement.participant
        ),
        *_terms_lines(statement, lang),
    ]
    rows = [
        [
            d.receipt.id,
            d.receipt.service_date,
            d.receipt.amount,
            d.eligible,
            d.subsidy,
            d.cut_by_cap,
        ]
        for d in statement.decisions
    ]
    lines += ["", format_table([h.render(lang) for h in _HEADERS], rows), ""]
    for decision in statement.decisions:
        claim = (
            ""
            if decision.submitted_on is None
            else f" ({_CLAIM.render(lang).format(day=decision.submitted_on)})"
        )
        lines.append(f"{decision.receipt.id}{claim}: {decision.explain(lang)}")
    left = statement.remaining_cap
    lines += [
        "",
        _TOTALS.render(lang).format(
            paid=statement.total_paid,
            eligible=statement.total_eligible,
            subsidy=statement.total_subsidy,
            cut=statement.total_cut_by_cap,
            left=_NOT_APPLICABLE.render(lang) if left is None else left,
        ),
    ]
    return "\n".join(lines)


def _terms_lines(statement: Statement, lang: Lang) -> tuple[str, ...]:
    """The terms, where they differ from the published ones, their sources and quotes."""
    return _terms_text(statement.terms, statement.missing, lang)


@functools.lru_cache(maxsize=64)
def _terms_text(
    terms: SubsidyTerms | None, missing: tuple[str, ...], lang: Lang
) -> tuple[str, ...]:
    """:func:`_terms_lines`, made once per terms value: a ledger's statements share few."""
    if terms is None:
        names = ParameterNames(missing).render(lang)
        detail = _NOT_PUBLISHED.render(lang).format(names=names)
        return (f"{_TERMS.render(lang)}: {_NO_TERMS.render(lang)} ({detail})",)
    lines = [f"{_TERMS.render(lang)}: {terms.describe(lang)}"]
    donor = terms.assumed_from
    if donor is not None:
        assumed = _ASSUMED.render(lang).format(
            year=terms.fiscal_year.render(lang),
            donor=donor.render(lang),
            names=ParameterNames(terms.assumed).render(lang),
        )
        lines.append(f"{_ORIGIN.render(lang)}: {assumed}")
    if terms.changes:
        supplied = _SUPPLIED.render(lang).format(changes=ChangedValues(terms.changes).render(lang))
        lines.append(f"{_ORIGIN.render(lang)}: {supplied}")
    sources = terms.sources
    if sources:
        label = _SOURCE if len(sources) == 1 else _SOURCES
        lines.append(f"{label.render(lang)}: {'; '.join(str(source) for source in sources)}")
    for parameter in terms.parameters:
        provenance = parameter.provenance
        if provenance.verbatim and provenance.origin is Origin.PUBLISHED:
            value = named_value(parameter.name, parameter.value, lang)
            quote = f'"{provenance.quote}"' if lang == "en" else f"「{provenance.quote}」"
            lines.append(f"  {value}: {quote}" if lang == "en" else f"  {value}　{quote}")
    return tuple(lines)
