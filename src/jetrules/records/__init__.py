"""Reading claims, threads and sessions from files: the package's only I/O, at its edge.

Every reader checks every record and, if any is bad, raises :class:`~jetrules.errors.InvalidRecords`
listing each problem with its position; it never returns part of a file. CSV files, Excel
workbooks (with the ``excel`` extra) and JSON documents are read through one vocabulary
(``docs/files.md``): Japanese column headers, ``2023/4/20`` dates, はい/いいえ, full-width digits.
"""

from jetrules.records._excel import MissingExtra, read_xlsx
from jetrules.records._source import MAX_INPUT_BYTES
from jetrules.records._tabular import Problems, read_csv, read_table
from jetrules.records._vocabulary import (
    MAX_AMOUNT,
    fold,
    to_day,
    to_flag,
    to_moment,
    to_name,
    to_whole,
    to_word,
    to_yen,
)
from jetrules.records._words import (
    COLUMN_NAMES,
    FLAG_WORDS,
    LANGUAGE_WORDS,
    PLACE_WORDS,
    STATUS_WORDS,
)
from jetrules.records.participants import (
    PARTICIPANT_COLUMN_NAMES,
    PARTICIPANT_COLUMNS,
    read_participants,
)
from jetrules.records.receipts import (
    OPTIONAL_RECEIPT_FIELDS,
    RECEIPT_FIELDS,
    read_receipts,
    read_receipts_csv,
    read_receipts_json,
)
from jetrules.records.sessions import read_sessions
from jetrules.records.threads import read_threads

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
