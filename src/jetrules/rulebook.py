"""The rules and their sources, as a page generated from the editions the code applies.

Each rule module with dated terms exposes ``EDITIONS``: a tuple of frozen attrs values, one per
fiscal year with published terms, each with a ``fiscal_year``, its parameters as fields, and the
``source`` it came from (or ``sources``, a tuple, when several sources make up the terms).
:func:`rules_markdown` renders every parameter of every edition, with its fiscal year, its value
and its sources, straight from those tuples, so the documentation cannot say anything the code does
not apply. ``jetrules rules`` prints the same page.

>>> import types, attrs
>>> from jetrules import FiscalYear, Source, Yen
>>> @attrs.frozen(kw_only=True)
... class Terms:
...     fiscal_year: FiscalYear
...     annual_cap: Yen
...     source: Source
>>> fake = types.ModuleType("jetrules.example", "An example rule.")
>>> fake.EDITIONS = (
...     Terms(fiscal_year=FiscalYear(2019), annual_cap=Yen(30_000), source=Source(title="Notice")),
... )
>>> print(edition_markdown(fake.EDITIONS[0]))
### FY2019 (2019年度): 2019-04-01 to 2020-03-31
<BLANKLINE>
| parameter | value |
|---|---|
| annual cap | ¥30,000 |
<BLANKLINE>
Source:
<BLANKLINE>
- Notice
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from types import ModuleType

import attrs
from attrs import AttrsInstance

from jetrules import calendar
from jetrules._kernel.markdown import (
    NO_VALUE,
    plain_value,
    source_markdown,
    value_markdown,
    words,
)
from jetrules.calendar import FiscalYear
from jetrules.errors import WrongType
from jetrules.text import Source

__all__ = [
    "RULE_MODULES",
    "calendar_markdown",
    "edition_markdown",
    "editions_of",
    "module_markdown",
    "overview_markdown",
    "rules_markdown",
    "sources_of",
    "value_markdown",
]

RULE_MODULES: tuple[str, ...] = (
    "jetrules.subsidy",
    "jetrules.threads",
    "jetrules.booking",
    "jetrules.phone",
)
"""The modules whose ``EDITIONS`` the rules page shows, in order."""

_INTRODUCTION = """\
# Rules and sources

This page is generated from the editions the code applies, each time the documentation is built,
so it cannot differ from them. An edition holds the terms of one fiscal year (1 April to 31 March)
as published, with the source they were read in. A fiscal year with no edition has no published
terms: the code raises `NoRuleInForce` for it rather than borrow a neighbour's terms. A dash (—)
marks a parameter the edition leaves unset because its source states no value.
Where sources are ambiguous, the readings chosen are explained in [Design decisions](design.md).
The calendar's rules, last on the page, are dated by the days each is in force instead."""


_NOT_PARAMETERS = frozenset({"fiscal_year", "source", "sources"})


def sources_of(edition: AttrsInstance) -> tuple[Source, ...]:
    """The sources of *edition*: its ``source``, or each of its ``sources``."""
    single = getattr(edition, "source", None)
    return (single,) if isinstance(single, Source) else tuple(getattr(edition, "sources", ()))


def editions_of(module: ModuleType) -> tuple[AttrsInstance, ...]:
    """The ``EDITIONS`` of *module*, checked to be attrs values with a fiscal year and sources.

    Raises:
        WrongType: an edition is not an attrs value of the same class as the others, with a
            ``fiscal_year`` and a ``source`` (or ``sources``) field.
    """
    editions = getattr(module, "EDITIONS", None)
    if not isinstance(editions, tuple) or not editions:
        raise WrongType.for_field(
            f"{module.__name__}.EDITIONS", "must be a non-empty tuple of editions", editions
        )
    for edition in editions:
        kind = type(edition)
        names = {field.name for field in attrs.fields(kind)} if attrs.has(kind) else set()
        if (
            "fiscal_year" not in names
            or not names & {"source", "sources"}
            or kind is not type(editions[0])
        ):
            raise WrongType.for_field(
                f"{module.__name__}.EDITIONS",
                "must hold attrs values of one class with 'fiscal_year' and 'source' fields",
                edition,
            )
    return editions


