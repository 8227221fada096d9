"""The Act on National Holidays as data: every rule with the days it is in force (private).

:mod:`jetrules._calendar.holidays` computes the holidays from these tables and
:mod:`jetrules._calendar.rules_page` prints them on the "Rules and sources" page, so the page
shows exactly the rules applied. Each row names the act or amendment that made it; an amendment
is a new row, never an edit of an old one. The rows take the holidays' English names from
:mod:`jetrules._calendar.holiday_names`, which names the Cabinet Office's list without these rules.

>>> [str(h.rule.label.en) for h in NATIONAL_HOLIDAYS if h.name.en == "Coming of Age Day"]
['15 January', 'second Monday of January']
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import final

import attrs

from jetrules._calendar.holiday_names import NATIONAL_NAMES, ONE_OFF_DAY_NAMES, TREATED_AS_HOLIDAY
from jetrules._calendar.span import FIRST_DAY, LAST_DAY
from jetrules._labels import Label, Source

__all__ = [
    "ACT",
    "CABINET_OFFICE_LIST",
    "CITIZENS_RULES",
    "EQUINOX_BASE_YEAR",
    "EQUINOX_PERIODS",
    "EQUINOX_RATE",
    "FIRST_DAY",
    "LAST_DAY",
    "MOVED_HOLIDAYS",
    "NATIONAL_HOLIDAYS",
    "ONE_OFF_DAYS",
    "SOURCES",
    "SUBSTITUTE_RULES",
    "TREATED_AS_HOLIDAY",
    "DateRule",
    "DayRule",
    "Equinox",
    "EquinoxPeriod",
    "Fixed",
    "MovedHoliday",
    "NationalHoliday",
    "NthMonday",
    "OneOffDay",
]

ACT = "Act on National Holidays (国民の祝日に関する法律), Act No. 178 of 1948"


@final
@attrs.frozen
class Fixed:
    """A holiday on the same day every year."""

    month: int
    day: int

    def date_in(self, year: int) -> tuple[int, int]:
        """The (month, day) of the holiday in *year*."""
        return self.month, self.day

    @property
    def label(self) -> Label:
        """``1 January`` / ``1月1日``."""
        return Label(en=f"{self.day} {_MONTHS[self.month - 1]}", ja=f"{self.month}月{self.day}日")


@final
@attrs.frozen
class NthMonday:
    """A "Happy Monday" holiday: the *nth* Monday of *month*."""

    month: int
    nth: int

    def date_in(self, year: int) -> tuple[int, int]:
        """The (month, day) of the holiday in *year*."""
        first_weekday = dt.date(year, self.month, 1).weekday()
        return self.month, 1 + (-first_weekday) % 7 + 7 * (self.nth - 1)

    @property
    def label(self) -> Label:
        """``second Monday of January`` / ``1月の第2月曜日``."""
        nth = ("first", "second", "third", "fourth")[self.nth - 1]
        month = _MONTHS[self.month - 1]
        return Label(en=f"{nth} Monday of {month}", ja=f"{self.month}月の第{self.nth}月曜日")


@final
@attrs.frozen
class Equinox:
    """The vernal (March) or autumnal (September) equinox day, by :data:`EQUINOX_PERIODS`."""

    month: int

    def date_in(self, year: int) -> tuple[int, int]:
        """The (month, day) of the equinox in *year*, by the formula of the period in force."""
        period = next(p for p in EQUINOX_PERIODS if p.first_year <= year <= p.last_year)
        constant = period.vernal if self.month == 3 else period.autumnal
        # Floor division on purpose: truncating toward zero is wrong before the base year.
        years = year - EQUINOX_BASE_YEAR
        return self.month, math.floor(constant + EQUINOX_RATE * years) - years // 4

    @property
    def label(self) -> Label:
        """``vernal equinox (formula)`` / ``春分日（計算式）``."""
        if self.month == 3:
            return Label(en="vernal equinox (formula)", ja="春分日（計算式）")
        return Label(en="autumnal equinox (formula)", ja="秋分日（計算式）")


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

DateRule = Fixed | NthMonday | Equinox


@final
@attrs.frozen
class NationalHoliday:
    """A national holiday of article 2: its name, its date rule, the years it applies, its law."""

    name: Label
    rule: DateRule
    first_year: int
    last_year: int | None
    """The last year it applies; None while still in force."""
    enacted_by: str

    def applies_in(self, year: int) -> bool:
        """Whether the row is in force in *year*."""
        return (
            self.first_year <= year <= (LAST_DAY.year if self.last_year is None else self.last_year)
        )


_1948 = "Act No. 178 of 1948"
_1966 = "1966 amendment"
_1989 = "1989 amendment"
_HAPPY_MONDAY_1998 = "1998 amendment (Happy Monday)"
_HAPPY_MONDAY_2001 = "2001 amendment (Happy Monday)"
_2005 = "2005 amendment (in force 2007)"
_ABDICATION = "2017 Special Measures Act on the Imperial House Law (abdication)"
_2018 = "2018 amendment (Sports Day)"


def _holiday(ja: str, rule: DateRule, years: tuple[int, int | None], by: str) -> NationalHoliday:
    """A row named *ja* in the Act, in English as :data:`NATIONAL_NAMES` translates it."""
    return NationalHoliday(Label(en=NATIONAL_NAMES[ja], ja=ja), rule, years[0], years[1], by)


NATIONAL_HOLIDAYS = (
    # The Act of 1948; its days before 20 July 1948 fall before the Act and are dropped.
    _holiday("元日", Fixed(1, 1), (1948, None), _1948),
    _holiday("成人の日", Fixed(1, 15), (1948, 1999), _1948),
    _holiday("成人の日", NthMonday(1, 2), (2000, None), _HAPPY_MONDAY_1998),
    _holiday("建国記念の日", Fixed(2, 11), (1967, None), _1966),
    _holiday("天皇誕生日", Fixed(2, 23), (2020, None), _ABDICATION),
    _holiday("春分の日", Equinox(3), (1948, None), _1948),
    _holiday("天皇誕生日", Fixed(4, 29), (1948, 1988), _1948),
    _holiday("みどりの日", Fixed(4, 29), (1989, 2006), _1989),
    _holiday("昭和の日", Fixed(4, 29), (2007, None), _2005),
    _holiday("憲法記念日", Fixed(5, 3), (1948, None), _1948),
    _holiday("みどりの日", Fixed(5, 4), (2007, None), _2005),
    _holiday("こどもの日", Fixed(5, 5), (1948, None), _1948),
    _holiday("海の日", Fixed(7, 20), (1996, 2002), "1995 amendment"),
    _holiday("海の日", NthMonday(7, 3), (2003, None), _HAPPY_MONDAY_2001),
    _holiday("山の日", Fixed(8, 11), (2016, None), "2014 amendment"),
    _holiday("敬老の日", Fixed(9, 15), (1966, 2002), _1966),
    _holiday("敬老の日", NthMonday(9, 3), (2003, None), _HAPPY_MONDAY_2001),
    _holiday("秋分の日", Equinox(9), (1948, None), _1948),
    _holiday("体育の日", Fixed(10, 10), (1966, 1999), _1966),
    _holiday("体育の日", NthMonday(10, 2), (2000, 2018), _HAPPY_MONDAY_1998),
    # The Cabinet Office lists 2019's day under both names: the rename was enacted in 2018 and
    # came into force on 1 January 2020.
    _holiday("体育の日（スポーツの日）", NthMonday(10, 2), (2019, 2019), _2018),
    _holiday("スポーツの日", NthMonday(10, 2), (2020, None), _2018),
    _holiday("文化の日", Fixed(11, 3), (1948, None), _1948),
    _holiday("勤労感謝の日", Fixed(11, 23), (1948, None), _1948),
    _holiday("天皇誕生日", Fixed(12, 23), (1989, 2018), _1989),
)
"""Article 2's national holidays, one row per name and date rule, with the years each applies."""


