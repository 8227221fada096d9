"""The telephone line's behaviours no other test pinned: each fails when the gap is reintroduced.

The first mutation run of the phone group (issue 15, ``make mutate MUTATE=phone``) changed these
without any test failing: a schedule's description in English (its extra sessions and weekly runs,
its separators), a weekly run in English, the error of a parameter a schedule does not have, a
session open at its very start and the field named when the instant is unreadable, and more than
one supplied value named in a session's note and record; and, throughout, the field, the rule
and the value of each error a bad schedule, session or hours raise (the tests before matched the
start of the message only).
"""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from jetrules import FiscalYear, InvalidInput, OutOfRange, WrongType
from jetrules._kernel.policy import Policy
from jetrules._phone.editions import _hint, _missing_message, editions
from jetrules.phone import (
    Hours,
    PhoneSchedule,
    PhoneSession,
    SessionKind,
    Weekday,
    WeeklyRun,
    is_open,
    next_session,
    sessions_in,
    terms_for,
)

FY2020 = FiscalYear(2020)


def test_the_published_schedule_described_whole_in_both_languages():
    schedule = terms_for(FY2020)
    assert schedule.describe("en") == (
        "FY2020: the third Wednesday of each month, 17:30-21:00; "
        "extra sessions on 2020-04-22, 2020-04-28, 17:30-21:00; "
        "every Wednesday from 2021-01-13 to 2021-03-03, 17:30-21:00"
    )
    assert schedule.describe("ja") == (
        "2020年度：毎月第3水曜日、17:30-21:00；臨時開設 2020-04-22、2020-04-28、17:30-21:00；"
        "2021-01-13から2021-03-03までの毎週水曜日、17:30-21:00"
    )


def test_a_weekly_run_reads_in_english_and_japanese():
    (run,) = terms_for(FY2020).weekly_runs
    assert run.render("en") == "every Wednesday from 2021-01-13 to 2021-03-03"
    assert run.render("ja") == "2021-01-13から2021-03-03までの毎週水曜日"


def test_a_parameter_a_schedule_does_not_have_is_named_with_those_it_has():
    with pytest.raises(InvalidInput) as error:
        terms_for(FY2020).value("opening_hours")
    assert (error.value.field, error.value.value) == ("name", "opening_hours")
    assert str(error.value) == (
        "'name' must be one of regular_day, regular_hours, extra_dates, extra_hours, "
        "weekly_runs, weekly_hours (got 'opening_hours')"
    )


def test_a_session_is_open_from_its_very_start_and_names_an_unreadable_instant():
    first = sessions_in(FY2020)[0]
    assert first.is_open_at("2020-04-15T17:30+09:00")
    assert not first.is_open_at("2020-04-15T17:29:59+09:00")
    with pytest.raises(InvalidInput) as error:
        first.is_open_at("half past five")
    assert (error.value.field, error.value.value) == ("at", "half past five")
    assert error.value.rule == "must be an ISO date-time such as 2019-12-27T10:00+09:00"


def test_a_session_names_each_value_supplied_in_its_note_and_record():
    session = PhoneSession(
        start="2026-04-15T17:30+09:00",
        end="2026-04-15T22:00+09:00",
        kinds=(SessionKind.REGULAR, SessionKind.WEEKLY),
        origin="assumed",
        assumed_from=FY2020,
        supplied=("regular_hours", "weekly_hours"),
    )
    assert session.note("en") == (
        "under FY2020's schedule, assumed; supplied: regular_hours, weekly_hours"
    )
    assert session.note("ja") == "2020年度の日程を仮定、利用者指定：regular_hours, weekly_hours"
    assert session.to_record()["supplied"] == "regular_hours weekly_hours"


