"""Skype Counselling terms as data: editions, sources and readings, assumed and supplied terms."""

import datetime as dt
import re

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import booking
from jetrules._booking import editions as booking_editions
from jetrules._booking.editions import terms_from
from jetrules._booking.origin import citation, describe_changes, origin_of, show_value
from jetrules._kernel.lazy import LazyTuple
from jetrules._kernel.policy import Change
from jetrules.booking import (
    EDITIONS,
    PARAMETERS,
    REASONS,
    REQUIRED,
    SERVICE,
    FiscalYear,
    HoursBound,
    Ledger,
    SignUp,
    Usage,
    check_start,
    editions,
    ledger_of,
    terms_for,
)
from jetrules.errors import InvalidInput, InvalidRecords, NoRuleInForce, Refused, WrongType
from jetrules.policy import Origin, Parameter, Policy, Provenance
from jetrules.policy import check as policy_check
from jetrules.text import LANGUAGES, Source

from strategies import confirmed_appointments, outcomes


def sign_up(*times: str, requested: str, minutes: int = 40, **kw) -> SignUp:
    return SignUp(
        participant=kw.pop("participant", "P-01"),
        requested_at=requested,
        preferred_times=list(times),
        minutes=minutes,
        language="en",
        **kw,
    )


def supplying(year: int, **values: object) -> Policy:
    return Policy().supplying(SERVICE, FiscalYear(year), **values)


def same_as(year: int, *, to: int) -> Policy:
    """A policy supplying the published terms of *year* for the year *to*."""
    published = terms_for(FiscalYear(year))
    return supplying(to, **{name: getattr(published, name) for name in REQUIRED})


# -- editions and where each value comes from ----------------------------------------------------


def test_fy2021_terms_come_from_the_fy2021_source():
    terms = terms_for(FiscalYear(2021))
    assert (terms.fiscal_year, terms.yearly_session_limit) == (FiscalYear(2021), 7)
    limit = terms.provenance["yearly_session_limit"]
    assert limit.source.title == "Saga JET, Mental health support (FY2021)"
    assert (limit.quote, limit.verbatim, limit.undated) == (
        "max seven sessions per JET per year",
        True,
        False,
    )
    assert terms_for("FY2021") == terms_for(2021) == terms
    assert terms.origin == "published"
    assert (terms.changes, terms.notes) == ((), ())


@pytest.mark.parametrize(
    ("year", "key", "quote"),
    [
        (2020, "clair-news-2020-04", "up to seven ... from 1 April 2020 to 31 March 2021"),
        (2021, "sagajet-fy2021", "max seven sessions per JET per year"),
        (2023, "clair-news-2023-06", "up to 7 Skype sessions ... 1 April 2023 - 31 March 2024"),
    ],
)
def test_each_limit_is_quoted_from_its_years_source(year, key, quote):
    record = next(e for e in editions() if e.fiscal_year == FiscalYear(year))
    provenance = record.provenance("yearly_session_limit")
    assert provenance.source == booking_editions.cited(key)
    assert (provenance.quote, provenance.verbatim) == (quote, True)


def test_fy2019_rests_on_the_fy2019_text_and_publishes_no_limit():
    fy2019 = next(e for e in editions() if e.fiscal_year == FiscalYear(2019))
    seed = booking_editions.cited("seed-fy2019")
    for name in ("session_minutes", "max_preferred_times", "cancellation_without_contact_counts"):
        provenance = fy2019.provenance(name)
        assert (provenance.source, provenance.verbatim) == (seed, True)
    limit = fy2019.provenance("yearly_session_limit")
    assert (fy2019.value("yearly_session_limit"), limit.origin) == (None, Origin.READING)
    assert limit.reading.key == "no-limit-published"
    assert (
        "July and March" in limit.reading.text.en
    )  # the undated wiki's count is weighed, and left


