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

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import to_date
from jetrules._kernel.fields import as_id, as_participant
from jetrules._kernel.fiscal import fiscal_year_of, to_fiscal_year
from jetrules._kernel.output import csv_field
from jetrules._kernel.policy import Policy
from jetrules._subsidy.allocate import TermsReasons
from jetrules._subsidy.batch import Terms
from jetrules._subsidy.csv_lines import FLAGS, IN_YEN, Lines, plain
from jetrules._subsidy.editions import check_policy, example_year
from jetrules._subsidy.model import Receipt
from jetrules._subsidy.place import Place
from jetrules._subsidy.reasons import ReasonMemo, no_edition
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Yen
from jetrules.text import Lang, Reason, to_lang

__all__ = ["CsvLines", "ReceiptRow", "ReceiptRows", "csv_lines_of_rows"]

ReceiptRow = tuple[str, int, str, str, int, bool, bool, str, str]
"""A receipt as a reader checked it: participant, fiscal year, service date (ISO 8601), id,
amount in yen, insured, mental health professional, place (``japan`` or ``abroad``), and the day
its claim arrived (ISO 8601: its own, else the batch's; ``""`` when not known)."""


@final
class ReceiptRows(tuple[ReceiptRow, ...]):
    """Receipts as rows, each checked as ``Receipt`` checks its fields (an immutable tuple).

    ``ReceiptRows(rows)`` checks every row (each distinct value once) and refuses what a
    ``Receipt`` would not hold; :func:`jetrules.records.read_receipt_rows` gives rows it checked
    as it read them, which :func:`csv_lines_of_rows` then takes as they are.

    >>> ReceiptRows([("P", 2019, "2019-05-10", "r1", 7001, False, True, "japan", "")])[0][3]
    'r1'
    >>> ReceiptRows([("P", 2020, "2019-05-10", "r1", 7001, False, True, "japan", "")])
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'fiscal_year' must be the fiscal year of its service date, ...
    """

    __slots__ = ()

    def __new__(cls, rows: Iterable[ReceiptRow]) -> ReceiptRows:
        """Check *rows* and hold them (see the class)."""
        if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
            raise WrongType.for_field("rows", _ROWS, rows)
        found = list(rows)
        _check(found)
        return super().__new__(cls, found)

    @classmethod
    def _read(cls, rows: list[ReceiptRow]) -> ReceiptRows:
        """*rows* as a reader gives them, checked as they were read (the reader's only)."""
        return super().__new__(cls, rows)


@final
@attrs.frozen(kw_only=True)
class CsvLines:
    """What :func:`csv_lines_of_rows` gives.

    Attributes:
        lines: the lines of CSV, each with its newline, made as they are asked for.
        assumed: the years whose terms were assumed from another year's (``assume``), sorted.
        unassessed: each year without terms to decide it under, with how many receipts it has
            and the parameters it does not publish (what the command's warning says).
    """

    lines: Iterator[str]
    assumed: tuple[FiscalYear, ...]
    unassessed: Mapping[FiscalYear, tuple[int, tuple[str, ...]]]


