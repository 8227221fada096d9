"""The calendar's behaviours no other test pinned: each fails when the gap is reintroduced.

A mutation run (issue 15) changed these without any test failing: a closure over a working day,
the first and last days of the range, the closed day right before a due date, counts given as an
``IntEnum``, an unpredicted ``休日`` in a loaded official list, and a deadline's Japanese words.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib.resources

import pendulum
import pytest

from jetrules._calendar import holiday_rules as _rules
from jetrules._calendar import official as _official
from jetrules._calendar import table as _table
from jetrules._calendar.open_days import OpenDays
from jetrules._calendar.rules_tables import calendar_section
from jetrules._calendar.table import HolidayTable
from jetrules._labels import Label
from jetrules.calendar import (
    FIRST_DAY,
    LAST_DAY,
    SERVICE_CALENDAR,
    BusinessCalendar,
    HolidayKind,
    deadline,
    load_official_holidays,
)
from jetrules.errors import InvalidInput, InvalidRecords, OutOfRange, WrongType

D = pendulum.Date


# -- closures and working days on the same day ---------------------------------------------------
# BusinessCalendar.with_closures: "A copy that is also closed on *days* (which stop being working
# days)"; with_working_days: "open on *days*, whatever would close them". The later call wins.


def test_a_closure_after_a_working_day_closes_it():
    cal = SERVICE_CALENDAR.with_working_days("2019-12-27").with_closures("2019-12-27")
    assert cal.is_business_day("2019-12-27") is False
    assert cal.closure_reason("2019-12-27").en == "closure added to the calendar"
    assert D(2019, 12, 27) in cal.closures
    assert D(2019, 12, 27) not in cal.working_days
    assert cal.add_business_days("2019-12-26", 1) == D(2020, 1, 6)


def test_a_working_day_after_a_closure_opens_it():
    cal = SERVICE_CALENDAR.with_closures("2019-12-27").with_working_days("2019-12-27")
    assert cal.is_business_day("2019-12-27") is True
    assert cal.closure_reason("2019-12-27") is None
    assert (cal.closures, cal.working_days) == (frozenset(), frozenset({D(2019, 12, 27)}))


def test_a_closure_after_a_working_saturday_closes_it_as_a_saturday():
    cal = SERVICE_CALENDAR.with_working_days("2019-12-28").with_closures("2019-12-28")
    assert cal.is_business_day("2019-12-28") is False
    assert cal.closure_reason("2019-12-28").en == "Saturday"  # the weekday is named first


def test_closures_and_working_days_keep_the_other_days():
    cal = SERVICE_CALENDAR.with_working_days("2019-12-28", "2019-12-29").with_closures("2019-12-28")
    assert cal.working_days == frozenset({D(2019, 12, 29)})
    assert cal.is_business_day("2019-12-29") is True


# -- the first day of the range ------------------------------------------------------------------


def test_the_first_day_is_a_business_day_of_its_own_range():
    assert D(1948, 7, 20) == FIRST_DAY  # a Tuesday, the day the Act came into force
    assert list(SERVICE_CALENDAR.business_days(FIRST_DAY, FIRST_DAY)) == [FIRST_DAY]
    assert [d.day for d in SERVICE_CALENDAR.business_days(FIRST_DAY, "1948-07-26")] == [
        20,
        21,
        22,
        23,
        26,
    ]
    assert SERVICE_CALENDAR.is_business_day(FIRST_DAY)
    assert SERVICE_CALENDAR.business_days_between(FIRST_DAY, FIRST_DAY) == 0
    assert SERVICE_CALENDAR.business_days_between(FIRST_DAY, "1948-07-21") == 1
    assert SERVICE_CALENDAR.add_business_days(FIRST_DAY, 0) == FIRST_DAY
    assert SERVICE_CALENDAR.next_business_day(FIRST_DAY) == D(1948, 7, 21)
    assert SERVICE_CALENDAR.add_business_days("1948-07-21", -1) == FIRST_DAY


def test_business_days_of_one_day_are_that_day_or_none():
    assert list(SERVICE_CALENDAR.business_days("2019-12-27", "2019-12-27")) == [D(2019, 12, 27)]
    assert list(SERVICE_CALENDAR.business_days("2019-12-28", "2019-12-28")) == []
    assert list(SERVICE_CALENDAR.business_days("2019-12-27", "2019-12-26")) == []


def test_nothing_comes_before_the_first_day():
    with pytest.raises(OutOfRange) as caught:
        SERVICE_CALENDAR.add_business_days(FIRST_DAY, -1)
    assert (caught.value.field, caught.value.value) == ("n", -1)
    assert "counting from 1948-07-20" in caught.value.rule


# -- the last days of 2150 -----------------------------------------------------------------------


def test_the_last_business_days_of_the_range():
    # 2150-12-24 Thu, 25 Fri, 26-27 weekend, 28 Mon, 29-31 the year-end closure
    assert D(2150, 12, 31) == LAST_DAY
    assert list(SERVICE_CALENDAR.business_days("2150-12-24", LAST_DAY)) == [
        D(2150, 12, 24),
        D(2150, 12, 25),
        D(2150, 12, 28),
    ]
    assert SERVICE_CALENDAR.previous_business_day(LAST_DAY) == D(2150, 12, 28)
    assert SERVICE_CALENDAR.add_business_days(LAST_DAY, 0) == D(2150, 12, 28)
    assert SERVICE_CALENDAR.add_business_days("2150-12-25", 1) == D(2150, 12, 28)
    assert SERVICE_CALENDAR.next_business_day("2150-12-27") == D(2150, 12, 28)
    assert SERVICE_CALENDAR.business_days_between("2150-12-24", LAST_DAY) == 2
    assert SERVICE_CALENDAR.business_days_between("2150-12-28", LAST_DAY) == 0
    assert SERVICE_CALENDAR.business_days_between(LAST_DAY, "2150-12-24") == -2
    assert not SERVICE_CALENDAR.is_business_day(LAST_DAY)
    assert SERVICE_CALENDAR.closure_reason(LAST_DAY).en.startswith("year-end closure")


def test_business_days_run_on_into_the_last_year():
    """Mutation run of _calendar/open_days.py: dates_between stopped a year short of 2150."""
    # 27-28 December 2149 a weekend, the year-end closure to 3 January, then Sunday 4 January
    assert [str(d) for d in SERVICE_CALENDAR.business_days("2149-12-24", "2150-01-08")] == [
        "2149-12-24",
        "2149-12-25",
        "2149-12-26",
        "2150-01-05",
        "2150-01-06",
        "2150-01-07",
        "2150-01-08",
    ]


def test_a_years_tables_are_built_once():
    """Mutation run of _calendar/open_days.py: OpenDays.year rebuilt the tables at every call.

    docs/design.md: tables are built once, lazily; a business calendar's open days are one.
    """
    days = OpenDays(HolidayTable(), frozenset({5, 6}), True, frozenset(), frozenset())
    table = days.year(2019)
    assert days.year(2019) is table
    assert days.locate("2019-05-07", "day") == (table, 126)
    assert days.year(2020) is not table


def test_nothing_comes_after_the_last_business_day():
    with pytest.raises(OutOfRange) as caught:
        SERVICE_CALENDAR.add_business_days("2150-12-28", 1)
    assert (caught.value.field, caught.value.value) == ("n", 1)
    assert caught.value.rule.endswith("counting from 2150-12-28")
    with pytest.raises(OutOfRange) as caught:
        SERVICE_CALENDAR.next_business_day("2150-12-28")
    assert (caught.value.field, caught.value.value) == ("day", "2150-12-28")


def test_deadlines_up_to_the_last_business_day():
    due = deadline("2150-12-24T10:00+09:00", 2)
    assert (due.due_date, due.due_by) == (
        D(2150, 12, 28),
        pendulum.datetime(2150, 12, 29, tz="Asia/Tokyo"),
    )
    assert [c.date.day for c in due.pushed_by] == [26, 27]
    assert deadline("2150-12-25T10:00+09:00", 1).due_date == D(2150, 12, 28)
    assert deadline("2150-12-28T10:00+09:00", 0).due_date == D(2150, 12, 28)
    with pytest.raises(OutOfRange) as caught:
        deadline("2150-12-25T10:00+09:00", 2)
    assert (caught.value.field, caught.value.value) == ("business_days", 2)


# -- the closed days that push a deadline, up to the day before it is due -------------------------


def test_pushed_by_runs_to_the_closed_day_right_before_the_due_date():
    # received Friday 26 April 2019, one business day: Golden Week closes every day to 6 May
    due = deadline("2019-04-26T10:00+09:00", 1)
    assert due.due_date == D(2019, 5, 7)
    assert [(c.date.day, c.reason.en) for c in due.pushed_by] == [
        (27, "Saturday"),
        (28, "Sunday"),
        (29, "Showa Day"),
        (30, "Citizens' holiday"),
        (1, "Enthronement of Emperor Naruhito"),
        (2, "Citizens' holiday"),
        (3, "Constitution Memorial Day"),
        (4, "Greenery Day"),
        (5, "Children's Day"),
        (6, "Substitute holiday"),
    ]


def test_pushed_by_starts_on_the_day_received_when_it_is_closed():
    due = deadline("2019-12-28T10:00+09:00", 1)
    assert due.counted_from == D(2020, 1, 6)
    assert due.due_date == D(2020, 1, 7)
    assert due.pushed_by[0].date == D(2019, 12, 28)
    assert due.pushed_by[-1].date == D(2020, 1, 5)
    assert len(due.pushed_by) == 9


def test_nothing_pushes_a_deadline_of_open_days():
    assert deadline("2019-12-23T10:00+09:00", 3).pushed_by == ()
    assert deadline("2019-12-23T10:00+09:00", 0).due_date == D(2019, 12, 23)


# -- counts given as an IntEnum ------------------------------------------------------------------


class Days(enum.IntEnum):
    ZERO = 0
    ONE = 1
    THREE = 3
    BACK = -1


def test_an_int_enum_counts_as_its_int():
    cal = SERVICE_CALENDAR
    assert cal.add_business_days("2019-12-27", Days.ONE) == D(2020, 1, 6)
    assert cal.add_business_days("2020-01-06", Days.BACK) == D(2019, 12, 27)
    assert cal.add_business_days("2019-12-28", Days.ZERO) == D(2019, 12, 27)
    due = deadline("2019-12-27T10:00+09:00", Days.THREE)
    assert due.due_date == deadline("2019-12-27T10:00+09:00", 3).due_date == D(2020, 1, 8)
    assert due.business_days == 3


# -- an unpredicted 休日 in a loaded official list -------------------------------------------------
# kind_of_unnamed_rest_day: a substitute holiday "when the national holidays right before it run
# back to a Sunday", a citizens' holiday otherwise.


def _loaded(*rows: str):
    text = "国民の祝日・休日月日,国民の祝日・休日名称\r\n" + "\r\n".join(rows) + "\r\n"
    return load_official_holidays(text.encode("cp932"))


def test_a_rest_day_after_several_holidays_from_a_sunday_is_a_substitute():
    # 15 September 2030 is a Sunday; no rule predicts holidays on these days
    table = _loaded(
        "2030/9/15,敬老の日", "2030/9/16,秋分の日", "2030/9/17,文化の日", "2030/9/18,休日"
    )
    rest = table.holiday_on("2030-09-18")
    assert (rest.kind, rest.name_en, rest.label.ja) == (
        HolidayKind.SUBSTITUTE,
        "Substitute holiday",
        "休日（振替休日）",
    )
    assert rest.provisional is False


def test_a_special_day_in_the_run_counts_as_a_holiday():
    table = _loaded("2030/9/15,敬老の日", "2030/9/16,即位礼正殿の儀", "2030/9/17,休日")
    assert table.holiday_on("2030-09-16").kind is HolidayKind.SPECIAL
    assert table.holiday_on("2030-09-17").kind is HolidayKind.SUBSTITUTE


def test_a_rest_day_after_holidays_not_from_a_sunday_is_a_citizens_holiday():
    # Monday 16 to Wednesday 18 September 2030; Sunday 15 is not a holiday in this list
    table = _loaded("2030/9/16,敬老の日", "2030/9/17,秋分の日", "2030/9/18,休日")
    assert table.holiday_on("2030-09-18").kind is HolidayKind.CITIZENS
    assert table.holiday_on("2030-09-18").name_en == "Citizens' holiday"


def test_a_gap_in_the_run_ends_it():
    # Sunday 15 a holiday, Monday 16 not, Tuesday 17 a holiday, Wednesday 18 a rest day
    table = _loaded("2030/9/15,敬老の日", "2030/9/17,秋分の日", "2030/9/18,休日")
    assert table.holiday_on("2030-09-18").kind is HolidayKind.CITIZENS


def test_a_rest_day_right_after_a_sunday_holiday_is_a_substitute():
    table = _loaded("2030/9/15,敬老の日", "2030/9/16,休日")
    assert table.holiday_on("2030-09-16").kind is HolidayKind.SUBSTITUTE


# -- a deadline's words in Japanese --------------------------------------------------------------


def test_the_japanese_counting_note_of_a_deadline():
    late = deadline("2019-12-23T17:01+09:00", cutoff=dt.time(17, 0))
    assert late.after_cutoff
    assert late.counted_from == D(2019, 12, 24)
    assert late.counting_note.ja == "締切時刻17:00より後の受信のため翌営業日から起算"
    assert late.counting_note.render("ja") == late.counting_note.ja
    seconds = deadline("2019-12-23T17:01+09:00", cutoff=dt.time(17, 0, 30))
    assert seconds.counting_note.ja == "締切時刻17:00:30より後の受信のため翌営業日から起算"
    assert seconds.counting_note.en.startswith("received after the 17:00:30 cut-off")


def test_a_deadline_without_a_cutoff_says_nothing_of_one():
    assert deadline("2019-12-23T23:59+09:00").counting_note is None
    on_time = deadline("2019-12-23T17:00+09:00", cutoff=dt.time(17, 0))
    assert (on_time.after_cutoff, on_time.counting_note) == (False, None)
    closed = deadline("2019-12-28T18:00+09:00", cutoff=dt.time(17, 0))
    assert (closed.after_cutoff, closed.counting_note) == (False, None)


def test_the_closed_days_of_a_deadline_in_japanese():
    pushed = deadline("2019-12-27T10:00+09:00").pushed_by
    assert [c.render("ja") for c in pushed[:5]] == [
        "2019-12-28 (土曜日)",
        "2019-12-29 (年末年始の休日（12月29日から1月3日）)",
        "2019-12-30 (年末年始の休日（12月29日から1月3日）)",
        "2019-12-31 (年末年始の休日（12月29日から1月3日）)",
        "2020-01-01 (元日)",
    ]
    assert pushed[-1].render("en") == "2020-01-05 (Sunday)"


def test_lateness_of_an_instant_it_cannot_read_names_the_instant():
    """Mutation run of _calendar/deadlines.py: the field the error names was not pinned."""
    due = deadline("2019-12-27T10:00+09:00")
    with pytest.raises(InvalidInput) as caught:
        due.business_days_late("soon")
    assert (caught.value.field, caught.value.value) == ("instant", "soon")
    assert str(caught.value).startswith("'instant' must be an ISO date-time")


def test_a_value_that_is_no_business_calendar_is_named_with_the_rule():
    """Mutation run of _calendar/business.py: BusinessCalendar.check's error was not pinned."""
    with pytest.raises(WrongType) as caught:
        BusinessCalendar.check("service")
    assert (caught.value.field, caught.value.rule, caught.value.value) == (
        "calendar",
        "must be a BusinessCalendar",
        "service",
    )
    assert str(caught.value) == "'calendar' must be a BusinessCalendar (got 'service')"
    with pytest.raises(WrongType, match=r"^'office' must be a BusinessCalendar"):
        BusinessCalendar.check(None, "office")


