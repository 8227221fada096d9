"""A policy: the caller's editions over the bundled ones, and a year's terms resolved (private).

Each family keeps its bundled editions (read from ``jetrules/policy/<service>.toml``) and resolves
a year's terms with :func:`resolve`: the year's edition, the caller's supplied parameters laid
over it (each remembering the published value it replaces), and, only when the caller names a
year to assume, that year's published values for whatever the edition leaves unpublished. Each
parameter keeps its :class:`~jetrules._kernel.provenance.Provenance`, so every answer made from
the terms can say which values were published, supplied or assumed.

>>> from jetrules._kernel.provenance import Parameter, Provenance, Origin
>>> def edition(year, **values):
...     published = Provenance(origin=Origin.PUBLISHED)
...     parameters = tuple(
...         Parameter(name=k, value=v, provenance=published) for k, v in values.items()
...     )
...     return EditionRecord(service="s", fiscal_year=FiscalYear(year), parameters=parameters,
...                          file="f")
>>> bundled = (edition(2024, cap=30_000, deadline=None), edition(2025, deadline="2026-04-01"))
>>> terms = resolve(bundled, FiscalYear(2025), ("cap", "deadline"), assume=FiscalYear(2024),
...                 service="Web Mail", hint="assume=FiscalYear(2024)", published=bundled)
>>> terms.value("cap"), terms.provenance("cap").origin, terms.provenance("cap").assumed_from
(30000, <Origin.ASSUMED: 'assumed'>, FiscalYear(2024))
>>> resolve(bundled, FiscalYear(2025), ("cap", "deadline"), assume=None, service="Web Mail",
...         hint="assume=FiscalYear(2024)", published=bundled)
Traceback (most recent call last):
...
jetrules.errors.NoRuleInForce: the Web Mail terms for FY2025 do not publish cap (only deadline); ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import final

import attrs

from jetrules._kernel.fiscal import FiscalYear, to_fiscal_year
from jetrules._kernel.provenance import (
    EditionRecord,
    Origin,
    Parameter,
    Provenance,
    SourceBook,
)
from jetrules.errors import InvalidInput, NoRuleInForce, WrongType

__all__ = [
    "SERVICE_NAMES",
    "Change",
    "Policy",
    "TermsOrigin",
    "changes",
    "merge",
    "provenance_of",
    "resolve",
    "terms_origin",
]


def _records(
    value: Mapping[str, Iterable[EditionRecord]],
) -> tuple[tuple[str, tuple[EditionRecord, ...]], ...]:
    return tuple(sorted((service, tuple(editions)) for service, editions in dict(value).items()))


SERVICE_NAMES = ("booking", "phone", "subsidy", "webmail")
"""The services a policy supplies editions of: each family's ``SERVICE``, the tables of a policy
file (``[[subsidy]]``). The kernel imports no family; a test holds this equal to theirs."""


@final
@attrs.frozen(kw_only=True)
class Policy:
    """Editions a caller supplies, by service, to be laid over the bundled ones.

    A value: it compares, hashes and pickles as one, so terms resolved under it can be memoised.

    Attributes:
        supplied: for each service, the editions the caller gives (possibly partial).
        book: the sources and readings those editions name.
        files: the files the editions were read from, for messages.
    """

    supplied: tuple[tuple[str, tuple[EditionRecord, ...]], ...] = attrs.field(
        default=(), converter=_records
    )
    book: SourceBook = attrs.field(factory=SourceBook, eq=False, hash=False)
    files: tuple[str, ...] = ()

    def editions(self, service: str) -> tuple[EditionRecord, ...]:
        """The editions supplied for *service* (none if the policy says nothing of it)."""
        return dict(self.supplied).get(service, ())

    def supplying(
        self, service: str, fiscal_year: FiscalYear | int | str, **values: object
    ) -> Policy:
        """This policy with *values* supplied for *service*'s *fiscal_year*: a what-if in code.

        The values are the terms' own (``Yen(40_000)``, not TOML text); they replace earlier
        supplied values of the same names.

        >>> policy = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=40_000)
        >>> policy.editions("subsidy")[0].value("annual_cap")
        40000

        A service the library does not know is refused: its values would never be read, and
        the what-if would answer with the published terms without a word.

        >>> Policy().supplying("subsidies", 2019, annual_cap=40_000)
        Traceback (most recent call last):
        ...
        jetrules.errors.InvalidInput: 'service' must be one of booking, phone, subsidy, webmail ...
        """
        if service not in SERVICE_NAMES:
            raise InvalidInput.for_field(
                "service",
                f"must be one of {', '.join(SERVICE_NAMES)} (a policy file's [[tables]])",
                service,
            )
        given = EditionRecord(
            service=service,
            fiscal_year=to_fiscal_year(fiscal_year),
            parameters=tuple(
                Parameter(name=name, value=_frozen(name, value), provenance=_SUPPLIED)
                for name, value in values.items()
            ),
            file="(supplied in code)",
        )
        return attrs.evolve(
            self,
            supplied={**dict(self.supplied), service: _over(self.editions(service), given)},
        )


_SUPPLIED = Provenance(origin=Origin.SUPPLIED)


def _frozen(name: str, value: object) -> object:
    """*value* as a policy holds it: a list as a tuple; refused if it still cannot be hashed.

    A policy is a value (it compares and hashes as one, and terms are memoised by it), so a set
    or a dict given in code is refused here, naming the parameter, not later as a TypeError.
    """
    held = tuple(value) if isinstance(value, list) else value
    try:
        hash(held)
    except TypeError:
        rule = "must be a value that cannot change, such as text, a number or a list of them"
        raise WrongType.for_field(name, rule, value) from None
    return held


def _over(editions: Sequence[EditionRecord], given: EditionRecord) -> tuple[EditionRecord, ...]:
    """*editions* with *given*'s parameters replacing those of the same year and names."""
    by_year = {edition.fiscal_year: edition for edition in editions}
    base = by_year.get(given.fiscal_year)
    if base is not None:
        kept = {p.name: p for p in base.parameters} | {p.name: p for p in given.parameters}
        given = attrs.evolve(base, parameters=tuple(kept.values()))
    by_year[given.fiscal_year] = given
    return tuple(by_year[year] for year in sorted(by_year))


