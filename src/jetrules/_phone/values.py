"""What a telephone counselling schedule is made of: weekdays, hours, monthly days, weekly runs.

Private: :mod:`jetrules.phone` is the face. Each value renders in English and Japanese and is
read from a policy file's text (``"third wednesday"``, ``"17:30-21:00"``) by a converter that
names the parameter it reads, or taken as it is when a caller passes the value itself.

>>> day = to_monthly_day("third wednesday")
>>> day.render("en"), day.render("ja")
('the third Wednesday of each month', '毎月第3水曜日')
>>> day.in_month(2020, 4)
Date(2020, 4, 15)
>>> to_hours("17:30-21:00")
Hours(start=datetime.time(17, 30), end=datetime.time(21, 0))
>>> to_hours("21:00-17:30", "extra_hours")
Traceback (most recent call last):
...
jetrules.errors.InvalidInput: 'extra_hours' must be the end after the start, such as 17:30-21:00 (got '21:00-17:30')
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import TOKYO, to_date
from jetrules._kernel.fields import LabelledEnum, named_fields, of_type
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import Label, Lang

__all__ = [
    "Hours",
    "MonthlyDay",
    "Week",
    "Weekday",
    "WeeklyRun",
    "to_days",
    "to_hours",
    "to_monthly_day",
    "to_weekly_runs",
]


class Weekday(LabelledEnum):
    """A day of the week, as policy files write it (``wednesday``)."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """0 for Monday to 6 for Sunday, as ``date.weekday()`` counts."""
        return list(Weekday).index(self)

    @classmethod
    def of(cls, day: dt.date) -> Weekday:
        """The weekday of *day*.

        >>> Weekday.of(dt.date(2020, 4, 28))
        <Weekday.TUESDAY: 'tuesday'>
        """
        return list(cls)[day.weekday()]

    @property
    def label(self) -> Label:
        """The weekday's name in English and Japanese."""
        return _WEEKDAY_LABELS[self]

    @property
    def short(self) -> Label:
        """The weekday's short name: ``Wed`` / ``水``."""
        return Label(en=self.label.en[:3], ja=self.label.ja[0])


_WEEKDAY_LABELS: Mapping[Weekday, Label] = {
    Weekday.MONDAY: Label(en="Monday", ja="月曜日"),
    Weekday.TUESDAY: Label(en="Tuesday", ja="火曜日"),
    Weekday.WEDNESDAY: Label(en="Wednesday", ja="水曜日"),
    Weekday.THURSDAY: Label(en="Thursday", ja="木曜日"),
    Weekday.FRIDAY: Label(en="Friday", ja="金曜日"),
    Weekday.SATURDAY: Label(en="Saturday", ja="土曜日"),
    Weekday.SUNDAY: Label(en="Sunday", ja="日曜日"),
}


class Week(LabelledEnum):
    """Which of a month's weekdays: the first to the fourth, or the last."""

    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    FOURTH = "fourth"
    LAST = "last"

    @property
    def label(self) -> Label:
        """The week in English and Japanese (``third`` / ``第3``)."""
        if self is Week.LAST:
            return Label(en="last", ja="最終")
        return Label(en=self.value, ja=f"第{list(Week).index(self) + 1}")


def _choice(
    kind: type[Weekday] | type[Week], text: str, field: str, rule: str, value: object
) -> object:
    """The member of *kind* named *text* (any case); InvalidInput naming *field* and *value*."""
    try:
        return kind(text.lower())
    except ValueError:
        raise InvalidInput.for_field(field, rule, value) from None


_MONTHLY_RULE = (
    "must name a week and a weekday such as 'third wednesday' (weeks: first, second, third, "
    "fourth, last)"
)