@pytest.mark.parametrize("received", ["1948-07-19T10:00+09:00", "2150-12-31T10:00+09:00"])
def test_a_message_received_outside_the_calendar_names_received_at(received):
    with pytest.raises(OutOfRange) as caught:
        deadline(received)
    assert caught.value.field == "received_at"


# -- the Act's tables: their rows, built at import ------------------------------------------------
# NATIONAL_HOLIDAYS and ONE_OFF_DAYS are built once, when holiday_rules is imported: a mutation
# run credits calls made while the tests are collected to the first test of the session only, so
# these tests build rows themselves, as the tables do, and read every field the rules page prints.


def test_a_national_holiday_row_takes_its_english_name_years_and_act():
    """Mutation run of _calendar/holiday_rules.py: _holiday's arguments were not pinned."""
    row = _rules._holiday("海の日", _rules.Fixed(7, 20), (1996, 2002), "1995 amendment")
    assert (row.name.en, row.name.ja, row.rule, row.first_year, row.last_year, row.enacted_by) == (
        "Marine Day",
        "海の日",
        _rules.Fixed(7, 20),
        1996,
        2002,
        "1995 amendment",
    )
    assert row in _rules.NATIONAL_HOLIDAYS
    assert _rules._holiday("山の日", _rules.Fixed(8, 11), (2016, None), "2014 amendment") == (
        _rules.NationalHoliday(
            Label(en="Mountain Day", ja="山の日"), _rules.Fixed(8, 11), 2016, None, "2014 amendment"
        )
    )


