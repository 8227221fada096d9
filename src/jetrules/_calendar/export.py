"""A business calendar handed to numpy and pandas, for vectorised date work (private).

:meth:`~jetrules.calendar.BusinessCalendar.to_numpy` and
:meth:`~jetrules.calendar.BusinessCalendar.to_pandas` call these. A ``numpy.busdaycalendar`` is a
weekmask (the days of the week that are open) and a list of holidays (the other closed days): the
calendar's weekend becomes the weekmask, and every other day its tables close, over the years
asked for, becomes a holiday, so both answer alike on every day of those years. numpy and pandas
are optional: they are imported here, when first asked for, and a missing one is named with the
extra that installs it (``jetrules[numpy]``, ``jetrules[pandas]``).

>>> from jetrules.calendar import SERVICE_CALENDAR
>>> weekmask(SERVICE_CALENDAR.weekend)
'1111100'
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

from jetrules._calendar.open_days import OpenDays, date_of
from jetrules._calendar.span import FIRST_DAY, LAST_DAY
from jetrules.errors import InvalidInput, JetRulesError, OutOfRange, WrongType

if TYPE_CHECKING:
    import numpy

__all__ = ["closed_weekdays", "to_numpy", "to_pandas", "weekmask"]

_EPOCH = dt.date(1970, 1, 1).toordinal()
"""numpy counts days (``datetime64[D]``) from 1970-01-01."""


def _missing(module: str, method: str) -> JetRulesError:
    """The error for *module*, optional and not installed: it names the extra that installs it."""
    return JetRulesError(
        f"BusinessCalendar.{method} needs {module}, which is not installed: "
        f"pip install 'jetrules[{module}]'"
    )


def _year(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType.for_field(field, "must be an int such as 2019", value)
    if not FIRST_DAY.year <= value <= LAST_DAY.year:
        raise OutOfRange.for_field(
            field,
            f"must be from {FIRST_DAY.year} to {LAST_DAY.year}, the years the holiday rules cover",
            value,
        )
    return value


def _years(first_year: object, last_year: object) -> range:
    """The years from *first_year* to *last_year*, both checked."""
    first, last = _year(first_year, "first_year"), _year(last_year, "last_year")
    if last < first:
        raise InvalidInput.for_field("last_year", f"must not be before first_year ({first})", last)
    return range(first, last + 1)


def weekmask(weekend: frozenset[int]) -> str:
    """The weekmask numpy gives a calendar closed on *weekend*: Monday first, 1 for an open day."""
    return "".join("0" if day in weekend else "1" for day in range(7))


def closed_weekdays(
    days: OpenDays, weekend: frozenset[int], first_year: object, last_year: object
) -> list[int]:
    """The ordinals of the closed days of the years asked for that are not on *weekend*.

    They are the holidays of a ``numpy.busdaycalendar`` with :func:`weekmask`. A weekmask closes
    the weekend every week, so a calendar that opens a day of its weekend (a working day) cannot
    be one: InvalidInput names the day.
    """
    found = []
    for year in _years(first_year, last_year):
        table = days.year(year)
        weekday = dt.date.fromordinal(table.start).weekday()
        for index, is_open in enumerate(table.open):
            on_weekend = (weekday + index) % 7 in weekend
            if on_weekend and is_open:
                raise InvalidInput.for_field(
                    "working_days",
                    "must hold no day of the weekend for numpy and pandas, whose calendars close "
                    "the weekend every week (leave the years with such a day out)",
                    date_of(table.start + index),
                )
            if not (on_weekend or is_open):
                found.append(table.start + index)
    return found


def to_numpy(
    days: OpenDays, weekend: frozenset[int], first_year: object, last_year: object
) -> numpy.busdaycalendar:
    """A ``numpy.busdaycalendar`` closed on the same days, from *first_year* to *last_year*."""
    try:
        import numpy as np  # noqa: PLC0415  (optional: the numpy extra)
    except ImportError:
        raise _missing("numpy", "to_numpy") from None
    holidays = closed_weekdays(days, weekend, first_year, last_year)
    return np.busdaycalendar(
        weekmask=weekmask(weekend),
        holidays=np.array([ordinal - _EPOCH for ordinal in holidays], dtype="datetime64[D]"),
    )


def to_pandas(
    days: OpenDays, weekend: frozenset[int], first_year: object, last_year: object
) -> Any:  # a pandas.offsets.CustomBusinessDay: pandas ships no type hints
    """A ``pandas.offsets.CustomBusinessDay`` closed on the same days as :func:`to_numpy`'s."""
    try:
        pandas = importlib.import_module("pandas")  # untyped: imported by name, as Any
    except ImportError:
        raise _missing("pandas", "to_pandas") from None
    calendar = to_numpy(days, weekend, first_year, last_year)  # pandas installs numpy
    return pandas.offsets.CustomBusinessDay(
        weekmask=weekmask(weekend), holidays=list(calendar.holidays)
    )
