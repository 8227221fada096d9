import datetime as dt
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import booking
from jetrules._booking.editions import terms_from
from jetrules._booking.reasons import lengths_label
from jetrules.booking import (
    EDITIONS,
    REASONS,
    Appointment,
    FiscalYear,
    Ledger,
    Reschedule,
    SignUp,
    Status,
    Usage,
    check_length,
    check_start,
    ledger_of,
    terms_for,
)
from jetrules.calendar import (
    SERVICE_CALENDAR,
    BusinessCalendar,
    HolidayTable,
    load_official_holidays,
)
from jetrules.errors import InvalidInput, NoRuleInForce, Refused, WrongType
from jetrules.policy import Policy
from jetrules.text import LANGUAGES

from strategies import confirmed_appointments, outcomes, tokyo

# -- helpers -------------------------------------------------------------------------------------


def sign_up(*times: str, requested: str = "2019-12-27T10:00+09:00", minutes: int = 40, **kw):
    return SignUp(
        participant=kw.pop("participant", "P-01"),
        requested_at=requested,
        preferred_times=list(times),
        minutes=minutes,
        language=kw.pop("language", "en"),
        **kw,
    )


def booked(start: str, *, id: str = "A-1", participant: str = "P-01", minutes: int = 40, **kw):
    """An appointment at *start*, signed up for three weeks before."""
    requested = pendulum.parse(start).subtract(weeks=3).isoformat()
    return sign_up(
        start, requested=requested, minutes=minutes, participant=participant, **kw
    ).confirm(start, id=id)


def refusal(error: pytest.ExceptionInfo[Refused]) -> str:
    return error.value.reason.code


# -- editions ------------------------------------------------------------------------------------


def test_editions_are_fy2019_fy2020_fy2021_fy2023_with_limits_where_published():
    assert [(t.fiscal_year.year, t.yearly_session_limit) for t in EDITIONS] == [
        (2019, None),  # the seed text publishes no limit
        (2020, 7),  # CLAIR News April 2020
        (2021, 7),  # sagajet.com, the page cited for the FY2021 subsidy
        (2023, 7),  # CLAIR News June 2023
    ]
    for terms in EDITIONS:
        assert terms.session_minutes == (20, 40)
        assert terms.max_preferred_times == 3
        assert terms.lead_business_days == 4
        assert terms.sessions_end_by == dt.time(21, 30)
        assert terms.sources


def test_limit_sources_name_clair_news():
    assert terms_for(FiscalYear(2020)).limit_source.title == "CLAIR News, April 2020"
    assert terms_for(FiscalYear(2023)).limit_source.title == "CLAIR News, June 2023"


@pytest.mark.parametrize("year", [2016, 2018, 2022, 2024, 2025])
def test_years_without_published_terms_raise(year):
    with pytest.raises(NoRuleInForce, match=f"FY{year}"):
        terms_for(FiscalYear(year))


def test_no_editions_at_all_says_none():
    with pytest.raises(NoRuleInForce, match="editions exist for none"):
        terms_from((), FiscalYear(2020), None)


def test_limit_text():
    assert terms_for(FiscalYear(2019)).limit_text("en") == "no published limit"
    assert terms_for(FiscalYear(2020)).limit_text("ja") == "7"


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"session_minutes": ()}, InvalidInput),  # no lengths at all
        ({"session_minutes": (20, 0)}, InvalidInput),  # a zero-minute session
        ({"max_preferred_times": True}, InvalidInput),  # a bool is not a count
        ({"lead_business_days": 0}, InvalidInput),  # the lead time is at least a day
        ({"yearly_session_limit": 0}, InvalidInput),  # a limit of none is written None
        ({"sessions_end_by": "21:30"}, WrongType),  # text is not a time
        ({"sessions_end_by": dt.time(21, 30, tzinfo=dt.UTC)}, WrongType),  # zones live in Tokyo
        ({"sessions_start_from": "09:00"}, WrongType),  # an opening hour is a time too
    ],
)
def test_terms_refuse_bad_parameters(changes, error):
    with pytest.raises(error):
        attrs.evolve(EDITIONS[1], **changes)


def test_every_reason_renders_in_both_languages():
    codes = [template.code for template in REASONS]
    assert len(codes) == len(set(codes)) == 17  # OUTSIDE_TERM (issue 14) made 17
    for template in REASONS:
        reason = template.with_params(**dict.fromkeys(template.parameters, "X"))
        for lang in LANGUAGES:
            text = reason.render(lang)
            assert text
            assert "{" not in text


# -- sign-up (must show 2) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("time", "minutes", "code"),
    [
        ("2020-01-08T18:00+09:00", 40, "TOO_SOON"),  # third business day after Fri 2019-12-27
        ("2020-01-06T09:00+09:00", 20, "TOO_SOON"),  # first business day after the closure
        ("2019-12-30T18:00+09:00", 40, "TOO_SOON"),  # the year-end closure, and too soon
        ("2020-01-11T10:00+09:00", 40, "CLOSED_DAY"),  # a Saturday
        ("2020-01-12T10:00+09:00", 40, "CLOSED_DAY"),  # a Sunday
        ("2020-01-13T10:00+09:00", 40, "CLOSED_DAY"),  # Coming of Age Day
        ("2020-01-09T21:31+09:00", 20, "AFTER_HOURS"),  # starts after 21:30
        ("2020-01-09T21:30+09:00", 20, "AFTER_HOURS"),  # starts at 21:30: ends at 21:50
        ("2020-01-09T21:11+09:00", 20, "AFTER_HOURS"),  # ends at 21:31
        ("2020-01-09T20:51+09:00", 40, "AFTER_HOURS"),  # ends at 21:31
        ("2020-01-09T23:50+09:00", 20, "AFTER_HOURS"),  # ends the next day
        ("2020-01-09T18:00+09:00", 30, "LENGTH_NOT_OFFERED"),  # 20 or 40 minutes only
    ],
)
def test_refused_preferred_times(time, minutes, code):
    with pytest.raises(Refused) as error:
        sign_up(time, minutes=minutes)
    assert refusal(error) == code
    shown = pendulum.parse(time).format("YYYY-MM-DD HH:mm")
    if code != "LENGTH_NOT_OFFERED":
        assert shown in str(error.value)  # the message names the offending time


