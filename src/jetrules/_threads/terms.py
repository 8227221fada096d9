"""The Web Mail Counselling terms of one fiscal year, and where each value comes from (private).

``threads`` is its face. The editions themselves are data: ``jetrules/policy/webmail.toml``, read
by :mod:`jetrules._threads.editions`; this module holds the attrs class every edition is built
into (so validation lives in one place) and what the terms say about their own provenance:
which values are published, our readings, assumed from another year or supplied by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import final

import attrs

from jetrules._kernel.fields import of_type, whole_number
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.policy import Change, TermsOrigin
from jetrules._kernel.provenance import Origin, Provenance
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType, as_written
from jetrules.text import LANGUAGES, Label, Lang, Source

__all__ = [
    "NOT_STATED",
    "REQUIRED",
    "SERVICE",
    "SERVICE_NAME",
    "UNLIMITED",
    "VALUELESS",
    "WebMailTerms",
    "to_languages",
]

SERVICE = "webmail"
"""The service's key in policy files (``[[webmail]]``)."""
SERVICE_NAME = "Web Mail Counselling"
"""The service's name in messages."""

UNLIMITED = Label(en="unlimited", ja="無制限")
"""Threads per participant where a source says they are unlimited."""
NOT_STATED = Label(en="no limit stated", ja="上限の記載なし")
"""Threads per participant where the source names no limit."""

VALUELESS = ("closed_day_receipt",)
"""Parameters that name a reading and hold no value (how deadlines count a closed day)."""

REQUIRED: tuple[str, ...] = (
    "line_limit",
    "reply_business_days",
    "replies_per_thread",
    "languages",
    "threads_per_participant",
    "closed_day_receipt",
    "line_limit_for_follow_ups",
    "continuations_per_thread",
)
"""The parameters a complete edition holds, in the order the rules page shows them."""


def to_languages(value: Iterable[str]) -> tuple[Lang, ...]:
    """*value* as the languages a thread may use, in the order of ``LANGUAGES``.

    >>> to_languages(["ja", "en", "ja"])
    ('en', 'ja')
    """
    rule = "must be one or more of 'en', 'ja'"
    if isinstance(value, str):
        languages: tuple[object, ...] = (value,)
    elif isinstance(value, Iterable):
        languages = tuple(value)
    else:  # a number, say, from a policy file
        raise WrongType.for_field("languages", rule, value)
    if not languages or any(lang not in LANGUAGES for lang in languages):
        raise InvalidInput.for_field("languages", rule, value)
    return tuple(lang for lang in LANGUAGES if lang in languages)


def _order(name: str) -> tuple[int, str]:
    return (REQUIRED.index(name) if name in REQUIRED else len(REQUIRED), name)


def _provenance(
    value: Mapping[str, Provenance] | Iterable[tuple[str, Provenance]],
) -> tuple[tuple[str, Provenance], ...]:
    pairs = tuple(value.items() if isinstance(value, Mapping) else value)
    for pair in pairs:
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and isinstance(pair[1], Provenance)
        ):
            raise WrongType.for_field(
                "provenance", "must map parameter names to Provenance values", pair
            )
    return tuple(sorted(pairs, key=lambda pair: _order(pair[0])))


