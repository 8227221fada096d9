"""The subsidy's editions: read from the policy files, laid under a caller's policy (private).

The bundled editions live in ``jetrules/policy/subsidy.toml`` and are read once, on first use
(importing :mod:`jetrules.subsidy` reads no file). A caller's :class:`Policy` is laid over them
parameter by parameter; :func:`terms_for` resolves a year's terms from the result, assuming
another year's published values for what the year leaves out only when the caller names that
year. :mod:`jetrules.subsidy` is the face of this module; import the names from there.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import attrs

from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.lazy import LazyTuple
from jetrules._kernel.policy import Policy, merge, resolve
from jetrules._kernel.policyfile import bundled_text, parse_editions, parse_sources
from jetrules._kernel.provenance import EditionRecord, Origin, Parameter
from jetrules._subsidy.parameters import OPTIONAL, PARAMETERS, REQUIRED, to_deadline
from jetrules._subsidy.terms import SubsidyTerms, check_deadline
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, InvalidRecords, NoRuleInForce, RecordProblem, WrongType

__all__ = [
    "EDITIONS",
    "SERVICE",
    "bundled_editions",
    "check_policy",
    "editions",
    "example_year",
    "missing",
    "resolution",
    "terms_for",
]

SERVICE = "subsidy"
"""The service's key in policy files: ``[[subsidy]]``."""

_NAME = "Counselling Assistance Programme"


@functools.cache
def bundled_editions() -> tuple[EditionRecord, ...]:
    """The editions of the bundled ``subsidy.toml``, checked whole; read once, on first use.

    Raises:
        InvalidRecords: listing every problem of the file with its edition and key (a value the
            terms refuse included), should the bundled file be malformed.
    """
    file = f"{SERVICE}.toml"
    book = parse_sources(bundled_text("sources"), "sources.toml")
    found = parse_editions(bundled_text(SERVICE), file, {SERVICE: PARAMETERS}, book)
    records = found.get(SERVICE, ())
    problems = [problem for record in records for problem in _problems(record)]
    if problems:
        raise InvalidRecords(file, problems)
    return records


def _problems(record: EditionRecord) -> list[RecordProblem]:
    """What the terms refuse in *record*: its terms when complete, else its deadline alone."""
    position = f"{SERVICE} {record.fiscal_year}"
    try:
        if set(REQUIRED) <= record.names():
            terms_of(record)
        elif "claim_deadline" in record.names():
            deadline = record.value("claim_deadline")
            if deadline is not None:
                check_deadline(record.fiscal_year, to_deadline(deadline))
    except InvalidInput as error:
        where = position if error.field is None else f"{position}, {error.field}"
        return [RecordProblem(position=where, message=str(error))]
    return []


def _published() -> tuple[SubsidyTerms, ...]:
    required = set(REQUIRED)
    return tuple(terms_of(r) for r in bundled_editions() if required <= r.names())


EDITIONS: LazyTuple[SubsidyTerms] = LazyTuple(_published)
"""Every edition with complete published terms, oldest first: FY2016-FY2021, FY2023, FY2024.

FY2022 has no published terms and FY2025 only its claim deadline (see :func:`editions`).
"""


@functools.cache
def example_year() -> int:
    """The newest year with complete published terms: the one messages suggest to assume."""
    required = set(REQUIRED)
    return max(r.fiscal_year.year for r in bundled_editions() if required <= r.names())


def check_policy(policy: Policy | None) -> Policy | None:
    """*policy*, checked to be a :class:`Policy` (or None)."""
    if policy is not None and not isinstance(policy, Policy):
        raise WrongType.for_field("policy", "must be a Policy (see jetrules.policy.load)", policy)
    return policy


def _policy(policy: Policy | None) -> Policy | None:
    """*policy* checked; ``None`` when it says nothing of the subsidy."""
    checked = check_policy(policy)
    return checked if checked is not None and checked.editions(SERVICE) else None


def editions(policy: Policy | None = None) -> tuple[EditionRecord, ...]:
    """The bundled editions with *policy*'s subsidy editions laid over them, in year order.

    A supplied value equal to the published one is the published one (nothing to mark); one that
    differs is ``SUPPLIED`` and remembers the value it replaces, a reading's included.
    """
    checked = _policy(policy)
    if checked is None:
        return bundled_editions()
    return _merged(bundled_editions(), checked.editions(SERVICE))


@functools.lru_cache(maxsize=64)
def _merged(
    bundled: tuple[EditionRecord, ...], supplied: tuple[EditionRecord, ...]
) -> tuple[EditionRecord, ...]:
    by_year = {edition.fiscal_year: edition for edition in bundled}
    return tuple(
        _as_published(edition, by_year.get(edition.fiscal_year))
        for edition in merge(bundled, supplied)
    )


def _as_published(edition: EditionRecord, base: EditionRecord | None) -> EditionRecord:
    """*edition* with each supplied value that equals *base*'s given back *base*'s parameter."""
    if base is None:
        return edition
    bundled = {parameter.name: parameter for parameter in base.parameters}
    return attrs.evolve(
        edition, parameters=tuple(_against(p, bundled.get(p.name)) for p in edition.parameters)
    )


