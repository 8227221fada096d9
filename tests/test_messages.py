"""Whatever the command prints shows values as a user writes them, never as Python writes them.

Every command of the bundled examples, in both languages and every format, and a set of bad
inputs, through ``jetrules.cli.main``: no ``Date(``, ``DateTime(`` or ``Yen(`` in their output or
their error lines (ISO dates and instants and ``¥1,000`` instead); and in Japanese, no ASCII space
after a full stop.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from jetrules.cli import main

ROOT = Path(__file__).parent.parent
CLAIMS_CSV = "examples/claims-fy2019.csv"
CLAIMS_JSON = "examples/claims-fy2019.json"
THREADS = "examples/threads.json"
SESSIONS = "examples/sessions.csv"
OFFICIAL = "tests/data/syukujitsu.csv"
AS_PYTHON_WRITES = ("Date(", "DateTime(", "Yen(")

EXAMPLES = [
    ["subsidy", CLAIMS_CSV],
    ["subsidy", CLAIMS_CSV, "--submitted-on", "2020-04-10"],
    ["subsidy", CLAIMS_CSV, "--format", "json"],
    ["subsidy", CLAIMS_CSV, "--format", "csv"],
    ["subsidy", CLAIMS_JSON],
    ["threads", THREADS, "--at", "2020-01-16T12:00+09:00"],
    ["threads", THREADS, "--at", "2020-01-16T12:00+09:00", "--format", "json"],
    ["threads", THREADS, "--at", "2020-01-16T12:00+09:00", "--official", OFFICIAL],
    ["sessions", SESSIONS],
    ["sessions", SESSIONS, "--format", "json"],
    ["sessions", SESSIONS, "--format", "csv"],
    ["holidays", "2019"],
    ["holidays", "2019", "--format", "json"],
    ["holidays", "2028", "--format", "csv", "--official", OFFICIAL],
    ["deadline", "2019-12-27T10:00+09:00"],
    ["deadline", "2019-12-23T18:00+09:00", "--cutoff", "17:00", "--days", "1"],
    ["business-days", "add", "2019-12-27", "1"],
    ["business-days", "between", "2019-12-27", "2020-01-08"],
    ["fiscal-year", "2020-03-31", "2020-04-01"],
    ["rules"],
]
WITH_LANGUAGES = {"subsidy", "threads", "sessions", "holidays", "deadline"}
EXAMPLES += [[*argv, "--lang", "ja"] for argv in EXAMPLES if argv[0] in WITH_LANGUAGES]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The command's status and everything it printed, stdout and stderr."""
    out = io.StringIO()
    status = main(argv, out=out)
    return status, out.getvalue() + capsys.readouterr().err


def assert_written_as_a_user_writes(printed: str) -> None:
    for python_form in AS_PYTHON_WRITES:
        assert python_form not in printed, python_form


