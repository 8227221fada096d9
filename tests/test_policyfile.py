"""Reading policy files: each edition with its parameters and provenance; every problem listed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import FiscalYear, InvalidInput, InvalidRecords, Source
from jetrules._kernel.policyfile import bundled_text, parse_editions, parse_sources
from jetrules._kernel.provenance import Origin, SourceBook

SOURCES = """
[source.notice]
title = "A notice"
url = "https://example.org/notice"

[source.wiki]
title = "A wiki"
undated = true

[reading.round-down]
en = "Rounded down."
ja = "切り捨て。"
design = "design.md#rounding"
"""


def _cap(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput.for_field("value", "must be a positive whole number of yen", value)
    return value


SERVICES = {"subsidy": {"annual_cap": _cap, "rounding": str, "claim_deadline": str}}


def _book() -> SourceBook:
    return parse_sources(SOURCES, "sources.toml")


def _problems(text: str) -> list[str]:
    with pytest.raises(InvalidRecords) as caught:
        parse_editions(text, "mine.toml", SERVICES, _book())
    assert caught.value.source == "mine.toml"
    return [str(problem) for problem in caught.value.problems]


def test_sources_and_readings_are_read():
    book = _book()
    assert book.sources["notice"] == Source(title="A notice", url="https://example.org/notice")
    assert book.undated == {"wiki"}
    assert book.readings["round-down"].text.ja == "切り捨て。"
    assert book.readings["round-down"].design == "design.md#rounding"


def test_an_edition_keeps_each_parameters_value_and_provenance():
    records = parse_editions(
        """
        [[subsidy]]
        fiscal_year = 2019
        annual_cap = { value = 30000, source = "notice", quote = "up to ¥30,000" }
        rounding = { value = "down", reading = "round-down" }
        claim_deadline = { value = 2020-04-10, source = "wiki", paraphrase = "by 10 April" }
        """,
        "mine.toml",
        SERVICES,
        _book(),
    )
    (edition,) = records["subsidy"]
    assert edition.fiscal_year == FiscalYear(2019)
    assert edition.file == "mine.toml"
    assert edition.names() == {"annual_cap", "rounding", "claim_deadline"}
    cap = edition.provenance("annual_cap")
    assert (cap.origin, cap.quote, cap.verbatim, cap.undated) == (
        Origin.PUBLISHED,
        "up to ¥30,000",
        True,
        False,
    )
    assert cap.source == Source(title="A notice", url="https://example.org/notice")
    deadline = edition.provenance("claim_deadline")
    assert (deadline.verbatim, deadline.undated) == (False, True)
    assert edition.value("claim_deadline") == "2020-04-10"  # TOML dates reach converters as ISO
    assert edition.provenance("rounding").reading == _book().readings["round-down"]
    with pytest.raises(KeyError):
        edition.parameter("rate")


def test_a_reading_may_stand_without_a_value():
    records = parse_editions(
        '[[subsidy]]\nfiscal_year = 2019\nclaim_deadline = { reading = "round-down" }\n',
        "mine.toml",
        SERVICES,
        _book(),
    )
    assert records["subsidy"][0].value("claim_deadline") is None


def test_a_file_may_define_its_own_sources():
    records = parse_editions(
        """
        [source.mine]
        title = "Our officer's notice"
        [[subsidy]]
        fiscal_year = 2026
        annual_cap = { value = 30000, source = "mine" }
        """,
        "mine.toml",
        SERVICES,
        _book(),
    )
    assert records["subsidy"][0].provenance("annual_cap").source == Source(
        title="Our officer's notice"
    )


def test_editions_come_out_in_year_order():
    text = "".join(
        f'[[subsidy]]\nfiscal_year = {year}\nannual_cap = {{ value = 1, source = "notice" }}\n'
        for year in (2021, 2019, 2020)
    )
    records = parse_editions(text, "mine.toml", SERVICES, _book())
    assert [e.fiscal_year.year for e in records["subsidy"]] == [2019, 2020, 2021]


def test_every_problem_is_listed_with_its_edition_and_key():
    problems = _problems(
        """
        colour = "blue"
        phone = []
        subsidy_x = 3

        [[subsidy]]
        fiscal_year = 2019
        annual_cap = { value = 0, source = "notice" }
        rate = { value = "1/2", source = "notice" }
        rounding = { value = "down", source = "nowhere" }
        claim_deadline = "2020-04-10"

        [[subsidy]]
        fiscal_year = 2019

        [[subsidy]]
        fiscal_year = "2020"

        [[subsidy]]
        fiscal_year = 2020
        annual_cap = { value = 1, reading = "nothing-we-know" }
        rounding = { value = "down", source = "notice", reading = "round-down" }
        claim_deadline = { source = "notice" }

        [[subsidy]]
        fiscal_year = 2021
        annual_cap = { value = 1, source = "notice", quote = "a", paraphrase = "b" }
        rounding = { value = "down", source = "notice", quote = "" }
        claim_deadline = { value = "x", source = "notice", colour = "red" }

        [[subsidy]]
        fiscal_year = 99999
        """
    )
    assert problems == [
        "colour: unknown service 'colour' (known: subsidy, source, reading)",
        "phone: unknown service 'phone' (known: subsidy, source, reading)",
        "subsidy_x: unknown service 'subsidy_x' (known: subsidy, source, reading)",
        "subsidy FY2019, annual_cap: 'annual_cap' must be a positive whole number of yen (got 0)",
        "subsidy FY2019: unknown parameter 'rate' (known: annual_cap, claim_deadline, rounding)",
        "subsidy FY2019, rounding: unknown source 'nowhere'",
        "subsidy FY2019, claim_deadline: must be a table such as "
        "{ value = ..., source = \"KEY\" } (got '2020-04-10')",
        "subsidy FY2019: fiscal_year 2019 has two editions",
        "subsidy edition 3: 'fiscal_year' must be a year such as 2019 (got '2020')",
        "subsidy FY2020, annual_cap: unknown reading 'nothing-we-know'",
        "subsidy FY2020, rounding: needs exactly one of 'source' (a source's key) or 'reading'",
        "subsidy FY2020, claim_deadline: a parameter with a source needs a 'value'",
        "subsidy FY2021, annual_cap: has both 'quote' and 'paraphrase': "
        "a value is one or the other",
        "subsidy FY2021, rounding: 'quote' and 'paraphrase' must be non-empty text (got '')",
        "subsidy FY2021, claim_deadline: unknown key 'colour' "
        "(allowed: paraphrase, quote, reading, source, value)",
        "subsidy edition 6: 'fiscal_year' must be from 1948 to 2150, the years the calendar "
        "covers (got 99999)",
    ]


def test_a_service_that_is_not_an_array_and_an_edition_that_is_not_a_table():
    assert _problems("subsidy = 3\n") == ["subsidy: must be an array of editions [[subsidy]]"]
    assert _problems("subsidy = [3]\n") == ["subsidy edition 1: must be a table"]


def test_text_that_is_not_toml():
    problems = _problems("[[subsidy]\n")
    assert len(problems) == 1
    assert problems[0].startswith("file: is not valid TOML (")


def test_bad_sources_and_readings_are_listed():
    with pytest.raises(InvalidRecords) as caught:
        parse_sources(
            """
            source = 3
            reading = { a = 1 }
            [[subsidy]]
            """,
            "sources.toml",
        )
    assert [str(p) for p in caught.value.problems] == [
        "source: must be tables [source.KEY]",
        "reading a: must be a table (got 1)",
    ]
    with pytest.raises(InvalidRecords) as caught:
        parse_sources(
            """
            colour = "blue"
            [source.a]
            url = "https://example.org"
            author = "me"
            [reading.b]
            en = "English only"
            """,
            "sources.toml",
        )
    assert [str(p) for p in caught.value.problems] == [
        "source a: unknown key 'author' (allowed: title, undated, url)",
        "source a: 'title' must be non-empty text (got '')",
        "reading b: 'ja' must be non-empty text (got '')",
        "colour: unknown key 'colour' (expected source, reading or a service)",
    ]


def test_merged_books_let_the_newer_source_win():
    old = SourceBook(sources={"a": Source(title="old")}, undated=frozenset({"a"}))
    new = SourceBook(sources={"a": Source(title="new")})
    merged = old.merged(new)
    assert merged.sources["a"] == Source(title="new")
    assert merged.undated == frozenset()


def test_bundled_text_reads_the_packages_policy_files():
    assert "[source." in bundled_text("sources")


@given(st.lists(st.integers(1948, 2150), unique=True, max_size=8))
def test_every_edition_written_is_read_once(years):
    """Every edition a file holds comes out exactly once, whatever the order it was written in."""
    text = "".join(
        f'[[subsidy]]\nfiscal_year = {year}\nannual_cap = {{ value = {year}, source = "notice" }}\n'
        for year in years
    )
    records = parse_editions(text, "mine.toml", SERVICES, _book()).get("subsidy", ())
    assert [e.fiscal_year.year for e in records] == sorted(years)
    assert all(e.value("annual_cap") == e.fiscal_year.year for e in records)


@pytest.mark.parametrize("year", [1, 1947, 2151, 9998])
def test_an_edition_for_a_year_the_calendar_does_not_cover_is_a_problem(year):
    # FY2151 (a typo for 2025) and FY1 passed `policy check` as "ok", and could never apply
    text = f'[[subsidy]]\nfiscal_year = {year}\nannual_cap = {{ value = 1, source = "notice" }}\n'
    with pytest.raises(InvalidRecords) as error:
        parse_editions(text, "mine.toml", SERVICES, _book())
    assert error.value.lines() == (
        f"mine.toml: subsidy edition 1: 'fiscal_year' must be from 1948 to 2150, the years the "
        f"calendar covers (got {year})",
    )


def test_an_edition_without_a_parameter_is_a_problem():
    with pytest.raises(InvalidRecords) as error:
        parse_editions("[[subsidy]]\nfiscal_year = 2026\n", "mine.toml", SERVICES, _book())
    assert error.value.lines() == (
        "mine.toml: subsidy FY2026: holds no parameter: give at least one, or leave it out",
    )


def test_the_editions_years_are_the_calendars():
    from jetrules._kernel.policyfile import FIRST_YEAR, LAST_YEAR
    from jetrules.calendar import FIRST_DAY, LAST_DAY

    assert (FIRST_DAY.year, LAST_DAY.year) == (FIRST_YEAR, LAST_YEAR)


def test_a_reading_with_the_words_of_a_source_is_a_problem():
    """A reading is our choice where no source states the value: it quotes nothing."""
    assert _problems(
        """
        [[subsidy]]
        fiscal_year = 2019
        rounding = { value = "down", reading = "round-down", quote = "rounded down" }
        annual_cap = { value = 1, reading = "round-down", paraphrase = "one yen" }
        """
    ) == [
        "subsidy FY2019, rounding: has a 'reading' and the words of a source ('quote' or "
        "'paraphrase'): a reading is our choice where no source states the value; words go with "
        "a 'source'",
        "subsidy FY2019, annual_cap: has a 'reading' and the words of a source ('quote' or "
        "'paraphrase'): a reading is our choice where no source states the value; words go with "
        "a 'source'",
    ]


def test_a_bundled_source_or_reading_given_another_meaning_is_a_problem():
    """One key would cite two sources in one run: a file names a bundled key, or uses its own."""
    assert _problems(
        """
        [source.notice]
        title = "My own notice"

        [reading.round-down]
        en = "Rounded up, in fact."
        ja = "切り上げ。"

        [[subsidy]]
        fiscal_year = 2019
        annual_cap = { value = 1, source = "notice" }
        """
    ) == [
        "source notice: redefines the bundled source 'notice': name it as it is, or give yours "
        "a key of its own",
        "reading round-down: redefines the bundled reading 'round-down': name it as it is, or "
        "give yours a key of its own",
    ]


def test_a_bundled_source_given_again_as_it_is_is_no_problem():
    records = parse_editions(
        '[source.notice]\ntitle = "A notice"\nurl = "https://example.org/notice"\n\n'
        '[[subsidy]]\nfiscal_year = 2019\nannual_cap = { value = 1, source = "notice" }\n',
        "mine.toml",
        SERVICES,
        _book(),
    )
    (edition,) = records["subsidy"]
    assert edition.provenance("annual_cap").source == Source(
        title="A notice", url="https://example.org/notice"
    )
