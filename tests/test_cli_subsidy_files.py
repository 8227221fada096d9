"""`jetrules subsidy` on real files (issue 12): workbooks, encodings in and out, bad input.

Bad input ends with exit status 2, one line per problem on stderr naming the file, the position
and the field, nothing on stdout and no traceback.
"""

import csv
import datetime as dt
import gc
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from jetrules.cli import main
from jetrules.cli.subsidy_output import json_value as _json_value

HEADER = "id,participant,service_date,amount,insured,mental_health_professional,place"
ROWS = [
    ["r1", "JET-0142", "2019-05-10", "12000", "no", "yes", "japan"],
    ["r2", "JET-0142", "2019-06-10", "22000", "no", "yes", "japan"],
    ["r3", "JET-0587", "2019-07-01", "7001", "yes", "yes", "japan"],
]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def run_bytes(*argv: str, encoding: str = "utf-8") -> tuple[int, bytes]:
    """Run with a standard output that has bytes under it, as a real one has."""
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    status = main(list(argv), out=out)
    out.flush()
    return status, out.buffer.getvalue()  # type: ignore[attr-defined]


@pytest.fixture
def claims(tmp_path) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text("\n".join([HEADER, *(",".join(row) for row in ROWS)]) + "\n", "utf-8")
    return path


def _workbook(path: Path, *sheets: str) -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheets[0]
    for title in sheets[1:]:
        book.create_sheet(title)
    sheet = book[sheets[0]]
    sheet.append(["番号", "参加者", "受診日", "金額", "保険適用", "専門家", "場所"])
    for ident, who, day, amount, insured, professional, place in ROWS:
        yes = {"yes": "はい", "no": "いいえ"}
        sheet.append(
            [
                ident,
                who,
                dt.datetime.fromisoformat(day),
                int(amount),
                yes[insured],
                yes[professional],
                "日本" if place == "japan" else "海外",
            ]
        )
    book.save(path)
    return path


@pytest.mark.parametrize("form", ["table", "csv", "json"])
def test_a_workbook_is_read_by_its_extension_as_its_csv_would_be(claims, tmp_path, form):
    workbook = _workbook(tmp_path / "claims.xlsx", "Claims")
    assert run("subsidy", str(workbook), "--format", form) == run(
        "subsidy", str(claims), "--format", form
    )


def test_a_workbook_saved_by_a_program_that_does_not_calculate_is_refused(tmp_path, capsys):
    # pandas and openpyxl save a formula without its value; read as empty, r2's amount would
    # simply be "missing", and a formula in an optional column would pass as "not given"
    workbook = _workbook(tmp_path / "claims.xlsx", "Claims")
    book = openpyxl.load_workbook(workbook)
    book["Claims"]["D3"] = "=D2+10000"
    book.save(workbook)
    assert run("subsidy", str(workbook)) == (2, "")
    assert capsys.readouterr().err == (
        f"jetrules: error: {workbook}: sheet Claims, row 3: column D holds a formula saved "
        "without its value (the workbook was written by a program that does not calculate "
        "formulas); open it in Excel and save it, or enter the value\n"
    )


def test_a_workbook_of_several_sheets_needs_sheet(claims, tmp_path, capsys):
    workbook = _workbook(tmp_path / "book.xlsx", "Claims", "Notes")
    assert run("subsidy", str(workbook)) == (2, "")
    assert capsys.readouterr().err == (
        f"jetrules: error: {workbook}: the file: has 2 sheets ('Claims', 'Notes'); "
        "name the one to read (--sheet NAME)\n"
    )
    assert run("subsidy", str(workbook), "--sheet", "Claims") == run("subsidy", str(claims))
    assert run("subsidy", str(claims), "--sheet", "Claims") == (2, "")
    assert capsys.readouterr().err == (
        "jetrules: error: '--sheet' names a worksheet of an Excel workbook (.xlsx), not of "
        f"FILE (got '{claims}')\n"
    )


def test_csv_for_excel_has_a_byte_order_mark_with_utf_8_sig(claims):
    status, plain = run_bytes("subsidy", str(claims), "--format", "csv")
    assert status == 0
    assert not plain.startswith(b"\xef\xbb\xbf")
    status, marked = run_bytes(
        "subsidy", str(claims), "--format", "csv", "--output-encoding", "utf-8-sig"
    )
    assert status == 0
    assert marked == b"\xef\xbb\xbf" + plain


def test_cp932_output_writes_the_yen_sign_excel_shows(claims):
    _, as_utf8 = run_bytes("subsidy", str(claims), "--lang", "ja")
    status, as_cp932 = run_bytes(
        "subsidy", str(claims), "--lang", "ja", "--output-encoding", "cp932"
    )
    assert status == 0
    text = as_cp932.decode("cp932")
    assert text == as_utf8.decode("utf-8").replace("¥", "￥")
    assert "助成明細" in text


def test_a_stdout_that_cannot_write_the_yen_sign_still_gets_the_statements(claims):
    status, written = run_bytes("subsidy", str(claims), encoding="ascii")
    assert status == 0
    assert b"JPY 12,000" in written
    status, written = run_bytes("subsidy", str(claims), encoding="cp932")
    assert status == 0
    assert "￥12,000".encode("cp932") in written