def test_a_one_off_day_row_takes_its_names_and_act():
    """Mutation run of _calendar/holiday_rules.py: _one_off's arguments were not pinned."""
    row = _rules._one_off(dt.date(2019, 5, 1), "special act of 2018")
    assert (row.date, row.name, row.generic_en, row.enacted_by) == (
        dt.date(2019, 5, 1),
        Label(en="Enthronement of Emperor Naruhito", ja="休日（祝日扱い）"),
        "Day treated as a national holiday",
        "special act of 2018",
    )
    assert row in _rules.ONE_OFF_DAYS


@pytest.mark.parametrize("rules", [_rules.SUBSTITUTE_RULES, _rules.CITIZENS_RULES])
def test_a_day_rule_is_in_force_from_its_first_day_to_its_last(rules):
    """Mutation run of _calendar/holiday_rules.py: the bounds of DayRule.applies_on."""
    old, new = rules
    one_day = dt.timedelta(days=1)
    assert not old.applies_on(old.in_force_from - one_day)
    assert old.applies_on(old.in_force_from)
    assert old.applies_on(old.in_force_to)
    assert not old.applies_on(old.in_force_to + one_day)
    assert (new.in_force_from, new.in_force_to) == (dt.date(2007, 1, 1), None)
    assert not new.applies_on(new.in_force_from - one_day)
    assert new.applies_on(new.in_force_from)
    assert new.applies_on(LAST_DAY)