@pytest.mark.parametrize(
    ("time", "minutes"),
    [
        ("2020-01-09T09:00+09:00", 40),  # the fourth business day after Fri 2019-12-27
        ("2020-01-09T20:50+09:00", 40),  # ends exactly at 21:30
        ("2020-01-09T21:10+09:00", 20),  # ends exactly at 21:30
        ("2020-01-09T09:00:00+00:00", 20),  # 18:00 in Tokyo, given in UTC
        ("2020-01-14T10:00+09:00", 20),  # the Tuesday after Coming of Age Day
    ],
)
def test_accepted_preferred_times(time, minutes):
    assert sign_up(time, minutes=minutes).preferred_times[0] == pendulum.parse(time)


def test_request_read_in_tokyo():
    # 2019-12-26T16:00Z is Friday 2019-12-27 01:00 in Tokyo: the lead time counts from the 27th.
    with pytest.raises(Refused, match="earliest day is 2020-01-09"):
        sign_up("2020-01-08T10:00+09:00", requested="2019-12-26T16:00:00+00:00")


def test_refusal_in_japanese_names_the_rule():
    with pytest.raises(Refused) as error:
        sign_up("2020-01-08T18:00+09:00")
    ja = error.value.reason.render("ja", with_source=True)
    assert "4営業日" in ja
    assert "2020-01-09" in ja
    assert "出典" in ja


def test_saturday_refusal_names_the_day():
    with pytest.raises(Refused, match=r"2020-01-11 10:00 .*Saturday"):
        sign_up("2020-01-11T10:00+09:00")


def test_each_time_is_checked_and_order_kept():
    times = ["2020-01-10T18:00+09:00", "2020-01-09T10:00+09:00", "2020-01-14T20:00+09:00"]
    assert [t.isoformat() for t in sign_up(*times).preferred_times] == [
        pendulum.parse(t).isoformat() for t in times
    ]
    with pytest.raises(Refused, match="2020-01-11 10:00"):
        sign_up(times[0], "2020-01-11T10:00+09:00")


@pytest.mark.parametrize(
    ("times", "error", "text"),
    [
        ([], InvalidInput, "at least one"),  # nothing to confirm
        (["2020-01-09T10:00+09:00"] * 2, InvalidInput, "distinct"),  # the same time twice
        (["2020-01-09T10:00"], WrongType, "aware"),  # a naive time names no instant
        ("2020-01-09T10:00+09:00", WrongType, "list"),  # one string, not a list of times
    ],
)
def test_malformed_preferred_times(times, error, text):
    with pytest.raises(error, match=text):
        SignUp(
            participant="P",
            requested_at="2019-12-27T10:00+09:00",
            preferred_times=times,
            minutes=20,
            language="en",
        )


def test_at_most_three_preferred_times():
    times = [f"2020-01-{d}T18:00+09:00" for d in ("09", "10", "14", "15")]
    assert len(sign_up(*times[:3]).preferred_times) == 3
    with pytest.raises(Refused) as error:
        sign_up(*times)
    assert refusal(error) == "TOO_MANY_TIMES"


@pytest.mark.parametrize(
    ("times", "requested", "expected"),
    [
        # four times, the first too soon: the count is the first rule broken
        (["2020-01-08", "2020-01-09", "2020-01-10", "2020-01-14"], "2019-12-27", "TOO_MANY_TIMES"),
        # four times, the first on a Saturday
        (["2020-01-11", "2020-01-09", "2020-01-10", "2020-01-14"], "2019-12-27", "TOO_MANY_TIMES"),
        # four times, one of them in FY2024 (no terms): the others' terms allow three
        (["2024-03-11", "2024-03-12", "2024-03-13", "2024-04-08"], "2024-03-01", "TOO_MANY_TIMES"),
        # the same time twice, and too soon: distinctness comes first
        (["2020-01-08", "2020-01-08"], "2019-12-27", "distinct"),
    ],
)
def test_the_list_of_times_is_checked_before_each_time(times, requested, expected):
    starts = [f"{day}T18:00+09:00" for day in times]
    with pytest.raises((Refused, InvalidInput)) as error:
        sign_up(*starts, requested=f"{requested}T10:00+09:00")
    found = error.value
    assert expected in (found.reason.code if isinstance(found, Refused) else str(found))


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("participant", " ", InvalidInput),  # blank
        ("language", "fr", InvalidInput),  # English or Japanese only
        ("minutes", 40.0, WrongType),  # whole minutes
        ("minutes", 0, InvalidInput),  # at least a minute
    ],
)
def test_sign_up_fields(field, value, error):
    with pytest.raises(error):
        sign_up("2020-01-09T18:00+09:00", **{field: value})


def test_time_in_a_year_without_terms():
    with pytest.raises(NoRuleInForce, match="FY2024"):
        sign_up("2024-04-08T18:00+09:00", requested="2024-03-01T10:00+09:00")


def fy2020_for(year: int) -> Policy:
    """A policy supplying FY2020's published terms for *year*."""
    fy2020 = terms_for(FiscalYear(2020))
    values = {name: getattr(fy2020, name) for name in booking.REQUIRED}
    return Policy().supplying("booking", FiscalYear(year), **values)


def test_caller_supplied_editions():
    policy = fy2020_for(2024)
    made = sign_up("2024-04-08T18:00+09:00", requested="2024-03-01T10:00+09:00", policy=policy)
    terms = made.confirm("2024-04-08T18:00+09:00", id="A").terms
    assert terms == terms_for(FiscalYear(2024), policy=policy)
    assert (terms.fiscal_year, terms.yearly_session_limit) == (FiscalYear(2024), 7)


def test_confirm_only_a_preferred_time():
    made = sign_up("2020-01-09T18:00+09:00", "2020-01-10T18:00+09:00")
    appointment = made.confirm("2020-01-10T09:00:00+00:00", id="A-1")  # 18:00 in Tokyo
    assert appointment.start == pendulum.parse("2020-01-10T18:00+09:00")
    assert appointment.status is Status.SCHEDULED
    assert (appointment.fiscal_year, appointment.minutes) == (FiscalYear(2019), 40)
    with pytest.raises(Refused) as error:
        made.confirm("2020-01-14T18:00+09:00", id="A-2")
    assert refusal(error) == "NOT_A_PREFERENCE"
    assert "2020-01-14 18:00" in str(error.value)


def test_values_under_a_policy_keep_it_and_hash():
    policy = fy2020_for(2024)
    made = sign_up("2020-01-09T18:00+09:00", policy=policy, assume="FY2023")
    appointment = made.confirm("2020-01-09T18:00+09:00", id="A-1")
    ledger = Ledger(appointments=[appointment], policy=policy, assume=2023)
    for value in (made, appointment, ledger, ledger_of([appointment], policy=policy, assume=2023)):
        assert value.policy is policy
        assert value.assume == FiscalYear(2023)
        assert hash(value) == hash(attrs.evolve(value))
    with pytest.raises(WrongType, match="'policy' must be a Policy"):
        Ledger(policy=["FY2020"])


