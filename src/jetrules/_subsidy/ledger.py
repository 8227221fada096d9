"""Every statement assessed so far, and :func:`assess`, which adds receipts to them (private).

:mod:`jetrules.subsidy` is the face of this module; import the names from there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, final, overload

import attrs

from jetrules._kernel.chars import to_name
from jetrules._kernel.dates import DateLike, to_date
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.participants import Participant, Participants
from jetrules._kernel.policy import Policy
from jetrules._subsidy.allocate import Claim, decide
from jetrules._subsidy.batch import (
    Terms,
    check_new,
    check_participants,
    claims_by_statement,
    to_participants,
)
from jetrules._subsidy.csv_lines import iter_csv
from jetrules._subsidy.editions import check_policy
from jetrules._subsidy.frame import to_frame
from jetrules._subsidy.index import Order, ReceiptIds, find, merged
from jetrules._subsidy.model import Receipt
from jetrules._subsidy.notebook import ledger_html
from jetrules._subsidy.reasons import ReasonMemo
from jetrules._subsidy.statement import Statement
from jetrules._subsidy.statement_text import StatementText
from jetrules._subsidy.tables import Level, columns_of, iter_records, records, to_level
from jetrules.calendar import FiscalYear
from jetrules.errors import NotFound, WrongType
from jetrules.text import Lang

__all__ = ["Ledger", "assess"]


def _order(statement: Statement) -> Order:
    return statement.participant, statement.fiscal_year.year


def _found(statements: Sequence[Statement], wanted: Order) -> Statement | None:
    """The statement of *wanted* (participant, fiscal year) in *statements*, if there is one."""
    position = find(statements, _order, wanted)
    if position < len(statements) and _order(statements[position]) == wanted:
        return statements[position]
    return None


@final
@attrs.frozen
class _IdIndex:
    """The ids of the receipts of *statements*: a ledger's, worked out before it is made."""

    statements: tuple[Statement, ...]
    ids: ReceiptIds

    @classmethod
    def of(cls, statements: tuple[Statement, ...]) -> _IdIndex:
        """The index of *statements*, read from their decisions."""
        ids = ReceiptIds.of(d.receipt.id for s in statements for d in s.decisions)
        return cls(statements, ids)


