"""Web Mail Counselling terms as data: editions from the policy file, policies, assumed terms."""

import datetime as dt
import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules._kernel.policy import Change, Policy
from jetrules._kernel.policyfile import parse_editions
from jetrules._kernel.provenance import Origin
from jetrules._threads import editions as webmail_editions
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, InvalidRecords, NoRuleInForce, Refused, WrongType
from jetrules.text import LANGUAGES, Label
from jetrules.threads import (
    EDITIONS,
    PARAMETER_LABELS,
    PARAMETERS,
    REASONS,
    REQUIRED,
    SERVICE,
    UNLIMITED,
    Message,
    Thread,
    WebMailTerms,
    editions,
    report,
    terms_for,
)

from strategies import threads

FY2019, FY2023, FY2024 = FiscalYear(2019), FiscalYear(2023), FiscalYear(2024)
WIKIS = {
    "Akita JET wiki, JET Online Counseling System",
    "Kagoshima JET wiki, JET Online Counselling",
}


def supplying(year=2019, **values):
    return Policy().supplying(SERVICE, FiscalYear(year), **values)


def inquiry(at, text="Hello."):
    return Message(author="participant", at=at, text=text)


def thread_at(at, **options):
    return Thread(id="T1", participant="p", messages=[inquiry(at)], **options)


# --- the editions and their sources -------------------------------------------------------------


def test_fy2021_comes_from_the_fy2021_source():
    """Must show 1: threads.terms_for(FiscalYear(2021)) returns the FY2021 source's terms."""
    terms = terms_for(FiscalYear(2021))
    assert terms.fiscal_year == FiscalYear(2021)
    assert terms.threads_per_participant == UNLIMITED
    provenance = terms.provenance["threads_per_participant"]
    assert provenance.source.url == "https://sagajet.com/support/mental-health"
    assert (provenance.quote, provenance.verbatim, provenance.undated) == (
        "webmail (unlimited number)",
        True,
        False,
    )
    assert terms.origin == "published"
    assert terms_for("FY2021") == terms


def test_every_edition_is_complete_and_every_parameter_has_a_source_or_a_reading():
    assert [str(edition.fiscal_year) for edition in editions()] == [
        "FY2019",
        "FY2020",
        "FY2021",
        "FY2023",
    ]
    for edition in editions():
        assert set(edition.names()) == set(REQUIRED) == set(PARAMETERS)
        for name in REQUIRED:
            provenance = edition.provenance(name)
            assert (provenance.source is None) != (provenance.reading is None), name
            if provenance.reading is not None:
                assert provenance.reading.design.startswith("design.md#")
    assert tuple(terms_for(edition.fiscal_year) for edition in editions()) == EDITIONS


def test_the_fy2019_text_states_every_limit_of_fy2019():
    terms = terms_for(2019)
    for name in ("line_limit", "reply_business_days", "replies_per_thread", "languages"):
        provenance = terms.provenance[name]
        assert provenance.source.title == "CLAIR's Mental Health Support (FY2019 text)"
        assert provenance.verbatim
    assert terms.provenance["threads_per_participant"].origin is Origin.READING


def test_the_undated_wikis_are_cited_the_same_way_for_every_year_they_are_used():
    """A value resting on an undated page cites it with the same words in every edition."""
    cited: dict[str, set[tuple[object, ...]]] = {}
    for edition in editions():
        for name in REQUIRED:
            provenance = edition.provenance(name)
            if provenance.undated:
                assert provenance.source.title in WIKIS
                cited.setdefault(name, set()).add(
                    (provenance.source, provenance.quote, provenance.verbatim)
                )
    assert set(cited) == {"line_limit", "reply_business_days", "replies_per_thread", "languages"}
    assert all(len(ways) == 1 for ways in cited.values())
    # every edition after FY2019 rests on them for exactly those parameters
    for edition in editions()[1:]:
        assert {name for name in REQUIRED if edition.provenance(name).undated} == set(cited)


