"""The calendar's section of the "Rules and sources" page, from the rule data it computes with.

Every table is read, at each call, from the data the calendar applies: the service calendar
(:data:`jetrules._calendar.business.SERVICE_CALENDAR`) and the Act's tables
(:mod:`jetrules._calendar.holiday_rules`), with the days each rule is in force and what enacted
it. So a changed rule changes the page and the holidays alike.
:func:`jetrules._calendar.rules_page.rules_markdown` imports this module when the page is asked
for: importing the calendar loads neither it nor the tables it prints.

>>> page = calendar_section()
>>> "| Mountain Day | 山の日 | 11 August (8月11日) | 2016 | in force | 2014 amendment |" in page
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jetrules._calendar import business
from jetrules._calendar import holiday_rules as rules
from jetrules._calendar.holiday_rules import (
    DayRule,
    EquinoxPeriod,
    MovedHoliday,
    NationalHoliday,
    OneOffDay,
)
from jetrules._calendar.span import FIRST_DAY, LAST_DAY
from jetrules._kernel.markdown import NO_VALUE, source_list_markdown, table_markdown
from jetrules._labels import Label

__all__ = ["calendar_section"]

_NATIONAL_HOLIDAYS_CLOSED = Label(
    en="national holidays (every kind below)", ja="国民の祝日・休日（下記のすべて）"
)
_IN_FORCE = "in force"


def calendar_section() -> str:
    """The calendar's section: the service calendar's closed days and the holiday rules applied.

    Each table is read from the rule data the calendar computes with, at each call.

    >>> calendar_section().startswith("## `jetrules.calendar`")
    True
    """
    parts = [
        "## `jetrules.calendar`",
        "Fiscal years, Japanese national holidays, business days and reply deadlines. The tables "
        "below are the rules the calendar applies, read from its own rule data.",
        *_service_calendar(),
        *_national_holidays(rules.NATIONAL_HOLIDAYS),
        "### Substitute holidays (振替休日)",
        _day_rules(rules.SUBSTITUTE_RULES),
        "### Citizens' holidays (国民の休日)",
        _day_rules(rules.CITIZENS_RULES),
        *_one_off_days(rules.ONE_OFF_DAYS),
        *_olympic_moves(rules.NATIONAL_HOLIDAYS, rules.MOVED_HOLIDAYS),
        *_equinox_days(rules.EQUINOX_RATE, rules.EQUINOX_BASE_YEAR, rules.EQUINOX_PERIODS),
        f"Sources:\n\n{source_list_markdown(rules.SOURCES)}",
    ]
    return "\n\n".join(parts)


def _service_calendar() -> list[str]:
    """The days :data:`~jetrules.calendar.SERVICE_CALENDAR` is closed, and the law that says so."""
    service = business.SERVICE_CALENDAR
    closed = [business.WEEKDAYS[day] for day in sorted(service.weekend)]
    closed.append(_NATIONAL_HOLIDAYS_CLOSED)
    if service.year_end_closure:
        closed.append(business.YEAR_END)
    return [
        "### Service calendar (`SERVICE_CALENDAR`)",
        "Reply deadlines count business days: the office is closed on these days.",
        table_markdown(["closed on", "休業日"], ([label.en, label.ja] for label in closed)),
        f"Source:\n\n{source_list_markdown([business.SERVICE_CALENDAR_SOURCE])}",
    ]


def _national_holidays(holidays: Iterable[NationalHoliday]) -> list[str]:
    """Article 2's national holidays, a row per name and date rule, with the range supported."""
    first, last = FIRST_DAY, LAST_DAY
    official_through = business.SERVICE_CALENDAR.holidays.official_through
    return [
        "### National holidays",
        f"Supported range: {first} (the Act in force) to {last}; other days raise "
        f"`OutOfRange`. The Cabinet Office's list bundled with jetrules overrides the rules for "
        f"the years it covers, up to {official_through}; holidays after {official_through} are "
        "provisional (the rules' prediction) until a newer list is loaded. A rule whose *to* "
        f"reads *in force* applies through {last.year}.",
        table_markdown(
            ["holiday", "祝日", "date rule", "from", "to", "enacted by"],
            (
                [
                    row.name.en,
                    row.name.ja,
                    row.rule.label,
                    row.first_year,
                    _IN_FORCE if row.last_year is None else row.last_year,
                    row.enacted_by,
                ]
                for row in holidays
            ),
        ),
    ]


def _day_rules(day_rules: Iterable[DayRule]) -> str:
    """Substitute or citizens' holiday rules, with the days each is in force."""
    return table_markdown(
        ["rule", "規定", "from", "to", "enacted by"],
        (
            [
                rule.rule.en,
                rule.rule.ja,
                rule.in_force_from,
                _IN_FORCE if rule.in_force_to is None else rule.in_force_to,
                rule.enacted_by,
            ]
            for rule in day_rules
        ),
    )


def _one_off_days(days: Iterable[OneOffDay]) -> list[str]:
    """The days special acts made holidays."""
    return [
        "### One-off days",
        "Each made a holiday by its own act. In a loaded list, the same ceremony on another "
        "date is a special holiday with the generic name.",
        table_markdown(
            ["date", "name", "名称", "generic name", "enacted by"],
            ([day.date, day.name.en, day.name.ja, day.generic_en, day.enacted_by] for day in days),
        ),
    ]


def _olympic_moves(holidays: Iterable[NationalHoliday], moves: Iterable[MovedHoliday]) -> list[str]:
    """The national holidays moved for the Tokyo Games of 2020 and 2021."""
    names = {row.name.ja: row.name.en for row in holidays}
    return [
        "### Olympic moves",
        table_markdown(
            ["year", "holiday", "祝日", "moved to", "enacted by"],
            (
                [
                    move.year,
                    names.get(move.name_ja, NO_VALUE),
                    move.name_ja,
                    move.to,
                    move.enacted_by,
                ]
                for move in moves
            ),
        ),
    ]


def _equinox_days(rate: Decimal, base_year: int, periods: Iterable[EquinoxPeriod]) -> list[str]:
    """The equinox formula and its constants for each period."""
    return [
        "### Equinox days",
        f"day = floor(constant + {rate} × (year − {base_year})) − "
        f"floor((year − {base_year}) / 4), with the constants of the year's "
        "period. The Observatory fixes each equinox every February; later days are provisional.",
        table_markdown(
            ["from", "to", "vernal constant (March)", "autumnal constant (September)"],
            (
                [period.first_year, period.last_year, period.vernal, period.autumnal]
                for period in periods
            ),
        ),
    ]
