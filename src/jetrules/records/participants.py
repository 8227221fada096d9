"""Reading participants (terms of appointment, organisations, claim documents) from a file.

One row (or JSON object) per participant; each column may also have its Japanese name:

================ ======== ==================================================================
column           needed   meaning
================ ======== ==================================================================
participant      yes      the participant's id, as receipts name them (参加者, 参加者ID...)
appointed_from   yes      the first day of the term of appointment (任用開始日, 任期開始日)
appointed_to     yes      the last day of the term, included (任用終了日, 任期終了日)
organisation     yes      the contracting organisation (任用団体, 契約団体, 所属団体)
application_form no       whether the application form was handed in (申請書): yes or no
receipts         no       whether the receipts were handed in (領収書)
bank_book_copy   no       whether a copy of the bank book's inside cover was (通帳の写し)
================ ======== ==================================================================

Cells are read by the shared vocabulary (:mod:`jetrules.records`): ``2023/4/20`` and
``2023年4月20日`` dates, はい/いいえ, full-width digits. A file without any document column
records no documents (what a claim lacks is then *not recorded*); once a file has a document
column, a blank cell in it reads as *no*. Every bad row is reported with its line (or sheet and
row, or ``participant N`` in JSON), the field and the value as typed, and a participant given
twice is a problem of the later row; nothing is returned unless the whole file is good.

>>> import io
>>> text = '''参加者,任用開始日,任用終了日,任用団体,通帳の写し
... P-01,2023/8/1,2024/7/31,佐賀県,はい
... P-02,2023/8/1,2023/7/31,佐賀県,
... '''
>>> read_participants(io.StringIO(text))
Traceback (most recent call last):
...
jetrules.errors.InvalidRecords: <input>: 1 problem
<input>: line 3: 'appointed_to' must not be before appointed_from (got '2023/7/31', appointed_from '2023/8/1')
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO

from jetrules.errors import InvalidInput, WrongType
from jetrules.records._json import cell_from_json, json_object, parse_json
from jetrules.records._problems import Problems
from jetrules.records._source import MAX_INPUT_BYTES, read_text, source_name
from jetrules.records._tabular import open_table, table_format
from jetrules.records._vocabulary import to_day, to_flag, to_name
from jetrules.records._words import COLUMN_NAMES
from jetrules.subsidy import ClaimDocument, Participant, Participants

__all__ = ["PARTICIPANT_COLUMNS", "PARTICIPANT_COLUMN_NAMES", "read_participants"]

_REQUIRED = ("participant", "appointed_from", "appointed_to", "organisation")
_DOCUMENTS = tuple(document.value for document in ClaimDocument)
PARTICIPANT_COLUMNS: tuple[str, ...] = (*_REQUIRED, *_DOCUMENTS)
"""The columns of a participants file, required ones first, then the claim documents."""

PARTICIPANT_COLUMN_NAMES: Mapping[str, tuple[str, ...]] = {
    column: COLUMN_NAMES[column] for column in PARTICIPANT_COLUMNS
}
"""The other names a participants file's columns may have (from the shared vocabulary)."""

Values = dict[str, str]
"""A row's cells by canonical column name."""


def _participant(position: str, values: Values, problems: Problems) -> Participant | None:
    """The participant of one row, or ``None`` with every problem of its fields recorded."""
    row = problems.of_record()
    who = row.read(position, values, "participant", to_name)
    start = row.read(position, values, "appointed_from", to_day)
    end = row.read(position, values, "appointed_to", to_day)
    organisation = row.read(position, values, "organisation", to_name)
    documents = _documents(position, values, row)
    if start is not None and end is not None and end < start:
        row.add(
            position,
            "'appointed_to' must not be before appointed_from "
            f"(got {values['appointed_to']!r}, appointed_from {values['appointed_from']!r})",
        )
    problems.extend(row)
    if row or who is None or start is None or end is None or organisation is None:
        return None
    return Participant(
        participant=who,
        appointed_from=start,
        appointed_to=end,
        organisation=organisation,
        documents=documents,
    )