def test_a_paraphrase_is_never_shown_as_a_quote():
    terms = terms_for(2020)
    assert not terms.provenance["threads_per_participant"].verbatim
    assert terms.source_of("threads_per_participant").quote is None
    assert terms.source_of("line_limit").quote == (
        "submit the details of your inquiry (up to 30 lines of text)"
    )
    assert terms.source_of("line_limit").title.endswith("(undated page)")


def test_readings_cite_themselves():
    source = terms_for(2019).source_of("line_limit_for_follow_ups")
    assert source.title.startswith("jetrules reading webmail-follow-up-line-limit: ")
    assert source.quote is None


# --- years without published terms ---------------------------------------------------------------


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_fy2024_on_names_what_is_missing_and_how_to_assume_it(year):
    with pytest.raises(NoRuleInForce) as caught:
        terms_for(year)
    message = str(caught.value)
    assert f"no Web Mail Counselling terms are published for FY{year}" in message
    assert "assume=FiscalYear(2023), or --assume-terms-from 2023 on the command line" in message


def test_before_the_first_edition_the_hint_names_the_first():
    with pytest.raises(NoRuleInForce, match=r"assume=FiscalYear\(2019\)"):
        terms_for(2018)


def test_a_partial_edition_names_what_it_does_not_publish():
    partial = supplying(2026, line_limit=25)
    with pytest.raises(NoRuleInForce) as caught:
        terms_for(2026, policy=partial)
    assert "terms for FY2026 do not publish reply_business_days, replies_per_thread" in str(
        caught.value
    )
    assert "(only line_limit)" in str(caught.value)
    terms = terms_for(2026, policy=partial, assume=2023)
    assert terms.line_limit == 25  # the year's own value still holds
    assert terms.provenance["line_limit"].origin is Origin.SUPPLIED
    assert dict(terms.assumed)["reply_business_days"] == FY2023


def test_assumed_terms_name_each_parameter_and_year():
    terms = terms_for(FY2024, assume=FY2023)
    assert terms.fiscal_year == FY2024
    assert terms.origin == "assumed"
    assert [name for name, _ in terms.assumed] == list(REQUIRED)
    assert {year for _, year in terms.assumed} == {FY2023}
    source = terms.source_of("threads_per_participant")
    assert source.title == ("CLAIR News, June 2023, for FY2023: assumed for FY2024")
    assert source.quote == "web mail, which has no limits on usage"  # FY2023's own words


def test_a_year_with_terms_ignores_the_assumption():
    assert terms_for(2021, assume=2019) == terms_for(2021)


def test_wrong_policy_and_assume_are_refused():
    with pytest.raises(WrongType, match="'policy' must be a Policy"):
        terms_for(2019, policy={"webmail": []})
    with pytest.raises(InvalidInput, match="'assume' must be written FY2019"):
        terms_for(2024, assume="the year before")


# --- statuses under assumed and supplied terms ---------------------------------------------------


def test_statuses_and_late_replies_under_assumed_terms_say_so_in_both_languages():
    thread = thread_at("2024-06-03T10:00+09:00", assume=FY2023)
    status = thread.status_at("2024-06-03T11:00+09:00")
    assert [reason.code for reason in status.reasons] == ["STATUS_ON_TIME", "ASSUMED_TERMS"]
    assert status.terms_origin == "assumed"
    assert status.changes == ()
    english = status.render("en")
    assert english.startswith("Awaiting the counsellor's reply, due by the end of 2024-06-06. ")
    assert "Assumed terms: FY2024 does not publish these" in english
    assert "line limit 30 (from FY2023)" in english
    assert "a message received on a closed day (from FY2023)" in english
    japanese = status.render("ja")
    assert "仮定した条件：2024年度" in japanese
    assert "行数の上限 30（2023年度から）" in japanese
    late = thread.reply("2024-06-10T10:00+09:00", "Sorry.").late_replies()[0]
    assert [reason.code for reason in late.reasons] == ["REPLY_LATE", "ASSUMED_TERMS"]
    assert late.terms_origin == "assumed"
    assert late.changes == ()
    assert "Assumed terms" in late.render("en")
    assert late.reason.source.title.endswith(": assumed for FY2024")


