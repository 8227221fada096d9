"""The Skype Counselling editions: read from the bundled policy file, merged with a caller's.

Private: :mod:`jetrules.booking` is its face. ``jetrules/policy/booking.toml`` holds one edition
per fiscal year, each parameter with its source or reading; it is read on first use (importing
the face reads no file). :func:`terms_for` resolves a year's terms: the year's edition, any values
a caller's :class:`~jetrules._kernel.policy.Policy` supplies laid over it, and, only when the
caller names a year to ``assume``, that year's published values for what the edition leaves out.

>>> terms_for("FY2021").yearly_session_limit
7
>>> terms_for(FiscalYear(2024))
Traceback (most recent call last):
...
jetrules.errors.NoRuleInForce: no Skype Counselling terms are published for FY2024; editions \
exist for FY2019, FY2020, FY2021, FY2023 (assume another year's published terms: \
assume=FiscalYear(2023), or --assume-terms-from 2023 on the command line; or supply your own \
with policy= (--policy FILE))
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from jetrules._booking.origin import undated
from jetrules._booking.terms import BookingTerms
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.lazy import LazyTuple
from jetrules._kernel.policy import Policy, merge, resolve
from jetrules._kernel.policyfile import bundled_text, parse_editions, parse_sources
from jetrules._kernel.provenance import EditionRecord, Origin, Parameter, SourceBook
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import Source

__all__ = [
    "EDITIONS",
    "PARAMETERS",
    "REQUIRED",
    "SERVICE",
    "SERVICE_NAME",
    "bundled",
    "cited",
    "editions",
    "terms_for",
    "terms_from",
    "to_assumed_year",
    "to_policy",
]

SERVICE = "booking"
"""The service's key in policy files (``[[booking]]``) and in a :class:`Policy`."""

SERVICE_NAME = "Skype Counselling"
"""The service as messages name it."""


def _time(value: object, name: str) -> object:
    """A TOML time (``21:30:00``) as given, or ``"21:30"`` text as a time; else as given.

    Text that is no time is refused naming parameter *name*.
    """
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise InvalidInput.for_field(
                name, "must be a time of day such as 21:30", value
            ) from None
    return value


def _as_given(value: object, name: str) -> object:
    return value


def _checked(name: str, shape: Callable[[object, str], object]) -> Callable[[Any], object]:
    """The converter of parameter *name*: *shape* the TOML value, then judge it.

    The terms class's own converter and validator of that field judge it, so validation stays
    in one place.
    """
    field = getattr(attrs.fields(BookingTerms), name)

    def convert(raw: Any) -> object:
        value = shape(raw, name)
        if field.converter is not None:
            value = field.converter(value)
        field.validator(None, field, value)
        return value

    return convert


PARAMETERS: Mapping[str, Callable[[Any], object]] = MappingProxyType(
    {
        "session_minutes": _checked("session_minutes", _as_given),
        "max_preferred_times": _checked("max_preferred_times", _as_given),
        "lead_business_days": _checked("lead_business_days", _as_given),
        "sessions_start_from": _checked("sessions_start_from", _time),
        "sessions_end_by": _checked("sessions_end_by", _time),
        "hours_bound": _checked("hours_bound", _as_given),
        "closed_on_holidays": _checked("closed_on_holidays", _as_given),
        "yearly_session_limit": _checked("yearly_session_limit", _as_given),
        "lead_time_for_reschedules": _checked("lead_time_for_reschedules", _as_given),
        "confirm_only_preferred": _checked("confirm_only_preferred", _as_given),
        "cancellation_without_contact_counts": _checked(
            "cancellation_without_contact_counts", _as_given
        ),
    }
)
"""Each parameter of a booking edition, with its converter from the TOML value."""

REQUIRED: tuple[str, ...] = tuple(PARAMETERS)
"""The parameters a complete edition holds (a reading without a value counts as held)."""


@functools.cache
def _book() -> SourceBook:
    return parse_sources(bundled_text("sources"), "sources.toml")


@functools.cache
def bundled() -> tuple[EditionRecord, ...]:
    """The editions of ``booking.toml``, oldest first (InvalidRecords if the file is malformed)."""
    records = parse_editions(
        bundled_text(SERVICE), f"{SERVICE}.toml", {SERVICE: PARAMETERS}, _book()
    )
    return records.get(SERVICE, ())


def cited(key: str) -> Source:
    """The bundled source *key*, for a reason that rests on it rather than on a parameter.

    >>> print(cited("hajet"))
    HAJET, Mental Health Counseling (undated page) <https://hajet.org/mental-health-counseling>
    """
    book = _book()
    source = book.sources[key]
    return undated(source) if key in book.undated else source


def to_policy(value: object) -> Policy | None:
    """*value* if it is a :class:`Policy` or ``None``; WrongType naming ``policy`` otherwise."""
    if value is not None and not isinstance(value, Policy):
        raise WrongType.for_field(
            "policy", "must be a Policy (jetrules.policy.load) or None", value
        )
    return value