def merge(
    bundled: Sequence[EditionRecord], supplied: Sequence[EditionRecord]
) -> tuple[EditionRecord, ...]:
    """*bundled* editions with *supplied* parameters laid over them, parameter by parameter.

    A supplied parameter becomes ``SUPPLIED``, remembering the bundled value it replaces (or
    ``None`` where the year publishes none); a supplied edition of a year with no bundled edition
    is added whole.
    """
    by_year = {edition.fiscal_year: edition for edition in bundled}
    for edition in supplied:
        base = by_year.get(edition.fiscal_year)
        kept = {p.name: p for p in base.parameters} if base is not None else {}
        for parameter in edition.parameters:
            published = kept.get(parameter.name)
            kept[parameter.name] = attrs.evolve(
                parameter,
                provenance=attrs.evolve(
                    parameter.provenance,
                    origin=Origin.SUPPLIED,
                    published=_published_value(published),
                ),
            )
        by_year[edition.fiscal_year] = attrs.evolve(
            edition if base is None else base, parameters=tuple(kept.values())
        )
    return tuple(by_year[year] for year in sorted(by_year))


def _published_value(parameter: Parameter | None) -> object:
    if parameter is None or parameter.provenance.origin is not Origin.PUBLISHED:
        return None if parameter is None else parameter.provenance.published
    return parameter.value


