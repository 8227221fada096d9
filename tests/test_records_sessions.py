import io
from pathlib import Path

import pytest

from jetrules.booking import REQUIRED, FiscalYear, Status, terms_for
from jetrules.calendar import SERVICE_CALENDAR
from jetrules.errors import InvalidInput, InvalidRecords, WrongType
from jetrules.policy import Policy
from jetrules.records import read_sessions
from jetrules.records.sessions import SESSION_COLUMNS

EXAMPLE = Path(__file__).parent.parent / "examples" / "sessions.csv"
HEADER = ",".join(SESSION_COLUMNS)


def csv_text(*rows: str) -> io.StringIO:
    return io.StringIO("\n".join([HEADER, *rows]) + "\n")


def problems_of(*rows: str) -> list[str]:
    with pytest.raises(InvalidRecords) as error:
        read_sessions(csv_text(*rows))
    return [str(problem) for problem in error.value.problems]


GOOD = "A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,{status},en,{cancelled},,"


def test_the_example_file():
    ledger = read_sessions(EXAMPLE)
    figures = {
        u.participant: (u.sessions_used, u.minutes_used, u.sessions_booked, u.sessions_left)
        for u in ledger.usages()
    }
    assert figures == {
        "P-01": (7, 260, 0, 0),  # reaches FY2020's limit: 5 held, 1 missed, 1 cancelled late
        "P-02": (2, 40, 1, 4),
        "P-03": (2, 80, 0, 5),  # one missed, one cancelled in time, one held
        "P-04": (1, 20, 0, 6),
    }
    assert {u.fiscal_year for u in ledger.usages()} == {FiscalYear(2020)}
    statuses = {a.id: a.status for a in ledger.appointments}
    assert statuses["A-103"] is Status.CANCELLED
    moved = next(a for a in ledger.appointments if a.id == "A-104")
    assert moved.start.isoformat() == "2020-06-26T20:00:00+09:00"
    assert len(moved.reschedules) == 1


@pytest.mark.parametrize(
    ("status", "cancelled", "used"),
    [
        ("completed", "", 1),
        ("Missed", "", 1),  # status is read case-insensitively
        ("cancelled", "2020-06-10T17:59+09:00", 0),  # one minute before the start
        ("cancelled", "2020-06-10T18:01+09:00", 1),  # one minute after the start
        ("scheduled", "", 0),
    ],
)
def test_statuses(status, cancelled, used):
    ledger = read_sessions(csv_text(GOOD.format(status=status, cancelled=cancelled)))
    assert ledger.usage("P-01", FiscalYear(2020)).sessions_used == used


def test_language_is_optional_and_english_by_default():
    text = io.StringIO(
        "id,participant,requested_at,start,minutes,status\n"
        "A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,20,completed\n"
    )
    (appointment,) = read_sessions(text).appointments
    assert appointment.language == "en"


