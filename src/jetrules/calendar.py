"""Fiscal years, Japanese national holidays, business days and reply deadlines.

Every "per year" in the programme's sources means the Japanese fiscal year, 1 April to 31 March.

>>> FiscalYear.of("2020-03-31"), FiscalYear.of("2020-04-01")
(FiscalYear(2019), FiscalYear(2020))
>>> print(FiscalYear(2019).render("ja"))
2019年度

National holidays follow the Act on National Holidays (1948-07-20 to 2150-12-31), overridden by
the Cabinet Office's list for the years it covers; business days close on Saturdays, Sundays,
national holidays and 29 December to 3 January.

>>> print(holiday_on("2019-05-01").name_en)
Enthronement of Emperor Naruhito
>>> SERVICE_CALENDAR.add_business_days("2019-12-27", 1)
Date(2020, 1, 6)
>>> deadline("2019-12-27T10:00+09:00").due_date
Date(2020, 1, 8)
"""

from __future__ import annotations

from jetrules._calendar.business import (
    SERVICE_CALENDAR,
    BusinessCalendar,
    ClosedDay,
    Deadline,
    deadline,
)
from jetrules._calendar.holidays import FIRST_DAY, LAST_DAY, Holiday, HolidayKind
from jetrules._calendar.official import HolidayTable, load_official_holidays
from jetrules._kernel.dates import DateLike
from jetrules._kernel.fiscal import FiscalYear

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "SERVICE_CALENDAR",
    "BusinessCalendar",
    "ClosedDay",
    "Deadline",
    "FiscalYear",
    "Holiday",
    "HolidayKind",
    "HolidayTable",
    "deadline",
    "holiday_on",
    "holidays_in",
    "is_national_holiday",
    "load_official_holidays",
]

_HOLIDAYS = HolidayTable()


def holidays_in(year: int) -> tuple[Holiday, ...]:
    """Every holiday of calendar *year*, in date order, from the bundled list and the rules.

    >>> [h.date.day for h in holidays_in(2019) if h.date.month == 5]
    [1, 2, 3, 4, 5, 6]
    """
    return _HOLIDAYS.holidays_in(year)


def holiday_on(day: DateLike) -> Holiday | None:
    """The holiday on *day*, or None.

    >>> holiday_on("2020-02-24").kind
    <HolidayKind.SUBSTITUTE: 'substitute'>
    """
    return _HOLIDAYS.holiday_on(day)


def is_national_holiday(day: DateLike) -> bool:
    """Whether *day* is a holiday of any kind.

    >>> is_national_holiday("2019-12-23"), is_national_holiday("2020-02-23")
    (False, True)
    """
    return _HOLIDAYS.is_national_holiday(day)
