"""One participant's year: the statement, as text, HTML and plain records (private).

:mod:`jetrules.subsidy` is the face of this module; import the names from there.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import final

import attrs

from jetrules._kernel.output import format_table
from jetrules._subsidy.model import Decision
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.calendar import FiscalYear
from jetrules.money import Yen
from jetrules.text import Label, Lang, to_lang

__all__ = ["RECORD_COLUMNS", "Statement", "decisions_html"]


@final
@attrs.frozen(kw_only=True)
class Statement:
    """One participant's receipts of one fiscal year, each decided exactly once.

    Attributes:
        participant: whose statement it is.
        fiscal_year: the year it covers.
        terms: the terms applied, or ``None`` when no terms cover the year (every receipt then
            says ``NO_EDITION`` and is paid nothing).
        decisions: one per receipt, in service-date order (ties by receipt id).
    """

    participant: str
    fiscal_year: FiscalYear
    terms: SubsidyTerms | None
    decisions: tuple[Decision, ...]

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

    def render(self, lang: Lang = "en") -> str:
        """The statement as text, receipt by receipt, naming the terms and their source."""
        return _render_statement(self, lang)

    def to_records(self, lang: Lang = "en") -> list[dict[str, object]]:
        """One plain dict per receipt (for ``pandas.DataFrame``, CSV, JSON)."""
        return _statement_records(self, lang)

    def _repr_html_(self) -> str:
        return _statement_html(self)


_TITLE = Label(
    en="{year} statement for participant {participant}", ja="{year} 助成明細：{participant}"
)
_TERMS = Label(en="Terms", ja="要件")
_SOURCE = Label(en="Source", ja="出典")
_NO_TERMS = Label(en="no published terms for this year", ja="この年度の要件は公表されていません")
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
    """The statement as text in *lang*: heading, terms and source, table, reasons, totals."""
    lang = to_lang(lang)
    terms = statement.terms
    lines = [
        _TITLE.render(lang).format(
            year=statement.fiscal_year.render(lang), participant=statement.participant
        ),
        f"{_TERMS.render(lang)}: "
        + (_NO_TERMS.render(lang) if terms is None else terms.describe(lang)),
    ]
    if terms is not None:
        lines.append(f"{_SOURCE.render(lang)}: {terms.source}")
        if terms.source.quote is not None:
            lines.append(f'  "{terms.source.quote}"')
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


RECORD_COLUMNS = (
    "participant",
    "fiscal_year",
    "receipt_id",
    "service_date",
    "amount",
    "insured",
    "mental_health_professional",
    "place",
    "submitted_on",
    "eligible",
    "subsidy",
    "cut_by_cap",
    "reason_codes",
    "explanation",
    "edition",
    "source",
)
"""The keys of every record :meth:`Statement.to_records` gives, in order."""


def _statement_records(statement: Statement, lang: Lang) -> list[dict[str, object]]:
    """One plain dict per receipt: strings, ints, bools and dates only."""
    lang = to_lang(lang)
    terms = statement.terms
    edition = None if terms is None else str(terms.fiscal_year)
    return [
        {
            "participant": statement.participant,
            "fiscal_year": str(statement.fiscal_year),
            "receipt_id": d.receipt.id,
            "service_date": d.receipt.service_date,
            "amount": d.receipt.amount.amount,
            "insured": d.receipt.insured,
            "mental_health_professional": d.receipt.mental_health_professional,
            "place": d.receipt.place.value,
            "submitted_on": d.submitted_on,
            "eligible": d.eligible.amount,
            "subsidy": d.subsidy.amount,
            "cut_by_cap": d.cut_by_cap.amount,
            "reason_codes": " ".join(d.codes),
            "explanation": d.explain(lang),
            "edition": edition,
            "source": None if terms is None else str(terms.source),
        }
        for d in statement.decisions
    ]


_HTML_COLUMNS = (
    "participant",
    "fiscal_year",
    "receipt_id",
    "service_date",
    "amount",
    "eligible",
    "subsidy",
    "cut_by_cap",
    "explanation",
)


def decisions_html(statements: Sequence[Statement]) -> str:
    """An HTML table of every receipt's decision, as notebooks show a value."""
    head = "".join(f"<th>{name}</th>" for name in _HTML_COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(record[c]))}</td>" for c in _HTML_COLUMNS) + "</tr>"
        for statement in statements
        for record in statement.to_records("en")
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _statement_html(statement: Statement) -> str:
    """The statement as HTML: a heading with its totals and source, then its table."""
    terms = statement.terms
    source = html.escape(_NO_TERMS.en if terms is None else str(terms.source))
    left = statement.remaining_cap
    caption = html.escape(
        f"{statement.fiscal_year} · {statement.participant} · subsidy {statement.total_subsidy} "
        f"of {statement.total_eligible} eligible · cap left {'n/a' if left is None else left}"
    )
    return f"<p><strong>{caption}</strong> ({source})</p>" + decisions_html([statement])