@pytest.mark.parametrize(
    ("lengths", "en", "ja"),
    [
        ((20, 40), "20 or 40 minutes", "20分または40分"),  # the published lengths
        ((40,), "40 minutes", "40分"),  # a single length has no "or"
        ((20, 30, 40), "20, 30 or 40 minutes", "20分、30分または40分"),  # a list of three
    ],
)
def test_lengths_read_naturally(lengths, en, ja):
    label = lengths_label(lengths)
    assert (label.en, label.ja) == (en, ja)


def test_length_not_offered_in_both_languages():
    with pytest.raises(Refused) as error:
        sign_up("2020-01-09T18:00+09:00", minutes=30)
    assert str(error.value) == (
        "A 30-minute session is not offered in FY2019; sessions last 20 or 40 minutes."
    )
    assert error.value.reason.render("ja") == (
        "2019年度に30分のセッションはありません。セッションの長さは20分または40分です。"
    )


def test_no_opening_hour_is_published_so_none_is_enforced():
    assert all(terms.sessions_start_from is None for terms in EDITIONS)
    early = sign_up("2020-01-09T06:00+09:00", minutes=20)  # no source names an opening hour
    assert early.preferred_times[0].hour == 6
    opening = Policy().supplying("booking", FiscalYear(2019), sessions_start_from=dt.time(9, 0))
    sign_up("2020-01-09T09:00+09:00", policy=opening)  # at the opening hour
    with pytest.raises(Refused) as error:
        sign_up("2020-01-09T08:59+09:00", policy=opening)  # one minute before it
    assert refusal(error) == "BEFORE_HOURS"
    assert "09:00以降" in error.value.reason.render("ja")


def test_the_rules_page_shows_the_service_hours():
    from jetrules.rulebook import UNDATED_MARK, module_markdown

    page = module_markdown(booking)
    assert page.count("| sessions start from | — |") == len(EDITIONS)  # none published
    assert page.count(f"| sessions end by | 21:30 {UNDATED_MARK} |") == len(EDITIONS)
    assert "Sessions can be scheduled until 21:30" in page  # the source, quoted
    assert "Booking at least four business days ahead." in page  # every source is listed


def test_check_start_returns_the_terms():
    start = pendulum.parse("2020-06-01T10:00+09:00")
    terms = check_start(start, minutes=20, requested_at=start.subtract(days=10))
    assert terms.fiscal_year == FiscalYear(2020)


# -- appointments (must show 1) ----------------------------------------------------------------

START = "2020-06-10T18:00+09:00"


@pytest.mark.parametrize(
    ("contacted", "counted"),
    [
        ("2020-06-10T17:59+09:00", False),  # one minute before the start: not counted
        ("2020-06-10T17:59:59.999999+09:00", False),  # still strictly before
        ("2020-06-10T18:00+09:00", True),  # at the start: no contact in advance
        ("2020-06-10T18:01+09:00", True),  # one minute after the start
        ("2020-06-10T09:00:00+00:00", True),  # 18:00 in Tokyo, given in UTC
        ("2020-06-01T10:00+09:00", False),  # days ahead
    ],
)
def test_cancellation_counts_unless_contact_before_start(contacted, counted):
    cancelled = booked(START).cancel(contacted_at=contacted)
    assert cancelled.status is Status.CANCELLED
    assert cancelled.counted is counted
    assert cancelled.counted_minutes == (40 if counted else 0)
    assert (cancelled.reason is not None) is counted


def test_missed_and_completed_count_their_booked_minutes():
    missed = booked(START, minutes=20).miss()
    assert (missed.counted, missed.counted_minutes) == (True, 20)
    assert missed.reason is not None
    assert missed.reason.code == "MISSED"
    assert "無断欠席" in missed.reason.render("ja")
    completed = booked(START).complete()
    assert (completed.counted, completed.counted_minutes, completed.reason) == (True, 40, None)
    scheduled = booked(START)
    assert (scheduled.counted, scheduled.counted_minutes, scheduled.reason) == (False, 0, None)


def test_late_cancellation_reason_in_both_languages():
    reason = booked(START).cancel(contacted_at="2020-06-10T18:01+09:00").reason
    assert reason is not None
    assert reason.render("en") == (
        "Appointment A-1 was cancelled at 2020-06-10 18:01, not before its start at "
        "2020-06-10 18:00; it counts as a 40-minute consultation."
    )
    assert reason.render("ja") == (
        "予約A-1の取消しの連絡（2020-06-10 18:01）は開始（2020-06-10 18:00）より前ではなかった"
        "ため、40分の相談1回として数えます。"
    )


def test_reschedule_moves_the_start_and_keeps_a_history():
    moved = booked(START).reschedule(
        "2020-06-19T20:00+09:00", contacted_at="2020-06-10T17:59+09:00"
    )
    assert moved.start == pendulum.parse("2020-06-19T20:00+09:00")
    assert moved.status is Status.SCHEDULED
    assert [(r.previous_start.day, r.new_start.day) for r in moved.reschedules] == [(10, 19)]
    assert not moved.counted


@pytest.mark.parametrize(
    ("new_start", "code"),
    [
        ("2020-06-15T18:00+09:00", "TOO_SOON"),  # 3rd business day after the contact on 06-10
        ("2020-06-20T18:00+09:00", "CLOSED_DAY"),  # a Saturday
        ("2020-06-19T21:00+09:00", "AFTER_HOURS"),  # a 40-minute session would end at 21:40
    ],
)
def test_the_new_time_must_be_valid(new_start, code):
    with pytest.raises(Refused) as error:
        booked(START).reschedule(new_start, contacted_at="2020-06-10T12:00+09:00")
    assert refusal(error) == code


def after(appointment: Appointment, step: str) -> Appointment:
    if step == "cancel":
        return appointment.cancel(contacted_at="2020-06-01T10:00+09:00")
    if step == "complete":
        return appointment.complete()
    return appointment.miss()


