"""Policy files: each service's editions as dated TOML, every parameter with its source (private).

A policy file holds, for one or more services, one edition per fiscal year; each parameter of an
edition is a table with its ``value`` and either the ``source`` that states it (a key of the
``[source.KEY]`` tables, with the source's own words as ``quote`` or our summary as
``paraphrase``) or a ``reading``: our documented choice where no source states it (a key of the
``[reading.KEY]`` tables). A parameter an edition leaves out is not published for that year::

    [source.clair-news-2025-11]
    title = "CLAIR News, November 2025"
    url = "https://jetprogramme.org/en/clairnewsnov2025"

    [[subsidy]]
    fiscal_year = 2025
    claim_deadline = { value = 2026-04-01, source = "clair-news-2025-11" }

This module reads the text into :class:`EditionRecord` values and lists every problem (unknown
key, wrong type, unknown source, a value its converter refuses) with the file, edition and key;
each family turns the records into its own attrs terms class, so validation stays in one place.

>>> book = parse_sources('''
... [source.notice]
... title = "A notice"
... [reading.round-down]
... en = "Rounded down."
... ja = "切り捨て。"
... design = "design.md#rounding"
... ''', "sources.toml")
>>> records = parse_editions('''
... [[subsidy]]
... fiscal_year = 2019
... annual_cap = { value = 30000, source = "notice", quote = "up to ¥30,000" }
... rounding = { value = "down", reading = "round-down" }
... ''', "subsidy.toml", {"subsidy": {"annual_cap": int, "rounding": str}}, book)
>>> edition = records["subsidy"][0]
>>> edition.fiscal_year, edition.value("annual_cap"), edition.provenance("rounding").origin
(FiscalYear(2019), 30000, <Origin.READING: 'reading'>)
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Mapping, Sequence
from importlib.resources import files
from typing import Any, final

import attrs

from jetrules._kernel.fiscal import FiscalYear
from jetrules._kernel.provenance import (
    EditionRecord,
    Origin,
    Parameter,
    Provenance,
    Reading,
    SourceBook,
)
from jetrules.errors import InvalidInput, InvalidRecords, RecordProblem
from jetrules.text import Label, Source

__all__ = ["PolicyText", "bundled_text", "parse_editions", "parse_sources", "read_editions"]

Converter = Callable[[Any], object]
"""Turns a parameter's TOML value into the value the terms hold; raises InvalidInput if it can't."""


def bundled_text(name: str) -> str:
    """The text of the bundled policy file ``jetrules/policy/<name>.toml``."""
    return files("jetrules").joinpath("policy", f"{name}.toml").read_text(encoding="utf-8")


class _Problems:
    """Problems found in one file, each with its position (``edition FY2019, rate``)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[RecordProblem] = []

    def add(self, position: str, message: str) -> None:
        self.found.append(RecordProblem(position=position, message=message))

    def raise_any(self) -> None:
        if self.found:
            raise InvalidRecords(self.file, self.found)


