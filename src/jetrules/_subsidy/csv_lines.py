"""Statements as lines of CSV, a line per receipt or per statement (private; see ``subsidy``).

The lines hold what :func:`~jetrules._subsidy.tables.iter_records` gives, in its column order,
written as :func:`~jetrules._kernel.output.write_csv` writes records (reason codes as words
separated by spaces, text a spreadsheet would run as a formula guarded, fields quoted as
:mod:`csv` quotes them). A file of 100,000 receipts repeats few participants' texts, dates,
amounts, reasons and terms: each is made into its field once per table and the line of a
receipt is one format of those fields and its own id, instead of a record and eighteen cells
turned into text one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import final

from jetrules._kernel.output import csv_field, csv_line
from jetrules._subsidy.model import Receipt
from jetrules._subsidy.tables import StatementFacts, TextMemo, _Rows, plain_number, to_level
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.text import Lang, Reason, to_lang

__all__ = ["FLAGS", "IN_YEN", "Lines", "iter_csv", "plain"]

FLAGS = ("False", "True")
"""A flag's field: ``FLAGS[flag]``, as ``str(flag)``."""


def iter_csv(statements: Iterable[StatementFacts], lang: Lang, level: object) -> Iterator[str]:
    """The lines of CSV of *statements*' records, without the header (arguments checked now)."""
    lines = Lines(to_lang(lang))
    if to_level(level) == "statement":
        return (csv_line(record.values()) for record in map(lines.rows.statement, statements))
    return (line for statement in statements for line in lines.receipts(statement))


IN_YEN = ",,,"
"""The currency fields of a receipt in yen: three empty fields after the terms."""

_NEEDS_CARE = frozenset("=+-@\t\r")
"""The first characters that may make text a formula (see ``write_csv``)."""


def plain(text: str) -> bool:
    """Whether *text* is its own field: neither a formula's start nor a character to quote."""
    return not (
        text[:1] in _NEEDS_CARE or '"' in text or "," in text or "\n" in text or "\r" in text
    )


@final
class Lines:
    """Makes the lines of one table, each distinct field made once (as :class:`_Rows` does).

    The memos are dicts that make a missing field on lookup: a field seen before costs one
    lookup. Reasons are looked up by the identity of a decision's tuple of them (the decisions
    of one assessment share them), terms by the identity of the terms value.
    """

    def __init__(self, lang: Lang) -> None:
        self.rows = rows = _Rows(lang)
        self.numbers = TextMemo(str)
        self.days = TextMemo(lambda day: "" if day is None else csv_field(rows.date(day)))
        self._reasons: dict[int, tuple[tuple[Reason, ...], str]] = {}
        self._terms: dict[int, tuple[object, str, str]] = {}
        self._conversions: dict[tuple[object, ...], str] = {}

    def conversion(self, receipt: Receipt) -> str:
        """The three currency fields of a receipt paid in another currency, after a comma."""
        key = (receipt.currency, str(receipt.amount_in_currency), str(receipt.jpy_per_unit))
        found = self._conversions.get(key)  # by text: 100.0 and 100.00 are equal decimals
        if found is None:
            fields = (
                receipt.currency,
                plain_number(receipt.amount_in_currency),
                plain_number(receipt.jpy_per_unit),
            )
            found = self._conversions[key] = "," + ",".join(map(csv_field, fields))
        return found

    def reasons(self, reasons: tuple[Reason, ...]) -> str:
        """The two fields of a decision's reasons: their codes, then their explanation."""
        found = self._reasons.get(id(reasons))
        if found is None:  # the key object is held in the value: its id is not reused
            codes, text = self.rows.reasons(reasons)
            found = self._reasons[id(reasons)] = (
                reasons,
                f"{csv_field(' '.join(codes))},{csv_field(text)}",
            )
        return found[1]

    def terms(self, terms: SubsidyTerms | None) -> tuple[str, str]:
        """A statement's *terms* as fields: edition, source, origin, changes; the year assumed.

        The year assumed from is the last column, so it comes apart, after its comma.
        """
        found = self._terms.get(id(terms))
        if found is None:  # the key object is held in the value: its id is not reused
            facts = self.rows.terms(terms)
            fields = (facts.edition, facts.source, facts.origin, facts.changes)
            found = self._terms[id(terms)] = (
                terms,
                ",".join(map(csv_field, fields)),
                "," + csv_field(facts.assumed_from),
            )
        return found[1], found[2]

    def receipts(self, statement: StatementFacts) -> list[str]:
        """One line per receipt of *statement*, in the order of ``RECORD_COLUMNS``."""
        head = f"{csv_field(statement.participant)},{statement.fiscal_year.year}"
        tail, assumed = self.terms(statement.terms)
        numbers, days, reasons = self.numbers, self.days, self.reasons
        found: list[str] = []
        for decision in statement.decisions:
            receipt = decision.receipt
            ident = receipt.id
            found.append(
                f"{head},{ident if plain(ident) else csv_field(ident)},"
                f"{days[receipt.service_date]},{numbers[receipt.amount.amount]},"
                f"{FLAGS[receipt.insured]},{FLAGS[receipt.mental_health_professional]},"
                f"{receipt.place.value},{days[decision.submitted_on]},"
                f"{numbers[decision.eligible.amount]},{numbers[decision.subsidy.amount]},"
                f"{numbers[decision.cut_by_cap.amount]},{reasons(decision.reasons)},{tail}"
                f"{IN_YEN if receipt.currency is None else self.conversion(receipt)}{assumed}\n"
            )
        return found
