"""Reading claims, threads and sessions from files: the package's only I/O, at its edge.

Every reader checks every record and, if any is bad, raises :class:`~jetrules.errors.InvalidRecords`
listing each problem with its position; it never returns part of a file. CSV files, Excel
workbooks (with the ``excel`` extra) and JSON documents are read through one vocabulary
(``docs/files.md``): Japanese column headers, ``2023/4/20`` dates, はい/いいえ, full-width digits.
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jetrules.records._excel import MissingExtra as MissingExtra
    from jetrules.records._excel import read_xlsx as read_xlsx
    from jetrules.records._fast_receipts import read_receipt_rows as read_receipt_rows
    from jetrules.records._source import MAX_INPUT_BYTES as MAX_INPUT_BYTES
    from jetrules.records._tabular import Problems as Problems
    from jetrules.records._tabular import read_csv as read_csv
    from jetrules.records._tabular import read_table as read_table
    from jetrules.records._vocabulary import MAX_AMOUNT as MAX_AMOUNT
    from jetrules.records._vocabulary import fold as fold
    from jetrules.records._vocabulary import to_day as to_day
    from jetrules.records._vocabulary import to_flag as to_flag
    from jetrules.records._vocabulary import to_moment as to_moment
    from jetrules.records._vocabulary import to_name as to_name
    from jetrules.records._vocabulary import to_whole as to_whole
    from jetrules.records._vocabulary import to_word as to_word
    from jetrules.records._vocabulary import to_yen as to_yen
    from jetrules.records._words import COLUMN_NAMES as COLUMN_NAMES
    from jetrules.records._words import FLAG_WORDS as FLAG_WORDS
    from jetrules.records._words import LANGUAGE_WORDS as LANGUAGE_WORDS
    from jetrules.records._words import PLACE_WORDS as PLACE_WORDS
    from jetrules.records._words import STATUS_WORDS as STATUS_WORDS
    from jetrules.records.participants import PARTICIPANT_COLUMN_NAMES as PARTICIPANT_COLUMN_NAMES
    from jetrules.records.participants import PARTICIPANT_COLUMNS as PARTICIPANT_COLUMNS
    from jetrules.records.participants import read_participants as read_participants
    from jetrules.records.receipts import OPTIONAL_RECEIPT_FIELDS as OPTIONAL_RECEIPT_FIELDS
    from jetrules.records.receipts import RECEIPT_FIELDS as RECEIPT_FIELDS
    from jetrules.records.receipts import read_receipts as read_receipts
    from jetrules.records.receipts import read_receipts_csv as read_receipts_csv
    from jetrules.records.receipts import read_receipts_json as read_receipts_json
    from jetrules.records.sessions import read_sessions as read_sessions
    from jetrules.records.threads import read_threads as read_threads

_NAMES = {
    "COLUMN_NAMES": "jetrules.records._words",
    "FLAG_WORDS": "jetrules.records._words",
    "LANGUAGE_WORDS": "jetrules.records._words",
    "MAX_AMOUNT": "jetrules.records._vocabulary",
    "MAX_INPUT_BYTES": "jetrules.records._source",
    "MissingExtra": "jetrules.records._excel",
    "OPTIONAL_RECEIPT_FIELDS": "jetrules.records.receipts",
    "PARTICIPANT_COLUMNS": "jetrules.records.participants",
    "PARTICIPANT_COLUMN_NAMES": "jetrules.records.participants",
    "PLACE_WORDS": "jetrules.records._words",
    "Problems": "jetrules.records._tabular",
    "RECEIPT_FIELDS": "jetrules.records.receipts",
    "STATUS_WORDS": "jetrules.records._words",
    "fold": "jetrules.records._vocabulary",
    "read_csv": "jetrules.records._tabular",
    "read_participants": "jetrules.records.participants",
    "read_receipt_rows": "jetrules.records._fast_receipts",
    "read_receipts": "jetrules.records.receipts",
    "read_receipts_csv": "jetrules.records.receipts",
    "read_receipts_json": "jetrules.records.receipts",
    "read_sessions": "jetrules.records.sessions",
    "read_table": "jetrules.records._tabular",
    "read_threads": "jetrules.records.threads",
    "read_xlsx": "jetrules.records._excel",
    "to_day": "jetrules.records._vocabulary",
    "to_flag": "jetrules.records._vocabulary",
    "to_moment": "jetrules.records._vocabulary",
    "to_name": "jetrules.records._vocabulary",
    "to_whole": "jetrules.records._vocabulary",
    "to_word": "jetrules.records._vocabulary",
    "to_yen": "jetrules.records._vocabulary",
}
"""What the package offers, each imported from its module on first use: a command that reads
receipts does not import the readers of threads and sessions (nor their rule families)."""


def __getattr__(name: str) -> object:
    """Import the module that holds *name* on first use (see ``_NAMES``)."""
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'jetrules.records' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    """What the package offers (``__all__``), and its private names."""
    return sorted({*__all__, *(name for name in globals() if name.startswith("_"))})


__all__ = [
    "COLUMN_NAMES",
    "FLAG_WORDS",
    "LANGUAGE_WORDS",
    "MAX_AMOUNT",
    "MAX_INPUT_BYTES",
    "OPTIONAL_RECEIPT_FIELDS",
    "PARTICIPANT_COLUMNS",
    "PARTICIPANT_COLUMN_NAMES",
    "PLACE_WORDS",
    "RECEIPT_FIELDS",
    "STATUS_WORDS",
    "MissingExtra",
    "Problems",
    "fold",
    "read_csv",
    "read_participants",
    "read_receipt_rows",
    "read_receipts",
    "read_receipts_csv",
    "read_receipts_json",
    "read_sessions",
    "read_table",
    "read_threads",
    "read_xlsx",
    "to_day",
    "to_flag",
    "to_moment",
    "to_name",
    "to_whole",
    "to_word",
    "to_yen",
]
