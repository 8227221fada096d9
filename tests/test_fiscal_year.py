import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import FiscalYear, InvalidInput, OutOfRange, WrongType, Yen
from jetrules.errors import as_written

from strategies import dates, fiscal_years


@pytest.mark.parametrize(
    ("day", "year"),
    [
        ("2019-03-31", 2018),  # last day of FY2018
        ("2019-04-01", 2019),  # first day of FY2019
        ("2020-02-29", 2019),  # leap day belongs to the fiscal year that began the April before
        ("2020-03-31", 2019),  # last day of FY2019
        ("2020-04-01", 2020),
        ("2019-12-31", 2019),  # the calendar year ends mid fiscal year
        ("2020-01-01", 2019),
    ],
)
def test_of_at_the_edges(day, year):
    assert FiscalYear.of(day) == FiscalYear(year)
    assert FiscalYear.of(dt.date.fromisoformat(day)) == FiscalYear(year)
    assert FiscalYear.of(pendulum.Date.fromisoformat(day)) == FiscalYear(year)


def test_start_end_and_names():
    fy = FiscalYear(2019)
    assert (fy.start, fy.end) == (pendulum.Date(2019, 4, 1), pendulum.Date(2020, 3, 31))
    assert (str(fy), repr(fy), fy.render("ja")) == ("FY2019", "FiscalYear(2019)", "2019年度")
    assert fy.label.en == "FY2019"
    assert (fy.next(), fy.previous()) == (FiscalYear(2020), FiscalYear(2018))
    assert FiscalYear(2018) < fy < FiscalYear(2020)
    assert "2020-03-31" in fy
    assert "2020-04-01" not in fy


@pytest.mark.parametrize("text", ["FY2019", "fy2019", "2019", "2019年度", " FY2019 "])
def test_parse(text):
    assert FiscalYear.parse(text) == FiscalYear(2019)


@pytest.mark.parametrize(
    # two digits are refused, not read as the fiscal year 20 (a user meant FY2020); so are five
    "text",
    ["FY", "20x9", "２０１９", "", "FY-1", None, "FY20", "20", "19年度", "FY02019", "FY 2019"],
)
def test_parse_refuses(text):
    with pytest.raises(InvalidInput, match="'fiscal_year'"):
        FiscalYear.parse(text)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (0, OutOfRange),
        (9999, OutOfRange),
        ("2019", WrongType),
        (True, WrongType),
        (2019.0, WrongType),
    ],
)
def test_year_refused(value, error):
    with pytest.raises(error, match="'year'"):
        FiscalYear(value)


def test_a_datetime_is_refused_not_truncated():
    with pytest.raises(WrongType, match="'day'"):
        FiscalYear.of(dt.datetime(2020, 3, 31, 23, 0, tzinfo=dt.UTC))
    with pytest.raises(WrongType, match="'day'"):
        FiscalYear.of(pendulum.datetime(2020, 3, 31))


@given(dates())
def test_every_date_lies_in_exactly_one_fiscal_year(day):
    own = FiscalYear.of(day)
    neighbours = [own.previous(), own, own.next()]
    assert [fy.contains(day) for fy in neighbours] == [False, True, False]
    assert own.start <= day <= own.end


@given(dates(), fiscal_years)
def test_of_agrees_with_contains(day, fy):
    assert fy.contains(day) == (FiscalYear.of(day) == fy)


@given(fiscal_years)
def test_consecutive_years_touch(fy):
    assert fy.next().start == fy.end.add(days=1)
    assert FiscalYear.parse(str(fy)) == fy == FiscalYear.parse(fy.render("ja"))


@given(st.integers(1900, 2200))
def test_length_is_365_or_366_days(year):
    fy = FiscalYear(year)
    assert (fy.end - fy.start).in_days() + 1 in (365, 366)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        ("0001-04-01", 1),  # the first day of the first whole fiscal year
        ("9999-03-31", 9998),  # the last day of the last whole fiscal year
    ],
)
def test_of_at_the_ends_of_the_supported_range(day, year):
    assert FiscalYear.of(day) == FiscalYear(year)


@pytest.mark.parametrize(
    "day",
    [
        "0001-03-31",  # in FY0, which began before the first date Python holds
        "9999-04-01",  # in FY9999, which ends after the last one
        "9999-12-31",
        dt.date(1, 1, 1),
    ],
)
def test_of_names_the_day_and_the_range_not_a_year_the_caller_never_gave(day):
    with pytest.raises(OutOfRange) as error:
        FiscalYear.of(day)
    assert str(error.value) == (
        "'day' must be from 0001-04-01 to 9999-03-31, the days of whole fiscal years "
        f"FY1 to FY9998 (got {as_written(day)})"
    )


@given(fiscal_years, st.integers(1900, 2200))
def test_a_fiscal_year_compares_and_hashes_as_the_int_of_its_year(fy, year):
    # FiscalYear(2019) == 2019 was False: a notebook's [s for s in ledger if s.fiscal_year ==
    # 2019] found nothing, and booking's usage(p, 2020) counted no appointment
    assert (fy == year) == (fy.year == year) == (year == fy)
    assert (fy < year, fy <= year, fy > year, fy >= year) == (
        fy.year < year,
        fy.year <= year,
        fy.year > year,
        fy.year >= year,
    )
    assert hash(fy) == hash(fy.year)
    assert {fy: 1}[fy.year] == 1
    assert sorted([year, fy]) in ([year, fy], [fy, year])


def test_a_fiscal_year_is_no_bool_text_or_amount():
    assert FiscalYear(2019) != "FY2019"  # text is read with FiscalYear.parse
    assert FiscalYear(1) != True  # noqa: E712  (a bool is no year)
    assert FiscalYear(2019) != Yen(2019)
    with pytest.raises(TypeError):
        FiscalYear(2019) < "2020"  # noqa: B015
