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

import datetime as dt
import enum
import importlib
from collections.abc import Iterable, Sequence
from fractions import Fraction
from types import ModuleType

import attrs
from attrs import AttrsInstance

from jetrules._calendar.holiday_rules import DayRule
from jetrules.calendar import FiscalYear
from jetrules.errors import WrongType
from jetrules.text import Label, Renderable, Source

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

RULE_MODULES: tuple[str, ...] = ("jetrules.subsidy", "jetrules.threads", "jetrules.booking")
"""The modules whose ``EDITIONS`` the rules page shows, in order."""

_NO_VALUE = "—"

_INTRODUCTION = """\
# Rules and sources

This page is generated from the editions the code applies, each time the documentation is built,
so it cannot differ from them. An edition holds the terms of one fiscal year (1 April to 31 March)
as published, with the source they were read in. A fiscal year with no edition has no published
terms: the code raises `NoRuleInForce` for it rather than borrow a neighbour's terms. A dash (—)
marks a parameter the edition leaves unset because its source states no value.
Where sources are ambiguous, the readings chosen are explained in [Design decisions](design.md).
The calendar's rules, last on the page, are dated by the days each is in force instead."""


def value_markdown(value: object) -> str:
    """*value*, a parameter of an edition, as it reads in a Markdown table cell.

    >>> from jetrules import Yen
    >>> value_markdown(Yen(30_000)), value_markdown(Fraction(1, 2)), value_markdown(None)
    ('¥30,000', '50%', '—')
    """
    return _value(value).replace("|", "\\|").replace("\n", " ")


def _value(value: object) -> str:  # noqa: PLR0911 (one return per kind of value)
    if value is None:
        return _NO_VALUE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Source):
        return _source(value)
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
        return ", ".join(_value(item) for item in value) or _NO_VALUE
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(_value(item) for item in value)) or _NO_VALUE
    kind = type(value)
    if attrs.has(kind) and kind.__str__ is object.__str__:
        return "; ".join(
            f"{_words(field.name)}: {_value(getattr(value, field.name))}"
            for field in attrs.fields(kind)
        )
    return str(value)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _source(source: Source) -> str:
    return source.title if source.url is None else f"[{source.title}]({source.url})"


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
        f"### {_value(year)}: {year.start.isoformat()} to {year.end.isoformat()}",
        "",
        "| parameter | value |",
        "|---|---|",
    ]
    for field in attrs.fields(type(edition)):
        if field.name not in _NOT_PARAMETERS:
            value = value_markdown(getattr(edition, field.name))
            lines.append(f"| {_words(field.name)} | {value} |")
    sources = sources_of(edition)
    lines += ["", "Source:" if len(sources) == 1 else "Sources:", ""]
    for source in sources:
        lines.append(f"- {_source(source)}")
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
        "| fiscal year | " + " | ".join(_words(name) for name in names) + " | sources |",
        "|---" * (len(names) + 2) + "|",
    ]
    by_year = {getattr(edition, "fiscal_year"): edition for edition in editions}  # noqa: B009
    first, last = min(by_year), max(by_year)
    for number in range(first.year, last.year + 1):
        year = FiscalYear(number)
        edition = by_year.get(year)
        if edition is None:
            cells = ["no published terms", *([_NO_VALUE] * len(names))]
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


