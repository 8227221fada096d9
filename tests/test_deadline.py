import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import InvalidInput, OutOfRange, WrongType
from jetrules.calendar import SERVICE_CALENDAR, ClosedDay, Deadline, deadline
from jetrules.text import Label

from strategies import inner_calendar_days

TOKYO = pendulum.timezone("Asia/Tokyo")


@pytest.mark.parametrize(
    ("received_at", "counted_from", "due_date"),
    [
        ("2019-12-23T10:00+09:00", "2019-12-23", "2019-12-26"),  # an ordinary Monday
        ("2019-12-27T10:00+09:00", "2019-12-27", "2020-01-08"),  # over the year-end closure
        ("2019-04-27T09:00+09:00", "2019-05-07", "2019-05-10"),  # Saturday before Golden Week
        ("2019-12-27T01:00+00:00", "2019-12-27", "2020-01-08"),  # written in UTC, read in Tokyo
        ("2019-12-27T16:00+00:00", "2020-01-06", "2020-01-09"),  # 01:00 Saturday in Tokyo
        ("2019-12-26T23:59:59+09:00", "2019-12-26", "2020-01-07"),  # the last second of a day
    ],
)
def test_examples(received_at, counted_from, due_date):
    result = deadline(received_at)
    assert result.counted_from == pendulum.Date.fromisoformat(counted_from)
    assert result.due_date == pendulum.Date.fromisoformat(due_date)
    assert result.due_by == pendulum.datetime(
        *result.due_date.add(days=1).timetuple()[:3], tz=TOKYO
    )
    assert result.received_at.timezone_name == "Asia/Tokyo"


def test_a_reply_on_the_last_minute_is_on_time_and_one_after_is_late():
    result = deadline("2019-12-27T10:00+09:00")
    assert result.is_met_by("2020-01-08T23:59+09:00")
    assert result.business_days_late("2020-01-08T23:59:59+09:00") == 0
    assert not result.is_met_by("2020-01-09T00:00+09:00")
    assert result.business_days_late("2020-01-09T00:00+09:00") == 1
    assert result.business_days_late("2020-01-10T12:00+09:00") == 2
    assert result.business_days_late("2020-01-11T12:00+09:00") == 2  # a Saturday adds none
    assert result.business_days_late(dt.datetime(2020, 1, 8, 15, 0, tzinfo=dt.UTC)) == 1


def test_the_closed_days_that_pushed_the_deadline_say_why():
    result = deadline("2019-12-27T10:00+09:00")
    reasons = {c.date.isoformat(): c.reason.en for c in result.pushed_by}
    assert list(reasons) == [f"2019-12-{d}" for d in (28, 29, 30, 31)] + [
        f"2020-01-0{d}" for d in range(1, 6)
    ]
    assert reasons["2019-12-28"] == "Saturday"
    assert reasons["2020-01-01"] == "New Year's Day"
    assert reasons["2020-01-02"].startswith("year-end closure")
    first = result.pushed_by[0]
    assert first == ClosedDay(
        date=pendulum.Date(2019, 12, 28), reason=Label(en="Saturday", ja="土曜日")
    )
    assert first.render("ja") == "2019-12-28 (土曜日)"
    golden_week = deadline("2019-04-27T09:00+09:00")
    assert [c.date.day for c in golden_week.pushed_by] == [27, 28, 29, 30, 1, 2, 3, 4, 5, 6]
    assert deadline("2019-12-23T10:00+09:00").pushed_by == ()


def test_cutoff_moves_late_messages_to_the_next_business_day():
    evening = "2019-12-23T18:30+09:00"
    assert deadline(evening).due_date == pendulum.Date(2019, 12, 26)
    late = deadline(evening, cutoff=dt.time(17, 0))
    assert late.counted_from == pendulum.Date(2019, 12, 24)
    assert late.due_date == pendulum.Date(2019, 12, 27)
    early = deadline("2019-12-23T16:59+09:00", cutoff=dt.time(17, 0))
    assert early.due_date == pendulum.Date(2019, 12, 26)


def test_other_numbers_of_business_days():
    assert deadline("2019-12-23T10:00+09:00", business_days=0).due_date == pendulum.Date(
        2019, 12, 23
    )
    assert deadline("2019-12-23T10:00+09:00", 5).due_date == pendulum.Date(2020, 1, 6)  # 24-27, 6
    custom = SERVICE_CALENDAR.with_closures("2019-12-24").deadline("2019-12-23T10:00+09:00")
    assert custom.due_date == pendulum.Date(2019, 12, 27)
    assert custom.pushed_by[0].reason.en == "closure added to the calendar"


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"received_at": "2019-12-23T10:00"}, WrongType, "received_at"),  # naive
        ({"received_at": dt.datetime(2019, 12, 23, 10)}, WrongType, "received_at"),  # naive
        ({"received_at": "1948-07-19T10:00+09:00"}, OutOfRange, "received_at"),
        ({"received_at": "2150-12-31T10:00+09:00"}, OutOfRange, "n"),  # due after the range
        ({"business_days": -1}, InvalidInput, "business_days"),
        ({"business_days": 3.0}, WrongType, "business_days"),
        ({"cutoff": "17:00"}, WrongType, "cutoff"),
        ({"cutoff": dt.time(17, 0, tzinfo=dt.UTC)}, WrongType, "cutoff"),
    ],
)
def test_bad_arguments_are_refused(kwargs, error, field):
    arguments = {"received_at": "2019-12-23T10:00+09:00", **kwargs}
    with pytest.raises(error, match=f"'{field}'"):
        deadline(**arguments)


def test_deadline_is_a_value():
    result = deadline("2019-12-23T10:00+09:00")
    assert result == deadline("2019-12-23T01:00+00:00")
    assert isinstance(result, Deadline)
    assert repr(result).startswith("Deadline(received_at=DateTime(2019, 12, 23, 10, 0, 0")
    with pytest.raises(WrongType, match="'instant'"):
        result.is_met_by("2019-12-26T10:00")


ZONES = ["UTC", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata"]


@given(
    inner_calendar_days,
    st.integers(min_value=0, max_value=24 * 60 - 1),
    st.sampled_from(ZONES),
    st.integers(min_value=0, max_value=10),
)
def test_a_deadline_is_the_same_whatever_zone_the_instant_is_written_in(day, minute, zone, n):
    at = pendulum.datetime(day.year, day.month, day.day, tz=TOKYO).add(minutes=minute)
    here = deadline(at, n)
    assert deadline(at.in_timezone(zone), n) == here
    assert deadline(at.in_timezone(zone).isoformat(), n) == here
    assert SERVICE_CALENDAR.business_days_between(here.counted_from, here.due_date) == n
    assert SERVICE_CALENDAR.is_business_day(here.due_date)
    assert here.is_met_by(here.due_by.subtract(microseconds=1))
    assert not here.is_met_by(here.due_by)
    assert {c.date for c in here.pushed_by}.isdisjoint(
        SERVICE_CALENDAR.business_days(at.date(), here.due_date)
    )
