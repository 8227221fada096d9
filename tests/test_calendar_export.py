"""BusinessCalendar.to_numpy and to_pandas: numpy and pandas count business days as jetrules does.

20,000 random days (a seeded sample) and random steps, on the service calendar and on calendars
with other weekends, added closures and working days: ``numpy.busday_offset`` with the exported
``busdaycalendar`` and the exported pandas offset give ``add_business_days``'s answer, with the
roll convention of docs/calendar.md (n > 0: ``roll="backward"``; n < 0: ``roll="forward"``;
n == 0: numpy's ``roll="backward"``, while pandas rolls forward).
"""

import datetime as dt
import random
import sys

import numpy as np
import pandas as pd
import pytest

from jetrules import InvalidInput, JetRulesError, OutOfRange, WrongType
from jetrules.calendar import (
    SERVICE_CALENDAR,
    BusinessCalendar,
    deadline,
    load_official_holidays,
)

SAMPLE = 20_000
FIRST_YEAR, LAST_YEAR = 1949, 2149  # every year but the first and the last the calendar knows


def _sample(size: int, first: dt.date, last: dt.date, steps: int, seed: int) -> list[tuple]:
    """*size* (day, n) pairs: days from *first* to *last*, n from -steps to steps."""
    rng = random.Random(seed)
    span = (last - first).days
    return [
        (first + dt.timedelta(days=rng.randrange(span + 1)), rng.randint(-steps, steps))
        for _ in range(size)
    ]


def _numpy_offsets(busdays: np.busdaycalendar, days: list[dt.date], steps: list[int]) -> list:
    """``numpy.busday_offset`` over whole arrays, rolled as docs/calendar.md says."""
    dates = np.array(days, dtype="datetime64[D]")
    n = np.array(steps)
    backward = np.busday_offset(dates, n, roll="backward", busdaycal=busdays)
    forward = np.busday_offset(dates, n, roll="forward", busdaycal=busdays)
    return np.where(n < 0, forward, backward).astype(object).tolist()


# 60 business days move a day at most about 100 days: every answer stays in the years exported
SERVICE_SAMPLE = _sample(
    SAMPLE, dt.date(FIRST_YEAR, 6, 1), dt.date(LAST_YEAR, 6, 30), steps=60, seed=20190501
)


def test_numpy_agrees_with_add_business_days_on_20000_random_days():
    busdays = SERVICE_CALENDAR.to_numpy(FIRST_YEAR, LAST_YEAR)
    days, steps = zip(*SERVICE_SAMPLE, strict=True)
    ours = [SERVICE_CALENDAR.add_business_days(day, n) for day, n in SERVICE_SAMPLE]
    assert _numpy_offsets(busdays, list(days), list(steps)) == ours
    assert np.is_busday(np.array(days, dtype="datetime64[D]"), busdaycal=busdays).tolist() == [
        SERVICE_CALENDAR.is_business_day(day) for day in days
    ]


def test_numpy_counts_business_days_as_business_days_between():
    """For a <= b, ``busday_count(a + 1 day, b + 1 day)`` counts the business days a < d <= b.

    For a > b numpy counts b < d <= a itself, negated: ``busday_count(a, b)``.
    """
    busdays = SERVICE_CALENDAR.to_numpy(FIRST_YEAR, LAST_YEAR)
    pairs = [(day, day + dt.timedelta(days=2 * n)) for day, n in SERVICE_SAMPLE[:4000]]
    starts, ends = (np.array(days, dtype="datetime64[D]") for days in zip(*pairs, strict=True))
    one = np.timedelta64(1, "D")
    counted = np.where(
        starts <= ends,
        np.busday_count(starts + one, ends + one, busdaycal=busdays),
        np.busday_count(starts, ends, busdaycal=busdays),
    )
    assert counted.tolist() == [SERVICE_CALENDAR.business_days_between(a, b) for a, b in pairs]


def test_numpy_rolling_forward_gives_the_reply_deadlines_due_date():
    """A message received on a closed day counts from the next business day: roll="forward"."""
    busdays = SERVICE_CALENDAR.to_numpy(FIRST_YEAR, LAST_YEAR)
    sample = [(day, abs(n) % 11) for day, n in SERVICE_SAMPLE[:3000]]
    days, steps = zip(*sample, strict=True)
    due = np.busday_offset(
        np.array(days, dtype="datetime64[D]"), np.array(steps), roll="forward", busdaycal=busdays
    )
    assert due.astype(object).tolist() == [
        deadline(f"{day.isoformat()}T10:00+09:00", n).due_date for day, n in sample
    ]


def test_the_pandas_offset_agrees_with_add_business_days_on_20000_random_days():
    offset = SERVICE_CALENDAR.to_pandas(FIRST_YEAR, LAST_YEAR)
    moved = [
        (pd.Timestamp(day) + n * offset).date()
        for day, n in SERVICE_SAMPLE
        if n != 0  # pandas rolls n == 0 forward: see the next test
    ]
    assert moved == [
        SERVICE_CALENDAR.add_business_days(day, n) for day, n in SERVICE_SAMPLE if n != 0
    ]


def test_pandas_rolls_a_step_of_zero_forward_where_jetrules_rolls_back():
    offset = SERVICE_CALENDAR.to_pandas(2019, 2020)
    assert (pd.Timestamp("2019-12-28") + 0 * offset).date() == dt.date(2020, 1, 6)
    assert SERVICE_CALENDAR.add_business_days("2019-12-28", 0) == dt.date(2019, 12, 27)
    assert (pd.Timestamp("2019-12-27") + 0 * offset).date() == dt.date(2019, 12, 27)