# --- the calendar: rules dated by the days they are in force ----------------------------------


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    lines += ["| " + " | ".join(value_markdown(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _sources_list(sources: Iterable[Source]) -> str:
    return "\n".join(f"- {_source(source)}" for source in sources)


def calendar_markdown() -> str:
    """The calendar's section: the service calendar's closed days and the holiday rules applied.

    Every table is read from the rule data the calendar computes with (``jetrules._calendar.business`` and
    ``jetrules._calendar.holiday_rules``), with the days each rule is in force and what enacted it.

    >>> page = calendar_markdown()
    >>> "| Mountain Day | 山の日 | 11 August (8月11日) | 2016 | in force | 2014 amendment |" in page
    True
    """
    from jetrules import _business, _holiday_rules  # noqa: PLC0415  (read each time: no copy)

    rules = _holiday_rules
    service = _business.SERVICE_CALENDAR
    closed = [_business._WEEKDAYS[day] for day in sorted(service.weekend)]
    closed.append(_NATIONAL_HOLIDAYS_CLOSED)
    if service.year_end_closure:
        closed.append(_business._YEAR_END)
    names = {row.name.ja: row.name.en for row in rules.NATIONAL_HOLIDAYS}
    official_through = service.holidays.official_through
    first, last = rules.FIRST_DAY, rules.LAST_DAY
    parts = [
        "## `jetrules.calendar`",
        "Fiscal years, Japanese national holidays, business days and reply deadlines. The tables "
        "below are the rules the calendar applies, read from its own rule data.",
        "### Service calendar (`SERVICE_CALENDAR`)",
        "Reply deadlines count business days: the office is closed on these days.",
        _table(["closed on", "休業日"], ([label.en, label.ja] for label in closed)),
        f"Source:\n\n{_sources_list([_business.SERVICE_CALENDAR_SOURCE])}",
        "### National holidays",
        f"Supported range: {first} (the Act in force) to {last}; other days raise "
        f"`OutOfRange`. The Cabinet Office's list bundled with jetrules overrides the rules for "
        f"the years it covers, up to {official_through}; holidays after {official_through} are "
        "provisional (the rules' prediction) until a newer list is loaded. A rule whose *to* "
        f"reads *in force* applies through {last.year}.",
        _table(
            ["holiday", "祝日", "date rule", "from", "to", "enacted by"],
            (
                [
                    row.name.en,
                    row.name.ja,
                    row.rule.label,
                    row.first_year,
                    "in force" if row.last_year is None else row.last_year,
                    row.enacted_by,
                ]
                for row in rules.NATIONAL_HOLIDAYS
            ),
        ),
        "### Substitute holidays (振替休日)",
        _day_rules(rules.SUBSTITUTE_RULES),
        "### Citizens' holidays (国民の休日)",
        _day_rules(rules.CITIZENS_RULES),
        "### One-off days",
        "Each made a holiday by its own act. In a loaded list, the same ceremony on another "
        "date is a special holiday with the generic name.",
        _table(
            ["date", "name", "名称", "generic name", "enacted by"],
            (
                [day.date, day.name.en, day.name.ja, day.generic_en, day.enacted_by]
                for day in rules.ONE_OFF_DAYS
            ),
        ),
        "### Olympic moves",
        _table(
            ["year", "holiday", "祝日", "moved to", "enacted by"],
            (
                [
                    move.year,
                    names.get(move.name_ja, _NO_VALUE),
                    move.name_ja,
                    move.to,
                    move.enacted_by,
                ]
                for move in rules.MOVED_HOLIDAYS
            ),
        ),
        "### Equinox days",
        f"day = floor(constant + {rules.EQUINOX_RATE} × (year − {rules.EQUINOX_BASE_YEAR})) − "
        f"floor((year − {rules.EQUINOX_BASE_YEAR}) / 4), with the constants of the year's "
        "period. The Observatory fixes each equinox every February; later days are provisional.",
        _table(
            ["from", "to", "vernal constant (March)", "autumnal constant (September)"],
            (
                [period.first_year, period.last_year, period.vernal, period.autumnal]
                for period in rules.EQUINOX_PERIODS
            ),
        ),
        f"Sources:\n\n{_sources_list(rules.SOURCES)}",
    ]
    return "\n\n".join(parts)


_NATIONAL_HOLIDAYS_CLOSED = Label(
    en="national holidays (every kind below)", ja="国民の祝日・休日（下記のすべて）"
)


def _day_rules(rules: Iterable[DayRule]) -> str:
    return _table(
        ["rule", "規定", "from", "to", "enacted by"],
        (
            [
                rule.rule.en,
                rule.rule.ja,
                rule.in_force_from,
                "in force" if rule.in_force_to is None else rule.in_force_to,
                rule.enacted_by,
            ]
            for rule in rules
        ),
    )
