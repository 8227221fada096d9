import datetime as dt
import enum
import io
import types
from fractions import Fraction

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import FiscalYear, Label, Source, WrongType, Yen, rulebook
from jetrules.cli import main
from jetrules.policy import EditionRecord, Origin, Parameter, Policy, Provenance, Reading
from jetrules.rulebook import (
    editions_of,
    overview_markdown,
    parameter_row,
    rules_markdown,
    sources_of,
    value_markdown,
)

from strategies import fiscal_years, yens

# A test-only rule module, shaped like the real faces: editions(policy) gives the records the terms
# are built from, each parameter with its value and its provenance.

NOTICE = Source(
    title="CLAIR News | April 2020", url="https://jetprogramme.org/en/clairnewsapril2020"
)
WIKI = Source(title="A wiki", url="https://example.org/wiki")


class Place(enum.Enum):
    JAPAN = "in Japan"
    ANYWHERE = 2


@attrs.frozen(kw_only=True)
class Hours:
    opens: dt.time
    closes: dt.time


def quoted(words="up to seven\n   sessions", source=NOTICE):
    return Provenance(origin=Origin.PUBLISHED, source=source, quote=words, verbatim=True)


def paraphrased(words="our summary", source=NOTICE):
    return Provenance(origin=Origin.PUBLISHED, source=source, quote=words)


ROUND_DOWN = Reading(
    key="round-down", text=Label(en="Rounded down.", ja="切り捨て。"), design="design.md#round-down"
)


PLAIN = Provenance(origin=Origin.PUBLISHED, source=Source(title="CLAIR News, August 2018"))


def _parameter(name, given):
    """A parameter from (value, provenance), or from a value alone (cited plainly)."""
    if isinstance(given, tuple) and len(given) == 2 and isinstance(given[1], Provenance):
        value, provenance = given
    else:
        value, provenance = given, PLAIN
    return Parameter(name=name, value=value, provenance=provenance)


def edition(year, **parameters):
    return EditionRecord(
        service="fake",
        fiscal_year=FiscalYear(year),
        parameters=tuple(_parameter(name, given) for name, given in parameters.items()),
        file="fake.toml",
    )


FY2019 = edition(
    2019,
    rate=(Fraction(1, 2), quoted()),
    annual_cap=(Yen(30_000), paraphrased("at most thirty thousand yen")),
    claim_deadline=(None, Provenance(origin=Origin.READING, reading=ROUND_DOWN)),
    places=frozenset({Place.JAPAN, Place.ANYWHERE}),
    lengths=(dt.timedelta(minutes=20), dt.timedelta(minutes=40)),
    hours=(
        Hours(opens=dt.time(9), closes=dt.time(21, 30)),
        Provenance(
            origin=Origin.PUBLISHED, source=WIKI, quote="until 21:30", verbatim=True, undated=True
        ),
    ),
    requires_professional=True,
    name=Label(en="Counselling", ja="カウンセリング"),
)
FY2018 = edition(
    2018,
    rate=Fraction(1, 2),
    annual_cap=Yen(20_000),
    claim_deadline=pendulum.Date(2019, 4, 12),
    places=frozenset({Place.JAPAN}),
    lengths=(dt.timedelta(minutes=20),),
    hours=Hours(opens=dt.time(9), closes=dt.time(21, 30)),
    requires_professional=True,
    name=Label(en="Counselling", ja="カウンセリング"),
)
NAMES = (
    "rate",
    "annual_cap",
    "claim_deadline",
    "places",
    "lengths",
    "hours",
    "requires_professional",
    "name",
)


def fake_module(*editions, doc="A fake rule.\n\nMore text that is not shown.", required=NAMES):
    module = types.ModuleType("jetrules.fake", doc)
    module.editions = lambda policy=None: editions
    module.PARAMETERS = dict.fromkeys(NAMES, str)
    module.REQUIRED = required
    return module


