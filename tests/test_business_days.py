import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import InvalidInput, OutOfRange, WrongType
from jetrules.calendar import (
    SERVICE_CALENDAR,
    BusinessCalendar,
    HolidayKind,
    HolidayTable,
    deadline,
    holiday_on,
    holidays_in,
    is_national_holiday,
    load_official_holidays,
)
from jetrules.text import Label

from strategies import calendar_days, inner_calendar_days

CAL = SERVICE_CALENDAR
N = HolidayKind.NATIONAL
S = HolidayKind.SUBSTITUTE
C = HolidayKind.CITIZENS
X = HolidayKind.SPECIAL

# (day, name in the Cabinet Office list or None, kind, open under SERVICE_CALENDAR)
EDGES = [
    # Golden Week 2019: ten closed days in a row around the enthronement
    ("2019-04-26", None, None, True),  # the Friday before: last business day
    ("2019-04-29", "昭和の日", N, False),  # Showa Day
    ("2019-04-30", "休日", C, False),  # between Showa Day and the enthronement: citizens'
    ("2019-05-01", "休日（祝日扱い）", X, False),  # enthronement day, treated as a holiday
    ("2019-05-02", "休日", C, False),  # between the enthronement and Constitution Day
    ("2019-05-04", "みどりの日", N, False),  # Greenery Day on a Saturday
    ("2019-05-05", "こどもの日", N, False),  # Children's Day on a Sunday...
    ("2019-05-06", "休日", S, False),  # ...so Monday is its substitute
    ("2019-05-07", None, None, True),  # the first business day after the break
    # the enthronement ceremony and the emperors' birthdays
    ("2019-10-22", "休日（祝日扱い）", X, False),  # enthronement ceremony
    ("2018-12-23", "天皇誕生日", N, False),  # Emperor Akihito's last birthday holiday (Sunday)
    ("2018-12-24", "休日", S, False),  # its substitute
    ("2019-12-23", None, None, True),  # no Emperor's Birthday in 2019
    ("2020-02-23", "天皇誕生日", N, False),  # Emperor Naruhito's first, on a Sunday
    ("2020-02-24", "休日", S, False),  # its substitute
    ("2019-02-23", None, None, False),  # not yet a holiday in 2019 (a Saturday)
    # the Olympic moves
    ("2020-07-23", "海の日", N, False),  # Marine Day moved to the eve of the opening
    ("2020-07-24", "スポーツの日", N, False),  # Sports Day on the opening day
    ("2020-08-10", "山の日", N, False),  # Mountain Day after the closing
    ("2020-07-20", None, None, True),  # the third Monday of July 2020 is an ordinary day
    ("2020-08-11", None, None, True),  # so is 11 August 2020
    ("2020-10-12", None, None, True),  # and the second Monday of October 2020
    ("2021-07-22", "海の日", N, False),  # the postponed Games: Marine Day
    ("2021-07-23", "スポーツの日", N, False),  # Sports Day on the opening day
    ("2021-08-08", "山の日", N, False),  # Mountain Day on a Sunday...
    ("2021-08-09", "休日", S, False),  # ...and its substitute
    ("2021-10-11", None, None, True),  # no Sports Day in October 2021
    # the substitute rule: the next day only until 2006, the nearest free day from 2007
    ("1973-02-12", None, None, True),  # 11 Feb 1973 was a Sunday, before the rule began
    ("1973-04-30", "休日", S, False),  # the first substitute holiday
    ("2003-05-06", None, None, True),  # 4 May 2003 Sunday: not a holiday then, no substitute
    ("2006-01-02", "休日", S, False),  # New Year's Day 2006 on a Sunday: next day
    ("2008-05-06", "休日", S, False),  # Greenery Day 2008 on a Sunday: after Children's Day
    ("2009-05-06", "休日", S, False),  # Constitution Day 2009 on a Sunday: two days later
    # citizens' holidays
    ("1985-05-04", None, None, False),  # before the rule (a Saturday)
    ("1987-05-04", "休日", S, False),  # a Monday after a Sunday holiday: a substitute instead
    ("1988-05-04", "休日", C, False),  # the first citizens' holiday between 3 and 5 May
    ("1986-05-04", None, None, False),  # a Sunday between two holidays, before 2007: not one
    ("2009-09-22", "休日", C, False),  # the first Silver Week
    ("2015-09-22", "休日", C, False),  # Silver Week
    ("2026-09-22", "休日", C, False),  # Silver Week
    ("2032-09-21", "休日", C, False),  # Silver Week, still provisional
    # renames, Happy Monday, new days, equinoxes, one-off days
    ("1988-04-29", "天皇誕生日", N, False),  # Emperor Showa's birthday
    ("1989-04-29", "みどりの日", N, False),  # renamed Greenery Day
    ("2007-04-29", "昭和の日", N, False),  # renamed Showa Day
    ("2019-10-14", "体育の日（スポーツの日）", N, False),  # the list names it both ways
    ("1999-01-15", "成人の日", N, False),  # the last fixed Coming of Age Day
    ("2000-01-15", None, None, False),  # from 2000 on the second Monday (a Saturday)
    ("2000-01-10", "成人の日", N, False),  # the first Happy Monday
    ("2015-08-11", None, None, True),  # no Mountain Day before 2016
    ("2016-08-11", "山の日", N, False),  # the first Mountain Day
    ("1975-03-21", "春分の日", N, False),  # equinox before 1980: floor division, not truncation
    ("1959-04-10", "結婚の儀", X, False),  # the Crown Prince's wedding
    ("1989-02-24", "大喪の礼", X, False),  # Emperor Showa's funeral
    ("1990-11-12", "即位礼正殿の儀", X, False),  # enthronement ceremony
    ("1993-06-09", "結婚の儀", X, False),  # the Crown Prince's wedding
    # the year-end closure of government offices
    ("2019-12-27", None, None, True),  # the last business day of 2019
    ("2019-12-30", None, None, False),  # a Monday, closed for the year end
    ("2020-01-03", None, None, False),  # a Friday, closed for the year end
    ("2020-01-06", None, None, True),  # the first business day of 2020
    # the ends of the range
    ("1948-07-20", None, None, True),  # the Act came into force on a Tuesday
    ("1948-09-23", "秋分の日", N, False),  # the first holiday under the Act
    ("2150-12-31", None, None, False),  # the last day known: closed for the year end
]