@final
@attrs.frozen(kw_only=True)
class WebMailTerms:
    """The Web Mail Counselling terms of one fiscal year, with where each value comes from.

    A thread is held to the terms of its inquiry's fiscal year (Tokyo date), follow-ups
    and replies included, even when they come after 31 March. Make terms with
    :func:`~jetrules.threads.terms_for` (with ``policy=`` for values of your own): it fills in
    :attr:`provenance`, which every reason made under the terms cites.

    Attributes:
        fiscal_year: the year the terms apply to.
        line_limit: the most lines an inquiry may hold.
        replies_per_thread: counsellor replies a thread holds; the participant then continues
            in a new thread.
        reply_business_days: the reply is due by the end of this many business days after
            the message (see :func:`jetrules.calendar.deadline`).
        languages: the languages a thread may be written in.
        threads_per_participant: what the sources say of the number of threads; no edition
            limits it, so no thread is ever refused for being one too many.
        line_limit_for_follow_ups: whether each follow-up is held to the line limit too.
        continuations_per_thread: how many new threads may continue one closed thread.

    >>> from jetrules.threads import terms_for
    >>> terms = terms_for(FiscalYear(2019))
    >>> terms.line_limit, terms.origin
    (30, 'published')
    >>> print(terms.source_of("line_limit").quote)
    submit the details of your inquiry (up to 30 lines of text)
    """

    fiscal_year: FiscalYear = attrs.field(converter=to_fiscal_year)
    line_limit: int = attrs.field(validator=whole_number("line"))
    replies_per_thread: int = attrs.field(validator=whole_number("reply message"))
    reply_business_days: int = attrs.field(validator=whole_number("business day"))
    languages: tuple[Lang, ...] = attrs.field(converter=to_languages)
    threads_per_participant: Label = attrs.field(validator=of_type(Label, "must be a Label"))
    line_limit_for_follow_ups: bool = attrs.field(
        default=True, validator=of_type(bool, "must be true or false")
    )
    continuations_per_thread: int = attrs.field(default=1, validator=whole_number("continuation"))
    _provenance: tuple[tuple[str, Provenance], ...] = attrs.field(
        default=(), converter=_provenance, hash=False, repr=False
    )

    @property
    def provenance(self) -> Mapping[str, Provenance]:
        """Each parameter's provenance by name (empty for terms made by hand)."""
        return dict(self._provenance)

    @property
    def assumed(self) -> tuple[tuple[str, FiscalYear], ...]:
        """Each parameter assumed from another year, with that year, in parameter order."""
        return tuple(
            (name, p.assumed_from)
            for name, p in self._provenance
            if p.origin is Origin.ASSUMED and p.assumed_from is not None
        )

    @property
    def changes(self) -> tuple[Change, ...]:
        """Each supplied value that differs from the published one (a what-if), in order."""
        return tuple(
            Change(name=name, value=self.value(name), published=p.published)
            for name, p in self._provenance
            if p.origin is Origin.SUPPLIED and self.value(name) != p.published
        )

    @property
    def origin(self) -> str:
        """``assumed``, ``supplied`` or ``published``: where the terms come from.

        ``assumed`` if a value was assumed, else ``supplied`` if one differs from the published
        one, else ``published`` (supplying exactly the published values is no what-if).
        """
        if self.assumed:
            return TermsOrigin.ASSUMED
        if self.changes:
            return TermsOrigin.SUPPLIED
        return TermsOrigin.PUBLISHED

    def value(self, name: str) -> object:
        """The value of parameter *name* (None for one that names a reading only)."""
        return None if name in VALUELESS else getattr(self, name)

    def source_of(self, name: str) -> Source | None:
        """What a reason applying parameter *name* cites: never a quote beside another value.

        A published value cites its source (with its words when we hold them verbatim; a
        paraphrase is not shown as a quote); an assumed one the other year's source, saying so;
        a reading names itself and the design page; a supplied value that differs from the
        published one names the published value and no source's words.
        """
        provenance = self.provenance.get(name)
        if provenance is None:
            return None
        if provenance.origin is Origin.SUPPLIED and self.value(name) != provenance.published:
            return Source(title=self._supplied_title(name, provenance))
        if provenance.reading is not None:
            reading = provenance.reading
            return Source(title=f"jetrules reading {reading.key}: {reading.text.en}")
        if provenance.source is None:
            return Source(title=f"supplied for {self.fiscal_year}: the published value")
        source = provenance.source
        title = source.title + (" (undated page)" if provenance.undated else "")
        if provenance.origin is Origin.ASSUMED:
            title = f"{title}, for {provenance.assumed_from}: assumed for {self.fiscal_year}"
        quote = provenance.quote if provenance.verbatim else None
        return Source(title=title, url=source.url, quote=quote)

    def _supplied_title(self, name: str, provenance: Provenance) -> str:
        value = _written(self.value(name))
        published = (
            "none is published"
            if provenance.published is None
            else f"published: {_written(provenance.published)}"
        )
        return f"supplied for {self.fiscal_year}: {name} {value}, not published ({published})"

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources the values rest on: dated ones first, then undated pages."""
        found: list[tuple[bool, Source]] = []
        for _, p in self._provenance:
            if p.source is not None and all(p.source != s for _, s in found):
                found.append((p.undated, p.source))
        return tuple(source for undated, source in found if not undated) + tuple(
            source for undated, source in found if undated
        )

    @property
    def citation(self) -> Source | None:
        """The edition's sources as one source (None for terms made by hand).

        >>> from jetrules.threads import terms_for
        >>> print(terms_for(FiscalYear(2020)).citation)
        Web Mail Counselling terms of FY2020: CLAIR News, April 2020; Akita JET wiki, ...
        """
        sources = self.sources
        if len(sources) <= 1:
            return sources[0] if sources else None
        titles = "; ".join(source.title for source in sources)
        return Source(title=f"{SERVICE_NAME} terms of {self.fiscal_year}: {titles}")


def _written(value: object) -> str:
    if isinstance(value, Label):
        return value.en
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return as_written(value)
