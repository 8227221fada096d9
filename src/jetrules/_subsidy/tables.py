"""Statements as plain records, a row per receipt or per statement (private; see ``subsidy``).

Records hold only ``str``, ``int``, ``bool``, ``datetime.date``, lists of ``str`` and ``None``:
what ``pandas.DataFrame``, ``csv`` and ``json`` take as they are. Yen are ints, fiscal years their
int (``2019``), dates ``datetime.date`` (not pendulum's subclass), reason codes a list.

A table of 100,000 receipts holds few distinct reasons, dates and terms: each is rendered or
converted once per table (:class:`_Rows`) and shared by the records that have it, so making the
records costs about one dict per receipt, and the explanations, dates and terms texts take the
memory of the distinct ones only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Literal, Protocol, final, get_args

import pendulum

from jetrules._kernel.policy import Change
from jetrules._subsidy.model import Decision, Receipt
from jetrules._subsidy.parameters import ChangedValues
from jetrules._subsidy.terms import SubsidyTerms
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput
from jetrules.money import Yen
from jetrules.text import Lang, Reason, to_lang

__all__ = [
    "RECORD_COLUMNS",
    "STATEMENT_COLUMNS",
    "Level",
    "StatementFacts",
    "TextMemo",
    "columns_of",
    "iter_records",
    "plain_number",
    "records",
    "to_level",
]

Level = Literal["receipt", "statement"]
"""What a record is of: one receipt's decision, or one statement's totals."""

LEVELS: tuple[Level, ...] = get_args(Level)

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
    "terms_origin",
    "changes",
    "currency",
    "amount_in_currency",
    "jpy_per_unit",
    "assumed_from",
)
"""The keys of every per-receipt record (``to_records(level="receipt")``), in order.

