"""Counselling Assistance Programme: editions, receipts, assessment, explained statements.

The programme pays a share (50%) of a participant's eligible counselling costs, up to an annual cap
per participant per fiscal year. :func:`assess` takes receipts and gives a :class:`Ledger` of
:class:`Statement` s, one per participant and fiscal year, in which every receipt has a
:class:`Decision`: its eligible amount, its subsidy, what the cap cut, and why.

Rounding (no source states it; Japanese subsidies round down): the year's subsidy is
``min(cap, floor(rate x total eligible))``, and each receipt, taken in service-date order (ties by
receipt id), gets the increase it causes in that amount. So the decisions always sum to the total,
however the receipts are ordered or batched.

>>> ledger = assess([
...     Receipt(id="r1", participant="P-001", service_date="2019-05-10", amount=Yen(7_001)),
...     Receipt(id="r2", participant="P-001", service_date="2019-06-10", amount=Yen(7_001)),
... ])
>>> [(d.receipt.id, d.subsidy) for d in ledger[0].decisions]
[('r1', Yen(3500)), ('r2', Yen(3501))]
>>> ledger[0].total_subsidy, ledger[0].remaining_cap
(Yen(7001), Yen(22999))
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import final, overload

import attrs
import pendulum

from jetrules._kernel.dates import DateLike, to_date
from jetrules._subsidy import reasons as why
from jetrules._subsidy.index import Order, ReceiptIds, find, merged
from jetrules._subsidy.reasons import REASONS, ReasonMemo, refusals, timing
from jetrules._subsidy.render import (
    ledger_html,
    render_statement,
    statement_html,
    statement_records,
)
from jetrules._subsidy.terms import (
    EDITIONS,
    Place,
    PlaceRequirement,
    SubsidyTerms,
    _by_year,
    _percent,
    _yen,
    terms_for,
)
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Yen
from jetrules.text import Lang, Reason

__all__ = [
    "EDITIONS",
    "REASONS",
    "Decision",
    "Ledger",
    "Place",
    "PlaceRequirement",
    "Receipt",
    "Statement",
    "SubsidyTerms",
    "assess",
    "terms_for",
]


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput.for_field(attribute.name, "must be non-empty text", value)
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise InvalidInput.for_field(
            attribute.name, "must be one line of text, without control characters", value
        )


def _flag(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise WrongType.for_field(attribute.name, "must be True or False", value)


def _service_date(value: DateLike) -> pendulum.Date:
    return to_date(value, "service_date")


def _place(value: Place | str) -> Place:
    return Place.parse(value)


def _submitted_on(value: DateLike | None) -> pendulum.Date | None:
    return None if value is None else to_date(value, "submitted_on")


@final
@attrs.frozen(kw_only=True)
class Receipt:
    """One counselling fee a participant paid and claims.

    Attributes:
        id: the receipt's id, unique across everything assessed together.
        participant: who paid (any stable id: a name, a JET number).
        service_date: the day of the counselling; it decides the fiscal year.
        amount: what was paid, more than ¥0.
        insured: whether health insurance covered the cost (then it is not eligible).
        mental_health_professional: whether a mental health professional provided it.
        place: where the counselling took place.
        submitted_on: the day this receipt's claim reached the programme office, when known; it
            takes precedence over the ``submitted_on`` given to :func:`assess` for a batch.

    >>> Receipt(id="r1", participant="P-001", service_date="2019-05-10", amount=0)
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'amount' must be more than ¥0 (got Yen(0))
    """

    id: str = attrs.field(validator=_text)
    participant: str = attrs.field(validator=_text)
    service_date: pendulum.Date = attrs.field(converter=_service_date)
    amount: Yen = attrs.field(converter=_yen)
    insured: bool = attrs.field(default=False, validator=_flag)
    mental_health_professional: bool = attrs.field(default=True, validator=_flag)
    place: Place = attrs.field(default=Place.JAPAN, converter=_place)
    submitted_on: pendulum.Date | None = attrs.field(default=None, converter=_submitted_on)

    @amount.validator
    def _more_than_nothing(self, attribute: attrs.Attribute[Yen], value: Yen) -> None:
        if not value:
            raise InvalidInput.for_field(attribute.name, "must be more than ¥0", value)

    @submitted_on.validator
    def _not_before_the_service(
        self, attribute: attrs.Attribute[pendulum.Date | None], value: pendulum.Date | None
    ) -> None:
        if value is not None and value < self.service_date:
            raise InvalidInput.for_field(
                attribute.name, f"must not be before the service date ({self.service_date})", value
            )

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year of the service date: the year whose terms and cap apply."""
        return FiscalYear.of(self.service_date)