# -- the Cabinet Office's list as read ------------------------------------------------------------


def test_text_csv_cannot_read_is_refused_with_what_csv_says():
    """Mutation run of _calendar/official.py: the text after "not valid CSV" was not pinned."""
    with pytest.raises(InvalidRecords) as caught:
        load_official_holidays(b'date,name\n"2030-01-01"x,y\n')
    assert caught.value.lines() == ("<bytes>: line 2: not valid CSV: ',' expected after '\"'",)


def test_a_wrong_header_is_refused_naming_both_headers_it_takes():
    """Mutation run of _calendar/official.py: the headers the message names were not pinned."""
    with pytest.raises(InvalidRecords) as caught:
        load_official_holidays(b"day,holiday\n2030-01-01,x\n")
    assert caught.value.lines() == (
        "<bytes>: line 1: the header must be 国民の祝日・休日月日,国民の祝日・休日名称 "
        "or date,name (got 'day,holiday')",
    )


def test_every_bad_line_of_a_list_is_reported_in_full():
    """Mutation run of _calendar/official.py: lines after a bad one, and the messages' values."""
    text = (
        b"date,name\n"
        b"2030-01-01\n"  # line 2: reading goes on after a line of the wrong width
        b"2030-13-01,x\n"
        b"2030-01-01,a,b\n"
        b"1948-07-19,x\n"
        b"2151-01-01,y\n"
        b"2030-01-02,z\n"
        b"\n"
        b"2030/1/2,w\n"
    )
    with pytest.raises(InvalidRecords) as caught:
        load_official_holidays(text)
    assert caught.value.lines() == (
        "<bytes>: line 2: has 1 cells; expected 2 (date, name)",
        "<bytes>: line 3: 'date' must be a date such as 2019/5/1 (got '2030-13-01')",
        "<bytes>: line 4: has 3 cells; expected 2 (date, name)",
        "<bytes>: line 5: 'date' must be from 1948-07-20 to 2150-12-31 (got '1948-07-19')",
        "<bytes>: line 6: 'date' must be from 1948-07-20 to 2150-12-31 (got '2151-01-01')",
        "<bytes>: line 9: 'date' 2030-01-02 is listed twice (first on line 7)",
    )