``amount`` is in yen; a receipt paid in another currency also has ``currency`` (``USD``), the
``amount_in_currency`` as paid and the caller's rate ``jpy_per_unit`` (both as text, exactly as
given: ``100.00``, ``149.5``), which are ``None`` for one in yen. ``assumed_from`` is the year
whose published values were assumed for what the year's terms leave out (``None`` when none
were). Columns are added last, so that the earlier ones keep their places.
"""

STATEMENT_COLUMNS = (
    "participant",
    "fiscal_year",
    "receipts",
    "total_paid",
    "total_eligible",
    "total_subsidy",
    "total_cut_by_cap",
    "remaining_cap",
    "cap_reached",
    "edition",
    "source",
    "terms_origin",
    "changes",
    "assumed_from",
)
"""The keys of every per-statement record (``to_records(level="statement")``), in order."""


class StatementFacts(Protocol):
    """What a table reads from a statement (:class:`~jetrules.subsidy.Statement` has it all)."""

    @property
    def participant(self) -> str:
        """Whose statement it is."""

    @property
    def fiscal_year(self) -> FiscalYear:
        """The year it covers."""

    @property
    def terms(self) -> SubsidyTerms | None:
        """The terms applied, if any."""

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """One per receipt, in service-date order."""

    @property
    def total_paid(self) -> Yen:
        """What the participant paid."""

    @property
    def total_eligible(self) -> Yen:
        """The eligible costs."""

    @property
    def total_subsidy(self) -> Yen:
        """What the programme pays."""

    @property
    def total_cut_by_cap(self) -> Yen:
        """What the cap cut."""

    @property
    def remaining_cap(self) -> Yen | None:
        """What the cap still allows, if there are terms."""

    @property
    def missing(self) -> tuple[str, ...]:
        """Without terms, the parameters the year does not publish."""


@final
class TextMemo(dict[object, str]):
    """The text of each distinct value, made by *make* the first time the value is looked up.

    A table repeats its amounts, days and names: a value seen before costs one lookup.

    >>> days = TextMemo(str)
    >>> days[pendulum.Date(2019, 4, 1)], len(days)
    ('2019-04-01', 1)
    """

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: object) -> str:
        found = self[key] = self.make(key)
        return found


def to_level(value: object) -> Level:
    """*value* as a :data:`Level`, refusing anything else.

    >>> to_level("statement")
    'statement'
    >>> to_level("statements")
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'level' must be 'receipt' or 'statement' (got 'statements')
    """
    for level in LEVELS:
        if value == level:
            return level
    raise InvalidInput.for_field("level", "must be 'receipt' or 'statement'", value)


def records(
    statements: Iterable[StatementFacts], lang: Lang, level: object
) -> list[dict[str, object]]:
    """The records of *statements*: one per receipt, or one per statement, text in *lang*."""
    return list(iter_records(statements, lang, level))


def iter_records(
    statements: Iterable[StatementFacts], lang: Lang, level: object
) -> Iterator[dict[str, object]]:
    """:func:`records`, made a statement at a time as they are taken (arguments checked now)."""
    rows = _Rows(to_lang(lang))
    if to_level(level) == "statement":
        return map(rows.statement, statements)
    return (record for statement in statements for record in rows.receipts(statement))


@final
class _TermsFacts:
    """What every record under one terms value says of them, worked out once."""

    __slots__ = ("assumed_from", "changes", "edition", "origin", "source")

    def __init__(self, terms: SubsidyTerms | None, lang: Lang) -> None:
        if terms is None:
            self.edition: int | None = None
            self.source: str | None = None
            self.origin: str | None = None
            self.changes: str | None = None
            self.assumed_from: int | None = None
            return
        changed: tuple[Change, ...] = terms.changes
        self.edition = terms.fiscal_year.year
        self.source = "; ".join(str(source) for source in terms.sources) or None
        self.origin = terms.origin
        self.changes = ChangedValues(changed).render(lang) if changed else None
        assumed = terms.assumed_from
        self.assumed_from = None if assumed is None else assumed.year


@final
class _Rows:
    """Makes the records of one table, rendering each distinct reason, date and terms once.

    The memos are keyed by the identity of values the statements hold (reasons are shared by the
    decisions of one assessment, terms by the statements of a year), so they stay valid for the
    one table they serve; equal values that are distinct objects are merely rendered again.
    """

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._separator = "" if lang == "ja" else " "
        self._reasons: dict[tuple[int, ...], tuple[tuple[str, ...], str]] = {}
        self._rendered: dict[int, str] = {}
        self._dates: dict[pendulum.Date, dt.date] = {}
        self._terms: dict[int, _TermsFacts] = {}

    def terms(self, terms: SubsidyTerms | None) -> _TermsFacts:
        """The facts of *terms*, worked out on first use."""
        found = self._terms.get(id(terms))
        if found is None:
            found = self._terms[id(terms)] = _TermsFacts(terms, self.lang)
        return found

    def date(self, day: pendulum.Date | None) -> dt.date | None:
        """*day* as a plain ``datetime.date``, one object per distinct day."""
        if day is None:
            return None
        found = self._dates.get(day)
        if found is None:
            found = self._dates[day] = dt.date(day.year, day.month, day.day)
        return found

    def reasons(self, reasons: tuple[Reason, ...]) -> tuple[tuple[str, ...], str]:
        """The codes of *reasons* and their explanation, as :meth:`Decision.explain` gives it."""
        key = tuple(map(id, reasons))
        found = self._reasons.get(key)
        if found is None:
            codes = tuple(reason.code for reason in reasons)
            text = self._separator.join(self._render(reason) for reason in reasons)
            found = self._reasons[key] = codes, text
        return found

    def _render(self, reason: Reason) -> str:
        found = self._rendered.get(id(reason))
        if found is None:
            found = self._rendered[id(reason)] = reason.render(self.lang)
        return found

    def receipts(self, statement: StatementFacts) -> list[dict[str, object]]:
        """One record per receipt of *statement* (:data:`RECORD_COLUMNS`)."""
        participant, year = statement.participant, statement.fiscal_year.year
        terms = self.terms(statement.terms)
        found: list[dict[str, object]] = []
        for decision in statement.decisions:
            receipt = decision.receipt
            codes, explanation = self.reasons(decision.reasons)
            found.append(
                {
                    "participant": participant,
                    "fiscal_year": year,
                    "receipt_id": receipt.id,
                    "service_date": self.date(receipt.service_date),
                    "amount": receipt.amount.amount,
                    "insured": receipt.insured,
                    "mental_health_professional": receipt.mental_health_professional,
                    "place": receipt.place.value,
                    "submitted_on": self.date(decision.submitted_on),
                    "eligible": decision.eligible.amount,
                    "subsidy": decision.subsidy.amount,
                    "cut_by_cap": decision.cut_by_cap.amount,
                    "reason_codes": list(codes),
                    "explanation": explanation,
                    "edition": terms.edition,
                    "source": terms.source,
                    "terms_origin": terms.origin,
                    "changes": terms.changes,
                    **(_IN_YEN if receipt.currency is None else self.conversion(receipt)),
                    "assumed_from": terms.assumed_from,
                }
            )
        return found

    def conversion(self, receipt: Receipt) -> dict[str, str | None]:
        """The currency, the amount in it and the rate of *receipt*, as text."""
        return {
            "currency": receipt.currency,
            "amount_in_currency": plain_number(receipt.amount_in_currency),
            "jpy_per_unit": plain_number(receipt.jpy_per_unit),
        }

    def statement(self, statement: StatementFacts) -> dict[str, object]:
        """The record of *statement*'s totals (:data:`STATEMENT_COLUMNS`)."""
        terms = self.terms(statement.terms)
        left = statement.remaining_cap
        return {
            "participant": statement.participant,
            "fiscal_year": statement.fiscal_year.year,
            "receipts": len(statement.decisions),
            "total_paid": statement.total_paid.amount,
            "total_eligible": statement.total_eligible.amount,
            "total_subsidy": statement.total_subsidy.amount,
            "total_cut_by_cap": statement.total_cut_by_cap.amount,
            "remaining_cap": None if left is None else left.amount,
            "cap_reached": left is not None and left.amount == 0,
            "edition": terms.edition,
            "source": terms.source,
            "terms_origin": terms.origin,
            "changes": terms.changes,
            "assumed_from": terms.assumed_from,
        }


_IN_YEN: dict[str, str | None] = dict.fromkeys(("currency", "amount_in_currency", "jpy_per_unit"))
"""The currency columns of a receipt in yen: none."""


def plain_number(number: Decimal | None) -> str | None:
    """*number* as written, without an exponent (``Decimal("1E+2")`` is ``100``)."""
    return None if number is None else f"{number:f}"


def columns_of(level: Level) -> Sequence[str]:
    """The keys of the records of *level*, in order."""
    return STATEMENT_COLUMNS if level == "statement" else RECORD_COLUMNS