@final
@attrs.frozen(kw_only=True)
class Decision:
    """What one receipt is paid, and why.

    Attributes:
        receipt: the receipt decided on.
        eligible: the part of its amount that counts toward the subsidy (all of it or nothing).
        subsidy: what it is paid.
        cut_by_cap: what it would have been paid without the annual cap, less what it is paid.
        reasons: why, in order: eligibility, the claim's timing, the cap.
        submitted_on: the day its claim reached the programme office, when given: the receipt's
            own ``submitted_on``, else the one given to :func:`assess` with it.
    """

    receipt: Receipt
    eligible: Yen
    subsidy: Yen
    cut_by_cap: Yen
    reasons: tuple[Reason, ...]
    submitted_on: pendulum.Date | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """The reasons' stable codes, such as ``("ELIGIBLE", "CAP_PARTLY_REACHED")``."""
        return tuple(reason.code for reason in self.reasons)

    def explain(self, lang: Lang = "en") -> str:
        """The reasons as one line of *lang*."""
        return " ".join(reason.render(lang) for reason in self.reasons)


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
        return render_statement(self, lang)

    def to_records(self, lang: Lang = "en") -> list[dict[str, object]]:
        """One plain dict per receipt (for ``pandas.DataFrame``, CSV, JSON)."""
        return statement_records(self, lang)

    def _repr_html_(self) -> str:
        return statement_html(self)


def _order(statement: Statement) -> Order:
    return statement.participant, statement.fiscal_year.year


@final
@attrs.frozen(kw_only=True)
class Ledger(Sequence[Statement]):
    """Every statement assessed so far, by participant then fiscal year.

    Make ledgers with :func:`assess` and :meth:`add`, which keep the statements in order and
    each receipt id once. Adding receipts re-assesses only the statements they touch (the others
    are shared with this ledger) and checks their ids against an index of this ledger's ids, which
    the new ledger extends, so its cost follows what is added, not the ledger's size.

    Attributes:
        statements: one per participant and fiscal year with receipts.
        terms: the terms the caller supplied (they replace published editions for their years,
            and apply again when more receipts are added).
    """

    statements: tuple[Statement, ...] = ()
    terms: tuple[SubsidyTerms, ...] = ()
    _ids: ReceiptIds | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @overload
    def __getitem__(self, index: int) -> Statement: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Statement]: ...
    def __getitem__(self, index: int | slice) -> Statement | Sequence[Statement]:
        return self.statements[index]

    def __len__(self) -> int:
        return len(self.statements)

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)

    def statement(self, participant: str, fiscal_year: FiscalYear | int) -> Statement:
        """The statement of *participant* for *fiscal_year*.

        Raises:
            KeyError: when there is none (no receipt of that participant in that year).
        """
        year = fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear(fiscal_year)
        position = find(self.statements, _order, (participant, year.year))
        if position < len(self.statements):
            statement = self.statements[position]
            if _order(statement) == (participant, year.year):
                return statement
        raise KeyError((participant, year))

    @property
    def receipt_ids(self) -> frozenset[str]:
        """The ids of every receipt assessed so far."""
        return self._id_index().all()

    def _id_index(self) -> ReceiptIds:
        """The ids of this ledger's receipts, built on first use and kept (they never change)."""
        if self._ids is None:
            ids = ReceiptIds.of(d.receipt.id for s in self.statements for d in s.decisions)
            object.__setattr__(self, "_ids", ids)
        assert self._ids is not None
        return self._ids

    def add(
        self,
        receipts: Iterable[Receipt],
        *,
        submitted_on: DateLike | None = None,
        terms: SubsidyTerms | Iterable[SubsidyTerms] = (),
    ) -> Ledger:
        """This ledger with more receipts assessed: ``assess(receipts, previous=self, ...)``."""
        return assess(receipts, previous=self, submitted_on=submitted_on, terms=terms)

    def render(self, lang: Lang = "en") -> str:
        """Every statement as text, separated by blank lines."""
        return "\n\n".join(statement.render(lang) for statement in self.statements)

    def to_records(self, lang: Lang = "en") -> list[dict[str, object]]:
        """One plain dict per receipt of every statement."""
        return [record for s in self.statements for record in s.to_records(lang)]

    def _repr_html_(self) -> str:
        return ledger_html(self.statements)


