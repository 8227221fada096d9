"""Skype Counselling's behaviours no other test pinned: each fails when the gap is reintroduced.

A mutation run (issue 15) changed these without any test failing: a one-minute appointment,
fewer preferred times than published (now supplied in a policy), and a reschedule held to a lead
time of the caller's own (a policy too).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pendulum
import pytest

from jetrules.booking import (
    PARAMETERS,
    Appointment,
    FiscalYear,
    HoursBound,
    Ledger,
    Participant,
    Reschedule,
    SignUp,
    Status,
    Usage,
    check_length,
    check_start,
    ledger_of,
    refusals_over_limit,
    terms_for,
)
from jetrules.errors import InvalidInput, JetRulesError, Refused, WrongType
from jetrules.policy import Origin, Parameter, Policy, Provenance

REQUESTED = "2020-01-06T10:00+09:00"


def supplying(year: int, **values: object) -> Policy:
    return Policy().supplying("booking", FiscalYear(year), **values)


def sign_up(*times: str, minutes: int = 40, requested: str = REQUESTED, **kw: object) -> SignUp:
    return SignUp(
        participant="P-01",
        requested_at=requested,
        preferred_times=list(times),
        minutes=minutes,
        language="en",
        **kw,
    )


# -- a one-minute appointment --------------------------------------------------------------------


def appointment(minutes: int) -> Appointment:
    return Appointment(
        id="A-1",
        participant="P-01",
        requested_at=REQUESTED,
        start="2020-01-14T18:00+09:00",
        minutes=minutes,
        language="en",
    )


def test_a_one_minute_appointment_is_an_appointment():
    short = appointment(1)
    assert (short.minutes, short.status) == (1, Status.SCHEDULED)
    assert short.complete().counted_minutes == 1
    missed = short.miss()
    assert (missed.counted, missed.counted_minutes) == (True, 1)
    assert missed.reason.parameters["minutes"] == 1


@pytest.mark.parametrize("minutes", [0, -1])
def test_an_appointment_of_no_minutes_is_refused(minutes):
    with pytest.raises(InvalidInput) as caught:
        appointment(minutes)
    error = caught.value
    assert (error.field, error.rule, error.value) == (
        "minutes",
        "must be at least 1 minute",
        minutes,
    )


def test_minutes_are_a_whole_number():
    for minutes in (True, 1.0, "1"):
        with pytest.raises(WrongType) as caught:
            appointment(minutes)  # type: ignore[arg-type]
        assert caught.value.rule == "must be a whole number of minutes"


def test_a_one_minute_session_offered_by_a_policy_ends_by_the_hour():
    one = supplying(2019, session_minutes=[1, 20, 40])
    last = sign_up("2020-01-14T21:29+09:00", minutes=1, policy=one)
    assert last.confirm("2020-01-14T21:29+09:00", id="A-1").minutes == 1
    with pytest.raises(Refused) as caught:
        sign_up("2020-01-14T21:30+09:00", minutes=1, policy=one)
    assert caught.value.reason.code == "AFTER_HOURS"
    with pytest.raises(Refused) as caught:
        sign_up("2020-01-14T21:29+09:00", minutes=1)
    assert caught.value.reason.code == "LENGTH_NOT_OFFERED"


# -- fewer preferred times, supplied in a policy --------------------------------------------------


def test_a_policy_allowing_one_preferred_time_refuses_two():
    one = supplying(2019, max_preferred_times=1)
    assert len(sign_up("2020-01-14T18:00+09:00", policy=one).preferred_times) == 1
    with pytest.raises(Refused) as caught:
        sign_up("2020-01-14T18:00+09:00", "2020-01-15T18:00+09:00", policy=one)
    reason = caught.value.reason
    assert (reason.code, reason.parameters["count"], reason.parameters["most"]) == (
        "TOO_MANY_TIMES",
        2,
        1,
    )
    assert reason.render("en", with_source=True) == (
        "A sign-up names 2 preferred times; at most 1 may be given. "
        "[source: value supplied by the caller (published: 3)]"
    )
    assert str(caught.value) == "A sign-up names 2 preferred times; at most 1 may be given."


def test_preferred_times_in_two_years_are_held_to_the_stricter_year():
    # FY2019 allows 3 as published; the policy allows 2 in FY2020
    two = supplying(2020, max_preferred_times=2)
    times = ["2020-03-26T18:00+09:00", "2020-04-07T18:00+09:00", "2020-04-08T18:00+09:00"]
    with pytest.raises(Refused) as caught:
        sign_up(*times, requested="2020-03-16T10:00+09:00", policy=two)
    assert caught.value.reason.parameters["most"] == 2
    assert len(sign_up(*times, requested="2020-03-16T10:00+09:00").preferred_times) == 3


def test_the_published_limit_of_three_allows_three():
    times = ["2020-01-14T18:00+09:00", "2020-01-15T18:00+09:00", "2020-01-16T18:00+09:00"]
    assert len(sign_up(*times).preferred_times) == 3
    assert terms_for(FiscalYear(2019)).max_preferred_times == 3


# -- a reschedule under a lead time of the caller's own -------------------------------------------


def test_a_reschedule_is_held_to_a_supplied_lead_time():
    lead = supplying(2019, lead_business_days=2)
    booked = sign_up("2020-01-08T18:00+09:00", policy=lead).confirm(
        "2020-01-08T18:00+09:00", id="A-1"
    )
    # contact on Tuesday 7 January: two business days after it is Thursday 9 January
    moved = booked.reschedule("2020-01-09T18:00+09:00", contacted_at="2020-01-07T09:00+09:00")
    assert moved.start == pendulum.datetime(2020, 1, 9, 18, tz="Asia/Tokyo")
    assert moved.reschedules[0].previous_start == booked.start
    with pytest.raises(Refused) as caught:
        booked.reschedule("2020-01-08T19:00+09:00", contacted_at="2020-01-07T09:00+09:00")
    reason = caught.value.reason
    assert (reason.code, reason.parameters["lead"], reason.parameters["earliest"]) == (
        "TOO_SOON",
        2,
        "2020-01-09",
    )
    assert reason.render("en", with_source=True).endswith(
        "[source: value supplied by the caller (published: 4)]"
    )


def test_the_published_lead_time_holds_for_a_reschedule_too():
    booked = sign_up("2020-01-14T18:00+09:00").confirm("2020-01-14T18:00+09:00", id="A-1")
    with pytest.raises(Refused) as caught:
        booked.reschedule("2020-01-10T18:00+09:00", contacted_at="2020-01-07T09:00+09:00")
    # four business days after Tuesday 7 January: 8, 9, 10 and (Monday 13 a holiday) 14
    assert caught.value.reason.parameters["earliest"] == "2020-01-14"
    assert caught.value.reason.parameters["lead"] == 4
    moved = booked.reschedule("2020-01-15T18:00+09:00", contacted_at="2020-01-07T09:00+09:00")
    assert moved.start.day == 15


def test_a_policy_may_free_reschedules_from_the_lead_time():
    free = supplying(2019, lead_business_days=2, lead_time_for_reschedules=False)
    booked = sign_up("2020-01-08T18:00+09:00", policy=free).confirm(
        "2020-01-08T18:00+09:00", id="A-1"
    )
    moved = booked.reschedule("2020-01-07T18:00+09:00", contacted_at="2020-01-07T09:00+09:00")
    assert moved.start.day == 7


# -- the yearly ledger: its count, its refusals and what it says ----------------------------------

FY2021_DAYS = ["05-11", "05-18", "06-08", "06-15", "07-06", "07-13", "09-07"]


def fy2021(day: str, id: str, participant: str = "P-01") -> Appointment:
    start = f"2021-{day}T18:00+09:00"
    return SignUp(
        participant=participant,
        requested_at="2021-04-12T10:00+09:00",
        preferred_times=[start],
        minutes=40,
        language="en",
    ).confirm(start, id=id)


def full_ledger() -> Ledger:
    """P-01's seven FY2021 places taken: six sessions held, the seventh (A-7) booked."""
    held = [fy2021(day, f"A-{n}").complete() for n, day in enumerate(FY2021_DAYS[:6], start=1)]
    return Ledger(appointments=[*held, fy2021(FY2021_DAYS[6], "A-7")])