def test_supplied_terms_that_differ_show_the_published_values():
    what_if = supplying(line_limit=40, languages=("en",))
    thread = thread_at("2019-06-03T10:00+09:00", policy=what_if)
    status = thread.status_at("2019-06-03T11:00+09:00")
    assert status.terms_origin == "supplied"
    assert status.changes == (
        Change(name="line_limit", value=40, published=30),
        Change(name="languages", value=("en",), published=("en", "ja")),
    )
    assert status.reasons[-1].code == "SUPPLIED_TERMS"
    assert status.reasons[-1].render("en") == (
        "Supplied terms, not the published ones, for FY2019: line limit 40 (published: 30), "
        "languages en (published: en, ja)."
    )
    assert "行数の上限 40（公表値：30）" in status.render("ja")
    long = "\n".join(["x"] * 41)
    with pytest.raises(Refused) as caught:
        thread_at("2019-06-03T10:00+09:00", policy=what_if).reply(
            "2019-06-03T12:00+09:00", "Hi"
        ).follow_up("2019-06-03T13:00+09:00", long)
    source = caught.value.reason.source
    assert source.quote is None  # no source's words beside a value it does not state
    assert source.title == "supplied for FY2019: line_limit 40, not published (published: 30)"
    assert source == terms_for(2019, policy=what_if).source_of("line_limit")


def test_a_value_supplied_for_a_year_without_one_says_none_is_published():
    terms = terms_for(2024, policy=supplying(2024, line_limit=20), assume=FY2023)
    assert terms.changes == (Change(name="line_limit", value=20, published=None),)
    assert "none is published" in terms.source_of("line_limit").title
    [assumed, supplied] = (
        thread_at("2024-06-03T10:00+09:00", policy=supplying(2024, line_limit=20), assume=FY2023)
        .status_at("2024-06-03T11:00+09:00")
        .reasons[1:]
    )
    assert (assumed.code, supplied.code) == ("ASSUMED_TERMS", "SUPPLIED_TERMS")
    assert "line limit 20 (none published)" in supplied.render("en")
    assert "行数の上限 20（公表値なし）" in supplied.render("ja")


def test_supplying_the_published_values_is_no_what_if():
    same = supplying(line_limit=30, reply_business_days=3)
    terms = terms_for(2019, policy=same)
    assert (terms.origin, terms.changes) == ("published", ())
    assert terms.source_of("line_limit").title == "supplied for FY2019: the published value"
    status = thread_at("2019-06-03T10:00+09:00", policy=same).status_at("2019-06-03T11:00+09:00")
    assert [reason.code for reason in status.reasons] == ["STATUS_ON_TIME"]


def test_the_report_lists_terms_not_as_published_once():
    first = thread_at("2024-06-03T10:00+09:00", assume=FY2023)
    second = attrs.evolve(first, id="T2")
    published = attrs.evolve(thread_at("2023-06-05T10:00+09:00"), id="T0")
    result = report([published, first, second], at="2024-06-20T10:00+09:00")
    assert result.terms_not_published == (first.terms,)
    assert [note.code for note in result.terms_notes] == ["ASSUMED_TERMS"]
    text = result.render("en")
    assert text.count("Assumed terms") == 1
    assert "Terms not as published:\n  - Assumed terms: FY2024" in text
    assert "公表どおりでない条件：\n  - 仮定した条件：2024年度" in result.render("ja")
    only_published = report([published], at="2024-06-20T10:00+09:00")
    assert "Terms not as published" not in only_published.render("en")


# --- conditions as parameters ------------------------------------------------------------------