def test_page_shows_every_parameter_year_value_and_source():
    page = rules_markdown([fake_module(FY2019, FY2018)])
    assert page.startswith("# Rules and sources\n")
    assert "## `jetrules.fake`\n\nA fake rule.\n" in page
    assert "More text" not in page
    # editions in fiscal-year order, whatever order the tuple has
    assert page.index("### FY2018 (2018年度): 2018-04-01 to 2019-03-31") < page.index(
        "### FY2019 (2019年度): 2019-04-01 to 2020-03-31"
    )
    for row in [
        # a verbatim quote, on one line; the pipe is escaped inside table cells
        "| rate | 50% | [CLAIR News \\| April 2020](https://jetprogramme.org/en/clairnewsapril2020)"
        " | verbatim: “up to seven sessions” |",
        "| annual cap | ¥30,000 | [CLAIR News \\| April 2020]"
        "(https://jetprogramme.org/en/clairnewsapril2020)"
        " | paraphrase: at most thirty thousand yen |",
        "| annual cap | ¥20,000 | CLAIR News, August 2018 | — |",  # cited, no words held
        # a reading: no value published, our choice linked to the design page
        "| claim deadline | — | reading [round-down](design.md#round-down) | — |",
        "| claim deadline | 2019-04-12 |",
        "| places | ANYWHERE, in Japan |",  # sorted; an enum whose value is not text: its name
        "| lengths | 20 minutes, 40 minutes |",
        # a value resting on an undated page is marked
        "| hours | opens: 09:00; closes: 21:30 † | [A wiki](https://example.org/wiki), undated page"
        " | verbatim: “until 21:30” |",
        "| requires professional | yes |",
        "| name | Counselling (カウンセリング) |",
    ]:
        assert row in page, row
    assert "Values resting on undated pages (†): FY2019: hours." in page
    assert (
        "- [round-down](design.md#round-down): Rounded down. (切り捨て。) "
        "Applied to: claim deadline (FY2019)."
    ) in page


def test_a_service_without_readings_or_undated_pages_says_so():
    page = rules_markdown([fake_module(FY2018)])
    assert "No value of this service rests on a reading" in page
    assert "No value of this service rests on an undated page." in page


def test_a_partial_edition_names_what_it_publishes_and_what_it_does_not():
    fy2025 = edition(2025, claim_deadline=pendulum.Date(2026, 4, 1))
    page = rules_markdown([fake_module(FY2019, fy2025)])
    assert "### FY2025 (2025年度): 2025-04-01 to 2026-03-31 (partial edition)" in page
    assert (
        "Published: claim deadline. Not published: rate, annual cap, places, lengths, hours, "
        "requires professional, name. Terms for FY2025 raise `NoRuleInForce`"
    ) in page
    assert "| FY2025 | not published | not published | 2026-04-01 | not published |" in page
    assert "(partial edition)" not in rules_markdown([fake_module(fy2025, required=())])


def test_overview_has_a_row_per_year_and_marks_years_without_terms():
    fy2021 = edition(
        2021,
        **{
            **{p.name: (p.value, p.provenance) for p in FY2019.parameters},
            "annual_cap": Yen(35_000),
        },
    )
    page = rules_markdown([fake_module(fy2021, FY2018, FY2019)])
    header = (
        "| fiscal year | rate | annual cap | claim deadline | places | lengths | hours"
        " | requires professional | name | sources |"
    )
    assert header in page
    rows = page[page.index(header) :].split("\n\n", 1)[0].splitlines()[2:]
    assert [row.split(" | ")[0] for row in rows] == ["| FY2018", "| FY2019", "| FY2020", "| FY2021"]
    assert rows[2] == "| FY2020 | no published terms" + " | —" * 8 + " |"  # 9 columns
    assert rows[3].startswith("| FY2021 | 50% | ¥35,000 | — |")
    assert "| opens: 09:00; closes: 21:30 † |" in rows[3]  # the undated mark in the overview too
    assert rows[3].endswith(
        "| [CLAIR News \\| April 2020](https://jetprogramme.org/en/clairnewsapril2020), "
        "CLAIR News, August 2018, [A wiki](https://example.org/wiki) |"
    )


def test_editions_with_several_sources_list_each_once():
    assert sources_of(FY2019) == (NOTICE, Source(title="CLAIR News, August 2018"), WIKI)
    assert (
        sources_of(
            edition(
                2019, claim_deadline=(None, Provenance(origin=Origin.READING, reading=ROUND_DOWN))
            )
        )
        == ()
    )


