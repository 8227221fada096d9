import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jetrules.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "threads.json"
OFFICIAL_CSV = Path(__file__).parent / "data" / "syukujitsu.csv"
AT = "2020-01-16T12:00+09:00"


def run(*argv):
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_example_as_json():
    status, out = run("threads", str(EXAMPLE), "--at", AT, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["at"] == "2020-01-16T12:00:00+09:00"
    by_id = {thread["id"]: thread for thread in data["threads"]}
    assert by_id["YE-1"]["status"] == "CLOSED"
    assert by_id["YE-1.2"]["continues"] == "YE-1"
    assert by_id["YE-4"]["status"] == "OVERDUE"
    assert by_id["YE-4"]["due_date"] == "2020-01-09"  # received on a closed day
    assert by_id["YE-4"]["business_days_overdue"] == 4  # 10, 14, 15, 16 January
    assert by_id["GW-3"]["status"] == "AWAITING_PARTICIPANT"
    assert (by_id["YE-5"]["status"], by_id["YE-5"]["due_by"]) == (
        "ON_TIME",
        "2020-01-21T00:00:00+09:00",  # 16, 17, 20 January
    )
    late = [
        (r["thread"], r["reply"], r["due_date"], r["business_days_late"])
        for r in data["late_replies"]
    ]
    assert late == [
        ("GW-2", 1, "2019-05-10", 1),  # received Saturday 27 April: due Friday 10 May
        ("YE-1", 3, "2020-01-10", 1),  # 13 January (Coming of Age Day) does not count
        ("YE-3", 1, "2020-01-08", 1),  # replied at 2020-01-09T00:00
    ]
    assert data["summary"] == {
        "threads": 9,
        "replies_due": 11,
        "replies_on_time": 7,
        "replies_late": 3,
        "overdue_unanswered": 1,
        "on_time_share": "7/11",
        "on_time_percent_rounded_down": 63,
        "worst_lateness_business_days": 4,
    }


def test_example_as_table_in_english_and_japanese():
    status, out = run("threads", str(EXAMPLE), "--at", AT)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "thread",
        "continues",
        "language",
        "replies",
        "status",
        "due",
        "by",
        "end",
        "of",
        "overdue",
    ]
    assert (
        "Replies due: 11; on time: 7 (63%, rounded down); late: 3; overdue and unanswered: 1"
        in lines
    )
    status, out = run("threads", str(EXAMPLE), "--at", AT, "--lang", "ja")
    assert status == 0
    assert out.splitlines()[0].startswith("スレッド")
    assert "最大遅延：4営業日" in out


def test_default_instant_is_the_latest_message():
    status, out = run("threads", str(EXAMPLE), "--format", "json")
    assert status == 0
    assert json.loads(out)["at"] == "2020-01-16T10:00:00+09:00"


def test_malformed_threads_exit_2_with_nothing_on_stdout(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "threads": [
                    {"id": "T1", "participant": "p", "messages": []},
                    {
                        "id": "T2",
                        "participant": "p",
                        "messages": [
                            {"from": "participant", "at": "2019-12-27T10:00+09:00", "text": "a"},
                            {"from": "participant", "at": "2019-12-27T11:00+09:00", "text": "b"},
                        ],
                    },
                    {
                        "id": "T3",
                        "participant": "p",
                        "messages": [
                            {
                                "from": "participant",
                                "at": "2019-12-27T10:00+09:00",
                                "text": "x\n" * 31,
                            }
                        ],
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    assert run("threads", str(path)) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {path}: thread 1: 'messages' must start with the participant's "
        "inquiry (got [])",
        f"jetrules: error: {path}: thread 2, message 2: The counsellor has not replied to the "
        "last message yet; wait for the reply before writing again.",
        f"jetrules: error: {path}: thread 3, message 1: The message has 31 lines; the limit is 30.",
    ]


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["--at", "2020-01-16T12:00"], "'--at' must be an aware datetime"),  # naive
        (["--at", "soon"], "'--at' must be an ISO date-time"),
    ],
)
def test_bad_instant(argv, error, capsys):
    assert run("threads", str(EXAMPLE), *argv) == (2, "")
    assert error in capsys.readouterr().err