@pytest.mark.parametrize("done", ["cancel", "complete", "miss"])
@pytest.mark.parametrize(
    "action",
    [
        lambda a: a.complete(),  # completing a cancelled (or finished) session
        lambda a: a.miss(),
        lambda a: a.cancel(contacted_at="2020-06-01T10:00+09:00"),
        lambda a: a.reschedule("2020-06-19T18:00+09:00", contacted_at="2020-06-01T10:00+09:00"),
    ],
)
def test_only_scheduled_appointments_change(done, action):
    finished = after(booked(START), done)
    with pytest.raises(Refused) as error:
        action(finished)
    assert refusal(error) == "NOT_SCHEDULED"
    assert f"is {finished.status.value}" in str(error.value)
    assert finished.status.label.ja in error.value.reason.render("ja")


@pytest.mark.parametrize("contacted", ["2020-06-10T18:00+09:00", "2020-06-10T18:01+09:00"])
def test_rescheduling_at_or_after_the_start_is_refused(contacted):
    with pytest.raises(Refused) as error:
        booked(START).reschedule("2020-06-26T18:00+09:00", contacted_at=contacted)
    assert refusal(error) == "TOO_LATE_TO_RESCHEDULE"


@pytest.mark.parametrize(
    ("status", "cancelled_at"),
    [
        ("cancelled", None),  # a cancellation needs its contact time
        ("completed", "2020-06-01T10:00+09:00"),  # only a cancellation has one
    ],
)
def test_constructor_checks_status_against_cancelled_at(status, cancelled_at):
    with pytest.raises(InvalidInput, match="cancelled_at"):
        attrs.evolve(booked(START), status=status, cancelled_at=cancelled_at)


MOVED = "2020-06-26T18:00+09:00"


@pytest.mark.parametrize(
    ("history", "contacted", "event"),
    [
        # a cancellation a year before the request (requested 2020-05-20 18:00)
        ([], "2019-06-01T10:00+09:00", "the request"),
        # one minute before the request
        ([], "2020-05-20T17:59+09:00", "the request"),
        # a cancellation dated before the reschedule it follows (the reviewer's example)
        (
            [("2020-06-09T10:00+09:00", MOVED)],
            "2020-06-01T10:00+09:00",
            "the contact to reschedule",
        ),
    ],
)
def test_a_cancellation_earlier_than_the_last_event_is_refused(history, contacted, event):
    appointment = booked(START)
    for contact, new_start in history:
        appointment = appointment.reschedule(new_start, contacted_at=contact)
    with pytest.raises(Refused) as error:
        appointment.cancel(contacted_at=contacted)
    assert refusal(error) == "TIME_BACKWARDS"
    assert f"earlier than {event}" in str(error.value)
    assert "より前の日時です" in error.value.reason.render("ja")


@pytest.mark.parametrize(
    ("history", "contacted"),
    [
        ([], "2020-05-19T10:00+09:00"),  # a move asked for before the sign-up
        ([("2020-06-09T10:00+09:00", MOVED)], "2020-06-01T10:00+09:00"),  # before the first move
    ],
)
def test_a_reschedule_earlier_than_the_last_event_is_refused(history, contacted):
    appointment = booked(START)
    for contact, new_start in history:
        appointment = appointment.reschedule(new_start, contacted_at=contact)
    with pytest.raises(Refused) as error:
        appointment.reschedule("2020-06-19T18:00+09:00", contacted_at=contacted)
    assert refusal(error) == "TIME_BACKWARDS"


def test_contacts_at_the_last_event_are_accepted():
    requested = booked(START).requested_at
    assert booked(START).cancel(contacted_at=requested).cancelled_at == requested
    moved = booked(START).reschedule(MOVED, contacted_at="2020-06-09T10:00+09:00")
    again = moved.reschedule("2020-07-03T18:00+09:00", contacted_at="2020-06-09T10:00+09:00")
    assert [r.new_start.day for r in again.reschedules] == [26, 3]
    cancelled = again.cancel(contacted_at="2020-06-09T10:00+09:00")
    assert not cancelled.counted


def test_constructor_refuses_fields_out_of_time_order():
    moved = booked(START).reschedule(MOVED, contacted_at="2020-06-09T10:00+09:00")
    with pytest.raises(InvalidInput, match="'cancelled_at' must not be earlier"):
        attrs.evolve(moved, status="cancelled", cancelled_at="2020-06-01T10:00+09:00")
    backwards = Reschedule(
        contacted_at="2020-06-01T10:00+09:00", previous_start=MOVED, new_start=START
    )
    with pytest.raises(InvalidInput, match="'reschedules' must be contacted in time order"):
        attrs.evolve(moved, reschedules=(*moved.reschedules, backwards))
    too_early = Reschedule(
        contacted_at="2020-05-01T10:00+09:00", previous_start=START, new_start=MOVED
    )
    with pytest.raises(InvalidInput, match="'reschedules'"):
        attrs.evolve(booked(START), reschedules=[too_early])


def test_repr_reads_like_the_constructor():
    text = repr(booked(START))
    assert text.startswith("Appointment(id='A-1', participant='P-01', requested_at=")
    assert "policy" not in text


# -- properties (must show 4) --------------------------------------------------------------------


def finish(appointment: Appointment, outcome: str, offset: int) -> Appointment:
    if outcome == "completed":
        return appointment.complete()
    if outcome == "missed":
        return appointment.miss()
    if outcome == "cancelled":
        return appointment.cancel(contacted_at=appointment.start + dt.timedelta(seconds=offset))
    return appointment


offsets = st.integers(-30 * 86_400, 30 * 86_400)


@given(confirmed_appointments(), st.integers(-(10**7), 10**7))
def test_cancellation_counts_exactly_when_contact_is_not_before_start(appointment, offset):
    contact = appointment.start + dt.timedelta(microseconds=offset)
    cancelled = appointment.cancel(contacted_at=contact)
    assert cancelled.counted is (contact >= appointment.start)
    assert cancelled.counted_minutes == (appointment.minutes if offset >= 0 else 0)


@given(
    confirmed_appointments(last="2021-02-28"),
    st.integers(0, 10),
    st.integers(1, 96 * 60),
    outcomes,
    st.data(),
)
def test_rescheduling_never_changes_the_count(appointment, extra, before, outcome, data):
    """Whatever becomes of an appointment, moving it first changes nothing it counts.

    The outcome happens at the same offset from the start with or without the move; a
    cancellation's offset is drawn so that it comes no earlier than the contact that moved the
    appointment (time runs forward: an earlier one is refused as TIME_BACKWARDS).
    """
    contact = appointment.start - dt.timedelta(minutes=before)
    day = SERVICE_CALENDAR.add_business_days(contact.date(), 4 + extra)
    new_start = tokyo(day, appointment.start.hour, appointment.start.minute)
    moved = appointment.reschedule(new_start, contacted_at=contact)
    since_contact = int((moved.start - contact).total_seconds())
    offset = data.draw(st.integers(max(-since_contact, -30 * 86_400), 30 * 86_400), "offset")
    assert moved.counted is appointment.counted is False
    year = FiscalYear(2020)
    assert moved.fiscal_year == year
    before_move = Ledger(appointments=[finish(appointment, outcome, offset)])
    after_move = Ledger(appointments=[finish(moved, outcome, offset)])
    usages = [ledger.usage(appointment.participant, year) for ledger in (before_move, after_move)]
    assert usages[0].sessions_used == usages[1].sessions_used
    assert usages[0].minutes_used == usages[1].minutes_used
    assert usages[0].sessions_left == usages[1].sessions_left