def _supplied(terms: SubsidyTerms | Iterable[SubsidyTerms]) -> dict[FiscalYear, SubsidyTerms]:
    given = (terms,) if isinstance(terms, SubsidyTerms) else tuple(terms)
    by_year: dict[FiscalYear, SubsidyTerms] = {}
    for item in given:
        if not isinstance(item, SubsidyTerms):
            raise WrongType.for_field("terms", "must be SubsidyTerms or a sequence of them", item)
        if item.fiscal_year in by_year:
            raise InvalidInput.for_field(
                "terms", "must give at most one SubsidyTerms per fiscal year", item.fiscal_year
            )
        by_year[item.fiscal_year] = item
    return by_year


def _check_new(
    receipts: Iterable[Receipt], earlier: Ledger, submitted_on: pendulum.Date | None
) -> tuple[list[Receipt], frozenset[str]]:
    new = list(receipts)
    seen = earlier._id_index()
    batch: set[str] = set()
    for receipt in new:
        if not isinstance(receipt, Receipt):
            raise WrongType.for_field("receipts", "must hold Receipt values", receipt)
        if receipt.id in seen:
            raise InvalidInput.for_field(
                "id", "must be unique: a receipt with this id was assessed before", receipt.id
            )
        if receipt.id in batch:
            raise InvalidInput.for_field(
                "id", "must be unique: two receipts in this batch have it", receipt.id
            )
        batch.add(receipt.id)
        if receipt.submitted_on is not None:
            continue
        if submitted_on is not None and receipt.service_date > submitted_on:
            raise InvalidInput.for_field(
                "submitted_on",
                f"must not be before a receipt's service date ({receipt.id}: "
                f"{receipt.service_date})",
                submitted_on,
            )
    return new, frozenset(batch)


def assess(
    receipts: Iterable[Receipt],
    *,
    previous: Ledger | None = None,
    submitted_on: DateLike | None = None,
    terms: SubsidyTerms | Iterable[SubsidyTerms] = (),
) -> Ledger:
    """Decide every receipt and gather the decisions into statements.

    Args:
        receipts: the receipts to assess; ids must be unique, also against *previous*.
        previous: an earlier ledger to add the receipts to. The result is the same as assessing
            all the receipts at once (each keeps the day its claim arrived); only the statements
            of the participants and years the receipts touch are assessed again.
        submitted_on: the day these receipts' claim reached the programme office, for those
            without their own ``Receipt.submitted_on`` (which takes precedence). A receipt of a
            year whose terms name a deadline before that day is paid nothing (``LATE_CLAIM``).
        terms: terms to use instead of the published editions, for their fiscal years (what-ifs,
            or a year with no published terms). They are kept in the ledger for later additions.

    Returns:
        A :class:`Ledger` with one statement per participant and fiscal year.

    Raises:
        InvalidInput: a duplicate receipt id (naming it), or a service date after *submitted_on*
            (of a receipt without its own).

    >>> first = assess([Receipt(id="a", participant="P", service_date="2019-06-01", amount=60_000)])
    >>> later = assess(
    ...     [Receipt(id="b", participant="P", service_date="2019-05-01", amount=10_000)],
    ...     previous=first,
    ... )
    >>> [(d.receipt.id, d.subsidy, d.codes) for d in later[0].decisions]
    [('b', Yen(5000), ('ELIGIBLE',)), ('a', Yen(25000), ('ELIGIBLE', 'CAP_PARTLY_REACHED'))]
    """
    earlier = previous if previous is not None else Ledger()
    if not isinstance(earlier, Ledger):
        raise WrongType.for_field("previous", "must be a Ledger from assess()", earlier)
    submitted = None if submitted_on is None else to_date(submitted_on, "submitted_on")
    new, new_ids = _check_new(receipts, earlier, submitted)
    before, given = _supplied(earlier.terms), _supplied(terms)
    supplied = {**before, **given}
    published = _by_year()

    groups: defaultdict[Order, list[tuple[Receipt, pendulum.Date | None]]] = defaultdict(list)
    for receipt in new:
        arrived = submitted if receipt.submitted_on is None else receipt.submitted_on
        groups[receipt.participant, receipt.fiscal_year.year].append((receipt, arrived))
    retermed = {
        year for year, item in given.items() if item != before.get(year, published.get(year))
    }
    if retermed:  # new terms for a year: its statements are assessed again under them
        for statement in earlier.statements:
            if statement.fiscal_year in retermed:
                groups.setdefault(_order(statement), [])
    statements = earlier.statements
    changed: dict[Order, Statement] = {}
    memo = ReasonMemo()
    for (participant, number), items in groups.items():
        position = find(statements, _order, (participant, number))
        if position < len(statements) and _order(statements[position]) == (participant, number):
            items.extend((d.receipt, d.submitted_on) for d in statements[position].decisions)
        year = FiscalYear(number)
        year_terms = supplied.get(year, published.get(year))
        changed[participant, number] = _statement(participant, year, year_terms, items, memo)
    ledger = Ledger(
        statements=merged(statements, _order, changed),
        terms=tuple(supplied[year] for year in sorted(supplied)),
    )
    object.__setattr__(ledger, "_ids", earlier._id_index().with_ids(new_ids))
    return ledger