@pytest.mark.parametrize("argv", EXAMPLES, ids=" ".join)
def test_the_examples_print_values_as_a_user_writes_them(argv, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status, printed = run(argv, capsys)
    assert status == 0, printed
    assert printed
    assert_written_as_a_user_writes(printed)


@pytest.mark.parametrize("argv", [a for a in EXAMPLES if a[-2:] == ["--lang", "ja"]], ids=" ".join)
def test_japanese_is_punctuated_as_japanese(argv, capsys, monkeypatch):
    # sentences follow one another after 。 with no space, as Japanese is written
    monkeypatch.chdir(ROOT)
    _, printed = run(argv, capsys)
    assert [line for line in printed.splitlines() if "。 " in line] == []


BAD_ARGUMENTS = [
    ["fiscal-year", "2019-02-30"],
    ["fiscal-year", "9999-12-31"],
    ["holidays", "1900"],
    ["business-days", "add", "1948-07-20", "-1"],
    ["business-days", "add", "2150-12-30", "5"],
    ["deadline", "2150-12-31T10:00+09:00"],
    ["deadline", "1900-01-01T10:00+09:00"],
    ["deadline", "2019-12-23T18:00"],
    ["subsidy", CLAIMS_CSV, "--submitted-on", "2019-02-30"],
]


@pytest.mark.parametrize("argv", BAD_ARGUMENTS, ids=" ".join)
def test_bad_arguments_are_refused_in_a_users_words(argv, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    status, printed = run(argv, capsys)
    assert status == 2
    assert printed.startswith("jetrules: error: ")
    assert_written_as_a_user_writes(printed)


RECEIPTS_HEADER = "id,participant,service_date,amount,insured,mental_health_professional,place"
BAD_FILES = {
    "receipts.csv": "\n".join(
        [
            f"{RECEIPTS_HEADER},submitted_on",
            "r1,P,2019-03-18,1000,no,yes,japan,2019-04-31",  # no such day
            "r2,P,2019-03-18,1000,no,yes,japan,2019-03-17",  # arrived before the counselling
            "r3,P,2019-03-18,0,no,yes,japan,",  # nothing paid
            "r4,P,1900-01-01,1000,no,yes,japan,",  # before any rule
            "r5,P,2019-03-18,1.5,maybe,yes,mars,",
        ]
    ),
    "receipts.json": json.dumps(
        [
            {
                "id": "r1",
                "participant": "P",
                "service_date": "2019-03-18",
                "amount": 1.5,
                "insured": False,
                "mental_health_professional": True,
                "place": "japan",
                "submitted_on": "2019-03-17",
            }
        ]
    ),
    "sessions.csv": "\n".join(
        [
            "id,participant,requested_at,start,minutes,status,language,cancelled_at,"
            "rescheduled_at,rescheduled_to",
            "A-1,P-01,2020-04-01T09:30+09:00,2020-04-08T18:00+09:00,30,completed,en,,,",
            "A-2,P-01,2020-04-01T09:30+09:00,2020-04-01T10:00+09:00,40,completed,en,,,",
            "A-3,P-01,2020-04-01T09:30,2020-04-08T18:00+09:00,40,completed,en,,,",
            "A-4,P-01,2020-04-10T09:30+09:00,2020-04-20T18:00+09:00,40,cancelled,en,"
            "2020-04-30T08:00+09:00,,",
            "A-5,P-01,2020-04-10T09:30+09:00,2020-04-20T18:00+09:00,40,completed,en,,"
            "2020-04-05T08:00+09:00,2020-04-21T18:00+09:00",
        ]
    ),
    "threads.json": json.dumps(
        {
            "threads": [
                {
                    "id": "T-1",
                    "participant": "jet-0101",
                    "language": "en",
                    "messages": [
                        {"from": "participant", "at": "2019-04-26T18:00:00+09:00", "text": "Hi"},
                        {"from": "counsellor", "at": "2019-04-25T17:00:00+09:00", "text": "Hi"},
                    ],
                },
                {
                    "id": "T-2",
                    "participant": "jet-0102",
                    "language": "en",
                    "messages": [
                        {"from": "participant", "at": "2019-04-26T18:00:00", "text": "Hi"},
                    ],
                },
                {
                    "id": "T-3",
                    "participant": "jet-0103",
                    "language": "en",
                    "messages": [
                        {"from": "participant", "at": "1900-01-01T10:00:00+09:00", "text": "Hi"},
                    ],
                },
            ]
        }
    ),
}
BAD_FILE_COMMANDS = [
    ["subsidy", "receipts.csv"],
    ["subsidy", "receipts.json"],
    ["sessions", "sessions.csv"],
    ["threads", "threads.json", "--at", "2019-05-01T12:00+09:00"],
]


@pytest.mark.parametrize("argv", BAD_FILE_COMMANDS, ids=" ".join)
def test_bad_rows_are_listed_in_a_users_words(argv, tmp_path, capsys, monkeypatch):
    for name, text in BAD_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, printed = run(argv, capsys)
    assert status == 2
    assert printed.startswith("jetrules: error: ")
    assert_written_as_a_user_writes(printed)


def test_a_date_in_a_bad_row_is_shown_as_iso(tmp_path, capsys, monkeypatch):
    (tmp_path / "receipts.csv").write_text(BAD_FILES["receipts.csv"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, printed = run(["subsidy", "receipts.csv"], capsys)
    [line] = [line for line in printed.splitlines() if "line 3: 'submitted_on'" in line]
    assert "must not be before the service date (2019-03-18)" in line
    assert line.endswith(("(got 2019-03-17)", "(got '2019-03-17')"))  # as parsed, or as typed