def test_check_room_counts_each_place_once_and_leaves_out_the_one_named():
    ledger = full_ledger()
    ledger.check_room("P-01", FiscalYear(2021), but="A-7")  # six taken: room for one
    ledger.check_room("P-02", FiscalYear(2021))
    half = Ledger(appointments=ledger.appointments[:4])
    half.check_room("P-01", FiscalYear(2021))  # four taken of seven
    with pytest.raises(Refused) as caught:
        ledger.check_room("P-01", FiscalYear(2021))
    reason = caught.value.reason
    assert reason.code == "LIMIT_REACHED"
    assert reason.parameters == {
        "participant": "P-01",
        "taken": 7,
        "limit": 7,
        "fiscal_year": FiscalYear(2021),
    }
    assert str(caught.value) == (
        "P-01 has used or booked 7 of the 7 sessions of FY2021; no more sessions can be booked "
        "in FY2021."
    )


def test_a_sign_up_with_a_time_in_a_year_with_room_passes():
    ledger = full_ledger()
    later = SignUp(
        participant="P-01",
        requested_at="2022-03-01T10:00+09:00",
        preferred_times=["2022-03-22T18:00+09:00", "2023-04-11T18:00+09:00"],
        minutes=40,
        language="en",
    )
    ledger.check_sign_up(later)  # March 2022 is FY2021, full; April 2023 is FY2023, with room
    full = SignUp(
        participant="P-01",
        requested_at="2022-03-01T10:00+09:00",
        preferred_times=["2022-03-22T18:00+09:00", "2022-03-23T18:00+09:00"],
        minutes=40,
        language="en",
    )
    with pytest.raises(Refused) as caught:
        ledger.check_sign_up(full)
    assert caught.value.reason.parameters["taken"] == 7


