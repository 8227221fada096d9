"""Appointments from the files staff have: Japanese Excel exports, workbooks, other encodings.

The same appointments as ``examples/sessions.csv`` come as a Japanese Excel CSV export
(``examples/sessions-ja.csv``: CP932, Japanese headers and words, ``2020/6/10 18:00+09:00``,
full-width minutes) and as an ``.xlsx`` workbook built here with openpyxl; every kind gives the
same ledger and the same output. Bad files exit 2 with one line per problem and nothing on stdout.
"""

import codecs
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from jetrules.cli import main
from jetrules.records import MissingExtra, read_sessions

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "sessions.csv"
JAPANESE_EXAMPLE = ROOT / "examples" / "sessions-ja.csv"
WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def run_bytes(*argv: str) -> tuple[int, bytes]:
    """Run the command with a standard output that has bytes under it, as a real one has."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    status = main(list(argv), out=out)
    out.flush()
    return status, out.buffer.getvalue()


def japanese_rows() -> list[list[str]]:
    with JAPANESE_EXAMPLE.open(encoding="cp932", newline="") as file:
        return list(csv.reader(file))


def workbook(path: Path, rows: list[list[object]], *, title: str = "予約", others=()) -> Path:
    """A workbook with *rows* on the sheet *title*, and empty sheets named *others*."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for other in others:
        book.create_sheet(other)
    book.save(path)
    return path


def japanese_workbook(path: Path, **sheets) -> Path:
    """The Japanese export as a workbook: minutes as numbers, the rest as typed."""
    header, *rows = japanese_rows()
    cells = [[*row[:4], int(row[4].translate(WIDTH)), *row[5:]] for row in rows]
    return workbook(path, [header, *cells], **sheets)


def test_the_japanese_export_and_a_workbook_read_as_the_utf8_file(tmp_path):
    expected = read_sessions(EXAMPLE)
    assert read_sessions(JAPANESE_EXAMPLE, encoding="cp932") == expected
    assert read_sessions(japanese_workbook(tmp_path / "予約.xlsx")) == expected
    with (tmp_path / "予約.xlsx").open("rb") as stream:  # a stream, told its format
        assert read_sessions(stream, format="xlsx") == expected


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("output", ["table", "json", "csv"])
def test_the_command_prints_the_same_for_each_kind_of_file(tmp_path, output, lang):
    book = str(japanese_workbook(tmp_path / "sessions.XLSX"))  # by its extension, any case
    expected = run("sessions", str(EXAMPLE), "--format", output, "--lang", lang)
    assert expected[0] == 0
    japanese = ("sessions", str(JAPANESE_EXAMPLE), "--encoding", "cp932")
    assert run(*japanese, "--format", output, "--lang", lang) == expected
    assert run("sessions", book, "--format", output, "--lang", lang) == expected


def test_the_encoding_message_points_at_the_option(capsys):
    assert run("sessions", str(JAPANESE_EXAMPLE)) == (2, "")
    err = capsys.readouterr().err
    assert err == (
        f"jetrules: error: {JAPANESE_EXAMPLE}: line 1: is not UTF-8 text (byte 0x97 at offset "
        '0); a Japanese Excel CSV is usually cp932: give --encoding cp932 (encoding="cp932" '
        "in Python), or save the file as UTF-8\n"
    )


def test_a_sheet_is_named_when_a_workbook_has_several(tmp_path, capsys):
    book = str(japanese_workbook(tmp_path / "book.xlsx", others=["メモ"]))
    assert run("sessions", book) == (2, "")
    assert capsys.readouterr().err == (
        f"jetrules: error: {book}: the file: has 2 sheets ('予約', 'メモ'); name the one to "
        "read (--sheet NAME)\n"
    )
    assert run("sessions", book, "--sheet", "予約") == run("sessions", str(EXAMPLE))
    assert run("sessions", book, "--sheet", "Sessions") == (2, "")
    assert "has no sheet named 'Sessions'" in capsys.readouterr().err


def test_a_workbooks_bad_rows_are_each_a_line_naming_sheet_and_row(tmp_path, capsys):
    header = ["ID", "参加者", "申込日時", "開始", "分数", "ステータス"]
    rows = [
        header,
        ["A-1", "P-01", "2020-06-01T10:00+09:00", "2020-06-10T18:00+09:00", 40, "完了"],
        ["A-1", "P-01", "2020-06-01T10:00+09:00", "2020-06-11T18:00+09:00", 40, "完了"],
        ["A-3", "P-01", dt.datetime(2020, 6, 1, 10), "2020-06-12T18:00+09:00", 40.5, "完了"],
        ["A-4", "P-01", "2020-06-01T10:00+09:00", "#N/A", 20, "完了"],
        ["A-5", "P\u202e01", "2020-06-01T10:00+09:00", "2020-06-13T18:00+09:00", 20, "done"],
    ]
    book = str(workbook(tmp_path / "bad.xlsx", rows, title="Sessions"))
    assert run("sessions", book) == (2, "")
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"jetrules: error: {book}: {line}"
        for line in [
            "sheet Sessions, row 3: 'ID' (id) must be unique in the file (got 'A-1', first on "
            "sheet Sessions, row 2)",
            "sheet Sessions, row 4: '申込日時' (requested_at) must be a date-time with its "
            "offset, such as 2020-06-10T18:00+09:00 or 2020/6/10 18:00+09:00 (a spreadsheet's "
            "date-time cells have none: enter it as text) (got '2020-06-01T10:00:00')",
            "sheet Sessions, row 4: '分数' (minutes) must be a whole number such as 40 "
            "(got '40.5')",
            "sheet Sessions, row 5: column D holds the Excel error #N/A; enter the value instead",
            "sheet Sessions, row 6: '参加者' (participant) must not hold control or invisible "
            "characters (such as tabs or line breaks) (got 'P\\u202e01')",
            "sheet Sessions, row 6: 'ステータス' (status) must be one of scheduled, completed, "
            "missed, cancelled (got 'done')",
        ]
    ]
    assert "\u202e" not in captured.err
    assert "Traceback" not in captured.err


