"""A header row read the same way for CSV and Excel: canonical names, and nothing ambiguous.

Each header cell is folded and looked up in the vocabulary (:data:`~jetrules.records._words.
HEADER_ALIASES`), so ``金額``, ``Amount`` and ``amount`` are one column. A column given twice
(under one name or two), a column without a name among named ones, a column the file kind does
not have and a required column that is missing are each a problem of the header, naming the
columns as the file names them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import final

from jetrules.records._problems import noun_for
from jetrules.records._vocabulary import fold
from jetrules.records._words import HEADER_ALIASES

__all__ = ["Columns", "canonical_header", "column_letter", "column_number", "match_header"]

_SEPARATORS = re.compile(r"[\s\-]+")


def canonical_header(text: str) -> str:
    """The column a header cell names: its canonical name, or its own folded text.

    >>> canonical_header("金額"), canonical_header(" Service Date "), canonical_header("参加者ＩＤ")
    ('amount', 'service_date', 'participant')
    """
    folded = fold(text)
    return HEADER_ALIASES.get(folded) or _SEPARATORS.sub("_", folded)


def column_number(index: int) -> str:
    """How a CSV file's column is named in a message: ``column 3`` for the third."""
    return f"column {index + 1}"


def column_letter(index: int) -> str:
    """How a worksheet's column is named in a message: ``column C`` for the third.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(702)
    ('column A', 'column Z', 'column AA', 'column AAA')
    """
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"column {letters}"


@final
class Columns:
    """The canonical names of a header's columns, and how to read a row's cells under them.

    Cells after the last named column belong to no column; they must be blank. *typed* holds
    the header as written of each column whose header is not its canonical name (``金額`` for
    ``amount``), for messages to name the column as the file does.
    """

    __slots__ = ("names", "typed", "width")

    def __init__(self, names: Sequence[str], typed: Mapping[str, str] | None = None) -> None:
        self.names = tuple(names)
        self.typed: Mapping[str, str] = {} if typed is None else typed
        self.width = len(self.names)

    def values(self, cells: Sequence[str]) -> dict[str, str]:
        """The row's cells by column name, stripped; columns the row lacks are empty."""
        values = dict(zip(self.names, map(str.strip, cells), strict=False))
        if len(cells) < self.width:
            for name in self.names[len(cells) :]:
                values[name] = ""
        return values

    def stray(self, cells: Sequence[str]) -> int | None:
        """The index of the first non-blank cell after the named columns, if any."""
        for index in range(self.width, len(cells)):
            if cells[index].strip():
                return index
        return None


def match_header(
    header: Sequence[str],
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    label: Callable[[int], str] = column_number,
) -> tuple[Columns | None, list[str]]:
    """The columns *header* names, or ``None`` and every problem of the header.

    *label* names a column by its index in messages (:func:`column_number` for CSV,
    :func:`column_letter` for a worksheet).
    """
    cells = [cell.strip() for cell in header]
    while cells and not cells[-1]:
        cells.pop()
    names = [canonical_header(cell) for cell in cells]
    allowed = (*required, *optional)
    problems = []
    missing = [column for column in required if column not in names]
    unknown = [
        cell for cell, name in zip(cells, names, strict=True) if cell and name not in allowed
    ]
    if missing:
        problems.append(f"missing {noun_for('column', missing)}: {', '.join(missing)}")
    if unknown:
        problems.append(
            f"unknown {noun_for('column', set(unknown))}: {', '.join(dict.fromkeys(unknown))}; "
            f"expected {', '.join(allowed)}"
        )
    first: dict[str, int] = {}
    for index, (cell, name) in enumerate(zip(cells, names, strict=True)):
        if not cell:
            problems.append(f"{label(index)} has no header; name every column that holds data")
        elif name in first:
            earlier = first[name]
            problems.append(
                f"{label(index)} ({cell!r}) is the same column as {label(earlier)} "
                f"({cells[earlier]!r}); give each column once"
            )
        else:
            first[name] = index
    if problems:
        return None, problems
    typed = {name: cell for cell, name in zip(cells, names, strict=True) if cell != name}
    return Columns(names, typed), problems
