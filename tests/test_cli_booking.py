import csv
import io
import json
from pathlib import Path

import pytest

from jetrules.cli import main

EXAMPLE = str(Path(__file__).parent.parent / "examples" / "sessions.csv")
OFFICIAL_CSV = Path(__file__).parent / "data" / "syukujitsu.csv"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_table_in_english():
    status, out = run("sessions", EXAMPLE)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split("  ")[0] == "participant"
    assert lines[2].split() == ["P-01", "FY2020", "7", "260", "0", "0", "7"]
    assert lines[3].split() == ["P-02", "FY2020", "2", "40", "1", "4", "7"]
    assert len(lines) == 6


def test_table_in_japanese():
    status, out = run("sessions", EXAMPLE, "--lang", "ja")
    assert status == 0
    assert out.splitlines()[0].startswith("参加者")
    assert out.splitlines()[2].split()[:3] == ["P-01", "2020年度", "7"]


def test_json():
    status, out = run("sessions", EXAMPLE, "--format", "json")
    assert status == 0
    records = json.loads(out)
    assert records[0] == {
        "participant": "P-01",
        "fiscal_year": 2020,  # an int, as in every record
        "sessions_used": 7,
        "minutes_used": 260,
        "sessions_booked": 0,
        "sessions_left": 0,
        "limit": 7,
        "limit_text": "7",
        "terms_origin": "published",  # the published terms: nothing assumed, nothing changed
        "changes": [],
        "assumed": [],
        "reasons": [],
    }


def test_csv_and_no_published_limit(tmp_path):
    path = tmp_path / "fy2019.csv"
    path.write_text(
        "id,participant,requested_at,start,minutes,status\n"
        "A-1,P-01,2020-03-02T10:00+09:00,2020-03-10T18:00+09:00,40,missed\n",
        encoding="utf-8",
    )
    status, out = run("sessions", str(path), "--format", "csv", "--lang", "ja")
    assert status == 0
    assert list(csv.reader(io.StringIO(out))) == [
        [
            "participant",
            "fiscal_year",
            "sessions_used",
            "minutes_used",
            "sessions_booked",
            "sessions_left",
            "limit",
            "terms_origin",
            "changes",
            "reason_codes",
            "explanation",
            "limit_text",
        ],
        # numbers in the number columns (the words there made pandas read them as text)
        [
            *["P-01", "2019", "1", "40", "0", "", ""],
            *["published", "", "", "", "公表された上限なし"],
        ],
    ]
    status, out = run("sessions", str(path), "--format", "json")
    assert json.loads(out)[0]["limit"] is None
    assert json.loads(out)[0]["limit_text"] == "no published limit"


def test_bad_rows_exit_2_with_every_line_on_stderr_and_nothing_on_stdout(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,participant,requested_at,start,minutes,status\n"
        "A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed\n"
        "A-2,P-01,2020-06-01T10:00+09:00,2020-06-13T18:00+09:00,40,completed\n"
        "A-3,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,45,held\n",
        encoding="utf-8",
    )
    assert run("sessions", str(path)) == (2, "")
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.splitlines()
    # line 4 has two field problems (45 minutes are not offered; "held" is no status): both shown
    assert [line.split(": ")[3] for line in err] == ["line 3", "line 4", "line 4"]
    assert all(line.startswith(f"jetrules: error: {path}: line ") for line in err)
    assert "Traceback" not in captured.err


def test_missing_file(capsys):
    assert run("sessions", "/no/such/sessions.csv") == (2, "")
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["sessions"], ["sessions", EXAMPLE, "--lang", "fr"]])
def test_bad_arguments(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def official_2020(tmp_path, *, drop=(), extra=()):
    """A made-up newer official list: 2020 without the days *drop*, with the rows *extra*."""
    rows = [
        line
        for line in OFFICIAL_CSV.read_text(encoding="utf-8").splitlines()
        if line.startswith("2020-") and line[:10] not in drop
    ]
    path = tmp_path / "syukujitsu.csv"
    path.write_text("\n".join(["date,name", *rows, *extra]) + "\n", encoding="utf-8")
    return str(path)


def test_official_list_can_open_a_day(tmp_path):
    """A list that moved Marine Day (as 2020's did for the Olympics) opens 23 July for sessions."""
    path = tmp_path / "marine-day.csv"
    path.write_text(
        "id,participant,requested_at,start,minutes,status\n"
        "A-1,P-01,2020-07-01T10:00+09:00,2020-07-23T18:00+09:00,40,completed\n",
        encoding="utf-8",
    )
    official = official_2020(tmp_path, drop=("2020-07-23",))
    status, out = run("sessions", str(path), "--format", "json", "--official", official)
    assert status == 0
    assert json.loads(out)[0]["sessions_used"] == 1
    assert run("sessions", str(path)) == (2, "")


def test_official_list_can_close_a_day(tmp_path, capsys):
    official = official_2020(tmp_path, extra=("2020-06-26,休日（祝日扱い）",))
    assert run("sessions", EXAMPLE, "--official", official) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {EXAMPLE}: line 6: The time 2020-06-26 20:00 falls on a day without "
        "sessions (Day treated as a national holiday); sessions run on business days, Monday to "
        "Friday."
    ]
    unchanged = official_2020(tmp_path, extra=("2020-12-30,休日（祝日扱い）",))  # closed anyway
    assert run("sessions", EXAMPLE, "--official", unchanged) == run("sessions", EXAMPLE)


def test_a_malformed_official_list_exits_2_with_one_line_per_problem(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("date,name\n2020-02-30,x\n2020-06-26,\n", encoding="utf-8")
    assert run("sessions", EXAMPLE, "--official", str(path)) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {path}: line 2: 'date' must be a date such as 2019/5/1"
        " (got '2020-02-30')",
        f"jetrules: error: {path}: line 3: 'name' must be non-empty text (got '')",
    ]