def to_assumed_year(value: FiscalYear | int | str | None) -> FiscalYear | None:
    """*value*, the year whose published terms to assume, as a :class:`FiscalYear` (or None)."""
    return None if value is None else to_fiscal_year(value, "assume")


def editions(policy: Policy | None = None) -> tuple[EditionRecord, ...]:
    """The booking editions: the bundled ones, with *policy*'s supplied values laid over them.

    >>> [str(edition.fiscal_year) for edition in editions()]
    ['FY2019', 'FY2020', 'FY2021', 'FY2023']
    """
    checked = to_policy(policy)
    supplied = () if checked is None else checked.editions(SERVICE)
    return _against_bundled(merge(bundled(), supplied)) if supplied else bundled()


def _against_bundled(records: Sequence[EditionRecord]) -> tuple[EditionRecord, ...]:
    """*records*, the bundled editions with supplied values over them, set against the bundled.

    A supplied value equal to the bundled one changes nothing: the bundled parameter, with its
    source or reading, stays. One that differs from a reading's value (``hours_bound``'s ``end``)
    remembers that value as the one it replaces, as the merge does for a source's.
    """
    by_year = {record.fiscal_year: record for record in bundled()}
    kept = []
    for record in records:
        base = by_year.get(record.fiscal_year)
        parameters = tuple(
            _against(parameter, base.parameter(parameter.name))
            if base is not None and parameter.name in base.names()
            else parameter
            for parameter in record.parameters
        )
        kept.append(attrs.evolve(record, parameters=parameters))
    return tuple(kept)


def _against(parameter: Parameter, bundled_one: Parameter) -> Parameter:
    if parameter.value == bundled_one.value:
        return bundled_one
    if bundled_one.provenance.origin is Origin.READING:
        provenance = attrs.evolve(parameter.provenance, published=bundled_one.value)
        return attrs.evolve(parameter, provenance=provenance)
    return parameter


def _hint(records: Sequence[EditionRecord]) -> str:
    """How to assume terms: from the latest complete edition of *records* (the published ones)."""
    complete = [r.fiscal_year for r in records if r.names() >= frozenset(REQUIRED)]
    if not complete:
        return "supply terms of your own with policy= (--policy FILE)"
    year = max(complete).year
    return (
        f"assume another year's published terms: assume=FiscalYear({year}), or "
        f"--assume-terms-from {year} on the command line; or supply your own with policy= "
        "(--policy FILE)"
    )


def _build(record: EditionRecord) -> BookingTerms:
    """The terms *record* holds, each parameter's value in the form the terms class gives it."""
    values: dict[str, Any] = {name: record.value(name) for name in REQUIRED}
    terms = BookingTerms(fiscal_year=record.fiscal_year, **values)
    parameters = tuple(
        attrs.evolve(parameter, value=getattr(terms, parameter.name))
        for parameter in record.parameters
        if parameter.name in values
    )
    return attrs.evolve(terms, parameters=parameters)


def terms_from(
    records: Sequence[EditionRecord], fiscal_year: FiscalYear, assume: FiscalYear | None
) -> BookingTerms:
    """The terms of *fiscal_year* among *records*: NoRuleInForce names what is missing.

    What the year leaves out is assumed from *assume*'s published (bundled) edition.
    """
    record = resolve(
        records,
        fiscal_year,
        REQUIRED,
        assume=assume,
        service=SERVICE_NAME,
        hint=_hint(bundled()),
        published=bundled(),
    )
    return _build(record)


@functools.lru_cache(maxsize=256)
def _memo(year: FiscalYear, policy: Policy | None, assume: FiscalYear | None) -> BookingTerms:
    return terms_from(editions(policy), year, assume)


def terms_for(
    fiscal_year: FiscalYear | int | str,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> BookingTerms:
    """The terms in force in *fiscal_year* (``FiscalYear(2021)``, ``2021`` or ``"FY2021"``).

    Args:
        fiscal_year: the year asked about.
        policy: editions of the caller's own (:func:`jetrules.policy.load`), laid over the
            published ones value by value; each value that differs says so (``origin``,
            ``changes``, the ``SUPPLIED_TERMS`` note).
        assume: a year whose published values to take for what *fiscal_year* leaves
            unpublished; each such value says so (the ``ASSUMED_TERMS`` note).

    Raises:
        NoRuleInForce: the year (or *assume*) does not publish every parameter; the message
            names what is missing and how to assume it.
    """
    year = to_fiscal_year(fiscal_year)
    checked = to_policy(policy)
    assumed = to_assumed_year(assume)
    return _memo(year, checked, assumed)


def _published() -> tuple[BookingTerms, ...]:
    return tuple(_build(record) for record in bundled() if record.names() >= frozenset(REQUIRED))


EDITIONS: LazyTuple[BookingTerms] = LazyTuple(_published)
"""Every complete published edition, oldest first, read from ``booking.toml`` on first use."""