def test_a_list_may_name_the_first_and_the_last_day_of_the_range():
    table = load_official_holidays("date,name\n1948-07-20,祝\n2150-12-31,祝\n".encode())
    assert [h.date for h in table.holidays_in(1948)] == [FIRST_DAY]
    assert [h.date for h in table.holidays_in(2150)] == [LAST_DAY]


def test_a_list_of_bare_carriage_returns_is_read_by_csv():
    """Mutation run of _calendar/official.py: which text is split without the csv module.

    Only text without quotes or carriage returns is split at its newlines; a list whose lines end
    with a bare CR goes to the csv module, which reads it line by line (split at newlines, it
    would be one line with a wrong header). It was refused with csv's own hint on newlines.
    """
    bare = load_official_holidays("date,name\r2030-01-01,元日\r2030-01-02,x\r".encode())
    assert [(h.date, h.name_ja) for h in bare.holidays_in(2030)][:1] == [(D(2030, 1, 1), "元日")]
    with pytest.raises(InvalidRecords) as caught:
        load_official_holidays("date,name\r2030-01-01,元日\r2030-13-01,x\r".encode())
    assert [line.split(": ")[1] for line in caught.value.lines()] == ["line 3"]
    crlf = load_official_holidays("date,name\r\n2030-01-01,元日\r\n".encode())
    assert [(h.date, h.name_ja) for h in crlf.holidays_in(2030)] == [(D(2030, 1, 1), "元日")]