def _statement(
    participant: str,
    year: FiscalYear,
    terms: SubsidyTerms | None,
    items: list[tuple[Receipt, pendulum.Date | None]],
    reason: ReasonMemo,
) -> Statement:
    items.sort(key=lambda item: (item[0].service_date, item[0].id))
    if terms is None:
        no_edition = reason(why.NO_EDITION, None, fiscal_year=year)
        nothing = Yen(0)
        decisions = tuple(
            Decision(
                receipt=receipt,
                eligible=nothing,
                subsidy=nothing,
                cut_by_cap=nothing,
                reasons=(no_edition,),
                submitted_on=submitted_on,
            )
            for receipt, submitted_on in items
        )
    else:
        decisions = tuple(_allocate(terms, items, reason))
    return Statement(participant=participant, fiscal_year=year, terms=terms, decisions=decisions)


def _allocate(
    terms: SubsidyTerms, items: list[tuple[Receipt, pendulum.Date | None]], reason: ReasonMemo
) -> Iterator[Decision]:
    """Decide *items* (in service-date order): each gets the increase it causes in the total."""
    numerator, denominator = terms.rate.numerator, terms.rate.denominator
    cap = terms.annual_cap.amount
    rate_text = _percent(terms.rate)
    eligible_total = paid = uncapped_before = 0
    for receipt, submitted_on in items:
        reasons = refusals(terms, receipt, reason)
        late, said = timing(terms, submitted_on, reason)
        if reasons or late:
            nothing = Yen(0)
            yield Decision(
                receipt=receipt,
                eligible=nothing,
                subsidy=nothing,
                cut_by_cap=nothing,
                reasons=(*reasons, *said),
                submitted_on=submitted_on,
            )
            continue
        eligible_total += receipt.amount.amount
        uncapped = eligible_total * numerator // denominator
        total = min(cap, uncapped)
        subsidy, cut = total - paid, (uncapped - uncapped_before) - (total - paid)
        paid, uncapped_before = total, uncapped
        reasons = [
            reason(
                why.ELIGIBLE, terms.source, terms=terms, eligible=receipt.amount, rate=rate_text
            ),
            *said,
        ]
        if cut:
            template = why.CAP_PARTLY_REACHED if subsidy else why.CAP_REACHED
            reasons.append(reason(template, terms.source, cap=terms.annual_cap, cut=Yen(cut)))
        yield Decision(
            receipt=receipt,
            eligible=receipt.amount,
            subsidy=Yen(subsidy),
            cut_by_cap=Yen(cut),
            reasons=tuple(reasons),
            submitted_on=submitted_on,
        )