def test_supplied_values_show_the_published_value_and_never_the_published_source():
    supplied = Provenance(origin=Origin.SUPPLIED, published=Yen(30_000))
    row = parameter_row(Parameter(name="annual_cap", value=Yen(40_000), provenance=supplied))
    assert row == ("annual cap", "¥40,000 (supplied; published: ¥30,000)", "supplied", "—")
    own = Provenance(
        origin=Origin.SUPPLIED,
        source=Source(title="Our notice"),
        quote="up to ¥40,000",
        verbatim=True,
        published=None,
    )
    row = parameter_row(Parameter(name="annual_cap", value=Yen(40_000), provenance=own), ["a.toml"])
    assert row == (
        "annual cap",
        "¥40,000 (supplied; published: none)",
        "supplied by a.toml, citing Our notice",
        "verbatim: “up to ¥40,000”",
    )
    reading = Provenance(origin=Origin.SUPPLIED, reading=ROUND_DOWN, published=None)
    assert parameter_row(Parameter(name="claim_deadline", value=None, provenance=reading))[2] == (
        "supplied, reading [round-down](design.md#round-down)"
    )
    assumed = Provenance(origin=Origin.ASSUMED, source=NOTICE, assumed_from=FiscalYear(2024))
    assert parameter_row(Parameter(name="rate", value=Fraction(1, 2), provenance=assumed))[1] == (
        "50% (assumed from FY2024)"
    )
    overview = overview_markdown(
        [edition(2019, annual_cap=(Yen(40_000), supplied))], ["annual_cap"]
    )
    assert "| FY2019 | ¥40,000 (supplied) |" in overview


def test_changing_an_editions_cap_changes_the_page(monkeypatch):
    """The page is made from the editions the code applies: change one, and the page follows."""
    module = fake_module(FY2018, FY2019)
    monkeypatch.setattr(rulebook, "RULE_MODULES", ("jetrules.fake",))
    monkeypatch.setitem(__import__("sys").modules, "jetrules.fake", module)
    before = rules_markdown()
    assert "| annual cap | ¥30,000 |" in before
    assert "¥40,000" not in before

    changed = attrs.evolve(
        FY2019,
        parameters=tuple(
            attrs.evolve(p, value=Yen(40_000)) if p.name == "annual_cap" else p
            for p in FY2019.parameters
        ),
    )
    monkeypatch.setattr(module, "editions", lambda policy=None: (FY2018, changed))
    after = rules_markdown()
    assert "| annual cap | ¥40,000 |" in after
    assert "| annual cap | ¥30,000 |" not in after
    assert before.replace("¥30,000", "¥40,000") == after


@given(fiscal_years, yens)
def test_every_cap_and_year_shows(year, cap):
    page = rules_markdown([fake_module(edition(year.year, annual_cap=cap))])
    assert f"| annual cap | {cap} |" in page
    assert f"### FY{year.year} ({year.year}年度): {year.start} to {year.end}" in page


@given(st.text())
def test_a_value_never_breaks_its_table_cell(text):
    cell = value_markdown(text)
    assert "\n" not in cell
    assert cell.replace("\\|", "").count("|") == 0


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "—"),  # the source states no value
        (False, "no"),
        (Fraction(1, 3), "1/3"),  # not a whole percentage: the exact fraction
        (Fraction(1), "100%"),
        (dt.timedelta(seconds=90), "0:01:30"),  # not whole minutes
        ((), "—"),  # an empty tuple sets nothing
        (frozenset(), "—"),
        ([Yen(1), Yen(2)], "¥1, ¥2"),
        (FiscalYear(2024), "FY2024 (2024年度)"),
        (Label(en="same", ja="same"), "same"),  # one text when both languages agree
        (Source(title="T", url="https://example.org"), "[T](https://example.org)"),
        (pendulum.Date(2026, 4, 1), "2026-04-01"),
        (dt.time(21, 30, 15), "21:30:15"),  # seconds only when there are some
        (7, "7"),
        ("a|b", "a\\|b"),
    ],
)
def test_values(value, shown):
    assert value_markdown(value) == shown