def test_a_year_without_a_schedule_lists_every_year_that_has_one():
    # the bundled file publishes FY2020 only; the message must still list two years well, and a
    # year that has exactly the parameters required (no extra or weekly sessions) is complete
    policy = Policy().supplying(
        "phone", FiscalYear(2025), regular_day="first monday", regular_hours="10:00-12:00"
    )
    message = _missing_message(FiscalYear(2026), editions(policy), ["regular_day"])
    assert message == (
        "no telephone counselling schedule is published for FY2026: it needs regular_day, "
        "and schedules are published for FY2020, FY2025 only; assume another year's published "
        "schedule with assume=FiscalYear(2025) (--assume-terms-from 2025 on the command line), "
        "or supply one with policy= (--policy FILE)"
    )
    # and when no year is complete, the hint can only be to supply one
    assert _hint(()) == "supply a schedule with policy= (--policy FILE)"


def test_a_supplied_extra_session_on_an_assumed_regular_day_stays_assumed():
    # merged, the assumed regular session and the supplied extra one are the strongest origin,
    # "assumed" (not "supplied", which sorts after it), still naming the year assumed
    policy = Policy().supplying(
        "phone",
        FiscalYear(2026),
        extra_dates=["2026-04-15", "2026-04-22"],
        extra_hours="20:00-22:00",
    )
    first, second = sessions_in(2026, policy=policy, assume=FY2020)[:2]
    assert (first.origin, first.assumed_from) == ("assumed", FY2020)
    assert first.render("en") == (
        "2026-04-15 (Wed) 17:30-22:00 Tokyo time: regular session; extra session "
        "(under FY2020's schedule, assumed; supplied: extra_dates, extra_hours)"
    )
    assert (second.origin, second.assumed_from) == ("supplied", None)
    assert second.render("en") == (
        "2026-04-22 (Wed) 20:00-22:00 Tokyo time: extra session (under a supplied schedule)"
    )


def test_the_calendars_first_fiscal_year_has_sessions_under_an_assumed_schedule():
    assert terms_for(1948, assume=2020).describe("en") == (
        "FY1948: the third Wednesday of each month, 17:30-21:00"
    )
    assert is_open("1948-06-16T18:00+09:00", assume=2020)
    with pytest.raises(OutOfRange) as error:
        is_open("1948-03-16T18:00+09:00", assume=2020)
    assert (error.value.field, error.value.value) == ("at", "1948-03-16T18:00+09:00")
    assert error.value.rule == "must fall in FY1948 to FY2150, the years the calendar covers"
    with pytest.raises(OutOfRange) as before_any_year:
        next_session("0001-03-31T23:00+09:00")
    assert before_any_year.value.field == "after"


def test_bad_assumed_years_and_policies_are_named():
    with pytest.raises(InvalidInput) as error:
        terms_for(2026, assume="soon")
    assert (error.value.field, error.value.value) == ("assume", "soon")
    assert error.value.rule == "must be written FY2019, 2019 or 2019年度"
    with pytest.raises(WrongType) as wrong:
        sessions_in(2020, policy="phone.toml")
    assert (wrong.value.field, wrong.value.value) == ("policy", "phone.toml")
    assert wrong.value.rule == "must be a Policy (see jetrules.policy.load)"


def test_a_weekly_run_whose_first_day_is_not_its_weekday_starts_on_the_next_one():
    run = WeeklyRun(weekday=Weekday.WEDNESDAY, first="2021-01-14", last="2021-02-03")
    assert [day.isoformat() for day in run.days()] == ["2021-01-20", "2021-01-27", "2021-02-03"]


_RUNS = 'a list of runs such as [{ weekday = "wednesday", first = 2021-01-13, last = 2021-03-03 }]'
_DAY = "a week and a weekday such as 'third wednesday' (weeks: first, second, third, fourth, last)"
_TWICE = ["2030-05-01", "2030-05-01"]
_BACKWARDS = {"weekday": "monday", "first": "2030-05-31", "last": "2030-05-01"}
_SHORT = {"weekday": "wed", "first": "2030-05-01", "last": "2030-05-31"}