def test_updating_an_appointment_the_ledger_does_not_hold_is_refused():
    ledger = full_ledger()
    with pytest.raises(InvalidInput) as caught:
        ledger.update(fy2021("09-14", "A-9"))
    error = caught.value
    assert (error.field, error.rule, error.value) == ("id", "must be in the ledger", "A-9")
    with pytest.raises(InvalidInput) as caught:
        ledger.add(fy2021("09-14", "A-7"))
    assert (caught.value.field, caught.value.value) == ("id", "A-7")
    assert caught.value.rule == "must not already be in the ledger"


def test_a_usage_under_published_terms_says_nothing_of_them():
    usage = Ledger(appointments=[fy2021("05-11", "A-1")]).usage("P-01", FiscalYear(2021))
    assert (usage.changes_text("en"), usage.explanation("en")) == ("", "")
    assert usage.to_record("ja") == {
        "participant": "P-01",
        "fiscal_year": 2021,
        "sessions_used": 0,
        "minutes_used": 0,
        "sessions_booked": 1,
        "sessions_left": 6,
        "limit": 7,
        "limit_text": "7",
        "terms_origin": "published",
        "changes": [],
        "assumed": [],
        "reasons": [],
    }


def test_a_usage_under_assumed_and_supplied_terms_says_both():
    policy = supplying(2024, yearly_session_limit=5)
    start = "2024-05-14T18:00+09:00"
    booked = SignUp(
        participant="P-01",
        requested_at="2024-05-01T10:00+09:00",
        preferred_times=[start],
        minutes=40,
        language="en",
        policy=policy,
        assume=2023,
    ).confirm(start, id="A-1")
    usage = Ledger(appointments=[booked], policy=policy, assume=2023).usage(
        "P-01", FiscalYear(2024)
    )
    assumed, supplied = usage.notes
    assert usage.explanation("en") == f"{assumed.render('en')} {supplied.render('en')}"
    assert usage.changes_text("en") == "yearly session limit 5 (published: none)"
    assert usage.changes_text("ja") == "年間のセッション上限 5（公表値: なし）"
    record = usage.to_record("en")
    assert usage.to_record() == record != usage.to_record("ja")  # English unless asked
    assert (record["limit"], record["sessions_left"], record["terms_origin"]) == (5, 4, "assumed")
    assert record["changes"] == [
        {"parameter": "yearly_session_limit", "value": "5", "published": None}
    ]
    assert record["assumed"][0] == {"parameter": "session_minutes", "from": "FY2023"}
    assert [r["code"] for r in record["reasons"]] == ["ASSUMED_TERMS", "SUPPLIED_TERMS"]
    assert record["reasons"][1]["text"] == supplied.render("en")


def test_a_parameter_of_a_policy_file_is_judged_by_the_terms_field():
    with pytest.raises(InvalidInput) as caught:
        PARAMETERS["max_preferred_times"](0)
    assert (caught.value.field, caught.value.value) == ("max_preferred_times", 0)
    assert PARAMETERS["max_preferred_times"](2) == 2
    assert PARAMETERS["sessions_end_by"]("21:00") == dt.time(21, 0)


# -- an appointment's changes: the words of a refusal, the fields of a bad value -----------------


def booked(start: str = "2020-01-14T18:00+09:00") -> Appointment:
    return sign_up(start).confirm(start, id="A-1")