def test_no_rule_modules_says_so():
    assert rules_markdown([]).endswith("No rule module with editions is installed.\n")


def test_the_default_modules_are_the_rule_modules():
    page = rules_markdown()
    for name in rulebook.RULE_MODULES:
        assert f"## `{name}`" in page


def test_a_module_without_a_docstring():
    page = rules_markdown([fake_module(FY2019, doc=None)])
    assert "## `jetrules.fake`\n\n| fiscal year |" in page


@pytest.mark.parametrize(
    "editions",
    [
        None,  # no editions at all
        [FY2019],  # a list, not a tuple
        (),  # empty
        (object(),),  # not an edition
        (Hours(opens=dt.time(9), closes=dt.time(17)),),  # attrs, but no edition
        (FY2019, Hours),  # mixed
    ],
)
def test_malformed_editions_are_refused(editions):
    module = types.ModuleType("jetrules.broken")
    if editions is not None:
        module.editions = lambda policy=None: editions
    with pytest.raises(WrongType, match=r"^'jetrules.broken.editions' must"):
        editions_of(module)


def test_rules_command_prints_the_page():
    out = io.StringIO()
    assert main(["rules"], out=out) == 0
    assert out.getvalue() == rules_markdown()


def _section(page: str, module: str) -> str:
    start = page.index(f"## `{module}`")
    return page[start : page.index("\n## ", start + 1)]


def _edition(section: str, year: str) -> str:
    return section[section.index(f"### {year} ") :].split("\n### ", 1)[0]


def test_changing_the_real_subsidy_cap_changes_the_page_and_the_results():
    """Under a policy giving FY2019 a ¥40,000 cap, the page shows it, marked as supplied."""
    from jetrules import subsidy

    before = rules_markdown()
    assert "## `jetrules.subsidy`" in before
    fy2019 = subsidy.terms_for(2019)
    assert f"| annual cap | {fy2019.annual_cap} |" in _edition(before, "FY2019")
    what_if = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=Yen(40_000))
    assert subsidy.terms_for(2019, policy=what_if).annual_cap == Yen(40_000)
    after = rules_markdown(policy=what_if)
    assert after != before
    section = _edition(_section(after, "jetrules.subsidy"), "FY2019")
    assert "| annual cap | ¥40,000 (supplied; published: ¥30,000) | supplied | — |" in section
    assert "up to ¥30,000" not in section  # the published source's words are not beside it
    assert "| FY2019 | 50% | ¥40,000 (supplied) |" in after  # the overview row too
    assert "This page shows the rules under a supplied policy" in after


def test_the_subsidy_section_marks_quotes_and_the_partial_fy2025_edition():
    section = _section(rules_markdown(), "jetrules.subsidy")
    fy2019 = _edition(section, "FY2019")
    assert "| annual cap | ¥30,000 | [CLAIR's Mental Health Support (FY2019 text)]" in fy2019
    assert "| verbatim: “up to ¥30,000 per year” |" in fy2019
    assert "| claim deadline | — | reading [no-deadline-published](design.md#" in fy2019
    assert "paraphrase: " in _edition(section, "FY2020")
    fy2025 = _edition(section, "FY2025")
    assert fy2025.startswith("### FY2025 (2025年度): 2025-04-01 to 2026-03-31 (partial edition)")
    assert "Published: claim deadline. Not published: rate, annual cap, place," in fy2025
    assert "| claim deadline | 2026-04-01 | [CLAIR News, November 2025]" in fy2025
    assert "| FY2022 | no published terms |" in section
    for reading in ("round-down", "share-out-in-service-date-order", "no-deadline-published"):
        assert f"- [{reading}](design.md#" in section


def test_changing_the_real_booking_limit_changes_the_page():
    from jetrules import booking

    before = rules_markdown()
    assert "## `jetrules.booking`" in before
    what_if = Policy().supplying("booking", FiscalYear(2020), yearly_session_limit=8)
    assert booking.terms_for(2020, policy=what_if).yearly_session_limit == 8
    after = rules_markdown(policy=what_if)
    fy2020 = _edition(_section(after, "jetrules.booking"), "FY2020")
    assert "| yearly session limit | 8 (supplied; published: 7) | supplied | — |" in fy2020
    assert (
        before.count("| yearly session limit | 7 |")
        == after.count("| yearly session limit | 7 |") + 1
    )