def test_a_quoted_name_is_read_as_written_its_line_breaks_too():
    """Mutation run of _calendar/official.py: the csv module reads the text untranslated.

    Read with universal newlines (``newline=None``), a quoted CR LF or CR inside a name would
    become LF: the name would differ from the list's.
    """
    text = 'date,name\r\n2030-01-01,"元\r\n日"\r\n2030-01-02,"a\rb"\r\n'
    table = load_official_holidays(text.encode())
    assert [(h.date, h.name_ja) for h in table.holidays_in(2030)][:2] == [
        (D(2030, 1, 1), "元\r\n日"),
        (D(2030, 1, 2), "a\rb"),
    ]


def test_the_bundled_list_by_year_and_whole():
    """Mutation run of _calendar/official.py: bundled_year and bundled_rows were not called."""
    assert _official.bundled_year(2019)[:2] == (
        (D(2019, 1, 1), "元日"),
        (D(2019, 1, 14), "成人の日"),
    )
    assert _official.bundled_year(2027)[-1] == (D(2027, 11, 23), "勤労感謝の日")
    assert _official.bundled_year(1950) is None
    assert _official.bundled_year(2028) is None
    whole = _official.bundled_rows()
    assert (len(whole), whole[0], whole[-1]) == (
        1067,
        (D(1955, 1, 1), "元日"),
        (D(2027, 11, 23), "勤労感謝の日"),
    )
    assert whole == tuple(row for year in range(1955, 2028) for row in _official.bundled_year(year))


def test_the_bundled_list_is_read_from_its_file_when_it_is_there(monkeypatch):
    """Mutation run of _calendar/official.py: the file, not importlib.resources, when present."""

    def unwanted(package: str) -> None:
        raise AssertionError(f"importlib.resources asked for {package}")

    monkeypatch.setattr(importlib.resources, "files", unwanted)
    data = _official._bundled_bytes()
    assert data.startswith("date,name\n1955-01-01,元日\n".encode())


def test_the_bundled_list_is_read_through_importlib_resources_without_its_file(
    monkeypatch, tmp_path
):
    """Mutation run of _calendar/official.py: a zipped package reads the list as a resource."""
    with open(_official._BUNDLED_PATH, "rb") as file:
        expected = file.read()
    monkeypatch.setattr(_official, "_BUNDLED_PATH", str(tmp_path / "no-such.csv"))
    assert _official._bundled_bytes() == expected


def test_a_source_that_is_no_path_nor_bytes_is_named_with_its_value():
    """Mutation run of _calendar/official.py: the value read_official's error names."""
    with pytest.raises(WrongType) as caught:
        load_official_holidays(2030)
    assert (caught.value.field, caught.value.rule, caught.value.value) == (
        "source",
        "must be a path or the list's bytes",
        2030,
    )
    assert str(caught.value) == "'source' must be a path or the list's bytes (got 2030)"


# -- holiday tables -------------------------------------------------------------------------------