def test_a_bad_output_encoding_is_refused_before_reading(claims, capsys):
    assert run("subsidy", str(claims), "--output-encoding", "klingon") == (2, "")
    assert capsys.readouterr().err == (
        "jetrules: error: '--output-encoding' must be a text encoding, such as utf-8 or cp932 "
        "(got 'klingon')\n"
    )


def test_a_cp932_file_without_encoding_points_at_the_option(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_bytes("番号,参加者,受診日,金額,保険適用,専門家,場所\n".encode("cp932"))
    assert run("subsidy", str(path)) == (2, "")
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"jetrules: error: {path}: line 1: is not UTF-8 text (byte 0x94")
    assert line.endswith(
        'give --encoding cp932 (encoding="cp932" in Python), or save the file as UTF-8'
    )
    assert run("subsidy", str(path), "--encoding", "cp932") == (
        0,
        f"No receipts in {path}: nothing to assess.\n",
    )


GOOD = "r9,P,2019-05-10,1000,no,yes,japan"
BAD_FILES = [
    (
        [f"{HEADER},金額", f"{GOOD},1000"],
        "line 1: column 8 ('金額') is the same column as column 4 ('amount')",
    ),
    ([HEADER, 'r1,P,2019-05-10,"³⁰⁰⁰",no,yes,japan'], "line 2: 'amount' must be written with"),
    ([HEADER, "r1,P,2019-05-10,100000001,no,yes,japan"], "line 2: 'amount' must be at most"),
    ([HEADER, "r1\x1b[2J,P,2019-05-10,1000,no,yes,japan"], "line 2: 'id' must not hold control"),
    ([HEADER, "r1,P,1900-01-01,1000,no,yes,japan"], "line 2: 'service_date' must be a day from"),
    ([HEADER, "r1,P,2019-05-10,1000,maybe,yes,japan"], "line 2: 'insured' must be yes or no"),
    ([HEADER, "r1,P,2019-05-10,1000,no,yes", GOOD], "line 2: has 6 cells; the header has 7"),
]


@pytest.mark.parametrize(("lines", "problem"), BAD_FILES)
def test_each_kind_of_bad_row_is_one_line_naming_its_place_and_nothing_else(
    tmp_path, capsys, lines, problem
):
    path = tmp_path / "claims.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert run("subsidy", str(path)) == (2, "")
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"jetrules: error: {path}: {problem}")


def test_every_receipt_an_early_submitted_on_is_early_for_is_named(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    rows = [f"r{n:02},P,2019-06-{n:02},1000,no,yes,japan" for n in range(1, 21)]
    path.write_text("\n".join([HEADER, *rows]), "utf-8")
    assert run("subsidy", str(path), "--submitted-on", "2019/6/1") == (2, "")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 19
    assert err[-1] == (
        f"jetrules: error: {path}: line 21: 'service_date' must not be after 2019-06-01, the day "
        "the claim arrived (--submitted-on), for a receipt without its own submitted_on "
        "(got '2019-06-20')"
    )


def test_bad_input_in_a_real_process_prints_no_traceback(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER}\nr1,P,2019-05-10,-1,no,yes,japan\nr2,P,2019-02-30,1,no,yes,日本\n")
    done = subprocess.run(
        [sys.executable, "-m", "jetrules", "subsidy", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [
        f"jetrules: error: {path}: line 2: 'amount' must be more than ¥0 (got '-1')",
        f"jetrules: error: {path}: line 3: 'service_date' must be a date such as 2023-04-20 or "
        "2023/4/20 (got '2019-02-30')",
    ]


def test_json_output_of_no_receipts_is_an_empty_list(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(HEADER + "\n", "utf-8")
    assert run("subsidy", str(path), "--format", "json") == (0, "[]\n")


def test_a_list_of_codes_is_one_csv_cell_and_a_json_list(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER}\nr1,P,2019-05-10,70000,no,yes,japan\n", "utf-8")
    code, out = run("subsidy", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert "ELIGIBLE CAP_PARTLY_REACHED" in {row["reason_codes"] for row in rows}
    assert [_json_value(v) for v in (["A", "B"], dt.date(2019, 5, 10), 3, None, True)] == [
        ["A", "B"],
        "2019-05-10",
        3,
        None,
        True,
    ]


def test_the_garbage_collector_is_back_on_after_a_run(claims, tmp_path):
    assert run("subsidy", str(claims))[0] == 0
    assert gc.isenabled()
    assert run("subsidy", str(tmp_path / "missing.csv"))[0] == 2
    assert gc.isenabled()


def test_a_workbook_without_the_excel_extra_names_it(tmp_path, capsys, monkeypatch):
    workbook = _workbook(tmp_path / "claims.xlsx", "Claims")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    assert run("subsidy", str(workbook)) == (2, "")
    assert capsys.readouterr().err == (
        "jetrules: error: reading Excel workbooks (.xlsx) needs openpyxl, the optional extra "
        "'excel': pip install 'jetrules[excel]'\n"
    )