def test_the_booking_section_says_which_values_rest_on_undated_pages():
    section = _section(rules_markdown(), "jetrules.booking")
    assert "Values resting on undated pages (†): FY2019: lead business days" in section
    assert "| lead business days | 4 † | [Kagoshima JET wiki" in _edition(section, "FY2019")
    assert "| yearly session limit | 7 | [Saga JET" in _edition(section, "FY2021")
    assert "| FY2022 | no published terms |" in section
    assert "- [scheduled-until-means-end-by](design.md#" in section


def test_the_threads_section_shows_every_web_mail_edition():
    section = _section(rules_markdown(), "jetrules.threads")
    assert "| FY2022 | no published terms |" in section  # the gap is shown, not filled
    for year in ("FY2019", "FY2020", "FY2021", "FY2023"):
        assert f"### {year} " in section
    assert section.count("| line limit | 30 |") == 1  # FY2019's, from a dated source
    assert section.count("| line limit | 30 † |") == 3  # the others', from an undated wiki
    assert "While you can only have 3 replies on a single thread" in section
    assert "Values resting on undated pages (†): FY2020: line limit" in section


def test_changing_the_real_web_mail_line_limit_changes_the_page():
    from jetrules import threads

    before = rules_markdown()
    what_if = Policy().supplying("webmail", FiscalYear(2019), line_limit=40)
    assert threads.terms_for(2019, policy=what_if).line_limit == 40
    after = rules_markdown(policy=what_if)
    fy2019 = _edition(_section(after, "jetrules.threads"), "FY2019")
    assert "| line limit | 40 (supplied; published: 30) | supplied | — |" in fy2019
    assert before.count("| line limit | 30 |") == after.count("| line limit | 30 |") + 1


# --- the calendar: rules dated by the days they are in force ------------------------------------


def calendar_section(page: str) -> str:
    return page[page.index("## `jetrules.calendar`") :]


def test_the_page_ends_with_the_calendars_rules_and_sources():
    section = calendar_section(rules_markdown())
    for row in [
        # the service calendar's closed days, with the act that sets them
        "| Saturday | 土曜日 |",
        "| Sunday | 日曜日 |",
        "| year-end closure, 29 December to 3 January | 年末年始の休日（12月29日から1月3日） |",
        "- Act on Holidays of Administrative Organs (行政機関の休日に関する法律), "
        "Act No. 91 of 1988",
        # each national holiday: its date rule, the years in force and its names in en/ja
        "| New Year's Day | 元日 | 1 January (1月1日) | 1948 | in force | Act No. 178 of 1948 |",
        "| Coming of Age Day | 成人の日 | 15 January (1月15日) | 1948 | 1999 |",
        "| Coming of Age Day | 成人の日 | second Monday of January (1月の第2月曜日) | 2000 |",
        "| Vernal Equinox Day | 春分の日 | vernal equinox (formula) (春分日（計算式）) | 1948 |",
        "| The Emperor's Birthday | 天皇誕生日 | 23 December (12月23日) | 1989 | 2018 |",
        # substitute and citizens' holidays with their days in force
        "| 1973-04-12 | 2006-12-31 | 1973 amendment |",
        "| 1985-12-27 | 2006-12-31 | 1985 amendment |",
        # one-off days, the Olympic moves, the equinox constants per period
        "| 1990-11-12 | Enthronement Ceremony of Emperor Akihito | 即位礼正殿の儀 |",
        "| 2021 | Mountain Day | 山の日 | 2021-08-08 |",
        "| 2100 | 2150 | 21.8510 | 24.2488 |",
        "day = floor(constant + 0.242194 × (year − 1980)) − floor((year − 1980) / 4)",
        # the range and where the official list ends
        "Supported range: 1948-07-20 (the Act in force) to 2150-12-31",
        "holidays after 2027 are provisional",
        "- Act on National Holidays (国民の祝日に関する法律), "
        "Act No. 178 of 1948, and its amendments",
        "(https://www8.cao.go.jp/chosei/shukujitsu/syukujitsu.csv)",
    ]:
        assert row in section, row
    # every row of the tables the computation reads is on the page, once
    from jetrules._calendar import holiday_rules as rules

    for table in (rules.NATIONAL_HOLIDAYS, rules.ONE_OFF_DAYS, rules.MOVED_HOLIDAYS):
        assert len(table) > 0
    holidays = section.split("### National holidays", 1)[1].split("###", 1)[0]
    assert holidays.count("\n| ") == len(rules.NATIONAL_HOLIDAYS) + 1  # and the header
    assert rules_markdown([]).count("jetrules.calendar") == 0  # only on the default page