_HOURS = "must be Tokyo times such as 17:30-21:00"
_ISO = "must be an ISO date such as 2019-04-01"


@pytest.mark.parametrize(
    ("fields", "kind", "field", "value", "message"),
    [
        ({"regular_day": 3}, WrongType, "regular_day", 3, f"must name {_DAY} (got 3)"),
        (
            {"regular_day": "third"},
            InvalidInput,
            "regular_day",
            "third",
            f"must name {_DAY} (got 'third')",
        ),
        (
            {"regular_day": "3rd wednesday"},
            InvalidInput,
            "regular_day",
            "3rd wednesday",
            f"must name {_DAY} (got '3rd wednesday')",
        ),
        (
            {"regular_day": "third wed"},
            InvalidInput,
            "regular_day",
            "third wed",
            f"must name {_DAY} (got 'third wed')",
        ),
        (
            {"regular_hours": "17:30"},
            InvalidInput,
            "regular_hours",
            "17:30",
            f"{_HOURS} (got '17:30')",
        ),
        (
            {"regular_hours": "25:00-26:00"},
            InvalidInput,
            "regular_hours",
            "25:00-26:00",
            f"{_HOURS} (got '25:00-26:00')",
        ),
        (
            {"regular_hours": dt.time(17)},
            WrongType,
            "regular_hours",
            dt.time(17),
            f"{_HOURS} (got 17:00:00)",
        ),
        (
            {"regular_hours": "17:30-17:30"},
            InvalidInput,
            "regular_hours",
            "17:30-17:30",
            "must be the end after the start, such as 17:30-21:00 (got '17:30-17:30')",
        ),
        (
            {"extra_dates": "2030-05-01"},
            WrongType,
            "extra_dates",
            "2030-05-01",
            "must be a list of dates such as [2020-04-22] (got '2030-05-01')",
        ),
        (
            {"extra_dates": [20300501]},
            WrongType,
            "extra_dates",
            20300501,
            "must hold dates such as 2020-04-22 (got 20300501)",
        ),
        (
            {"extra_dates": _TWICE},
            InvalidInput,
            "extra_dates",
            _TWICE,
            f"must not list a day twice (got {_TWICE})",
        ),
        (
            {"extra_dates": ["2030-13-01"]},
            InvalidInput,
            "extra_dates",
            "2030-13-01",
            f"{_ISO} (got '2030-13-01')",
        ),
        (
            {"extra_dates": ["2031-05-01"], "extra_hours": "10:00-11:00"},
            InvalidInput,
            "extra_dates",
            pendulum.Date(2031, 5, 1),
            "must lie in FY2030 (2030-04-01 to 2031-03-31) (got 2031-05-01)",
        ),
        (
            {"weekly_runs": "weekly"},
            WrongType,
            "weekly_runs",
            "weekly",
            f"must be {_RUNS} (got 'weekly')",
        ),
        (
            {"weekly_runs": ["weekly"]},
            WrongType,
            "weekly_runs",
            "weekly",
            f"must be {_RUNS} (got 'weekly')",
        ),
        (
            {"weekly_runs": [{"weekday": "wed"}]},
            InvalidInput,
            "weekly_runs",
            {"weekday": "wed"},
            f"must be {_RUNS} (got {{'weekday': 'wed'}})",
        ),
        (
            {"weekly_runs": [_SHORT]},
            InvalidInput,
            "weekly_runs",
            _SHORT,
            f"must name weekdays such as 'wednesday' (got {_SHORT})",
        ),
        (
            {"weekly_runs": [_BACKWARDS]},
            InvalidInput,
            "weekly_runs",
            _BACKWARDS,
            f"must have runs whose last day is not before their first day (got {_BACKWARDS})",
        ),
        (
            {"weekly_runs": [{"weekday": "monday", "first": "2030-05-32", "last": "2030-05-01"}]},
            InvalidInput,
            "weekly_runs",
            "2030-05-32",
            f"{_ISO} (got '2030-05-32')",
        ),
        (
            {"weekly_runs": [{"weekday": "monday", "first": "2030-05-01", "last": "2030-05-32"}]},
            InvalidInput,
            "weekly_runs",
            "2030-05-32",
            f"{_ISO} (got '2030-05-32')",
        ),
    ],
)
def test_a_bad_schedule_value_names_its_field_rule_and_value(fields, kind, field, value, message):
    values = {"fiscal_year": 2030, "regular_day": "first monday", "regular_hours": "10:00-11:00"}
    with pytest.raises(kind) as error:
        PhoneSchedule(**(values | fields))
    assert (error.value.field, error.value.value) == (field, value)
    assert str(error.value) == f"'{field}' {message}"


