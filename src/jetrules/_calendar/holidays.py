"""The Act on National Holidays applied (private: :mod:`jetrules.calendar` is its face).

国民の祝日に関する法律 (Act No. 178 of 1948, in force 1948-07-20) with every amendment to date,
each a dated row of the tables in :mod:`jetrules._calendar.holiday_rules`, which this module reads:

- 1966: National Foundation Day (from 1967), Respect for the Aged Day and Health and Sports Day.
- 1973: a holiday falling on a Sunday moves to the next day (substitute holiday, from 1973-04-12).
- 1985: a day between two national holidays is a holiday (citizens' holiday, from 1985-12-27).
- 1989: the Emperor's Birthday moves to 23 December; 29 April becomes Greenery Day.
- 1995: Marine Day (from 1996).
- 1998 and 2001, "Happy Monday": Coming of Age and Health and Sports Day on Mondays from 2000,
  Marine Day and Respect for the Aged Day from 2003.
- 2005 (in force 2007): 29 April becomes Showa Day, 4 May Greenery Day, and a substitute holiday
  is the nearest following day that is not a national holiday (before 2007: the next day only).
- 2014: Mountain Day (from 2016).
- 2017 (the abdication act): the Emperor's Birthday is 23 February from 2020, none in 2019.
- 2018: Health and Sports Day is renamed Sports Day from 2020.
- Tokyo 2020 special measures (2018, 2020): Marine, Sports and Mountain Days moved in 2020 and 2021.
- Special acts made six one-off days holidays (weddings, a state funeral, enthronements).

Equinox days are fixed each February by the National Astronomical Observatory; the rules use the
standard approximation (with floor division), which matches every equinox the Cabinet Office lists.
Far ahead it can differ from astronomy: for 2107 the formula gives 24 September (its value is only
0.0074 of a day past the 24th), while an astronomical computation (as jpholiday's) gives the 23rd.
The rules keep the formula: such days are provisional until the Observatory announces them.

The Act's tables are imported by the functions that compute with them, on first use: in the
years the Cabinet Office's list covers, counting business days needs only the list's dates and
naming holidays only the names (:mod:`jetrules._calendar.holiday_names`), so importing
:mod:`jetrules.calendar`, or a first answer, does not pay for rules it does not apply.

>>> for holiday in rules_for_year(2019)[5:8]:
...     print(holiday.date, holiday.name_ja, holiday.kind.label.en)
2019-04-30 休日 citizens' holiday
2019-05-01 休日（祝日扱い） special holiday
2019-05-02 休日 citizens' holiday
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, final

import attrs
import pendulum

from jetrules._calendar.span import FIRST_DAY, LAST_DAY, RANGE, known_day, known_year
from jetrules._kernel.dates import to_date
from jetrules._kernel.fields import LabelledEnum, named_fields
from jetrules._labels import Label, Lang

if TYPE_CHECKING:
    from jetrules._calendar.holiday_rules import DayRule

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "RANGE",
    "Holiday",
    "HolidayKind",
    "kind_of_unnamed_rest_day",
    "known_day",
    "known_year",
    "rules_for_year",
]

_SUNDAY = 6


class HolidayKind(LabelledEnum):
    """What makes a day a holiday."""

    NATIONAL = "national"
    """A national holiday (国民の祝日) named in article 2 of the Act."""
    SUBSTITUTE = "substitute"
    """A substitute holiday (振替休日) for a national holiday that fell on a Sunday."""
    CITIZENS = "citizens"
    """A citizens' holiday (国民の休日): a day between two national holidays."""
    SPECIAL = "special"
    """A one-off holiday made by a special act (a wedding, a funeral, an enthronement)."""

    @property
    def label(self) -> Label:
        """The kind's name in English and Japanese.

        >>> print(HolidayKind.SUBSTITUTE.label.ja)
        振替休日
        """
        return _KIND_LABELS[self]