def test_changing_a_holiday_rules_data_changes_the_page_and_the_holidays(monkeypatch):
    """Mountain Day moved to 12 August in the table: the page and the computation both follow."""
    from jetrules._calendar import holiday_rules as rules
    from jetrules._calendar import holidays as _holidays

    before = rules_markdown()
    assert "| Mountain Day | 山の日 | 11 August (8月11日) | 2016 | in force |" in before
    moved = tuple(
        attrs.evolve(row, rule=rules.Fixed(8, 12)) if row.name.en == "Mountain Day" else row
        for row in rules.NATIONAL_HOLIDAYS
    )
    monkeypatch.setattr(rules, "NATIONAL_HOLIDAYS", moved)
    after = rules_markdown()
    assert "| Mountain Day | 山の日 | 12 August (8月12日) | 2016 | in force |" in after
    assert before.replace("11 August (8月11日)", "12 August (8月12日)") == after
    # the same table drives the computation (uncached, to see the change)
    computed = {h.date: h.name_ja for h in _holidays.rules_for_year.__wrapped__(2031)}
    assert computed.get(dt.date(2031, 8, 12)) == "山の日"
    assert dt.date(2031, 8, 11) not in computed  # a Monday, an ordinary day now


def test_changing_an_equinox_constant_or_a_rules_dates_changes_the_page(monkeypatch):
    from jetrules._calendar import business as _business
    from jetrules._calendar import holiday_rules as rules

    before = rules_markdown()
    periods = (*rules.EQUINOX_PERIODS[:2], attrs.evolve(rules.EQUINOX_PERIODS[2], autumnal=25))
    monkeypatch.setattr(rules, "EQUINOX_PERIODS", periods)
    substitute = (attrs.evolve(rules.SUBSTITUTE_RULES[0], in_force_from=dt.date(1973, 4, 13)),)
    monkeypatch.setattr(rules, "SUBSTITUTE_RULES", substitute + rules.SUBSTITUTE_RULES[1:])
    monkeypatch.setattr(_business, "SERVICE_CALENDAR", _business.BusinessCalendar(weekend={6}))
    after = rules_markdown()
    assert "| 2100 | 2150 | 21.8510 | 25 |" in after
    assert rules.Equinox(9).date_in(2100) == (9, 24)  # the computation reads the same constants
    assert "| 1973-04-13 | 2006-12-31 | 1973 amendment |" in after
    assert "| Saturday |" in before
    assert "| Saturday |" not in after
    assert "| Sunday | 日曜日 |" in after
    no_year_end = _business.BusinessCalendar(year_end_closure=False)
    monkeypatch.setattr(_business, "SERVICE_CALENDAR", no_year_end)
    assert "year-end closure" not in calendar_section(rules_markdown())


def test_a_policy_supplying_yen_is_not_taken_for_one_supplying_the_int():
    """Yen(40_000) == 40_000, yet they write themselves apart: the page's memo keeps them apart."""
    as_int = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=40_000)
    as_yen = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=Yen(40_000))
    assert as_int != as_yen
    rules_markdown(policy=as_int)
    section = _edition(_section(rules_markdown(policy=as_yen), "jetrules.subsidy"), "FY2019")
    assert "| annual cap | ¥40,000 (supplied; published: ¥30,000) |" in section