@given(st.lists(st.tuples(confirmed_appointments(), outcomes, offsets), max_size=25))
def test_counted_never_exceed_appointments_and_sessions_left_never_negative(histories):
    ledger = Ledger()
    for appointment, outcome, offset in histories:
        refused = None
        try:
            ledger = ledger.add(finish(appointment, outcome, offset))
        except Refused as error:
            refused = error.reason.code
        assert refused in {None, "LIMIT_REACHED"}
    for usage in ledger.usages():
        assert 0 <= usage.sessions_used <= usage.appointments
        assert usage.sessions_used + usage.sessions_booked <= usage.appointments
        assert usage.minutes_used <= 40 * usage.sessions_used
        assert usage.sessions_left is not None
        assert 0 <= usage.sessions_left <= 7


@given(st.lists(st.tuples(confirmed_appointments(participants=1), outcomes, offsets), max_size=12))
def test_ledger_of_agrees_with_counting_by_hand(histories):
    finished = [finish(a, outcome, offset) for a, outcome, offset in histories]
    taking = [a for a in finished if a.counted or a.status is Status.SCHEDULED]
    if len(taking) > 7:
        with pytest.raises(Refused):
            ledger_of(finished)
        return
    usage = ledger_of(finished).usage("P-1", FiscalYear(2020))
    assert usage.sessions_used == sum(a.counted for a in finished)
    assert usage.minutes_used == sum(a.minutes for a in finished if a.counted)


@given(
    confirmed_appointments(last="2021-02-28"),
    st.booleans(),
    st.integers(1, 40 * 86_400),
    st.sampled_from(["cancel", "reschedule"]),
)
def test_no_contact_is_accepted_before_the_last_event(appointment, moved, back, action):
    last = appointment.requested_at
    if moved:
        last = appointment.start - dt.timedelta(days=1)
        day = SERVICE_CALENDAR.add_business_days(last.date(), 4)
        appointment = appointment.reschedule(
            tokyo(day, appointment.start.hour, appointment.start.minute), contacted_at=last
        )
    earlier, later = last - dt.timedelta(seconds=back), last + dt.timedelta(seconds=back)
    act = {
        "cancel": lambda: appointment.cancel(contacted_at=earlier),
        "reschedule": lambda: appointment.reschedule(appointment.start, contacted_at=earlier),
    }[action]
    with pytest.raises(Refused) as error:
        act()
    assert refusal(error) == "TIME_BACKWARDS"
    cancelled = appointment.cancel(contacted_at=later)  # forward in time: always accepted
    assert cancelled.cancelled_at is not None
    assert cancelled.cancelled_at >= max([last, *(r.contacted_at for r in cancelled.reschedules)])


@given(confirmed_appointments())
def test_confirmed_times_end_by_21_30(appointment):
    end = appointment.start + dt.timedelta(minutes=appointment.minutes)
    assert end.time() <= dt.time(21, 30)
    assert appointment.start.tzinfo is not None


# -- accounting (must show 3) ------------------------------------------------------------------

FY2020_DAYS = ["2020-04-08", "2020-05-13", "2020-06-10", "2020-07-08", "2020-09-09", "2020-10-14"]


def seven_in_fy2020(participant: str = "P-01") -> list[Appointment]:
    days = [*FY2020_DAYS, "2020-11-11"]
    return [
        booked(f"{day}T18:00+09:00", id=f"{participant}-{i}", participant=participant).complete()
        for i, day in enumerate(days)
    ]


def test_the_eighth_counted_session_is_refused():
    ledger = ledger_of(seven_in_fy2020())
    usage = ledger.usage("P-01", FiscalYear(2020))
    assert (usage.sessions_used, usage.minutes_used, usage.sessions_left) == (7, 280, 0)
    eighth = booked("2021-03-10T18:00+09:00", id="P-01-8")
    with pytest.raises(Refused) as error:
        ledger.add(eighth)
    assert refusal(error) == "LIMIT_REACHED"
    assert str(error.value) == (
        "P-01 has used or booked 7 of the 7 sessions of FY2020; "
        "no more sessions can be booked in FY2020."  # the next year may have no terms: no date
    )
    assert error.value.reason.render("ja") == (
        "P-01は2020年度のセッション7回のうち7回を利用済みまたは予約済みです。"
        "2020年度にはこれ以上予約できません。"
    )
    assert "CLAIR News, April 2020" in error.value.reason.render("en", with_source=True)
    with pytest.raises(Refused, match="7 of the 7"):
        ledger_of([*seven_in_fy2020(), eighth])


def test_cancelled_in_time_takes_no_place_but_booked_ones_do():
    six = seven_in_fy2020()[:6]
    ledger = ledger_of(six).add(booked("2021-03-10T18:00+09:00", id="S"))
    assert ledger.usage("P-01", FiscalYear(2020)).sessions_left == 0  # six used, one booked
    with pytest.raises(Refused):
        ledger.add(booked("2021-03-11T18:00+09:00", id="T"))
    early = ledger.appointments[-1].cancel(contacted_at="2021-03-09T10:00+09:00")
    freed = ledger.update(early)
    assert freed.usage("P-01", FiscalYear(2020)).sessions_left == 1
    freed = freed.add(booked("2021-03-11T18:00+09:00", id="T"))
    with pytest.raises(Refused):  # a late cancellation would take a place again
        freed.update(attrs.evolve(early, cancelled_at="2021-03-10T18:00+09:00"))


@pytest.mark.parametrize("year", [FiscalYear(2020), 2020, "FY2020", "2020年度"])
def test_a_year_written_any_way_asks_the_same_question(year):
    # usage(p, 2020) counted no appointment (each belongs to FiscalYear(2020), not to 2020): it
    # told a back office that a participant who had used all seven had seven left, and
    # check_room(p, 2020) let an eighth be booked
    ledger = ledger_of(seven_in_fy2020())
    assert ledger.usage("P-01", year) == ledger.usage("P-01", FiscalYear(2020))
    assert ledger.usage("P-01", year).sessions_left == 0
    with pytest.raises(Refused, match="7 of the 7"):
        ledger.check_room("P-01", year)
    ledger.check_room("P-01", year, but=ledger.appointments[0].id)  # its own place is free


