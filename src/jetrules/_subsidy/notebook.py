"""How a ledger and a statement show in a notebook: HTML tables (private; see ``subsidy``).

The tables are narrow enough to read whole on a page (the docs site lays notebook tables out at
their full width): short columns (amounts, dates, reason codes), and a statement's explanations
below its table, where the text wraps. Like pandas, a table of more than :data:`MAX_ROWS` receipts
shows the first and last :data:`EDGE_ROWS` with a count of the rest between them, so showing a
ledger of 100,000 receipts reads ten of them and builds a few kilobytes.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator, Sequence

from jetrules._subsidy.model import Decision
from jetrules._subsidy.tables import StatementFacts

__all__ = ["EDGE_ROWS", "MAX_ROWS", "ledger_html", "statement_html"]

MAX_ROWS = 60
"""The most receipts a table shows in full (pandas' ``display.max_rows``)."""

EDGE_ROWS = 5
"""Receipts shown at each end of a longer table (pandas' ``display.min_rows`` is ten)."""

_RECEIPT_HEADERS = ("receipt", "service date", "paid", "eligible", "subsidy", "cut by cap")
_LEDGER_HEADERS = ("participant", "fiscal year", *_RECEIPT_HEADERS, "reasons")
_STATEMENT_HEADERS = (*_RECEIPT_HEADERS, "reasons")
_NO_TERMS = "no published terms for this year"

Row = tuple[StatementFacts, Decision]


def _rows(statements: Sequence[StatementFacts]) -> Iterator[Row]:
    return ((s, d) for s in statements for d in s.decisions)


def _rows_backwards(statements: Sequence[StatementFacts]) -> Iterator[Row]:
    return ((s, d) for s in reversed(statements) for d in reversed(s.decisions))


def _shown(statements: Sequence[StatementFacts]) -> tuple[list[Row], int, list[Row]]:
    """The rows shown before the gap, how many are left out, and the rows shown after it."""
    count = sum(len(statement.decisions) for statement in statements)
    if count <= MAX_ROWS:
        return list(_rows(statements)), 0, []
    head = list(itertools.islice(_rows(statements), EDGE_ROWS))
    tail = list(itertools.islice(_rows_backwards(statements), EDGE_ROWS))[::-1]
    return head, count - 2 * EDGE_ROWS, tail


def _cells(decision: Decision) -> list[str]:
    receipt = decision.receipt
    return [
        receipt.id,
        str(receipt.service_date),
        str(receipt.amount),
        str(decision.eligible),
        str(decision.subsidy),
        str(decision.cut_by_cap),
    ]


def _row(cells: Sequence[str], codes: Sequence[str]) -> str:
    texts = "".join(f"<td>{html.escape(cell)}</td>" for cell in cells)
    reasons = "<br>".join(html.escape(code) for code in codes)
    return f"<tr>{texts}<td>{reasons}</td></tr>"


def _gap(left_out: int, columns: int) -> str:
    return f'<tr><td colspan="{columns}">… {left_out:,} more receipts …</td></tr>'


def _table(headers: Sequence[str], head: Sequence[str], left_out: int, tail: Sequence[str]) -> str:
    names = "".join(f"<th>{name}</th>" for name in headers)
    gap = _gap(left_out, len(headers)) if left_out else ""
    body = "".join(head) + gap + "".join(tail)
    return f"<table><thead><tr>{names}</tr></thead><tbody>{body}</tbody></table>"


def _ledger_row(row: Row) -> str:
    statement, decision = row
    cells = [statement.participant, str(statement.fiscal_year), *_cells(decision)]
    return _row(cells, decision.codes)


def ledger_html(statements: Sequence[StatementFacts]) -> str:
    """Every receipt's decision as an HTML table (the ends of a long one), and the counts."""
    head, left_out, tail = _shown(statements)
    table = _table(
        _LEDGER_HEADERS, [_ledger_row(r) for r in head], left_out, [_ledger_row(r) for r in tail]
    )
    count = len(head) + left_out + len(tail)
    summary = f"{count:,} receipt{'' if count == 1 else 's'} in {len(statements):,} statement"
    summary += "" if len(statements) == 1 else "s"
    shown = f"; the first and last {EDGE_ROWS} shown" if left_out else ""
    return f"{table}<p>{summary}{shown}.</p>"


def _statement_row(row: Row) -> str:
    return _row(_cells(row[1]), row[1].codes)


def _explanation(row: Row) -> str:
    decision = row[1]
    receipt, text = html.escape(decision.receipt.id), html.escape(decision.explain("en"))
    return f"<li><strong>{receipt}</strong>: {text}</li>"


def statement_html(statement: StatementFacts) -> str:
    """The statement: a heading with its totals and sources, its table, then the reasons."""
    head, left_out, tail = _shown([statement])
    table = _table(
        _STATEMENT_HEADERS,
        [_statement_row(r) for r in head],
        left_out,
        [_statement_row(r) for r in tail],
    )
    gap = f"<li>… {left_out:,} more receipts …</li>" if left_out else ""
    reasons = "".join(map(_explanation, head)) + gap + "".join(map(_explanation, tail))
    return f"{_caption(statement)}{table}<ul>{reasons}</ul>"


def _caption(statement: StatementFacts) -> str:
    terms = statement.terms
    sources = "; ".join(str(s) for s in terms.sources) if terms is not None else _NO_TERMS
    left = statement.remaining_cap
    origin = None if terms is None else terms.origin
    caption = html.escape(
        f"{statement.fiscal_year} · {statement.participant} · subsidy {statement.total_subsidy} "
        f"of {statement.total_eligible} eligible · cap left {'n/a' if left is None else left}"
        + ("" if origin in (None, "published") else f" · terms {origin}")
    )
    return f"<p><strong>{caption}</strong> ({html.escape(sources)})</p>"