@pytest.mark.parametrize(
    ("change", "en", "ja"),
    [
        (
            lambda a: a.reschedule("2020-01-21T18:00+09:00", contacted_at="2020-01-07T10:00+09:00"),
            "it can no longer be rescheduled.",
            "これ以上日時を変更することはできません。",
        ),
        (
            lambda a: a.cancel(contacted_at="2020-01-07T10:00+09:00"),
            "it can no longer be cancelled.",
            "これ以上取り消すことはできません。",
        ),
        (
            lambda a: a.complete(),
            "it can no longer be completed.",
            "これ以上実施済みにすることはできません。",
        ),
        (
            lambda a: a.miss(),
            "it can no longer be marked missed.",
            "これ以上無断欠席にすることはできません。",
        ),
    ],
)
def test_a_change_to_an_appointment_no_longer_scheduled_names_the_change(change, en, ja):
    done = booked().complete()
    with pytest.raises(Refused) as caught:
        change(done)
    reason = caught.value.reason
    assert reason.code == "NOT_SCHEDULED"
    assert reason.render("en") == f"Appointment A-1 is completed; {en}"
    assert reason.render("ja") == f"予約A-1は実施済みのため、{ja}"


@pytest.mark.parametrize("field", ["contacted_at", "new_start"])
def test_a_reschedule_names_the_argument_it_cannot_read(field):
    arguments = {"new_start": "2020-01-21T18:00+09:00", "contacted_at": "2020-01-07T10:00+09:00"}
    arguments[field] = "next Tuesday"
    with pytest.raises(InvalidInput) as caught:
        booked().reschedule(arguments["new_start"], contacted_at=arguments["contacted_at"])
    assert (caught.value.field, caught.value.value) == (field, "next Tuesday")
    with pytest.raises(InvalidInput) as caught:
        booked().cancel(contacted_at="next Tuesday")
    assert caught.value.field == "contacted_at"


def _booked_under_fy2023_terms(start: str = "2024-05-14T18:00+09:00") -> Appointment:
    """A FY2024 session booked under FY2023's terms, assumed."""
    return SignUp(
        participant="P-01",
        requested_at="2024-05-01T10:00+09:00",
        preferred_times=[start],
        minutes=40,
        language="en",
        assume=2023,
    ).confirm(start, id="A-1")


def test_a_reschedule_keeps_the_assumed_terms():
    assumed = _booked_under_fy2023_terms()
    moved = assumed.reschedule("2024-05-21T18:00+09:00", contacted_at="2024-05-07T10:00+09:00")
    assert (moved.start.day, moved.assume) == (21, FiscalYear(2023))
    assert moved.terms.origin == "assumed"


def test_an_appointment_is_cancelled_exactly_when_it_says_when():
    fields = {
        "id": "A-1",
        "participant": "P-01",
        "requested_at": REQUESTED,
        "start": "2020-01-14T18:00+09:00",
        "minutes": 40,
        "language": "en",
    }
    rule = "must be given exactly when the status is cancelled"
    with pytest.raises(InvalidInput) as caught:
        Appointment(**fields, status="cancelled")
    assert (caught.value.field, caught.value.rule, caught.value.value) == (
        "cancelled_at",
        rule,
        None,
    )
    at = pendulum.datetime(2020, 1, 10, 9, tz="Asia/Tokyo")
    with pytest.raises(InvalidInput) as caught:
        Appointment(**fields, cancelled_at=at)
    assert (caught.value.field, caught.value.rule, caught.value.value) == ("cancelled_at", rule, at)
    assert Appointment(**fields, status="cancelled", cancelled_at=at).cancelled_at == at


def test_an_appointments_record_runs_forward_in_time():
    fields = {
        "id": "A-1",
        "participant": "P-01",
        "requested_at": REQUESTED,
        "start": "2020-01-21T18:00+09:00",
        "minutes": 40,
        "language": "en",
    }
    early = Reschedule(
        contacted_at="2020-01-05T10:00+09:00",
        previous_start="2020-01-14T18:00+09:00",
        new_start="2020-01-21T18:00+09:00",
    )
    with pytest.raises(InvalidInput) as caught:
        Appointment(**fields, reschedules=[early])
    assert (caught.value.field, caught.value.value) == ("reschedules", early)
    assert caught.value.rule == "must be contacted in time order, after the request"
    cancelled = pendulum.datetime(2020, 1, 5, 10, tz="Asia/Tokyo")
    with pytest.raises(InvalidInput) as caught:
        Appointment(**fields, status="cancelled", cancelled_at=cancelled)
    assert (caught.value.field, caught.value.value) == ("cancelled_at", cancelled)
    assert caught.value.rule == "must not be earlier than the request or the last reschedule"