def test_the_follow_up_line_limit_is_a_parameter():
    long = "\n".join(["x"] * 31)
    opened = thread_at("2019-06-03T10:00+09:00").reply("2019-06-03T11:00+09:00", "Hi")
    with pytest.raises(Refused, match="the limit is 30") as caught:
        opened.follow_up("2019-06-03T12:00+09:00", long)
    assert caught.value.reason.source == terms_for(2019).source_of("line_limit_for_follow_ups")
    free = supplying(line_limit_for_follow_ups=False)
    loose = thread_at("2019-06-03T10:00+09:00", policy=free).reply("2019-06-03T11:00+09:00", "Hi")
    assert loose.follow_up("2019-06-03T12:00+09:00", long).replies == 1
    with pytest.raises(Refused, match="the limit is 30"):  # the inquiry still is held to it
        Thread(
            id="T1",
            participant="p",
            messages=[inquiry("2019-06-03T10:00+09:00", long)],
            policy=free,
        )


def closed_thread(**options):
    thread = thread_at("2019-06-03T10:00+09:00", **options)
    for day in (4, 5):
        thread = thread.reply(f"2019-06-0{day}T10:00+09:00", "r").follow_up(
            f"2019-06-0{day}T11:00+09:00", "f"
        )
    return thread.reply("2019-06-06T10:00+09:00", "r")


def test_continuations_per_thread_is_a_parameter():
    at = closed_thread().last_at
    one = closed_thread().continuation_refusal(
        participant="p", language="en", at=at, continued_by="T1.2"
    )
    assert one.code == "CONTINUE_TAKEN"
    assert one.source.title.startswith("jetrules reading webmail-one-continuation")
    two = closed_thread(policy=supplying(continuations_per_thread=2))
    assert two.continuation_refusal(participant="p", language="en", at=at, continued_by="B") is None
    taken = two.continuation_refusal(participant="p", language="en", at=at, continued_by=["B", "C"])
    assert taken.render("en").startswith("Thread T1 is already continued by thread B, C;")


# --- the policy file and its converters ----------------------------------------------------------


def _problems(text):
    book = webmail_editions.bundled_book()
    with pytest.raises(InvalidRecords) as caught:
        parse_editions(text, "mine.toml", {SERVICE: PARAMETERS}, book)
    return [str(problem) for problem in caught.value.problems]


def test_a_policy_file_with_bad_values_lists_every_problem():
    assert _problems(
        """
        [[webmail]]
        fiscal_year = 2026
        line_limit = { value = 0, source = "seed-fy2019" }
        languages = { value = ["fr"], source = "seed-fy2019" }
        threads_per_participant = { value = "lots", source = "seed-fy2019" }
        closed_day_receipt = { value = "same day", reading = "webmail-closed-day-receipt" }
        line_limit_for_follow_ups = { value = "yes", reading = "webmail-follow-up-line-limit" }
        continuations_per_thread = { value = 1.5, reading = "webmail-one-continuation" }
        """
    ) == [
        "webmail FY2026, line_limit: 'line_limit' must be at least 1 line (got 0)",
        "webmail FY2026, languages: 'languages' must be one or more of 'en', 'ja' (got ['fr'])",
        "webmail FY2026, threads_per_participant: 'threads_per_participant' must be "
        "'unlimited' or 'not stated' (got 'lots')",
        "webmail FY2026, closed_day_receipt: 'closed_day_receipt' takes no value: it names our "
        "reading of how a deadline counts (got 'same day')",
        "webmail FY2026, line_limit_for_follow_ups: 'line_limit_for_follow_ups' must be true "
        "or false (got 'yes')",
        "webmail FY2026, continuations_per_thread: 'continuations_per_thread' must be a whole "
        "number of continuations (got 1.5)",
    ]


def test_a_policy_file_edition_is_laid_over_the_bundled_one():
    book = webmail_editions.bundled_book()
    found = parse_editions(
        """
        [[webmail]]
        fiscal_year = 2019
        line_limit = { value = 35, source = "seed-fy2019", paraphrase = "a what-if" }
        threads_per_participant = { value = "unlimited", reading = "webmail-threads-not-limited" }
        """,
        "mine.toml",
        {SERVICE: PARAMETERS},
        book,
    )
    policy = Policy(supplied=found, book=book)
    merged = editions(policy)[0]
    assert merged.value("line_limit") == 35
    assert merged.provenance("line_limit").published == 30
    terms = terms_for(2019, policy=policy)
    assert terms.changes == (
        Change(name="line_limit", value=35, published=30),
        Change(
            name="threads_per_participant",
            value=UNLIMITED,
            published=Label(en="no limit stated", ja="上限の記載なし"),
        ),
    )
    assert terms.source_of("threads_per_participant").title == (
        "supplied for FY2019: threads_per_participant unlimited, not published "
        "(published: no limit stated)"
    )