def test_usage_names_a_participant_that_is_not_text():
    with pytest.raises(WrongType) as error:
        ledger_of(seven_in_fy2020()).usage(1, 2020)  # type: ignore[arg-type]
    assert (error.value.field, error.value.rule, error.value.value) == (
        "participant",
        "must be text",
        1,
    )
    with pytest.raises(InvalidInput, match="'fiscal_year' must be written FY2019"):
        ledger_of(seven_in_fy2020()).usage("P-01", "2020-06-01")


def test_one_appointment_where_a_list_is_expected_names_the_field():
    # a bare TypeError / AttributeError before
    one = seven_in_fy2020()[0]
    cases = [
        (lambda: Ledger(appointments=one), "appointments", "must be a list of Appointment values"),
        (lambda: ledger_of(one), "appointments", "must be a list of Appointment values"),
        (lambda: Ledger(appointments=["S-1"]), "appointments", "must hold Appointment values"),
        (lambda: Ledger().add([one]), "appointment", "must be an Appointment"),
        (lambda: ledger_of([one]).update("S-1"), "appointment", "must be an Appointment"),
    ]
    for call, field, rule in cases:
        with pytest.raises(WrongType) as error:
            call()
        assert (error.value.field, error.value.rule) == (field, rule)
    assert ledger_of(iter([one])).appointments == (one,)  # any iterable of appointments


def test_check_start_reads_a_time_in_tokyo_as_a_sign_up_does():
    # check_start judged an instant given in another zone by that zone's clock: 00:30 on a
    # Saturday in Tokyo, given in UTC, was accepted, and a time on the earliest day was refused
    requested = "2020-06-01T10:00+09:00"
    saturday = pendulum.datetime(2020, 6, 12, 15, 30, tz="UTC")  # 2020-06-13 00:30 in Tokyo
    too_late = pendulum.datetime(2020, 6, 10, 12, 10, tz="UTC")  # 21:10 in Tokyo, 40 minutes
    earliest = pendulum.datetime(2020, 6, 4, 20, 0, tz="America/Los_Angeles")  # 06-05 12:00
    for start, minutes in [(saturday, 20), (too_late, 40)]:
        with pytest.raises(Refused) as by_check:
            check_start(start, requested_at=requested, minutes=minutes)
        with pytest.raises(Refused) as by_sign_up:
            SignUp(
                participant="P",
                requested_at=requested,
                preferred_times=[start],
                minutes=minutes,
                language="en",
            )
        assert str(by_check.value) in str(by_sign_up.value)
    assert check_start(earliest, requested_at=requested, minutes=20).fiscal_year == FiscalYear(2020)
    assert check_start("2020-06-05T12:00+09:00", requested_at=requested, minutes=20)


def test_check_start_and_check_length_name_a_bad_time_or_length():
    # bare AttributeErrors before, and minutes="40" was "a 40-minute session is not offered"
    tokyo_six = "2020-06-10T18:00+09:00"
    cases = [
        (lambda: check_length(dt.datetime(2020, 6, 10, 18), minutes=40), "start", WrongType),
        (lambda: check_length(dt.date(2020, 6, 10), minutes=40), "start", WrongType),
        (lambda: check_length(tokyo_six, minutes="40"), "minutes", WrongType),
        (lambda: check_length(tokyo_six, minutes=0), "minutes", InvalidInput),
        (
            lambda: check_start(tokyo_six, requested_at=dt.datetime(2020, 6, 1, 10), minutes=40),
            "requested_at",
            WrongType,
        ),
    ]
    for call, field, kind in cases:
        with pytest.raises(kind) as error:
            call()
        assert error.value.field == field
    assert check_length(tokyo_six, minutes=40).fiscal_year == FiscalYear(2020)


def test_one_participant_typed_two_ways_has_one_yearly_limit_as_in_a_file():
    # SignUp(participant=" P-01 ") and "Ｐ－０１" were participants of their own, each with seven
    # sessions, where read_sessions (and so the command) reads one participant
    ledger = ledger_of(seven_in_fy2020())
    for form in [" P-01 ", "Ｐ－０１", "P-01\u3000"]:
        with pytest.raises(Refused, match="7 of the 7"):
            ledger.add(booked("2021-03-10T18:00+09:00", id="X", participant=form))
        assert ledger.usage(form, 2020).sessions_left == 0
    assert booked("2021-03-10T18:00+09:00", id=" Ｘ－１ ").id == "X-1"
    with pytest.raises(InvalidInput) as error:
        booked("2021-03-10T18:00+09:00", id="X", participant="P-01\u200b")
    assert (error.value.field, error.value.value) == ("participant", "P-01\u200b")


def test_update_keeps_an_appointment_with_its_participant():
    # update() with Q's appointment under P's id moved P's session to Q without a word
    ledger = ledger_of(seven_in_fy2020())
    first = ledger.appointments[0]
    other = booked(first.start.isoformat(), id=first.id, participant="P-02")
    with pytest.raises(InvalidInput) as error:
        ledger.update(other)
    assert (error.value.field, error.value.value) == ("participant", "P-02")
    assert error.value.rule == f"must be 'P-01', whose appointment {first.id!r} it replaces"


def test_other_participants_are_not_affected():
    ledger = ledger_of(seven_in_fy2020())
    other = ledger.add(booked("2021-03-10T18:00+09:00", id="Q", participant="P-02"))
    assert other.usage("P-02", FiscalYear(2020)).sessions_left == 6


