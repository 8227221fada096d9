"""The command's CSV path: receipts as plain rows, decided and written as CSV (private).

Read into :class:`~jetrules.subsidy.Receipt` values, assessed into a ledger and written with
``Ledger.iter_csv``, a receipt makes a value, a claim, a decision and a line; for a file of
100,000 receipts that is most of the command's time. :func:`csv_lines_of_rows` makes the same
lines, byte for byte, from rows a reader has already checked as ``Receipt`` checks its fields
(``jetrules.records.read_receipt_rows``), without a value per receipt:

- the rows are sorted as the ledger sorts its statements (participant, then fiscal year) and a
  statement its decisions (service date, then receipt id);
- each year's subsidy is shared out as :func:`~jetrules._subsidy.allocate.decide` shares it:
  each receipt gets the increase it causes in ``min(cap, rate x total eligible)``;
- what a decision says comes from the same :class:`~jetrules._subsidy.allocate.TermsReasons`
  the assessment uses, asked with a receipt that stands for every row like it (the same
  conditions, place, amount and day of arrival: all a decision's reasons depend on), and its
  fields are made once by the same :class:`~jetrules._subsidy.csv_lines.Lines`.

A year without terms (``NO_EDITION``) is left to the assessment (the function gives None).
tests/test_subsidy_rows.py holds both paths equal on generated files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import final

import pendulum

from jetrules._kernel.dates import to_date
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.output import csv_field
from jetrules._kernel.policy import Policy
from jetrules._subsidy.allocate import TermsReasons
from jetrules._subsidy.batch import Terms
from jetrules._subsidy.csv_lines import FLAGS, IN_YEN, Lines, plain
from jetrules._subsidy.editions import check_policy
from jetrules._subsidy.model import Receipt
from jetrules._subsidy.place import Place
from jetrules._subsidy.reasons import ReasonMemo
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.calendar import FiscalYear
from jetrules.money import Yen
from jetrules.text import Lang, to_lang

__all__ = ["ReceiptRow", "csv_lines_of_rows"]

ReceiptRow = tuple[str, int, str, str, int, bool, bool, str, str]
"""A receipt as a reader checked it: participant, fiscal year, service date (ISO 8601), id,
amount in yen, insured, mental health professional, place (``japan`` or ``abroad``), and the day
its claim arrived (ISO 8601: its own, else the batch's; ``""`` when not known)."""


def csv_lines_of_rows(
    rows: list[ReceiptRow],
    *,
    lang: Lang = "en",
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> tuple[Iterator[str], tuple[FiscalYear, ...]] | None:
    """The lines ``assess(receipts, policy=policy, assume=assume).iter_csv(lang)`` gives.

    *rows* are the receipts (their ids unique, each field as ``Receipt`` would hold it), in any
    order; the list is left as it is. Also given: the years whose terms were assumed, sorted.
    None when a year of the rows has no terms to decide it under (the assessment says why,
    receipt by receipt). The terms are resolved now (errors are raised now); the lines are made
    as they are asked for.
    """
    language = to_lang(lang)
    terms = Terms(
        check_policy(policy), None if assume is None else to_fiscal_year(assume, "assume")
    )
    years: dict[int, SubsidyTerms] = {}
    for number in sorted({row[1] for row in rows}):
        found = terms(FiscalYear(number))
        if not isinstance(found, SubsidyTerms):
            return None
        years[number] = found
    assumed = tuple(sorted({t.fiscal_year for t in years.values() if t.assumed}))
    return _Decided(years, Lines(language)).lines(sorted(rows)), assumed


_NOT_PLAIN = ('"', ",", "\r", *(f"\n{first}" for first in "=+-@\t"))
"""What makes an id of ids each after a line break not its own field (:func:`plain`'s test)."""

_Said = tuple[bool, str]
"""What a kind of row says: whether it is refused, and its fields from the amount on: to the
end of the line (refused), or to its eligible amount (paid: its share of the subsidy is not known
before its statement's earlier rows are)."""


_Year = tuple[TermsReasons, str, dict[object, _Said], dict[object, str], Callable[[int], int], int]
"""What a year's decisions are made with: its terms' reasons, the fields after a decision's
reasons, what each kind of row says, the fields of each paid row from its subsidy on (by kind,
subsidy and cut), the subsidy of a total before the cap, and the cap."""


@final
class _Decided:
    """Each year's rows decided, each distinct decision's fields made once."""

    def __init__(self, years: dict[int, SubsidyTerms], lines: Lines) -> None:
        self.years = years
        self.fields = lines
        self.reason = ReasonMemo()
        self._terms: dict[int, _Year] = {}
        self._arrivals: dict[str, pendulum.Date | None] = {"": None}
        self._stand_ins: dict[object, tuple[Receipt, pendulum.Date | None]] = {}

    def under(self, year: int) -> _Year:
        """What decisions of *year* are made with (see :data:`_Year`), made once."""
        found = self._terms.get(year)
        if found is None:
            terms = self.years[year]
            tail, assumed = self.fields.terms(terms)
            found = self._terms[year] = (
                self.reason.under(terms, TermsReasons),
                f"{tail}{IN_YEN}{assumed}\n",
                {},
                {},
                terms.subsidy_function(),
                terms.annual_cap.amount,
            )
        return found

    def stand_in(self, row: ReceiptRow) -> tuple[Receipt, pendulum.Date | None]:
        """A receipt like *row*, and the day its claim arrived: what its reasons are made of."""
        kind = row[4:]
        found = self._stand_ins.get(kind)
        if found is None:
            found = self._stand_ins[kind] = self._stand_in(row)
        return found

    def _stand_in(self, row: ReceiptRow) -> tuple[Receipt, pendulum.Date | None]:
        _, _, day, _, amount, insured, professional, place, arrived = row
        receipt = Receipt(
            id="row",
            participant="row",
            service_date=to_date(day, "service_date"),
            amount=Yen(amount),
            insured=insured,
            mental_health_professional=professional,
            place=Place(place),
        )
        arrival = self._arrivals.get(arrived)
        if arrival is None and arrived:
            arrival = self._arrivals[arrived] = to_date(arrived, "submitted_on")
        return receipt, arrival

    def said(self, said_of: TermsReasons, tail: str, row: ReceiptRow) -> _Said:
        """Whether a row like *row* is refused, and its fields from the amount on."""
        receipt, arrival = self.stand_in(row)
        numbers = self.fields.numbers
        amount, insured, professional, place, arrived = row[4:]
        start = f"{numbers[amount]},{FLAGS[insured]},{FLAGS[professional]},{place},{arrived},"
        refused = said_of.refused(receipt, arrival)
        if refused is None:
            return False, f"{start}{numbers[amount]},"
        return True, f"{start}0,0,0,{self.fields.reasons(refused)},{tail}"

    def granted(
        self, said_of: TermsReasons, tail: str, row: ReceiptRow, subsidy: int, cut: int
    ) -> str:
        """The fields of a paid row like *row* from its subsidy on."""
        receipt, arrival = self.stand_in(row)
        granted = said_of.granted(receipt, arrival, cut, partly=bool(subsidy))
        numbers = self.fields.numbers
        return f"{numbers[subsidy]},{numbers[cut]},{self.fields.reasons(granted)},{tail}"

    def lines(self, rows: list[ReceiptRow]) -> Iterator[str]:
        """The line of each of *rows* (sorted), in order."""
        ids = "\n" + "\n".join(map(itemgetter(3), rows))  # an id holds no line break
        all_plain = not any(mark in ids for mark in _NOT_PLAIN)  # a few scans, no call per id
        del ids
        who = year = None
        for row in rows:
            _, _, day, ident, amount, insured, professional, place, arrived = row
            if row[0] != who or row[1] != year:
                who, year = row[0], row[1]
                said_of, tail, kinds, paid_as, subsidy_of, cap = self.under(year)
                head = f"{who if plain(who) else csv_field(who)},{year},"
                total = paid = uncapped_before = 0
            if not (all_plain or plain(ident)):
                ident = csv_field(ident)
            kind = (amount, insured, professional, place, arrived)
            said = kinds.get(kind)
            if said is None:
                said = kinds[kind] = self.said(said_of, tail, row)
            if said[0]:
                yield f"{head}{ident},{day},{said[1]}"
                continue
            total += amount
            uncapped = subsidy_of(total)
            now = cap if uncapped > cap else uncapped
            subsidy, cut = now - paid, (uncapped - uncapped_before) - (now - paid)
            paid, uncapped_before = now, uncapped
            key = (kind, subsidy, cut)
            fields = paid_as.get(key)
            if fields is None:
                fields = paid_as[key] = self.granted(said_of, tail, row, subsidy, cut)
            yield f"{head}{ident},{day},{said[1]}{fields}"
