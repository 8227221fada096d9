import csv
import io
import json
from pathlib import Path

import pytest

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
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {path}: line 3: 'service_date' must not be after 2019-05-20, the day "
        "the claim arrived (--submitted-on), for a receipt without its own submitted_on "
        "(got '2019-06-01')"
    ]
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
    assert capsys.readouterr().err == (
        "jetrules: error: '--encoding' must be a text encoding, such as utf-8 or cp932 "
        "(got 'ebcdic-jp')\n"
    )


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
    assert "'service_date' must be a date such as 2023-04-20 or 2023/4/20" in err[1]
    assert "has 6 cells; the header has 7" in err[2]
    assert "'r1' is also on line 2" in err[3]


def test_a_missing_column_exits_2(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text("id,participant,service_date,amount\nr1,P,2019-05-01,1000\n", encoding="utf-8")
    assert run("subsidy", str(path), "--format", "json") == (2, "")
    assert "missing columns: insured, mental_health_professional" in capsys.readouterr().err


def test_a_year_without_terms_is_listed_and_warned_about(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER}\nr1,P,2022-05-01,1000,no,yes,japan\n", encoding="utf-8")
    status, out = run("subsidy", str(path))
    assert status == 0
    assert "r1: No published terms cover FY2022" in out
    assert out.rstrip().endswith("n/a")
    assert "1 receipt falls in fiscal years with no published terms (FY2022)" in (
        capsys.readouterr().err
    )


def test_a_bad_submission_date(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    assert run("subsidy", str(path), "--submitted-on", "soon") == (2, "")
    assert "'--submitted-on' must be a date such as 2023-04-20 or 2023/4/20 (got 'soon')" in (
        capsys.readouterr().err
    )


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


# --- policy files and assumed terms (issue 11) --------------------------------------------------

FY2025_CLAIMS = "\n".join(
    [
        f"{HEADER},submitted_on",
        'E-01,JET-0142,2025-05-12,"¥24,000",no,yes,japan,2026-03-30',
        'E-02,JET-0142,2025-09-08,"¥24,000",no,yes,abroad,2026-04-01',
        'E-03,JET-0142,2025-11-10,"¥24,000",no,yes,japan,2026-04-02',
    ]
)


def test_fy2025_without_assumed_terms_names_what_is_missing_and_the_option(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(FY2025_CLAIMS, encoding="utf-8")
    status, out = run("subsidy", str(path))
    assert status == 0
    assert (
        out.count("No published terms cover FY2025 in full (not published: rate, annual cap") == 3
    )
    assert "--assume-terms-from 2024 on the command line" in out
    assert "Terms: no published terms for this year (not published: rate," in out
    [warning] = capsys.readouterr().err.splitlines()
    assert warning == (
        "jetrules: warning: 3 receipts fall in fiscal years with terms published in part "
        "(FY2025 does not publish rate, annual_cap, place, insured_costs_excluded, "
        "professional_required, rounding, share_out); they are listed with NO_EDITION and paid "
        "nothing (to assess them under another year's published terms, pass "
        "--assume-terms-from YEAR, such as 2024)"
    )


def test_fy2025_with_fy2024s_terms_assumed(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(FY2025_CLAIMS, encoding="utf-8")
    status, out = run("subsidy", str(path), "--assume-terms-from", "2024", "--format", "csv")
    assert status == 0
    rows = {row["receipt_id"]: row for row in csv.DictReader(io.StringIO(out))}
    assert {r: (rows[r]["subsidy"], rows[r]["reason_codes"]) for r in rows} == {
        "E-01": ("12000", "ELIGIBLE CLAIM_IN_TIME ASSUMED_TERMS"),
        "E-02": ("12000", "ELIGIBLE CLAIM_IN_TIME ASSUMED_TERMS"),  # abroad: FY2024 allows it
        "E-03": ("0", "LATE_CLAIM ASSUMED_TERMS"),  # 2026-04-02: a day after FY2025's deadline
    }
    assert {row["terms_origin"] for row in rows.values()} == {"assumed"}
    assert (
        "assumed, at the caller's request, from the published FY2024 terms"
        in (rows["E-01"]["explanation"])
    )
    [warning] = capsys.readouterr().err.splitlines()
    assert warning == (
        "jetrules: warning: Counselling Assistance Programme terms are not published (in full) "
        "for FY2025; the terms published for FY2024 were assumed (--assume-terms-from), and "
        "every decision made under them says so (ASSUMED_TERMS)"
    )
    status, out = run("subsidy", str(path), "--assume-terms-from", "FY2024", "--lang", "ja")
    assert "2024年度の公表された要件を仮定しています。" in out
    status, out = run("subsidy", str(path), "--assume-terms-from", "FY2024", "--format", "json")
    [statement] = json.loads(out)
    assert (statement["terms_origin"], statement["assumed_from"]) == ("assumed", 2024)
    assert statement["assumed"][:2] == ["rate", "annual_cap"]
    assert statement["total_subsidy"] == 24_000


def test_a_bad_year_to_assume_exits_2(tmp_path, capsys):
    path = tmp_path / "claims.csv"
    path.write_text(FY2025_CLAIMS, encoding="utf-8")
    assert run("subsidy", str(path), "--assume-terms-from", "next year") == (2, "")
    assert "'--assume-terms-from' must be written FY2019, 2019 or 2019年度" in (
        capsys.readouterr().err
    )
    assert run("subsidy", str(path), "--assume-terms-from", "2022") == (2, "")
    assert "cannot be assumed for FY2025" in capsys.readouterr().err


CAP_40000 = """\
[[subsidy]]
fiscal_year = 2019
annual_cap = { value = 40000, source = "seed-fy2019", paraphrase = "what if the cap were ¥40,000" }
"""


def test_a_40000_yen_cap_for_fy2019_changes_the_totals_and_says_so(tmp_path, capsys):
    policy = tmp_path / "cap.toml"
    policy.write_text(CAP_40000, encoding="utf-8")
    _, published = run("subsidy", EXAMPLE)
    status, out = run("subsidy", EXAMPLE, "--policy", str(policy))
    assert status == 0
    assert published.splitlines()[-6:][1].split()[5] == "¥30,000"
    summary = out.splitlines()[-6:]
    assert summary[1].split() == [
        "JET-0142",
        "FY2019",
        "8",
        "¥85,800",
        "¥77,000",
        "¥38,500",
        "¥1,500",
    ]
    supplied = "supplied, not the published terms: annual cap ¥40,000 "
    assert out.count(f"Terms origin: {supplied}(published: ¥30,000)") == 4  # each FY2019 statement
    decided = "Decided under supplied terms, not the published ones: annual cap ¥40,000 "
    assert out.count(f"{decided}(published: ¥30,000).") == 21  # and each of its 21 decisions
    assert "up to ¥30,000 per year" not in out
    assert "Terms origin" not in out.split("FY2019 statement")[0]  # FY2018's are published
    _, as_csv = run("subsidy", EXAMPLE, "--policy", str(policy), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    fy2019 = [row for row in rows if row["fiscal_year"] == "2019"]
    assert {(r["terms_origin"], r["changes"]) for r in fy2019} == {
        ("supplied", "annual cap ¥40,000 (published: ¥30,000)")
    }
    assert {r["terms_origin"] for r in rows if r["fiscal_year"] != "2019"} == {"published"}
    _, as_json = run("subsidy", EXAMPLE, "--policy", str(policy), "--format", "json")
    statements = json.loads(as_json)
    jet0142 = next(s for s in statements if s["fiscal_year"] == 2019)  # an int, as in records
    assert (jet0142["terms_origin"], jet0142["changes"]) == (
        "supplied",
        [{"parameter": "annual_cap", "value": 40_000, "published": 30_000}],
    )
    assert capsys.readouterr().err == ""


def test_json_gives_each_changed_value_as_json_holds_it(tmp_path):
    policy = tmp_path / "what-if.toml"
    policy.write_text(
        '[source.memo]\ntitle = "A memo"\n'
        "[[subsidy]]\nfiscal_year = 2018\n"
        'rate = { value = "1/3", source = "memo" }\n'
        'place = { value = "japan_or_abroad", source = "memo" }\n'
        'claim_deadline = { value = 2019-04-30, source = "memo" }\n'
        'insured_costs_excluded = { value = false, source = "memo" }\n',
        encoding="utf-8",
    )
    _, out = run("subsidy", EXAMPLE, "--policy", str(policy), "--format", "json")
    fy2018 = json.loads(out)[0]
    assert fy2018["changes"] == [
        {"parameter": "rate", "value": "1/3", "published": "1/2"},
        {"parameter": "place", "value": "japan_or_abroad", "published": "in_japan"},
        {"parameter": "claim_deadline", "value": "2019-04-30", "published": "2019-04-12"},
        {"parameter": "insured_costs_excluded", "value": False, "published": True},
    ]
    assert "A memo" in fy2018["source"]


def test_a_bad_policy_file_lists_its_problems_and_exits_2(tmp_path, capsys):
    policy = tmp_path / "bad.toml"
    policy.write_text(
        "[[subsidy]]\nfiscal_year = 2019\n"
        'annual_cap = { value = "lots", source = "seed-fy2019" }\n',
        encoding="utf-8",
    )
    assert run("subsidy", EXAMPLE, "--policy", str(policy)) == (2, "")
    assert "subsidy FY2019, annual_cap" in capsys.readouterr().err


@pytest.mark.parametrize("output", ["csv", "table"])
def test_the_warnings_are_in_japanese_with_lang_ja(tmp_path, capsys, output):
    """Both the CSV path and the assessment's say the same, in the language asked for."""
    path = tmp_path / "claims.csv"
    path.write_text(
        FY2025_CLAIMS + "\nE-09,JET-0142,2022-05-12,8000,no,yes,japan,\n", encoding="utf-8"
    )
    assert run("subsidy", str(path), "--lang", "ja", "--format", output)[0] == 0
    assert capsys.readouterr().err.splitlines() == [
        "jetrules: warning: 4件の領収書は要件が公表されていない年度（2022年度）または要件が一部"
        "のみ公表された年度（2025年度はrate, annual_cap, place, insured_costs_excluded, "
        "professional_required, rounding, share_outを公表していません）のものです。NO_EDITION"
        "として示し、助成額は0円です（他の年度に公表された要件で審査するには "
        "--assume-terms-from YEAR を指定してください。例：2024）"
    ]
    argv = ("subsidy", str(path), "--lang", "ja", "--format", output)
    assert run(*argv, "--assume-terms-from", "2024")[0] == 0
    assert capsys.readouterr().err.splitlines() == [
        "jetrules: warning: 2022年度、2025年度のカウンセリング費用助成の要件は（すべては）公表"
        "されていません。2024年度に公表された要件を仮定し（--assume-terms-from）、その要件による"
        "各決定にその旨を記載しています（ASSUMED_TERMS）"
    ]


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2022-05-12", "1件の領収書は要件が公表されていない年度（2022年度）のものです。NO_EDITION"),
        ("2025-05-12", "1件の領収書は要件が一部のみ公表された年度（2025年度はrate, annual_cap, "),
    ],
)
def test_the_warning_of_one_kind_of_year_without_terms_in_japanese(tmp_path, capsys, day, said):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER}\nE-09,JET-0142,{day},8000,no,yes,japan\n", encoding="utf-8")
    assert run("subsidy", str(path), "--lang", "ja", "--format", "csv")[0] == 0
    [warning] = capsys.readouterr().err.splitlines()
    assert warning.startswith(f"jetrules: warning: {said}")
    assert warning.endswith("--assume-terms-from YEAR を指定してください。例：2024）")