def csv_lines_of_rows(
    rows: ReceiptRows | Iterable[ReceiptRow],
    *,
    lang: Lang = "en",
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> CsvLines:
    """The lines ``assess(receipts, policy=policy, assume=assume).iter_csv(lang)`` gives.

    *rows* are the receipts, in any order: :class:`ReceiptRows` as a reader gives them, or any
    rows, checked first (as ``ReceiptRows(rows)`` checks them). Also given (:class:`CsvLines`):
    the years whose terms were assumed, and those without terms (each of their receipts is
    ``NO_EDITION``, paid nothing, as in the assessment). The terms are resolved now (errors are
    raised now); the lines are made as they are asked for.

    Raises:
        InvalidInput: a row is not a receipt as ``Receipt`` holds one (an id given twice or not
            as an id reads, a fiscal year not its service date's, a claim before its service...).
        WrongType: *rows* is not :data:`ReceiptRow` tuples.
    """
    language = to_lang(lang)
    checked = rows if type(rows) is ReceiptRows else ReceiptRows(rows)
    terms = Terms(
        check_policy(policy), None if assume is None else to_fiscal_year(assume, "assume")
    )
    years = {  # in file order, as assess asks: the same year is named when one cannot be had
        number: terms(FiscalYear(number)) for number in dict.fromkeys(map(itemgetter(1), checked))
    }
    assumed = sorted(
        {t.fiscal_year for t in years.values() if isinstance(t, SubsidyTerms) and t.assumed}
    )
    missing = {FiscalYear(n): tuple(t) for n, t in years.items() if not isinstance(t, SubsidyTerms)}
    if missing:
        counts = Counter(map(itemgetter(1), checked))
        unassessed = {year: (counts[year.year], names) for year, names in sorted(missing.items())}
    else:
        unassessed = {}
    decided = _Decided(years, Lines(language)).lines(sorted(checked))
    return CsvLines(lines=decided, assumed=tuple(assumed), unassessed=unassessed)


_ROWS = "must be ReceiptRow tuples (what jetrules.records.read_receipt_rows gives)"


def _check(rows: list[ReceiptRow]) -> None:
    """Refuse rows that are not receipts as ``Receipt`` holds them: each distinct value once.

    Raises:
        InvalidInput: naming the field, the rule and the value.
        WrongType: *rows* is no list of 9-tuples of the right types.
    """
    if not set(map(type, rows)) <= {tuple}:
        raise WrongType.for_field("rows", _ROWS, rows)
    if not set(map(len, rows)) <= {9} or not set(map(type, map(itemgetter(4), rows))) <= {int}:
        raise WrongType.for_field("rows", _ROWS, rows)
    ids = set(map(itemgetter(3), rows))
    if len(ids) != len(rows):
        twice = next(ident for ident, n in Counter(map(itemgetter(3), rows)).items() if n > 1)
        raise InvalidInput.for_field("id", "must be unique: two rows have it", twice)
    _as_held(ids, "id", as_id)
    _as_held(set(map(itemgetter(0), rows)), "participant", as_participant)
    for year, day in set(map(itemgetter(1, 2), rows)):
        if fiscal_year_of(_iso_day(day, "service_date"), "service_date") != year:
            rule = f"must be the fiscal year of its service date, {day}"
            raise InvalidInput.for_field("fiscal_year", rule, year)
    for amount, insured, professional, place in set(map(itemgetter(4, 5, 6, 7), rows)):
        if place not in _PLACES:
            raise InvalidInput.for_field("place", f"must be one of {', '.join(_PLACES)}", place)
        Receipt(  # the checks of a receipt's amount and flags
            id="row",
            participant="row",
            service_date=_A_DAY,
            amount=amount,
            insured=insured,
            mental_health_professional=professional,
        )
    for day, arrived in set(map(itemgetter(2, 8), rows)):
        if arrived and _iso_day(arrived, "submitted_on") < _iso_day(day, "service_date"):
            rule = f"must not be before the service date ({day})"
            raise InvalidInput.for_field("submitted_on", rule, arrived)


def _as_held(texts: set[str], field: str, read: Callable[[object], object]) -> None:
    """Refuse each of *texts* that is not as *read* (an id's or a participant's) holds it.

    Printable ASCII without a blank around it is (the usual case: one scan of them all);
    anything else is read one by one.
    """
    try:
        joined = "\n" + "\n".join(texts) + "\n"
    except TypeError:
        raise WrongType.for_field("rows", _ROWS, sorted(map(repr, texts))[:3]) from None
    if (
        joined.isascii()
        and joined.count("\n") == len(texts) + 1  # none holds a line break of its own
        and joined.replace("\n", "").isprintable()
        and not any(mark in joined for mark in _LOOSE)
    ):
        return
    for text in texts:
        if read(text) != text:
            raise InvalidInput.for_field(field, "must be as Receipt holds it (see to_name)", text)


def _iso_day(text: object, field: str) -> pendulum.Date:
    """*text*, a day as ISO 8601 writes it (``2019-05-10``), as a date."""
    if not isinstance(text, str):
        raise WrongType.for_field(field, "must be a day written YYYY-MM-DD", text)
    day = to_date(text, field)
    if day.isoformat() != text:
        raise InvalidInput.for_field(field, "must be a day written YYYY-MM-DD", text)
    return day


_PLACES = tuple(place.value for place in Place)
_A_DAY = pendulum.Date(2019, 5, 1)
"""A service date for checking a row's amount and flags (they do not depend on it)."""


_LOOSE = ("\n ", " \n", "\n\n")
"""Text with a blank around it, or none, among texts each between line breaks."""

_NOT_PLAIN = ('"', ",", "\r", *(f"\n{first}" for first in "=+-@\t"))
"""What makes an id of ids each after a line break not its own field (:func:`plain`'s test)."""

_Said = tuple[bool, str]
"""What a kind of row says: whether it is refused, and its fields from the amount on: to the
end of the line (refused), or to its eligible amount (paid: its share of the subsidy is not known
before its statement's earlier rows are)."""


@final
class _NoTerms:
    """What a year without terms says of every receipt: *said* (``NO_EDITION``), refused."""

    def __init__(self, said: tuple[Reason, ...]) -> None:
        self.said = said

    def refused(self, receipt: Receipt, arrival: pendulum.Date | None) -> tuple[Reason, ...]:
        """Every receipt is refused, saying the same."""
        return self.said


_Year = tuple[
    TermsReasons | _NoTerms, str, dict[object, _Said], dict[object, str], Callable[[int], int], int
]
"""What a year's decisions are made with: its terms' reasons, the fields after a decision's
reasons, what each kind of row says, the fields of each paid row from its subsidy on (by kind,
subsidy and cut), the subsidy of a total before the cap, and the cap."""


@final
class _Decided:
    """Each year's rows decided, each distinct decision's fields made once."""

    def __init__(self, years: Mapping[int, SubsidyTerms | Sequence[str]], lines: Lines) -> None:
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
            if not isinstance(terms, SubsidyTerms):  # every receipt NO_EDITION, as decide says
                tail, assumed = self.fields.terms(None)
                said = (no_edition(FiscalYear(year), tuple(terms), example_year(), self.reason),)
                return self._terms.setdefault(
                    year, (_NoTerms(said), f"{tail}{IN_YEN}{assumed}\n", {}, {}, int, 0)
                )
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

    def said(self, said_of: TermsReasons | _NoTerms, tail: str, row: ReceiptRow) -> _Said:
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
        self, said_of: TermsReasons | _NoTerms, tail: str, row: ReceiptRow, subsidy: int, cut: int
    ) -> str:
        """The fields of a paid row like *row* from its subsidy on (under terms: none refuses)."""
        assert isinstance(said_of, TermsReasons)  # a year without terms pays no row
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
