"""The ``jetrules phone`` command: a fiscal year's telephone sessions, in three formats."""

import csv
import io
import json

import pytest

from jetrules.cli import main
from jetrules.phone import RECORD_COLUMNS


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["phone", *argv], out=out), out.getvalue()


def test_table_in_english(capsys):
    status, out = run("2020")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "FY2020 telephone counselling (free dial, no booking): 20 sessions"
    assert lines[2].split() == ["date", "day", "from", "to", "session"]
    assert lines[4].split() == ["2020-04-15", "Wed", "17:30", "21:00", "regular", "session"]
    assert lines[6].split() == ["2020-04-28", "Tue", "17:30", "21:00", "extra", "session"]
    assert "2021-03-03  Wed  17:30  21:00  weekly run" in out
    assert "2021-02-17  Wed  17:30  21:00  regular session; weekly run" in out
    assert lines[-3] == "Times are Tokyo time; a session is open from its start until its end."
    assert lines[-2].startswith("Sources: CLAIR News, April 2020 <https://")
    assert lines[-1] == "Readings (see jetrules rules): dated-sessions-at-regular-hours"
    assert capsys.readouterr().err == ""


def test_table_in_japanese():
    status, out = run("FY2020", "--lang", "ja")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "2020年度の電話相談（フリーダイヤル、予約不要）：20回"
    assert lines[2].split() == ["日付", "曜日", "開始", "終了", "区分"]
    assert lines[4].split() == ["2020-04-15", "水", "17:30", "21:00", "定例"]
    assert "2020-04-28  火    17:30  21:00  臨時開設" in out
    assert "定例；毎週開設" in out
    assert lines[-2].startswith("出典：CLAIR News, April 2020")
    assert lines[-1] == "解釈（jetrules rules を参照）：dated-sessions-at-regular-hours"


def test_json():
    status, out = run("2020", "--format", "json")
    assert status == 0
    records = json.loads(out)
    assert len(records) == 20
    assert records[0] == {
        "fiscal_year": 2020,
        "date": "2020-04-15",
        "weekday": "Wed",
        "start": "2020-04-15T17:30:00+09:00",
        "end": "2020-04-15T21:00:00+09:00",
        "kind": "regular session",
        "kinds": "regular",
        "terms_origin": "published",
        "assumed_from": None,
        "sources": "CLAIR News, April 2020",
        "supplied": "",
    }
    assert [r["date"] for r in records if r["kinds"] == "extra"] == ["2020-04-22", "2020-04-28"]


def test_csv_in_japanese():
    status, out = run("2020", "--format", "csv", "--lang", "ja")
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == RECORD_COLUMNS
    assert len(rows) == 21
    assert rows[13] == [
        "2020",
        "2021-01-20",
        "水",
        "2021-01-20T17:30:00+09:00",
        "2021-01-20T21:00:00+09:00",
        "定例；毎週開設",
        "regular weekly",
        "published",
        "",
        "CLAIR News, April 2020; CLAIR News, January 2021 (supplement)",
        "",
    ]


def test_a_year_without_a_schedule_is_one_line_and_exit_2(capsys):
    status, out = run("2021")
    assert (status, out) == (2, "")
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(
        "jetrules: error: no telephone counselling schedule is published for FY2021: it needs "
        "regular_day, regular_hours, and schedules are published for FY2020 only;"
    )
    assert "--assume-terms-from 2020" in err


@pytest.mark.parametrize("output", ["table", "json", "csv"])
def test_an_assumed_schedule_warns_once_and_every_session_says_so(capsys, output):
    status, out = run("2021", "--assume-terms-from", "2020", "--format", output)
    assert status == 0
    err = capsys.readouterr().err
    assert err == (
        "jetrules: warning: no telephone counselling schedule is published for FY2021; its "
        "sessions are listed under FY2020's schedule, assumed (--assume-terms-from), and each "
        "says so\n"
    )
    if output == "json":
        records = json.loads(out)
        assert {(r["terms_origin"], r["assumed_from"]) for r in records} == {("assumed", 2020)}
        assert len(records) == 12
    elif output == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {row["terms_origin"] for row in rows} == {"assumed"}
    else:
        lines = out.splitlines()
        assert lines[0] == (
            "FY2021 telephone counselling (free dial, no booking): 12 sessions under FY2020's "
            "schedule, assumed"
        )
        assert lines[4].split()[:2] == ["2021-04-21", "Wed"]
        assert lines[-1].startswith("Sources (of FY2020's schedule): CLAIR News, April 2020")


def test_an_assumed_schedule_in_japanese():
    status, out = run("2022", "--assume-terms-from", "FY2020", "--lang", "ja")
    assert status == 0
    lines = out.splitlines()
    assert (
        lines[0] == "2022年度の電話相談（フリーダイヤル、予約不要）：12回（2020年度の日程を仮定）"
    )
    assert lines[-1].startswith("出典（2020年度の日程）：CLAIR News, April 2020")


def test_a_year_with_a_schedule_ignores_the_assumption(capsys):
    assert run("2020", "--assume-terms-from", "2020") == run("2020")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["20x"], "jetrules: error: 'FY' must be written FY2019, 2019 or 2019年度 (got '20x')\n"),
        (
            ["2021", "--assume-terms-from", "soon"],
            "jetrules: error: '--assume-terms-from' must be written FY2019, 2019 or 2019年度 "
            "(got 'soon')\n",
        ),
        (
            ["2021", "--assume-terms-from", "2019"],
            "jetrules: error: telephone counselling terms for FY2019 do not publish regular_day, "
            "regular_hours, so they cannot be assumed for FY2021; published editions exist for "
            "FY2020\n",
        ),
        (
            ["2151", "--assume-terms-from", "2020"],
            "jetrules: error: 'FY' must be from FY1948 to FY2150, the years the calendar covers "
            "(got '2151')\n",
        ),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(capsys, argv, message):
    status, out = run(*argv)
    assert (status, out, capsys.readouterr().err) == (2, "", message)


