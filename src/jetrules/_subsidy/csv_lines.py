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

import pendulum

from jetrules._kernel.output import csv_field, csv_line
from jetrules._subsidy.tables import StatementFacts, _Rows, to_level
from jetrules.text import Lang, Reason, to_lang

__all__ = ["iter_csv"]

_FLAGS = ("False", "True")
"""A flag's field: ``_FLAGS[flag]``, as ``str(flag)``."""


def iter_csv(statements: Iterable[StatementFacts], lang: Lang, level: object) -> Iterator[str]:
    """The lines of CSV of *statements*' records, without the header (arguments checked now)."""
    lines = _Lines(to_lang(lang))
    if to_level(level) == "statement":
        return (csv_line(record.values()) for record in map(lines.rows.statement, statements))
    return (line for statement in statements for line in lines.receipts(statement))


@final
class _Lines:
    """Makes the lines of one table, each distinct field made once (as :class:`_Rows` does)."""

    def __init__(self, lang: Lang) -> None:
        self.rows = _Rows(lang)
        self._numbers: dict[int, str] = {}
        self._days: dict[pendulum.Date | None, str] = {None: ""}
        self._reasons: dict[tuple[int, ...], str] = {}
        self._terms: dict[int, str] = {}

    def number(self, value: int) -> str:
        """The field of an int (yen, a fiscal year)."""
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = str(value)
        return found

    def day(self, day: pendulum.Date | None) -> str:
        """The field of a day (ISO), empty for None."""
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = csv_field(self.rows.date(day))
        return found

    def reasons(self, reasons: tuple[Reason, ...]) -> str:
        """The two fields of a decision's reasons: their codes, then their explanation."""
        key = tuple(map(id, reasons))
        found = self._reasons.get(key)
        if found is None:
            codes, text = self.rows.reasons(reasons)
            found = self._reasons[key] = f"{csv_field(' '.join(codes))},{csv_field(text)}"
        return found

    def terms(self, statement: StatementFacts) -> str:
        """The four fields of a statement's terms: edition, source, origin and changes."""
        found = self._terms.get(id(statement.terms))
        if found is None:
            facts = self.rows.terms(statement.terms)
            fields = (facts.edition, facts.source, facts.origin, facts.changes)
            found = self._terms[id(statement.terms)] = ",".join(map(csv_field, fields))
        return found

    def receipts(self, statement: StatementFacts) -> list[str]:
        """One line per receipt of *statement*, in the order of ``RECORD_COLUMNS``."""
        head = f"{csv_field(statement.participant)},{statement.fiscal_year.year}"
        tail = self.terms(statement)
        number, day = self.number, self.day
        found: list[str] = []
        for decision in statement.decisions:
            receipt = decision.receipt
            found.append(
                f"{head},{csv_field(receipt.id)},{day(receipt.service_date)},"
                f"{number(receipt.amount.amount)},{_FLAGS[receipt.insured]},"
                f"{_FLAGS[receipt.mental_health_professional]},{receipt.place.value},"
                f"{day(decision.submitted_on)},{number(decision.eligible.amount)},"
                f"{number(decision.subsidy.amount)},{number(decision.cut_by_cap.amount)},"
                f"{self.reasons(decision.reasons)},{tail}\n"
            )
        return found
