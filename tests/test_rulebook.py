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
from jetrules.rulebook import editions_of, rules_markdown, value_markdown

from strategies import fiscal_years, yens

# A test-only rule module, shaped like the real ones: frozen attrs editions with a fiscal year,
# parameters as fields and a source.


class Place(enum.Enum):
    JAPAN = "in Japan"
    ANYWHERE = 2


@attrs.frozen(kw_only=True)
class Hours:
    opens: dt.time
    closes: dt.time


@attrs.frozen(kw_only=True)
class FakeTerms:
    fiscal_year: FiscalYear
    rate: Fraction
    annual_cap: Yen
    claim_deadline: pendulum.Date | None
    places: frozenset[Place]
    lengths: tuple[dt.timedelta, ...]
    hours: Hours
    requires_professional: bool
    name: Label
    source: Source


FY2019 = FakeTerms(
    fiscal_year=FiscalYear(2019),
    rate=Fraction(1, 2),
    annual_cap=Yen(30_000),
    claim_deadline=None,
    places=frozenset({Place.JAPAN, Place.ANYWHERE}),
    lengths=(dt.timedelta(minutes=20), dt.timedelta(minutes=40)),
    hours=Hours(opens=dt.time(9), closes=dt.time(21, 30)),
    requires_professional=True,
    name=Label(en="Counselling", ja="カウンセリング"),
    source=Source(
        title="CLAIR News | April 2020",
        url="https://jetprogramme.org/en/clairnewsapril2020",
        quote="up to seven\n   sessions",
    ),
)
FY2018 = attrs.evolve(
    FY2019,
    fiscal_year=FiscalYear(2018),
    annual_cap=Yen(20_000),
    claim_deadline=pendulum.Date(2019, 4, 12),
    source=Source(title="CLAIR News, August 2018"),
)


def fake_module(*editions, doc="A fake rule.\n\nMore text that is not shown."):
    module = types.ModuleType("jetrules.fake", doc)
    module.EDITIONS = editions
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
        "| rate | 50% |",
        "| annual cap | ¥30,000 |",
        "| annual cap | ¥20,000 |",
        "| claim deadline | — |",  # FY2019: no published deadline
        "| claim deadline | 2019-04-12 |",
        "| places | ANYWHERE, in Japan |",  # sorted; an enum whose value is not text: its name
        "| lengths | 20 minutes, 40 minutes |",
        "| hours | opens: 09:00; closes: 21:30 |",
        "| requires professional | yes |",
        "| name | Counselling (カウンセリング) |",
    ]:
        assert row in page, row
    # the pipe is escaped only inside table cells
    assert (
        "Source:\n\n- [CLAIR News | April 2020](https://jetprogramme.org/en/clairnewsapril2020)"
        "\n\n    > up to seven sessions\n"  # the quote, on one line
    ) in page
    assert "Source:\n\n- CLAIR News, August 2018\n" in page  # a source without an address


def test_overview_has_a_row_per_year_and_marks_years_without_terms():
    fy2021 = attrs.evolve(FY2019, fiscal_year=FiscalYear(2021), annual_cap=Yen(35_000))
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
    assert rows[3].endswith(
        "| [CLAIR News \\| April 2020](https://jetprogramme.org/en/clairnewsapril2020) |"
    )


@attrs.frozen(kw_only=True)
class FakeBookingTerms:
    fiscal_year: FiscalYear
    yearly_session_limit: int | None
    sources: tuple[Source, ...]


def test_editions_with_several_sources_list_each():
    edition = FakeBookingTerms(
        fiscal_year=FiscalYear(2020),
        yearly_session_limit=7,
        sources=(
            Source(title="CLAIR News, April 2020", quote="up to seven"),
            Source(title="HAJET", url="https://hajet.org/mental-health-counseling"),
        ),
    )
    page = rules_markdown([fake_module(edition)])
    assert "| FY2020 | 7 | CLAIR News, April 2020, [HAJET](https" in page
    assert (
        "Sources:\n\n- CLAIR News, April 2020\n\n    > up to seven\n\n"
        "- [HAJET](https://hajet.org/mental-health-counseling)\n"
    ) in page
    assert "| sources |" in page
    assert "| yearly session limit | 7 |" in page


