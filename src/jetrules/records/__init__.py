"""Reading claims, threads and sessions from files: the package's only I/O, at its edge.

Every reader checks every record and, if any is bad, raises :class:`~jetrules.errors.InvalidRecords`
listing each problem with its position; it never returns part of a file.
"""

from jetrules.records._tabular import Problems, read_csv
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
    "OPTIONAL_RECEIPT_FIELDS",
    "RECEIPT_FIELDS",
    "Problems",
    "read_csv",
    "read_receipts",
    "read_receipts_csv",
    "read_receipts_json",
    "read_sessions",
    "read_threads",
]
