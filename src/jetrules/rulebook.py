"""The rules and their sources, as a page generated from the editions the code applies.

Each service's face (``jetrules.subsidy``, ``jetrules.threads``, ``jetrules.booking``) gives its
editions with ``editions(policy)``: the records its terms are built from, one per fiscal year, each
parameter with its value and its provenance (the source that states it, with the source's words
marked verbatim or paraphrase, or the reading we chose where no source does). :func:`rules_markdown`
renders every parameter of every edition straight from those records, so the page cannot say
anything the code does not apply; under a policy file it shows that file's values, marked as
supplied beside the published ones. ``jetrules rules [--policy FILE]`` prints the same page.

>>> from jetrules import FiscalYear, Source, Yen
>>> from jetrules.policy import EditionRecord, Origin, Parameter, Provenance
>>> notice = Provenance(origin=Origin.PUBLISHED, source=Source(title="Notice"),
...                     quote="up to ¥30,000", verbatim=True)
>>> edition = EditionRecord(service="subsidy", fiscal_year=FiscalYear(2019), file="subsidy.toml",
...     parameters=(Parameter(name="annual_cap", value=Yen(30_000), provenance=notice),))
>>> print(edition_markdown(edition))
### FY2019 (2019年度): 2019-04-01 to 2020-03-31
<BLANKLINE>
| parameter | value | stated by | in its words |
|---|---|---|---|
| annual cap | ¥30,000 | Notice | verbatim: “up to ¥30,000” |
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from types import ModuleType

from jetrules import calendar, subsidy
from jetrules._kernel.markdown import (
    NO_VALUE,
    plain_value,
    source_markdown,
    value_markdown,
    words,
)
from jetrules.calendar import FiscalYear
from jetrules.errors import WrongType
from jetrules.policy import EditionRecord, Origin, Parameter, Policy, Provenance
from jetrules.text import Source

__all__ = [
    "NOT_PUBLISHED",
    "RULE_MODULES",
    "UNDATED_MARK",
    "calendar_markdown",
    "edition_markdown",
    "editions_of",
    "module_markdown",
    "overview_markdown",
    "parameter_row",
    "programme_markdown",
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
"""The modules whose editions the rules page shows, in order."""

UNDATED_MARK = "†"
"""Marks a value that rests on an undated page (a wiki that does not say when it was written)."""

NOT_PUBLISHED = "not published"
"""What a cell shows for a parameter an edition does not publish."""

_INTRODUCTION = """\
# Rules and sources

This page is generated from the policy files the code reads (`jetrules/policy/*.toml`), each time
the documentation is built, so it cannot differ from what the code applies. An edition holds the
terms of one fiscal year (1 April to 31 March), each parameter with its value and what stands
behind it: the source that states it, with the source's own words where we hold them (marked
*verbatim*) or our summary of them (marked *paraphrase*), or, where no source states a value, the
*reading* we chose, linked to the page of [Design decisions](design.md) that explains it.

A fiscal year with no edition has no published terms, and an edition may publish only some
parameters (*not published*): for such a year the code raises `NoRuleInForce`, naming what is
missing, unless the caller assumes another year's published terms (`assume=FiscalYear(2024)`,
`--assume-terms-from 2024`) or supplies their own (`policy=`, `--policy FILE`); every answer made
that way says so. A dash (—) marks a parameter an edition publishes with no value (no claim
deadline published, say). A dagger (†) marks a value that rests on an undated page (a wiki that
does not say when it was written): such pages are used the same way for every parameter and year,
and each service lists the values that rest on them. The calendar's rules, last on the page, are
dated by the days each is in force instead."""


def editions_of(module: ModuleType, policy: Policy | None = None) -> tuple[EditionRecord, ...]:
    """The editions of *module* under *policy* (the bundled ones when None), in year order.

    Raises:
        WrongType: *module* has no ``editions(policy)`` giving a non-empty tuple of editions.
    """
    editions = getattr(module, "editions", None)
    records = editions(policy) if callable(editions) else editions
    if (
        not isinstance(records, tuple)
        or not records
        or not all(isinstance(record, EditionRecord) for record in records)
    ):
        raise WrongType.for_field(
            f"{module.__name__}.editions",
            "must give a non-empty tuple of editions (EditionRecord values)",
            records,
        )
    return tuple(sorted(records, key=lambda record: record.fiscal_year))


def sources_of(edition: EditionRecord) -> tuple[Source, ...]:
    """The sources *edition*'s parameters cite, each once, in the order they are first cited."""
    found: dict[Source, None] = {}
    for parameter in edition.parameters:
        if parameter.provenance.source is not None:
            found.setdefault(parameter.provenance.source)
    return tuple(found)


