import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import InvalidInput, OutOfRange, WrongType
from jetrules._calendar.deadlines import start_of_day as _start_of_day
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, ClosedDay, Deadline, deadline
from jetrules.text import Label

from strategies import dates, inner_calendar_days

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


def test_cutoff_is_strictly_after_and_the_deadline_says_it_moved_the_counting_day():
    five = dt.time(17, 0)
    on_the_dot = deadline("2019-12-23T17:00:00+09:00", cutoff=five)  # not after the cut-off
    assert on_the_dot.counted_from == pendulum.Date(2019, 12, 23)
    assert not on_the_dot.after_cutoff
    assert on_the_dot.counting_note is None
    just_after = deadline("2019-12-23T17:00:00.000001+09:00", cutoff=five)
    assert just_after.counted_from == pendulum.Date(2019, 12, 24)
    assert just_after.after_cutoff
    assert just_after.cutoff == five
    assert just_after.pushed_by == ()  # no closed day pushed it: the cut-off did
    assert just_after.counting_note == Label(
        en="received after the 17:00 cut-off (Tokyo time), so counted from the next business day",
        ja="締切時刻17:00より後の受信のため翌営業日から起算",
    )
    seconds = deadline("2019-12-23T17:00:31+09:00", cutoff=dt.time(17, 0, 30))
    assert "17:00:30 cut-off" in seconds.counting_note.en
    # on a closed day the closure moves the counting day, not the cut-off
    saturday = deadline("2019-12-28T18:00+09:00", cutoff=five)
    assert not saturday.after_cutoff
    assert saturday.counting_note is None
    assert saturday.pushed_by[0].reason.en == "Saturday"
    assert not deadline("2019-12-23T18:00+09:00").after_cutoff  # no cut-off given


def test_errors_past_the_range_name_the_field_given_and_read_well():
    with pytest.raises(OutOfRange) as received:
        deadline("2150-12-31T10:00+09:00")
    assert str(received.value) == (
        "'received_at' must leave a business day to count from on or before 2150-12-31, "
        "the last day the holiday rules cover (got '2150-12-31T10:00+09:00')"
    )
    with pytest.raises(OutOfRange) as days:
        deadline("2150-12-21T10:00+09:00", business_days=30)
    assert str(days.value) == (
        "'business_days' must keep the due date on or before 2150-12-31, the last day the "
        "holiday rules cover, counting from 2150-12-21 (got 30)"
    )
    with pytest.raises(OutOfRange) as n:
        SERVICE_CALENDAR.add_business_days("1948-07-20", -1)
    assert str(n.value) == (
        "'n' must keep the result between 1948-07-20 and 2150-12-31, "
        "the days the holiday rules cover, counting from 1948-07-20 (got -1)"
    )


SATURDAYS_OPEN = BusinessCalendar(weekend={6})


@pytest.mark.parametrize(
    ("received_at", "due_date", "due_by_utc"),
    [
        # Japan's summer time: on Sunday 1949-09-11 the clocks went back from 01:00 (UTC+10) to
        # 00:00 (UTC+9), so midnight came twice; the day starts at the first, 14:00 UTC
        ("1949-09-07T10:00+09:00", "1949-09-10", "1949-09-10T14:00:00+00:00"),
        # on Sunday 1949-04-03 the clocks jumped from 24:00 (UTC+9) to 01:00 (UTC+10)
        ("1949-03-30T10:00+09:00", "1949-04-02", "1949-04-02T15:00:00+00:00"),
        # an ordinary night in summer time: 00:00 at UTC+10
        ("1949-07-06T10:00+09:00", "1949-07-09", "1949-07-09T14:00:00+00:00"),
        # no summer time: 00:00 at UTC+9
        ("2019-12-18T10:00+09:00", "2019-12-21", "2019-12-21T15:00:00+00:00"),
    ],
)
def test_due_by_is_the_first_instant_of_the_next_tokyo_day(received_at, due_date, due_by_utc):
    result = SATURDAYS_OPEN.deadline(received_at)
    assert result.due_date == pendulum.Date.fromisoformat(due_date)
    limit = dt.datetime.fromisoformat(due_by_utc)
    assert result.due_by.astimezone(dt.UTC) == limit
    assert result.due_by.timezone_name == "Asia/Tokyo"
    assert result.is_met_by(limit - dt.timedelta(microseconds=1))
    assert not result.is_met_by(limit)
    assert result.business_days_late(limit) == 1


@given(dates("1948-07-20", "1952-12-31"))
def test_the_day_starts_when_the_day_before_ends_in_tokyo(day):
    start = _start_of_day(day).astimezone(dt.UTC)
    assert start.astimezone(TOKYO).date() == day
    assert (start - dt.timedelta(microseconds=1)).astimezone(TOKYO).date() == day - dt.timedelta(1)


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
        # no business day left to count from: the user's received_at, not an internal 'n'
        ({"received_at": "2150-12-31T10:00+09:00"}, OutOfRange, "received_at"),
        ({"business_days": 999_999_999}, OutOfRange, "business_days"),  # due after the range
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
