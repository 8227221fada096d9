"""Files of rules read whole, bounded (private): a policy file, a holiday list.

Data files (receipts, threads, sessions) are read by :mod:`jetrules.records`, with its own limit;
a file of rules is small, and one given by mistake (``/dev/zero``, a disk image) is refused once
it passes the limit here instead of filling memory.
"""

from __future__ import annotations

import os

from jetrules.errors import InvalidRecords, RecordProblem

__all__ = ["MAX_RULES_FILE_BYTES", "read_rules_file"]

MAX_RULES_FILE_BYTES = 16 * 1024 * 1024
"""The most a file of rules may hold, 16 MiB (the Cabinet Office's list is about 20 kB)."""


def read_rules_file(path: str | os.PathLike[str], what: str) -> bytes:
    """The bytes of the file at *path*, *what* it is (``"a policy file"``), at most 16 MiB.

    Raises:
        InvalidRecords: the file holds more than :data:`MAX_RULES_FILE_BYTES` (read no further).
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    with open(name, "rb") as file:
        data = file.read(MAX_RULES_FILE_BYTES + 1)
    if len(data) > MAX_RULES_FILE_BYTES:
        message = f"is larger than 16 MiB, the most jetrules reads from {what}"
        raise InvalidRecords(name, [RecordProblem(position="file", message=message)])
    return data
