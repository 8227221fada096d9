"""The programme's documents that several rule families rest on, each written down once (private).

A family cites a document with the words it rests on, and where its title should say what the
family takes from it, that too: :func:`citing` makes that citation from the one document here, so
the title and address of a document are never written twice.

>>> print(citing(CLAIR_NEWS_APRIL_2020, topic="Web Mail Counselling"))
CLAIR News, April 2020 (Web Mail Counselling) <https://jetprogramme.org/en/clairnewsapril2020>
"""

from __future__ import annotations

import attrs

from jetrules.text import Source

__all__ = ["CLAIR_NEWS_APRIL_2020", "CLAIR_NEWS_JUNE_2023", "SEED_TEXT", "citing"]

SEED_TEXT = Source(
    title="CLAIR's Mental Health Support (FY2019 text)",
    url="https://ajetpsg.com/clair-counselling",
)
"""The programme's FY2019 description of its mental-health support: every service's first rules."""

CLAIR_NEWS_APRIL_2020 = Source(
    title="CLAIR News, April 2020",
    url="https://jetprogramme.org/en/clairnewsapril2020",
)
"""CLAIR News of April 2020: the support services of FY2020."""

CLAIR_NEWS_JUNE_2023 = Source(
    title="CLAIR News, June 2023",
    url="https://jetprogramme.org/en/clairnewsjune2023",
)
"""CLAIR News of June 2023: the support services of FY2023."""


def citing(source: Source, *, quote: str | None = None, topic: str | None = None) -> Source:
    """*source* as a family cites it: with the words it rests on, and its *topic* in the title.

    >>> citing(SEED_TEXT, quote="up to 30 lines of text").quote
    'up to 30 lines of text'
    >>> citing(SEED_TEXT).title == SEED_TEXT.title
    True
    """
    title = source.title if topic is None else f"{source.title} ({topic})"
    return attrs.evolve(source, title=title, quote=source.quote if quote is None else quote)
