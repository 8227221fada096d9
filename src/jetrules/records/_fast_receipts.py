"""A CSV file of receipts read as plain rows, a column at a time, for the command (private).

:func:`read_receipt_rows` reads what :func:`~jetrules.records.read_receipts` reads, by the same
header rules and the same readers of each cell, but keeps each receipt as a
:data:`~jetrules.subsidy.ReceiptRow` (the input of ``csv_lines_of_rows``) and does the work a
column at a time: rows come from the ``csv`` module in blocks, each column's distinct cells are
read once (a dict that reads a cell on its first lookup), and a block's rows are made by
``zip`` and ``map`` at C speed. It takes the files a programme office usually has, receipts in
yen without a problem; for any other file it gives None, and the reader of every file reads it
and reports each problem (a bad cell, a blank row, a foreign currency, an id of other
characters): whatever it gives, ``read_receipts`` gives the same receipts.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable, Sequence
from itertools import compress, islice
from operator import not_
from pathlib import Path
from typing import Final, TypeVar, final

import pendulum

from jetrules.calendar import FIRST_DAY, LAST_DAY, FiscalYear
from jetrules.errors import JetRulesError
from jetrules.records._receipt_rows import PROGRESS_EVERY, Progress
from jetrules.records._tabular import open_cells
from jetrules.records._vocabulary import to_day, to_flag, to_name, to_word, to_yen
from jetrules.records._words import PLACE_WORDS
from jetrules.records.receipts import RECEIPT_FIELDS, receipts_format
from jetrules.subsidy import ReceiptRow, ReceiptRows

__all__ = ["BLOCK", "read_receipt_rows"]

BLOCK: Final = PROGRESS_EVERY
"""How many rows are read and made at a time, between two calls of ``progress``: as often as
``read_receipts`` calls it (blocks of 1,000 rows cost no more time than larger ones)."""

_IN_YEN_ONLY: Final = ("currency", "jpy_per_unit")
"""Optional columns this reader takes only blank: a receipt in another currency is read by the
reader of every file."""


T = TypeVar("T")

_MEMO_SIZE: Final = 1 << 17
"""The most cells of a column whose readings are kept (as ``read_receipts`` keeps them)."""


class _Other(Exception):
    """The file holds something only the reader of every file reads (and reports)."""


@final
class _Readings(dict[str, T]):
    """The reading of each distinct cell of a column, made by *read* on first lookup.

    A cell that *read* refuses raises :class:`_Other`; so does a blank one, unless *blank* is
    given: what a blank cell reads.
    """

    def __init__(self, read: Callable[[str], T], blank: T | None = None) -> None:
        super().__init__()
        self.read = read
        self.blank = blank

    def __missing__(self, cell: str) -> T:
        text = cell.strip()
        if not text:
            if self.blank is None:
                raise _Other
            self[cell] = self.blank
            return self.blank
        try:
            value = self.read(text)
        except JetRulesError:
            raise _Other from None
        if len(self) < _MEMO_SIZE:  # a column of distinct cells (ids, names) is not all kept
            self[cell] = value
        return value


def _day(text: str) -> pendulum.Date:
    return to_day(text, "service_date", first=FIRST_DAY, last=LAST_DAY)


def _amount(text: str) -> int:
    amount = to_yen(text, "amount")
    if amount <= 0:
        raise _Other
    return amount


@final
class _Columns:
    """The readings of one file's columns, shared by its blocks."""

    def __init__(self, submitted_on: pendulum.Date | None) -> None:
        self.names = _Readings(lambda text: to_name(text, "participant"))
        self.years = _Readings(lambda text: FiscalYear.of(_day(text)).year)
        self.days = _Readings(lambda text: _day(text).isoformat())
        self.amounts = _Readings(_amount)
        self.flags = _Readings(lambda text: to_flag(text, "insured"))
        self.places = _Readings(lambda text: to_word(text, "place", PLACE_WORDS))
        self.arrivals = _Readings(lambda text: _day(text).isoformat(), blank="")
        self.batch = "" if submitted_on is None else submitted_on.isoformat()
        self.ids: set[str] = set()
        self.count = 0

    def rows(self, block: list[list[str]], at: dict[str, int]) -> list[ReceiptRow]:
        """The receipts of *block* (each row of the header's width), as rows."""
        cells = list(zip(*block, strict=True))
        for name in _IN_YEN_ONLY:
            if name in at and any(map(str.strip, cells[at[name]])):
                raise _Other
        ids = list(map(str.strip, cells[at["id"]]))
        every = "".join(ids)  # ids the reader of every file keeps as they are: ASCII, printable
        if not (every.isascii() and every.isprintable()):
            raise _Other
        self.ids.update(ids)
        self.count += len(ids)
        days = list(map(self.days.__getitem__, cells[at["service_date"]]))
        flags = self.flags.__getitem__
        return list(
            zip(
                map(self.names.__getitem__, cells[at["participant"]]),
                map(self.years.__getitem__, cells[at["service_date"]]),
                days,
                ids,
                map(self.amounts.__getitem__, cells[at["amount"]]),
                map(flags, cells[at["insured"]]),
                map(flags, cells[at["mental_health_professional"]]),
                map(self.places.__getitem__, cells[at["place"]]),
                self._arrivals(cells, at, days),
                strict=True,
            )
        )

    def _arrivals(
        self, cells: list[tuple[str, ...]], at: dict[str, int], days: list[str]
    ) -> Sequence[str]:
        """The day each receipt's claim arrived: its own, else the batch's, else none.

        Neither may be before the receipt's service date.
        """
        batch = self.batch
        if "submitted_on" not in at:
            own: Sequence[str] = ("",) * len(days)
        else:  # the rows with their own day picked out at C speed: usually few
            own = list(map(self.arrivals.__getitem__, cells[at["submitted_on"]]))
            if any(arrived < day for arrived, day in compress(zip(own, days, strict=True), own)):
                raise _Other
        if not batch or all(own):
            return own
        if max(compress(days, map(not_, own))) > batch:
            raise _Other
        return [arrived or batch for arrived in own]