def _documents(position: str, values: Values, row: Problems) -> list[ClaimDocument] | None:
    """The documents a row says were handed in; ``None`` when it has no document column."""
    given = [name for name in _DOCUMENTS if name in values]
    if not given:
        return None
    handed_in = []
    for name in given:
        given_in: bool | None = bool(values[name]) and row.read(position, values, name, to_flag)
        if given_in:
            handed_in.append(ClaimDocument(name))
    return handed_in


class _Reading:
    """The participants of a file's good rows, the ids seen so far, and every problem."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.first_seen: dict[str, str] = {}
        self.found: list[Participant] = []

    def add(self, position: str, values: Values) -> None:
        participant = _participant(position, values, self.problems)
        raw = values.get("participant", "")
        key = raw
        if key and key in self.first_seen:
            self.problems.add(
                position,
                f"'participant' must be given once in the file (got {raw!r}, "
                f"first on {self.first_seen[key]})",
            )
            return
        self.first_seen.setdefault(key, position)
        if participant is not None:
            self.found.append(participant)

    def result(self) -> Participants:
        self.problems.raise_if_any()
        return Participants(self.found)


def _read_table(
    source: str | Path | TextIO | BinaryIO,
    *,
    format: Literal["csv", "xlsx"],
    encoding: str,
    sheet: str | None,
    max_bytes: int,
) -> Participants:
    table = open_table(
        source,
        required=_REQUIRED,
        optional=_DOCUMENTS,
        format=format,
        encoding=encoding,
        sheet=sheet,
        max_bytes=max_bytes,
    )
    reading = _Reading(table.problems)
    for row in table:
        reading.add(row.position, row.values)
    return reading.result()


_JSON_KINDS: Mapping[str, Literal["text", "flag"]] = {
    **dict.fromkeys(_REQUIRED, "text"),
    **dict.fromkeys(_DOCUMENTS, "flag"),
}


def _read_json(source: str | Path | TextIO, *, encoding: str, max_bytes: int) -> Participants:
    name, text = read_text(source, encoding=encoding, max_bytes=max_bytes)
    problems = Problems(name)
    reading = _Reading(problems)
    data = parse_json(text, problems, expect=list, what="a JSON list of participant objects")
    for number, item in enumerate(data or (), start=1):
        position = f"participant {number}"
        found = json_object(item, position, problems, required=_REQUIRED, optional=_DOCUMENTS)
        values = None if found is None else _json_values(found, position, problems)
        if values is not None:
            reading.add(position, values)
    return reading.result()


def _json_values(found: Mapping[str, Any], position: str, problems: Problems) -> Values | None:
    values: Values = {}
    complete = True
    for key, value in found.items():
        try:
            values[key] = cell_from_json(value, key, kind=_JSON_KINDS[key]).strip()
        except WrongType as error:
            problems.add(position, str(error))
            complete = False
    return values if complete else None


def read_participants(
    source: str | Path | TextIO | BinaryIO,
    *,
    format: Literal["csv", "json", "xlsx"] | None = None,
    encoding: str = "utf-8",
    sheet: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Participants:
    """Every participant of a CSV, Excel or JSON file, by id.

    Args:
        source: a path, or an open stream (text for CSV and JSON, binary for a workbook).
        format: ``csv``, ``xlsx`` or ``json``; by default the file's suffix decides: JSON for
            ``.json``, a workbook for ``.xlsx`` and ``.xlsm``, CSV otherwise.
        encoding: the text encoding of a CSV or JSON file (``"cp932"`` for a Japanese Excel
            export); a workbook has none.
        sheet: the worksheet of a workbook to read; it may be left out when there is only one.
        max_bytes: the most the input may hold, as for every reader.

    Raises:
        InvalidRecords: listing every bad row with its position, field and value as typed;
            nothing is returned.
        InvalidInput: *format* is not one jetrules reads.
        MissingExtra: a workbook, and openpyxl (the ``excel`` extra) is not installed.
    """
    kind = format
    if kind is None:
        kind = "json" if source_name(source).lower().endswith(".json") else table_format(source)
    if kind == "json":
        return _read_json(source, encoding=encoding, max_bytes=max_bytes)  # type: ignore[arg-type]
    if kind in ("csv", "xlsx"):
        return _read_table(source, format=kind, encoding=encoding, sheet=sheet, max_bytes=max_bytes)
    raise InvalidInput.for_field("format", "must be 'csv', 'xlsx' or 'json'", format)
