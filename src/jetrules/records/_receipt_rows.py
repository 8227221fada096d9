"""Receipts made from the cells of a file's records, each distinct cell read once (private).

:mod:`jetrules.records.receipts` reads files through this; a record is a mapping of field names
to cell texts, whatever the file kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container, Mapping
from decimal import Decimal
from typing import Any

import pendulum

from jetrules.calendar import FIRST_DAY, LAST_DAY
from jetrules.errors import InvalidInput
from jetrules.money import Yen
from jetrules.records._problems import Problems
from jetrules.records._vocabulary import MAX_AMOUNT, fold, to_day, to_flag, to_name, to_word, to_yen
from jetrules.records._words import CURRENCY_WORDS, PLACE_WORDS
from jetrules.subsidy import YEN, Place, Receipt, to_amount, to_rate_per_unit

__all__ = ["PROGRESS_EVERY", "Progress", "ReceiptReading", "line", "sheet_row"]

PROGRESS_EVERY = 1_000
"""How many receipts a reader reads between two calls of its ``progress`` callback."""

Progress = Callable[[int], None]
"""A reader's progress callback: called with the number of receipts read so far."""

_MEMO_SIZE = 1 << 17
"""The most cells one field remembers the reading of (a file repeats its dates, amounts, names)."""


def _service_day(raw: str, field: str) -> pendulum.Date:
    return to_day(raw, field, first=FIRST_DAY, last=LAST_DAY)


def _amount(raw: str, field: str) -> Yen:
    amount = to_yen(raw, field)
    if amount <= 0:
        raise InvalidInput.for_field(field, "must be more than ¥0", raw)
    return Yen(amount)


def _place(raw: str, field: str) -> Place:
    return Place(to_word(raw, field, PLACE_WORDS))


_CODE = re.compile(r"[a-z]{3}")
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def to_currency_code(raw: str, field: str = "currency") -> str:
    """*raw* as a currency code: ``USD``, ``usd``, ``ＵＳＤ``; yen also as 円, 日本円, yen.

    >>> to_currency_code("ｕｓｄ"), to_currency_code("円")
    ('USD', 'JPY')
    """
    folded = fold(raw)
    code = CURRENCY_WORDS.get(folded)
    if code is not None:
        return code
    if _CODE.fullmatch(folded) is None:
        raise InvalidInput.for_field(
            field, "must be a currency code of three letters such as USD or EUR", raw
        )
    return folded.upper()


def to_decimal(raw: str, field: str) -> Decimal:
    """*raw* as an exact decimal more than 0: ``100.00``, ``1,234.5``, full-width digits too.

    >>> to_decimal("１,２３４.５", "amount")
    Decimal('1234.5')
    """
    text = fold(raw).replace(",", "")
    if _DECIMAL.fullmatch(text) is None or not Decimal(text):
        raise InvalidInput.for_field(
            field, "must be a decimal number more than 0 such as 100.00 or 149.5", raw
        )
    check = to_rate_per_unit if field == "jpy_per_unit" else to_amount
    try:  # the bounds of the library's amounts and rates, the value as typed
        return check(Decimal(text), field)
    except InvalidInput as error:
        raise InvalidInput.for_field(field, str(error.rule), raw) from None


_READERS: tuple[tuple[str, Callable[[str, str], object], str], ...] = (
    # field, how its cell is read, the memo of its readings ("" for an id: each is read once)
    ("id", to_name, ""),
    ("participant", to_name, "names"),
    ("service_date", _service_day, "days"),
    ("amount", _amount, "amounts"),
    ("insured", to_flag, "flags"),
    ("mental_health_professional", to_flag, "flags"),
    ("place", _place, "places"),
    ("submitted_on", _service_day, "days"),
)


