"""Web Mail Counselling terms by fiscal year, with their sources (private: ``threads`` is its face).

Which years have an edition, and why:

- **FY2019**: the programme's FY2019 text states every limit: "up to 30 lines of text", a reply
  "within 3 business days", "only 3 replies on a single thread", English or Japanese.
- **FY2020** and **FY2023**: CLAIR News (April 2020, June 2023) describes the service in that
  fiscal year, with threads unlimited. The line, reply and deadline limits are not quoted there;
  they are those the Akita and Kagoshima JET wikis give for the same service (undated), and no
  source reports a change. Each edition names all its sources.
- Any other year (FY2018 and before, FY2021, FY2022, FY2024 on): no source describes the service
  in that year, so :func:`terms_for` raises ``NoRuleInForce``; a caller who wants to apply terms
  anyway passes their own (``attrs.evolve(terms_for(2020), fiscal_year=FiscalYear(2021))``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import final

import attrs

from jetrules._kernel import sources
from jetrules._kernel.editions import edition_for, editions_of
from jetrules._kernel.fields import of_type, whole_number
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.sources import citing
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import LANGUAGES, Label, Lang, Source

__all__ = ["EDITIONS", "UNLIMITED", "WebMailTerms", "editions_tuple", "terms_for"]

SEED_TEXT = citing(
    sources.SEED_TEXT,
    quote="submit the details of your inquiry (up to 30 lines of text). [...] (within 3 business "
    "days) [...] While you can only have 3 replies on a single thread, you can create a new "
    "thread and continue the topic. [...] Both services can be used in either English or Japanese.",
)
AKITA_WIKI = Source(
    title="Akita JET wiki, JET Online Counseling System (inquiries up to 30 lines; replies "
    "within 3 business days)",
    url="https://akitajet.com/wiki/JET_Online_Counseling_System",
)
KAGOSHIMA_WIKI = Source(
    title="Kagoshima JET wiki, JET Online Counselling",
    url="https://kagoshimajetprogrammetest.wordpress.com/jet-online-counselling",
    quote="Counsellors will respond in approximately three business days. Note that Web Mail "
    "consultations can be up to three message exchanges with a counsellor. [...] a free service "
    "available in English and Japanese.",
)
CLAIR_NEWS_APRIL_2020 = citing(
    sources.CLAIR_NEWS_APRIL_2020, topic="Web Mail Counselling, threads unlimited"
)
CLAIR_NEWS_JUNE_2023 = citing(
    sources.CLAIR_NEWS_JUNE_2023, topic="Web Mail Counselling, threads unlimited"
)

UNLIMITED = Label(en="unlimited", ja="無制限")
"""Threads per participant where a source says they are unlimited."""
NOT_STATED = Label(en="no limit stated", ja="上限の記載なし")
"""Threads per participant where the source names no limit."""


def _languages(value: Iterable[str]) -> tuple[Lang, ...]:
    languages = tuple(value) if not isinstance(value, str) else (value,)
    if not languages or any(lang not in LANGUAGES for lang in languages):
        raise InvalidInput.for_field("languages", "must be one or more of 'en', 'ja'", value)
    return tuple(lang for lang in LANGUAGES if lang in languages)


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    sources = tuple(value)
    if not sources or not all(isinstance(source, Source) for source in sources):
        raise WrongType.for_field("sources", "must be one or more Source values", value)
    return sources


@final
@attrs.frozen(kw_only=True)
class WebMailTerms:
    """The Web Mail Counselling terms of one fiscal year, with the sources they come from.

    A thread is held to the terms of its inquiry's fiscal year (Tokyo date), follow-ups
    and replies included, even when they come after 31 March.

    Attributes:
        fiscal_year: the year the terms apply to.
        line_limit: the most lines an inquiry or follow-up may hold.
        replies_per_thread: counsellor replies a thread holds; the participant then continues
            in a new thread.
        reply_business_days: the reply is due by the end of this many business days after
            the message (see :func:`jetrules.calendar.deadline`).
        languages: the languages a thread may be written in.
        threads_per_participant: what the sources say of the number of threads; no edition
            limits it, so no thread is ever refused for being one too many.
        sources: where the terms come from.

    >>> terms_for(FiscalYear(2019)).line_limit
    30
    """

    fiscal_year: FiscalYear = attrs.field(converter=to_fiscal_year)
    line_limit: int = attrs.field(validator=whole_number("line"))
    replies_per_thread: int = attrs.field(validator=whole_number("reply message"))
    reply_business_days: int = attrs.field(validator=whole_number("business day"))
    languages: tuple[Lang, ...] = attrs.field(converter=_languages)
    threads_per_participant: Label = attrs.field(validator=of_type(Label, "must be a Label"))
    sources: tuple[Source, ...] = attrs.field(converter=_sources)

    @property
    def citation(self) -> Source:
        """The edition as one source, for a reason to name.

        >>> print(terms_for(FiscalYear(2020)).citation)
        Web Mail Counselling terms of FY2020: CLAIR News, April 2020 (...); Akita JET wiki, ...
        """
        if len(self.sources) == 1:
            return self.sources[0]
        titles = "; ".join(source.title for source in self.sources)
        return Source(title=f"Web Mail Counselling terms of {self.fiscal_year}: {titles}")


def _edition(year: int, *sources: Source, threads: Label) -> WebMailTerms:
    return WebMailTerms(
        fiscal_year=FiscalYear(year),
        line_limit=30,
        replies_per_thread=3,
        reply_business_days=3,
        languages=("en", "ja"),
        threads_per_participant=threads,
        sources=sources,
    )


EDITIONS: tuple[WebMailTerms, ...] = (
    # FY2019: the programme's own text states every limit; it names no limit on threads.
    _edition(2019, SEED_TEXT, threads=NOT_STATED),
    # FY2020: CLAIR News dates the service (threads unlimited); the wikis give the limits.
    _edition(2020, CLAIR_NEWS_APRIL_2020, AKITA_WIKI, KAGOSHIMA_WIKI, threads=UNLIMITED),
    # FY2021, FY2022: no source describes Web Mail Counselling in these years.
    # FY2023: as FY2020, from CLAIR News, June 2023.
    _edition(2023, CLAIR_NEWS_JUNE_2023, AKITA_WIKI, KAGOSHIMA_WIKI, threads=UNLIMITED),
)
"""Every edition with a dated source, oldest first. Other years raise ``NoRuleInForce``."""


def editions_tuple(values: Iterable[WebMailTerms]) -> tuple[WebMailTerms, ...]:
    """*values* as a tuple, each checked to be ``WebMailTerms``.

    >>> editions_tuple([EDITIONS[0]]) == (EDITIONS[0],)
    True
    """
    return editions_of(values, WebMailTerms)


def terms_for(
    fiscal_year: FiscalYear | int, editions: Sequence[WebMailTerms] = EDITIONS
) -> WebMailTerms:
    """The terms in force in *fiscal_year*, from *editions* (the published ones by default).

    >>> terms_for(2021)
    Traceback (most recent call last):
    ...
    jetrules.errors.NoRuleInForce: no Web Mail Counselling terms are published for FY2021; ...
    """
    year = to_fiscal_year(fiscal_year)
    return edition_for(
        year,
        editions,
        service="Web Mail Counselling",
        hint="pass terms= with terms of your own, e.g. attrs.evolve(threads.terms_for(2020), "
        f"fiscal_year=FiscalYear({year.year}))",
    )
