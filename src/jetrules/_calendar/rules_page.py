"""The calendar's section of the "Rules and sources" page, built when it is asked for (private).

The page's tables (:mod:`jetrules._calendar.rules_tables`) print the Act's tables, which a
business-day answer never reads: :func:`rules_markdown` imports them on first use, so importing
:mod:`jetrules.calendar` loads neither.

>>> print(rules_markdown().splitlines()[0])
## `jetrules.calendar`
"""

from __future__ import annotations

__all__ = ["rules_markdown"]


def rules_markdown() -> str:
    """The calendar's section: the service calendar's closed days and the holiday rules applied.

    Each table is read from the rule data the calendar computes with, at each call.

    >>> "| Mountain Day | 山の日 | 11 August (8月11日) | 2016 | in force | 2014 amendment |" in (
    ...     rules_markdown()
    ... )
    True
    """
    from jetrules._calendar.rules_tables import calendar_section  # noqa: PLC0415  (on first use)

    return calendar_section()