# -- the checks of a start time (mutation run of _booking/checks.py) -----------------------------


def test_a_session_may_start_at_the_hour_when_only_its_start_is_bound():
    by_start = supplying(2019, hours_bound="start")
    at_the_hour = sign_up("2020-01-14T21:30+09:00", policy=by_start)
    assert at_the_hour.confirm("2020-01-14T21:30+09:00", id="A-1").minutes == 40
    with pytest.raises(Refused) as caught:
        sign_up("2020-01-14T21:31+09:00", policy=by_start)
    assert caught.value.reason.code == "STARTS_AFTER_HOURS"


def test_check_start_holds_the_lead_time_though_reschedules_are_free_of_it():
    free = supplying(2019, lead_time_for_reschedules=False)
    start = pendulum.datetime(2020, 1, 8, 18, tz="Asia/Tokyo")
    requested = pendulum.datetime(2020, 1, 6, 10, tz="Asia/Tokyo")
    with pytest.raises(Refused) as caught:
        check_start(start, minutes=40, requested_at=requested, policy=free)
    reason = caught.value.reason
    assert (reason.code, reason.parameters["earliest"]) == ("TOO_SOON", "2020-01-10")
    later = pendulum.datetime(2020, 1, 10, 18, tz="Asia/Tokyo")
    assert check_start(later, minutes=40, requested_at=requested, policy=free).fiscal_year == (
        FiscalYear(2019)
    )


# -- a sign-up: its list of times, its term, its confirmation (mutation run of signup.py) --------


def term_to(last_day: str, first_day: str = "2019-08-01") -> Participant:
    return Participant(
        participant="P-01",
        appointed_from=first_day,
        appointed_to=last_day,
        organisation="Saga Prefecture",
    )


def test_preferred_times_named_twice_are_refused_naming_the_list():
    with pytest.raises(InvalidInput) as caught:
        sign_up("2020-01-14T18:00+09:00", "2020-01-14T09:00+00:00")  # one instant, two spellings
    error = caught.value
    same = pendulum.datetime(2020, 1, 14, 18, tz="Asia/Tokyo")
    assert (error.field, error.rule, error.value) == (
        "preferred_times",
        "must be distinct",
        (same, same),
    )


def test_a_request_made_before_the_term_is_refused_naming_the_request():
    with pytest.raises(Refused) as caught:
        sign_up(
            "2019-08-20T18:00+09:00", requested="2019-07-31T10:00+09:00", term=term_to("2020-07-31")
        )
    reason = caught.value.reason
    assert reason.code == "OUTSIDE_TERM"
    assert reason.render("en") == (
        "The request of 2019-07-31 is outside P-01's term of appointment (2019-08-01 to "
        "2020-07-31); sessions are for participants during their term."
    )
    assert reason.render("ja").startswith("申込み日2019-07-31はP-01の任用期間")


def test_a_sign_up_is_held_to_the_lead_time_though_reschedules_are_free_of_it():
    free = supplying(2019, lead_time_for_reschedules=False)
    with pytest.raises(Refused) as caught:
        sign_up("2020-01-08T18:00+09:00", policy=free)
    assert (caught.value.reason.code, caught.value.reason.parameters["earliest"]) == (
        "TOO_SOON",
        "2020-01-10",
    )


def test_a_confirmation_names_the_start_it_cannot_read():
    with pytest.raises(InvalidInput) as caught:
        sign_up("2020-01-14T18:00+09:00").confirm("next Tuesday", id="A-1")
    assert (caught.value.field, caught.value.value) == ("start", "next Tuesday")


def test_a_time_confirmed_after_the_term_is_refused_before_asking_whether_it_was_preferred():
    asked = sign_up("2020-01-14T18:00+09:00", term=term_to("2020-01-15"))
    with pytest.raises(Refused) as caught:
        asked.confirm("2020-01-16T18:00+09:00", id="A-1")
    reason = caught.value.reason
    assert reason.code == "OUTSIDE_TERM"
    assert reason.render("en") == (
        "The session on 2020-01-16 is outside P-01's term of appointment (2019-08-01 to "
        "2020-01-15); sessions are for participants during their term."
    )
    assert asked.confirm("2020-01-14T18:00+09:00", id="A-1").start.day == 14


