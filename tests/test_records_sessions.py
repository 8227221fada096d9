import io
from pathlib import Path

import pytest

from jetrules.booking import REQUIRED, FiscalYear, Status, terms_for
from jetrules.calendar import SERVICE_CALENDAR
from jetrules.errors import InvalidRecords, WrongType
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
