"""Reading counselling receipts from CSV, Excel and JSON, reporting every bad record at once.

Every format has the same fields, one receipt per row or object:

- ``id``: the receipt's id, unique in the file;
- ``participant``: who paid;
- ``service_date``: the day of the counselling, such as ``2019-05-10`` or ``2019/5/10``;
- ``amount``: what was paid, ``10000``, ``10,000`` or ``¥10,000``, more than ¥0 and at most
  :data:`~jetrules.records.MAX_AMOUNT`;
- ``insured``: whether health insurance covered it, ``yes`` or ``no`` (はい / いいえ, true / false);
- ``mental_health_professional``: whether a mental health professional provided it, ``yes``/``no``;
- ``place``: ``japan`` or ``abroad`` (日本 / 海外);
- ``submitted_on`` (optional column or key): the day that receipt's claim reached the programme
  office, such as ``2019-04-05``. A blank cell (or a JSON ``null``) means not given; the
  ``submitted_on`` given to the reader or to ``assess`` (``--submitted-on`` on the command line)
  then applies.
- ``currency`` and ``jpy_per_unit`` (optional columns or keys): a receipt paid in another
  currency names it (``USD``, 通貨) and the caller's rate in yen per unit (``149.5``, 為替レート);
  its ``amount`` is then in that currency (``100.00``) and becomes whole yen rounded down. A
  blank currency (or ``JPY``, 円) is yen. A receipt in another currency without a rate is a
  problem of its row naming ``jpy_per_unit``: no source gives a rate. In JSON, give decimals
  as text (``"149.5"``): a float is refused.

Every other field is required: a claims file states each fact rather than leaving it to a
default. Cells are read by the shared vocabulary (``docs/files.md``): Japanese column headers,
``2023/4/20`` dates, はい/いいえ, full-width digits; digits that only look like digits, ids with
control characters, days the calendar does not know (before 1948-07-20, after 2150-12-31) are
refused on their line. Files are UTF-8 unless an ``encoding`` is given, such as ``"cp932"`` for a
Japanese Excel export; ``.xlsx`` workbooks need the ``excel`` extra.

>>> import io
>>> text = '''id,participant,service_date,amount,insured,mental_health_professional,place
... r1,P-001,2019-05-10,"¥10,000",no,yes,japan
... r1,P-001,2019/5/11,-500,maybe,はい,日本
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

from collections.abc import Container, Mapping
from pathlib import Path
from typing import BinaryIO, Literal, TextIO

import pendulum

from jetrules._kernel.dates import DateLike, to_date
from jetrules.errors import InvalidInput, WrongType
from jetrules.records._json import cell_from_json, json_object, parse_json
from jetrules.records._receipt_rows import PROGRESS_EVERY, Progress, ReceiptReading, sheet_row
from jetrules.records._source import MAX_INPUT_BYTES, source_name
from jetrules.records._tabular import Problems, no_sheet, open_table, read_text, table_format
from jetrules.subsidy import Receipt

__all__ = [
    "OPTIONAL_RECEIPT_FIELDS",
    "PROGRESS_EVERY",
    "RECEIPT_FIELDS",
    "Progress",
    "read_receipts",
    "read_receipts_csv",
    "read_receipts_json",
    "read_receipts_xlsx",
    "receipts_format",
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
"""The columns (CSV, Excel) or keys (JSON) of a receipt, all required."""

OPTIONAL_RECEIPT_FIELDS = ("submitted_on", "currency", "jpy_per_unit")
"""The columns (CSV, Excel) or keys (JSON) a receipt may have: each may be blank (or ``null``)."""

_JSON_KINDS: Mapping[str, Literal["text", "number", "flag"]] = {
    "id": "text",
    "participant": "text",
    "service_date": "text",
    "amount": "number",
    "insured": "flag",
    "mental_health_professional": "flag",
    "place": "text",
    "submitted_on": "text",
    "currency": "text",
    "jpy_per_unit": "number",
}


def _receipt_number(number: int) -> str:
    return f"receipt {number}"


def _arrival_day(submitted_on: DateLike | None) -> pendulum.Date | None:
    return None if submitted_on is None else to_date(submitted_on, "submitted_on")


def _read_table(
    source: str | Path | TextIO | BinaryIO,
    *,
    format: Literal["csv", "xlsx"] | None = None,
    encoding: str = "utf-8",
    sheet: str | None = None,
    submitted_on: DateLike | None = None,
    submitted_on_name: str = "submitted_on",
    progress: Progress | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    participants: Container[str] | None = None,
    participants_name: str = "the participants given",
) -> list[Receipt]:
    """Every receipt of a CSV file or a worksheet (see :func:`read_receipts`)."""
    table = open_table(
        source,
        required=RECEIPT_FIELDS,
        optional=OPTIONAL_RECEIPT_FIELDS,
        format=format,
        encoding=encoding,
        sheet=sheet,
        max_bytes=max_bytes,
    )
    reading = ReceiptReading(
        table.problems,
        submitted_on=_arrival_day(submitted_on),
        submitted_on_name=submitted_on_name,
        progress=progress,
        participants=participants,
        participants_name=participants_name,
    )
    sheet = None
    for row in table:
        if row.sheet is not None and row.sheet != sheet:  # a worksheet's: positions name it
            sheet = row.sheet
            reading.position = sheet_row(sheet)
        reading.add(row.line, row.values)
    return reading.result()


def read_receipts_csv(
    source: str | Path | TextIO,
    *,
    encoding: str = "utf-8",
    submitted_on: DateLike | None = None,
    progress: Progress | None = None,
) -> list[Receipt]:
    """Every receipt of a CSV file, decoded with *encoding* (such as ``"cp932"``).

    The header names :data:`RECEIPT_FIELDS` and perhaps :data:`OPTIONAL_RECEIPT_FIELDS`, in
    English or Japanese (``docs/files.md``). *submitted_on* and *progress* are as for
    :func:`read_receipts`.

    Raises:
        InvalidRecords: listing every bad row with its line number; nothing is returned. A file
            that is not text in *encoding* is one problem naming the encoding.
    """
    return _read_table(
        source, format="csv", encoding=encoding, submitted_on=submitted_on, progress=progress
    )


def read_receipts_xlsx(
    source: str | Path | BinaryIO,
    *,
    sheet: str | None = None,
    submitted_on: DateLike | None = None,
    progress: Progress | None = None,
) -> list[Receipt]:
    """Every receipt of a worksheet of an Excel workbook (``.xlsx``), with the CSV file's columns.

    *sheet* names the worksheet; it may be left out when the workbook has only one. Problems
    name the sheet and the row (``sheet Claims, row 4``).

    Raises:
        InvalidRecords: listing every bad row; nothing is returned.
        MissingExtra: openpyxl (the ``excel`` extra) is not installed.
    """
    return _read_table(
        source, format="xlsx", sheet=sheet, submitted_on=submitted_on, progress=progress
    )


def read_receipts_json(
    source: str | Path | TextIO,
    *,
    encoding: str = "utf-8",
    submitted_on: DateLike | None = None,
    submitted_on_name: str = "submitted_on",
    progress: Progress | None = None,
    participants: Container[str] | None = None,
    participants_name: str = "the participants given",
) -> list[Receipt]:
    """Every receipt of a JSON file (a list of objects), decoded with *encoding*.

    Each object has the keys :data:`RECEIPT_FIELDS` and perhaps :data:`OPTIONAL_RECEIPT_FIELDS`.
    Amounts may be whole numbers or text, flags ``true``/``false`` or text (``"yes"``, ``"はい"``);
    every other field is text (``true`` or ``12`` in an ``id`` is refused). A key given twice and
    a document that is not a list are refused. Positions in errors are ``receipt N``, counting
    from 1.

    Raises:
        InvalidRecords: listing every bad receipt; nothing is returned.
    """
    name, text = read_text(source, encoding=encoding)
    problems = Problems(name)
    reading = ReceiptReading(
        problems,
        submitted_on=_arrival_day(submitted_on),
        submitted_on_name=submitted_on_name,
        progress=progress,
        participants=participants,
        participants_name=participants_name,
    )
    reading.position = _receipt_number
    data = parse_json(text, problems, expect=list, what="a JSON list of receipt objects")
    for number, item in enumerate(data or (), start=1):
        _read_json_item(reading, number, item)
    return reading.result()


def _read_json_item(reading: ReceiptReading, number: int, item: object) -> None:
    position = _receipt_number(number)
    found = json_object(
        item,
        position,
        reading.problems,
        required=RECEIPT_FIELDS,
        optional=OPTIONAL_RECEIPT_FIELDS,
    )
    if found is None:
        return
    values: dict[str, str] = {}
    unreadable: list[str] = []
    for key, kind in _JSON_KINDS.items():
        value = found.get(key)
        if value is None and key in OPTIONAL_RECEIPT_FIELDS:
            continue
        try:
            values[key] = cell_from_json(value, key, kind=kind).strip()
        except WrongType as error:
            reading.problems.add(position, str(error))
            unreadable.append(key)
    reading.add(number, values, unreadable=unreadable)


def receipts_format(source: str | Path | TextIO | BinaryIO) -> Literal["csv", "json", "xlsx"]:
    """The kind of file :func:`read_receipts` takes *source* for, by its name (see there).

    >>> receipts_format("claims.JSON"), receipts_format("claims.xlsx"), receipts_format("c")
    ('json', 'xlsx', 'csv')
    """
    if source_name(source).lower().endswith(".json"):
        return "json"
    return table_format(source)


def read_receipts(
    source: str | Path | TextIO | BinaryIO,
    *,
    format: Literal["csv", "json", "xlsx"] | None = None,
    encoding: str = "utf-8",
    sheet: str | None = None,
    submitted_on: DateLike | None = None,
    submitted_on_name: str = "submitted_on",
    progress: Progress | None = None,
    participants: Container[str] | None = None,
    participants_name: str = "the participants given",
) -> list[Receipt]:
    """Every receipt of a CSV, Excel or JSON file, in file order.

    Args:
        source: a path, or an open stream (text for CSV and JSON, binary for a workbook).
        format: ``csv``, ``xlsx`` or ``json``; by default the file's suffix decides: JSON for
            ``.json``, a workbook for ``.xlsx`` and ``.xlsm``, CSV otherwise.
        encoding: the text encoding of a CSV or JSON file (``"cp932"`` for a Japanese Excel
            export); a workbook has none.
        sheet: the worksheet of a workbook to read; it may be left out when there is only one.
        submitted_on: the day the claim reached the programme office, for receipts without
            their own ``submitted_on``: a receipt of such a day's batch whose service date is
            later is a problem of its row (each such row is listed).
        submitted_on_name: how messages name *submitted_on* (``--submitted-on``).
        progress: called with the number of receipts read so far (every ``PROGRESS_EVERY``).
        participants: the participants the receipts may name (the ``Participants`` of
            :func:`read_participants`); a receipt of another is a problem of its row.
        participants_name: how messages name *participants* (the command names its file).

    Raises:
        InvalidRecords: listing every bad record with its position; nothing is returned.
        InvalidInput: *format* or *encoding* is not one jetrules reads; *sheet* for CSV or JSON.
        MissingExtra: a workbook, and openpyxl (the ``excel`` extra) is not installed.
    """
    kind = receipts_format(source) if format is None else format
    if kind == "json":
        no_sheet(sheet)
        return read_receipts_json(
            source,  # type: ignore[arg-type]
            encoding=encoding,
            submitted_on=submitted_on,
            submitted_on_name=submitted_on_name,
            progress=progress,
            participants=participants,
            participants_name=participants_name,
        )
    if kind in ("csv", "xlsx"):
        return _read_table(
            source,
            format=kind,
            encoding=encoding,
            sheet=sheet,
            submitted_on=submitted_on,
            submitted_on_name=submitted_on_name,
            progress=progress,
            participants=participants,
            participants_name=participants_name,
        )
    raise InvalidInput.for_field("format", "must be 'csv', 'xlsx' or 'json'", format)
