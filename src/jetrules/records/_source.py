"""Getting an input's bytes and text: a size limit, the encoding, and messages that say what to do.

Every reader takes its input through here, so every file kind has the same limit and the same
words for an encoding it cannot decode.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from jetrules._kernel.output import text_codec
from jetrules.errors import InvalidRecords, RecordProblem, WrongType
from jetrules.records._problems import printable

__all__ = [
    "MAX_INPUT_BYTES",
    "Input",
    "open_lines",
    "read_bytes",
    "read_text",
    "source_name",
    "too_large",
]

MAX_INPUT_BYTES = 128 * 1024 * 1024
"""The most one input may hold, 128 MiB (a million receipts take about 60 MB as CSV).

A larger input is refused with a message before it is read further, so that an endless one
(``/dev/zero``, a runaway pipe) stops at the limit rather than when memory runs out. A caller
that means to read more passes its own ``max_bytes``.
"""

Input = str | Path | TextIO
"""What a reader reads: a path to a file, or an open text stream (already decoded)."""

OLD_EXCEL = b"\xd0\xcf\x11\xe0"
"""The start of every OLE2 file, such as an Excel 97-2003 workbook (``.xls``)."""
OLD_EXCEL_ADVICE = (
    "is an Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx) or as CSV"
)
_WORKBOOK = b"PK\x03\x04"  # the start of a ZIP archive, such as an Excel workbook (.xlsx)
_UTF_16 = (b"\xff\xfe", b"\xfe\xff")  # the byte-order marks of UTF-16 text (little, big endian)

_CHUNK = 1024 * 1024
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def source_name(source: str | Path | TextIO | BinaryIO) -> str:
    """The name messages give *source*: its path, the stream's name, or ``<input>``.

    >>> source_name("claims.csv"), source_name(object())  # type: ignore[arg-type]
    ('claims.csv', '<input>')
    """
    if isinstance(source, str | Path):
        return printable(str(source))
    name = getattr(source, "name", None)
    return printable(name) if isinstance(name, str) else "<input>"


def _size(count: int) -> str:
    if count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024):,} MiB"
    return f"{count:,} bytes"


def too_large(name: str, limit: int, *, position: str = "the file") -> InvalidRecords:
    """The error for an input over *limit* bytes: one problem, saying what to do."""
    message = (
        f"is larger than {_size(limit)}, the most jetrules reads from one input; "
        "split it into smaller files"
    )
    return InvalidRecords(name, [RecordProblem(position=position, message=message)])


def _read_limited(file: BinaryIO, name: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while chunk := file.read(min(_CHUNK, max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise too_large(name, max_bytes)
    return b"".join(chunks)


def _is_regular(file: BinaryIO, name: str, max_bytes: int) -> bool:
    """Whether *file* is a regular file (with a size), refusing one larger than *max_bytes*."""
    info = os.fstat(file.fileno())
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise too_large(name, max_bytes)
    return stat.S_ISREG(info.st_mode)


def read_bytes(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the file at *path*, refusing one over *max_bytes* without reading it whole.

    A regular file is measured first; a device or a pipe (which has no size) is read until
    *max_bytes* is passed, so ``/dev/zero`` stops there.

    Raises:
        InvalidRecords: the file is larger than *max_bytes* (one problem, ``the file``).
        OSError: the file cannot be read.
    """
    name = source_name(path)
    with Path(path).open("rb") as file:
        _is_regular(file, name, max_bytes)
        return _read_limited(file, name, max_bytes)


def _advice(codec: str) -> tuple[str, str]:
    if codec == "utf-8":
        return "UTF-8", (
            "a Japanese Excel CSV is usually cp932: give --encoding cp932 "
            '(encoding="cp932" in Python), or save the file as UTF-8'
        )
    return codec, "give the encoding the file was saved in"


def _reading(codec: str) -> str:
    """The codec to read with: a UTF-8 file may start with the byte-order mark Excel writes."""
    return "utf-8-sig" if codec == "utf-8" else codec


def _decode(name: str, data: bytes, codec: str) -> str:
    _check_not_a_workbook(name, data, codec)
    try:
        return data.decode(_reading(codec))
    except UnicodeDecodeError as error:
        line = len(_LINE_BREAK.findall(data, 0, error.start)) + 1
        label, advice = _advice(codec)
        message = (
            f"is not {label} text (byte {data[error.start]:#04x} at offset {error.start}); {advice}"
        )
        raise InvalidRecords(
            name, [RecordProblem(position=f"line {line}", message=message)]
        ) from None