def test_undated_pages_are_cited_the_same_way_for_every_year():
    """Every value resting on an undated page cites the same page in the same words each year;
    a parameter an undated page gives in one year is given by it in every year no dated source
    states it; a reading stands only where no page, dated or undated, states the value."""
    records = editions()
    undated = {}
    for record in records:
        for parameter in record.parameters:
            provenance = parameter.provenance
            if provenance.undated:
                cited = (provenance.source, provenance.quote, parameter.value)
                assert undated.setdefault(parameter.name, cited) == cited
    assert set(undated) == {
        "session_minutes",
        "max_preferred_times",
        "lead_business_days",
        "sessions_end_by",
    }
    for record in records:
        for name in undated:
            provenance = record.provenance(name)
            assert provenance.undated or (provenance.source and not provenance.undated)
            assert provenance.origin is Origin.PUBLISHED
    for record in records:  # the lead time and the hours rest on undated pages in every year
        assert record.provenance("lead_business_days").source.title.startswith("Kagoshima")
        assert record.provenance("sessions_end_by").source.title.startswith("HAJET")
        assert not record.provenance("lead_business_days").verbatim  # our words, not theirs


def test_the_conditions_are_named_readings_in_every_year():
    readings = {
        "hours_bound": "scheduled-until-means-end-by",
        "lead_time_for_reschedules": "lead-time-also-for-reschedules",
        "confirm_only_preferred": "only-a-preferred-time-is-confirmed",
        "closed_on_holidays": "sessions-on-business-days",
        "sessions_start_from": "no-opening-hour-published",
    }
    for record in editions():
        for name, key in readings.items():
            reading = record.provenance(name).reading
            assert reading.key == key
            assert reading.design.startswith("design.md#")
            assert reading.text.en
            assert reading.text.ja
    later = [e for e in editions() if e.fiscal_year > FiscalYear(2019)]
    assert {e.provenance("cancellation_without_contact_counts").reading.key for e in later} == {
        "cancellation-rule-continues"
    }


def test_editions_is_lazy_and_complete():
    assert isinstance(EDITIONS, LazyTuple)
    assert [terms.fiscal_year for terms in EDITIONS] == [e.fiscal_year for e in editions()]
    assert all(set(REQUIRED) <= e.names() for e in editions())
    assert tuple(PARAMETERS) == REQUIRED
    assert SERVICE == "booking"


@pytest.mark.parametrize("year", [2022, 2024, 2025, 2026])
def test_years_without_a_dated_source_name_what_is_missing_and_how_to_assume_it(year):
    with pytest.raises(NoRuleInForce) as error:
        terms_for(FiscalYear(year))
    message = str(error.value)
    assert f"no Skype Counselling terms are published for FY{year}" in message
    assert "editions exist for FY2019, FY2020, FY2021, FY2023" in message
    assert "assume=FiscalYear(2023)" in message
    assert "--assume-terms-from 2023" in message


def test_the_hint_names_the_latest_published_year_never_a_supplied_one():
    partial = supplying(2030, yearly_session_limit=5).editions(SERVICE)
    with pytest.raises(NoRuleInForce, match="--assume-terms-from 2023 on the command line"):
        terms_from(partial, FiscalYear(2031), None)


def test_without_a_complete_published_edition_the_hint_says_to_supply_terms(monkeypatch):
    partial = supplying(2030, yearly_session_limit=5).editions(SERVICE)
    monkeypatch.setattr(booking_editions, "bundled", lambda: partial)
    with pytest.raises(NoRuleInForce) as caught:
        terms_from(partial, FiscalYear(2031), None)
    assert str(caught.value) == (
        "no Skype Counselling terms are published for FY2031; editions exist for FY2030 "
        "(supply terms of your own with policy= (--policy FILE))"
    )


# -- assumed terms -------------------------------------------------------------------------------


def test_assumed_terms_name_each_parameter_and_the_year_in_both_languages():
    terms = terms_for(FiscalYear(2024), assume=FiscalYear(2023))
    assert terms.yearly_session_limit == 7
    assert terms.origin == "assumed"
    assert all(p.provenance.assumed_from == FiscalYear(2023) for p in terms.parameters)
    assert terms.assumed == tuple((name, FiscalYear(2023)) for name in REQUIRED)
    (note,) = terms.notes
    assert note.code == "ASSUMED_TERMS"
    en, ja = note.render("en"), note.render("ja")
    assert en.startswith("FY2024 publishes no value for session lengths, ")
    assert "the values published for FY2023 are assumed" in en
    assert "yearly session limit" in en
    assert "lead time in business days" in en
    assert "2024年度" in ja
    assert "2023年度の公表値を仮定" in ja
    assert "年間のセッション上限" in ja
    assert terms_for(2024, assume="FY2023") == terms_for(2024, assume=2023) == terms