def test_every_bad_row_is_reported_with_its_line():
    lines = problems_of(
        GOOD.format(status="completed", cancelled=""),  # line 2: good
        "A-2,,2020-06-01T10:00,2020-06-10,x,done,en,,,",  # line 3: five problems
        "A-3,P-01,2020-06-01T10:00+09:00,2020-06-13T18:00+09:00,40,completed,en,,,",  # Saturday
        "A-4,P-01,2020-06-08T10:00+09:00,2020-06-10T18:00+09:00,40,completed,en,,,",  # too soon
        "A-5,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,cancelled,en,,,",  # no contact
        "A-6,P-01,2020-06-01T10:00+09:00,2020-06-11T18:00+09:00,40,completed,en,2020-06-09T10:00+09:00,,",
        "A-7,P-01,2020-06-01T10:00+09:00,2020-06-11T18:00+09:00,40,scheduled,en,,2020-06-02T10:00+09:00,",
        "A-1,P-01,2020-06-01T10:00+09:00,2020-06-11T18:00+09:00,40,completed,en,,,",  # same id
        "A-8,P-01,2020-06-01T10:00+09:00,2020-06-11T18:00+09:00,30,completed,fr,,,",  # language
        "A-9,P-01,2020-06-01T10:00+09:00,2020-06-11T18:00+09:00,40,completed,en,,"
        "2020-06-11T18:00+09:00,2020-06-19T18:00+09:00",  # rescheduled at the start
        "A-10,P-01,2020-06-01T10:00+09:00,2020-06-11T18:00+09:00,40,cancelled,en,soon,,",
        "A-11,P-01,2024-05-01T10:00+09:00,2024-05-14T18:00+09:00,40,completed,en,,,",  # FY2024
    )
    positions = [line.split(":")[0] for line in lines]
    assert positions == [
        *["line 3"] * 5,
        "line 4",
        "line 5",
        "line 6",
        "line 7",
        "line 8",
        "line 9",
        "line 10",
        "line 10",
        "line 11",
        "line 12",
        "line 13",
    ]
    assert lines[0] == "line 3: 'participant' must be non-empty text (got '')"
    assert "'requested_at' must be a date-time with its offset" in lines[1]
    assert "'start' must be a date-time with its offset" in lines[2]
    assert lines[3] == "line 3: 'minutes' must be a whole number such as 40 (got 'x')"
    assert lines[4].startswith("line 3: 'status' must be one of scheduled, completed, missed")
    assert "2020-06-13 18:00" in lines[5]
    assert "Saturday" in lines[5]
    assert "earliest day is 2020-06-12" in lines[6]
    assert "'cancelled_at' is needed exactly when the status is cancelled" in lines[7]
    assert "'cancelled_at' is needed exactly when" in lines[8]
    assert "'rescheduled_at' and 'rescheduled_to' go together" in lines[9]
    assert lines[10] == "line 9: 'id' must be unique in the file (got 'A-1', first on line 2)"
    assert "A 30-minute session is not offered in FY2020" in lines[11]
    assert "'language' must be one of en, ja (got 'fr')" in lines[12]
    assert "rescheduled only by contact before then" in lines[13]
    assert "'cancelled_at' must be an ISO date-time" in lines[14]
    assert "FY2024" in lines[15]


def test_every_field_problem_of_a_row_is_reported():
    # minutes not offered, an unknown status and an unknown language: three problems, one line
    lines = problems_of(
        "A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,30,done,fr,,,",
        "A-2,P-01,2024-05-01T10:00+09:00,2024-05-14T18:00+09:00,40,done,en,,,",  # FY2024
    )
    assert lines[0] == (
        "line 2: A 30-minute session is not offered in FY2020; sessions last 20 or 40 minutes."
    )
    assert lines[1].startswith("line 2: 'status' must be one of")
    assert lines[2] == "line 2: 'language' must be one of en, ja (got 'fr')"
    assert "no Skype Counselling terms are published for FY2024" in lines[3]
    assert lines[4].startswith("line 3: 'status' must be one of")
    assert len(lines) == 5


def test_problems_are_listed_in_file_order():
    days = ["04-08", "05-13", "06-10", "07-08", "09-09", "10-14", "11-11", "12-09"]
    rows = [
        f"A-{i},P-01,2020-{day[:2]}-01T10:00+09:00,2020-{day}T18:00+09:00,40,completed,en,,,"
        for i, day in enumerate(reversed(days))  # lines 2-9, the last session first
    ]
    lines = problems_of(
        *rows,
        "A-20,P-02,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,done,en,,,",  # line 10
        "A-21,P-02,too,many,cells",  # line 11: found by the CSV pass, before any row
        "A-0,P-02,2020-06-01T10:00+09:00,2020-06-11T18:00+09:00,40,completed,en,,,",  # dup of 2
    )
    positions = [line.split(":")[0] for line in lines]
    assert positions == ["line 2", "line 10", "line 11", "line 12"]
    assert "7 of the 7 sessions of FY2020" in lines[0]  # found last, listed first