def _check_not_a_workbook(name: str, start: bytes, codec: str) -> None:
    """Refuse a workbook by another name (*start*: its first bytes): no encoding would help.

    So is UTF-16 text read as another encoding: Excel's "Unicode Text" export, which also
    separates its cells with tabs (the advice on cp932 would not help either).
    """
    if start.startswith(OLD_EXCEL):
        message = OLD_EXCEL_ADVICE
    elif start.startswith(_WORKBOOK):
        message = (
            "is a ZIP archive, such as an Excel workbook, not text: name it .xlsx to read it "
            'as a workbook (format="xlsx" in Python)'
        )
    elif start.startswith(_UTF_16) and not codec.startswith("utf-16"):
        message = (
            'is UTF-16 text, such as Excel\'s "Unicode Text" export (its cells separated by '
            'tabs): save it as "CSV UTF-8 (Comma delimited)" or as an Excel workbook (.xlsx)'
        )
    else:
        return
    raise InvalidRecords(name, [RecordProblem(position="the file", message=message)])


def _read_stream(stream: TextIO, name: str, max_bytes: int) -> str:
    read = getattr(stream, "read", None)
    if not callable(read):
        raise _not_a_source(stream, type(stream).__name__)
    try:
        text = read(max_bytes + 1)
    except UnicodeDecodeError as error:
        _, advice = _advice("utf-8")
        message = f"is not UTF-8 text ({error.reason}); {advice}"
        raise InvalidRecords(name, [RecordProblem(position="the input", message=message)]) from None
    if not isinstance(text, str):
        raise _not_a_source(stream, "a binary stream: open the file in text mode, or pass its path")
    if len(text) > max_bytes:
        raise too_large(name, max_bytes, position="the input")
    return text


def _not_a_source(source: object, shown: str) -> WrongType:
    rule = "must be a path or an open text stream"
    return WrongType(f"'source' {rule} (got {shown})", field="source", rule=rule, value=source)


def read_text(
    source: Input, *, encoding: str = "utf-8", max_bytes: int = MAX_INPUT_BYTES
) -> tuple[str, str]:
    """The name and the whole text of *source*, a path to a file or an open text stream.

    A file is decoded with *encoding*: UTF-8 by default (a byte-order mark is dropped), or
    another, such as ``"cp932"`` for what Excel saves as Shift_JIS on a Japanese Windows. An open
    text stream is already decoded; *encoding* is only checked, and *max_bytes* counts its
    characters. The name is made safe to print (:func:`printable`).

    Raises:
        InvalidRecords: the file is not text in *encoding* (naming it, the line of the first bad
            byte, and ``--encoding cp932``), or it is larger than *max_bytes*.
        InvalidInput: *encoding* is no text encoding.
        OSError: the file cannot be read.
    """
    codec = text_codec(encoding)
    name = source_name(source)
    if isinstance(source, str | Path):
        return name, _decode(name, read_bytes(source, max_bytes=max_bytes), codec)
    return name, _read_stream(source, name, max_bytes)


def open_lines(
    source: Input, *, encoding: str = "utf-8", max_bytes: int = MAX_INPUT_BYTES
) -> tuple[str, Iterator[str]]:
    r"""The name of *source* and its lines with their endings, split at ``\r\n``, ``\n`` or ``\r``.

    A regular file is decoded as its lines are asked for, so that memory holds only what the
    caller keeps; any other input (a pipe, a device, an open text stream) is read whole first,
    up to *max_bytes*. The errors are those of :func:`read_text`; a file that is not text in
    *encoding* raises when the line holding the bad byte is reached (naming that line).
    """
    codec = text_codec(encoding)
    name = source_name(source)
    if not isinstance(source, str | Path):
        return name, iter(io.StringIO(_read_stream(source, name, max_bytes), newline=""))
    with contextlib.ExitStack() as stack:
        file = stack.enter_context(Path(source).open("rb"))
        if _is_regular(file, name, max_bytes):
            _check_not_a_workbook(name, file.read(len(OLD_EXCEL)), codec)
            file.seek(0)
            stack.pop_all()  # the lines close the file once they are read
            return name, _streamed(source, name, file, codec)
        text = _decode(name, _read_limited(file, name, max_bytes), codec)
    return name, iter(io.StringIO(text, newline=""))


def _streamed(path: str | Path, name: str, file: BinaryIO, codec: str) -> Iterator[str]:
    with io.TextIOWrapper(file, _reading(codec), newline="") as text:
        try:
            yield from text
        except UnicodeDecodeError as error:
            _decode(name, read_bytes(path), codec)  # raises, naming the line of the bad byte
            label, advice = _advice(codec)  # unless the file changed while it was read
            message = f"is not {label} text ({error.reason}); {advice}"
            raise InvalidRecords(
                name, [RecordProblem(position="the file", message=message)]
            ) from None
