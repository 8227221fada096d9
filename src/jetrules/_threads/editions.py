"""Web Mail Counselling editions: the bundled policy file, a caller's policy, a year's terms.

Private: ``threads`` is its face. The editions are data, in ``jetrules/policy/webmail.toml``
(read on first use, never at import): one edition per fiscal year a dated source describes the
service in, each parameter with its source or our reading. :func:`terms_for` resolves a year's
terms from them, laying a caller's :class:`~jetrules._kernel.policy.Policy` over them and, only
when the caller names a year to ``assume``, taking what the year does not publish from that year.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.lazy import LazyTuple
from jetrules._kernel.policy import Policy, merge, provenance_of, resolve
from jetrules._kernel.policyfile import bundled_text, parse_editions, parse_sources
from jetrules._kernel.provenance import EditionRecord, Origin, SourceBook
from jetrules._threads.terms import (
    NOT_STATED,
    REQUIRED,
    SERVICE,
    SERVICE_NAME,
    UNLIMITED,
    VALUELESS,
    WebMailTerms,
    to_languages,
)
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import Label

__all__ = [
    "EDITIONS",
    "PARAMETERS",
    "bundled_book",
    "bundled_editions",
    "editions",
    "terms_for",
    "terms_from",
]

Converter = Callable[[Any], object]

_THREAD_COUNTS = {"unlimited": UNLIMITED, "not stated": NOT_STATED}


def _thread_count(value: object) -> Label:
    if isinstance(value, str) and value in _THREAD_COUNTS:
        return _THREAD_COUNTS[value]
    raise InvalidInput.for_field(
        "threads_per_participant", "must be 'unlimited' or 'not stated'", value
    )


_NO_VALUE = "takes no value: it names our reading of how a deadline counts"


def _no_value(value: object) -> object:
    raise InvalidInput.for_field("closed_day_receipt", _NO_VALUE, value)


def _checked(name: str, read: Converter | None = None) -> Converter:
    """A policy file's value of *name*, read by *read*, then checked by the terms' own field."""
    attribute = attrs.fields_dict(WebMailTerms)[name]

    def convert(value: object) -> object:
        converted = value if read is None else read(value)
        if attribute.validator is not None:
            attribute.validator(None, attribute, converted)
        return converted

    return convert


PARAMETERS: Mapping[str, Converter] = MappingProxyType(
    {
        "line_limit": _checked("line_limit"),
        "reply_business_days": _checked("reply_business_days"),
        "replies_per_thread": _checked("replies_per_thread"),
        "languages": _checked("languages", to_languages),
        "threads_per_participant": _checked("threads_per_participant", _thread_count),
        "closed_day_receipt": _no_value,
        "line_limit_for_follow_ups": _checked("line_limit_for_follow_ups"),
        "continuations_per_thread": _checked("continuations_per_thread"),
    }
)
"""Each parameter a ``[[webmail]]`` edition may hold, with what turns its TOML value into the
terms' value (refusing a bad one with ``InvalidInput``)."""


@functools.cache
def bundled_book() -> SourceBook:
    """The bundled sources, with the readings ``webmail.toml`` defines."""
    sources = parse_sources(bundled_text("sources"), "sources.toml")
    return sources.merged(parse_sources(bundled_text(SERVICE), f"{SERVICE}.toml"))


@functools.cache
def bundled_editions() -> tuple[EditionRecord, ...]:
    """The editions of ``jetrules/policy/webmail.toml``, oldest first (read once)."""
    book = parse_sources(bundled_text("sources"), "sources.toml")
    found = parse_editions(bundled_text(SERVICE), f"{SERVICE}.toml", {SERVICE: PARAMETERS}, book)
    return found.get(SERVICE, ())


def _checked_policy(policy: object) -> Policy | None:
    if policy is None or isinstance(policy, Policy):
        return policy
    raise WrongType.for_field("policy", "must be a Policy (see jetrules.policy.load)", policy)


def editions(policy: Policy | None = None) -> tuple[EditionRecord, ...]:
    """The bundled editions with *policy*'s web-mail editions laid over them.

    Parameter by parameter: each supplied value remembers the published one it replaces.

    >>> [str(edition.fiscal_year) for edition in editions()]
    ['FY2019', 'FY2020', 'FY2021', 'FY2023']
    """
    checked = _checked_policy(policy)
    bundled = bundled_editions()
    if checked is None:
        return bundled
    return tuple(
        _reading_values_kept(edition, bundled)
        for edition in merge(bundled, checked.editions(SERVICE))
    )


