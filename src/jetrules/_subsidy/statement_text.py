"""Statements as text: heading, terms and sources, a table of receipts, reasons, totals (private).

One :class:`StatementText` renders any number of statements in one language, each distinct
explanation, amount and day made into text once: a ledger of 100,000 receipts repeats a few
hundred of each. :meth:`Statement.render <jetrules.subsidy.Statement.render>` and
:meth:`Ledger.render <jetrules.subsidy.Ledger.render>` are its faces.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, final

from jetrules._kernel.output import format_table
from jetrules._kernel.provenance import Origin
from jetrules._subsidy.parameters import ChangedValues, ParameterNames, named_value
from jetrules._subsidy.tables import StatementFacts, TextMemo
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.text import Label, Lang, Reason, to_lang

if TYPE_CHECKING:
    from jetrules._subsidy.model import Decision

__all__ = ["StatementText"]

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


@final
class StatementText:
    """Renders statements as text in one language, each distinct piece of text made once.

    Explanations are looked up by the identity of a decision's tuple of reasons (the decisions
    of one assessment share them; the tuple is held, so its id is not reused), amounts by their
    yen, days by the day: what a statement shows is what ``str`` and ``Decision.explain`` give.
    """

    def __init__(self, lang: Lang) -> None:
        self.lang = lang = to_lang(lang)
        self._title = _TITLE.render(lang)
        self._headers = [header.render(lang) for header in _HEADERS]
        self._claim = _CLAIM.render(lang)
        self._totals = _TOTALS.render(lang)
        self._not_applicable = _NOT_APPLICABLE.render(lang)
        self._explained: dict[int, tuple[tuple[Reason, ...], str]] = {}
        self._yen = TextMemo(str)
        self._days = TextMemo(str)

    def iter(self, statements: Iterable[StatementFacts]) -> Iterator[str]:
        """Each statement's text, in order."""
        return map(self.render, statements)

    def render(self, statement: StatementFacts) -> str:
        """The statement as text: heading, terms and sources, table, reasons, totals."""
        lang = self.lang
        lines = [
            self._title.format(
                year=statement.fiscal_year.render(lang), participant=statement.participant
            ),
            *_terms_text(statement.terms, statement.missing, lang),
            "",
            format_table(self._headers, list(map(self._row, statement.decisions))),
            "",
        ]
        for decision in statement.decisions:
            arrived = decision.submitted_on
            claim = "" if arrived is None else f" ({self._claim.format(day=self._days[arrived])})"
            lines.append(f"{decision.receipt.id}{claim}: {self._explain(decision)}")
        left = statement.remaining_cap
        lines += [
            "",
            self._totals.format(
                paid=statement.total_paid,
                eligible=statement.total_eligible,
                subsidy=statement.total_subsidy,
                cut=statement.total_cut_by_cap,
                left=self._not_applicable if left is None else left,
            ),
        ]
        return "\n".join(lines)

    def _row(self, decision: Decision) -> list[str]:
        receipt, yen = decision.receipt, self._yen  # equal amounts hash alike: one text each
        return [
            receipt.id,
            self._days[receipt.service_date],
            yen[receipt.amount],
            yen[decision.eligible],
            yen[decision.subsidy],
            yen[decision.cut_by_cap],
        ]

    def _explain(self, decision: Decision) -> str:
        found = self._explained.get(id(decision.reasons))
        if found is None:  # the key object is held in the value: its id is not reused
            found = self._explained[id(decision.reasons)] = (
                decision.reasons,
                decision.explain(self.lang),
            )
        return found[1]


@functools.lru_cache(maxsize=64)
def _terms_text(
    terms: SubsidyTerms | None, missing: tuple[str, ...], lang: Lang
) -> tuple[str, ...]:
    """The terms' lines: what differs from the published ones, the sources, the quotes.

    Made once per terms value: a ledger's statements share few.
    """
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