def test_official_rows_that_are_no_collection_are_named_with_their_value():
    """Mutation run of _calendar/table.py: the value and field of HolidayTable's row errors."""
    with pytest.raises(WrongType) as caught:
        HolidayTable(official="2030-01-01,元日")
    assert (caught.value.field, caught.value.value) == ("official", "2030-01-01,元日")
    assert str(caught.value) == (
        "'official' must be a collection of (date, name) pairs (got '2030-01-01,元日')"
    )
    with pytest.raises(InvalidInput) as caught:
        HolidayTable(official=[("2030-01-01", "元日"), ("2030-13-01", "x")])
    assert (caught.value.field, caught.value.value) == ("official", "2030-13-01")
    assert str(caught.value).startswith("'official' must be an ISO date")


def test_a_tables_year_is_its_holidays_and_their_dates():
    """Mutation run of _calendar/table.py: HolidayTable._year (no caller in src/ but the tests)."""
    holidays, by_date = HolidayTable()._year(2019)
    assert holidays == HolidayTable().holidays_in(2019)
    assert by_date[D(2019, 5, 1)].name_en == "Enthronement of Emperor Naruhito"


def test_a_tables_years_are_resolved_once():
    """Mutation run of _calendar/table.py: ResolvedYears re-resolved a year at every question.

    docs/design.md: tables are built once, lazily; a holiday table's resolved years are one.
    """
    for table in (HolidayTable(), _loaded("2030/1/1,元日", "2030/1/14,成人の日")):
        for year in (2019, 2030, 2031):
            assert table.holidays_in(year) is table.holidays_in(year)
            assert table.holiday_dates(year) is table.holiday_dates(year)
        assert table.holiday_dates(2030) == {h.date for h in table.holidays_in(2030)}


def test_the_bundled_table_answers_from_the_bundled_list_not_the_rules(monkeypatch):
    """Mutation run of _calendar/table.py: the bundled table asked the rules for listed years.

    The bundled list and the rules agree on every listed day, so a list standing in for the
    bundled one tells the two apart: the years it covers come from it.
    """
    listed = {2019: ((D(2019, 1, 1), "元日"), (D(2019, 7, 1), "休日"))}
    monkeypatch.setattr(_table, "bundled_year", listed.get)
    table = HolidayTable()
    assert [(h.date, h.name_en, h.kind) for h in table.holidays_in(2019)] == [
        (D(2019, 1, 1), "New Year's Day", HolidayKind.NATIONAL),
        (D(2019, 7, 1), "Citizens' holiday", HolidayKind.CITIZENS),
    ]
    assert table.holiday_dates(2019) == {D(2019, 1, 1), D(2019, 7, 1)}
    assert table.holiday_on("2019-05-01") is None
    assert len(table.holidays_in(2020)) == 18  # a year the stand-in leaves out: the rules


def test_a_year_that_is_no_int_is_named_with_its_value():
    """Mutation run of _calendar/span.py: the value known_year's type error names."""
    with pytest.raises(WrongType) as caught:
        HolidayTable().holidays_in("2019")
    assert (caught.value.field, caught.value.rule, caught.value.value) == (
        "year",
        "must be an int such as 2019",
        "2019",
    )
    assert str(caught.value) == "'year' must be an int such as 2019 (got '2019')"


# -- the calendar's section of the "Rules and sources" page ---------------------------------------


def _blocks(page: str) -> list[str]:
    return page.split("\n\n")


