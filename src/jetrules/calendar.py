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

For columns of dates (numpy arrays, pandas DataFrames), :meth:`BusinessCalendar.to_numpy` and
:meth:`BusinessCalendar.to_pandas` hand the same closed days to numpy and pandas (optional:
``jetrules[numpy]``, ``jetrules[pandas]``).

The rules the calendar applies, with their sources, are the calendar's section of the "Rules and
sources" page:

>>> print(rules_markdown().splitlines()[0])
## `jetrules.calendar`
"""

from jetrules._calendar.business import SERVICE_CALENDAR, BusinessCalendar, deadline
from jetrules._calendar.deadlines import ClosedDay, Deadline
from jetrules._calendar.holidays import FIRST_DAY, LAST_DAY, Holiday, HolidayKind
from jetrules._calendar.rules_page import rules_markdown
from jetrules._calendar.table import (
    HolidayTable,
    holiday_on,
    holidays_in,
    is_national_holiday,
    load_official_holidays,
)
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
    "rules_markdown",
]