def test_empty_file_needs_an_instant(tmp_path, capsys):
    path = tmp_path / "empty.json"
    path.write_text('{"threads": []}', encoding="utf-8")
    assert run("threads", str(path)) == (2, "")
    assert "'--at' is needed when FILE holds no threads" in capsys.readouterr().err
    status, out = run("threads", str(path), "--at", AT)
    assert status == 0
    assert "Threads: 0" in out


def test_missing_file(capsys):
    assert run("threads", "/no/such/threads.json") == (2, "")
    assert "cannot read '/no/such/threads.json'" in capsys.readouterr().err


def official_2020(tmp_path, *extra):
    """A made-up newer official list, as the Cabinet Office writes it: 2020 plus *extra* rows."""
    rows = [
        line.replace("-", "/")
        for line in OFFICIAL_CSV.read_text(encoding="utf-8").splitlines()
        if line.startswith("2020-")
    ]
    path = tmp_path / "syukujitsu.csv"
    text = "\r\n".join(["国民の祝日・休日月日,国民の祝日・休日名称", *rows, *extra])
    path.write_bytes(text.encode("cp932"))
    return str(path)


def test_official_list_moves_deadlines_and_lateness(tmp_path):
    official = official_2020(tmp_path, "2020/1/16,休日（祝日扱い）")
    status, out = run(
        "threads", str(EXAMPLE), "--at", AT, "--format", "json", "--official", official
    )
    assert status == 0
    data = json.loads(out)
    by_id = {thread["id"]: thread for thread in data["threads"]}
    assert by_id["YE-4"]["business_days_overdue"] == 3  # 10, 14, 15 January; 16th now closed
    assert by_id["YE-5"]["due_by"] == "2020-01-22T00:00:00+09:00"  # 17, 20, 21 January
    assert data["summary"]["worst_lateness_business_days"] == 3
    status, out = run("threads", str(EXAMPLE), "--at", AT, "--official", official)
    assert status == 0
    assert "Worst lateness: 3 business days" in out


def test_a_malformed_official_list_exits_2_with_one_line_per_problem(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("date,name\n2020-02-30,x\n2020-01-16,\n", encoding="utf-8")
    assert run("threads", str(EXAMPLE), "--official", str(path)) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {path}: line 2: 'date' must be a date such as 2019/5/1"
        " (got '2020-02-30')",
        f"jetrules: error: {path}: line 3: 'name' must be non-empty text (got '')",
    ]


# --- issue 12: the output's encoding, the words of messages, names that are not safe to print ----