def test_the_format_and_language_are_checked_by_the_parser(capsys):
    with pytest.raises(SystemExit) as caught:
        run("2020", "--format", "xml")
    assert caught.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


POLICY = """
[source.notice]
title = "Office notice"

[[phone]]
fiscal_year = 2020
regular_hours = { value = "17:30-21:30", source = "notice" }

[[phone]]
fiscal_year = 2026
regular_day = { value = "first friday", source = "notice" }
regular_hours = { value = "18:00-20:00", source = "notice" }
"""


@pytest.fixture
def policy_file(tmp_path):
    path = tmp_path / "phone-policy.toml"
    path.write_text(POLICY, encoding="utf-8")
    return str(path)


def test_a_policy_file_changes_the_sessions_and_says_so(policy_file, capsys):
    status, out = run("2020", "--policy", policy_file)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].endswith(": 20 sessions under a supplied schedule")
    assert lines[4].split() == ["2020-04-15", "Wed", "17:30", "21:30", "regular", "session"]
    assert lines[5].split()[:4] == ["2020-04-22", "Wed", "17:30", "21:00"]  # as published
    assert "Supplied, not published: regular_hours 17:30-21:30 (published: 17:30-21:00)" in lines
    assert capsys.readouterr().err == ""
    status, out = run("2020", "--policy", policy_file, "--format", "json")
    origins = {(r["date"], r["terms_origin"]) for r in json.loads(out)}
    assert ("2020-04-15", "supplied") in origins
    assert ("2020-04-22", "published") in origins


def test_a_policy_file_gives_a_year_without_a_published_schedule(policy_file):
    status, out = run("2026", "--policy", policy_file, "--lang", "ja")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "2026年度の電話相談（フリーダイヤル、予約不要）：12回（利用者指定の日程）"
    assert lines[4].split() == ["2026-04-03", "金", "18:00", "20:00", "定例"]
    assert lines[-2] == (
        "利用者指定（公表値と異なる）：regular_day 毎月第1金曜日（公表値：なし）；"
        "regular_hours 18:00-20:00（公表値：なし）"
    )
    assert lines[-1] == "出典：Office notice"


def test_a_bad_policy_file_lists_every_problem(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(
        '[[phone]]\nfiscal_year = 2026\nregular_day = { value = "thrd friday", '
        'source = "clair-news-2020-04" }\nregular_hours = { value = "20:00-18:00", '
        'source = "clair-news-2020-04" }\n',
        encoding="utf-8",
    )
    status, out = run("2026", "--policy", str(path))
    assert (status, out) == (2, "")
    err = capsys.readouterr().err.splitlines()
    prefix = f"jetrules: error: {path}: "
    assert [line.removeprefix(prefix).split(": ")[0] for line in err] == [
        "phone FY2026, regular_day",
        "phone FY2026, regular_hours",
    ]
    assert "(got 'thrd friday')" in err[0]


def test_supplied_dates_are_listed_with_the_published_ones(tmp_path):
    path = tmp_path / "may.toml"
    path.write_text(
        "[[phone]]\nfiscal_year = 2020\n"
        'extra_dates = { value = [2020-05-01], source = "clair-news-2020-04" }\n',
        encoding="utf-8",
    )
    status, out = run("2020", "--policy", str(path))
    assert status == 0
    assert (
        "Supplied, not published: extra_dates 2020-05-01 (published: 2020-04-22, 2020-04-28)"
        in out.splitlines()
    )
    assert "2020-05-01  Fri  17:30  21:00  extra session" in out


def test_supplied_hours_under_an_assumed_day_are_named_and_their_source_not_credited_to_the_donor(
    tmp_path,
):
    """Red-team round 2, finding 4: the officer's notice was listed as FY2020's source."""
    path = tmp_path / "hours.toml"
    path.write_text(
        '[source.notice]\ntitle = "Office notice 2026"\n\n[[phone]]\nfiscal_year = 2026\n'
        'regular_hours = { value = "18:00-21:00", source = "notice" }\n',
        encoding="utf-8",
    )
    status, out = run("2026", "--policy", str(path), "--assume-terms-from", "2020")
    assert status == 0
    lines = out.splitlines()
    assert lines[4].split()[:4] == ["2026-04-15", "Wed", "18:00", "21:00"]
    assert lines[-1] == (
        "Sources (of FY2020's schedule and the values supplied): Office notice 2026; "
        "CLAIR News, April 2020 <https://jetprogramme.org/en/clairnewsapril2020>"
    )
    status, out = run("2026", "--policy", str(path), "--assume-terms-from", "2020", "--lang", "ja")
    assert out.splitlines()[-1].startswith(
        "出典（2020年度の日程と指定された値）：Office notice 2026"
    )
    status, out = run(
        "2026", "--policy", str(path), "--assume-terms-from", "2020", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["supplied"] for row in rows} == {"regular_hours"}


def test_the_warning_of_an_assumed_schedule_is_in_japanese_with_lang_ja(capsys):
    status, _ = run("2026", "--assume-terms-from", "2020", "--lang", "ja")
    assert status == 0
    assert capsys.readouterr().err.splitlines() == [
        "jetrules: warning: 2026年度の電話相談の日程は公表されていません。各回は2020年度の日程を"
        "仮定して示し（--assume-terms-from）、各回にその旨を記載しています"
    ]