def test_a_time_not_preferred_is_judged_under_the_assumed_terms():
    asked = SignUp(
        participant="P-01",
        requested_at="2024-05-01T10:00+09:00",
        preferred_times=["2024-05-14T18:00+09:00"],
        minutes=40,
        language="en",
        assume=2023,
    )
    with pytest.raises(Refused) as caught:
        asked.confirm("2024-05-15T18:00+09:00", id="A-1")
    assert caught.value.reason.code == "NOT_A_PREFERENCE"


def test_a_time_not_preferred_names_every_preferred_time():
    asked = sign_up("2020-01-14T18:00+09:00", "2020-01-15T18:00+09:00")
    with pytest.raises(Refused) as caught:
        asked.confirm("2020-01-16T18:00+09:00", id="A-1")
    assert str(caught.value) == (
        "The time 2020-01-16 18:00 is not one of the sign-up's preferred times "
        "(2020-01-14 18:00, 2020-01-15 18:00)."
    )


def test_an_unreadable_preferred_time_is_refused_naming_the_list():
    with pytest.raises(InvalidInput) as caught:
        sign_up("2020-01-14T18:00+09:00", "next Tuesday")
    assert (caught.value.field, caught.value.value) == ("preferred_times", "next Tuesday")


# -- a usage's own checks, its record, and the ledger's checks in order (mutation run of ledger.py)

COUNTS = {"appointments": 0, "sessions_used": 0, "minutes_used": 0, "sessions_booked": 0}
AT_LEAST_TAKEN = "must be at least sessions used + sessions booked"


@pytest.mark.parametrize(
    ("counts", "field", "rule"),
    [
        ({"sessions_booked": -1}, "sessions_used", "and the other counts must be >= 0"),
        ({"minutes_used": -1}, "sessions_used", "and the other counts must be >= 0"),
        (
            {"sessions_used": 2, "appointments": 1, "minutes_used": 80},
            "appointments",
            AT_LEAST_TAKEN,
        ),
        ({"sessions_booked": 8, "appointments": 8}, "limit", AT_LEAST_TAKEN),
    ],
)
def test_a_usage_with_impossible_counts_names_the_rule_and_itself(counts, field, rule):
    given = {**COUNTS, **counts}
    with pytest.raises(InvalidInput) as caught:
        Usage(participant="P-01", fiscal_year=FiscalYear(2021), limit=7, **given)
    error = caught.value
    assert (error.field, error.rule) == (field, rule)
    assert isinstance(error.value, Usage)
    assert {name: getattr(error.value, name) for name in given} == given


def test_a_usage_records_a_published_value_in_english_whatever_its_language():
    policy = supplying(2019, lead_time_for_reschedules=False)
    booked = sign_up("2020-01-14T18:00+09:00", policy=policy).confirm(
        "2020-01-14T18:00+09:00", id="A-1"
    )
    usage = Ledger(appointments=[booked], policy=policy).usage("P-01", FiscalYear(2019))
    assert usage.to_record("ja")["changes"] == [
        {"parameter": "lead_time_for_reschedules", "value": "no", "published": "yes"}
    ]
    assert usage.changes_text("ja") == "日時変更への営業日数の適用 いいえ（公表値: はい）"


def test_refusals_over_limit_passes_over_an_appointment_that_takes_no_place():
    cancelled = fy2021("04-27", "A-0").cancel(contacted_at="2021-04-20T10:00+09:00")
    assert not cancelled.counted
    eight = [*full_ledger().appointments, fy2021("09-14", "A-8")]
    refused = refusals_over_limit([cancelled, *eight])
    assert list(refused) == [8]
    assert refused[8].reason.parameters["taken"] == 7


def test_ledger_of_counts_under_the_assumed_terms():
    booked = _booked_under_fy2023_terms()
    ledger = ledger_of([booked], assume=2023)
    assert (ledger.appointments, ledger.assume) == ((booked,), FiscalYear(2023))


def test_a_usage_of_an_unknown_origin_names_the_origins_it_knows():
    with pytest.raises(InvalidInput) as caught:
        Usage(
            participant="P-01",
            fiscal_year=FiscalYear(2021),
            limit=7,
            terms_origin="guessed",
            **COUNTS,
        )
    error = caught.value
    assert (error.field, error.rule, error.value) == (
        "terms_origin",
        "must be one of published, assumed, supplied",
        "guessed",
    )


def test_a_ledger_holding_one_id_twice_is_refused_naming_the_ids():
    first = fy2021("05-11", "A-1")
    with pytest.raises(InvalidInput) as caught:
        Ledger(appointments=[first, fy2021("05-18", "A-2"), fy2021("06-08", "A-1")])
    error = caught.value
    assert (error.field, error.rule, error.value) == (
        "appointments",
        "must have distinct ids",
        ["A-1", "A-2", "A-1"],
    )