_KIND_LABELS = MappingProxyType(
    {
        HolidayKind.NATIONAL: Label(en="national holiday", ja="国民の祝日"),
        HolidayKind.SUBSTITUTE: Label(en="substitute holiday", ja="振替休日"),
        HolidayKind.CITIZENS: Label(en="citizens' holiday", ja="国民の休日"),
        HolidayKind.SPECIAL: Label(en="special holiday", ja="特別の休日"),
    }
)


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class Holiday:
    """One holiday: its date, its names, its kind and whether it is still provisional.

    ``name_ja`` is the name the Cabinet Office's list gives the day: substitute and citizens'
    holidays are both ``休日`` there, so :attr:`label` adds the kind to tell them apart.
    ``provisional`` days lie after the newest year of the official list in use: the rules
    predict them, but an equinox is fixed only each February for the next year.
    """

    date: pendulum.Date = attrs.field(converter=to_date)
    name_en: str
    name_ja: str
    kind: HolidayKind
    provisional: bool = False

    @property
    def label(self) -> Label:
        """The name in both languages; a plain ``休日`` says which kind it is.

        >>> print(rules_for_year(2019)[5].label.ja)
        休日（国民の休日）
        """
        if self.name_ja == _REST_DAY:
            return Label(en=self.name_en, ja=f"{_REST_DAY}（{self.kind.label.ja}）")
        return Label(en=self.name_en, ja=self.name_ja)

    def render(self, lang: Lang) -> str:
        """The holiday's name in *lang*."""
        return self.label.render(lang)


_REST_DAY = "休日"

_SUBSTITUTE_EN = "Substitute holiday"
_CITIZENS_EN = "Citizens' holiday"


def _in_force(rules: tuple[DayRule, ...], day: dt.date) -> DayRule | None:
    return next((rule for rule in rules if rule.applies_on(day)), None)


def _national_days(year: int) -> dict[dt.date, tuple[str, str, HolidayKind]]:
    from jetrules._calendar import holiday_rules as _rules  # noqa: PLC0415  (loaded on first use)

    days: dict[dt.date, tuple[str, str, HolidayKind]] = {}
    for holiday in _rules.NATIONAL_HOLIDAYS:
        if holiday.applies_in(year):
            moved = next(
                (
                    m.to
                    for m in _rules.MOVED_HOLIDAYS
                    if m.year == year and m.name_ja == holiday.name.ja
                ),
                None,
            )
            date = moved or dt.date(year, *holiday.rule.date_in(year))
            days[date] = (holiday.name.en, holiday.name.ja, HolidayKind.NATIONAL)
    for one_off in _rules.ONE_OFF_DAYS:
        if one_off.date.year == year:
            days[one_off.date] = (one_off.name.en, one_off.name.ja, HolidayKind.SPECIAL)
    return {date: names for date, names in days.items() if date >= FIRST_DAY}


@functools.cache
def rules_for_year(year: int) -> tuple[Holiday, ...]:
    """Every holiday of calendar *year* under the Act, in date order (not provisional).

    The caller checks that *year* is within 1948-2150.

    >>> [h.date.isoformat() for h in rules_for_year(1948)]
    ['1948-09-23', '1948-11-03', '1948-11-23']
    """
    from jetrules._calendar import holiday_rules as _rules  # noqa: PLC0415  (loaded on first use)

    national = _national_days(year)
    days = dict(national)
    one_day = dt.timedelta(days=1)
    for date in sorted(national):
        substitute_rule = _in_force(_rules.SUBSTITUTE_RULES, date)
        if date.weekday() != _SUNDAY or substitute_rule is None:
            continue
        substitute = date + one_day
        if substitute_rule.widened:  # the nearest following day that is not a national holiday
            while substitute in national:
                substitute += one_day
        # before 2007 a national holiday on the next day would leave no substitute (never met)
        days.setdefault(substitute, (_SUBSTITUTE_EN, _REST_DAY, HolidayKind.SUBSTITUTE))
    for date in sorted(national):
        between = date + one_day
        citizens_rule = _in_force(_rules.CITIZENS_RULES, between)
        if (
            citizens_rule is not None
            and between + one_day in national
            and between not in days
            and (citizens_rule.widened or between.weekday() != _SUNDAY)
        ):
            days[between] = (_CITIZENS_EN, _REST_DAY, HolidayKind.CITIZENS)
    return tuple(
        Holiday(date=pendulum.Date(d.year, d.month, d.day), name_en=en, name_ja=ja, kind=kind)
        for d, (en, ja, kind) in sorted(days.items())
    )


def kind_of_unnamed_rest_day(
    date: dt.date, holidays: Mapping[dt.date, HolidayKind]
) -> tuple[str, HolidayKind]:
    """The English name and kind of a ``休日`` the rules did not predict, from the days before it.

    It is a substitute holiday when the national holidays right before it run back to a
    Sunday, and a citizens' holiday otherwise.
    """
    day = date - dt.timedelta(days=1)
    while holidays.get(day) in (HolidayKind.NATIONAL, HolidayKind.SPECIAL):
        if day.weekday() == _SUNDAY:
            return _SUBSTITUTE_EN, HolidayKind.SUBSTITUTE
        day -= dt.timedelta(days=1)
    return _CITIZENS_EN, HolidayKind.CITIZENS