def test_usage_resets_on_1_april():
    # Sessions in March 2020 belong to FY2019 (no published limit) and do not use FY2020's seven.
    march = [booked(f"2020-03-{d}T18:00+09:00", id=f"M-{d}").complete() for d in ("10", "11", "12")]
    ledger = ledger_of([*march, *seven_in_fy2020()])
    fy2019, fy2020 = ledger.usages()
    assert (fy2019.fiscal_year, fy2019.sessions_used, fy2019.limit, fy2019.sessions_left) == (
        FiscalYear(2019),
        3,
        None,
        None,
    )
    assert fy2019.sessions_left_text("en") == fy2019.limit_text("en") == "no published limit"
    assert fy2019.sessions_left_text("ja") == "公表された上限なし"
    assert (fy2020.sessions_used, fy2020.sessions_left_text("en"), fy2020.limit_text("ja")) == (
        7,
        "0",
        "7",
    )
    # With terms for FY2021 (published), a session on 1 April 2021 is the first of a new year.
    full = ledger_of(seven_in_fy2020())
    april = SignUp(
        participant="P-01",
        requested_at="2021-03-20T10:00+09:00",
        preferred_times=["2021-04-01T18:00+09:00"],
        minutes=20,
        language="ja",
    )
    full.check_sign_up(april)
    later = full.add(april.confirm("2021-04-01T18:00+09:00", id="APR"))
    assert later.usage("P-01", FiscalYear(2021)).sessions_left == 6
    assert later.usage("P-01", FiscalYear(2020)).sessions_left == 0


def test_check_sign_up_needs_one_time_with_room():
    full = ledger_of(seven_in_fy2020())
    march = sign_up("2021-03-30T18:00+09:00", requested="2021-03-20T10:00+09:00")
    with pytest.raises(Refused) as error:
        full.check_sign_up(march)
    assert refusal(error) == "LIMIT_REACHED"
    either = sign_up(
        "2021-03-30T18:00+09:00",
        "2021-04-01T18:00+09:00",
        requested="2021-03-20T10:00+09:00",
    )
    full.check_sign_up(either)  # the April time is in a year with room


def test_no_published_limit_refuses_nothing():
    days = ["06-10", "06-11", "06-12", "06-13", "07-08", "07-09", "07-10", "07-11"]
    many = [booked(f"2019-{day}T18:00+09:00", id=day) for day in days]
    ledger = ledger_of(many)
    usage = ledger.usage("P-01", FiscalYear(2019))
    assert (usage.sessions_booked, usage.sessions_left, usage.appointments) == (8, None, 8)
    ledger.check_room("P-01", FiscalYear(2019))


def test_ledger_ids():
    one = booked(START)
    with pytest.raises(InvalidInput, match="distinct ids"):
        Ledger(appointments=[one, one])
    with pytest.raises(InvalidInput, match="already"):
        Ledger(appointments=[one]).add(one)
    with pytest.raises(InvalidInput, match="must be in the ledger"):
        Ledger().update(one)
    assert Ledger(appointments=[one]).update(one.complete()).appointments == (one.complete(),)


def test_sign_up_uses_tokyo_for_requests_given_elsewhere():
    made = sign_up("2020-01-09T18:00+09:00", requested=dt.datetime(2019, 12, 27, 1, tzinfo=dt.UTC))
    assert made.requested_at == pendulum.parse("2019-12-27T10:00+09:00")
    assert tokyo(dt.date(2020, 1, 9), 18, 0) == made.preferred_times[0]


@pytest.mark.parametrize(
    ("counts", "field"),
    [
        ({"sessions_used": -1}, "sessions_used"),  # counts are never negative
        ({"sessions_used": 3, "sessions_booked": 2, "appointments": 4}, "appointments"),  # 5 > 4
        ({"sessions_used": 6, "sessions_booked": 2, "appointments": 9}, "limit"),  # 8 > 7
    ],
)
def test_usage_refuses_impossible_counts(counts, field):
    fields = {"sessions_used": 0, "minutes_used": 0, "sessions_booked": 0, "appointments": 0}
    with pytest.raises(InvalidInput, match=f"'{field}'"):
        Usage(participant="P", fiscal_year=FiscalYear(2020), limit=7, **{**fields, **counts})


# -- lead time against the business-day calendar -------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "earliest"),
    [
        ("2019-12-27T10:00+09:00", "2020-01-09"),  # Friday before the year-end closure
        ("2019-12-23T10:00+09:00", "2019-12-27"),  # Monday: 24, 25, 26, 27
        ("2019-04-26T10:00+09:00", "2019-05-10"),  # Friday before Golden Week 2019 (10 days off)
        ("2019-04-27T10:00+09:00", "2019-05-10"),  # a Saturday in Golden Week counts the same
        ("2020-07-21T23:59+09:00", "2020-07-29"),  # the Olympic holidays of 23-24 July 2020
        ("2020-03-26T10:00+09:00", "2020-04-01"),  # across the fiscal-year boundary
        ("2020-01-09T15:30:00+00:00", "2020-01-17"),  # Fri 10th 00:30 in Tokyo; 13th a holiday
    ],
)
def test_earliest_day_is_the_fourth_business_day_after_the_request(requested, earliest):
    first = pendulum.Date.fromisoformat(earliest)
    day_before = SERVICE_CALENDAR.previous_business_day(first)
    sign_up(f"{earliest}T18:00+09:00", requested=requested, minutes=20)
    with pytest.raises(Refused, match=f"earliest day is {earliest}"):
        sign_up(f"{day_before}T18:00+09:00", requested=requested, minutes=20)


@given(
    st.datetimes(dt.datetime(2019, 4, 1), dt.datetime(2021, 3, 1), timezones=st.just(dt.UTC)),
    st.integers(0, 20),
    st.sampled_from([(9, 0), (12, 30), (20, 50), (21, 10), (21, 11)]),
    st.sampled_from([20, 40]),
)
def test_a_time_is_accepted_exactly_when_every_rule_holds(requested, days, clock, minutes):
    request = pendulum.instance(requested).in_timezone("Asia/Tokyo")
    day = request.date().add(days=days)
    start = tokyo(day, *clock)
    far_enough = SERVICE_CALENDAR.business_days_between(request.date(), day) >= 4
    open_day = SERVICE_CALENDAR.is_business_day(day)
    in_hours = clock[0] * 60 + clock[1] + minutes <= 21 * 60 + 30
    try:
        terms_for(FiscalYear.of(day))
    except NoRuleInForce:
        return  # FY2021 and later: no published terms
    accepted = True
    try:
        sign_up(start, requested=requested, minutes=minutes)
    except Refused:
        accepted = False
    assert accepted is (far_enough and open_day and in_hours)


# -- calendars: a newer official list, the provider's own closures ---------------------------------

OFFICIAL_CSV = Path(__file__).parent / "data" / "syukujitsu.csv"


def official_2020(*extra: str) -> HolidayTable:
    """A made-up newer official list: 2020 as published, with *extra* rows added."""
    rows = [
        line
        for line in OFFICIAL_CSV.read_text(encoding="utf-8").splitlines()
        if line.startswith("2020-")
    ]
    return load_official_holidays("\n".join(["date,name", *rows, *extra]).encode())