def _index_of_own_statements(ledger: Ledger) -> _IdIndex:
    return _IdIndex.of(ledger.statements)


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
        policy: the policy the statements were assessed under (its editions laid over the
            bundled ones); it applies again when more receipts are added.
        assume: the year whose published terms stand in for what a year does not publish, if
            the caller named one; it applies again when more receipts are added.
        participants: the participants' terms the statements were assessed with, if given;
            they apply again when more receipts are added.
    """

    statements: tuple[Statement, ...] = ()
    policy: Policy | None = None
    assume: FiscalYear | None = None
    participants: Participants | None = None
    # The receipt ids, worked out before the ledger is made (assess extends the previous
    # ledger's; a ledger made by hand reads its statements). It names the statements it indexes,
    # so a copy with other statements (attrs.evolve) is never answered from it. Not part of the
    # value: equality, hashing and repr leave it out; it pickles with the ledger.
    _index: _IdIndex = attrs.field(
        default=attrs.Factory(_index_of_own_statements, takes_self=True),
        alias="_index",
        eq=False,
        repr=False,
    )

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

    def statement(self, participant: str, fiscal_year: FiscalYear | int | str) -> Statement:
        """The statement of *participant* for *fiscal_year*.

        The year is written any way a fiscal year is: ``FiscalYear(2019)``, ``2019``, ``"FY2019"``.

        Raises:
            NotFound: none (no receipt of that participant in that year); also a ``KeyError``.
            InvalidInput, WrongType: *fiscal_year* is not a fiscal year, *participant* not text.
        """
        year = to_fiscal_year(fiscal_year)
        if not isinstance(participant, str):
            raise WrongType.for_field("participant", "must be text", participant)
        participant = to_name(participant, "participant")  # as receipts hold it
        found = _found(self.statements, (participant, year.year))
        if found is None:
            years = [str(s.fiscal_year) for s in self.statements if s.participant == participant]
            who = repr(participant)
            held = f"{who} has some for {', '.join(years)} only" if years else f"none of {who}"
            message = f"no statement of {who} for {year} in the ledger ({held})"
            raise NotFound(message, (participant, year))
        return found

    @property
    def receipt_ids(self) -> frozenset[str]:
        """The ids of every receipt assessed so far."""
        return self._ids().all()

    def _ids(self) -> ReceiptIds:
        """The ids of this ledger's receipts, from its index when the index is of its statements.

        The index is no part of the value: a ledger equals one made afresh from its statements,
        pickles with its index, and a copy with other statements never reads the index it carries.

        >>> import pickle
        >>> ledger = assess([Receipt(id="a", participant="P", service_date="2019-05-01", amount=1)])
        >>> ledger == Ledger(statements=ledger.statements) == pickle.loads(pickle.dumps(ledger))
        True
        >>> sorted(attrs.evolve(ledger, statements=()).receipt_ids), sorted(ledger.receipt_ids)
        ([], ['a'])
        """
        if self._index.statements is self.statements:
            return self._index.ids
        return _IdIndex.of(self.statements).ids

    def add(
        self,
        receipts: Iterable[Receipt],
        *,
        submitted_on: DateLike | None = None,
        policy: Policy | None = None,
        assume: FiscalYear | int | str | None = None,
        participants: Participants | Iterable[Participant] | None = None,
    ) -> Ledger:
        """This ledger with more receipts assessed: ``assess(receipts, previous=self, ...)``."""
        return assess(
            receipts,
            previous=self,
            submitted_on=submitted_on,
            policy=policy,
            assume=assume,
            participants=participants,
        )

    def render(self, lang: Lang = "en") -> str:
        """Every statement as text, separated by blank lines."""
        return "\n\n".join(self.iter_render(lang))

    def iter_render(self, lang: Lang = "en") -> Iterator[str]:
        """Each statement's text (:meth:`Statement.render`), in order, made as it is asked for.

        The statements share the text of what they repeat (explanations, amounts, days), which
        makes a large ledger several times faster to render than statement by statement.
        """
        return StatementText(lang).iter(self.statements)

    def to_records(self, lang: Lang = "en", *, level: Level = "receipt") -> list[dict[str, object]]:
        """Plain dicts for ``pandas.DataFrame``, CSV and JSON: one per receipt or per statement.

        Values are ``str``, ``int``, ``bool``, ``datetime.date``, ``list[str]`` or ``None``:
        yen as ints, fiscal years as ints (``2019``), reason codes as a list.

        Args:
            lang: the language of the explanations and of the supplied values (``changes``).
            level: ``"receipt"``: one record per receipt, in statement order, with the keys of
                :data:`~jetrules.subsidy.RECORD_COLUMNS`; ``"statement"``: one per statement
                (participant and fiscal year), with its totals, the cap left and whether the cap
                was reached (:data:`~jetrules.subsidy.STATEMENT_COLUMNS`).

        Raises:
            InvalidInput: *level* is neither.

        >>> ledger = assess([Receipt(id="a", participant="P", service_date="2019-05-01",
        ...                          amount=70_000)])
        >>> record = ledger.to_records()[0]
        >>> record["fiscal_year"], record["service_date"], record["reason_codes"]
        (2019, datetime.date(2019, 5, 1), ['ELIGIBLE', 'CAP_PARTLY_REACHED'])
        >>> [(r["total_subsidy"], r["remaining_cap"], r["cap_reached"])
        ...  for r in ledger.to_records(level="statement")]
        [(30000, 0, True)]
        """
        return records(self.statements, lang, level)

    def iter_records(
        self, lang: Lang = "en", *, level: Level = "receipt"
    ) -> Iterator[dict[str, object]]:
        """:meth:`to_records`, one record at a time: for writing a large ledger out as it goes.

        Each distinct reason is rendered once for the whole iteration, as :meth:`to_records`
        does; the records are made a statement at a time as they are taken, so only those of
        the statement being written are held.
        *lang* and *level* are checked when this is called (InvalidInput).
        """
        return iter_records(self.statements, lang, level)

    def iter_csv(self, lang: Lang = "en", *, level: Level = "receipt") -> Iterator[str]:
        """:meth:`to_records` as lines of CSV, each with its newline, a record at a time.

        The header (:data:`~jetrules.subsidy.RECORD_COLUMNS` or ``STATEMENT_COLUMNS``) is not
        among them. Reason codes are words separated by spaces; text a spreadsheet would run as
        a formula starts with ``'``; fields are quoted as :mod:`csv` quotes them. Each distinct
        participant, date, amount, reason and terms is made into its field once.
        *lang* and *level* are checked when this is called (InvalidInput).

        >>> ledger = assess([Receipt(id="a", participant="P", service_date="2019-05-01",
        ...                          amount=7_001)])
        >>> print(next(ledger.iter_csv()), end="")  # doctest: +ELLIPSIS
        P,2019,a,2019-05-01,7001,False,True,japan,,7001,3500,0,ELIGIBLE,...,2019,...
        """
        return iter_csv(self.statements, lang, level)

    def to_frame(self, lang: Lang = "en", *, level: Level = "receipt") -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame``: a row per receipt or per statement.

        Yen, counts and fiscal years are ``int64`` (``remaining_cap`` and ``edition``, which may
        be absent, pandas' nullable ``Int64``), dates ``datetime64[ns]`` (``NaT`` where absent),
        flags ``bool``, text ``object``, and ``reason_codes`` a list per row. Needs pandas
        (``pip install 'jetrules[pandas]'``), which ships no type hints: the frame is typed
        ``Any``.

        Raises:
            JetRulesError: pandas is not installed (the message names the extra).
            InvalidInput: *level* is neither ``"receipt"`` nor ``"statement"``.
        """
        level = to_level(level)
        return to_frame(iter_records(self.statements, lang, level), columns_of(level))

    def _repr_html_(self) -> str:
        return ledger_html(self.statements)