def edition_markdown(edition: AttrsInstance) -> str:
    """One edition: its fiscal year as a heading, a table of its parameters, then its sources."""
    year: FiscalYear = getattr(edition, "fiscal_year")  # noqa: B009 (checked by editions_of)
    lines = [
        f"### {plain_value(year)}: {year.start.isoformat()} to {year.end.isoformat()}",
        "",
        "| parameter | value |",
        "|---|---|",
    ]
    for field in attrs.fields(type(edition)):
        if field.name not in _NOT_PARAMETERS:
            value = value_markdown(getattr(edition, field.name))
            lines.append(f"| {words(field.name)} | {value} |")
    sources = sources_of(edition)
    lines += ["", "Source:" if len(sources) == 1 else "Sources:", ""]
    for source in sources:
        lines.append(f"- {source_markdown(source)}")
        if source.quote:
            lines += ["", f"    > {' '.join(source.quote.split())}", ""]
    return "\n".join(lines).rstrip()


def overview_markdown(editions: Sequence[AttrsInstance]) -> str:
    """All of a module's editions in one table, a row per fiscal year, gaps included.

    A fiscal year between two editions that has none is shown as having no published terms.
    """
    kind = type(editions[0])
    names = [f.name for f in attrs.fields(kind) if f.name not in _NOT_PARAMETERS]
    lines = [
        "| fiscal year | " + " | ".join(words(name) for name in names) + " | sources |",
        "|---" * (len(names) + 2) + "|",
    ]
    by_year = {getattr(edition, "fiscal_year"): edition for edition in editions}  # noqa: B009
    first, last = min(by_year), max(by_year)
    for number in range(first.year, last.year + 1):
        year = FiscalYear(number)
        edition = by_year.get(year)
        if edition is None:
            cells = ["no published terms", *([NO_VALUE] * len(names))]
        else:
            cells = [value_markdown(getattr(edition, name)) for name in names]
            cells.append(value_markdown(sources_of(edition)))
        lines.append(f"| {year} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def module_markdown(module: ModuleType) -> str:
    """The section of one rule module: what it is about, an overview, then every edition."""
    summary = (module.__doc__ or "").strip().split("\n\n", 1)[0]
    parts = [f"## `{module.__name__}`"]
    if summary:
        parts.append(" ".join(summary.split()))
    editions = sorted(editions_of(module), key=lambda e: getattr(e, "fiscal_year"))  # noqa: B009
    parts.append(overview_markdown(editions))
    parts += [edition_markdown(edition) for edition in editions]
    return "\n\n".join(parts)


def rules_markdown(modules: Iterable[ModuleType] | None = None) -> str:
    """The "Rules and sources" page: every edition of every rule module, with its sources.

    *modules* are the rule modules to show; by default those named in :data:`RULE_MODULES`,
    followed by the calendar's rules (:func:`calendar_markdown`).
    """
    chosen: Sequence[ModuleType] = (
        [importlib.import_module(name) for name in RULE_MODULES]
        if modules is None
        else list(modules)
    )
    sections = [_INTRODUCTION, *(module_markdown(module) for module in chosen)]
    if not chosen:
        sections.append("No rule module with editions is installed.")
    if modules is None:
        sections.append(calendar_markdown())
    return "\n\n".join(sections) + "\n"


def calendar_markdown() -> str:
    """The calendar's section: the service calendar's closed days and the holiday rules applied.

    The calendar renders it (:func:`jetrules.calendar.rules_markdown`) from the rule data it
    computes with, read at each call.

    >>> page = calendar_markdown()
    >>> "| Mountain Day | 山の日 | 11 August (8月11日) | 2016 | in force | 2014 amendment |" in page
    True
    """
    return calendar.rules_markdown()
