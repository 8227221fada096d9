"""Plain-text tables, CSV and JSON for the command line (private: ``cli`` is its face)."""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TextIO

__all__ = ["display_width", "format_table", "write_csv", "write_json"]

Row = Sequence[object]


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal: wide (Japanese) characters take two.

    >>> display_width("FY2019"), display_width("2019年度")
    (6, 8)
    """
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


def write_csv(out: TextIO, headers: Sequence[str], rows: Sequence[Row]) -> None:
    """Write *rows* as CSV with a header line.

    Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``)
    gets a leading ``'``, as OWASP advises for CSV meant to be opened in one; numbers are kept.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([[_csv_cell(v) for v in row] for row in rows])


def write_json(out: TextIO, data: object) -> None:
    """Write *data* as indented JSON, Japanese kept readable, and a final newline."""
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def jsonable(record: Mapping[str, object]) -> dict[str, object]:
    """A copy of *record* whose values JSON can hold (dates and yen as text)."""
    return {
        k: v if v is None or isinstance(v, bool | int | str) else str(v) for k, v in record.items()
    }
