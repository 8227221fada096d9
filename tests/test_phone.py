"""The telephone counselling service: its schedule as dated editions, its sessions, its hours."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import FiscalYear, InvalidInput, InvalidRecords, NoRuleInForce, OutOfRange, WrongType
from jetrules._kernel.policy import Policy
from jetrules._kernel.provenance import Origin, Provenance
from jetrules._phone import editions as phone_editions
from jetrules._phone import lookup as phone_lookup
from jetrules._phone.session import merged
from jetrules.phone import (
    EDITIONS,
    PARAMETERS,
    REQUIRED,
    SERVICE,
    Hours,
    MonthlyDay,
    PhoneSchedule,
    PhoneSession,
    SessionKind,
    Week,
    Weekday,
    WeeklyRun,
    editions,
    is_open,
    next_session,
    session_at,
    sessions_in,
    terms_for,
)
from jetrules.text import Source

TOKYO = "Asia/Tokyo"
MINUTE = dt.timedelta(minutes=1)
FY2020 = FiscalYear(2020)


def tokyo(*parts: int) -> pendulum.DateTime:
    return pendulum.datetime(*parts, tz=TOKYO)


def supplying(year: int = 2020, **values: object) -> Policy:
    return Policy().supplying(SERVICE, FiscalYear(year), **values)


@pytest.fixture
def fresh():
    """Forget what was read from the bundled files and the schedules made, before and after."""
    _forget()
    yield
    _forget()


# --- FY2020: the published schedule -------------------------------------------------------------

FY2020_DAYS = [
    # (day, kinds): the third Wednesdays, the two extra days of April 2020, the weekly run of
    # January to March 2021 (two of whose Wednesdays are third Wednesdays too)
    ("2020-04-15", "regular"),
    ("2020-04-22", "extra"),
    ("2020-04-28", "extra"),  # a Tuesday
    ("2020-05-20", "regular"),
    ("2020-06-17", "regular"),
    ("2020-07-15", "regular"),
    ("2020-08-19", "regular"),
    ("2020-09-16", "regular"),
    ("2020-10-21", "regular"),
    ("2020-11-18", "regular"),
    ("2020-12-16", "regular"),
    ("2021-01-13", "weekly"),
    ("2021-01-20", "regular weekly"),
    ("2021-01-27", "weekly"),
    ("2021-02-03", "weekly"),
    ("2021-02-10", "weekly"),
    ("2021-02-17", "regular weekly"),
    ("2021-02-24", "weekly"),
    ("2021-03-03", "weekly"),
    ("2021-03-17", "regular"),
]


def test_fy2020_holds_every_published_session_and_no_other():
    sessions = sessions_in(FY2020)
    found = [(s.day.isoformat(), " ".join(k.value for k in s.kinds)) for s in sessions]
    assert found == FY2020_DAYS
    for session in sessions:
        assert session.hours() == "17:30-21:00"
        assert session.start.timezone_name == TOKYO
        assert (session.origin, session.assumed_from) == ("published", None)


def test_fy2020_includes_the_third_wednesday_of_april_and_the_extra_days():
    sessions = sessions_in(2020)
    first = sessions[0]
    assert (first.start, first.end) == (tokyo(2020, 4, 15, 17, 30), tokyo(2020, 4, 15, 21))
    assert first.kinds == (SessionKind.REGULAR,)
    assert first.weekday is Weekday.WEDNESDAY
    extra = {s.day: s for s in sessions if SessionKind.EXTRA in s.kinds}
    assert sorted(extra) == [pendulum.Date(2020, 4, 22), pendulum.Date(2020, 4, 28)]
    assert extra[pendulum.Date(2020, 4, 28)].start == tokyo(2020, 4, 28, 17, 30)


def test_fy2020_includes_every_wednesday_from_13_january_to_3_march_2021():
    days = {s.day for s in sessions_in("FY2020")}
    wednesday = pendulum.Date(2021, 1, 13)
    while wednesday <= pendulum.Date(2021, 3, 3):
        assert wednesday in days
        wednesday = wednesday.add(weeks=1)
    assert pendulum.Date(2021, 3, 10) not in days  # the run ended on 3 March


def test_the_line_is_open_at_18_00_on_a_third_wednesday_and_closed_at_21_00():
    assert is_open("2020-05-20T18:00+09:00")
    assert is_open(dt.datetime(2020, 5, 20, 9, tzinfo=dt.UTC))  # 18:00 in Tokyo
    assert is_open("2020-05-20T17:30+09:00")  # the start is open
    assert not is_open("2020-05-20T21:00+09:00")  # the end is not
    assert not is_open("2020-05-20T17:29:59+09:00")
    assert not is_open("2020-05-13T18:00+09:00")  # the second Wednesday: no session
    assert not is_open("2020-04-01T00:00+09:00")  # before the year's first session


def test_session_at_gives_the_session_in_progress():
    session = session_at("2021-01-20T20:59+09:00")
    assert session is not None
    assert session.kinds == (SessionKind.REGULAR, SessionKind.WEEKLY)
    assert session_at("2021-01-20T21:00+09:00") is None


def test_next_session_starts_strictly_after_the_instant():
    april_15 = sessions_in(2020)[0]
    assert next_session(april_15.start - MINUTE) == april_15
    assert next_session(april_15.start).day == pendulum.Date(2020, 4, 22)  # in progress: not next
    assert next_session("2020-04-01T00:00+09:00") == april_15
    assert next_session("2020-04-28T21:00+09:00").day == pendulum.Date(2020, 5, 20)


def test_next_session_goes_on_into_the_next_year_only_with_a_schedule():
    with pytest.raises(NoRuleInForce, match="for FY2021: it needs regular_day, regular_hours"):
        next_session("2021-03-17T21:00+09:00")
    following = next_session("2021-03-17T21:00+09:00", assume=FY2020)
    assert following.start == tokyo(2021, 4, 21, 17, 30)
    assert (following.origin, following.assumed_from) == ("assumed", FY2020)


def test_sessions_render_in_english_and_japanese():
    sessions = {s.day.isoformat(): s for s in sessions_in(2020)}
    assert sessions["2020-04-15"].render("en") == (
        "2020-04-15 (Wed) 17:30-21:00 Tokyo time: regular session"
    )
    assert sessions["2020-04-15"].render("ja") == "2020-04-15（水）17:30-21:00（日本時間）：定例"
    assert sessions["2020-04-28"].render("en").startswith("2020-04-28 (Tue)")
    assert sessions["2020-04-28"].render("ja").endswith("：臨時開設")
    assert sessions["2021-02-17"].render("en").endswith("regular session; weekly run")
    assert sessions["2021-02-17"].render("ja").endswith("：定例；毎週開設")
    assumed = sessions_in(2022, assume=2020)[0]
    assert assumed.render("en") == (
        "2022-04-20 (Wed) 17:30-21:00 Tokyo time: regular session "
        "(under FY2020's schedule, assumed)"
    )
    assert assumed.render("ja").endswith("：定例（2020年度の日程を仮定）")


def test_the_schedule_describes_itself_and_cites_its_sources():
    schedule = terms_for(2020)
    assert schedule.describe("ja") == (
        "2020年度：毎月第3水曜日、17:30-21:00；臨時開設 2020-04-22、2020-04-28、17:30-21:00；"
        "2021-01-13から2021-03-03までの毎週水曜日、17:30-21:00"
    )
    assert [source.title for source in schedule.sources] == [
        "CLAIR News, April 2020",
        "CLAIR News, January 2021 (supplement)",
    ]
    assert [reading.key for reading in schedule.readings] == ["dated-sessions-at-regular-hours"]
    assert schedule.provenance["extra_hours"].origin is Origin.READING
    assert schedule.provenance["regular_day"].quote == (
        "the third Wednesday of each month, no booking needed"
    )
    assert not schedule.provenance["regular_day"].verbatim  # we hold no words of the source
    weekly = next(s for s in sessions_in(2020) if s.kinds == (SessionKind.WEEKLY,))
    assert [source.title for source in weekly.sources] == ["CLAIR News, January 2021 (supplement)"]


def test_editions_hold_fy2020_only():
    assert [str(record.fiscal_year) for record in editions()] == ["FY2020"]
    assert [schedule.fiscal_year for schedule in EDITIONS] == [FY2020]
    assert EDITIONS[0] == terms_for(2020)
    assert set(REQUIRED) <= set(PARAMETERS)
    assert editions()[0].names() == set(PARAMETERS)


# --- years without a published schedule ----------------------------------------------------------


@pytest.mark.parametrize("year", [2019, 2021, 2024, 2025])
def test_a_year_without_a_published_schedule_names_what_is_missing(year):
    with pytest.raises(NoRuleInForce) as caught:
        sessions_in(year)
    message = str(caught.value)
    assert f"no telephone counselling schedule is published for FY{year}" in message
    assert "it needs regular_day, regular_hours" in message
    assert "assume=FiscalYear(2020)" in message
    assert "--assume-terms-from 2020" in message
    with pytest.raises(NoRuleInForce):
        is_open(f"{year + 1}-01-20T18:00+09:00")


def test_an_assumed_schedule_takes_the_regular_rule_and_says_so():
    sessions = sessions_in(2024, assume=FiscalYear(2020))
    assert len(sessions) == 12  # the third Wednesdays; FY2020's dated sessions stay in FY2020
    assert all(s.kinds == (SessionKind.REGULAR,) for s in sessions)
    assert all((s.origin, s.assumed_from) == ("assumed", FY2020) for s in sessions)
    assert sessions[0].start == tokyo(2024, 4, 17, 17, 30)
    schedule = terms_for(2024, assume="FY2020")
    assert schedule.origin == "assumed"
    assert schedule.assumed == (("regular_day", FY2020), ("regular_hours", FY2020))
    assert is_open("2024-05-15T20:00+09:00", assume=2020)


def test_a_year_with_a_schedule_ignores_the_assumption():
    assert sessions_in(2020, assume=2020) == sessions_in(2020)


def test_assuming_a_year_without_a_schedule_is_refused():
    with pytest.raises(NoRuleInForce, match="for FY2019 do not publish regular_day"):
        sessions_in(2021, assume=2019)


def test_with_no_published_year_at_all_the_hint_says_to_supply_one(monkeypatch, fresh):
    real = phone_editions.bundled_text
    bare = real(SERVICE).split("[[phone]]")[0]  # the comments alone: no edition
    monkeypatch.setattr(
        phone_editions, "bundled_text", lambda name: bare if name == SERVICE else real(name)
    )
    with pytest.raises(
        NoRuleInForce, match="and no year's schedule is published; supply a schedule"
    ):
        sessions_in(2020)


# --- laws ---------------------------------------------------------------------------------------

assumed_years = st.integers(min_value=1952, max_value=2150).map(FiscalYear)


def _laws(sessions: tuple[PhoneSession, ...], year: FiscalYear, **options: object) -> None:
    for before, after in itertools.pairwise(sessions):
        assert before.end < after.start  # in order; none overlapping or touching another
    for session in sessions:
        assert session.fiscal_year == year
        assert year.start <= session.day <= year.end
        assert session.end > session.start
        assert next_session(session.start - MINUTE, **options) == session
        assert session_at(session.start, **options) == session
        assert is_open(session.end - MINUTE, **options)
        assert not is_open(session.end, **options)


@given(st.data())
def test_every_session_of_fy2020_lies_in_it_and_is_next_a_minute_before(data):
    sessions = sessions_in(FY2020)
    session = data.draw(st.sampled_from(sessions))
    assert FY2020.contains(session.start.date())
    assert next_session(session.start - MINUTE) == session
    _laws(sessions, FY2020)


@given(assumed_years)
def test_every_session_of_an_assumed_year_lies_in_it_and_is_next_a_minute_before(year):
    sessions = sessions_in(year, assume=FY2020)
    assert sessions
    _laws(sessions, year, assume=FY2020)


def _hours(draw: st.DrawFn) -> Hours:
    start = draw(st.integers(min_value=0, max_value=24 * 60 - 2))
    end = draw(st.integers(min_value=start + 1, max_value=24 * 60 - 1))
    return Hours(start=dt.time(*divmod(start, 60)), end=dt.time(*divmod(end, 60)))


@st.composite
def schedules(draw: st.DrawFn) -> tuple[FiscalYear, Policy]:
    """A year and a policy supplying a whole schedule for it, dated sessions and all."""
    year = FiscalYear(draw(st.integers(min_value=1990, max_value=2100)))
    start, end = dt.date(year.year, 4, 1), dt.date(year.year + 1, 3, 31)
    in_year = st.dates(start, end)
    first = draw(in_year)
    last = draw(st.dates(first, end))
    policy = supplying(
        year.year,
        regular_day=MonthlyDay(
            week=draw(st.sampled_from(Week)), weekday=draw(st.sampled_from(Weekday))
        ),
        regular_hours=_hours(draw),
        extra_dates=tuple(sorted(draw(st.sets(in_year, max_size=6)))),
        extra_hours=_hours(draw),
        weekly_runs=(WeeklyRun(weekday=draw(st.sampled_from(Weekday)), first=first, last=last),),
        weekly_hours=_hours(draw),
    )
    return year, policy


@given(schedules())
def test_every_supplied_schedule_keeps_the_laws(drawn):
    year, policy = drawn
    sessions = sessions_in(year, policy=policy, assume=FY2020)
    assert len(sessions) >= 1
    _laws(sessions, year, policy=policy, assume=FY2020)
    assert all(s.origin == "supplied" for s in sessions if year != FY2020)


# --- policies and what-ifs -----------------------------------------------------------------------


def test_a_supplied_hour_changes_the_sessions_and_says_so():
    later = supplying(regular_hours=Hours(start=dt.time(18), end=dt.time(22)))
    sessions = {s.day.isoformat(): s for s in sessions_in(2020, policy=later)}
    assert sessions["2020-05-20"].hours() == "18:00-22:00"
    assert sessions["2020-05-20"].origin == "supplied"
    assert sessions["2020-05-20"].render("en").endswith("(under a supplied schedule)")
    assert sessions["2020-05-20"].render("ja").endswith("（利用者指定の日程）")
    assert sessions["2020-04-22"].origin == "published"  # the extra sessions' hours are as read
    assert is_open("2020-05-20T21:30+09:00", policy=later)
    schedule = terms_for(2020, policy=later)
    assert schedule.origin == "supplied"
    assert [(c.name, str(c.value), str(c.published)) for c in schedule.changes] == [
        ("regular_hours", "18:00-22:00", "17:30-21:00")
    ]


def test_a_merged_session_takes_the_strongest_origin():
    policy = supplying(weekly_hours=Hours(start=dt.time(19), end=dt.time(22)))
    session = session_at("2021-02-17T21:30+09:00", policy=policy)
    assert session is not None
    assert (session.hours(), session.origin) == ("17:30-22:00", "supplied")
    assert session.kinds == (SessionKind.REGULAR, SessionKind.WEEKLY)


def test_supplying_the_published_values_or_the_reading_is_no_what_if():
    same = supplying(regular_day="third wednesday", extra_hours="17:30-21:00")
    assert terms_for(2020, policy=same).origin == "published"
    assert sessions_in(2020, policy=same) == sessions_in(2020)


def test_a_schedule_for_another_year_can_be_supplied():
    policy = supplying(2025, regular_day="first monday", regular_hours="10:00-12:00")
    sessions = sessions_in(2025, policy=policy)
    assert sessions[0].start == tokyo(2025, 4, 7, 10)
    assert {s.origin for s in sessions} == {"supplied"}
    with pytest.raises(NoRuleInForce):
        sessions_in(2026, policy=policy)


def test_a_value_that_cannot_be_hashed_is_applied_without_a_memo():
    policy = supplying(extra_dates=["2020-05-01"])
    days = [s.day.isoformat() for s in sessions_in(2020, policy=policy)]
    assert "2020-05-01" in days
    assert "2020-04-22" not in days
    assert next_session("2020-04-30T00:00+09:00", policy=policy).day == pendulum.Date(2020, 5, 1)
    assert terms_for(2020, policy=policy).extra_dates == (pendulum.Date(2020, 5, 1),)


def test_policy_values_the_schedule_refuses_name_their_parameter():
    with pytest.raises(InvalidInput, match="'extra_dates' must lie in FY2020"):
        sessions_in(2020, policy=supplying(extra_dates=["2021-04-01"]))
    run = WeeklyRun(weekday=Weekday.MONDAY, first="2021-03-01", last="2021-04-05")
    with pytest.raises(InvalidInput, match="'weekly_runs' must lie in FY2020"):
        sessions_in(2020, policy=supplying(weekly_runs=[run]))
    with pytest.raises(InvalidInput, match="'colour' is not a telephone counselling parameter"):
        sessions_in(2020, policy=supplying(colour="blue"))
    regular = {"regular_day": "last friday", "regular_hours": "17:00-18:00"}
    with pytest.raises(InvalidInput, match="'extra_hours' must be given with extra_dates"):
        sessions_in(2025, policy=supplying(2025, **regular, extra_dates=["2025-05-01"]))
    run = WeeklyRun(weekday=Weekday.FRIDAY, first="2025-05-01", last="2025-05-31")
    with pytest.raises(InvalidInput, match="'weekly_hours' must be given with weekly_runs"):
        sessions_in(2025, policy=supplying(2025, **regular, weekly_runs=[run]))


# --- the bundled file is the rules: change it and the sessions change ----------------------------


def _swap(monkeypatch, change):
    real = phone_editions.bundled_text
    text = change(real(SERVICE))
    monkeypatch.setattr(
        phone_editions, "bundled_text", lambda name: text if name == SERVICE else real(name)
    )
    _forget()


def _forget():
    for cache in (phone_editions.bundled_editions, phone_editions._memo, phone_lookup._memo):
        cache.cache_clear()


def test_changing_phone_toml_changes_the_sessions(monkeypatch, fresh):
    before = sessions_in(2020)
    _swap(
        monkeypatch,
        lambda toml: toml.replace('value = "third wednesday"', 'value = "second tuesday"'),
    )
    after = sessions_in(2020)
    assert after[0].start == tokyo(2020, 4, 14, 17, 30)
    assert is_open("2020-05-12T18:00+09:00")
    assert not is_open("2020-05-20T18:00+09:00")
    _swap(monkeypatch, lambda toml: toml.replace("[2020-04-22, 2020-04-28]", "[2020-04-23]"))
    assert [s.day.isoformat() for s in sessions_in(2020)][:3] == [  # both changes hold
        "2020-04-14",
        "2020-04-23",
        "2020-05-12",
    ]
    monkeypatch.undo()
    _forget()
    assert sessions_in(2020) == before


def test_adding_an_edition_to_phone_toml_publishes_that_year(monkeypatch, fresh):
    edition = (
        '\n[[phone]]\nfiscal_year = 2021\nregular_day = { value = "third wednesday", '
        'source = "jet-support-page" }\nregular_hours = { value = "17:30-21:00", '
        'source = "jet-support-page" }\n'
    )
    _swap(monkeypatch, lambda toml: toml + edition)
    assert sessions_in(2021)[0].origin == "published"
    assert next_session("2021-03-17T21:00+09:00").start == tokyo(2021, 4, 21, 17, 30)


def test_a_partial_edition_names_what_it_leaves_out_and_keeps_its_dates(monkeypatch, fresh):
    edition = (
        "\n[[phone]]\nfiscal_year = 2021\nextra_dates = { value = [2021-05-12], "
        'source = "jet-support-page" }\nextra_hours = { value = "18:00-20:00", '
        'reading = "dated-sessions-at-regular-hours" }\n'
    )
    _swap(monkeypatch, lambda toml: toml + edition)
    with pytest.raises(NoRuleInForce, match="for FY2021: it needs regular_day, regular_hours,"):
        sessions_in(2021)
    sessions = sessions_in(2021, assume=2020)
    extra = next(s for s in sessions if s.kinds == (SessionKind.EXTRA,))
    assert (extra.start, extra.origin) == (tokyo(2021, 5, 12, 18), "published")
    assert sessions[0].origin == "assumed"


@pytest.mark.parametrize(
    ("old", "new", "position"),
    [
        ("[2020-04-22, 2020-04-28]", "[2021-04-22]", "phone FY2020, extra_dates"),
        ('value = "third wednesday"', 'value = "third wednesdays"', "phone FY2020, regular_day"),
        (
            'regular_hours = { value = "17:30-21:00"',
            'regular_hours = { value = "21:00-17:30"',
            "phone FY2020, regular_hours",
        ),
    ],
)
def test_a_malformed_bundled_file_lists_its_problems(monkeypatch, fresh, old, new, position):
    _swap(monkeypatch, lambda toml: toml.replace(old, new, 1))
    with pytest.raises(InvalidRecords) as caught:
        sessions_in(2020)
    assert caught.value.source == "phone.toml"
    assert [problem.position for problem in caught.value.problems] == [position]


def test_a_bundled_refusal_naming_no_field_names_the_edition(monkeypatch, fresh):
    def refuse(record):
        raise InvalidInput("refused")

    monkeypatch.setattr(phone_editions, "schedule_of", refuse)
    with pytest.raises(InvalidRecords) as caught:
        phone_editions.bundled_editions()
    assert [problem.position for problem in caught.value.problems] == ["phone FY2020"]


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "kind", "message"),
    [
        (lambda: sessions_in("20x"), InvalidInput, "'fiscal_year' must be written FY2019"),
        (lambda: sessions_in(2020.0), WrongType, "'fiscal_year' must be a FiscalYear"),
        (lambda: sessions_in(2021, assume="x"), InvalidInput, "'assume' must be written"),
        (lambda: sessions_in(2020, policy="mine.toml"), WrongType, "'policy' must be a Policy"),
        (lambda: is_open("2020-05-20T18:00"), WrongType, "'at' must be an aware datetime"),
        (lambda: is_open("soon"), InvalidInput, "'at' must be an ISO date-time"),
        (lambda: next_session(dt.datetime(2020, 5, 20)), WrongType, "'after' must be an aware"),
        (lambda: session_at(20200520), WrongType, "'at' must be an aware datetime or ISO text"),
        (lambda: next_session("9999-03-31T23:00+09:00", assume=2020), OutOfRange, "'after'"),
        (lambda: is_open("2151-06-01T10:00+09:00", assume=2020), OutOfRange, "'at' must fall"),
    ],
)
def test_bad_input_names_the_field_the_rule_and_the_value(call, kind, message):
    with pytest.raises(kind, match=message):
        call()


# --- values ------------------------------------------------------------------------------------


def test_values_pickle_and_compare_as_values():
    schedule = terms_for(2020)
    sessions = sessions_in(2020)
    assert pickle.loads(pickle.dumps(schedule)) == schedule
    assert pickle.loads(pickle.dumps(sessions)) == sessions
    assert hash(pickle.loads(pickle.dumps(sessions[0]))) == hash(sessions[0])
    assert pickle.loads(pickle.dumps(terms_for(2021, assume=2020))).origin == "assumed"
    with pytest.raises(AttributeError):
        sessions[0].start = tokyo(2020, 1, 1)  # type: ignore[misc]


def test_a_schedule_made_by_hand_counts_as_supplied():
    schedule = PhoneSchedule(
        fiscal_year=2030, regular_day="last friday", regular_hours="09:00-10:00"
    )
    assert (schedule.provenance, schedule.sources, schedule.readings) == ({}, (), ())
    assert schedule.origin == "supplied"
    assert schedule.sessions()[0].start == tokyo(2030, 4, 26, 9)
    assert all(s.origin == "supplied" for s in schedule.sessions())
    assert schedule.describe("en") == "FY2030: the last Friday of each month, 09:00-10:00"
    assert schedule.value("regular_day") == MonthlyDay(week=Week.LAST, weekday=Weekday.FRIDAY)
    with pytest.raises(InvalidInput, match="'name' must be one of regular_day"):
        schedule.value("colour")


@pytest.mark.parametrize(
    ("fields", "kind", "message"),
    [
        ({"regular_day": 3}, WrongType, "'regular_day' must name a week and a weekday"),
        ({"regular_day": "third"}, InvalidInput, "'regular_day' must name a week"),
        ({"regular_day": "3rd wednesday"}, InvalidInput, "(got '3rd wednesday')"),
        ({"regular_hours": "17:30"}, InvalidInput, "'regular_hours' must be Tokyo times"),
        ({"regular_hours": "25:00-26:00"}, InvalidInput, "'regular_hours' must be Tokyo times"),
        ({"regular_hours": dt.time(17)}, WrongType, "'regular_hours' must be Tokyo times"),
        ({"extra_hours": "21:00-17:30"}, InvalidInput, "'extra_hours' must be the end after"),
        ({"weekly_hours": 5}, WrongType, "'weekly_hours' must be Tokyo times"),
        ({"extra_dates": "2030-05-01"}, WrongType, "'extra_dates' must be a list of dates"),
        ({"extra_dates": [20300501]}, WrongType, "'extra_dates' must hold dates"),
        ({"extra_dates": ["2030-05-01", "2030-05-01"]}, InvalidInput, "must not list a day twice"),
        ({"weekly_runs": "weekly"}, WrongType, "'weekly_runs' must be a list of runs"),
        ({"weekly_runs": ["weekly"]}, WrongType, "'weekly_runs' must be a list of runs"),
        ({"weekly_runs": [{"weekday": "wed"}]}, InvalidInput, "'weekly_runs' must be a list"),
        (
            {"weekly_runs": [{"weekday": 3, "first": "2030-05-01", "last": "2030-05-31"}]},
            InvalidInput,
            "'weekly_runs' must be a list of runs",
        ),
        (
            {"weekly_runs": [{"weekday": "wed", "first": "2030-05-01", "last": "2030-05-31"}]},
            InvalidInput,
            "'weekly_runs' must name weekdays such as 'wednesday'",
        ),
        (
            {"weekly_runs": [{"weekday": "monday", "first": "2030-05-31", "last": "2030-05-01"}]},
            InvalidInput,
            "'weekly_runs' must have runs whose last day is not before their first day",
        ),
        ({"provenance": {"colour": Provenance(origin=Origin.READING)}}, WrongType, "'provenance'"),
        ({"provenance": {"regular_day": "published"}}, WrongType, "'provenance' must map"),
    ],
)
def test_a_schedule_refuses_what_does_not_hold_together(fields, kind, message):
    values = {"fiscal_year": 2030, "regular_day": "first monday", "regular_hours": "10:00-11:00"}
    with pytest.raises(kind, match=message.replace("(", r"\(").replace(")", r"\)")):
        PhoneSchedule(**(values | fields))


def test_the_values_of_a_schedule_read_and_render():
    assert MonthlyDay(week=Week.LAST, weekday=Weekday.SUNDAY).in_month(2020, 5) == pendulum.Date(
        2020, 5, 31
    )
    assert MonthlyDay(week=Week.FOURTH, weekday=Weekday.MONDAY).in_month(2020, 6) == (
        pendulum.Date(2020, 6, 22)
    )
    last = MonthlyDay(week=Week.LAST, weekday=Weekday.FRIDAY)
    assert (last.render("en"), last.render("ja"), str(last)) == (
        "the last Friday of each month",
        "毎月最終金曜日",
        "last friday",
    )
    run = WeeklyRun(weekday=Weekday.WEDNESDAY, first="2021-01-13", last="2021-03-03")
    assert run.render("ja") == "2021-01-13から2021-03-03までの毎週水曜日"
    assert WeeklyRun(weekday=Weekday.MONDAY, first="2021-01-13", last="2021-01-17").days() == ()
    assert Weekday.SATURDAY.short.render("ja") == "土"
    assert Hours(start=dt.time(9), end=dt.time(10)).render("ja") == "09:00-10:00"


@pytest.mark.parametrize(
    ("make", "kind", "message"),
    [
        (lambda: Hours(start=dt.time(10), end=dt.time(9)), InvalidInput, "'end' must be after"),
        (lambda: Hours(start="10:00", end=dt.time(11)), WrongType, "'start' must be a datetime"),
        (
            lambda: Hours(start=dt.time(10, 0, 30), end=dt.time(11)),
            InvalidInput,
            "'start' must be a whole minute",
        ),
        (
            lambda: Hours(start=dt.time(10, tzinfo=dt.UTC), end=dt.time(11)),
            InvalidInput,
            "'start' must be a whole minute with no zone",
        ),
        (
            lambda: WeeklyRun(weekday=Weekday.MONDAY, first="2021-02-01", last="2021-01-01"),
            InvalidInput,
            "'last' must not be before the first day",
        ),
        (lambda: MonthlyDay(week="third", weekday=Weekday.MONDAY), WrongType, "'week' must be"),
    ],
)
def test_values_refuse_what_they_cannot_hold(make, kind, message):
    with pytest.raises(kind, match=message):
        make()


def _session(**fields: object) -> PhoneSession:
    values: dict[str, object] = {
        "start": "2020-04-15T17:30+09:00",
        "end": "2020-04-15T21:00+09:00",
        "kinds": (SessionKind.REGULAR,),
    }
    return PhoneSession(**(values | fields))


@pytest.mark.parametrize(
    ("fields", "kind", "message"),
    [
        ({"end": "2020-04-15T17:30+09:00"}, InvalidInput, "'end' must be after the start"),
        ({"start": "2020-04-15T17:30"}, WrongType, "'start' must be an aware datetime"),
        ({"kinds": ()}, InvalidInput, "'kinds' must be one or more SessionKind values"),
        ({"kinds": ("regular",)}, InvalidInput, "'kinds' must be one or more SessionKind"),
        ({"origin": "guessed"}, InvalidInput, "'origin' must be one of published, supplied"),
        ({"assumed_from": 2020}, WrongType, "'assumed_from' must be a FiscalYear"),
        ({"sources": ("CLAIR",)}, WrongType, "'sources' must be Source values"),
    ],
)
def test_a_session_refuses_what_does_not_hold_together(fields, kind, message):
    with pytest.raises(kind, match=message):
        _session(**fields)


def test_a_session_made_by_hand_reads_and_records():
    session = _session(
        start="2020-04-15T08:30+00:00",  # 17:30 in Tokyo
        end="2020-04-15T12:00+00:00",
        kinds=(SessionKind.WEEKLY, SessionKind.REGULAR),
        sources=[Source(title="Notice")],
    )
    assert session.kinds == (SessionKind.REGULAR, SessionKind.WEEKLY)  # in SessionKind order
    assert session.start == tokyo(2020, 4, 15, 17, 30)
    assert session.is_open_at("2020-04-15T20:59:59+09:00")
    assert not session.is_open_at("2020-04-15T21:00+09:00")
    assert session.note("en") is None
    assert session.to_record("ja") == {
        "fiscal_year": 2020,
        "date": "2020-04-15",
        "weekday": "水",
        "start": "2020-04-15T17:30:00+09:00",
        "end": "2020-04-15T21:00:00+09:00",
        "kind": "定例；毎週開設",
        "kinds": "regular weekly",
        "terms_origin": "published",
        "assumed_from": None,
        "sources": "Notice",
        "supplied": "",
    }


def test_a_session_under_an_assumed_day_and_supplied_hours_names_both():
    """Red-team round 2, finding 4: it said only "under FY2020's schedule, assumed"."""
    policy = Policy().supplying("phone", FiscalYear(2026), regular_hours="18:00-21:00")
    first = sessions_in(2026, policy=policy, assume=FiscalYear(2020))[0]
    assert first.hours() == "18:00-21:00"  # the officer's hours; FY2020's are 17:30-21:00
    assert (first.origin, first.assumed_from, first.supplied) == (
        "assumed",
        FiscalYear(2020),
        ("regular_hours",),
    )
    assert first.note("en") == "under FY2020's schedule, assumed; supplied: regular_hours"
    assert first.note("ja") == "2020年度の日程を仮定、利用者指定：regular_hours"
    assert first.to_record()["supplied"] == "regular_hours"
    only_assumed = sessions_in(2026, assume=FiscalYear(2020))[0]
    assert only_assumed.supplied == ()
    assert only_assumed.note("en") == "under FY2020's schedule, assumed"


@pytest.mark.parametrize("names", ["regular_hours", [1]])
def test_supplied_names_are_names(names):
    with pytest.raises(WrongType, match="'supplied' must be parameter names"):
        _session(start="2020-04-15T17:30+09:00", end="2020-04-15T21:00+09:00", supplied=names)


def test_merged_sessions_name_each_value_supplied_once():
    first = _session(
        start="2020-04-15T17:30+09:00", end="2020-04-15T21:00+09:00", supplied=["regular_hours"]
    )
    second = _session(
        start="2020-04-15T20:00+09:00",
        end="2020-04-15T22:00+09:00",
        kinds=(SessionKind.EXTRA,),
        supplied=["extra_hours", "regular_hours"],
    )
    (both,) = merged([first, second])
    assert both.supplied == ("regular_hours", "extra_hours")


@pytest.mark.parametrize("year", [1900, 2151, "FY2151"])
def test_a_year_the_calendar_does_not_cover_has_no_schedule(year):
    # phone 2151 --assume-terms-from 2020 listed twelve sessions on days no calendar covers
    with pytest.raises(OutOfRange) as error:
        terms_for(year, assume=2020)
    assert (error.value.field, error.value.value) == ("fiscal_year", year)
    assert error.value.rule == "must be from FY1948 to FY2150, the years the calendar covers"