def test_values_supplied_in_code_are_checked_by_the_terms():
    with pytest.raises(InvalidInput, match="'line_limit' must be at least 1 line"):
        terms_for(2019, policy=supplying(line_limit=0))
    with pytest.raises(InvalidInput, match="'colour' is not a Web Mail Counselling parameter"):
        terms_for(2019, policy=supplying(colour="blue"))
    with pytest.raises(InvalidInput, match="'closed_day_receipt' takes no value"):
        terms_for(2019, policy=supplying(closed_day_receipt="same day"))


def test_a_value_that_cannot_be_hashed_is_applied_without_a_memo():
    terms = terms_for(2019, policy=supplying(languages=["ja"]))
    assert terms.languages == ("ja",)
    assert terms.origin == "supplied"


def test_terms_made_by_hand_have_no_provenance():
    terms = WebMailTerms(
        fiscal_year=2030,
        line_limit=30,
        replies_per_thread=3,
        reply_business_days=3,
        languages=("en",),
        threads_per_participant=UNLIMITED,
    )
    assert (terms.provenance, terms.sources, terms.citation) == ({}, (), None)
    assert terms.source_of("line_limit") is None
    assert terms.origin == "published"


# --- the bundled file is the rules: change it and the results change ------------------------------


@pytest.fixture
def bundled_webmail(monkeypatch):
    """Swap the text of the bundled webmail.toml; the caches are emptied before and after."""
    original = webmail_editions.bundled_text

    def caches_clear():
        webmail_editions.bundled_editions.cache_clear()
        webmail_editions.bundled_book.cache_clear()
        webmail_editions._memo.cache_clear()

    def swap(change):
        text = change(original(SERVICE))
        monkeypatch.setattr(
            webmail_editions,
            "bundled_text",
            lambda name: text if name == SERVICE else original(name),
        )
        caches_clear()

    yield swap
    monkeypatch.undo()
    caches_clear()


def test_changing_a_value_in_the_bundled_file_changes_the_results(bundled_webmail):
    text = "\n".join(["x"] * 31)
    with pytest.raises(Refused, match="the limit is 30"):
        Thread(id="T1", participant="p", messages=[inquiry("2019-06-03T10:00+09:00", text)])
    bundled_webmail(lambda toml: toml.replace("value = 30,", "value = 31,", 1))
    assert terms_for(2019).line_limit == 31
    assert terms_for(2020).line_limit == 30  # only the FY2019 edition was changed
    thread = Thread(id="T1", participant="p", messages=[inquiry("2019-06-03T10:00+09:00", text)])
    assert thread.messages[0].text == text


def test_changing_the_reply_days_in_the_bundled_file_moves_deadlines(bundled_webmail):
    due = thread_at("2021-06-01T10:00+09:00").deadlines()[0].due_date
    bundled_webmail(
        lambda toml: re.sub(
            r"(fiscal_year = 2021\n.*\nreply_business_days = \{ value = )3", r"\g<1>5", toml
        )
    )
    assert str(due) == "2021-06-04"
    assert str(thread_at("2021-06-01T10:00+09:00").deadlines()[0].due_date) == "2021-06-08"


def test_a_malformed_bundled_file_lists_every_problem(bundled_webmail):
    bundled_webmail(
        lambda toml: toml.replace("value = 30,", "value = 0,", 1).replace(
            'source = "kagoshima-wiki"', 'source = "no-such-page"', 1
        )
    )
    with pytest.raises(InvalidRecords) as caught:
        terms_for(2019)
    assert [str(problem) for problem in caught.value.problems] == [
        "webmail FY2019, line_limit: 'line_limit' must be at least 1 line (got 0)",
        "webmail FY2020, replies_per_thread: unknown source 'no-such-page'",
    ]