@pytest.mark.parametrize(("day", "name_ja", "kind", "is_open"), EDGES)
def test_edges(day, name_ja, kind, is_open):
    holiday = holiday_on(day)
    if name_ja is None:
        assert holiday is None
    else:
        assert (holiday.name_ja, holiday.kind) == (name_ja, kind)
    assert CAL.is_business_day(day) is is_open
    assert (CAL.closure_reason(day) is None) is is_open


def test_the_edge_table_is_long_enough():
    assert len(EDGES) >= 40


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        ("2019-04-26", 1, "2019-05-07"),  # Golden Week
        ("2019-05-07", -1, "2019-04-26"),
        ("2019-04-27", 1, "2019-05-07"),  # from a closed day: the first one after
        ("2019-04-27", -1, "2019-04-26"),  # and the first one before
        ("2019-04-27", 0, "2019-04-26"),  # n == 0 on a closed day: the one before (numpy)
        ("2019-04-26", 0, "2019-04-26"),  # n == 0 on a business day: itself
        ("2019-12-27", 1, "2020-01-06"),  # the year end
        ("2020-01-06", -1, "2019-12-27"),
        ("2019-12-23", 3, "2019-12-26"),
        ("2019-01-04", -1, "2018-12-28"),  # backwards over the year end
        ("2019-01-01", 0, "2018-12-28"),  # n == 0 back across a year
        ("1948-07-20", 0, "1948-07-20"),
        ("2150-12-30", -1, "2150-12-28"),
        ("2019-06-03", 245, "2020-06-08"),  # about a year forward (numpy.busday_offset agrees)
        ("2020-06-01", -245, "2019-05-27"),  # and back (numpy, roll="forward", agrees)
    ],
)
def test_add_business_days(day, n, expected):
    assert CAL.add_business_days(day, n) == pendulum.Date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("day", "n"),
    [("2150-12-28", 1), ("1948-07-20", -1), ("2000-01-01", 10**6), ("2000-01-01", -(10**6))],
)
def test_add_business_days_beyond_the_range_is_refused(day, n):
    with pytest.raises(OutOfRange, match="between 1948-07-20 and 2150-12-31"):
        CAL.add_business_days(day, n)