def _toml(text: str, file: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidRecords(
            file, [RecordProblem(position="file", message=f"is not valid TOML ({error})")]
        ) from None
    except RecursionError:  # arrays or tables nested hundreds deep
        raise InvalidRecords(
            file,
            [RecordProblem(position="file", message="is not valid TOML here: nested too deeply")],
        ) from None


def parse_sources(text: str, file: str) -> SourceBook:
    """The ``[source.KEY]`` and ``[reading.KEY]`` tables of *text*; InvalidRecords lists all."""
    document = _toml(text, file)
    problems = _Problems(file)
    book = _book(document, problems)
    for key in document.keys() - {"source", "reading"}:
        if not isinstance(document[key], list):
            problems.add(key, f"unknown key {key!r} (expected source, reading or a service)")
    problems.raise_any()
    return book


def _book(document: Mapping[str, object], problems: _Problems) -> SourceBook:
    sources: dict[str, Source] = {}
    undated: set[str] = set()
    readings: dict[str, Reading] = {}
    for key, table in _tables(document.get("source", {}), "source", problems).items():
        _only(table, {"title", "url", "undated"}, f"source {key}", problems)
        try:
            sources[key] = Source(title=table.get("title", ""), url=table.get("url"))
        except InvalidInput as error:
            problems.add(f"source {key}", str(error))
        if table.get("undated", False) is True:
            undated.add(key)
    for key, table in _tables(document.get("reading", {}), "reading", problems).items():
        _only(table, {"en", "ja", "design"}, f"reading {key}", problems)
        try:
            text = Label(en=table.get("en", ""), ja=table.get("ja", ""))
            readings[key] = Reading(key=key, text=text, design=str(table.get("design", "")))
        except InvalidInput as error:
            problems.add(f"reading {key}", str(error))
    return SourceBook(sources=sources, undated=frozenset(undated), readings=readings)


def _tables(value: object, name: str, problems: _Problems) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        problems.add(name, f"must be tables [{name}.KEY]")
        return {}
    tables = {}
    for key, table in value.items():
        if isinstance(table, dict):
            tables[key] = table
        else:
            problems.add(f"{name} {key}", f"must be a table (got {table!r})")
    return tables


def _only(
    table: Mapping[str, object], allowed: set[str], position: str, problems: _Problems
) -> None:
    for key in sorted(table.keys() - allowed):
        problems.add(position, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")


@final
@attrs.frozen(kw_only=True)
class PolicyText:
    """A policy file read whole: its editions, its sources and readings, and every problem.

    Attributes:
        editions: for each service the file holds, its editions in fiscal-year order (a
            parameter with a problem is left out of its edition).
        book: the sources and readings the editions may name (the file's own added).
        problems: every problem found, in file order; none when the file is sound.
    """

    editions: Mapping[str, tuple[EditionRecord, ...]]
    book: SourceBook
    problems: tuple[RecordProblem, ...]


def read_editions(
    text: str,
    file: str,
    services: Mapping[str, Mapping[str, Converter]],
    book: SourceBook,
) -> PolicyText:
    """Everything *text* holds, with every problem listed rather than raised.

    Text that is not TOML at all raises InvalidRecords (nothing else can be read from it). The
    arguments are those of :func:`parse_editions`, which raises the problems this returns; a
    caller with more checks of its own (:func:`jetrules.policy.load`) lists them all together.
    """
    document = _toml(text, file)
    problems = _Problems(file)
    own = _book(document, problems)
    _redefined(own, book, problems)
    book = book.merged(own)
    found: dict[str, tuple[EditionRecord, ...]] = {}
    for key, value in document.items():
        if key in ("source", "reading"):
            continue
        if key not in services:
            known = ", ".join(sorted(services))
            problems.add(key, f"unknown service {key!r} (known: {known}, source, reading)")
            continue
        if not isinstance(value, list):
            problems.add(key, f"must be an array of editions [[{key}]]")
            continue
        found[key] = _editions(key, value, file, services[key], book, problems)
    return PolicyText(editions=found, book=book, problems=tuple(problems.found))


def _redefined(own: SourceBook, known: SourceBook, problems: _Problems) -> None:
    """Record each source or reading of *own* that gives a key of *known* another meaning.

    A file names a bundled source or reading by its key; one that defined it anew would have
    one key cite two sources (or rest on two readings) in one run.
    """
    for kind, mine, theirs in (
        ("source", own.sources, known.sources),
        ("reading", own.readings, known.readings),
    ):
        for key in sorted(mine.keys() & theirs.keys()):
            if mine[key] != theirs[key]:
                problems.add(
                    f"{kind} {key}",
                    f"redefines the bundled {kind} {key!r}: name it as it is, or give yours a "
                    "key of its own",
                )


def parse_editions(
    text: str,
    file: str,
    services: Mapping[str, Mapping[str, Converter]],
    book: SourceBook,
) -> dict[str, tuple[EditionRecord, ...]]:
    """The editions of every service in *text*, by service; InvalidRecords lists every problem.

    Args:
        text: the policy file's text.
        file: its name, for messages.
        services: for each service a file may hold, each parameter's converter.
        book: the sources and readings parameters may name (the file's own are added to it).
    """
    read = read_editions(text, file, services, book)
    if read.problems:
        raise InvalidRecords(file, read.problems)
    return dict(read.editions)


def _editions(  # noqa: PLR0917  (one call site, each argument named there)
    service: str,
    tables: Sequence[object],
    file: str,
    converters: Mapping[str, Converter],
    book: SourceBook,
    problems: _Problems,
) -> tuple[EditionRecord, ...]:
    editions: dict[FiscalYear, EditionRecord] = {}
    for number, table in enumerate(tables, start=1):
        position = f"{service} edition {number}"
        if not isinstance(table, dict):
            problems.add(position, "must be a table")
            continue
        year = _fiscal_year(table.get("fiscal_year"), position, problems)
        if year is None:
            continue
        position = f"{service} {year}"
        if year in editions:
            problems.add(position, f"fiscal_year {year.year} has two editions")
            continue
        if table.keys() == {"fiscal_year"}:
            problems.add(position, "holds no parameter: give at least one, or leave it out")
            continue
        parameters = []
        for name, entry in table.items():
            if name == "fiscal_year":
                continue
            if name not in converters:
                known = ", ".join(sorted(converters))
                problems.add(position, f"unknown parameter {name!r} (known: {known})")
                continue
            parameter = _parameter(
                name, entry, converters[name], book, f"{position}, {name}", problems
            )
            if parameter is not None:
                parameters.append(parameter)
        editions[year] = EditionRecord(
            service=service, fiscal_year=year, parameters=tuple(parameters), file=file
        )
    return tuple(sorted(editions.values(), key=lambda edition: edition.fiscal_year))


FIRST_YEAR, LAST_YEAR = 1948, 2150
"""The fiscal years an edition may be for: those with days the calendar covers (1948-07-20 to
2150-12-31; a test holds them to :mod:`jetrules.calendar`'s range). An edition for FY2151 (a
typo for 2025, say) could never apply."""


def _fiscal_year(value: object, position: str, problems: _Problems) -> FiscalYear | None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(position, f"'fiscal_year' must be a year such as 2019 (got {value!r})")
        return None
    if not FIRST_YEAR <= value <= LAST_YEAR:
        problems.add(
            position,
            f"'fiscal_year' must be from {FIRST_YEAR} to {LAST_YEAR}, the years the calendar "
            f"covers (got {value})",
        )
        return None
    return FiscalYear(value)


_PARAMETER_KEYS = {"value", "source", "quote", "paraphrase", "reading"}


def _parameter(  # noqa: PLR0917  (one call site)
    name: str,
    entry: object,
    convert: Converter,
    book: SourceBook,
    position: str,
    problems: _Problems,
) -> Parameter | None:
    if not isinstance(entry, dict):
        problems.add(
            position, f'must be a table such as {{ value = ..., source = "KEY" }} (got {entry!r})'
        )
        return None
    before = len(problems.found)
    _only(entry, _PARAMETER_KEYS, position, problems)
    provenance = _provenance(entry, book, position, problems)
    value: object = None
    if "value" in entry:
        raw = entry["value"]
        try:
            value = convert(raw.isoformat() if isinstance(raw, dt.date) else raw)
        except InvalidInput as error:
            problems.add(position, str(_naming(error, name)))
    elif provenance is not None and provenance.origin is not Origin.READING:
        problems.add(position, "a parameter with a source needs a 'value'")
    if provenance is None or len(problems.found) > before:
        return None
    return Parameter(name=name, value=value, provenance=provenance)


def _naming(error: InvalidInput, name: str) -> InvalidInput:
    """*error* naming parameter *name* where its converter named only the TOML key ``value``."""
    if error.field == "value" and error.rule is not None:
        return type(error).for_field(name, error.rule, error.value)
    return error


def _provenance(  # noqa: PLR0911  (one return per way a parameter can be wrong)
    entry: Mapping[str, object], book: SourceBook, position: str, problems: _Problems
) -> Provenance | None:
    source_key, reading_key = entry.get("source"), entry.get("reading")
    if (source_key is None) == (reading_key is None):
        problems.add(position, "needs exactly one of 'source' (a source's key) or 'reading'")
        return None
    if reading_key is not None:
        if entry.keys() & {"quote", "paraphrase"}:
            problems.add(
                position,
                "has a 'reading' and the words of a source ('quote' or 'paraphrase'): a reading "
                "is our choice where no source states the value; words go with a 'source'",
            )
            return None
        reading = book.readings.get(str(reading_key))
        if reading is None:
            problems.add(position, f"unknown reading {reading_key!r}")
            return None
        return Provenance(origin=Origin.READING, reading=reading)
    source = book.sources.get(str(source_key))
    if source is None:
        problems.add(position, f"unknown source {source_key!r}")
        return None
    quote, paraphrase = entry.get("quote"), entry.get("paraphrase")
    if quote is not None and paraphrase is not None:
        problems.add(position, "has both 'quote' and 'paraphrase': a value is one or the other")
        return None
    words = quote if quote is not None else paraphrase
    if words is not None and (not isinstance(words, str) or not words.strip()):
        problems.add(position, f"'quote' and 'paraphrase' must be non-empty text (got {words!r})")
        return None
    return Provenance(
        origin=Origin.PUBLISHED,
        source=source,
        quote=words,
        verbatim=quote is not None,
        undated=str(source_key) in book.undated,
    )