# -- the terms' own checks of a value (mutation run of terms.py) ----------------------------------


@pytest.mark.parametrize(
    ("name", "given", "rule"),
    [
        ("hours_bound", "middle", "must be 'end' or 'start'"),
        (
            "sessions_end_by",
            dt.datetime(2020, 1, 1, 21, 30),
            "must be a time of day without a zone",
        ),
        ("closed_on_holidays", "yes", "must be true or false"),
        ("session_minutes", "40", "must be positive whole numbers"),  # a list of them is due
    ],
)
def test_a_parameters_bad_value_is_named_as_given(name, given, rule):
    with pytest.raises(InvalidInput) as caught:
        PARAMETERS[name](given)
    assert (caught.value.field, caught.value.rule, caught.value.value) == (name, rule, given)


def test_terms_pass_over_a_recorded_parameter_they_do_not_have():
    terms = terms_for(FiscalYear(2019))
    colour = Parameter(name="colour", value="blue", provenance=Provenance(origin=Origin.SUPPLIED))
    extended = attrs.evolve(terms, parameters=(*terms.parameters, colour))
    assert (extended.origin, extended.changes, extended.notes) == ("published", (), ())
    assert extended.citation("colour") is None


# -- where a value comes from, as reasons say it (mutation run of origin.py) ----------------------


def test_a_supplied_value_cites_the_published_one_in_english():
    policy = supplying(2019, lead_time_for_reschedules=False)
    cited = terms_for(FiscalYear(2019), policy=policy).citation("lead_time_for_reschedules")
    assert cited is not None
    assert cited.title == "value supplied by the caller (published: yes)"


def test_two_changes_read_as_one_list_in_each_language():
    policy = supplying(2021, yearly_session_limit=8, lead_time_for_reschedules=False)
    booked = fy2021("05-11", "A-1")
    usage = Ledger(appointments=[booked], policy=policy).usage("P-01", FiscalYear(2021))
    assert usage.changes_text("en") == (
        "yearly session limit 8 (published: 7); lead time also for reschedules no (published: yes)"
    )
    assert usage.changes_text("ja") == (
        "年間のセッション上限 8（公表値: 7）、日時変更への営業日数の適用 いいえ（公表値: はい）"
    )


def test_only_an_assumed_value_makes_an_assumed_terms_note():
    terms = terms_for(FiscalYear(2021))
    recorded = tuple(
        attrs.evolve(
            parameter,
            provenance=attrs.evolve(parameter.provenance, assumed_from=FiscalYear(2020)),
        )
        for parameter in terms.parameters
    )
    assert attrs.evolve(terms, parameters=recorded).notes == ()


# -- the editions: what terms_for cannot read (mutation run of editions.py) ---------------------


def test_terms_for_names_the_argument_it_cannot_read():
    with pytest.raises(InvalidInput) as caught:
        terms_for(2024, assume="next year")
    assert (caught.value.field, caught.value.value) == ("assume", "next year")
    with pytest.raises(WrongType) as caught:
        terms_for(2019, policy="mine")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == ("policy", "mine")
    with pytest.raises(InvalidInput) as caught:
        PARAMETERS["sessions_end_by"]("half past nine")
    assert (caught.value.field, caught.value.value) == ("sessions_end_by", "half past nine")


def test_values_supplied_as_a_list_are_laid_over_the_assumed_terms():
    supplied = supplying(2024, session_minutes=[20, 60])
    terms = terms_for(2024, policy=supplied, assume=2023)
    assert (terms.session_minutes, terms.origin) == ((20, 60), "assumed")


# -- check_start's and check_length's errors: each names its field, rule and value ---------------

AWARE = "must be an aware datetime with a zone or offset, e.g. 2019-12-27T10:00+09:00"
WHOLE = "must be a whole number of minutes"
START = "2020-01-14T18:00+09:00"


