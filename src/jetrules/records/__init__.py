"""Reading claims, threads and sessions from files: the package's only I/O, at its edge.

Every reader checks every record and, if any is bad, raises :class:`~jetrules.errors.InvalidRecords`
listing each problem with its position; it never returns part of a file.
"""

from jetrules.records._tabular import Problems, read_csv
from jetrules.records.threads import read_threads

__all__ = ["Problems", "read_csv", "read_threads"]
