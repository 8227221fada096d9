"""Reading counselling receipts from CSV and JSON, reporting every bad record at once.

Both formats have the same fields, one receipt per row or object:

- ``id``: the receipt's id, unique in the file;
- ``participant``: who paid;
- ``service_date``: the day of the counselling, such as ``2019-05-10``;
- ``amount``: what was paid, ``10000``, ``10,000`` or ``¥10,000``, more than ¥0;
- ``insured``: whether health insurance covered it, ``yes`` or ``no`` (or true / false);
- ``mental_health_professional``: whether a mental health professional provided it, ``yes``/``no``;
- ``place``: ``japan`` or ``abroad``;
- ``submitted_on`` (optional column or key): the day that receipt's claim reached the programme
  office, such as ``2019-04-05``. A blank cell (or a JSON ``null``) means not given; the
  ``submitted_on`` given to ``assess`` (``--submitted-on`` on the command line) then applies.

Every other field is required: a claims file states each fact rather than leaving it to a
default. Files are UTF-8 unless an ``encoding`` is given, such as ``"cp932"`` for a Japanese
Excel export.

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

from jetrules._kernel.dates import to_date
from jetrules.errors import InvalidInput
from jetrules.money import Yen
from jetrules.records._tabular import Problems, parse_json, read_csv, read_text
from jetrules.subsidy import Place, Receipt

__all__ = [
    "OPTIONAL_RECEIPT_FIELDS",
    "RECEIPT_FIELDS",
    "read_receipts",
    "read_receipts_csv",
    "read_receipts_json",
]

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

OPTIONAL_RECEIPT_FIELDS = ("submitted_on",)
"""The columns (CSV) or keys (JSON) a receipt may have: each may be left blank (or ``null``)."""

_ALL_FIELDS = (*RECEIPT_FIELDS, *OPTIONAL_RECEIPT_FIELDS)

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


def _date(field: str) -> Callable[[str], object]:
    def convert(raw: str) -> object:
        return to_date(raw, field)

    return convert


_CONVERTERS: dict[str, Callable[[str], object]] = {
    "id": _text("id"),
    "participant": _text("participant"),
    "service_date": _date("service_date"),
    "amount": _amount,
    "insured": _flag("insured"),
    "mental_health_professional": _flag("mental_health_professional"),
    "place": Place.parse,
    "submitted_on": _date("submitted_on"),
}


class _Reader:
    """Turns records into receipts, collecting every problem and checking ids are unique."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.receipts: list[Receipt] = []
        self._first_seen: dict[str, str] = {}

    def read(self, position: str, values: Mapping[str, str]) -> None:
        """Read the receipt with *values* (every required field; optional ones when given)."""
        given = [
            field
            for field in _ALL_FIELDS
            if field in RECEIPT_FIELDS or values.get(field, "").strip()
        ]
        fields = {}
        for field in given:
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
        if len(fields) == len(given):
            try:
                self.receipts.append(Receipt(**fields))  # type: ignore[arg-type]
            except InvalidInput as error:  # fields that disagree: arrived before the service
                self.problems.add(position, str(error))

    def result(self) -> list[Receipt]:
        """The receipts, or every problem in file order."""
        self.problems.raise_if_any()
        return self.receipts


def read_receipts_csv(source: str | Path | TextIO, *, encoding: str = "utf-8") -> list[Receipt]:
    """Every receipt of a CSV file, decoded with *encoding* (such as ``"cp932"``).

    The header names :data:`RECEIPT_FIELDS` and perhaps :data:`OPTIONAL_RECEIPT_FIELDS`.

    Raises:
        InvalidRecords: listing every bad row with its line number; nothing is returned. A file
            that is not text in *encoding* is one problem naming the encoding.
    """
    problems, rows = read_csv(
        source, required=RECEIPT_FIELDS, optional=OPTIONAL_RECEIPT_FIELDS, encoding=encoding
    )
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


def read_receipts_json(source: str | Path | TextIO, *, encoding: str = "utf-8") -> list[Receipt]:
    """Every receipt of a JSON file (a list of objects), decoded with *encoding*.

    Each object has the keys :data:`RECEIPT_FIELDS` and perhaps :data:`OPTIONAL_RECEIPT_FIELDS`.

    Amounts may be numbers or text, flags booleans or ``"yes"`` / ``"no"``. Positions in errors
    are ``receipt N``, counting from 1.

    Raises:
        InvalidRecords: listing every bad receipt; nothing is returned.
    """
    name, text = read_text(source, encoding=encoding)
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
    unknown = [key for key in item if key not in _ALL_FIELDS]
    if missing:
        reader.problems.add(position, f"missing key(s): {', '.join(missing)}")
    if unknown:
        reader.problems.add(position, f"unknown key(s): {', '.join(map(str, unknown))}")
    values = {}
    readable = not (missing or unknown)
    for key in _ALL_FIELDS:
        if key not in item or (item[key] is None and key in OPTIONAL_RECEIPT_FIELDS):
            continue
        text = _json_text(item[key])
        if text is None:
            readable = False
            reader.problems.add(
                position,
                str(InvalidInput.for_field(key, "must be text or a whole number", item[key])),
            )
        else:
            values[key] = text
    if readable:
        reader.read(position, values)


def read_receipts(
    source: str | Path | TextIO,
    *,
    format: Literal["csv", "json"] | None = None,
    encoding: str = "utf-8",
) -> list[Receipt]:
    """Every receipt of a CSV or JSON file, decoded with *encoding* (such as ``"cp932"``).

    *format* defaults to the file's suffix: JSON for ``.json``, CSV otherwise.
    """
    if format is None:
        name = str(source) if isinstance(source, str | Path) else getattr(source, "name", "")
        format = "json" if name.lower().endswith(".json") else "csv"
    if format == "json":
        return read_receipts_json(source, encoding=encoding)
    if format == "csv":
        return read_receipts_csv(source, encoding=encoding)
    raise InvalidInput.for_field("format", "must be 'csv' or 'json'", format)