@pytest.mark.parametrize(
    ("check", "given", "kind", "rule"),
    [
        (check_start, {"start": "2020-01-14T18:00"}, WrongType, AWARE),
        (check_start, {"requested_at": "2020-01-06T10:00"}, WrongType, AWARE),
        (check_start, {"minutes": "40"}, WrongType, WHOLE),
        (check_start, {"minutes": 0}, InvalidInput, "must be at least 1 minute"),
        (check_length, {"start": "2020-01-14T18:00"}, WrongType, AWARE),
        (check_length, {"minutes": 2.5}, WrongType, WHOLE),
        (check_length, {"minutes": 0}, InvalidInput, "must be at least 1 minute"),
    ],
)
def test_a_check_names_the_field_rule_and_value_of_a_bad_argument(
    check: Any, given: dict[str, object], kind: type[JetRulesError], rule: str
) -> None:
    arguments: dict[str, object] = {"start": START, "minutes": 40}
    if check is check_start:
        arguments["requested_at"] = REQUESTED
    with pytest.raises(kind) as caught:
        check(**(arguments | given))
    ((field, value),) = given.items()
    assert (caught.value.field, caught.value.rule, caught.value.value) == (field, rule, value)


@pytest.mark.parametrize(
    ("participant", "rule"),
    [
        ("   ", "must be non-empty text"),
        (
            "P-\t01",
            "must not hold control or invisible characters (such as tabs or line breaks)",
        ),
    ],
)
def test_a_usage_of_an_unreadable_participant_names_it(participant: str, rule: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Ledger(appointments=[fy2021("05-11", "A-1")]).usage(participant, FiscalYear(2021))
    assert (caught.value.field, caught.value.rule, caught.value.value) == (
        "participant",
        rule,
        participant,
    )


# -- a ledger's appointments: a list of Appointment values, refused naming what was given --------


@pytest.mark.parametrize("given", ["A-1", b"A-1", 5, "one"])
def test_a_ledger_of_what_is_not_a_list_of_appointments_names_it(given: object) -> None:
    value = fy2021("05-11", "A-1") if given == "one" else given
    with pytest.raises(WrongType) as caught:
        Ledger(appointments=value)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.rule, caught.value.value) == (
        "appointments",
        "must be a list of Appointment values",
        value,
    )


def test_a_ledger_holding_something_else_names_the_item() -> None:
    with pytest.raises(WrongType) as caught:
        Ledger(appointments=[fy2021("05-11", "A-1"), "A-2"])  # type: ignore[list-item]
    assert (caught.value.field, caught.value.rule, caught.value.value) == (
        "appointments",
        "must hold Appointment values",
        "A-2",
    )


def test_a_supplied_value_is_held_in_the_form_the_terms_give_it() -> None:
    """A policy's ``hours_bound = "start"`` is the terms' ``HoursBound.START`` in their parameters
    too (mutation run of _booking/editions.py: ``_build`` kept the text as supplied)."""
    policy = supplying(2023, hours_bound="start", session_minutes=[40, 20])
    terms = terms_for(FiscalYear(2023), policy=policy)
    held = {p.name: p.value for p in terms.parameters}
    assert held["hours_bound"] is HoursBound.START is terms.hours_bound
    assert held["session_minutes"] == (40, 20) == terms.session_minutes


@pytest.mark.parametrize(
    ("name", "given", "error", "rule", "value"),
    [
        ("yearly_session_limit", 0, InvalidInput, "must be a positive whole number", 0),
        ("session_minutes", [0], InvalidInput, "must be positive whole numbers", (0,)),
        ("hours_bound", "middle", InvalidInput, "must be 'end' or 'start'", "middle"),
        ("closed_on_holidays", "yes", WrongType, "must be true or false", "yes"),
        ("sessions_end_by", "9pm", InvalidInput, "must be a time of day such as 21:30", "9pm"),
    ],
)
def test_a_converter_built_in_a_test_refuses_naming_its_parameter(
    name: str, given: object, error: type[JetRulesError], rule: str, value: object
) -> None:
    """``_checked`` builds PARAMETERS' converters while the module is imported, and mutmut
    credits what runs at import to the first test of a session only: built here, each of its
    mutants is run against this test (docs/development.md, the blind spot of import)."""
    from jetrules._booking import editions as module

    shape = module._time if name == "sessions_end_by" else module._as_given
    convert = module._checked(name, shape)
    with pytest.raises(error) as caught:
        convert(given)
    assert type(caught.value) is error
    assert (caught.value.field, caught.value.rule, caught.value.value) == (name, rule, value)


def test_a_converter_built_in_a_test_gives_the_terms_form() -> None:
    from jetrules._booking import editions as module

    assert module._checked("sessions_end_by", module._time)("21:30") == dt.time(21, 30)
    assert module._checked("hours_bound", module._as_given)("start") is HoursBound.START
    assert module._checked("session_minutes", module._as_given)([20, 40]) == (20, 40)