def read_receipt_rows(
    source: str | Path,
    *,
    encoding: str = "utf-8",
    submitted_on: pendulum.Date | None = None,
    progress: Progress | None = None,
) -> ReceiptRows | None:
    """The receipts of the CSV file *source* as rows, in file order; None for a file they are not.

    *encoding*, *submitted_on* (the batch's day of arrival) and *progress* (called with the
    number of rows read after each :data:`BLOCK`) are as for ``read_receipts``. None for a
    workbook or a JSON file, for what is not a regular file (a pipe can be read only once: the
    caller's ``read_receipts`` must have it whole), and for a file with anything
    ``read_receipts`` would report or reads otherwise: read it with ``read_receipts``.
    """
    try:
        if receipts_format(source) != "csv" or not stat.S_ISREG(os.stat(source).st_mode):
            return None  # a pipe (/dev/stdin) is read once only: by the reader of every file
        return _read(source, encoding, submitted_on, progress)
    except (_Other, csv.Error, JetRulesError, OSError):  # the reader of every file reports it
        return None


def _read(
    source: str | Path,
    encoding: str,
    submitted_on: pendulum.Date | None,
    progress: Progress | None,
) -> ReceiptRows | None:
    problems, columns, width, reader = open_cells(
        source, required=RECEIPT_FIELDS, optional=(*_IN_YEN_ONLY, "submitted_on"), encoding=encoding
    )
    if columns is None or problems or width != len(columns.names):
        return None
    at = {name: index for index, name in enumerate(columns.names)}
    readings = _Columns(submitted_on)
    rows: list[ReceiptRow] = []
    while block := list(islice(reader, BLOCK)):
        if set(map(len, block)) != {width}:
            return None  # a blank line, a row of another width: the reader of every file says
        rows.extend(readings.rows(block, at))
        if progress is not None and len(block) == BLOCK:  # every 1,000 rows, as read_receipts
            progress(len(rows))
    if len(readings.ids) != readings.count or "" in readings.ids:  # each id given once
        return None
    return ReceiptRows._read(rows)