def test_changing_an_editions_cap_changes_the_page(monkeypatch):
    """The page is made from the editions the code applies: change one, and the page follows."""
    module = fake_module(FY2018, FY2019)
    monkeypatch.setattr(rulebook, "RULE_MODULES", ("jetrules.fake",))
    monkeypatch.setitem(__import__("sys").modules, "jetrules.fake", module)
    before = rules_markdown()
    assert "| annual cap | ¥30,000 |" in before
    assert "¥40,000" not in before

    monkeypatch.setattr(module, "EDITIONS", (FY2018, attrs.evolve(FY2019, annual_cap=Yen(40_000))))
    after = rules_markdown()
    assert "| annual cap | ¥40,000 |" in after
    assert "| annual cap | ¥30,000 |" not in after
    assert before.replace("¥30,000", "¥40,000") == after


@given(fiscal_years, yens)
def test_every_cap_and_year_shows(year, cap):
    page = rules_markdown([fake_module(attrs.evolve(FY2019, fiscal_year=year, annual_cap=cap))])
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
        None,  # no EDITIONS at all
        [FY2019],  # a list, not a tuple
        (),  # empty
        (object(),),  # not an attrs value
        (Hours(opens=dt.time(9), closes=dt.time(17)),),  # attrs, but no fiscal year nor source
        (FY2019, attrs.evolve(FY2019, fiscal_year=FiscalYear(2020)), Hours),  # mixed classes
    ],
)
def test_malformed_editions_are_refused(editions):
    module = types.ModuleType("jetrules.broken")
    if editions is not None:
        module.EDITIONS = editions
    with pytest.raises(WrongType, match=r"^'jetrules.broken.EDITIONS' must"):
        editions_of(module)


def test_rules_command_prints_the_page():
    out = io.StringIO()
    assert main(["rules"], out=out) == 0
    assert out.getvalue() == rules_markdown()


def test_changing_the_real_subsidy_cap_changes_the_page(monkeypatch):
    """The same, on the editions jetrules.subsidy applies: a ¥40,000 FY2019 cap shows."""
    from jetrules import subsidy

    before = rules_markdown()
    assert "## `jetrules.subsidy`" in before
    fy2019 = subsidy.terms_for(2019)
    assert f"| annual cap | {fy2019.annual_cap} |" in before
    evolved = tuple(
        attrs.evolve(e, annual_cap=Yen(40_000)) if e.fiscal_year == FiscalYear(2019) else e
        for e in subsidy.EDITIONS
    )
    monkeypatch.setattr(subsidy, "EDITIONS", evolved)
    after = rules_markdown()
    assert after != before
    section = after[after.index("### FY2019") :].split("### FY2020", 1)[0]
    assert "| annual cap | ¥40,000 |" in section
    assert "| FY2019 | 50% | ¥40,000 |" in after  # the overview row too


def test_changing_the_real_booking_limit_changes_the_page(monkeypatch):
    from jetrules import booking

    before = rules_markdown()
    assert "## `jetrules.booking`" in before
    evolved = tuple(
        attrs.evolve(e, yearly_session_limit=8) if e.fiscal_year == FiscalYear(2020) else e
        for e in booking.EDITIONS
    )
    monkeypatch.setattr(booking, "EDITIONS", evolved)
    after = rules_markdown()
    section = after[after.index("## `jetrules.booking`") :]
    section = section[section.index("### FY2020") :].split("### FY2023", 1)[0]
    assert "| yearly session limit | 8 |" in section
    assert (
        before.count("| yearly session limit | 7 |")
        == after.count("| yearly session limit | 7 |") + 1
    )


def test_the_threads_section_shows_every_web_mail_edition():
    page = rules_markdown()
    section = page[page.index("## `jetrules.threads`") : page.index("## `jetrules.booking`")]
    assert "| FY2021 | no published terms |" in section  # the gap is shown, not filled
    for year in ("FY2019", "FY2020", "FY2023"):
        assert f"### {year} " in section
    assert section.count("| line limit | 30 |") == 3
    assert section.count("| replies per thread | 3 |") == 3
    assert section.count("| reply business days | 3 |") == 3
    assert "| languages | en, ja |" in section
    assert "| threads per participant | unlimited (無制限) |" in section
    assert "While you can only have 3 replies on a single thread" in section


def test_changing_the_real_web_mail_line_limit_changes_the_page(monkeypatch):
    from jetrules import threads

    before = rules_markdown()
    evolved = tuple(
        attrs.evolve(e, line_limit=40) if e.fiscal_year == FiscalYear(2020) else e
        for e in threads.EDITIONS
    )
    monkeypatch.setattr(threads, "EDITIONS", evolved)
    after = rules_markdown()
    section = after[after.index("## `jetrules.threads`") : after.index("## `jetrules.booking`")]
    fy2020 = section[section.index("### FY2020") :].split("### FY2023", 1)[0]
    assert "| line limit | 40 |" in fy2020
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