def _cell(text: str) -> str:
    """*text* made safe for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _value(parameter: Parameter) -> str:
    provenance = parameter.provenance
    text = plain_value(parameter.value)
    if provenance.undated:
        text += f" {UNDATED_MARK}"
    if provenance.origin is Origin.SUPPLIED:
        text += f" (supplied; published: {_published(provenance.published)})"
    elif provenance.origin is Origin.ASSUMED:
        text += f" (assumed from {provenance.assumed_from})"
    return text


def _published(value: object) -> str:
    return "none" if value is None else plain_value(value)


def _stated_by(provenance: Provenance, files: Sequence[str]) -> str:
    parts = []
    if provenance.origin is Origin.SUPPLIED:
        parts.append("supplied" + (f" by {', '.join(files)}" if files else ""))
    if provenance.reading is not None:
        reading = provenance.reading
        parts.append(f"reading [{reading.key}]({reading.design})")
    if provenance.source is not None:
        cited = source_markdown(provenance.source)
        if provenance.undated:
            cited += ", undated page"
        parts.append(f"citing {cited}" if parts else cited)
    return ", ".join(parts) or NO_VALUE


def _in_its_words(provenance: Provenance) -> str:
    """The source's words, marked verbatim or paraphrase (a reading's are listed once above)."""
    if provenance.quote is None:
        return NO_VALUE
    if provenance.verbatim:
        return f"verbatim: “{' '.join(provenance.quote.split())}”"
    return f"paraphrase: {provenance.quote}"


def parameter_row(parameter: Parameter, files: Sequence[str] = ()) -> tuple[str, ...]:
    """One parameter as the cells of its edition's table: name, value, what states it, its words.

    A supplied value says so, with the published value it replaces, and cites only what the
    supplier cites (*files*, and their own source if they name one), never the published source.

    >>> from jetrules import Yen
    >>> supplied = Provenance(origin=Origin.SUPPLIED, published=Yen(30_000))
    >>> parameter_row(Parameter(name="annual_cap", value=Yen(40_000), provenance=supplied),
    ...               ["mine.toml"])
    ('annual cap', '¥40,000 (supplied; published: ¥30,000)', 'supplied by mine.toml', '—')
    """
    provenance = parameter.provenance
    return (
        words(parameter.name),
        _cell(_value(parameter)),
        _cell(_stated_by(provenance, files)),
        _cell(_in_its_words(provenance)),
    )


def _ordered(edition: EditionRecord, names: Sequence[str]) -> list[Parameter]:
    """*edition*'s parameters in the order of *names*, any others after them in file order."""
    rank = {name: index for index, name in enumerate(names)}
    return sorted(edition.parameters, key=lambda p: rank.get(p.name, len(rank)))


def edition_markdown(
    edition: EditionRecord,
    names: Sequence[str] = (),
    required: Sequence[str] = (),
    files: Sequence[str] = (),
) -> str:
    """One edition: its fiscal year as a heading, what it leaves unpublished, a table of its values.

    Args:
        edition: the edition.
        names: the service's parameters, in the order to show them.
        required: the parameters a complete edition publishes (others are named as missing).
        files: the policy files a supplied value came from.
    """
    year = edition.fiscal_year
    heading = f"### {plain_value(year)}: {year.start.isoformat()} to {year.end.isoformat()}"
    missing = [name for name in required if name not in edition.names()]
    lines = [heading + (" (partial edition)" if missing else ""), ""]
    if missing:
        lines += [
            f"Published: {_names(p.name for p in _ordered(edition, names))}. "
            f"Not published: {_names(missing)}. Terms for {year} raise `NoRuleInForce` unless "
            "another year's published terms are assumed for what is missing.",
            "",
        ]
    lines += ["| parameter | value | stated by | in its words |", "|---|---|---|---|"]
    for parameter in _ordered(edition, names):
        lines.append("| " + " | ".join(parameter_row(parameter, files)) + " |")
    return "\n".join(lines)


def _names(names: Iterable[str]) -> str:
    return ", ".join(words(name) for name in names) or "nothing"


def _overview_cell(edition: EditionRecord, name: str) -> str:
    if name not in edition.names():
        return NOT_PUBLISHED
    parameter = edition.parameter(name)
    text = value_markdown(parameter.value)
    if parameter.provenance.undated:
        text += f" {UNDATED_MARK}"
    return text + (" (supplied)" if parameter.provenance.origin is Origin.SUPPLIED else "")


