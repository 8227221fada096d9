"""Markdown pieces of the rules page: values as table cells, tables and lists of sources.

The rules page (:mod:`jetrules.rulebook`) and the calendar's section of it
(:func:`jetrules.calendar.rules_markdown`) both write their cells with :func:`value_markdown`, so a
value reads the same wherever the page shows it.

>>> from jetrules.text import Source
>>> print(table_markdown(["parameter", "value"], [["rate", None], ["on", True]]))
| parameter | value |
|---|---|
| rate | — |
| on | yes |
>>> print(source_list_markdown([Source(title="Notice", url="https://example.org/n")]))
- [Notice](https://example.org/n)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from fractions import Fraction

import attrs

from jetrules.text import Renderable, Source

__all__ = [
    "NO_VALUE",
    "plain_value",
    "source_list_markdown",
    "source_markdown",
    "table_markdown",
    "value_markdown",
    "words",
]

NO_VALUE = "—"
"""What a cell shows for a value that is not set (a parameter no source states)."""


def value_markdown(value: object) -> str:
    """*value*, a parameter of an edition, as it reads in a Markdown table cell.

    >>> from jetrules.money import Yen
    >>> value_markdown(Yen(30_000)), value_markdown(Fraction(1, 2)), value_markdown(None)
    ('¥30,000', '50%', '—')
    """
    return plain_value(value).replace("|", "\\|").replace("\n", " ")


def plain_value(value: object) -> str:  # noqa: PLR0911 (one return per kind of value)
    """*value* as words, before it is made safe for a table cell (see :func:`value_markdown`).

    >>> plain_value(dt.timedelta(minutes=20)), plain_value(frozenset({"b", "a"}))
    ('20 minutes', 'a, b')
    """
    if value is None:
        return NO_VALUE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Source):
        return source_markdown(value)
    if isinstance(value, Renderable):
        english, japanese = value.render("en"), value.render("ja")
        return english if english == japanese else f"{english} ({japanese})"
    if isinstance(value, enum.Enum):
        return value.value if isinstance(value.value, str) else value.name
    if isinstance(value, Fraction):
        percent = value * 100
        return f"{percent.numerator}%" if percent.denominator == 1 else str(value)
    if isinstance(value, dt.timedelta):
        minutes, seconds = divmod(value.total_seconds(), 60)
        return f"{int(minutes)} minutes" if not seconds else str(value)
    if isinstance(value, dt.time) and not (value.second or value.microsecond):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return ", ".join(plain_value(item) for item in value) or NO_VALUE
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(plain_value(item) for item in value)) or NO_VALUE
    kind = type(value)
    if attrs.has(kind) and kind.__str__ is object.__str__:
        return "; ".join(
            f"{words(field.name)}: {plain_value(getattr(value, field.name))}"
            for field in attrs.fields(kind)
        )
    return str(value)


def words(name: str) -> str:
    """A field's name as words: ``annual_cap`` reads ``annual cap``."""
    return name.replace("_", " ")


def source_markdown(source: Source) -> str:
    """*source*'s title, linked to its address when it has one."""
    return source.title if source.url is None else f"[{source.title}]({source.url})"


def table_markdown(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table: *header*, then one line per row, each cell by :func:`value_markdown`."""
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    lines += ["| " + " | ".join(value_markdown(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def source_list_markdown(sources: Iterable[Source]) -> str:
    """*sources* as a Markdown list, one item each."""
    return "\n".join(f"- {source_markdown(source)}" for source in sources)