@final
@attrs.frozen(kw_only=True)
class MonthlyDay:
    """One day of each month, such as the third Wednesday.

    Attributes:
        week: which of the month's such weekdays (the first to the fourth, or the last).
        weekday: the day of the week.
    """

    week: Week = attrs.field(validator=of_type(Week, "must be a Week"))
    weekday: Weekday = attrs.field(validator=of_type(Weekday, "must be a Weekday"))

    def in_month(self, year: int, month: int) -> pendulum.Date:
        """The day of *month* of *year* this names.

        >>> MonthlyDay(week=Week.LAST, weekday=Weekday.FRIDAY).in_month(2021, 3)
        Date(2021, 3, 26)
        """
        if self.week is Week.LAST:
            last = pendulum.Date(year, month, 1).end_of("month")
            return last.subtract(days=(last.weekday() - self.weekday.number) % 7)
        first = pendulum.Date(year, month, 1)
        offset = (self.weekday.number - first.weekday()) % 7
        return first.add(days=offset + 7 * list(Week).index(self.week))

    def render(self, lang: Lang) -> str:
        """The day in *lang*: ``the third Wednesday of each month`` / ``毎月第3水曜日``."""
        if lang == "en":
            return f"the {self.week.label.en} {self.weekday.label.en} of each month"
        return f"毎月{self.week.label.ja}{self.weekday.label.ja}"

    def __str__(self) -> str:
        return f"{self.week.value} {self.weekday.value}"


def to_monthly_day(value: object, field: str = "regular_day") -> MonthlyDay:
    """*value* as a :class:`MonthlyDay`: one, or text such as ``"third wednesday"``."""
    if isinstance(value, MonthlyDay):
        return value
    if not isinstance(value, str):
        raise WrongType.for_field(field, _MONTHLY_RULE, value)
    words = value.split()
    if len(words) != 2:
        raise InvalidInput.for_field(field, _MONTHLY_RULE, value)
    week = _choice(Week, words[0], field, _MONTHLY_RULE, value)
    weekday = _choice(Weekday, words[1], field, _MONTHLY_RULE, value)
    return MonthlyDay(week=week, weekday=weekday)  # type: ignore[arg-type]  # checked above


_HOURS = re.compile(r"\s*([0-9]{2}):([0-9]{2})\s*-\s*([0-9]{2}):([0-9]{2})\s*")
_HOURS_RULE = "must be Tokyo times such as 17:30-21:00"


def _whole_minute(instance: object, attribute: attrs.Attribute[dt.time], value: object) -> None:
    if not isinstance(value, dt.time):
        raise WrongType.for_field(attribute.name, "must be a datetime.time", value)
    if value.tzinfo is not None or value.second or value.microsecond:
        raise InvalidInput.for_field(
            attribute.name, "must be a whole minute with no zone (the hours are Tokyo's)", value
        )


@final
@attrs.frozen(kw_only=True)
class Hours:
    """The hours of a session on its day, in Tokyo time: from *start* (inclusive) to *end*.

    Attributes:
        start: when the line opens (a whole minute).
        end: when it closes (a whole minute, later the same day); at *end* it is closed.
    """

    start: dt.time = attrs.field(validator=_whole_minute)
    end: dt.time = attrs.field(validator=_whole_minute)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInput.for_field("end", f"must be after the start, {self.start}", self.end)

    def on(self, day: pendulum.Date) -> tuple[pendulum.DateTime, pendulum.DateTime]:
        """The start and end of these hours on *day*, as aware instants in Tokyo."""
        return _at(day, self.start), _at(day, self.end)

    def render(self, lang: Lang) -> str:
        """The hours as ``17:30-21:00`` (the same in both languages)."""
        return str(self)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def _at(day: pendulum.Date, time: dt.time) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, time.hour, time.minute, tz=TOKYO)


def to_hours(value: object, field: str = "hours") -> Hours:
    """*value* as :class:`Hours`: them, or text such as ``"17:30-21:00"``; errors name *field*."""
    if isinstance(value, Hours):
        return value
    if not isinstance(value, str):
        raise WrongType.for_field(field, _HOURS_RULE, value)
    found = _HOURS.fullmatch(value)
    if found is None:
        raise InvalidInput.for_field(field, _HOURS_RULE, value)
    try:
        start = dt.time(int(found[1]), int(found[2]))
        end = dt.time(int(found[3]), int(found[4]))
    except ValueError:
        raise InvalidInput.for_field(field, _HOURS_RULE, value) from None
    if end <= start:
        raise InvalidInput.for_field(
            field, "must be the end after the start, such as 17:30-21:00", value
        )
    return Hours(start=start, end=end)