@pytest.mark.parametrize(
    ("cancelled", "moved_at", "moved_to", "event"),
    [
        ("", "2020-05-31T10:00+09:00", "2020-06-19T18:00+09:00", "the request"),  # before it
        (
            "2020-06-03T10:00+09:00",  # cancelled before the move it follows
            "2020-06-04T10:00+09:00",
            "2020-06-19T18:00+09:00",
            "the contact to reschedule",
        ),
        ("2020-05-01T10:00+09:00", "", "", "the request"),  # a month before the sign-up
    ],
)
def test_contacts_out_of_time_order_are_reported(cancelled, moved_at, moved_to, event):
    status = "cancelled" if cancelled else "scheduled"
    row = (
        f"A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,{status},en,"
        f"{cancelled},{moved_at},{moved_to}"
    )
    (line,) = problems_of(row)
    assert line.startswith("line 2: Appointment A-1: the contact at")
    assert f"is earlier than {event}" in line


def test_the_eighth_session_is_reported_on_its_own_line():
    days = ["04-08", "05-13", "06-10", "07-08", "09-09", "10-14", "11-11", "12-09"]
    rows = [
        f"A-{i},P-01,2020-{day[:2]}-01T10:00+09:00,2020-{day}T18:00+09:00,40,completed,en,,,"
        for i, day in enumerate(reversed(days))  # the file is in reverse order
    ]
    lines = problems_of(*rows)
    assert len(lines) == 1
    assert lines[0].startswith("line 2: P-01 has used or booked 7 of the 7 sessions of FY2020")


def test_column_problems_and_nothing_returned():
    with pytest.raises(InvalidRecords, match="missing column"):
        read_sessions(io.StringIO("id,participant\nA,P\n"))


def test_caller_supplied_editions():
    fy2020 = terms_for(FiscalYear(2020))
    fy2024 = {name: getattr(fy2020, name) for name in REQUIRED}  # FY2020's terms, for FY2024
    policy = Policy().supplying("booking", FiscalYear(2024), **fy2024)
    row = "A-11,P-01,2024-05-01T10:00+09:00,2024-05-14T18:00+09:00,40,completed,en,,,"
    ledger = read_sessions(csv_text(row), policy=policy)
    assert ledger.usage("P-01", FiscalYear(2024)).sessions_left == 6


def test_the_calendar_counts_lead_times_and_is_kept_by_every_appointment():
    closed = SERVICE_CALENDAR.with_closures("2020-06-03")
    row = "A-1,P-01,2020-06-01T10:00+09:00,2020-06-05T18:00+09:00,40,completed,en,,,"
    assert read_sessions(csv_text(row)).usages()[0].sessions_used == 1
    with pytest.raises(InvalidRecords) as error:
        read_sessions(csv_text(row), calendar=closed)
    assert [str(problem) for problem in error.value.problems] == [
        "line 2: The time 2020-06-05 18:00 is less than 4 business days after the request of "
        "2020-06-01 10:00; the earliest day is 2020-06-08."
    ]
    ledger = read_sessions(EXAMPLE, calendar=SERVICE_CALENDAR.with_closures("2020-12-01"))
    assert {a.calendar for a in ledger.appointments} == {
        SERVICE_CALENDAR.with_closures("2020-12-01")
    }


def test_the_calendar_must_be_a_business_calendar():
    with pytest.raises(WrongType, match=r"^'calendar' must be a BusinessCalendar"):
        read_sessions(EXAMPLE, calendar=None)


def test_a_duplicate_of_a_bad_row_is_still_reported():
    lines = problems_of(
        "A-1,P-01,2020-06-01T10:00,2020-06-10T18:00+09:00,40,completed,en,,,",  # naive instant
        GOOD.format(status="completed", cancelled=""),  # same id as the bad row above
    )
    assert [line.split(":")[0] for line in lines] == ["line 2", "line 3"]
    assert "'id' must be unique in the file (got 'A-1', first on line 2)" in lines[1]


# --- the shared vocabulary: Japanese exports, folded words, digits, text, ranges (issue 12) ---

JAPANESE_EXAMPLE = EXAMPLE.with_name("sessions-ja.csv")


def test_a_japanese_excel_export_reads_as_the_utf8_file():
    """Japanese headers, 2020/6/10 18:00+09:00, ４０, 完了 and 英語, saved as CP932."""
    with pytest.raises(UnicodeDecodeError):
        JAPANESE_EXAMPLE.read_bytes().decode("utf-8")
    assert read_sessions(JAPANESE_EXAMPLE, encoding="cp932") == read_sessions(EXAMPLE)