def assess(
    receipts: Iterable[Receipt],
    *,
    previous: Ledger | None = None,
    submitted_on: DateLike | None = None,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
    participants: Participants | Iterable[Participant] | None = None,
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
        policy: editions laid over the bundled ones (what-ifs, a new year); decisions under
            values unlike the published ones say ``SUPPLIED_TERMS``. Default: *previous*'s.
        assume: a year whose published terms stand in for what a year does not publish (each
            decision so made says ``ASSUMED_TERMS``). Default: *previous*'s, else none: receipts
            of such a year are paid nothing (``NO_EDITION``).
        participants: the participants' terms of appointment (:class:`Participants` or any
            iterable of :class:`Participant`). Every receipt's participant must be among them;
            one dated outside its participant's term is paid nothing (``OUTSIDE_TERM``) and
            still counts in its statement. Default: *previous*'s, else none.

    Returns:
        A :class:`Ledger`, a statement per participant and fiscal year (a new *policy* or *assume*
        assesses again the statements of the years whose terms it changes).

    Raises:
        InvalidInput: a duplicate receipt id (naming it), a service date after *submitted_on*
            (of a receipt without its own), or receipts of participants not among
            *participants* (naming ``participant`` and every such id).
        WrongType: *participants* is not Participant values.
        NoRuleInForce: *assume* does not publish what a year of the receipts leaves out.

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
    new, new_ids = check_new(receipts, earlier._ids(), submitted)
    people = earlier.participants if participants is None else to_participants(participants)
    check_participants(new, people)
    terms = Terms(
        earlier.policy if policy is None else check_policy(policy),
        earlier.assume if assume is None else to_fiscal_year(assume, "assume"),
    )
    return _assessed(earlier, claims_by_statement(new, submitted), terms, people, new_ids)


def _assessed(
    earlier: Ledger,
    claims: dict[Order, list[Claim]],
    terms: Terms,
    people: Participants | None,
    new_ids: frozenset[str],
) -> Ledger:
    """*earlier* with *claims* decided, and the statements other terms change decided again."""
    for order in (*_retermed(earlier, terms), *_reappointed(earlier, people)):
        claims.setdefault(order, [])  # other terms: the statement is assessed again
    decided = _decided(earlier.statements, claims, terms, people)
    statements = merged(earlier.statements, _order, decided)
    return Ledger(
        statements=statements,
        policy=terms.policy,
        assume=terms.assume,
        participants=people,
        _index=_IdIndex(statements, earlier._ids().with_ids(new_ids)),
    )


def _reappointed(earlier: Ledger, people: Participants | None) -> Iterator[Order]:
    """The statements of *earlier* whose participant has another term (or none) in *people*.

    Raises:
        InvalidInput: a participant of *earlier* is not among *people* (every one named).
    """
    before = earlier.participants
    if people is None or people is before or people == before:  # None: none given, nor before
        return
    statements = earlier.statements
    check_participants((d.receipt for s in statements for d in s.decisions), people)
    for statement in statements:
        who = statement.participant
        if (None if before is None else before.get(who)) != people.get(who):
            yield _order(statement)


def _retermed(earlier: Ledger, terms: Terms) -> Iterator[Order]:
    """The statements of *earlier* whose year has other terms under *terms* than it had."""
    if (terms.policy, terms.assume) == (earlier.policy, earlier.assume):
        return
    before = Terms(earlier.policy, earlier.assume)
    years = {statement.fiscal_year for statement in earlier.statements}
    changed = {year for year in years if before(year) != terms(year)}
    yield from (_order(s) for s in earlier.statements if s.fiscal_year in changed)


def _decided(
    statements: tuple[Statement, ...],
    claims: Mapping[Order, list[Claim]],
    terms: Terms,
    people: Participants | None,
) -> dict[Order, Statement]:
    """Each statement *claims* touch, decided again with the claims it already held."""
    reason = ReasonMemo()
    changed: dict[Order, Statement] = {}
    for (participant, number), items in claims.items():
        existing = _found(statements, (participant, number))
        if existing is not None:
            items.extend((d.receipt, d.submitted_on) for d in existing.decisions)
        year = FiscalYear(number)
        term = None if people is None else people[participant]
        changed[participant, number] = decide(
            participant, year, terms(year), items, reason, term=term
        )
    return changed