def overview_markdown(editions: Sequence[EditionRecord], names: Sequence[str] = ()) -> str:
    """All of a service's editions in one table, a row per fiscal year, gaps included.

    A fiscal year between two editions that has none is shown as having no published terms; a
    parameter an edition leaves out shows as not published. The columns are *names*, then any
    other parameter an edition holds.
    """
    columns = list(names)
    for edition in editions:
        columns += [p.name for p in edition.parameters if p.name not in columns]
    lines = [
        "| fiscal year | " + " | ".join(words(name) for name in columns) + " | sources |",
        "|---" * (len(columns) + 2) + "|",
    ]
    by_year = {edition.fiscal_year: edition for edition in editions}
    for number in range(min(by_year).year, max(by_year).year + 1):
        year = FiscalYear(number)
        found = by_year.get(year)
        if found is None:
            cells = ["no published terms", *([NO_VALUE] * len(columns))]
        else:
            cells = [_overview_cell(found, name) for name in columns]
            cells.append(value_markdown(sources_of(found)))
        lines.append(f"| {year} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _readings_markdown(editions: Sequence[EditionRecord]) -> str:
    """Each reading the editions rest on, once, with the parameters and years it decides."""
    used: dict[str, dict[str, list[str]]] = {}
    texts: dict[str, str] = {}
    for edition in editions:
        for parameter in edition.parameters:
            reading = parameter.provenance.reading
            if reading is not None:
                years = used.setdefault(reading.key, {}).setdefault(parameter.name, [])
                years.append(str(edition.fiscal_year))
                texts[reading.key] = (
                    f"[{reading.key}]({reading.design}): {plain_value(reading.text)}"
                )
    if not used:
        return "No value of this service rests on a reading: every one is stated by a source."
    lines = ["Readings (our choices where no source states a value):", ""]
    for key, where in used.items():
        applied = "; ".join(f"{words(name)} ({', '.join(years)})" for name, years in where.items())
        lines.append(f"- {texts[key]} Applied to: {applied}.")
    return "\n".join(lines)


def _undated_markdown(editions: Sequence[EditionRecord]) -> str:
    """Which parameters rest on undated pages, year by year."""
    years = [
        f"{edition.fiscal_year}: "
        + ", ".join(words(p.name) for p in edition.parameters if p.provenance.undated)
        for edition in editions
        if any(p.provenance.undated for p in edition.parameters)
    ]
    if not years:
        return "No value of this service rests on an undated page."
    return f"Values resting on undated pages ({UNDATED_MARK}): " + "; ".join(years) + "."


def module_markdown(module: ModuleType, policy: Policy | None = None) -> str:
    """The section of one service: what it is about, an overview, its readings, every edition."""
    summary = (module.__doc__ or "").strip().split("\n\n", 1)[0]
    parts = [f"## `{module.__name__}`"]
    if summary:
        parts.append(" ".join(summary.split()))
    editions = editions_of(module, policy)
    names = tuple(getattr(module, "PARAMETERS", ()))
    required = tuple(getattr(module, "REQUIRED", ()))
    files = policy.files if policy is not None else ()
    parts += [
        overview_markdown(editions, names),
        _readings_markdown(editions),
        _undated_markdown(editions),
    ]
    parts += [edition_markdown(edition, names, required, files) for edition in editions]
    return "\n\n".join(parts)


def rules_markdown(
    modules: Iterable[ModuleType] | None = None, *, policy: Policy | None = None
) -> str:
    """The "Rules and sources" page: every edition of every service, with its sources.

    Args:
        modules: the services to show; by default those named in :data:`RULE_MODULES`,
            followed by the calendar's rules (:func:`calendar_markdown`).
        policy: editions to lay over the bundled ones (see :func:`jetrules.policy.load`); the
            values it supplies are marked as supplied, with the published ones they replace.
    """
    chosen: Sequence[ModuleType] = (
        [importlib.import_module(name) for name in RULE_MODULES]
        if modules is None
        else list(modules)
    )
    sections = [_INTRODUCTION]
    if policy is not None and policy.supplied:
        sections.append(
            f"This page shows the rules under {', '.join(policy.files) or 'a supplied policy'}: "
            "each value it supplies is marked *supplied*, with the published value it replaces."
        )
    sections += [module_markdown(module, policy) for module in chosen]
    if not chosen:
        sections.append("No rule module with editions is installed.")
    if modules is None:
        sections += [programme_markdown(), calendar_markdown()]
    return "\n\n".join(sections) + "\n"


def programme_markdown() -> str:
    """The rules every service applies alike: the participant's term, amounts in other currencies.

    >>> print(programme_markdown().splitlines()[0])
    ## Every service: the participant's term, other currencies
    """
    source = subsidy.TERM_SOURCE
    return "\n".join(
        [
            "## Every service: the participant's term, other currencies",
            "",
            "| rule | what jetrules does | source |",
            "|---|---|---|",
            "| The services are for current participants during their term of appointment "
            "(サービスは任用期間中の参加者が対象) "
            "| given the participants' terms "
            "(`participants=`, `--participants`): a receipt dated outside its participant's "
            "term pays ¥0, a "
            "web-mail registration or a Skype sign-up outside it is refused (`OUTSIDE_TERM`); a "
            "receipt of a participant not given is bad input "
            f"| [{_cell(source.title)}]({source.url}) |",
            "| An amount paid in another currency (外貨での支払い) | the amount times the caller's "
            "rate (`jpy_per_unit`), rounded down to whole yen (`CONVERTED`) | reading: "
            "[rate-is-the-callers](design.md#rate-is-the-callers) |",
        ]
    )


def calendar_markdown() -> str:
    """The calendar's section: the service calendar's closed days and the holiday rules applied.

    The calendar renders it (:func:`jetrules.calendar.rules_markdown`) from the rule data it
    computes with, read at each call.

    >>> page = calendar_markdown()
    >>> "| Mountain Day | 山の日 | 11 August (8月11日) | 2016 | in force | 2014 amendment |" in page
    True
    """
    return calendar.rules_markdown()