def test_without_a_complete_edition_the_hint_says_to_supply_every_parameter(bundled_webmail):
    bundled_webmail(lambda toml: re.sub(r"\nline_limit = .*", "", toml))
    with pytest.raises(NoRuleInForce, match="supply every parameter with policy="):
        terms_for(2019)


# --- every reason renders in both languages ---------------------------------------------------


def test_every_reason_code_renders_in_english_and_japanese():
    for template in REASONS:
        reason = template.with_params(**dict.fromkeys(template.parameters, "X-1"))
        for lang in LANGUAGES:
            text = reason.render(lang)
            assert text.strip(), (template.code, lang)
            assert "{" not in text, (template.code, lang)
        assert reason.render("en") != reason.render("ja")
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", reason.render("ja")), template.code
    assert {"ASSUMED_TERMS", "SUPPLIED_TERMS"} <= {template.code for template in REASONS}


def test_every_parameter_has_a_name_in_both_languages():
    assert set(PARAMETER_LABELS) == set(REQUIRED)


# --- a policy equal to the bundled one changes nothing -------------------------------------------


@given(threads(), st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=20)))
def test_a_policy_equal_to_the_bundled_one_gives_the_same_report(thread, later):
    same = Policy(supplied={SERVICE: editions()})
    again = Thread(
        id=thread.id,
        participant=thread.participant,
        language=thread.language,
        messages=thread.messages,
        policy=same,
    )
    at = thread.last_at + later
    mine, published = report([again], at=at), report([thread], at=at)
    assert again.terms.origin == "published"
    assert [s.render("en") for s in mine.statuses] == [s.render("en") for s in published.statuses]
    assert [s.deadline for s in mine.statuses] == [s.deadline for s in published.statuses]
    assert [late.render("ja") for late in mine.late_replies] == [
        late.render("ja") for late in published.late_replies
    ]
    assert mine.render("en") == published.render("en")


def test_languages_given_as_a_number_are_one_problem_not_a_crash():
    """A policy file's ``languages = { value = 5 }`` was a TypeError (a traceback from the
    command); it is refused naming the parameter, as a list of unknown languages is."""
    assert _problems(
        """
        [[webmail]]
        fiscal_year = 2026
        languages = { value = 5, source = "seed-fy2019" }
        """
    ) == ["webmail FY2026, languages: 'languages' must be one or more of 'en', 'ja' (got 5)"]


@pytest.mark.parametrize(
    ("name", "given", "rule"),
    [
        ("languages", 5, "must be one or more of 'en', 'ja'"),
        ("languages", ["fr"], "must be one or more of 'en', 'ja'"),
        ("threads_per_participant", "lots", "must be 'unlimited' or 'not stated'"),
        (
            "closed_day_receipt",
            "same day",
            "takes no value: it names our reading of how a deadline counts",
        ),
    ],
)
def test_each_parameter_s_converter_names_its_parameter(name, given, rule):
    """Not 'value' (the policy file's reader used to put the name in afterwards)."""
    with pytest.raises(InvalidInput) as caught:
        PARAMETERS[name](given)
    assert (caught.value.field, caught.value.rule, caught.value.value) == (name, rule, given)
    assert isinstance(caught.value, WrongType) is (given == 5)


def test_a_value_whose_text_is_value_is_shown_as_written():
    """The reader used to put the parameter's name for the first 'value' of the message: once
    converters named their parameter, that was the value written (got 'threads_per_participant')."""
    assert _problems(
        """
        [[webmail]]
        fiscal_year = 2026
        threads_per_participant = { value = "value", source = "seed-fy2019" }
        """
    ) == [
        "webmail FY2026, threads_per_participant: 'threads_per_participant' must be "
        "'unlimited' or 'not stated' (got 'value')"
    ]