class ReceiptReading:
    """Turns records into receipts: each distinct cell read once, every problem recorded.

    A cell's reading is remembered by its text (a file repeats its dates, amounts, names and
    words), so most rows are only looked up; a row with a cell not seen before is read field by
    field, recording each problem. Then the row is checked whole: its arrival not before its
    service, its service not after the batch's arrival, its id new to the file.
    """

    def __init__(
        self,
        problems: Problems,
        *,
        submitted_on: pendulum.Date | None,
        submitted_on_name: str,
        progress: Progress | None,
        participants: Container[str] | None = None,
        participants_name: str = "the participants given",
    ) -> None:
        self.problems = problems
        self._known = participants
        self._known_name = participants_name
        self.receipts: list[Receipt] = []
        self.count = 0
        self.position: Callable[[int], str] = line
        self._arrival = submitted_on
        self._arrival_name = submitted_on_name
        self._progress = progress
        self._first: dict[str, int] = {}
        self._memos: dict[str, dict[str, Any]] = {name: {} for _, _, name in _READERS}
        self._names, self._days = self._memos["names"], self._memos["days"]
        self._amounts, self._flags = self._memos["amounts"], self._memos["flags"]
        self._places = self._memos["places"]

    def add(
        self, number: int, values: Mapping[str, str], *, unreadable: Collection[str] = ()
    ) -> None:
        """Read the receipt numbered *number* (its line, row or place in a list) from *values*.

        *values* holds the cell of every field the record gives, stripped; *unreadable* names
        the fields whose cell could not even be taken as text (their problems already
        recorded): the others are still read, for their problems, and no receipt is made.

        Nearly every record of a large file takes the first path: each of its cells was read
        before, so it is looked up, and the record passes the checks of :meth:`_checked`.
        """
        complete = not unreadable
        self.count += 1
        if self._progress is not None and not self.count % PROGRESS_EVERY:
            self._progress(self.count)
        days, flags, first = self._days, self._flags, self._first
        try:
            if values.get("currency") or values.get("jpy_per_unit"):
                raise KeyError("currency")  # read field by field (_paid_in)
            ident = values["id"]
            service = days[values["service_date"]]
            arrival_text = values.get("submitted_on")
            arrival = days[arrival_text] if arrival_text else None
            receipt = Receipt(
                id=ident,
                participant=self._names[values["participant"]],
                service_date=service,
                amount=self._amounts[values["amount"]],
                insured=flags[values["insured"]],
                mental_health_professional=flags[values["mental_health_professional"]],
                place=self._places[values["place"]],
                submitted_on=arrival,
            )
        except (KeyError, InvalidInput):  # a cell not read before; fields that disagree
            pass
        else:
            batch = self._arrival
            if (
                complete
                and ident.isascii()  # other ids are read by to_name (full-width forms folded)
                and ident.isprintable()
                and ident not in first
                and (arrival is not None or batch is None or service <= batch)
                and (self._known is None or receipt.participant in self._known)
            ):
                first[ident] = number
                self.receipts.append(receipt)
                return
        self._add_read(number, values, complete, unreadable)

    def _add_read(
        self, number: int, values: Mapping[str, str], complete: bool, unreadable: Collection[str]
    ) -> None:
        """:meth:`add`'s other path: the record read field by field, every problem recorded."""
        fields, complete = self._read(number, values, complete, unreadable)
        if not (self._checked(number, values, fields) and complete):
            return
        try:
            receipt = Receipt(**fields)
        except InvalidInput as error:  # an amount in another currency comes to under ¥1
            self.problems.add_error(self.position(number), error)
            return
        if receipt.amount.amount > MAX_AMOUNT:  # in another currency: yen are read bounded
            rule = (
                f"must come to at most ¥{MAX_AMOUNT:,}, the most a receipt holds "
                f"(at {receipt.jpy_per_unit} yen per {receipt.currency}: {receipt.amount})"
            )
            self._problem(number, "amount", rule, values["amount"])
            return
        self.receipts.append(receipt)

    def _read(
        self, number: int, values: Mapping[str, str], complete: bool, unreadable: Collection[str]
    ) -> tuple[dict[str, Any], bool]:
        """The fields of a record read cell by cell, and whether each could be read.

        Each reading is remembered, each problem recorded.
        """
        fields: dict[str, Any] = {}
        if "currency" in unreadable or "jpy_per_unit" in unreadable:
            in_currency, good = True, False  # nor can the amount be read, in an unknown currency
        else:
            in_currency, good = self._paid_in(number, values, fields)
        complete = complete and good
        for field, read, memo_name in _READERS:
            if field == "amount" and in_currency:
                continue  # read as an amount in the currency
            raw = values.get(field)
            if raw is None or (not raw and field == "submitted_on"):
                continue
            memo = self._memos[memo_name]
            value = memo.get(raw)
            if value is None:
                try:
                    value = read(raw, field)
                except InvalidInput as error:
                    self.problems.add_error(self.position(number), error)
                    complete = False
                    continue
                if memo_name and len(memo) < _MEMO_SIZE:
                    memo[raw] = value
            fields[field] = value
        return fields, complete

    def _paid_in(
        self, number: int, values: Mapping[str, str], fields: dict[str, Any]
    ) -> tuple[bool, bool]:
        """Read a row's currency, rate and (when not yen) amount into *fields*.

        Whether the amount is in another currency (read here, not as yen), and whether all
        read well (each problem recorded). No currency, or JPY (a rate of 1 allowed), is yen.
        """
        currency, rate = values.get("currency"), values.get("jpy_per_unit")
        if not currency and not rate:
            return False, True
        where = self.position(number)
        code = self.problems.read(where, values, "currency", to_currency_code) if currency else YEN
        per_unit = self.problems.read(where, values, "jpy_per_unit", to_decimal) if rate else None
        good = code is not None and not (rate and per_unit is None)
        good = good and not self._wrong_rate(number, str(code), per_unit, rate or "")
        if code == YEN:
            return False, good
        amount = self.problems.read(where, values, "amount", to_decimal)
        if good and amount is not None:
            fields.update(amount=str(amount), currency=code, jpy_per_unit=per_unit)
            return True, True
        return True, False

    def _wrong_rate(self, number: int, code: str, per_unit: Decimal | None, raw: str) -> bool:
        """Whether the rate (*raw* as typed) does not fit the currency (a problem recorded)."""
        if code == YEN and per_unit is not None and per_unit != 1:
            self._problem(number, "jpy_per_unit", "must be left out (or 1) for yen", raw)
            return True
        if code != YEN and per_unit is None:
            rule = (
                f"must be given for an amount in {code}: no source gives a rate, the rate is "
                "the caller's"
            )
            self._problem(number, "jpy_per_unit", rule, raw)
            return True
        return False

    def _checked(self, number: int, values: Mapping[str, str], fields: dict[str, Any]) -> bool:
        """Whether the record's fields agree with each other and its id is new to the file."""
        agree = True
        service = fields.get("service_date")
        arrival = fields.get("submitted_on")
        if arrival is not None and service is not None and arrival < service:
            rule = f"must not be before the service date ({service})"
            self._problem(number, "submitted_on", rule, values["submitted_on"])
            agree = False
        batch = self._arrival
        late = batch is not None and service is not None and service > batch
        if late and not values.get("submitted_on"):
            rule = (
                f"must not be after {batch}, the day the claim arrived "
                f"({self._arrival_name}), for a receipt without its own submitted_on"
            )
            self._problem(number, "service_date", rule, values["service_date"])
            agree = False
        who = fields.get("participant")
        if self._known is not None and who is not None and who not in self._known:
            rule = f"must be one of {self._known_name}: a participant without a term is not assumed"
            self._problem(number, "participant", rule, values["participant"])
            agree = False
        ident = fields.get("id")
        if ident is not None:
            first = self._first.setdefault(ident, number)
            if first != number:
                rule = f"must be unique in the file: {ident!r} is also on {self.position(first)}"
                self._problem(number, "id", rule, values["id"])
                agree = False
        return agree

    def _problem(self, number: int, field: str, rule: str, raw: str) -> None:
        self.problems.add_error(self.position(number), InvalidInput.for_field(field, rule, raw))

    def result(self) -> list[Receipt]:
        """The receipts, or every problem in file order."""
        self.problems.raise_if_any()
        return self.receipts


def line(number: int) -> str:
    """Where record *number* of a CSV file is: ``line 4``."""
    return f"line {number}"


def sheet_row(sheet: str) -> Callable[[int], str]:
    """Where each record of the worksheet *sheet* is: ``sheet Claims, row 4``."""

    def position(number: int) -> str:
        return f"sheet {sheet}, row {number}"

    return position
