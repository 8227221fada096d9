"""Where counselling took place, and where a year's terms require it (private; see subsidy)."""

from __future__ import annotations

from jetrules._kernel.fields import LabelledEnum
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import Label

__all__ = ["Place", "PlaceRequirement", "to_place", "to_place_requirement"]


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


def to_place_requirement(value: object) -> PlaceRequirement:
    """A policy file's ``place`` (``in_japan``, ``any_place``, ``japan_or_abroad``) as a value.

    >>> to_place_requirement("japan_or_abroad")
    <PlaceRequirement.JAPAN_OR_ABROAD: 'japan_or_abroad'>
    """
    if isinstance(value, PlaceRequirement):
        return value
    known = ", ".join(requirement.value for requirement in PlaceRequirement)
    if not isinstance(value, str):
        raise WrongType.for_field("place", f"must be one of {known}", value)
    try:
        return PlaceRequirement(value)
    except ValueError:
        raise InvalidInput.for_field("place", f"must be one of {known}", value) from None