def test_a_cp932_file_read_as_utf8_says_to_give_its_encoding():
    with pytest.raises(InvalidRecords) as error:
        read_sessions(JAPANESE_EXAMPLE)
    (line,) = error.value.lines()
    assert line.startswith(f"{JAPANESE_EXAMPLE}: line 1: is not UTF-8 text")
    assert "give --encoding cp932" in line


HEADER_ONLY = "id,participant,requested_at,start,minutes,status,language"
REQUIRED_COLUMNS = ("id", "participant", "requested_at", "start", "minutes", "status")


def one(status="completed", language="en", minutes="40", ident="A-1", participant="P-01"):
    row = f"{ident},{participant},2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,{minutes},"
    return io.StringIO(f"{HEADER_ONLY}\n{row}{status},{language}\n")


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("completed", Status.COMPLETED),
        ("ＣＯＭＰＬＥＴＥＤ", Status.COMPLETED),  # full-width, upper case
        ("Completed ", Status.COMPLETED),
        ("完了", Status.COMPLETED),
        ("欠席", Status.MISSED),
        ("無断キャンセル", Status.MISSED),  # a cancellation without notice counts
        ("予定", Status.SCHEDULED),
    ],
)
def test_statuses_are_matched_with_case_and_width_folded(raw, status):
    (appointment,) = read_sessions(one(status=raw)).appointments
    assert appointment.status is status


@pytest.mark.parametrize(
    ("raw", "language"),
    [
        ("ja", "ja"),
        ("JA", "ja"),  # case is folded for the language as for the status
        ("ｊａ", "ja"),  # and width
        ("Japanese", "ja"),
        ("日本語", "ja"),
        ("ＥＮ", "en"),
        ("英語", "en"),
        ("", "en"),
    ],
)
def test_languages_are_matched_as_statuses_are(raw, language):
    (appointment,) = read_sessions(one(language=raw)).appointments
    assert appointment.language == language


def test_minutes_may_be_full_width_and_nothing_else_that_looks_like_digits():
    (appointment,) = read_sessions(one(minutes="４０")).appointments
    assert appointment.minutes == 40
    for raw in ("④⓪", "⁴⁰", "٤٠"):
        with pytest.raises(InvalidRecords) as error:
            read_sessions(one(minutes=raw))
        assert [str(problem) for problem in error.value.problems] == [
            f"line 2: 'minutes' must be written with the digits 0-9 or ０-９ (got {raw!r})"
        ]


def test_minutes_past_a_day_are_refused_however_many_digits():
    for raw in ("1441", "9" * 5000):
        with pytest.raises(InvalidRecords) as error:
            read_sessions(one(minutes=raw))
        (problem,) = error.value.problems
        assert problem.message.startswith("'minutes' must be at most 1,440 (got '")


def test_a_column_given_twice_is_refused():
    row = "A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed,en,A-2"
    text = f"{HEADER_ONLY},予約番号\n{row}\n"
    with pytest.raises(InvalidRecords) as error:
        read_sessions(io.StringIO(text))
    assert [str(problem) for problem in error.value.problems] == [
        "line 1: column 8 ('予約番号') is the same column as column 1 ('id'); give each column once"
    ]


@pytest.mark.parametrize("field", ["id", "participant"])
@pytest.mark.parametrize("mark", ["\x1b[2J", "\u202e", "\u200b", "\x07"])
def test_control_and_invisible_characters_in_ids_are_refused(field, mark):
    text = f"P{mark}01"
    with pytest.raises(InvalidRecords) as error:
        read_sessions(one(**{"ident" if field == "id" else "participant": text}))
    (problem,) = error.value.problems
    assert problem.message == (
        f"'{field}' must not hold control or invisible characters (such as tabs or line "
        f"breaks) (got {text!r})"
    )
    assert problem.message.isprintable()  # the message shows the characters escaped