def refused_with(call) -> str:
    with pytest.raises(Refused) as info:
        call()
    return info.value.reason.render("en")


def test_a_newer_official_list_lengthens_the_lead_time():
    newer = BusinessCalendar(holidays=official_2020("2020-06-03,休日（祝日扱い）"))
    requested = "2020-06-01T10:00+09:00"  # Monday: 2, 3, 4, 5 June by default
    sign_up("2020-06-05T18:00+09:00", requested=requested)
    assert refused_with(
        lambda: sign_up("2020-06-05T18:00+09:00", requested=requested, calendar=newer)
    ).endswith("the earliest day is 2020-06-08.")
    start = pendulum.parse("2020-06-08T18:00+09:00")
    assert check_start(
        start, minutes=40, requested_at=pendulum.parse(requested), calendar=newer
    ) == terms_for(FiscalYear(2020))
    assert refused_with(
        lambda: sign_up(
            "2020-06-03T18:00+09:00", requested="2020-05-20T10:00+09:00", calendar=newer
        )
    ) == (
        "The time 2020-06-03 18:00 falls on a day without sessions (Day treated as a national "
        "holiday); sessions run on business days, Monday to Friday."
    )


def test_an_added_closure_lengthens_the_lead_time_and_closes_its_day():
    closed = SERVICE_CALENDAR.with_closures("2019-12-25")
    requested = "2019-12-23T10:00+09:00"  # Monday: 24, 25, 26, 27 by default
    sign_up("2019-12-27T18:00+09:00", requested=requested)
    assert refused_with(
        lambda: sign_up("2019-12-27T18:00+09:00", requested=requested, calendar=closed)
    ).endswith("the earliest day is 2020-01-06.")  # 24, 26, 27, then 6 January
    assert "(closure added to the calendar)" in refused_with(
        lambda: sign_up(
            "2019-12-25T18:00+09:00", requested="2019-12-02T10:00+09:00", calendar=closed
        )
    )


def test_a_working_day_of_the_calendar_takes_sessions():
    saturday = "2020-06-06T18:00+09:00"
    opened = SERVICE_CALENDAR.with_working_days("2020-06-06")
    assert "(Saturday)" in refused_with(
        lambda: sign_up(saturday, requested="2020-05-20T10:00+09:00")
    )
    assert sign_up(saturday, requested="2020-05-20T10:00+09:00", calendar=opened).calendar is opened


def test_an_appointment_keeps_its_calendar_for_reschedules():
    closed = SERVICE_CALENDAR.with_closures("2020-06-10")
    appointment = sign_up(
        "2020-06-19T18:00+09:00", requested="2020-06-01T10:00+09:00", calendar=closed
    ).confirm("2020-06-19T18:00+09:00", id="A-1")
    assert appointment.calendar is closed
    assert "calendar" not in repr(appointment)
    contact = "2020-06-08T10:00+09:00"  # 9, 10, 11, 12 June by default; 9, 11, 12, 15 here
    default = attrs.evolve(appointment, calendar=SERVICE_CALENDAR)
    assert default.reschedule("2020-06-12T18:00+09:00", contacted_at=contact).start.day == 12
    assert refused_with(
        lambda: appointment.reschedule("2020-06-12T18:00+09:00", contacted_at=contact)
    ).endswith("the earliest day is 2020-06-15.")
    moved = appointment.reschedule("2020-06-15T18:00+09:00", contacted_at=contact)
    assert moved.calendar is closed
    assert moved.cancel(contacted_at="2020-06-12T10:00+09:00").calendar is closed


@pytest.mark.parametrize("calendar", ["2020-06-10", None, HolidayTable()])
def test_a_calendar_must_be_a_business_calendar(calendar):
    with pytest.raises(WrongType, match=r"^'calendar' must be a BusinessCalendar"):
        sign_up("2020-06-19T18:00+09:00", requested="2020-06-01T10:00+09:00", calendar=calendar)
    appointment = sign_up("2020-06-19T18:00+09:00", requested="2020-06-01T10:00+09:00").confirm(
        "2020-06-19T18:00+09:00", id="A-1"
    )
    with pytest.raises(WrongType, match=r"^'calendar' must be a BusinessCalendar"):
        attrs.evolve(appointment, calendar=calendar)


def outcome(start, requested, minutes, **calendar) -> str:
    """What a sign-up for *start* comes to: accepted, the refusal's code, or no terms."""
    try:
        sign_up(start, requested=requested, minutes=minutes, **calendar)
    except Refused as error:
        return error.reason.code
    except NoRuleInForce:
        return "no terms"
    return "accepted"


requests = st.datetimes(dt.datetime(2019, 4, 1), dt.datetime(2021, 3, 1), timezones=st.just(dt.UTC))


@given(requests, st.integers(0, 20), st.sampled_from([(12, 30), (20, 50), (21, 11)]))
def test_the_service_calendar_passed_explicitly_decides_as_the_default(requested, days, clock):
    request = pendulum.instance(requested).in_timezone("Asia/Tokyo")
    start = tokyo(request.date().add(days=days), *clock)
    expected = outcome(start, requested, 40)
    assert outcome(start, requested, 40, calendar=SERVICE_CALENDAR) == expected
    assert outcome(start, requested, 40, calendar=BusinessCalendar()) == expected
    if expected == "accepted":
        default = sign_up(start, requested=requested, minutes=40)
        explicit = sign_up(start, requested=requested, minutes=40, calendar=SERVICE_CALENDAR)
        assert explicit == default
        assert explicit.confirm(start, id="A") == default.confirm(start, id="A")


@given(requests, st.integers(0, 20), st.integers(-2, 22))
def test_a_closure_refuses_more_and_only_between_the_request_and_the_session(
    requested, days, closure
):
    request = pendulum.instance(requested).in_timezone("Asia/Tokyo")
    day = request.date().add(days=days)
    start = tokyo(day, 18, 0)
    closed = SERVICE_CALENDAR.with_closures(request.date().add(days=closure))
    default = outcome(start, requested, 20)
    mine = outcome(start, requested, 20, calendar=closed)
    if not 0 < closure <= days:  # the request's own day never counted
        assert mine == default
    elif mine == "accepted":
        assert default == "accepted"


def test_a_usage_record_is_in_english_by_default_with_the_year_as_a_number():
    usage = ledger_of(seven_in_fy2020()).usage("P-01", 2020)
    record = usage.to_record()  # a bare TypeError without a language before
    assert record == usage.to_record("en")
    assert (record["fiscal_year"], record["limit"], record["sessions_left"]) == (2020, 7, 0)