def to_days(value: object, field: str = "extra_dates") -> tuple[pendulum.Date, ...]:
    """*value*, a list of dates (or ISO dates), as a sorted tuple; a day listed twice is refused.

    >>> to_days(["2020-04-28", dt.date(2020, 4, 22)])
    (Date(2020, 4, 22), Date(2020, 4, 28))
    """
    if not isinstance(value, list | tuple):
        raise WrongType.for_field(field, "must be a list of dates such as [2020-04-22]", value)
    days = [_day(item, field) for item in value]
    if len(set(days)) != len(days):
        raise InvalidInput.for_field(field, "must not list a day twice", value)
    return tuple(sorted(days))


def _day(value: object, field: str) -> pendulum.Date:
    if not isinstance(value, str | dt.date):
        raise WrongType.for_field(field, "must hold dates such as 2020-04-22", value)
    return to_date(value, field)


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class WeeklyRun:
    """Sessions on one weekday of every week from *first* to *last* (both included).

    Attributes:
        weekday: the day of the week.
        first: the first day of the run.
        last: the last day of the run, not before *first*.
    """

    weekday: Weekday = attrs.field(validator=of_type(Weekday, "must be a Weekday"))
    first: pendulum.Date = attrs.field(converter=to_date)
    last: pendulum.Date = attrs.field(converter=to_date)

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput.for_field(
                "last", f"must not be before the first day, {self.first}", self.last
            )

    def days(self) -> tuple[pendulum.Date, ...]:
        """Every day of the run, in order.

        >>> run = WeeklyRun(weekday=Weekday.WEDNESDAY, first="2021-01-13", last="2021-01-27")
        >>> run.days()
        (Date(2021, 1, 13), Date(2021, 1, 20), Date(2021, 1, 27))
        """
        day = self.first.add(days=(self.weekday.number - self.first.weekday()) % 7)
        found = []
        while day <= self.last:
            found.append(day)
            day = day.add(days=7)
        return tuple(found)

    def render(self, lang: Lang) -> str:
        """The run in *lang*."""
        if lang == "en":
            return f"every {self.weekday.label.en} from {self.first} to {self.last}"
        return f"{self.first}から{self.last}までの毎週{self.weekday.label.ja}"


_RUN_RULE = (
    'must be a list of runs such as [{ weekday = "wednesday", first = 2021-01-13, '
    "last = 2021-03-03 }]"
)
_RUN_KEYS = frozenset({"weekday", "first", "last"})


def to_weekly_runs(value: object, field: str = "weekly_runs") -> tuple[WeeklyRun, ...]:
    """*value*, a list of runs (or tables with ``weekday``, ``first``, ``last``), as a tuple."""
    if not isinstance(value, list | tuple):
        raise WrongType.for_field(field, _RUN_RULE, value)
    return tuple(_run(item, field) for item in value)


def _run(value: object, field: str) -> WeeklyRun:
    if isinstance(value, WeeklyRun):
        return value
    if not isinstance(value, dict):
        raise WrongType.for_field(field, _RUN_RULE, value)
    if set(value) != _RUN_KEYS or not isinstance(value["weekday"], str):
        raise InvalidInput.for_field(field, _RUN_RULE, value)
    rule = "must name weekdays such as 'wednesday'"
    weekday = _choice(Weekday, value["weekday"], field, rule, value)
    first, last = _day(value["first"], field), _day(value["last"], field)
    if last < first:
        raise InvalidInput.for_field(
            field, "must have runs whose last day is not before their first day", value
        )
    return WeeklyRun(weekday=weekday, first=first, last=last)  # type: ignore[arg-type]
