r"""Plain-text tables, CSV and JSON for the command line (private: ``cli`` is its face).

Output goes to streams that may not be UTF-8: a Japanese Windows console or a file Excel opens is
CP932, a bare terminal may be ASCII. :func:`safe_output` makes a stream write what its encoding
cannot hold instead of raising, and :func:`encoded_output` writes in an encoding the caller
chooses, such as ``utf-8-sig`` (UTF-8 with the byte-order mark Excel looks for) or ``cp932``.
What an encoding cannot hold is written this way (:data:`FALLBACK`):

- the yen sign ``¥`` as the full-width ``￥`` where the encoding has it (CP932, Shift_JIS, EUC-JP
  have it; CP932 has no ``¥``), otherwise as ``JPY `` (``¥30,000`` becomes ``JPY 30,000``);
- any other character as a Python escape, ``\u5e74`` for ``年``.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import io
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TextIO

from jetrules.errors import InvalidInput, WrongType

__all__ = [
    "FALLBACK",
    "csv_field",
    "csv_line",
    "csv_quoted",
    "display_width",
    "encoded_output",
    "format_table",
    "printable",
    "safe_output",
    "text_codec",
    "write_csv",
    "write_csv_lines",
    "write_json",
]

FALLBACK = "jetrules.fallback"
"""The name of the codec error handler :func:`safe_output` and :func:`encoded_output` set."""

Row = Sequence[object]


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal: wide (Japanese) characters take two.

    >>> display_width("FY2019"), display_width("2019年度")
    (6, 8)
    """
    if text.isascii():  # nearly every cell of a table: each character is one column
        return len(text)
    return _wide_width(text)


@functools.lru_cache(maxsize=4096)
def _wide_width(text: str) -> int:
    # Memoised: a table repeats its amounts (¥7,001), names and dates.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def format_table(headers: Sequence[str], rows: Sequence[Row]) -> str:
    """A table with a header rule; numbers (and yen) align right.

    >>> print(format_table(["day", "fiscal year"], [["2020-03-31", "FY2019"]]))
    day         fiscal year
    ----------  -----------
    2020-03-31  FY2019
    """
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in cells:
        for i, text in enumerate(row):
            widths[i] = max(widths[i], display_width(text))
    right = [bool(rows) and all(_is_number(row[i]) for row in rows) for i in range(len(headers))]

    def line(texts: Sequence[str]) -> str:
        parts = []
        for i, text in enumerate(texts):
            pad = " " * (widths[i] - display_width(text))
            parts.append(pad + text if right[i] else text + pad)
        return "  ".join(parts).rstrip()

    return "\n".join(
        [line(list(headers)), line(["-" * w for w in widths]), *(line(row) for row in cells)]
    )