def test_the_rules_page_section_reads_as_written():
    """Mutation run of _calendar/rules_tables.py: the section's words were not pinned."""
    blocks = _blocks(calendar_section())
    prose = [block for block in blocks if not block.startswith(("|", "- ", "Source"))]
    assert prose == [
        "## `jetrules.calendar`",
        "Fiscal years, Japanese national holidays, business days and reply deadlines. The tables "
        "below are the rules the calendar applies, read from its own rule data.",
        "### Service calendar (`SERVICE_CALENDAR`)",
        "Reply deadlines count business days: the office is closed on these days.",
        "### National holidays",
        "Supported range: 1948-07-20 (the Act in force) to 2150-12-31; other days raise "
        "`OutOfRange`. The Cabinet Office's list bundled with jetrules overrides the rules for the "
        "years it covers, up to 2027; holidays after 2027 are provisional (the rules' prediction) "
        "until a newer list is loaded. A rule whose *to* reads *in force* applies through 2150.",
        "### Substitute holidays (振替休日)",
        "### Citizens' holidays (国民の休日)",
        "### One-off days",
        "Each made a holiday by its own act. In a loaded list, the same ceremony on another date "
        "is a special holiday with the generic name.",
        "### Olympic moves",
        "### Equinox days",
        "day = floor(constant + 0.242194 × (year − 1980)) − floor((year − 1980) / 4), with the "
        "constants of the year's period. The Observatory fixes each equinox every February; later "
        "days are provisional.",
    ]
    sources = [block for block in blocks if block.startswith(("- ", "Source"))]
    assert sources == [
        "Source:",
        "- Act on Holidays of Administrative Organs (行政機関の休日に関する法律), "
        "Act No. 91 of 1988",
        "Sources:",
        "- Act on National Holidays (国民の祝日に関する法律), Act No. 178 of 1948, and its "
        "amendments\n- [Cabinet Office, 国民の祝日・休日 (syukujitsu.csv), updated each February]"
        "(https://www8.cao.go.jp/chosei/shukujitsu/syukujitsu.csv)",
    ]


def test_the_rules_page_tables_hold_every_rule_in_its_columns():
    """Mutation run of _calendar/rules_tables.py: each table's columns and rows."""
    tables = [block.splitlines() for block in _blocks(calendar_section()) if block[0] == "|"]
    assert [table[0] for table in tables] == [
        "| closed on | 休業日 |",
        "| holiday | 祝日 | date rule | from | to | enacted by |",
        "| rule | 規定 | from | to | enacted by |",
        "| rule | 規定 | from | to | enacted by |",
        "| date | name | 名称 | generic name | enacted by |",
        "| year | holiday | 祝日 | moved to | enacted by |",
        "| from | to | vernal constant (March) | autumnal constant (September) |",
    ]
    service, national, substitute, citizens, one_off, olympic, equinox = (t[2:] for t in tables)
    assert service == [
        "| Saturday | 土曜日 |",
        "| Sunday | 日曜日 |",
        "| national holidays (every kind below) | 国民の祝日・休日（下記のすべて） |",
        "| year-end closure, 29 December to 3 January | 年末年始の休日（12月29日から1月3日） |",
    ]
    assert national == [
        f"| {h.name.en} | {h.name.ja} | {h.rule.label.en} ({h.rule.label.ja}) | {h.first_year} | "
        f"{h.last_year or 'in force'} | {h.enacted_by} |"
        for h in _rules.NATIONAL_HOLIDAYS
    ]
    assert national[1] == (
        "| Coming of Age Day | 成人の日 | 15 January (1月15日) | 1948 | 1999 | "
        "Act No. 178 of 1948 |"
    )
    for rows, rules in ((substitute, _rules.SUBSTITUTE_RULES), (citizens, _rules.CITIZENS_RULES)):
        assert rows == [
            f"| {r.rule.en} | {r.rule.ja} | {r.in_force_from} | {r.in_force_to or 'in force'} | "
            f"{r.enacted_by} |"
            for r in rules
        ]
    assert substitute[0] == (
        "| a national holiday on a Sunday makes the next day a holiday | "
        "国民の祝日が日曜日に当たるときは、その翌日を休日とする | 1973-04-12 | 2006-12-31 | "
        "1973 amendment |"
    )
    assert one_off[4] == (
        "| 2019-05-01 | Enthronement of Emperor Naruhito | 休日（祝日扱い） | "
        "Day treated as a national holiday | special act of 2018 |"
    )
    assert len(one_off) == 6
    assert olympic[0] == (
        "| 2020 | Marine Day | 海の日 | 2020-07-23 | "
        "Tokyo 2020 special measures act, as amended in 2018 |"
    )
    assert olympic[-1] == (
        "| 2021 | Mountain Day | 山の日 | 2021-08-08 | "
        "Tokyo 2020 special measures act, as amended in 2020 (the Games postponed) |"
    )
    assert equinox == [
        "| 1948 | 1979 | 20.8357 | 23.2588 |",
        "| 1980 | 2099 | 20.8431 | 23.2488 |",
        "| 2100 | 2150 | 21.8510 | 24.2488 |",
    ]