def test_instants_outside_the_calendar_are_refused_as_each_row_is_read():
    lines = problems_of(
        "A-1,P-01,1900-01-01T10:00+09:00,1900-01-10T18:00+09:00,40,completed,en,,,",
        "A-2,P-01,2020-06-01T10:00+09:00,2151-01-06T18:00+09:00,40,completed,en,,,",
        "A-3,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,cancelled,en,"
        "2200-01-01T10:00+09:00,,",
        "A-4,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed,en,,"
        "2020-06-02T10:00+09:00,9999-12-31T10:00+09:00",
        "A-5,P-01,1948-07-19T23:00-01:00,2020-06-10T18:00+09:00,40,completed,en,,,",
    )
    rule = (
        "must be an instant whose day in Tokyo is from 1948-07-20 to 2150-12-31, the days "
        "the holiday rules cover"
    )
    assert lines == [
        f"line 2: 'requested_at' {rule} (got '1900-01-01T10:00+09:00')",
        f"line 2: 'start' {rule} (got '1900-01-10T18:00+09:00')",
        f"line 3: 'start' {rule} (got '2151-01-06T18:00+09:00')",
        f"line 4: 'cancelled_at' {rule} (got '2200-01-01T10:00+09:00')",
        f"line 5: 'rescheduled_to' {rule} (got '9999-12-31T10:00+09:00')",
    ]  # line 6's request is on 1948-07-20 in Tokyo, the first day: it is read


def test_the_range_holds_with_assumed_terms_and_a_lead_time_past_it_is_one_problem():
    rows = [
        "A-1,P-01,2150-12-28T10:00+09:00,2150-12-31T18:00+09:00,40,completed",
        "A-2,P-01,2151-01-05T10:00+09:00,2151-01-14T18:00+09:00,40,completed",
    ]
    text = io.StringIO("\n".join([",".join(REQUIRED_COLUMNS), *rows]) + "\n")
    with pytest.raises(InvalidRecords) as error:
        read_sessions(text, assume=2023)
    assert [str(problem) for problem in error.value.problems] == [
        "line 2: the lead time counted from 'requested_at' (or 'rescheduled_at') runs past "
        "2150-12-31, the last day the holiday rules cover, so the start cannot be checked",
        "line 3: 'requested_at' must be an instant whose day in Tokyo is from 1948-07-20 to "
        "2150-12-31, the days the holiday rules cover (got '2151-01-05T10:00+09:00')",
        "line 3: 'start' must be an instant whose day in Tokyo is from 1948-07-20 to "
        "2150-12-31, the days the holiday rules cover (got '2151-01-14T18:00+09:00')",
    ]


def test_an_instant_without_an_offset_says_what_to_write():
    (line,) = problems_of("A-1,P-01,2020/6/1 10:00,2020-06-10T18:00+09:00,40,completed,en,,,")
    assert line == (
        "line 2: 'requested_at' must be a date-time with its offset, such as "
        "2020-06-10T18:00+09:00 or 2020/6/10 18:00+09:00 (a spreadsheet's date-time cells "
        "have none: enter it as text) (got '2020/6/1 10:00')"
    )


def test_every_bad_row_is_reported_after_an_overlong_cell():
    long = "x" * 200_000
    lines = problems_of(
        f'A-1,"{long}",2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed,en,,,',
        "A-2,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,done,en,,,",
        "A-3,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,45,completed,en,,,",
    )
    assert [line.split(": ")[0] for line in lines] == ["line 2", "line 3", "line 4"]
    assert lines[0] == "line 2: has a cell longer than 131,072 characters, the most one holds"


def test_values_are_shown_as_typed():
    (line,) = problems_of("A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,ｷｬﾝｾﾙ,en,,,")
    assert line == (
        "line 2: 'cancelled_at' is needed exactly when the status is cancelled "
        "(got status 'ｷｬﾝｾﾙ', cancelled_at '')"
    )


def test_an_input_over_max_bytes_is_refused():
    with pytest.raises(InvalidRecords, match="is larger than 100 bytes"):
        read_sessions(EXAMPLE, max_bytes=100)


def test_an_unknown_format_is_refused():
    with pytest.raises(InvalidInput, match="'format' must be 'csv' or 'xlsx'"):
        read_sessions(EXAMPLE, format="json")  # type: ignore[arg-type]