@pytest.mark.parametrize("n", [1.0, "1", True])
def test_n_must_be_an_int(n):
    with pytest.raises(WrongType, match="'n'"):
        CAL.add_business_days("2019-04-26", n)


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.is_business_day("1948-07-19"),
        lambda: CAL.is_business_day("1948-01-01"),
        lambda: CAL.is_business_day("2151-01-01"),
        lambda: CAL.add_business_days("1900-01-01", 1),
        lambda: CAL.business_days_between("2019-01-01", "2200-01-01"),
        lambda: list(CAL.business_days("1948-07-01", "1948-08-01")),
        lambda: CAL.closure_reason("2151-01-01"),
        lambda: CAL.with_closures("2151-01-01"),
        lambda: BusinessCalendar(working_days=["1948-01-01"]),
    ],
)
def test_outside_the_range_is_refused(call):
    with pytest.raises(OutOfRange, match="1948-07-20 to 2150-12-31"):
        call()


RANGE = "1948-07-20 to 2150-12-31, the days the holiday rules cover"
COVERS = "between 1948-07-20 and 2150-12-31, the days the holiday rules cover"
DUE = deadline("2019-01-07T10:00+09:00")


# Every public function and method, at and past the edges: the error names the argument the
# caller gave, the rule it broke and the value exactly as given (one row per argument).
@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        # the last day has no business day after it: 'day' is to blame, not an internal 'n'
        (
            lambda: CAL.next_business_day("2150-12-31"),
            OutOfRange,
            f"'day' must have a business day after it {COVERS} (2150-12-31 is the last) "
            "(got '2150-12-31')",
        ),
        (
            lambda: CAL.previous_business_day("1948-07-20"),
            OutOfRange,
            f"'day' must have a business day before it {COVERS} (1948-07-20 is the first) "
            "(got '1948-07-20')",
        ),
        (
            lambda: CAL.previous_business_day(dt.date(1948, 7, 20)),
            OutOfRange,
            "(got 1948-07-20)",  # a date as a user writes it (text given is quoted)
        ),
        (lambda: CAL.next_business_day("2151-01-01"), OutOfRange, f"'day' must be from {RANGE}"),
        (lambda: CAL.previous_business_day(None), WrongType, "'day' must be a date"),
        # n is the caller's own argument here: a huge n is named with the day counted from
        (
            lambda: CAL.add_business_days("2019-01-01", 10**6),
            OutOfRange,
            f"'n' must keep the result {COVERS}, counting from 2019-01-01 (got 1000000)",
        ),
        (
            lambda: CAL.add_business_days("2019-01-01", -(10**6)),
            OutOfRange,
            f"'n' must keep the result {COVERS}, counting from 2019-01-01 (got -1000000)",
        ),
        (
            lambda: CAL.add_business_days("2151-01-01", 1),
            OutOfRange,
            f"'day' must be from {RANGE} (got '2151-01-01')",
        ),
        (
            lambda: list(CAL.business_days("1900-01-01", "2019-01-01")),
            OutOfRange,
            f"'start' must be from {RANGE} (got '1900-01-01')",
        ),
        (
            lambda: list(CAL.business_days("2019-01-01", "2151-01-01")),
            OutOfRange,
            f"'end' must be from {RANGE} (got '2151-01-01')",
        ),
        (
            lambda: CAL.business_days_between("1948-07-19", "2019-01-01"),
            OutOfRange,
            f"'start' must be from {RANGE} (got '1948-07-19')",
        ),
        (lambda: CAL.business_days_between("2019-01-01", "x"), InvalidInput, "'end' must be"),
        (
            lambda: CAL.closure_reason("2151-01-01"),
            OutOfRange,
            f"'day' must be from {RANGE} (got '2151-01-01')",
        ),
        (lambda: CAL.is_business_day(3), WrongType, "'day' must be a date"),
        (
            lambda: holidays_in(1947),
            OutOfRange,
            f"'year' must be from 1948 to 2150 (from {RANGE}) (got 1947)",
        ),
        (lambda: holidays_in("2019"), WrongType, "'year' must be an int such as 2019"),
        (lambda: holiday_on("2151-01-01"), OutOfRange, f"'day' must be from {RANGE}"),
        (lambda: is_national_holiday("1900-01-01"), OutOfRange, f"'day' must be from {RANGE}"),
        (lambda: CAL.with_closures("2151-01-01"), OutOfRange, f"'days' must be from {RANGE}"),
        (lambda: CAL.with_working_days("x"), InvalidInput, "'days' must be an ISO date"),
        (lambda: deadline("2019-01-07", 1), WrongType, "'received_at' must be an aware"),
        (lambda: DUE.is_met_by("2019-01-07"), WrongType, "'instant' must be an aware"),
        (
            lambda: DUE.business_days_late("2151-01-01T00:00+09:00"),
            OutOfRange,
            "'instant' must be on or before 2150-12-31, the last day the holiday rules cover "
            "(got '2151-01-01T00:00+09:00')",
        ),
        # constructors: each field named, never a bare TypeError or AttributeError
        (lambda: BusinessCalendar(holidays=5), WrongType, "'holidays' must be a HolidayTable"),
        (lambda: BusinessCalendar(weekend=5), WrongType, "'weekend' must be a collection"),
        (lambda: BusinessCalendar(closures="2019-01-07"), WrongType, "'closures' must be a coll"),
        (lambda: BusinessCalendar(working_days=1), WrongType, "'working_days' must be a coll"),
        (lambda: BusinessCalendar(year_end_closure="no"), WrongType, "'year_end_closure' must"),
        (lambda: HolidayTable(official=5), WrongType, "'official' must be a collection"),
        (lambda: HolidayTable(source=5), WrongType, "'source' must be text"),
        (lambda: load_official_holidays(5), WrongType, "'source' must be a path or the list's"),
        (
            lambda: load_official_holidays(b"date,name\n2030-01-01,x\n", base=5),
            WrongType,
            "'base' must be a HolidayTable or None (got 5)",
        ),
    ],
)
def test_every_error_names_the_argument_given_its_rule_and_value(call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert message in str(caught.value)
    assert str(caught.value).startswith("'")  # 'field' first, as every jetrules error


def test_between_counts_business_days_after_start_up_to_end():
    assert CAL.business_days_between("2019-12-27", "2020-01-08") == 3
    assert CAL.business_days_between("2020-01-08", "2019-12-27") == -3
    assert CAL.business_days_between("2019-04-27", "2019-05-06") == 0
    assert CAL.business_days_between("2018-06-01", "2021-06-01") == 725  # numpy.busday_count agrees


def test_business_days_iterates_a_range_across_years():
    days = list(CAL.business_days("2019-12-26", "2020-01-07"))
    assert [d.isoformat() for d in days] == ["2019-12-26", "2019-12-27", "2020-01-06", "2020-01-07"]
    assert all(type(d) is pendulum.Date for d in days)
    assert list(CAL.business_days("2150-12-29", "2150-12-31")) == []
    assert list(CAL.business_days("2019-05-01", "2019-04-01")) == []


def test_closure_reasons():
    assert CAL.closure_reason("2019-05-06") == Label(en="Substitute holiday", ja="休日（振替休日）")
    assert CAL.closure_reason("2020-01-01") == Label(en="New Year's Day", ja="元日")
    assert CAL.closure_reason("2019-12-29").en.startswith("year-end closure")  # also a Sunday
    assert CAL.closure_reason("2019-04-27") == Label(en="Saturday", ja="土曜日")
    assert CAL.closure_reason("2019-04-28").ja == "日曜日"
    extra = CAL.with_closures("2019-04-26")
    assert extra.closure_reason("2019-04-26") == Label(
        en="closure added to the calendar", ja="追加の休業日"
    )
    assert CAL.closure_reason("2019-04-26") is None


def test_closures_and_working_days_override_each_other():
    closed = CAL.with_closures("2019-04-26", dt.date(2019, 4, 25))
    assert not closed.is_business_day("2019-04-26")
    assert closed.add_business_days("2019-04-24", 1) == pendulum.Date(2019, 5, 7)
    reopened = closed.with_working_days("2019-04-26", "2019-05-01")
    assert reopened.is_business_day("2019-04-26")
    assert reopened.is_business_day("2019-05-01")  # a holiday, opened
    assert reopened.closure_reason("2019-05-01") is None
    assert not reopened.is_business_day("2019-04-25")
    assert reopened.with_closures("2019-05-01").closures == frozenset(
        {pendulum.Date(2019, 4, 25), pendulum.Date(2019, 5, 1)}
    )
    assert CAL.is_business_day("2019-04-26")  # the original is unchanged
    assert closed != CAL
    assert BusinessCalendar() == CAL
    assert hash(CAL) == hash(BusinessCalendar())


def test_a_six_day_week_and_no_year_end_closure():
    shop = BusinessCalendar(weekend=[6], year_end_closure=False)
    assert shop.is_business_day("2019-04-27")  # a Saturday
    assert shop.is_business_day("2019-12-30")
    assert not shop.is_business_day("2020-01-01")  # still a national holiday
    assert shop.closure_reason("2019-04-28").en == "Sunday"
    assert shop.closure_reason("2019-12-30") is None
    monday_off = BusinessCalendar(weekend={0})
    assert monday_off.closure_reason("2019-04-22").ja == "月曜日"


@pytest.mark.parametrize(
    ("weekend", "message"),
    [
        (range(7), "at least one weekday open"),
        ([7], "from 0 \\(Monday\\) to 6"),
        ([True], "from 0 \\(Monday\\) to 6"),
        (["sat"], "from 0 \\(Monday\\) to 6"),
    ],
)
def test_weekend_is_checked(weekend, message):
    with pytest.raises(InvalidInput, match=message):
        BusinessCalendar(weekend=weekend)


# --- laws over the whole range, checked against a plain day-by-day loop --------------------------


def closed_by_hand(day: dt.date) -> bool:
    return (
        day.weekday() >= 5
        or holiday_on(day) is not None
        or (day.month, day.day) in {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}
    )


def add_by_hand(day: dt.date, n: int) -> dt.date:
    step = dt.timedelta(days=1 if n > 0 else -1)
    if n == 0:
        while closed_by_hand(day):
            day -= dt.timedelta(days=1)
        return day
    for _ in range(abs(n)):
        day += step
        while closed_by_hand(day):
            day += step
    return day


business_days_in_range = inner_calendar_days.map(CAL.next_business_day)
shifts = st.integers(min_value=-300, max_value=300)


@given(calendar_days)
def test_is_business_day_agrees_with_the_loop(day):
    assert CAL.is_business_day(day) is not closed_by_hand(day)
    assert (CAL.closure_reason(day) is None) is CAL.is_business_day(day)


@given(inner_calendar_days, shifts)
def test_add_business_days_agrees_with_the_loop(day, n):
    result = CAL.add_business_days(day, n)
    assert result == add_by_hand(day, n)
    assert CAL.is_business_day(result)


@given(business_days_in_range, shifts)
def test_moving_there_and_back_returns_the_same_business_day(day, n):
    assert CAL.add_business_days(CAL.add_business_days(day, n), -n) == day


@given(inner_calendar_days, st.integers(min_value=0, max_value=300))
def test_between_undoes_add_forwards_from_any_day(day, n):
    assert CAL.business_days_between(day, CAL.add_business_days(day, n)) == n


@given(business_days_in_range, shifts)
def test_between_undoes_add_both_ways_from_a_business_day(day, n):
    # from a closed day, going back n days spans only n - 1 business days after the result
    assert CAL.business_days_between(day, CAL.add_business_days(day, n)) == n


@given(inner_calendar_days, st.integers(min_value=0, max_value=400))
def test_between_agrees_with_the_loop_and_is_antisymmetric(day, length):
    end = day + dt.timedelta(days=length)
    by_hand = sum(not closed_by_hand(day + dt.timedelta(days=i)) for i in range(1, length + 1))
    assert CAL.business_days_between(day, end) == by_hand
    assert CAL.business_days_between(end, day) == -by_hand


@given(inner_calendar_days)
def test_no_business_day_is_skipped_between_consecutive_ones(day):
    following = CAL.next_business_day(day)
    assert following > day
    assert CAL.previous_business_day(following) <= day or not CAL.is_business_day(day)
    between = [day + dt.timedelta(days=i) for i in range(1, (following - day).days)]
    assert not any(CAL.is_business_day(d) for d in between)
    assert CAL.previous_business_day(following) == CAL.add_business_days(day, 0)


@given(inner_calendar_days, st.integers(min_value=0, max_value=60))
def test_business_days_lists_exactly_the_open_days(day, length):
    end = day + dt.timedelta(days=length)
    listed = list(CAL.business_days(day, end))
    expected = [
        day + dt.timedelta(days=i)
        for i in range(length + 1)
        if not closed_by_hand(day + dt.timedelta(days=i))
    ]
    assert listed == expected


@pytest.mark.parametrize("day", ["2019-12-27", dt.date(2019, 12, 27), pendulum.Date(2019, 12, 27)])
def test_every_kind_of_date_gets_the_same_answer(day):
    calendar = BusinessCalendar()  # a fresh memo: the first question builds the year
    assert calendar.is_business_day(day)
    assert calendar.is_business_day(day)  # the memo answers the second
    assert calendar.add_business_days(day, 1) == pendulum.Date(2020, 1, 6)
    assert type(calendar.add_business_days(day, 1)) is pendulum.Date


@pytest.mark.parametrize(
    "day", [["2019-12-27"], dt.datetime(2019, 12, 27, tzinfo=dt.UTC), 20191227]
)
def test_what_is_not_a_date_is_refused(day):
    with pytest.raises(WrongType, match="'day'"):
        CAL.is_business_day(day)


def test_the_year_tables_hand_out_only_immutable_values():
    table = BusinessCalendar()._days.year(2019)
    assert isinstance(table.ordinals, tuple)
    assert isinstance(table.ranks, tuple)
    assert isinstance(table.open, bytes)
    assert isinstance(table.business_dates(), tuple)


def test_a_calendar_in_use_pickles_and_compares_as_a_value():
    """The tables of open days live beside a calendar: a copy equals it and answers alike."""
    import pickle

    calendar = CAL.with_closures("2019-04-26")
    assert calendar.is_business_day("2019-04-25")
    copy = pickle.loads(pickle.dumps(calendar))
    assert copy == calendar == CAL.with_closures("2019-04-26")
    assert hash(copy) == hash(calendar)
    assert not copy.is_business_day("2019-04-26")
    assert copy.add_business_days("2019-04-25", 1) == calendar.add_business_days("2019-04-25", 1)


def test_a_count_of_any_integer_type_is_taken_as_an_int():
    """Red-team finding: numpy.int64 (a pandas column's) was refused as not an int."""
    numpy = pytest.importorskip("numpy")
    day = pendulum.date(2026, 12, 25)
    moved = SERVICE_CALENDAR.add_business_days(day, numpy.int64(3))
    assert moved == SERVICE_CALENDAR.add_business_days(day, 3) == pendulum.date(2027, 1, 5)
    assert SERVICE_CALENDAR.business_days_between(day, moved) == 3
    with pytest.raises(WrongType, match="'n' must be an int"):
        SERVICE_CALENDAR.add_business_days(day, numpy.bool_(True))