def resolve(
    editions: Sequence[EditionRecord],
    fiscal_year: FiscalYear,
    required: Sequence[str],
    *,
    assume: FiscalYear | None,
    service: str,
    hint: str,
    published: Sequence[EditionRecord],
) -> EditionRecord:
    """The complete edition for *fiscal_year*: every *required* parameter, each with provenance.

    What the year's edition (among *editions*, the caller's laid over the published) leaves out
    is taken from *assume*'s **published** edition (among *published*: ``ASSUMED``, naming the
    year) when the caller names one; otherwise ``NoRuleInForce`` says what is missing and *hint*
    says how to assume it. A year with no edition at all is missing every parameter. A value the
    caller supplied for the year assumed from is not assumed: it would be passed off as published.
    """
    by_year = {edition.fiscal_year: edition for edition in editions}
    edition = by_year.get(fiscal_year)
    held = edition.names() if edition is not None else frozenset()
    missing = [name for name in required if name not in held]
    if edition is not None and not missing:
        return edition
    if assume is None:
        raise NoRuleInForce(_missing_message(service, fiscal_year, missing, held, by_year, hint))
    publishing = {edition.fiscal_year: edition for edition in published}
    donor = publishing.get(assume)
    lacking = [name for name in missing if donor is None or name not in donor.names()]
    if donor is None or lacking:
        raise NoRuleInForce(
            f"{service} terms for {assume} do not publish {_names(lacking or missing)}, so they "
            f"cannot be assumed for {fiscal_year}; published editions exist for "
            f"{_years(publishing)}"
        )
    assumed = tuple(_assumed(donor.parameter(name), assume) for name in missing)
    base = edition.parameters if edition is not None else ()
    return EditionRecord(
        service=donor.service,
        fiscal_year=fiscal_year,
        parameters=base + assumed,
        file=edition.file if edition is not None else donor.file,
    )


def _assumed(parameter: Parameter, year: FiscalYear) -> Parameter:
    return attrs.evolve(
        parameter,
        provenance=attrs.evolve(parameter.provenance, origin=Origin.ASSUMED, assumed_from=year),
    )


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def _years(by_year: Mapping[FiscalYear, EditionRecord]) -> str:
    return ", ".join(str(year) for year in sorted(by_year)) or "none"


def _missing_message(  # noqa: PLR0917  (one call site)
    service: str,
    year: FiscalYear,
    missing: Sequence[str],
    held: frozenset[str],
    by_year: Mapping[FiscalYear, EditionRecord],
    hint: str,
) -> str:
    if not held:
        return (
            f"no {service} terms are published for {year}; editions exist for "
            f"{_years(by_year)} ({hint})"
        )
    return (
        f"the {service} terms for {year} do not publish {_names(missing)} (only "
        f"{_names(sorted(held))}); {hint}"
    )


@final
@attrs.frozen(kw_only=True)
class Change:
    """A parameter whose value differs from the published one: a what-if, made visible.

    Attributes:
        name: the parameter.
        value: the value applied.
        published: the published value (None where the year publishes none).
    """

    name: str
    value: object
    published: object


class TermsOrigin:
    """Where a set of terms comes from, as records and reason codes name it."""

    PUBLISHED = "published"
    SUPPLIED = "supplied"
    ASSUMED = "assumed"


def terms_origin(parameters: Iterable[Parameter]) -> str:
    """``assumed`` if a parameter was assumed, else ``supplied`` if one was, else ``published``."""
    origins = {parameter.provenance.origin for parameter in parameters}
    if Origin.ASSUMED in origins:
        return TermsOrigin.ASSUMED
    if Origin.SUPPLIED in origins:
        return TermsOrigin.SUPPLIED
    return TermsOrigin.PUBLISHED


def changes(parameters: Iterable[Parameter]) -> tuple[Change, ...]:
    """Every supplied parameter whose value differs from the published one, in order."""
    return tuple(
        Change(name=p.name, value=p.value, published=p.provenance.published)
        for p in parameters
        if p.provenance.origin is Origin.SUPPLIED and p.value != p.provenance.published
    )


def provenance_of(parameters: Iterable[Parameter]) -> Mapping[str, Provenance]:
    """Each parameter's provenance by name."""
    return {parameter.name: parameter.provenance for parameter in parameters}