def test_published_values_of_the_year_still_hold_under_an_assumption():
    policy = supplying(2024, yearly_session_limit=5)  # a partial FY2024: only its limit
    with pytest.raises(NoRuleInForce, match=r"do not publish session_minutes, .* \(only yearly"):
        terms_for(FiscalYear(2024), policy=policy)
    terms = terms_for(FiscalYear(2024), policy=policy, assume=FiscalYear(2023))
    assert terms.yearly_session_limit == 5  # the year's own value, not FY2023's 7
    assert terms.origin == "assumed"
    assert [name for name, _ in terms.assumed] == [
        n for n in REQUIRED if n != "yearly_session_limit"
    ]
    assumed, supplied = terms.notes
    assert assumed.code == "ASSUMED_TERMS"
    assert "yearly session limit" not in assumed.render("en")
    assert supplied.code == "SUPPLIED_TERMS"
    assert supplied.render("en") == (
        "FY2024 is applied with supplied values that differ from the published ones: "
        "yearly session limit 5 (published: none)."
    )
    assert "年間のセッション上限 5（公表値: なし）" in supplied.render("ja")


def test_assuming_a_year_without_terms_is_refused():
    with pytest.raises(NoRuleInForce, match="cannot be assumed for FY2024"):
        terms_for(FiscalYear(2024), assume=FiscalYear(2022))


def test_decisions_and_usage_under_assumed_terms_carry_the_note():
    made = sign_up("2024-06-11T18:00+09:00", requested="2024-06-01T10:00+09:00", assume=2023)
    assert [note.code for note in made.notes] == ["ASSUMED_TERMS"]
    appointment = made.confirm("2024-06-11T18:00+09:00", id="A-1").miss()
    assert appointment.notes == made.notes
    assert appointment.counted
    usage = Ledger(appointments=[appointment], assume=2023).usage("P-01", FiscalYear(2024))
    assert (usage.terms_origin, usage.notes, usage.limit) == ("assumed", made.notes, 7)
    record = usage.to_record("ja")
    assert record["terms_origin"] == "assumed"
    assert record["assumed"][-1] == {
        "parameter": "cancellation_without_contact_counts",
        "from": "FY2023",
    }
    assert len(record["assumed"]) == len(REQUIRED)
    assert record["reasons"] == [{"code": "ASSUMED_TERMS", "text": made.notes[0].render("ja")}]
    assert usage.explanation("en") == made.notes[0].render("en")
    published = sign_up("2020-06-11T18:00+09:00", requested="2020-06-01T10:00+09:00")
    assert published.notes == ()


# -- supplied terms: what-ifs are marked ----------------------------------------------------------


def eight_in_fy2020(**kw) -> list:
    days = ["04-08", "05-13", "06-10", "07-08", "09-09", "10-14", "11-11", "12-09"]
    return [
        sign_up(f"2020-{day}T18:00+09:00", requested=f"2020-{day[:2]}-01T10:00+09:00", **kw)
        .confirm(f"2020-{day}T18:00+09:00", id=f"A-{day}")
        .complete()
        for day in days
    ]


def test_a_supplied_limit_changes_the_count_and_says_so():
    policy = supplying(2020, yearly_session_limit=8)
    with pytest.raises(Refused) as error:
        ledger_of(eight_in_fy2020())
    assert "CLAIR News, April 2020" in error.value.reason.render("en", with_source=True)
    ledger = ledger_of(eight_in_fy2020(policy=policy), policy=policy)
    usage = ledger.usage("P-01", FiscalYear(2020))
    assert (usage.sessions_used, usage.limit, usage.sessions_left) == (8, 8, 0)
    assert usage.terms_origin == "supplied"
    assert usage.changes == (Change(name="yearly_session_limit", value=8, published=7),)
    assert usage.changes_text("en") == "yearly session limit 8 (published: 7)"
    assert usage.changes_text("ja") == "年間のセッション上限 8（公表値: 7）"
    assert [note.code for note in usage.notes] == ["SUPPLIED_TERMS"]
    assert usage.to_record("en")["changes"] == [
        {"parameter": "yearly_session_limit", "value": "8", "published": "7"}
    ]
    ninth = sign_up(
        "2021-03-10T18:00+09:00", requested="2021-03-01T10:00+09:00", policy=policy
    ).confirm("2021-03-10T18:00+09:00", id="A-9")
    with pytest.raises(Refused) as error:
        ledger.add(ninth)
    shown = error.value.reason.render("en", with_source=True)
    assert "8 of the 8 sessions of FY2020" in shown
    assert "[source: value supplied by the caller (published: 7)]" in shown
    assert "CLAIR News" not in shown  # never the source of a value it does not state