def run_bytes(*argv):
    """Run the command with a standard output that has bytes under it, as a real one has."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    status = main(list(argv), out=out)
    out.flush()
    return status, out.buffer.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932", "shift_jis", "utf-8"])
def test_output_encoding_writes_the_output_in_it(encoding):
    status, data = run_bytes(
        "threads", str(EXAMPLE), "--at", AT, "--lang", "ja", "--output-encoding", encoding
    )
    assert status == 0
    text = data.decode(encoding)
    assert text.startswith("スレッド")
    assert "最大遅延：4営業日" in text
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")


def test_output_encoding_applies_to_json_too():
    status, data = run_bytes(
        "threads",
        str(EXAMPLE),
        "--at",
        AT,
        "--lang",
        "ja",
        "--format",
        "json",
        "--output-encoding",
        "cp932",
    )
    assert status == 0
    assert json.loads(data.decode("cp932"))["summary"]["threads"] == 9


def test_output_encoding_writes_what_it_cannot_hold_another_way():
    status, data = run_bytes(
        "threads", str(EXAMPLE), "--at", AT, "--lang", "ja", "--output-encoding", "ascii"
    )
    assert status == 0
    assert data.decode("ascii").startswith("\\u30b9\\u30ec\\u30c3\\u30c9")


def test_a_bad_output_encoding_is_refused_before_anything_is_read(capsys):
    assert run("threads", "/no/such/threads.json", "--output-encoding", "rot13") == (2, "")
    assert capsys.readouterr().err == (
        "jetrules: error: '--output-encoding' must be a text encoding, such as utf-8 or cp932 "
        "(got 'rot13')\n"
    )


def test_output_to_a_stream_that_cannot_hold_japanese_does_not_crash():
    """PYTHONIOENCODING=ascii: the table is written with escapes, not a UnicodeEncodeError."""
    result = subprocess.run(
        [sys.executable, "-m", "jetrules", "threads", str(EXAMPLE), "--at", AT, "--lang", "ja"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode("ascii").startswith("\\u30b9\\u30ec\\u30c3\\u30c9")


@pytest.mark.parametrize(
    ("at", "error"),
    [
        (
            "1900-01-01T00:00+09:00",
            "'--at' must fall on a day the business calendar covers, 1948-07-20 to 2150-12-31 "
            "(got '1900-01-01T00:00+09:00')",
        ),
        (
            "2151/1/1 00:00+09:00",
            "'--at' must fall on a day the business calendar covers, 1948-07-20 to 2150-12-31 "
            "(got '2151/1/1 00:00+09:00')",
        ),
    ],
)
def test_an_instant_outside_the_calendar_is_named_as_the_command_names_it(at, error, capsys):
    assert run("threads", str(EXAMPLE), "--at", at) == (2, "")
    assert capsys.readouterr().err == f"jetrules: error: {error}\n"


def test_an_instant_in_the_vocabulary_is_read():
    status, out = run(
        "threads", str(EXAMPLE), "--at", "２０２０/1/16 12:00+09:00", "--format", "json"
    )
    assert status == 0
    assert json.loads(out)["at"] == "2020-01-16T12:00:00+09:00"


def write_threads(path, **fields):
    message = {"from": "participant", "at": "2019-12-27T10:00+09:00", "text": "Hello"}
    thread = {"id": "T1", "participant": "p", "messages": [message], **fields}
    path.write_text(json.dumps({"threads": [thread]}), encoding="utf-8")
    return path


def test_ids_with_control_characters_never_reach_the_output(tmp_path, capsys):
    path = write_threads(tmp_path / "threads.json", id="T1\x1b[2J", participant="p\u202e")
    assert run("threads", str(path)) == (2, "")
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"jetrules: error: {path}: thread 1: 'id' must not hold control or invisible characters "
        "(such as tabs or line breaks) (got 'T1\\x1b[2J')",
        f"jetrules: error: {path}: thread 1: 'participant' must not hold control or invisible "
        "characters (such as tabs or line breaks) (got 'p\\u202e')",
    ]
    assert "\x1b" not in err
    assert "\u202e" not in err


def test_the_files_own_words_and_values_as_typed(tmp_path, capsys):
    message = {"from": "Staff", "at": "1900/1/5 10:00+09:00", "text": "Hello"}
    path = tmp_path / "threads.json"
    thread = {"id": "T1", "participant": "p", "language": "FR", "messages": [message]}
    path.write_text(json.dumps({"threads": [thread], "version": 1}), encoding="utf-8")
    assert run("threads", str(path)) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {path}: the file: unknown key: version; expected threads",
        f"jetrules: error: {path}: thread 1: 'language' must be one of en, ja (got 'FR')",
        f"jetrules: error: {path}: thread 1, message 1: 'from' must be one of participant, "
        "counsellor (got 'Staff')",
    ]


@pytest.mark.parametrize("name", ["bad\x1b[2J.json", "bad\u202e.json", "bad\nname.json"])
def test_file_names_with_control_characters_are_printed_escaped(tmp_path, capsys, name):
    path = write_threads(tmp_path / name, id=True)
    assert run("threads", str(path)) == (2, "")
    err = capsys.readouterr().err
    shown = str(path).encode("unicode_escape").decode("ascii")
    assert err == f"jetrules: error: {shown}: thread 1: 'id' must be text (got true)\n"
    assert run("threads", str(tmp_path / "missing" / name)) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith("jetrules: error: cannot read ")
    assert err.count("\n") == 1
    assert not any(char in err for char in "\x1b\u202e")


@pytest.mark.parametrize("option", ["--policy", "--official"])
def test_other_file_names_with_control_characters_are_printed_escaped(tmp_path, capsys, option):
    bad = tmp_path / "bad\x1b[2J.txt"
    bad.write_text("= not toml, not csv\n\x00", encoding="utf-8")
    assert run("threads", str(EXAMPLE), option, str(bad)) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith("jetrules: error: ")
    assert "\x1b" not in err
    assert "\\x1b[2J" in err


def test_a_bad_document_is_one_line_per_problem_without_a_traceback(tmp_path):
    path = tmp_path / "threads.json"
    path.write_text('{"threads": [], "threads": null}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "jetrules", "threads", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"jetrules: error: {path}: line 1: the object that opens here gives the key "
        '"threads" 2 times; give each key once\n'
    )