def test_a_workbook_without_openpyxl_names_the_extra(tmp_path, monkeypatch, capsys):
    book = str(japanese_workbook(tmp_path / "book.xlsx"))
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    with pytest.raises(MissingExtra):
        read_sessions(book)
    assert run("sessions", book) == (2, "")
    assert capsys.readouterr().err == (
        "jetrules: error: reading Excel workbooks (.xlsx) needs openpyxl, the optional extra "
        "'excel': pip install 'jetrules[excel]'\n"
    )


def test_csv_output_for_excel_starts_with_a_byte_order_mark():
    status, data = run_bytes("sessions", str(EXAMPLE), "--format", "csv", "--lang", "ja")
    assert status == 0
    assert not data.startswith(codecs.BOM_UTF8)
    status, marked = run_bytes(
        "sessions",
        str(EXAMPLE),
        "--format",
        "csv",
        "--lang",
        "ja",
        "--output-encoding",
        "utf-8-sig",
    )
    assert status == 0
    assert marked == codecs.BOM_UTF8 + data


@pytest.mark.parametrize("output", ["table", "json", "csv"])
def test_output_in_cp932(output):
    argv = ("sessions", str(EXAMPLE), "--format", output, "--lang", "ja")
    status, data = run_bytes(*argv, "--output-encoding", "cp932")
    assert status == 0
    assert data.decode("cp932") == run(*argv)[1]
    if output == "json":
        assert json.loads(data.decode("cp932"))[0]["participant"] == "P-01"


@pytest.mark.parametrize(
    ("option", "value"), [("--output-encoding", "klingon"), ("--encoding", "rot13")]
)
def test_an_unknown_encoding_is_one_line(option, value, capsys):
    assert run("sessions", str(EXAMPLE), option, value) == (2, "")
    assert capsys.readouterr().err == (
        f"jetrules: error: '{option}' must be a text encoding, such as utf-8 or cp932 "
        f"(got '{value}')\n"
    )


def test_ids_with_control_characters_never_reach_the_output(tmp_path, capsys):
    path = tmp_path / "sessions.csv"
    path.write_text(
        "id,participant,requested_at,start,minutes,status\n"
        "A-1,P-01\u202e,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed\n"
        "A-2\x1b[2J,P-02,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed\n",
        encoding="utf-8",
    )
    for output in ("table", "json", "csv"):
        assert run("sessions", str(path), "--format", output) == (2, "")
        err = capsys.readouterr().err
        assert err.replace("\n", "").isprintable()
        assert "'P-01\\u202e'" in err
        assert "'A-2\\x1b[2J'" in err


def test_every_bad_row_is_listed_after_an_overlong_cell(tmp_path, capsys):
    long = "x" * 200_000
    path = tmp_path / "sessions.csv"
    path.write_text(
        "id,participant,requested_at,start,minutes,status\n"
        f'A-1,"{long}",2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed\n'
        "A-2,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,45,completed\n"
        "A-3,P-01,2200-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed\n",
        encoding="utf-8",
    )
    assert run("sessions", str(path)) == (2, "")
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[3] for line in err] == ["line 2", "line 3", "line 4"]
    assert "'requested_at' must be an instant whose day in Tokyo" in err[2]


def test_a_cp932_terminal_gets_the_errors_and_the_output_without_a_traceback(tmp_path):
    path = tmp_path / "sessions.csv"
    path.write_text(
        "id,participant,requested_at,start,minutes,status\n"
        "A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,¥40\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": "cp932"}
    command = [sys.executable, "-m", "jetrules", "sessions"]
    bad = subprocess.run([*command, str(path)], capture_output=True, env=env, check=False)
    assert (bad.returncode, bad.stdout) == (2, b"")
    assert bad.stderr.decode("cp932").endswith(
        "'status' must be one of scheduled, completed, missed, cancelled (got '￥40')\n"
    )
    good = subprocess.run(
        [*command, str(EXAMPLE), "--lang", "ja"], capture_output=True, env=env, check=False
    )
    assert (good.returncode, good.stderr) == (0, b"")
    assert good.stdout.decode("cp932").splitlines()[0].startswith("参加者")
    marked = subprocess.run(
        [*command, str(EXAMPLE), "--format", "csv", "--output-encoding", "utf-8-sig"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert marked.returncode == 0
    assert marked.stdout.startswith(codecs.BOM_UTF8 + b"participant,")