def test_supplying_the_published_value_changes_nothing():
    policy = supplying(2020, yearly_session_limit=7, lead_business_days=4)
    terms = terms_for(FiscalYear(2020), policy=policy)
    assert terms == terms_for(FiscalYear(2020))
    assert (terms.origin, terms.changes, terms.notes) == ("published", (), ())


def test_values_supplied_in_code_as_lists_are_resolved_too():
    policy = supplying(2020, session_minutes=[20, 30])
    terms = terms_for(FiscalYear(2020), policy=policy)
    assert terms.session_minutes == (20, 30)
    assert terms.changes == (Change(name="session_minutes", value=(20, 30), published=(20, 40)),)
    assert "session lengths 20, 30 (published: 20, 40)" in terms.notes[0].render("en")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"session_minutes": 40}, "'session_minutes' must be positive whole numbers (got 40)"),
        ({"max_preferred_times": (3,)}, "'max_preferred_times' must be a positive whole number"),
        ({"lead_business_days": [2]}, "'lead_business_days' must be a positive whole number"),
    ],
)
def test_a_number_where_a_list_is_due_and_the_reverse_are_refused(values, message):
    """Found by the mutation run of _booking/terms.py: session_minutes=40 was taken, and then
    every sign-up under the terms failed with a TypeError."""
    with pytest.raises(InvalidInput, match=re.escape(message)):
        terms_for(FiscalYear(2020), policy=supplying(2020, **values))


def test_a_policy_must_be_a_policy():
    with pytest.raises(WrongType, match="'policy' must be a Policy"):
        terms_for(FiscalYear(2020), policy="mine.toml")
    with pytest.raises(WrongType, match="'policy' must be a Policy"):
        editions("mine.toml")


@given(
    st.lists(st.tuples(confirmed_appointments(), outcomes), max_size=10),
    st.sets(st.sampled_from(REQUIRED)),
    st.sampled_from([2019, 2020, 2021, 2023]),
)
def test_a_policy_equal_to_the_bundled_one_gives_the_same_ledger(histories, names, year):
    """Supplying exactly the published values changes no usage, note or refusal."""
    published = terms_for(FiscalYear(year))
    policy = supplying(year, **{name: getattr(published, name) for name in names})
    whole = Policy(supplied={SERVICE: booking_editions.bundled()})
    for same in (policy, whole):
        mine, theirs = [], []
        for appointment, outcome in histories:
            for kept, under in ((mine, None), (theirs, same)):
                moved = attrs.evolve(appointment, policy=under)
                kept.append(finished(moved, outcome))
        assert outcome_of(theirs, same) == outcome_of(mine, None)


def outcome_of(appointments, policy):
    """The usages of the ledger of *appointments* under *policy*, or why it is refused."""
    try:
        return ledger_of(appointments, policy=policy).usages()
    except Refused as error:
        return error.reason


def finished(appointment, outcome):
    if outcome == "completed":
        return appointment.complete()
    if outcome == "missed":
        return appointment.miss()
    if outcome == "cancelled":
        return appointment.cancel(contacted_at=appointment.start)
    return appointment


@given(st.integers(1, 12))
def test_a_supplied_limit_is_the_limit_and_is_marked_exactly_when_it_differs(limit):
    usage = Ledger(policy=supplying(2020, yearly_session_limit=limit)).usage(
        "P-01", FiscalYear(2020)
    )
    assert usage.limit == usage.sessions_left == limit
    assert usage.terms_origin == ("published" if limit == 7 else "supplied")
    assert bool(usage.notes) is (limit != 7)


# -- the conditions are parameters: changing one changes the result -------------------------------