@final
@attrs.frozen
class DayRule:
    """A rule about the days next to national holidays, with the days it is in force."""

    rule: Label
    in_force_from: dt.date
    in_force_to: dt.date | None
    """The last day it applies; None while still in force."""
    enacted_by: str
    widened: bool
    """Substitute holidays: move past following national holidays. Citizens' holidays: also on
    a Sunday (before 2007, a Sunday between two holidays stayed a Sunday)."""

    def applies_on(self, day: dt.date) -> bool:
        """Whether the rule is in force on *day*."""
        return self.in_force_from <= day <= (self.in_force_to or LAST_DAY)


_AMENDMENT_2007 = dt.date(2007, 1, 1)
SUBSTITUTE_RULES = (
    DayRule(
        Label(
            en="a national holiday on a Sunday makes the next day a holiday",
            ja="国民の祝日が日曜日に当たるときは、その翌日を休日とする",
        ),
        dt.date(1973, 4, 12),
        dt.date(2006, 12, 31),
        "1973 amendment",
        widened=False,
    ),
    DayRule(
        Label(
            en="a national holiday on a Sunday makes the nearest following day that is not a "
            "national holiday a holiday",
            ja="国民の祝日が日曜日に当たるときは、その日後においてその日に最も近い国民の祝日でない日を休日とする",
        ),
        _AMENDMENT_2007,
        None,
        _2005,
        widened=True,
    ),
)
"""Substitute holidays (振替休日), by the date of the Sunday holiday."""

