"""Reading counselling receipts from CSV and JSON, reporting every bad record at once.

Both formats have the same fields, one receipt per row or object:

- ``id``: the receipt's id, unique in the file;
- ``participant``: who paid;
- ``service_date``: the day of the counselling, such as ``2019-05-10``;
- ``amount``: what was paid, ``10000``, ``10,000`` or ``¥10,000``, more than ¥0;
- ``insured``: whether health insurance covered it, ``yes`` or ``no`` (or true / false);
- ``mental_health_professional``: whether a mental health professional provided it, ``yes``/``no``;
- ``place``: ``japan`` or ``abroad``.

Every field is required: a claims file states each fact rather than leaving it to a default.

>>> import io
>>> text = '''id,participant,service_date,amount,insured,mental_health_professional,place
... r1,P-001,2019-05-10,"¥10,000",no,yes,japan
... r1,P-001,2019-05-11,-500,maybe,yes,japan
... '''
>>> read_receipts_csv(io.StringIO(text))
Traceback (most recent call last):
...
jetrules.errors.InvalidRecords: <input>: 3 problems
<input>: line 3: 'amount' must be more than ¥0 (got '-500')
<input>: line 3: 'insured' must be yes or no (got 'maybe')
<input>: line 3: 'id' must be unique in the file: 'r1' is also on line 2 (got 'r1')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal, TextIO

from jetrules._dates import to_date
from jetrules.errors import InvalidInput
from jetrules.money import Yen
from jetrules.records._tabular import Problems, parse_json, read_csv, read_text
from jetrules.subsidy import Place, Receipt

__all__ = ["RECEIPT_FIELDS", "read_receipts", "read_receipts_csv", "read_receipts_json"]

RECEIPT_FIELDS = (
    "id",
    "participant",
    "service_date",
    "amount",
    "insured",
    "mental_health_professional",
    "place",
)
"""The columns (CSV) or keys (JSON) of a receipt, all required."""

_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


def _flag(field: str) -> Callable[[str], bool]:
    def convert(raw: str) -> bool:
        text = raw.strip().lower()
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise InvalidInput.for_field(field, "must be yes or no", raw)

    return convert


def _text(field: str) -> Callable[[str], str]:
    def convert(raw: str) -> str:
        if not raw.strip():
            raise InvalidInput.for_field(field, "must be non-empty text", raw)
        return raw.strip()

    return convert


def _amount(raw: str) -> Yen:
    if raw.strip().startswith("-"):
        raise InvalidInput.for_field("amount", "must be more than ¥0", raw)
    amount = Yen.parse(raw)
    if not amount:
        raise InvalidInput.for_field("amount", "must be more than ¥0", raw)
    return amount


def _service_date(raw: str) -> object:
    return to_date(raw, "service_date")


_CONVERTERS: dict[str, Callable[[str], object]] = {
    "id": _text("id"),
    "participant": _text("participant"),
    "service_date": _service_date,
    "amount": _amount,
    "insured": _flag("insured"),
    "mental_health_professional": _flag("mental_health_professional"),
    "place": Place.parse,
}


class _Reader:
    """Turns records into receipts, collecting every problem and checking ids are unique."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.receipts: list[Receipt] = []
        self._first_seen: dict[str, str] = {}

    def read(self, position: str, values: Mapping[str, str]) -> None:
        fields = {}
        for field in RECEIPT_FIELDS:
            converted = self.problems.convert(position, field, _CONVERTERS[field], values[field])
            if converted is not None:
                fields[field] = converted
        receipt_id = fields.get("id")
        if isinstance(receipt_id, str):
            if receipt_id in self._first_seen:
                rule = f"must be unique in the file: {receipt_id!r} is also on "
                rule += self._first_seen[receipt_id]
                self.problems.add(position, str(InvalidInput.for_field("id", rule, receipt_id)))
                return
            self._first_seen[receipt_id] = position
        if len(fields) == len(RECEIPT_FIELDS):
            self.receipts.append(Receipt(**fields))  # type: ignore[arg-type]

    def result(self) -> list[Receipt]:
        """The receipts, or every problem in file order."""
        self.problems.raise_if_any()
        return self.receipts


def read_receipts_csv(source: str | Path | TextIO) -> list[Receipt]:
    """Every receipt of a CSV file whose header names :data:`RECEIPT_FIELDS`.

    Raises:
        InvalidRecords: listing every bad row with its line number; nothing is returned.
    """
    problems, rows = read_csv(source, required=RECEIPT_FIELDS)
    reader = _Reader(problems)
    for row in rows:
        reader.read(row.position, row.values)
    return reader.result()


def _json_text(value: object) -> str | None:
    """A JSON value as the text a CSV cell would hold, or ``None`` for a value no field takes."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int):
        return str(value)
    return None


def read_receipts_json(source: str | Path | TextIO) -> list[Receipt]:
    """Every receipt of a JSON file holding a list of objects with the keys :data:`RECEIPT_FIELDS`.

    Amounts may be numbers or text, flags booleans or ``"yes"`` / ``"no"``. Positions in errors
    are ``receipt N``, counting from 1.

    Raises:
        InvalidRecords: listing every bad receipt; nothing is returned.
    """
    name, text = read_text(source)
    problems = Problems(name)
    reader = _Reader(problems)
    data = parse_json(text, problems)
    if data is not None and not isinstance(data, list):
        problems.add("line 1", "must be a JSON list of receipt objects")
    if not isinstance(data, list):
        data = []
    for number, item in enumerate(data, start=1):
        _read_json_item(reader, f"receipt {number}", item)
    return reader.result()


def _read_json_item(reader: _Reader, position: str, item: object) -> None:
    if not isinstance(item, dict):
        reader.problems.add(position, f"must be an object with {', '.join(RECEIPT_FIELDS)}")
        return
    missing = [key for key in RECEIPT_FIELDS if key not in item]
    unknown = [key for key in item if key not in RECEIPT_FIELDS]
    if missing:
        reader.problems.add(position, f"missing key(s): {', '.join(missing)}")
    if unknown:
        reader.problems.add(position, f"unknown key(s): {', '.join(map(str, unknown))}")
    values = {}
    for key in RECEIPT_FIELDS:
        if key in item:
            text = _json_text(item[key])
            if text is None:
                reader.problems.add(
                    position,
                    str(InvalidInput.for_field(key, "must be text or a whole number", item[key])),
                )
            else:
                values[key] = text
    if len(values) == len(RECEIPT_FIELDS) and not unknown:
        reader.read(position, values)


def read_receipts(
    source: str | Path | TextIO, *, format: Literal["csv", "json"] | None = None
) -> list[Receipt]:
    """Every receipt of a CSV or JSON file.

    *format* defaults to the file's suffix: JSON for ``.json``, CSV otherwise.
    """
    if format is None:
        name = str(source) if isinstance(source, str | Path) else getattr(source, "name", "")
        format = "json" if name.lower().endswith(".json") else "csv"
    if format == "json":
        return read_receipts_json(source)
    if format == "csv":
        return read_receipts_csv(source)
    raise InvalidInput.for_field("format", "must be 'csv' or 'json'", format)