def test_the_hours_bound_decides_whether_the_end_or_the_start_must_fall_by_21_30():
    late = "2020-06-10T21:00+09:00"  # a 40-minute session would end at 21:40
    with pytest.raises(Refused) as error:
        sign_up(late, requested="2020-06-01T10:00+09:00")
    assert error.value.reason.code == "AFTER_HOURS"
    by_start = supplying(2020, hours_bound="start")
    assert terms_for(FiscalYear(2020), policy=by_start).hours_bound is HoursBound.START
    sign_up(late, requested="2020-06-01T10:00+09:00", policy=by_start)
    with pytest.raises(Refused) as error:
        sign_up("2020-06-10T21:31+09:00", requested="2020-06-01T10:00+09:00", policy=by_start)
    assert error.value.reason.code == "STARTS_AFTER_HOURS"
    assert "21:30までに始まらなければなりません" in error.value.reason.render("ja")
    assert HoursBound.START.render("ja") == "セッションの開始"


def test_the_lead_time_for_reschedules_is_a_parameter():
    def booked(**kw):
        return sign_up("2020-06-19T18:00+09:00", requested="2020-06-01T10:00+09:00", **kw).confirm(
            "2020-06-19T18:00+09:00", id="A-1"
        )

    tomorrow, contact = "2020-06-09T18:00+09:00", "2020-06-08T10:00+09:00"
    with pytest.raises(Refused) as error:
        booked().reschedule(tomorrow, contacted_at=contact)
    assert error.value.reason.code == "TOO_SOON"
    assert "Kagoshima JET wiki" in error.value.reason.render("en", with_source=True)
    free = supplying(2020, lead_time_for_reschedules=False)
    assert booked(policy=free).reschedule(tomorrow, contacted_at=contact).start.day == 9
    with pytest.raises(Refused, match="Saturday"):  # the new time is still checked
        booked(policy=free).reschedule("2020-06-13T18:00+09:00", contacted_at=contact)


def test_confirming_only_a_preferred_time_is_a_parameter():
    times = ("2020-06-10T18:00+09:00", "2020-06-11T18:00+09:00")
    with pytest.raises(Refused) as error:
        sign_up(*times, requested="2020-06-01T10:00+09:00").confirm(
            "2020-06-12T18:00+09:00", id="A-1"
        )
    assert error.value.reason.code == "NOT_A_PREFERENCE"
    assert "only-a-preferred-time-is-confirmed" in str(error.value.reason.source)
    free = supplying(2020, confirm_only_preferred=False)
    made = sign_up(*times, requested="2020-06-01T10:00+09:00", policy=free)
    assert made.confirm("2020-06-12T18:00+09:00", id="A-1").start.day == 12
    with pytest.raises(Refused, match="Saturday"):  # another time is checked as a preferred one
        made.confirm("2020-06-13T18:00+09:00", id="A-1")


def test_whether_a_cancellation_without_contact_counts_is_a_parameter():
    def booked(**kw):
        return sign_up("2020-06-10T18:00+09:00", requested="2020-06-01T10:00+09:00", **kw).confirm(
            "2020-06-10T18:00+09:00", id="A-1"
        )

    late = booked().cancel(contacted_at="2020-06-10T18:01+09:00")
    assert (late.counted, late.reason.code) == (True, "LATE_CANCELLATION")
    assert "cancellation-rule-continues" in str(late.reason.source)  # FY2020: our reading
    free = supplying(2020, cancellation_without_contact_counts=False)
    for appointment in (
        booked(policy=free).cancel(contacted_at="2020-06-10T18:01+09:00"),
        booked(policy=free).miss(),
    ):
        assert (appointment.counted, appointment.counted_minutes) == (False, 0)
        assert appointment.reason is None
    assert booked(policy=free).complete().counted


def test_closing_on_holidays_is_a_reading_and_a_parameter():
    holiday = "2020-11-03T18:00+09:00"  # Culture Day, a Tuesday
    with pytest.raises(Refused) as error:
        sign_up(holiday, requested="2020-10-20T10:00+09:00")
    shown = error.value.reason.render("en", with_source=True)
    assert "sessions-on-business-days" in shown
    assert "HAJET" not in shown  # the hours page says nothing of holidays
    with pytest.raises(Refused) as error:
        sign_up("2020-11-07T18:00+09:00", requested="2020-10-20T10:00+09:00")  # a Saturday
    assert "HAJET, Mental Health Counseling" in error.value.reason.render("en", with_source=True)
    open_on_holidays = supplying(2020, closed_on_holidays=False)
    made = sign_up(holiday, requested="2020-10-20T10:00+09:00", policy=open_on_holidays)
    assert made.preferred_times[0].day == 3
    with pytest.raises(Refused, match="Saturday"):
        sign_up(
            "2020-11-07T18:00+09:00", requested="2020-10-20T10:00+09:00", policy=open_on_holidays
        )


