"""The Counselling Assistance Programme's terms, one edition per fiscal year (private).

:mod:`jetrules.subsidy` is the face of this module; import the names from there.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction
from typing import final

import attrs
import pendulum

from jetrules._kernel.editions import edition_for
from jetrules._kernel.fields import LabelledEnum, named_fields, of_type, to_optional_date
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Yen
from jetrules.text import Label, Lang, Source

__all__ = [
    "EDITIONS",
    "Place",
    "PlaceRequirement",
    "SubsidyTerms",
    "as_percent",
    "published_by_year",
    "terms_for",
    "to_place",
    "to_yen",
]


class Place(LabelledEnum):
    """Where a counselling session took place."""

    JAPAN = "japan"
    ABROAD = "abroad"

    @classmethod
    def parse(cls, text: Place | str) -> Place:
        """Read ``japan`` / ``abroad`` (any case) or ``日本`` / ``海外``.

        >>> Place.parse("Abroad"), Place.parse("日本")
        (<Place.ABROAD: 'abroad'>, <Place.JAPAN: 'japan'>)
        """
        if isinstance(text, Place):
            return text
        if not isinstance(text, str):
            raise WrongType.for_field("place", "must be 'japan' or 'abroad'", text)
        folded = text.strip().lower()
        for place in cls:
            if folded in (place.value, place.label.ja):
                return place
        raise InvalidInput.for_field("place", "must be 'japan' or 'abroad' (日本 / 海外)", text)

    @property
    def label(self) -> Label:
        """The place's name in English and Japanese."""
        return _PLACE_LABELS[self]


def to_place(value: Place | str) -> Place:
    """Converter: :meth:`Place.parse` (type checkers take a named function as a converter)."""
    return Place.parse(value)


_PLACE_LABELS = {
    Place.JAPAN: Label(en="in Japan", ja="日本"),
    Place.ABROAD: Label(en="abroad", ja="海外"),
}


class PlaceRequirement(LabelledEnum):
    """Where an edition's terms require counselling to take place."""

    IN_JAPAN = "in_japan"
    """"In Japan": FY2016 to FY2021."""
    ANY_PLACE = "any_place"
    """The terms name no place (FY2023). Read as no requirement: a receipt from abroad counts."""
    JAPAN_OR_ABROAD = "japan_or_abroad"
    """"In Japan or abroad": FY2024."""

    def allows(self, place: Place) -> bool:
        """Whether counselling at *place* meets this requirement.

        >>> PlaceRequirement.IN_JAPAN.allows(Place.ABROAD)
        False
        """
        return self is not PlaceRequirement.IN_JAPAN or place is Place.JAPAN

    @property
    def label(self) -> Label:
        """The requirement in English and Japanese."""
        return _REQUIREMENT_LABELS[self]


_REQUIREMENT_LABELS = {
    PlaceRequirement.IN_JAPAN: Label(en="in Japan", ja="日本国内"),
    PlaceRequirement.ANY_PLACE: Label(en="no place named", ja="場所の定めなし"),
    PlaceRequirement.JAPAN_OR_ABROAD: Label(en="in Japan or abroad", ja="日本国内または海外"),
}


def _rate(value: Fraction | int) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        raise WrongType.for_field("rate", "must be a Fraction such as Fraction(1, 2)", value)
    if not 0 < value <= 1:
        raise InvalidInput.for_field("rate", "must be more than 0 and at most 1", value)
    return Fraction(value)


def to_yen(value: Yen | int | Decimal | str) -> Yen:
    """Converter: :meth:`Yen.of` (type checkers take a named function as a converter)."""
    return Yen.of(value)


def as_percent(rate: Fraction) -> str:
    """*rate* as a percentage when it is a whole one, else as a fraction.

    >>> as_percent(Fraction(1, 2)), as_percent(Fraction(1, 3))
    ('50%', '1/3')
    """
    percent = rate * 100
    return f"{percent.numerator}%" if percent.denominator == 1 else str(rate)


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class SubsidyTerms:
    """The Counselling Assistance Programme's terms for one fiscal year.

    A what-if is a new value: ``attrs.evolve(terms_for(2019), annual_cap=Yen(40_000))``.

    Attributes:
        fiscal_year: the year the terms cover (counselling dated in it).
        rate: the share of eligible costs paid, before the cap.
        annual_cap: the most paid per participant in the fiscal year.
        place: where counselling must take place.
        claim_deadline: the day by which claims must reach the programme office, where published.
        source: where the terms were read.

    >>> terms = terms_for(2019)
    >>> terms.rate, terms.annual_cap, terms.place, terms.claim_deadline
    (Fraction(1, 2), Yen(30000), <PlaceRequirement.IN_JAPAN: 'in_japan'>, None)
    >>> print(terms.describe("en"))
    FY2019 terms: 50% of eligible costs, up to ¥30,000 per participant; in Japan; no claim deadline published
    """  # noqa: E501

    fiscal_year: FiscalYear = attrs.field(converter=to_fiscal_year)
    rate: Fraction = attrs.field(converter=_rate)
    annual_cap: Yen = attrs.field(converter=to_yen)
    place: PlaceRequirement = attrs.field(
        validator=of_type(PlaceRequirement, "must be a PlaceRequirement")
    )
    claim_deadline: pendulum.Date | None = attrs.field(converter=to_optional_date)
    source: Source = attrs.field(validator=of_type(Source, "must be a Source"))

    @claim_deadline.validator
    def _after_the_year(
        self, attribute: attrs.Attribute[pendulum.Date | None], value: pendulum.Date | None
    ) -> None:
        if value is not None and value <= self.fiscal_year.end:
            raise InvalidInput.for_field(
                attribute.name, f"must be after the fiscal year ends, {self.fiscal_year.end}", value
            )

    def render(self, lang: Lang) -> str:
        """The edition's short name: ``FY2019 terms`` / ``2019年度の要件``."""
        return (
            f"{self.fiscal_year} terms"
            if lang == "en"
            else f"{self.fiscal_year.render(lang)}の要件"
        )

    def describe(self, lang: Lang) -> str:
        """The terms in one line of *lang*."""
        if lang == "en":
            deadline = (
                "no claim deadline published"
                if self.claim_deadline is None
                else f"claims must arrive by {self.claim_deadline}"
            )
            return (
                f"{self.render(lang)}: {as_percent(self.rate)} of eligible costs, up to "
                f"{self.annual_cap} per participant; {self.place.render(lang)}; {deadline}"
            )
        deadline = (
            "申請期限の公表なし"
            if self.claim_deadline is None
            else f"申請は{self.claim_deadline}必着"
        )
        return (
            f"{self.render(lang)}：対象経費の{as_percent(self.rate)}、"
            f"1人あたり上限{self.annual_cap}；{self.place.render(lang)}；{deadline}"
        )


