"""The Act on National Holidays as dated rules (private: :mod:`jetrules.calendar` is its face).

国民の祝日に関する法律 (Act No. 178 of 1948, in force 1948-07-20) with every amendment to date:

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

>>> for holiday in rules_for_year(2019)[5:8]:
...     print(holiday.date, holiday.name_ja, holiday.kind.label.en)
2019-04-30 休日 citizens' holiday
2019-05-01 休日（祝日扱い） special holiday
2019-05-02 休日 citizens' holiday
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import final

import attrs
import pendulum

from jetrules._dates import DateLike, to_date
from jetrules.errors import OutOfRange, WrongType
from jetrules.text import Label, Lang

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "RANGE",
    "Holiday",
    "HolidayKind",
    "kind_of_unnamed_rest_day",
    "known_day",
    "known_year",
    "national_names",
    "rules_for_year",
]

FIRST_DAY = dt.date(1948, 7, 20)
"""The day the Act came into force: the first day the calendar knows."""
LAST_DAY = dt.date(2150, 12, 31)
"""The last day the calendar knows (the equinox formula is published up to 2150)."""

RANGE = f"from {FIRST_DAY} to {LAST_DAY}, the days the holiday rules cover"


def known_day(day: DateLike, field: str) -> pendulum.Date:
    date = to_date(day, field)
    if not FIRST_DAY <= date <= LAST_DAY:
        raise OutOfRange.for_field(field, f"must be {RANGE}", day)
    return date


def known_year(year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise WrongType.for_field("year", "must be an int such as 2019", year)
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise OutOfRange.for_field(
            "year", f"must be from {FIRST_DAY.year} to {LAST_DAY.year} ({RANGE})", year
        )
    return year


_SUBSTITUTE_FROM = dt.date(1973, 4, 12)
_CITIZENS_FROM = dt.date(1985, 12, 27)
_AMENDMENT_2007 = dt.date(2007, 1, 1)
_SUNDAY = 6


class HolidayKind(enum.Enum):
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
@attrs.frozen(kw_only=True)
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
_TREATED_AS_HOLIDAY = "休日（祝日扱い）"

# --- article 2: the national holidays, each with the years it applies --------------------------

_DateRule = Callable[[int], tuple[int, int]]
"""Given a year, the (month, day) of a holiday."""


def _fixed(month: int, day: int) -> _DateRule:
    return lambda year: (month, day)


def _monday(month: int, nth: int) -> _DateRule:
    def rule(year: int) -> tuple[int, int]:
        first_weekday = dt.date(year, month, 1).weekday()
        return month, 1 + (-first_weekday) % 7 + 7 * (nth - 1)

    return rule


_EQUINOX_CONSTANTS = ((1979, 20.8357, 23.2588), (2099, 20.8431, 23.2488), (2150, 21.8510, 24.2488))


def _equinox(month: int) -> _DateRule:
    def rule(year: int) -> tuple[int, int]:
        spring, autumn = next((s, a) for last, s, a in _EQUINOX_CONSTANTS if year <= last)
        constant = spring if month == 3 else autumn
        # Floor division on purpose: truncating toward zero is wrong before 1980.
        return month, math.floor(constant + 0.242194 * (year - 1980)) - (year - 1980) // 4

    return rule


@attrs.frozen
class _Rule:
    name_en: str
    name_ja: str
    first_year: int
    last_year: int
    date_in: _DateRule


_OPEN = LAST_DAY.year
_RULES = (
    # The Act of 1948; its days before 20 July 1948 fall before the Act and are dropped.
    _Rule("New Year's Day", "元日", 1948, _OPEN, _fixed(1, 1)),
    _Rule("Coming of Age Day", "成人の日", 1948, 1999, _fixed(1, 15)),
    _Rule("Coming of Age Day", "成人の日", 2000, _OPEN, _monday(1, 2)),  # Happy Monday, 1998
    _Rule("National Foundation Day", "建国記念の日", 1967, _OPEN, _fixed(2, 11)),  # 1966
    _Rule("The Emperor's Birthday", "天皇誕生日", 2020, _OPEN, _fixed(2, 23)),  # abdication act
    _Rule("Vernal Equinox Day", "春分の日", 1948, _OPEN, _equinox(3)),
    _Rule("The Emperor's Birthday", "天皇誕生日", 1948, 1988, _fixed(4, 29)),
    _Rule("Greenery Day", "みどりの日", 1989, 2006, _fixed(4, 29)),  # 1989 amendment
    _Rule("Showa Day", "昭和の日", 2007, _OPEN, _fixed(4, 29)),  # 2005 amendment
    _Rule("Constitution Memorial Day", "憲法記念日", 1948, _OPEN, _fixed(5, 3)),
    _Rule("Greenery Day", "みどりの日", 2007, _OPEN, _fixed(5, 4)),  # 2005 amendment
    _Rule("Children's Day", "こどもの日", 1948, _OPEN, _fixed(5, 5)),
    _Rule("Marine Day", "海の日", 1996, 2002, _fixed(7, 20)),  # 1995 amendment
    _Rule("Marine Day", "海の日", 2003, _OPEN, _monday(7, 3)),  # Happy Monday, 2001
    _Rule("Mountain Day", "山の日", 2016, _OPEN, _fixed(8, 11)),  # 2014 amendment
    _Rule("Respect for the Aged Day", "敬老の日", 1966, 2002, _fixed(9, 15)),  # 1966
    _Rule("Respect for the Aged Day", "敬老の日", 2003, _OPEN, _monday(9, 3)),  # Happy Monday
    _Rule("Autumnal Equinox Day", "秋分の日", 1948, _OPEN, _equinox(9)),
    _Rule("Health and Sports Day", "体育の日", 1966, 1999, _fixed(10, 10)),  # 1966
    _Rule("Health and Sports Day", "体育の日", 2000, 2018, _monday(10, 2)),  # Happy Monday
    # The Cabinet Office lists 2019's day under both names: the rename was enacted in 2018 and
    # came into force on 1 January 2020.
    _Rule("Health and Sports Day", "体育の日（スポーツの日）", 2019, 2019, _monday(10, 2)),
    _Rule("Sports Day", "スポーツの日", 2020, _OPEN, _monday(10, 2)),  # 2018 amendment
    _Rule("Culture Day", "文化の日", 1948, _OPEN, _fixed(11, 3)),
    _Rule("Labour Thanksgiving Day", "勤労感謝の日", 1948, _OPEN, _fixed(11, 23)),
    _Rule("The Emperor's Birthday", "天皇誕生日", 1989, 2018, _fixed(12, 23)),  # 1989
)

_MOVED = MappingProxyType(
    {
        # Tokyo 2020 special measures act (amended 2018): the Games' opening and closing.
        (2020, "海の日"): (7, 23),
        (2020, "スポーツの日"): (7, 24),
        (2020, "山の日"): (8, 10),
        # The same act as amended in 2020, after the Games were postponed by a year.
        (2021, "海の日"): (7, 22),
        (2021, "スポーツの日"): (7, 23),
        (2021, "山の日"): (8, 8),
    }
)

_SPECIAL_DAYS = (
    # (date, English name, name in the Cabinet Office list), each made a holiday by its own act.
    (dt.date(1959, 4, 10), "Wedding of Crown Prince Akihito", "結婚の儀"),
    (dt.date(1989, 2, 24), "State Funeral of Emperor Showa", "大喪の礼"),
    (dt.date(1990, 11, 12), "Enthronement Ceremony of Emperor Akihito", "即位礼正殿の儀"),
    (dt.date(1993, 6, 9), "Wedding of Crown Prince Naruhito", "結婚の儀"),
    # The 2018 act made these two days holidays treated as national holidays (祝日扱い), so they
    # also make the days beside them citizens' holidays (30 April and 2 May 2019).
    (dt.date(2019, 5, 1), "Enthronement of Emperor Naruhito", _TREATED_AS_HOLIDAY),
    (dt.date(2019, 10, 22), "Enthronement Ceremony of Emperor Naruhito", _TREATED_AS_HOLIDAY),
)

_SUBSTITUTE_EN = "Substitute holiday"
_CITIZENS_EN = "Citizens' holiday"


def _national_days(year: int) -> dict[dt.date, tuple[str, str, HolidayKind]]:
    days: dict[dt.date, tuple[str, str, HolidayKind]] = {}
    for rule in _RULES:
        if rule.first_year <= year <= rule.last_year:
            month, day = _MOVED.get((year, rule.name_ja)) or rule.date_in(year)
            days[dt.date(year, month, day)] = (rule.name_en, rule.name_ja, HolidayKind.NATIONAL)
    for date, name_en, name_ja in _SPECIAL_DAYS:
        if date.year == year:
            days[date] = (name_en, name_ja, HolidayKind.SPECIAL)
    return {date: names for date, names in days.items() if date >= FIRST_DAY}


@functools.cache
def rules_for_year(year: int) -> tuple[Holiday, ...]:
    """Every holiday of calendar *year* under the Act, in date order (not provisional).

    The caller checks that *year* is within 1948-2150.

    >>> [h.date.isoformat() for h in rules_for_year(1948)]
    ['1948-09-23', '1948-11-03', '1948-11-23']
    """
    national = _national_days(year)
    days = dict(national)
    one_day = dt.timedelta(days=1)
    for date in sorted(national):
        if date.weekday() != _SUNDAY or date < _SUBSTITUTE_FROM:
            continue
        substitute = date + one_day
        if date >= _AMENDMENT_2007:  # the nearest following day that is not a national holiday
            while substitute in national:
                substitute += one_day
        # before 2007 a national holiday on the next day would leave no substitute (never met)
        days.setdefault(substitute, (_SUBSTITUTE_EN, _REST_DAY, HolidayKind.SUBSTITUTE))
    for date in sorted(national):
        between = date + one_day
        if (
            between + one_day in national
            and between not in days
            and between >= _CITIZENS_FROM
            and (between >= _AMENDMENT_2007 or between.weekday() != _SUNDAY)
        ):
            days[between] = (_CITIZENS_EN, _REST_DAY, HolidayKind.CITIZENS)
    return tuple(
        Holiday(date=pendulum.Date(d.year, d.month, d.day), name_en=en, name_ja=ja, kind=kind)
        for d, (en, ja, kind) in sorted(days.items())
    )


@functools.cache
def national_names() -> Mapping[str, str]:
    """English names of every name the rules give, keyed by the Japanese name (read-only)."""
    names = {rule.name_ja: rule.name_en for rule in _RULES}
    names.update({ja: en for _, en, ja in _SPECIAL_DAYS if ja != _TREATED_AS_HOLIDAY})
    return MappingProxyType(names)


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
