"""What closes a business calendar's days: the reasons it gives, and its fields checked (private).

:class:`~jetrules.calendar.BusinessCalendar` converts its ``weekend``, ``closures`` and
``working_days`` with these, and names why a day is closed with these labels.

>>> sorted(to_weekend([6, 5]))
[5, 6]
>>> print(WEEKDAYS[5].ja)
土曜日
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pendulum

from jetrules._calendar.span import known_day
from jetrules._kernel.dates import DateLike
from jetrules._labels import Label
from jetrules.errors import InvalidInput, WrongType

__all__ = [
    "ADDED_CLOSURE",
    "WEEKDAYS",
    "YEAR_END",
    "to_closures",
    "to_day_set",
    "to_weekend",
    "to_working_days",
]

WEEKDAYS = (
    Label(en="Monday", ja="月曜日"),
    Label(en="Tuesday", ja="火曜日"),
    Label(en="Wednesday", ja="水曜日"),
    Label(en="Thursday", ja="木曜日"),
    Label(en="Friday", ja="金曜日"),
    Label(en="Saturday", ja="土曜日"),
    Label(en="Sunday", ja="日曜日"),
)
"""The days of the week, Monday first (``date.weekday()`` numbers them)."""
YEAR_END = Label(
    en="year-end closure, 29 December to 3 January", ja="年末年始の休日（12月29日から1月3日）"
)
"""Why the office is closed from 29 December to 3 January."""
ADDED_CLOSURE = Label(en="closure added to the calendar", ja="追加の休業日")
"""Why the office is closed on a day added with ``BusinessCalendar.with_closures``."""


def _members(value: object, field: str, rule: str) -> tuple[Any, ...]:
    """The items of *value*, a collection (not text): WrongType naming *field* otherwise."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongType.for_field(field, rule, value)
    return tuple(value)


def to_weekend(value: Iterable[int]) -> frozenset[int]:
    """The weekdays closed every week: 0 (Monday) to 6 (Sunday), at least one left open."""
    days = frozenset(_members(value, "weekend", "must be a collection of weekday numbers"))
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise InvalidInput.for_field(
            "weekend", "must hold weekday numbers from 0 (Monday) to 6 (Sunday)", value
        )
    if len(days) == 7:
        raise InvalidInput.for_field("weekend", "must leave at least one weekday open", value)
    return days


def to_day_set(value: Iterable[DateLike], field: str) -> frozenset[pendulum.Date]:
    """*value*, a collection of days the calendar knows, as a set of ``pendulum.Date``."""
    days = _members(value, field, "must be a collection of dates")
    return frozenset(known_day(day, field) for day in days)


def to_closures(value: Iterable[DateLike]) -> frozenset[pendulum.Date]:
    """The days a calendar closes besides its weekend, holidays and year-end closure."""
    return to_day_set(value, "closures")


def to_working_days(value: Iterable[DateLike]) -> frozenset[pendulum.Date]:
    """The days a calendar opens whatever would close them."""
    return to_day_set(value, "working_days")
