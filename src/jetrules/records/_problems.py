"""What every reader collects and hands on: its problems, and rows that know where they are."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TypeVar, final

from jetrules._kernel.output import printable
from jetrules.errors import InvalidInput, InvalidRecords, JetRulesError, RecordProblem

__all__ = ["CsvRow", "Problems", "Table", "noun_for", "printable"]

T = TypeVar("T")


def noun_for(noun: str, items: Collection[object]) -> str:
    """*noun* for as many *items* as there are: one ``column``, two ``columns``.

    >>> noun_for("column", ["amount"]), noun_for("key", ["id", "place"])
    ('column', 'keys')
    """
    return noun if len(items) == 1 else f"{noun}s"


@final
class Problems:
    """Collects the problems of one input so that all of them are reported at once.

    >>> problems = Problems("claims.csv")
    >>> problems.convert("line 2", "amount", int, "12a")
    >>> problems.raise_if_any()
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidRecords: claims.csv: 1 problem
    claims.csv: line 2: 'amount' could not be read (got '12a')
    """

    def __init__(self, source: str) -> None:
        self.source = printable(source)
        self._found: list[RecordProblem] = []
        self.headers: Mapping[str, str] = {}
        """The header as written of each column whose header is not its canonical name (set
        by the reader of a table): a field's problems name it as the file does."""

    def add(self, position: str, message: str) -> None:
        """Record that the record at *position* has the problem *message*."""
        self._found.append(RecordProblem(position=position, message=message))

    def of_record(self) -> Problems:
        """A new collection for one record's problems: this one's source, its columns' headers."""
        found = Problems(self.source)
        found.headers = self.headers
        return found

    def add_error(self, position: str, error: JetRulesError) -> None:
        """Record *error* as the problem of the record at *position* (see :meth:`described`)."""
        self.add(position, self.described(error))

    def described(self, error: JetRulesError) -> str:
        """*error*'s message, naming its field as the file's header does.

        >>> problems = Problems("領収書.csv")
        >>> problems.headers = {"amount": "金額"}
        >>> print(problems.described(InvalidInput.for_field("amount", "must be more than ¥0", 0)))
        '金額' (amount) must be more than ¥0 (got 0)
        """
        text = str(error)
        field = error.field if isinstance(error, InvalidInput) else None
        if field is not None and field in self.headers and text.startswith(repr(field)):
            return self.named(field) + text[len(repr(field)) :]
        return text

    def named(self, field: str) -> str:
        """*field* as a message names it: ``'金額' (amount)`` under a header ``金額``.

        A column whose header is its canonical name is named as ``'amount'``.
        """
        typed = self.headers.get(field)
        return repr(field) if typed is None else f"{typed!r} ({field})"

    def convert(
        self, position: str, field: str, converter: Callable[[str], T], raw: str
    ) -> T | None:
        """``converter(raw)``, or ``None`` with the problem recorded when it refuses *raw*."""
        try:
            return converter(raw)
        except InvalidInput as error:
            self.add_error(position, error)
        except (ValueError, TypeError):
            self.add(position, f"{field!r} could not be read (got {raw!r})")
        return None

    def read(
        self,
        position: str,
        values: Mapping[str, str],
        field: str,
        converter: Callable[[str, str], T],
    ) -> T | None:
        """``converter(values[field], field)``, or ``None`` with the problem recorded.

        The vocabulary's converters (``to_day``, ``to_yen``, ``to_flag``, ``to_name``...) take the
        cell and the field's name, so a reader reads a row field by field with this.

        >>> from jetrules.records import to_yen
        >>> problems = Problems("claims.csv")
        >>> problems.read("line 2", {"amount": "¥1,000"}, "amount", to_yen)
        1000
        >>> problems.read("line 3", {"amount": "①"}, "amount", to_yen) is None
        True
        """
        try:
            return converter(values[field], field)
        except InvalidInput as error:
            self.add_error(position, error)
        return None

    def extend(self, other: Problems) -> None:
        """Add every problem *other* has found, after those found here."""
        self._found.extend(other._found)

    def __bool__(self) -> bool:
        return bool(self._found)

    def raise_if_any(self) -> None:
        """Raise :class:`InvalidRecords` with every problem found, if any, in file order.

        Problems found in different passes over the input are listed by position (a problem
        about the whole input first); those at one position keep the order they were found in.
        """
        if self._found:
            raise InvalidRecords(self.source, sorted(self._found, key=lambda p: p.order))


@final
class CsvRow:
    """One data row of a CSV file or a worksheet, with where it starts.

    Attributes:
        line: the line the row starts on (CSV, the header is line 1) or its row number (sheet).
        values: the row's cells by canonical column name, stripped of surrounding blanks.
        sheet: the worksheet's name for a row of an Excel workbook; ``None`` for CSV.

    >>> CsvRow(4, {"id": "r1"}).position, CsvRow(4, {"id": "r1"}, sheet="Claims").position
    ('line 4', 'sheet Claims, row 4')
    """

    __slots__ = ("line", "sheet", "values")

    def __init__(self, line: int, values: dict[str, str], sheet: str | None = None) -> None:
        self.line = line
        self.values = values
        self.sheet = sheet

    @property
    def position(self) -> str:
        """``"line N"`` for CSV; ``"sheet NAME, row N"`` for a worksheet."""
        if self.sheet is None:
            return f"line {self.line}"
        return f"sheet {self.sheet}, row {self.line}"


@final
class Table:
    """The data rows of one CSV file or worksheet, read lazily, once, in file order.

    Attributes:
        problems: every problem found so far: the header's at once, each row's as it is read.
        columns: the canonical names of the columns the header gives, in its order.

    Blank rows are skipped; rows with problems are left out. Iterate to the end before calling
    ``problems.raise_if_any()``.
    """

    __slots__ = ("_rows", "columns", "problems")

    def __init__(self, problems: Problems, columns: Sequence[str], rows: Iterator[CsvRow]) -> None:
        self.problems = problems
        self.columns = tuple(columns)
        self._rows = rows

    def __iter__(self) -> Iterator[CsvRow]:
        return self._rows