def test_refusals_cite_what_their_rule_rests_on():
    fy2019 = terms_for(FiscalYear(2019))
    assert fy2019.citation("session_minutes").title.startswith("CLAIR's Mental Health Support")
    assert fy2019.citation("yearly_session_limit") == Source(
        title="jetrules reading 'no-limit-published'", url="design.md#no-limit-published"
    )
    assert fy2019.limit_source == fy2019.citation("yearly_session_limit")
    assert fy2019.citation("no_such_parameter") is None
    evolved = attrs.evolve(fy2019, lead_business_days=5)  # no longer what the source states
    assert evolved.citation("lead_business_days") is None
    assert evolved.citation("session_minutes") == fy2019.citation("session_minutes")
    assert [s.title.split(",")[0] for s in fy2019.sources] == [
        "CLAIR's Mental Health Support (FY2019 text)",
        "Kagoshima JET wiki",
        "HAJET",
    ]


def test_a_supplied_value_cites_its_own_source_only_where_nothing_is_published():
    mine = Source(title="Our notice")
    own = Provenance(origin=Origin.SUPPLIED, source=mine, published=None)
    assert citation(Parameter(name="yearly_session_limit", value=5, provenance=own)) == mine
    replacing = attrs.evolve(own, published=7)
    assert citation(Parameter(name="yearly_session_limit", value=5, provenance=replacing)) == (
        Source(title="value supplied by the caller (published: 7)")
    )
    bare = Provenance(origin=Origin.SUPPLIED)
    assert citation(Parameter(name="x", value=1, provenance=bare)).title == (
        "value supplied by the caller (no published value)"
    )
    assert origin_of([]) == "published"


def test_values_show_as_notes_write_them():
    assert show_value(dt.time(21, 30), "en") == "21:30"
    assert show_value(HoursBound.END, "ja") == "end"
    assert show_value(False, "en") == "no"
    assert show_value(3, "ja") == "3"
    label = describe_changes([Change(name="colour", value="blue", published=None)])
    assert (label.en, label.ja) == ("colour blue (published: none)", "colour blue（公表値: なし）")


# -- the bundled file is the data: changing it changes the results --------------------------------


@pytest.fixture
def edited_bundle(monkeypatch):
    """Replace text of the bundled booking.toml for one test; the caches are emptied around it."""
    real = booking_editions.bundled_text

    def edit(old: str, new: str) -> None:
        def text(name: str) -> str:
            found = real(name)
            return found.replace(old, new) if name == "booking" else found

        monkeypatch.setattr(booking_editions, "bundled_text", text)
        forget()

    def forget() -> None:
        booking_editions.bundled.cache_clear()
        booking_editions._memo.cache_clear()

    yield edit
    monkeypatch.undo()
    forget()


FY2020_LIMIT = 'yearly_session_limit = { value = 7, source = "clair-news-2020-04"'


def test_changing_a_value_in_the_bundled_file_changes_the_results(edited_bundle):
    assert terms_for(FiscalYear(2020)).yearly_session_limit == 7
    edited_bundle(FY2020_LIMIT, FY2020_LIMIT.replace("7", "8"))
    assert terms_for(FiscalYear(2020)).yearly_session_limit == 8
    usage = ledger_of(eight_in_fy2020()).usage("P-01", FiscalYear(2020))
    assert (usage.sessions_used, usage.sessions_left, usage.terms_origin) == (8, 0, "published")


def test_a_malformed_bundled_file_lists_every_problem(edited_bundle):
    edited_bundle(
        "lead_business_days = { value = 4, source",
        'lead_business_days = { value = 0, source = "nowhere", x = 1, source2',
    )
    with pytest.raises(InvalidRecords) as error:
        terms_for(FiscalYear(2020))
    lines = error.value.lines()
    assert all(line.startswith("booking.toml: booking FY20") for line in lines)
    assert any("FY2019, lead_business_days: unknown source 'nowhere'" in line for line in lines)
    assert any("unknown key 'x'" in line for line in lines)


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("lead_business_days", 0, "'lead_business_days' must be a positive whole number"),
        ("sessions_end_by", "9pm", "'sessions_end_by' must be a time of day such as 21:30"),
        ("sessions_end_by", 2130, "'sessions_end_by' must be a time of day without a zone"),
        ("hours_bound", "middle", "'hours_bound' must be 'end' or 'start'"),
        ("confirm_only_preferred", "yes", "'confirm_only_preferred' must be true or false"),
        ("session_minutes", [20, 0], "'session_minutes' must be positive whole numbers"),
        ("sessions_end_by", "00:00", "'sessions_end_by' must be later than 00:00"),
    ],
)
def test_each_parameter_is_checked_by_the_terms_class(name, raw, message):
    with pytest.raises(InvalidInput, match=message):
        PARAMETERS[name](raw)