def _reading_values_kept(
    edition: EditionRecord, bundled: tuple[EditionRecord, ...]
) -> EditionRecord:
    """*edition* with each supplied value remembering the bundled reading's value it replaces.

    ``merge`` remembers only published values; a reading's value (one continuation per thread)
    is the bundled terms' value too, so supplying the same value is no what-if.
    """
    base = {record.fiscal_year: record for record in bundled}.get(edition.fiscal_year)
    if base is None:
        return edition
    kept = []
    for parameter in edition.parameters:
        provenance = parameter.provenance
        if (
            provenance.origin is Origin.SUPPLIED
            and provenance.published is None
            and parameter.name in base.names()
            and base.provenance(parameter.name).origin is Origin.READING
        ):
            provenance = attrs.evolve(provenance, published=base.value(parameter.name))
        kept.append(attrs.evolve(parameter, provenance=provenance))
    return attrs.evolve(edition, parameters=tuple(kept))


def terms_from(record: EditionRecord) -> WebMailTerms:
    """The terms a complete edition *record* gives, validated by :class:`WebMailTerms`."""
    unknown = sorted(record.names() - PARAMETERS.keys())
    if unknown:
        known = ", ".join(REQUIRED)
        raise InvalidInput.for_field(
            unknown[0],
            f"is not a {SERVICE_NAME} parameter (known: {known})",
            record.value(unknown[0]),
        )
    for name in VALUELESS:
        if record.value(name) is not None:
            raise InvalidInput.for_field(name, _NO_VALUE, record.value(name))
    values: dict[str, Any] = {
        name: record.value(name) for name in REQUIRED if name not in VALUELESS
    }
    return WebMailTerms(
        fiscal_year=record.fiscal_year, provenance=provenance_of(record.parameters), **values
    )


def _complete(record: EditionRecord) -> bool:
    return set(REQUIRED) <= record.names()


def _hint(year: FiscalYear, records: tuple[EditionRecord, ...]) -> str:
    """How to assume terms: from a complete edition of *records* (the published ones)."""
    complete = [record.fiscal_year for record in records if _complete(record)]
    earlier = [other for other in complete if other < year]
    if not complete:
        return "supply every parameter with policy= (--policy FILE)"
    chosen = max(earlier) if earlier else min(complete)
    return (
        f"assume another year's published terms: assume=FiscalYear({chosen.year}), or "
        f"--assume-terms-from {chosen.year} on the command line; or supply your own with policy= "
        "(--policy FILE)"
    )


def _terms(year: FiscalYear, policy: Policy | None, assume: FiscalYear | None) -> WebMailTerms:
    records = editions(policy)
    record = resolve(
        records,
        year,
        REQUIRED,
        assume=assume,
        service=SERVICE_NAME,
        hint=_hint(year, bundled_editions()),
        published=bundled_editions(),
    )
    return terms_from(record)


_memo = functools.cache(_terms)


def terms_for(
    fiscal_year: FiscalYear | int | str,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> WebMailTerms:
    """The terms in force in *fiscal_year*: the published edition, with *policy* laid over it.

    What the year does not publish is taken from the published terms of *assume*, when the
    caller names that year, each such value marked as assumed; otherwise ``NoRuleInForce`` says
    what is missing and how to assume it. The published values of the year still hold.

    >>> terms_for(FiscalYear(2021)).threads_per_participant
    Label(en='unlimited', ja='無制限')
    >>> terms_for("FY2024")
    Traceback (most recent call last):
    ...
    jetrules.errors.NoRuleInForce: no Web Mail Counselling terms are published for FY2024; ...
    >>> terms_for(2024, assume=2023).assumed[0]
    ('line_limit', FiscalYear(2023))
    """
    year = to_fiscal_year(fiscal_year)
    assumed = None if assume is None else to_fiscal_year(assume, "assume")
    checked = _checked_policy(policy)
    return _memo(year, checked, assumed)


def _published() -> tuple[WebMailTerms, ...]:
    return tuple(terms_from(record) for record in bundled_editions() if _complete(record))


EDITIONS: LazyTuple[WebMailTerms] = LazyTuple(_published)
"""Every complete published edition, oldest first (read from the policy file on first use)."""