_HALF = Fraction(1, 2)

EDITIONS: tuple[SubsidyTerms, ...] = (
    SubsidyTerms(
        fiscal_year=2016,
        rate=_HALF,
        annual_cap=Yen(20_000),
        place=PlaceRequirement.IN_JAPAN,
        claim_deadline="2017-04-10",
        source=Source(
            title="CLAIR News, February and March 2017",
            url="https://jetprogramme.org/en/clairnewsmarch2017",
            quote="applications received after 10 April cannot be processed",
        ),
    ),
    SubsidyTerms(
        fiscal_year=2017,
        rate=_HALF,
        annual_cap=Yen(20_000),
        place=PlaceRequirement.IN_JAPAN,
        claim_deadline=None,
        source=Source(
            title="CLAIR News, June and August 2017",
            url="https://jetprogramme.org/en/clairnewsjune2017",
            quote="in Japan (medical institutions or counselling institutions), "
            "not covered by health insurance",
        ),
    ),
    SubsidyTerms(
        fiscal_year=2018,
        rate=_HALF,
        annual_cap=Yen(20_000),
        place=PlaceRequirement.IN_JAPAN,
        claim_deadline="2019-04-12",
        source=Source(
            title="CLAIR News, August 2018",
            url="https://jetprogramme.org/en/clairnewsaugust2018",
        ),
    ),
    SubsidyTerms(
        fiscal_year=2019,
        rate=_HALF,
        annual_cap=Yen(30_000),
        place=PlaceRequirement.IN_JAPAN,
        claim_deadline=None,
        source=Source(
            title="CLAIR's Mental Health Support (2019 copy)",
            url="https://ajetpsg.com/clair-counselling",
            quote="a partial subsidy (50%, up to ¥30,000 per year) for counselling costs incurred "
            "through consultation with mental health professionals in Japan not covered by "
            "health insurance. The coverage period is from 1 April 2019 to 31 March 2020.",
        ),
    ),
    SubsidyTerms(
        fiscal_year=2020,
        rate=_HALF,
        annual_cap=Yen(30_000),
        place=PlaceRequirement.IN_JAPAN,
        claim_deadline="2021-04-09",
        source=Source(
            title="CLAIR News, April 2020",
            url="https://jetprogramme.org/en/clairnewsapril2020",
        ),
    ),
    SubsidyTerms(
        fiscal_year=2021,
        rate=_HALF,
        annual_cap=Yen(30_000),
        place=PlaceRequirement.IN_JAPAN,
        claim_deadline="2022-04-08",
        source=Source(
            title="Saga JET, Mental health support (FY2021)",
            url="https://sagajet.com/support/mental-health",
            quote="up to 50% ... up to ¥30,000 for each JET",
        ),
    ),
    SubsidyTerms(
        fiscal_year=2023,
        rate=_HALF,
        annual_cap=Yen(30_000),
        place=PlaceRequirement.ANY_PLACE,
        claim_deadline="2024-04-05",
        source=Source(
            title="CLAIR News, June and November 2023",
            url="https://jetprogramme.org/en/clairnewsjune2023",
            quote="mental health professionals, not covered by health insurance",
        ),
    ),
    SubsidyTerms(
        fiscal_year=2024,
        rate=_HALF,
        annual_cap=Yen(30_000),
        place=PlaceRequirement.JAPAN_OR_ABROAD,
        claim_deadline=None,
        source=Source(
            title="JET Programme, Mental health support",
            url="https://jetprogramme.org/en/mental-health-support",
            quote="mental health professionals in Japan or abroad, not covered by health insurance",
        ),
    ),
)
"""Every edition with published terms, oldest first. FY2022 and FY2025 have none."""


@functools.cache
def published_by_year() -> dict[FiscalYear, SubsidyTerms]:
    """The published editions by fiscal year: a table built once, on first use; never changed."""
    return {terms.fiscal_year: terms for terms in EDITIONS}


def terms_for(fiscal_year: FiscalYear | int) -> SubsidyTerms:
    """The published terms for *fiscal_year*.

    >>> terms_for(2018).annual_cap
    Yen(20000)
    >>> terms_for(2022)
    Traceback (most recent call last):
    ...
    jetrules.errors.NoRuleInForce: no Counselling Assistance ... terms are published for FY2022; ...
    """
    year = to_fiscal_year(fiscal_year)
    return edition_for(
        year,
        EDITIONS,
        service="Counselling Assistance Programme",
        hint="to assess it anyway pass your own, e.g. assess(receipts, terms=[attrs.evolve("
        f"terms_for({EDITIONS[-1].fiscal_year.year}), fiscal_year=FiscalYear({year.year}), "
        "claim_deadline=None, source=Source(title='...'))])",
    )
