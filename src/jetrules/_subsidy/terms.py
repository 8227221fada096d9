"""The Counselling Assistance Programme's terms for one fiscal year (private).

:mod:`jetrules.subsidy` is the face of this module; import the names from there. The terms of a
year are built from its edition in the policy files (:mod:`jetrules._subsidy.editions`); each
parameter keeps its :class:`~jetrules._kernel.provenance.Provenance`, so whatever is decided under
the terms can say which values were published, read, assumed or supplied, and cite only the
sources that state them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import final

import attrs
import pendulum

from jetrules._kernel.fields import named_fields, of_type, to_optional_date
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.frozen import FrozenMapping
from jetrules._kernel.participants import ClaimDocuments, to_claim_documents
from jetrules._kernel.policy import Change, changes, terms_origin
from jetrules._kernel.provenance import Origin, Parameter, Provenance
from jetrules._subsidy.parameters import OPTIONAL, REQUIRED, ShareOut, as_percent, to_cap, to_rate
from jetrules._subsidy.place import PlaceRequirement
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, NoRuleInForce
from jetrules.money import Rounding, Yen
from jetrules.text import Lang, Source

__all__ = ["ProvenanceMap", "SubsidyTerms", "check_deadline"]


@final
class ProvenanceMap(FrozenMapping[str, Provenance]):
    """Each parameter's provenance by name: a read-only mapping that compares and hashes as one.

    >>> first = ProvenanceMap({"rate": Provenance(origin=Origin.READING)})
    >>> first == ProvenanceMap(first) == {"rate": Provenance(origin=Origin.READING)}
    True
    >>> hash(first) == hash(ProvenanceMap(first))
    True
    """

    __slots__ = ()

    def __init__(
        self, items: Mapping[str, Provenance] | Iterable[tuple[str, Provenance]] = ()
    ) -> None:
        self._items = dict(items)

    __hash__ = FrozenMapping.__hash__  # defining __eq__ alone would unset it

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._items == dict(other.items())

    def __repr__(self) -> str:
        return f"ProvenanceMap({self._items!r})"

    def __reduce__(self) -> tuple[type[ProvenanceMap], tuple[dict[str, Provenance]]]:
        return (ProvenanceMap, (self._items,))


def check_deadline(fiscal_year: FiscalYear, deadline: pendulum.Date | None) -> None:
    """Refuse a claim deadline that is not after *fiscal_year* ends (claims follow the year)."""
    if deadline is not None and deadline <= fiscal_year.end:
        raise InvalidInput.for_field(
            "claim_deadline", f"must be after the fiscal year ends, {fiscal_year.end}", deadline
        )


def _provenance_map(value: Mapping[str, Provenance]) -> ProvenanceMap:
    return value if isinstance(value, ProvenanceMap) else ProvenanceMap(value)


_FLAG = of_type(bool, "must be True or False")


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields, cache_hash=True)
class SubsidyTerms:
    """The Counselling Assistance Programme's terms for one fiscal year.

    Get them with :func:`terms_for`; a what-if is a policy (``policy=``), so that what is decided
    under it says which values were supplied and what was published.

    Attributes:
        fiscal_year: the year the terms cover (counselling dated in it).
        rate: the share of eligible costs paid, before the cap.
        annual_cap: the most paid per participant in the fiscal year.
        place: where counselling must take place.
        claim_deadline: the day by which claims must reach the programme office, where published.
        insured_costs_excluded: whether costs covered by health insurance are not eligible.
        professional_required: whether only counselling by a mental health professional counts.
        rounding: how the year's subsidy, ``rate x total eligible``, becomes whole yen.
        share_out: how the year's subsidy is shared out over its receipts.
        claim_documents: what a claim is made of (the application form, the receipts, a copy of
            the bank book's inside cover), or ``None`` where the edition does not publish it
            (:meth:`required_documents` then raises ``NoRuleInForce``).
        provenance: where each parameter's value comes from (published, a reading, assumed from
            another year, or supplied by the caller).

    >>> from jetrules.subsidy import terms_for
    >>> terms = terms_for(2019)
    >>> terms.rate, terms.annual_cap, terms.place, terms.claim_deadline
    (Fraction(1, 2), Yen(30000), <PlaceRequirement.IN_JAPAN: 'in_japan'>, None)
    >>> print(terms.describe("en"))
    FY2019 terms: 50% of eligible costs, up to ¥30,000 per participant; in Japan; no claim deadline published
    >>> terms.origin, terms.provenance["claim_deadline"].reading.key
    ('published', 'no-deadline-published')
    """  # noqa: E501

    fiscal_year: FiscalYear = attrs.field(converter=to_fiscal_year)
    rate: Fraction = attrs.field(converter=to_rate)
    annual_cap: Yen = attrs.field(converter=to_cap)
    place: PlaceRequirement = attrs.field(
        validator=of_type(PlaceRequirement, "must be a PlaceRequirement")
    )
    claim_deadline: pendulum.Date | None = attrs.field(converter=to_optional_date)
    insured_costs_excluded: bool = attrs.field(validator=_FLAG)
    professional_required: bool = attrs.field(validator=_FLAG)
    rounding: Rounding = attrs.field(validator=of_type(Rounding, "must be a Rounding"))
    share_out: ShareOut = attrs.field(validator=of_type(ShareOut, "must be a ShareOut"))
    claim_documents: ClaimDocuments | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(to_claim_documents),
        validator=attrs.validators.optional(of_type(ClaimDocuments, "must be ClaimDocuments")),
    )
    provenance: ProvenanceMap = attrs.field(
        factory=ProvenanceMap, converter=_provenance_map, repr=False
    )

    @claim_deadline.validator
    def _after_the_year(
        self, attribute: attrs.Attribute[pendulum.Date | None], value: pendulum.Date | None
    ) -> None:
        check_deadline(self.fiscal_year, value)

    def subsidy_of(self, eligible: int) -> int:
        """The year's subsidy, before the cap, for *eligible* yen: ``rate x eligible``, rounded.

        >>> from jetrules.subsidy import terms_for
        >>> terms_for(2019).subsidy_of(7_001)
        3500
        """
        if self.rounding is Rounding.FLOOR:
            return eligible * self.rate.numerator // self.rate.denominator
        return self.rounding.apply(eligible * self.rate)

    def subsidy_function(self) -> Callable[[int], int]:
        """:meth:`subsidy_of` as a function of the total alone, for a loop over many totals.

        The rate's parts are taken once (a ``Fraction``'s are properties, read on every call
        of :meth:`subsidy_of`); the answers are :meth:`subsidy_of`'s.

        >>> from jetrules.subsidy import terms_for
        >>> terms_for(2019).subsidy_function()(7_001)
        3500
        """
        if self.rounding is Rounding.FLOOR:
            numerator, denominator = self.rate.numerator, self.rate.denominator
            return lambda eligible: eligible * numerator // denominator
        return self.subsidy_of

    def required_documents(self) -> ClaimDocuments:
        """The documents a claim under these terms is made of.

        >>> from jetrules.subsidy import terms_for
        >>> print(terms_for(2021).required_documents().render("en"))
        application form, receipts, copy of the bank book's inside cover

        Raises:
            NoRuleInForce: the edition does not publish them.
        """
        if self.claim_documents is None:
            raise NoRuleInForce(
                f"the Counselling Assistance Programme terms for {self.fiscal_year} do not "
                "publish claim_documents; assume another year's published terms (assume=) or "
                "supply them with policy="
            )
        return self.claim_documents

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """Each parameter with a known provenance, with its value, in :data:`REQUIRED` order.

        The optional ones (``claim_documents``) follow, so that a supplied one says so too.
        """
        return tuple(
            Parameter(name=name, value=getattr(self, name), provenance=self.provenance[name])
            for name in (*REQUIRED, *OPTIONAL)
            if name in self.provenance
        )

    @property
    def origin(self) -> str:
        """``assumed`` if a value was assumed, else ``supplied`` if one was, else ``published``."""
        return terms_origin(self.parameters)

    @property
    def changes(self) -> tuple[Change, ...]:
        """Each supplied value that differs from the published one (a what-if), with both."""
        return changes(self.parameters)

    @property
    def assumed(self) -> tuple[str, ...]:
        """The parameters whose values were assumed from another year (see :attr:`assumed_from`)."""
        return tuple(p.name for p in self.parameters if p.provenance.origin is Origin.ASSUMED)

    @property
    def assumed_from(self) -> FiscalYear | None:
        """The year whose published values were assumed, if any were."""
        for parameter in self.parameters:
            if parameter.provenance.assumed_from is not None:
                return parameter.provenance.assumed_from
        return None

    def cited(self, name: str) -> Source | None:
        """The source that states parameter *name*'s value, if one does (a reading has none)."""
        provenance = self.provenance.get(name)
        return None if provenance is None else provenance.source

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the values rest on, once each, in parameter order."""
        found: dict[Source, None] = {}
        for parameter in self.parameters:
            if parameter.provenance.source is not None:
                found[parameter.provenance.source] = None
        return tuple(found)

    @property
    def source(self) -> Source | None:
        """The first of :attr:`sources` (the one that states the rate), if any."""
        return self.sources[0] if self.sources else None

    def render(self, lang: Lang) -> str:
        """The edition's short name: ``FY2019 terms`` / ``2019年度の要件``."""
        return (
            f"{self.fiscal_year} terms"
            if lang == "en"
            else f"{self.fiscal_year.render(lang)}の要件"
        )

    @property
    def dropped_deadline(self) -> pendulum.Date | None:
        """The published claim deadline these terms leave out (a what-if without one), if any.

        >>> from jetrules.subsidy import terms_for
        >>> terms_for(2023).dropped_deadline is None
        True
        """
        for change in self.changes:
            published = change.published
            if change.name == "claim_deadline" and isinstance(published, pendulum.Date):
                return published if change.value is None else None
        return None

    def describe(self, lang: Lang) -> str:
        """The terms in one line of *lang*."""
        none = self.dropped_deadline is None  # published none, or supplied none (a what-if)
        if lang == "en":
            deadline = (
                ("no claim deadline published" if none else "no claim deadline")
                if self.claim_deadline is None
                else f"claims must arrive by {self.claim_deadline}"
            )
            return (
                f"{self.render(lang)}: {as_percent(self.rate)} of eligible costs, up to "
                f"{self.annual_cap} per participant; {self.place.render(lang)}; {deadline}"
            )
        deadline = (
            ("申請期限の公表なし" if none else "申請期限なし")
            if self.claim_deadline is None
            else f"申請は{self.claim_deadline}必着"
        )
        return (
            f"{self.render(lang)}：対象経費の{as_percent(self.rate)}、"
            f"1人あたり上限{self.annual_cap}；{self.place.render(lang)}；{deadline}"
        )