def _against(parameter: Parameter, bundled: Parameter | None) -> Parameter:
    if bundled is None or parameter.provenance.origin is not Origin.SUPPLIED:
        return parameter
    if parameter.value == bundled.value:
        return bundled
    if bundled.provenance.origin is Origin.READING:  # remember our reading's value too
        provenance = attrs.evolve(parameter.provenance, published=bundled.value)
        return attrs.evolve(parameter, provenance=provenance)
    return parameter


def terms_for(
    fiscal_year: FiscalYear | int | str,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> SubsidyTerms:
    """The terms for *fiscal_year*: published, under *policy*, assuming *assume*'s for the rest.

    Args:
        fiscal_year: the year (``FiscalYear(2019)``, ``2019`` or ``"FY2019"``).
        policy: editions of the caller's laid over the bundled ones (what-ifs, a new year).
        assume: a year whose published values stand in for what *fiscal_year* does not publish
            (each then says so). A claim deadline assumed from another year moves with the year:
            FY2023's 5 April 2024 is 5 April 2023 for FY2022.

    Raises:
        NoRuleInForce: the year's terms are not published in full (saying what is missing and
            how to assume it), or *assume*'s do not publish what is missing.
        InvalidInput: a supplied value the terms refuse, naming its parameter.

    >>> terms_for(2018).annual_cap
    Yen(20000)
    >>> terms_for(2025)
    Traceback (most recent call last):
    ...
    jetrules.errors.NoRuleInForce: the Counselling Assistance Programme terms for FY2025 do not publish rate, ...
    >>> assumed = terms_for(2025, assume=FiscalYear(2024))
    >>> assumed.annual_cap, assumed.claim_deadline, assumed.origin, assumed.assumed_from
    (Yen(30000), Date(2026, 4, 1), 'assumed', FiscalYear(2024))
    """  # noqa: E501
    year = to_fiscal_year(fiscal_year)
    donor = None if assume is None else to_fiscal_year(assume, "assume")
    return _terms(year, _policy(policy), donor)


@functools.lru_cache(maxsize=512)
def _terms(year: FiscalYear, policy: Policy | None, assume: FiscalYear | None) -> SubsidyTerms:
    latest = example_year()
    held = editions(policy)
    record = resolve(
        held,
        year,
        _wanted(held, assume),
        assume=assume,
        service=_NAME,
        hint=f"assume another year's published terms with assume=FiscalYear({latest}) "
        f"(--assume-terms-from {latest} on the command line), or supply them with policy= "
        "(--policy FILE)",
        published=bundled_editions(),
    )
    return terms_of(record)


def _wanted(held: Sequence[EditionRecord], assume: FiscalYear | None) -> tuple[str, ...]:
    """The parameters to resolve: :data:`REQUIRED`, and the optional ones *assume* publishes.

    A year's own optional parameters come with its edition; assuming a year assumes its
    optional ones too where the year leaves them out.
    """
    donor = next((edition for edition in held if edition.fiscal_year == assume), None)
    if donor is None:
        return REQUIRED
    return (*REQUIRED, *(name for name in OPTIONAL if name in donor.names()))


def terms_of(record: EditionRecord) -> SubsidyTerms:
    """The terms a complete edition *record* gives (the attrs class checks every value)."""
    parameters = [_moved(_known(p), record.fiscal_year) for p in record.parameters]
    return SubsidyTerms(
        fiscal_year=record.fiscal_year,
        provenance={p.name: p.provenance for p in parameters},
        **{p.name: p.value for p in parameters},  # type: ignore[arg-type]  # the class checks each
    )


def _known(parameter: Parameter) -> Parameter:
    if parameter.name not in PARAMETERS:
        raise InvalidInput.for_field(
            parameter.name,
            f"is not a parameter of the subsidy (known: {', '.join(PARAMETERS)})",
            parameter.value,
        )
    return parameter


def _moved(parameter: Parameter, year: FiscalYear) -> Parameter:
    """*parameter*, with an assumed claim deadline moved from its own year to *year*.

    The date then stands on no source (the one it came from states another year's date).
    """
    provenance = parameter.provenance
    if (
        parameter.name != "claim_deadline"
        or provenance.assumed_from is None
        or parameter.value is None
    ):
        return parameter
    deadline = to_deadline(parameter.value)
    moved = deadline.add(years=year.year - provenance.assumed_from.year)
    unsourced = attrs.evolve(provenance, source=None, quote=None, verbatim=False)
    return attrs.evolve(parameter, value=moved, provenance=unsourced)


def missing(fiscal_year: FiscalYear, policy: Policy | None = None) -> tuple[str, ...]:
    """The parameters *fiscal_year*'s edition does not publish (every one, with no edition)."""
    held: Iterable[str] = ()
    for edition in editions(policy):
        if edition.fiscal_year == fiscal_year:
            held = edition.names()
    return tuple(name for name in REQUIRED if name not in set(held))


def resolution(
    fiscal_year: FiscalYear, policy: Policy | None, assume: FiscalYear | None
) -> SubsidyTerms | Sequence[str]:
    """*fiscal_year*'s terms; without them (and no year to assume), the parameters missing.

    Raises:
        NoRuleInForce: *assume* does not publish what the year leaves out.
    """
    try:
        return _terms(fiscal_year, _policy(policy), assume)
    except NoRuleInForce:
        if assume is not None:
            raise
        return missing(fiscal_year, policy)