CITIZENS_RULES = (
    DayRule(
        Label(
            en="a day, other than a Sunday or a substitute holiday, between two national "
            "holidays is a holiday",
            ja="前日及び翌日が国民の祝日である日（日曜日・振替休日を除く）は休日とする",
        ),
        dt.date(1985, 12, 27),
        dt.date(2006, 12, 31),
        "1985 amendment",
        widened=False,
    ),
    DayRule(
        Label(
            en="a day between two national holidays that is not itself a holiday is a holiday",
            ja="前日及び翌日が国民の祝日である日（国民の祝日でない日に限る）は休日とする",
        ),
        _AMENDMENT_2007,
        None,
        _2005,
        widened=True,
    ),
)
"""Citizens' holidays (国民の休日), by the date of the day between."""


@final
@attrs.frozen
class OneOffDay:
    """A day one special act made a holiday, with a name that does not depend on the date."""

    date: dt.date
    name: Label
    """The English name of the event, and the name in the Cabinet Office's list."""
    generic_en: str
    """The English name of the same ceremony on any other date (in a loaded official list)."""
    enacted_by: str


def _one_off(day: dt.date, by: str) -> OneOffDay:
    """The day *by* made a holiday, named as :data:`ONE_OFF_DAY_NAMES` names it."""
    name, generic_en = ONE_OFF_DAY_NAMES[day]
    return OneOffDay(day, name, generic_en, by)


ONE_OFF_DAYS = (
    _one_off(dt.date(1959, 4, 10), "special act of 1959"),
    _one_off(dt.date(1989, 2, 24), "special act of 1989"),
    _one_off(dt.date(1990, 11, 12), "special act of 1990"),
    _one_off(dt.date(1993, 6, 9), "special act of 1993"),
    # The 2018 act made these two days holidays treated as national holidays (祝日扱い), so they
    # also make the days beside them citizens' holidays (30 April and 2 May 2019).
    _one_off(dt.date(2019, 5, 1), "special act of 2018"),
    _one_off(dt.date(2019, 10, 22), "special act of 2018"),
)
"""One-off holidays (weddings, a state funeral, enthronements), each made by its own act."""


@final
@attrs.frozen
class MovedHoliday:
    """A national holiday moved, for one year, to another day."""

    year: int
    name_ja: str
    to: dt.date
    enacted_by: str


_OLYMPICS_2018 = "Tokyo 2020 special measures act, as amended in 2018"
_OLYMPICS_2020 = "Tokyo 2020 special measures act, as amended in 2020 (the Games postponed)"
MOVED_HOLIDAYS = (
    # the Games' opening and closing
    MovedHoliday(2020, "海の日", dt.date(2020, 7, 23), _OLYMPICS_2018),
    MovedHoliday(2020, "スポーツの日", dt.date(2020, 7, 24), _OLYMPICS_2018),
    MovedHoliday(2020, "山の日", dt.date(2020, 8, 10), _OLYMPICS_2018),
    # the same act as amended after the Games were postponed by a year
    MovedHoliday(2021, "海の日", dt.date(2021, 7, 22), _OLYMPICS_2020),
    MovedHoliday(2021, "スポーツの日", dt.date(2021, 7, 23), _OLYMPICS_2020),
    MovedHoliday(2021, "山の日", dt.date(2021, 8, 8), _OLYMPICS_2020),
)
"""The Olympic moves of 2020 and 2021."""


@final
@attrs.frozen
class EquinoxPeriod:
    """The constants of the equinox formula for the years *first_year* to *last_year*."""

    first_year: int
    last_year: int
    vernal: Decimal
    autumnal: Decimal


EQUINOX_RATE = Decimal("0.242194")
"""Days the equinox moves later each year (a tropical year is 365.242194 days)."""
EQUINOX_BASE_YEAR = 1980
"""The year the formula counts from; every fourth year a leap day moves it back a day."""
EQUINOX_PERIODS = (
    EquinoxPeriod(FIRST_DAY.year, 1979, Decimal("20.8357"), Decimal("23.2588")),
    EquinoxPeriod(1980, 2099, Decimal("20.8431"), Decimal("23.2488")),
    EquinoxPeriod(2100, LAST_DAY.year, Decimal("21.8510"), Decimal("24.2488")),
)
"""day = floor(constant + EQUINOX_RATE × (year − 1980)) − floor((year − 1980) / 4)."""

CABINET_OFFICE_LIST = Source(
    title="Cabinet Office, 国民の祝日・休日 (syukujitsu.csv), updated each February",
    url="https://www8.cao.go.jp/chosei/shukujitsu/syukujitsu.csv",
)
SOURCES = (
    Source(title=f"{ACT}, and its amendments"),
    CABINET_OFFICE_LIST,
)
"""Where the holiday rules come from."""