@pytest.mark.parametrize(
    ("values", "field", "rule"),
    [
        # "until midnight" written 00:00, and an opening hour after the close: every session
        # was refused, and the policy check said "ok"
        (
            {"sessions_end_by": dt.time(0)},
            "sessions_end_by",
            "must be later than 00:00 (sessions end on the day they start)",
        ),
        (
            {"sessions_start_from": dt.time(22)},
            "sessions_start_from",
            "must be before sessions_end_by (21:30), or no session can be booked",
        ),
        (
            {"sessions_start_from": dt.time(20), "sessions_end_by": dt.time(20)},
            "sessions_start_from",
            "must be before sessions_end_by (20:00), or no session can be booked",
        ),
    ],
)
def test_hours_that_leave_no_session_are_refused(values, field, rule, tmp_path):
    with pytest.raises(InvalidInput) as error:
        terms_for(FiscalYear(2020), policy=supplying(2020, **values))
    assert (error.value.field, error.value.rule, error.value.value) == (field, rule, values[field])
    lines = [
        f"{name} = {{ value = \"{value:%H:%M}\", source = 'n' }}" for name, value in values.items()
    ]
    path = tmp_path / "hours.toml"
    path.write_text("[source.n]\ntitle = 'n'\n[[booking]]\nfiscal_year = 2020\n" + "\n".join(lines))
    (line,) = policy_check(path)
    assert line.startswith(f"{path}: booking FY2020, {field}: '{field}' {rule}")


def test_parameters_read_toml_values_into_the_terms_values():
    assert PARAMETERS["sessions_end_by"]("21:30") == dt.time(21, 30)
    assert PARAMETERS["sessions_start_from"](dt.time(9)) == dt.time(9)
    assert PARAMETERS["session_minutes"]([20, 40]) == (20, 40)
    assert PARAMETERS["hours_bound"]("start") is HoursBound.START


# -- reasons -------------------------------------------------------------------------------------


def test_every_booking_reason_code_renders_in_english_and_japanese():
    for template in REASONS:
        reason = template.with_params(**dict.fromkeys(template.parameters, "X"))
        texts = {lang: reason.render(lang) for lang in LANGUAGES}
        assert all(texts.values())
        assert texts["en"] != texts["ja"]
        assert not any("{" in text for text in texts.values())
    codes = {template.code for template in REASONS}
    assert {"ASSUMED_TERMS", "SUPPLIED_TERMS", "STARTS_AFTER_HOURS"} <= codes


def test_check_start_takes_a_policy_and_an_assumption():
    start = pendulum.parse("2024-06-11T18:00+09:00")
    requested = pendulum.parse("2024-06-01T10:00+09:00")
    with pytest.raises(NoRuleInForce):
        check_start(start, minutes=40, requested_at=requested)
    assumed = check_start(start, minutes=40, requested_at=requested, assume=2023)
    assert assumed.origin == "assumed"
    supplied = check_start(start, minutes=40, requested_at=requested, policy=same_as(2023, to=2024))
    assert supplied.fiscal_year == FiscalYear(2024)


def test_usage_refuses_an_unknown_origin():
    with pytest.raises(InvalidInput, match="'terms_origin' must be one of"):
        Usage(
            participant="P",
            fiscal_year=FiscalYear(2020),
            limit=7,
            appointments=0,
            sessions_used=0,
            minutes_used=0,
            sessions_booked=0,
            terms_origin="guessed",
        )


def test_the_face_exports_what_the_policy_files_need():
    for name in ("SERVICE", "PARAMETERS", "REQUIRED", "editions", "terms_for", "EDITIONS"):
        assert name in booking.__all__
