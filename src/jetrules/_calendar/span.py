"""The days the calendar knows, 1948-07-20 to 2150-12-31, and the checks keeping to them (private).

The lowest module of the calendar: the Act's tables (:mod:`jetrules._calendar.holiday_rules`)
and everything that counts days read the range from here, so that answering a business-day
question never has to load the Act's tables.

>>> known_day("2019-05-01", "day")
Date(2019, 5, 1)
"""

from __future__ import annotations

import datetime as dt

import pendulum

from jetrules._kernel.dates import DateLike, to_date
from jetrules.errors import OutOfRange, WrongType

__all__ = ["FIRST_DAY", "LAST_DAY", "RANGE", "known_day", "known_year"]

FIRST_DAY = dt.date(1948, 7, 20)
"""The day the Act on National Holidays came into force: the first day the calendar knows."""
LAST_DAY = dt.date(2150, 12, 31)
"""The last day the calendar knows (the equinox formula is published up to 2150)."""

RANGE = f"from {FIRST_DAY} to {LAST_DAY}, the days the holiday rules cover"


def known_day(day: DateLike, field: str) -> pendulum.Date:
    """*day* as a ``pendulum.Date``; OutOfRange naming *field* outside :data:`RANGE`."""
    date = to_date(day, field)
    if not FIRST_DAY <= date <= LAST_DAY:
        raise OutOfRange.for_field(field, f"must be {RANGE}", day)
    return date


def known_year(year: int) -> int:
    """*year*, an int from 1948 to 2150; WrongType or OutOfRange naming ``year`` otherwise."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise WrongType.for_field("year", "must be an int such as 2019", year)
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise OutOfRange.for_field(
            "year", f"must be from {FIRST_DAY.year} to {LAST_DAY.year} ({RANGE})", year
        )
    return year
