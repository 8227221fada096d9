import csv
import io
import json
from pathlib import Path

from jetrules.cli import main
from jetrules.subsidy import RECORD_COLUMNS

EXAMPLE = str(Path(__file__).parent.parent / "examples" / "claims-fy2019.csv")
HEADER = "id,participant,service_date,amount,insured,mental_health_professional,place"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_the_example_as_a_table():
    status, out = run("subsidy", EXAMPLE)
    assert status == 0
    assert out.count("statement for participant") == 6
    assert "FY18-A-07 (claim arrived 2019-04-05): Eligible under the FY2018 terms" in out
    assert "FY18-A-09 (claim arrived 2019-04-19): The claim arrived after the deadline" in out
    assert "B-05     2020-03-31" in out  # 31 March: FY2019
    summary = out.splitlines()[-6:]
    assert summary[1].split() == ["JET-0142", "FY2019", "8", "¥85,800", "¥77,000", "¥30,000", "¥0"]
    assert summary[3].split() == [
        "JET-0587",
        "FY2020",
        "1",
        "¥7,001",
        "¥7,001",
        "¥3,500",
        "¥26,500",
    ]


def test_the_example_in_japanese_each_receipt_with_its_own_arrival():
    status, out = run("subsidy", EXAMPLE, "--lang", "ja", "--submitted-on", "2020-04-10")
    assert status == 0
    assert "2018年度 助成明細：JET-0142" in out
    # FY2018: two claims arrived in time and one late, each on its own date (they have one) ...
    assert out.count("申請は2019-04-05に到着し、期限2019-04-12に間に合っています。") == 2
    assert "申請が期限後に到着しました（2019-04-19着、期限2019-04-12）" in out
    assert "（2020-04-10着、期限2019-04-12）" not in out
    # ... and the FY2019 receipts, without one, take --submitted-on
    assert "A-01 (申請到着日 2020-04-10)" in out
    assert "参加者" in out


def test_submitted_on_beyond_a_receipt_without_its_own_date_is_refused(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(
        f"{HEADER},submitted_on\nr1,P,2019-05-01,1000,no,yes,japan,2019-05-02\n"
        "r2,P,2019-06-01,1000,no,yes,japan,\n",
        encoding="utf-8",
    )
    assert run("subsidy", str(path), "--submitted-on", "2019-05-20") == (2, "")
    assert "'submitted_on' must not be before a receipt's service date (r2: 2019-06-01)" in (
        capsys.readouterr().err
    )
    status, out = run("subsidy", str(path), "--submitted-on", "2019-06-01")
    assert status == 0
    assert "r1 (claim arrived 2019-05-02)" in out
    assert "r2 (claim arrived 2019-06-01)" in out


def test_a_cp932_file_with_encoding(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_bytes(f"{HEADER}\n領収書-1,山田,2019-05-10,1000,no,yes,日本\n".encode("cp932"))
    status, out = run("subsidy", str(path), "--encoding", "cp932", "--format", "csv")
    assert status == 0
    assert "領収書-1" in out
    assert run("subsidy", str(path)) == (2, "")
    [line] = capsys.readouterr().err.splitlines()
    assert "line 2: is not UTF-8 text (byte 0x97 at offset" in line
    assert run("subsidy", str(path), "--encoding", "ebcdic-jp") == (2, "")
    assert "'encoding' must be a text encoding" in capsys.readouterr().err


def test_json_and_csv_outputs_agree():
    _, as_json = run("subsidy", EXAMPLE, "--format", "json")
    _, as_csv = run("subsidy", EXAMPLE, "--format", "csv")
    statements = json.loads(as_json)
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert len(rows) == sum(len(s["decisions"]) for s in statements) == 25
    assert sum(s["total_subsidy"] for s in statements) == sum(int(r["subsidy"]) for r in rows)
    by_id = {r["receipt_id"]: r for r in rows}
    assert (by_id["A-07"]["subsidy"], by_id["A-07"]["cut_by_cap"]) == ("2500", "3000")
    assert by_id["A-04"]["reason_codes"] == "INSURED_COST"


def test_a_file_with_bad_rows_lists_each_and_prints_no_statement(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,
                "r1,P,2019-05-01,1000,no,yes,japan",
                "r2,P,2019-05-01,-500,no,yes,japan",  # a negative amount
                "r3,P,2019-13-01,1000,no,yes,japan",  # an unknown date
                "r4,P,2019-05-01,1000,no,yes",  # a missing column
                "r1,P,2019-06-01,1000,no,yes,japan",  # a duplicate id
            ]
        ),
        encoding="utf-8",
    )
    assert run("subsidy", str(path)) == (2, "")
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[3] for line in err] == ["line 3", "line 4", "line 5", "line 6"]
    assert "'amount' must be more than ¥0 (got '-500')" in err[0]
    assert "'service_date' must be an ISO date" in err[1]
    assert "has 6 cells; the header has 7" in err[2]
    assert "'r1' is also on line 2" in err[3]


def test_a_missing_column_exits_2(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text("id,participant,service_date,amount\nr1,P,2019-05-01,1000\n", encoding="utf-8")
    assert run("subsidy", str(path), "--format", "json") == (2, "")
    assert "missing column(s): insured" in capsys.readouterr().err


def test_a_year_without_terms_is_listed_and_warned_about(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER}\nr1,P,2022-05-01,1000,no,yes,japan\n", encoding="utf-8")
    status, out = run("subsidy", str(path))
    assert status == 0
    assert "r1: No published terms cover FY2022" in out
    assert out.rstrip().endswith("n/a")
    assert "1 receipt(s) fall in fiscal years with no published terms (FY2022)" in (
        capsys.readouterr().err
    )


def test_a_bad_submission_date(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    assert run("subsidy", str(path), "--submitted-on", "soon") == (2, "")
    assert "'--submitted-on' must be an ISO date" in capsys.readouterr().err


def test_a_file_with_no_receipts_says_so(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    assert run("subsidy", str(path)) == (0, f"No receipts in {path}: nothing to assess.\n")
    assert run("subsidy", str(path), "--lang", "ja") == (0, f"{path} に領収書がありません。\n")
    status, out = run("subsidy", str(path), "--format", "csv")
    assert status == 0
    assert out.startswith("participant,fiscal_year,receipt_id,")  # a header, even with no rows
    assert out.count("\n") == 1


def test_csv_records_have_the_documented_columns():
    status, out = run("subsidy", EXAMPLE, "--format", "csv")
    assert status == 0
    assert tuple(next(csv.reader(io.StringIO(out)))) == RECORD_COLUMNS