def _is_number(value: object) -> bool:
    text = _cell(value)
    return bool(text) and text.lstrip("¥-").replace(",", "").isdigit()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> str:
    """The cell's text, with a ``'`` before text a spreadsheet would run as a formula.

    >>> _csv_cell("=HYPERLINK(1)"), _csv_cell(-5), _csv_cell("A-1")
    ("'=HYPERLINK(1)", '-5', 'A-1')
    """
    text = _cell(value)
    if text.startswith(_FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def csv_quoted(text: str) -> str:
    """*text* as one field of a CSV line, quoted as :mod:`csv` quotes it (minimal quoting).

    >>> csv_quoted("a"), csv_quoted("¥3,500"), csv_quoted('a "b" c')
    ('a', '"¥3,500"', '"a ""b"" c"')
    """
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def csv_field(value: object) -> str:
    """*value* as one field of a CSV line, guarded as :func:`write_csv` guards it, then quoted.

    >>> csv_field(None), csv_field(3500), csv_field("=1+1"), csv_field("¥3,500")
    ('', '3500', "'=1+1", '"¥3,500"')
    """
    return csv_quoted(_csv_cell(value))


def csv_line(values: Iterable[object]) -> str:
    r"""One line of CSV, with its newline: the fields :func:`csv_field` makes, comma-separated.

    The same text :mod:`csv` writes for the guarded cells (a lone empty field is quoted, so
    the line is not taken for a blank one).

    >>> csv_line(["r1", 2019, None, "a,b"])
    'r1,2019,,"a,b"\n'
    """
    return _joined([csv_field(value) for value in values])


def _joined(fields: list[str]) -> str:
    return ('""' if fields == [""] else ",".join(fields)) + "\n"


def write_csv(
    out: TextIO, headers: Sequence[str], rows: Iterable[Row], *, encoding: str | None = None
) -> None:
    """Write *rows* as CSV with a header line, in *encoding* when one is given.

    Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``)
    gets a leading ``'``, as OWASP advises for CSV meant to be opened in one; numbers are kept.
    With *encoding* (``"utf-8-sig"`` for Excel, ``"cp932"``), the bytes under *out* are written
    in it, as :func:`encoded_output` does; without one, *out* is written to as it is (a command
    makes its standard output safe once, with :func:`safe_output`). *rows* may be any iterable:
    each row is written as it is taken.
    """
    if encoding is None:
        write_csv_lines(out, headers, map(csv_line, rows))
        return
    with encoded_output(out, encoding) as stream:
        write_csv_lines(stream, headers, map(csv_line, rows))


def write_csv_lines(out: TextIO, headers: Sequence[str], lines: Iterable[str]) -> None:
    """Write a header line of *headers*, then *lines* (made by :func:`csv_line` or alike)."""
    out.write(_joined([csv_quoted(header) for header in headers]))
    out.writelines(lines)


def write_json(out: TextIO, data: object) -> None:
    """Write *data* as indented JSON, Japanese kept readable, and a final newline."""
    import json  # noqa: PLC0415  (loaded on first use: most runs write no JSON)

    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def jsonable(record: Mapping[str, object]) -> dict[str, object]:
    """A copy of *record* whose values JSON can hold (dates and yen as text)."""
    return {
        k: v if v is None or isinstance(v, bool | int | str) else str(v) for k, v in record.items()
    }


def text_codec(encoding: str, field: str = "encoding") -> str:
    """The codec's canonical name (``"cp932"``, ``"utf-8"``), refusing what is no text encoding.

    >>> text_codec("Shift_JIS"), text_codec("UTF8")
    ('shift_jis', 'utf-8')
    """
    if not isinstance(encoding, str):
        raise WrongType.for_field(field, "must be the name of a text encoding", encoding)
    try:
        name = codecs.lookup(encoding).name
        str(b"a", name, "replace")  # refuses codecs that are not bytes to text, such as rot13
    except LookupError:
        raise InvalidInput.for_field(
            field, "must be a text encoding, such as utf-8 or cp932", encoding
        ) from None
    return name


@functools.lru_cache(maxsize=32)
def _yen_in(encoding: str) -> str:
    """How *encoding* writes the yen sign it cannot hold: ``￥`` if it has that, else ``JPY ``."""
    try:
        "￥".encode(encoding)
    except UnicodeEncodeError:
        return "JPY "
    return "￥"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler :data:`FALLBACK`: a yen sign written as yen, the rest escaped."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    yen = _yen_in(error.encoding)
    return "".join(
        yen if char in "¥￥" else char.encode("unicode_escape").decode("ascii") for char in text
    ), error.end


def _register() -> None:
    codecs.register_error(FALLBACK, _fallback)


def safe_output(out: TextIO) -> TextIO:
    r"""*out*, set to write what its encoding cannot hold as :data:`FALLBACK` says, not to raise.

    A stream that can be reconfigured (``sys.stdout``, ``sys.stderr``, any ``TextIOWrapper``) is
    changed in place; another stream is returned as it is. A command calls this once on its
    standard output and error before writing.

    >>> import io
    >>> ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    >>> print("¥30,000 年度", file=safe_output(ascii_out), end="")
    >>> ascii_out.flush(); ascii_out.buffer.getvalue()
    b'JPY 30,000 \\u5e74\\u5ea6'
    """
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:
        _register()
        reconfigure(errors=FALLBACK)
    return out


@contextlib.contextmanager
def encoded_output(out: TextIO, encoding: str | None = None) -> Iterator[TextIO]:
    """A text stream that writes to the bytes under *out* in *encoding*, for one document.

    With no *encoding*, *out* itself, made safe (:func:`safe_output`). With one, such as
    ``"utf-8-sig"`` (UTF-8 with a byte-order mark, which Excel needs to read Japanese) or
    ``"cp932"``, a new text stream over ``out.buffer``, flushed and detached (never closing
    *out*) at the end; a character the encoding cannot hold is written as :data:`FALLBACK`
    says. A stream without bytes under it (``io.StringIO``) takes the text as it is.

    >>> import io
    >>> out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    >>> with encoded_output(out, "cp932") as stream:
    ...     print("¥1,000", file=stream, end="")
    >>> out.buffer.getvalue().decode("cp932")
    '￥1,000'

    Raises:
        InvalidInput: *encoding* is no text encoding.
    """
    if encoding is None:
        yield safe_output(out)
        return
    text_codec(encoding, "output encoding")
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        yield out
        return
    out.flush()
    _register()
    stream = io.TextIOWrapper(buffer, encoding=encoding, errors=FALLBACK)
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()


def printable(text: str) -> str:
    r"""*text* with control and invisible format characters written as escapes, for a message.

    A file name may hold an escape sequence or a right-to-left mark; printed raw, it would rewrite
    the terminal or the order of what follows it.

    >>> printable("claims\x1b[2J.csv"), printable("領収書.csv")
    ('claims\\x1b[2J.csv', '領収書.csv')
    """
    if text.isprintable():
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp")
        else char
        for char in text
    )
