"""The values a policy file is read into: editions, parameters and their provenance (private).

:mod:`jetrules._kernel.policyfile` reads policy files into these; each family builds its terms
from them, and every answer can say where each parameter it applied came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import final

import attrs

from jetrules._kernel.fields import LabelledEnum
from jetrules._kernel.fiscal import FiscalYear
from jetrules.text import Label, Source

__all__ = ["EditionRecord", "Origin", "Parameter", "Provenance", "Reading", "SourceBook"]


@final
@attrs.frozen(kw_only=True)
class Reading:
    """Our documented choice where no source states a parameter (shown on the rules page).

    Attributes:
        key: the name policy files use for it.
        text: what we chose, in English and Japanese.
        design: where the design page explains it (``design.md#anchor``).
    """

    key: str
    text: Label
    design: str


class Origin(LabelledEnum):
    """Where a parameter's value comes from."""

    PUBLISHED = "published"
    """A source of the programme states it."""
    READING = "reading"
    """No source states it: our documented reading."""
    ASSUMED = "assumed"
    """Not published for the year: another year's published value, at the caller's request."""
    SUPPLIED = "supplied"
    """The caller's own value (their policy file, or a what-if)."""

    @property
    def label(self) -> Label:
        """The origin in English and Japanese."""
        return _ORIGIN_LABELS[self]


_ORIGIN_LABELS = {
    Origin.PUBLISHED: Label(en="published", ja="公表"),
    Origin.READING: Label(en="reading", ja="解釈"),
    Origin.ASSUMED: Label(en="assumed", ja="仮定"),
    Origin.SUPPLIED: Label(en="supplied", ja="利用者指定"),
}


@final
@attrs.frozen(kw_only=True)
class Provenance:
    """Where one parameter's value comes from, and what stands behind it.

    Attributes:
        origin: published, reading, assumed or supplied.
        source: the source that states the value (for an assumed value, the other year's).
        quote: the source's words: verbatim when ``verbatim``, our summary otherwise.
        verbatim: whether ``quote`` is the source's own words.
        undated: whether the source is an undated page (a wiki), not a dated notice.
        reading: our documented reading, where no source states the value.
        assumed_from: the fiscal year whose published value was assumed.
        published: for a supplied value, the published value it replaces (None if none).
    """

    origin: Origin
    source: Source | None = None
    quote: str | None = None
    verbatim: bool = False
    undated: bool = False
    reading: Reading | None = None
    assumed_from: FiscalYear | None = None
    published: object = None


@final
@attrs.frozen(kw_only=True)
class Parameter:
    """One parameter of an edition: its name, value and provenance.

    Values compare with their type: ``Yen(40_000)`` equals the int ``40_000`` but writes
    itself otherwise, so two policies supplying them are different policies (a memo keyed by
    a policy must not give the one's rules page for the other).
    """

    name: str
    value: object = attrs.field(eq=lambda value: (type(value), value))
    provenance: Provenance


@final
@attrs.frozen(kw_only=True)
class EditionRecord:
    """One service's edition for one fiscal year as a policy file gives it (possibly partial).

    Attributes:
        service: the service (``subsidy``, ``webmail``, ``booking``, ``phone``).
        fiscal_year: the year the edition is for.
        parameters: the parameters it publishes, in file order.
        file: the file it was read from.
    """

    service: str
    fiscal_year: FiscalYear
    parameters: tuple[Parameter, ...]
    file: str

    def names(self) -> frozenset[str]:
        """The names of the parameters this edition holds."""
        return frozenset(parameter.name for parameter in self.parameters)

    def parameter(self, name: str) -> Parameter:
        """The parameter *name*; KeyError if the edition does not hold it."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise KeyError(name)

    def value(self, name: str) -> object:
        """The value of parameter *name*."""
        return self.parameter(name).value

    def provenance(self, name: str) -> Provenance:
        """The provenance of parameter *name*."""
        return self.parameter(name).provenance


@final
@attrs.frozen(kw_only=True)
class SourceBook:
    """The sources and readings policy files may name, by key.

    Attributes:
        sources: each source by key.
        undated: the keys of sources that are undated pages.
        readings: each reading by key.
    """

    sources: Mapping[str, Source] = attrs.field(factory=dict)
    undated: frozenset[str] = frozenset()
    readings: Mapping[str, Reading] = attrs.field(factory=dict)

    def merged(self, other: SourceBook) -> SourceBook:
        """This book with *other*'s sources and readings added (other's win on a shared key)."""
        return SourceBook(
            sources={**self.sources, **other.sources},
            undated=(self.undated - other.sources.keys()) | other.undated,
            readings={**self.readings, **other.readings},
        )
