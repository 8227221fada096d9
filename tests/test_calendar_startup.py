"""Start-up: importing the calendar builds nothing, and a first answer builds only what it needs.

Each check runs in a fresh interpreter, as a shell command would: what is imported, read and built
is seen in ``sys.modules`` and in the calendar's memos. The times are `make bench`'s
(bench/bench_startup.py, docs/performance.md).
"""

import csv
import io
import json
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules._calendar import official
from jetrules.calendar import HolidayTable

PROBE = """
import json, sys
from jetrules._calendar import official
from jetrules._calendar.table import BUNDLED_TABLE
from jetrules.calendar import SERVICE_CALENDAR, deadline, holiday_on, is_national_holiday


def state():
    return {
        "act": "jetrules._calendar.holiday_rules" in sys.modules,
        "names": "jetrules._calendar.holiday_names" in sys.modules,
        "rules page": "jetrules._calendar.rules_tables" in sys.modules,
        "numpy": "numpy" in sys.modules or "pandas" in sys.modules,
        "resources": "importlib.readers" in sys.modules or "zipfile" in sys.modules,
        "csv, money": sorted({"csv", "jetrules.money", "fractions"} & set(sys.modules)),
        "list read": official._bundled_lines.cache_info().currsize,
        "years parsed": official._bundled_rows_of.cache_info().currsize,
        "years resolved": sorted(BUNDLED_TABLE._resolved._years),
        "year tables": sorted(SERVICE_CALENDAR._days._years),
    }


states = {"import": state()}
"""


def _states(steps: str) -> dict[str, dict[str, object]]:
    """The probe's state after importing the calendar and after each of *steps*."""
    code = PROBE + textwrap.dedent(steps) + "\nprint(json.dumps(states))\n"
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout)


def test_importing_the_calendar_reads_and_builds_nothing():
    assert _states("")["import"] == {
        "act": False,
        "names": False,
        "rules page": False,
        "numpy": False,
        "resources": False,
        "csv, money": [],
        "list read": 0,
        "years parsed": 0,
        "years resolved": [],
        "year tables": [],
    }


def test_a_first_business_day_answer_reads_only_its_years_of_the_list():
    """Counting needs the dates of the list's holidays: no names, so not the Act's tables."""
    states = _states(
        """
        SERVICE_CALENDAR.add_business_days("2019-12-27", 3)
        states["add"] = state()
        SERVICE_CALENDAR.is_business_day("2021-05-05")
        is_national_holiday("2021-05-06"), holiday_on("2021-05-06")
        states["more"] = state()
        """
    )
    assert states["add"] == {
        "act": False,
        "names": False,
        "rules page": False,
        "numpy": False,
        "resources": False,
        "csv, money": [],
        "list read": 1,
        "years parsed": 2,
        "years resolved": [],
        "year tables": [2019, 2020],
    }
    assert states["more"]["act"] is False
    assert states["more"]["years parsed"] == 3
    assert states["more"]["years resolved"] == []


def test_names_come_from_the_names_tables_and_only_other_years_load_the_act():
    states = _states(
        """
        holiday_on("2019-05-01")
        states["a name"] = state()
        deadline("2019-04-27T09:00+09:00")  # Golden Week: ten closed days, each named
        states["golden week"] = state()
        SERVICE_CALENDAR.is_business_day("2030-05-06")
        states["2030"] = state()
        """
    )
    assert states["a name"]["act"] is False
    assert states["a name"]["names"] is True
    assert states["a name"]["years resolved"] == [2019]
    assert states["golden week"]["act"] is False
    assert states["golden week"]["year tables"] == [2019]
    assert states["2030"]["act"] is True  # after the list: the rules compute the year
    assert states["2030"]["years parsed"] == 1


def test_a_first_deadline_names_only_the_closed_days_it_lists():
    states = _states(
        """
        deadline("2019-06-07T10:00+09:00")  # a Friday: only a weekend pushes the due date
        states["weekend"] = state()
        """
    )
    assert states["weekend"]["years resolved"] == []  # a weekend needs no holiday's name
    assert states["weekend"]["act"] is False


def test_the_list_read_a_year_at_a_time_is_the_whole_file_parsed():
    text = official._bundled_bytes().decode("utf-8")
    whole = official.parse_official(text, official.BUNDLED_SOURCE)
    assert official.bundled_rows() == whole
    years = {day.year for day, _ in whole}
    assert all(official.bundled_year(year) == official.by_year(whole)[year] for year in years)
    assert official.bundled_year(min(years) - 1) is None
    assert official.bundled_through() == max(years) == HolidayTable().official_through


def test_a_zipped_package_reads_the_list_through_importlib_resources(monkeypatch, tmp_path):
    data = official._bundled_bytes()
    monkeypatch.setattr(official, "_BUNDLED_PATH", str(tmp_path / "missing.csv"))
    assert official._bundled_bytes() == data


@pytest.mark.parametrize("year", [1955, 2019, 2027])
def test_the_dates_without_names_are_the_holidays_dates(year):
    table = HolidayTable()
    assert table.holiday_dates(year) == {holiday.date for holiday in table.holidays_in(year)}


@given(
    st.lists(
        st.lists(st.text(st.characters(exclude_characters='",\r\n'), max_size=4), max_size=3),
        max_size=5,
    ),
    st.booleans(),
)
def test_a_list_without_quotes_is_split_as_csv_splits_it(rows, final_newline):
    """The first answer reads its year's rows without the csv module, to the same cells."""
    text = "\n".join(",".join(cells) for cells in rows) + ("\n" if final_newline else "")
    reader = csv.reader(io.StringIO(text), strict=True)
    assert list(official._lines(text)) == [(reader.line_num, cells) for cells in reader]


def test_a_quoted_list_is_read_by_csv_with_its_lines():
    text = 'date,name\n2030-01-01,"元日"\n"2030-01-02\n",x\n'
    assert [line for line, _ in official._lines(text)] == [1, 2, 4]