@pytest.mark.parametrize(
    ("make", "kind", "field", "value", "message"),
    [
        (
            lambda: Hours(start=dt.time(17), end=dt.time(17)),
            InvalidInput,
            "end",
            dt.time(17),
            "must be after the start, 17:00:00 (got 17:00:00)",
        ),
        (
            lambda: Hours(start="17:00", end=dt.time(18)),
            WrongType,
            "start",
            "17:00",
            "must be a datetime.time (got '17:00')",
        ),
        (
            lambda: Hours(start=dt.time(17, 0, 30), end=dt.time(18)),
            InvalidInput,
            "start",
            dt.time(17, 0, 30),
            "must be a whole minute with no zone (the hours are Tokyo's) (got 17:00:30)",
        ),
        (
            lambda: WeeklyRun(weekday=Weekday.MONDAY, first="2030-05-06", last="2030-05-05"),
            InvalidInput,
            "last",
            pendulum.Date(2030, 5, 5),
            "must not be before the first day, 2030-05-06 (got 2030-05-05)",
        ),
        (
            lambda: _session(kinds=()),
            InvalidInput,
            "kinds",
            (),
            "must be one or more SessionKind values (got ())",
        ),
        (
            lambda: _session(origin="guessed"),
            InvalidInput,
            "origin",
            "guessed",
            "must be one of published, supplied, assumed (got 'guessed')",
        ),
        (
            lambda: _session(sources=("CLAIR",)),
            WrongType,
            "sources",
            ("CLAIR",),
            "must be Source values (got ('CLAIR',))",
        ),
        (
            lambda: _session(supplied=[1]),
            WrongType,
            "supplied",
            [1],
            "must be parameter names (text) (got [1])",
        ),
        (
            lambda: terms_for(2020, policy=Policy().supplying("phone", FY2020, colour="blue")),
            InvalidInput,
            "colour",
            "blue",
            "is not a telephone counselling parameter (known: regular_day, regular_hours, "
            "extra_dates, extra_hours, weekly_runs, weekly_hours) (got 'blue')",
        ),
    ],
)
def test_bad_hours_runs_sessions_and_parameters_name_their_field_rule_and_value(
    make, kind, field, value, message
):
    with pytest.raises(kind) as error:
        make()
    assert (error.value.field, error.value.value) == (field, value)
    assert str(error.value) == f"'{field}' {message}"


def _session(**fields: object) -> PhoneSession:
    values: dict[str, object] = {
        "start": "2020-04-15T17:30+09:00",
        "end": "2020-04-15T21:00+09:00",
        "kinds": (SessionKind.REGULAR,),
    }
    return PhoneSession(**(values | fields))


def test_a_run_of_one_day_given_as_a_table_is_a_run():
    run = {"weekday": "monday", "first": "2030-05-06", "last": "2030-05-06"}
    schedule = PhoneSchedule(
        fiscal_year=2030,
        regular_day="first monday",
        regular_hours="10:00-11:00",
        weekly_runs=[run],
        weekly_hours="12:00-13:00",
    )
    (only,) = schedule.weekly_runs
    assert only.days() == (pendulum.Date(2030, 5, 6),)