def test_the_pandas_offset_has_the_numpy_calendars_weekmask_and_holidays():
    busdays = SERVICE_CALENDAR.to_numpy(2019, 2021)
    offset = SERVICE_CALENDAR.to_pandas(2019, 2021)
    assert isinstance(offset, pd.offsets.CustomBusinessDay)
    assert offset.n == 1
    assert offset == pd.offsets.CustomBusinessDay(
        weekmask="1111100", holidays=list(busdays.holidays)
    )
    assert offset.weekmask == "1111100"
    assert busdays.weekmask.tolist() == [True] * 5 + [False] * 2
    listed = pd.bdate_range("2019-12-25", "2020-01-08", freq=offset)
    assert [day.date() for day in listed] == list(
        SERVICE_CALENDAR.business_days("2019-12-25", "2020-01-08")
    )


def test_the_holidays_are_every_closed_weekday_of_the_years_and_no_other_day():
    busdays = SERVICE_CALENDAR.to_numpy(2019, 2019)
    holidays = [day.item() for day in busdays.holidays]
    year = [dt.date(2019, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    assert holidays == [
        day for day in year if day.weekday() < 5 and not SERVICE_CALENDAR.is_business_day(day)
    ]
    assert holidays[:3] == [dt.date(2019, 1, 1), dt.date(2019, 1, 2), dt.date(2019, 1, 3)]
    assert dt.date(2019, 5, 1) in holidays  # the enthronement
    assert dt.date(2019, 5, 4) not in holidays  # Greenery Day, a Saturday: the weekmask's


def test_numpy_knows_only_the_years_asked_for():
    """Outside them a numpy calendar closes the weekend only: ask for every year you use."""
    busdays = SERVICE_CALENDAR.to_numpy(2019, 2019)
    assert bool(np.is_busday("2020-01-01", busdaycal=busdays))
    assert not SERVICE_CALENDAR.is_business_day("2020-01-01")


OTHER_CALENDARS = {
    "open on Saturdays, no year-end closure": BusinessCalendar(weekend={6}, year_end_closure=False),
    "closures and weekday working days added": SERVICE_CALENDAR.with_closures(
        "2019-12-27", "2020-08-14", "2021-03-01"
    ).with_working_days("2020-01-02", "2020-05-04", "2021-01-01"),
    "closed on Fridays too, with a newer official list": BusinessCalendar(
        weekend={4, 5, 6},
        holidays=load_official_holidays("date,name\n2020-01-01,元日\n2020-07-23,海の日\n".encode()),
    ),
}


@pytest.mark.parametrize("calendar", OTHER_CALENDARS.values(), ids=OTHER_CALENDARS)
def test_other_calendars_agree_with_numpy_and_pandas(calendar):
    sample = _sample(2000, dt.date(2019, 3, 1), dt.date(2021, 10, 31), steps=30, seed=2020)
    busdays, offset = calendar.to_numpy(2018, 2022), calendar.to_pandas(2018, 2022)
    days, steps = zip(*sample, strict=True)
    ours = [calendar.add_business_days(day, n) for day, n in sample]
    assert _numpy_offsets(busdays, list(days), list(steps)) == ours
    assert [(pd.Timestamp(d) + n * offset).date() for d, n in sample if n] == [
        answer for answer, (_, n) in zip(ours, sample, strict=True) if n
    ]


def test_a_working_day_on_the_weekend_cannot_be_told_to_numpy():
    calendar = SERVICE_CALENDAR.with_working_days("2019-12-28")
    with pytest.raises(InvalidInput) as caught:
        calendar.to_numpy(2019, 2020)
    assert str(caught.value) == (
        "'working_days' must hold no day of the weekend for numpy and pandas, whose calendars "
        "close the weekend every week (leave the years with such a day out) (got 2019-12-28)"
    )
    with pytest.raises(InvalidInput):
        calendar.to_pandas(2019, 2019)
    assert calendar.to_numpy(2020, 2021).holidays[0] == np.datetime64("2020-01-01")


@pytest.mark.parametrize(
    ("years", "error", "message"),
    [
        ((2019.0, 2020), WrongType, "'first_year' must be an int such as 2019 (got 2019.0)"),
        ((2019, True), WrongType, "'last_year' must be an int such as 2019 (got True)"),
        (
            (1947, 2020),
            OutOfRange,
            "'first_year' must be from 1948 to 2150, the years the holiday rules cover (got 1947)",
        ),
        (
            (2019, 2151),
            OutOfRange,
            "'last_year' must be from 1948 to 2150, the years the holiday rules cover (got 2151)",
        ),
        ((2020, 2019), InvalidInput, "'last_year' must not be before first_year (2020) (got 2019)"),
    ],
)
def test_the_years_are_checked(years, error, message):
    with pytest.raises(error) as caught:
        SERVICE_CALENDAR.to_numpy(*years)
    assert str(caught.value) == message


def test_the_first_and_last_years_are_whole_where_the_calendar_knows_them():
    busdays = SERVICE_CALENDAR.to_numpy(1948, 2150)
    assert busdays.holidays[0] == np.datetime64("1948-09-23")  # the first holiday after 07-20
    assert busdays.holidays[-1] == np.datetime64("2150-12-31")  # the year-end closure


@pytest.mark.parametrize(
    ("module", "method"), [("numpy", "to_numpy"), ("pandas", "to_pandas")], ids=str
)
def test_a_missing_numpy_or_pandas_is_named_with_its_extra(monkeypatch, module, method):
    monkeypatch.setitem(sys.modules, module, None)  # import then raises ImportError
    with pytest.raises(JetRulesError) as caught:
        getattr(SERVICE_CALENDAR, method)(2019, 2020)
    assert str(caught.value) == (
        f"BusinessCalendar.{method} needs {module}, which is not installed: "
        f"pip install 'jetrules[{module}]'"
    )
    assert caught.value.__cause__ is None
