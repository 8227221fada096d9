"""`jetrules subsidy --participants FILE [--by-organisation]`, and receipts in other currencies.

Readers: the currency columns of receipt files (CSV, JSON, Excel) and the participants a receipt
may name; the command: terms applied, unknown participants as problems, claims by organisation.
"""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jetrules.cli import main
from jetrules.errors import InvalidRecords
from jetrules.money import Yen
from jetrules.records import read_receipts
from jetrules.records._receipt_rows import to_currency_code, to_decimal
from jetrules.subsidy import CLAIM_COLUMNS, RECORD_COLUMNS

HEADER = "id,participant,service_date,amount,insured,mental_health_professional,place"
PARTICIPANTS = (
    "参加者,任用開始日,任用終了日,任用団体,申請書,領収書,通帳の写し\n"
    "P-001,2023/8/1,2024/7/31,Saga,はい,はい,いいえ\n"
    "P-002,2023/8/1,2025/7/31,Saga,はい,はい,はい\n"
    "P-003,2023/8/1,2025/7/31,Karatsu,はい,はい,はい\n"
)
RECEIPTS = (
    f"{HEADER},通貨,為替レート\n"
    "r1,P-001,2024-06-10,100.00,no,yes,abroad,usd,149.5\n"
    'r2,P-001,2024-08-01,"¥1,000",no,yes,japan,,\n'
    "r3,P-002,2024-06-12,5000,no,yes,japan,円,\n"
    "r4,P-003,2024-07-01,3000,no,yes,japan,JPY,1\n"
)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    receipts, participants = tmp_path / "claims.csv", tmp_path / "people.csv"
    receipts.write_text(RECEIPTS, "utf-8")
    participants.write_text(PARTICIPANTS, "utf-8")
    return receipts, participants


# --- the readers ------------------------------------------------------------------------------


def test_a_receipt_file_gives_amounts_in_other_currencies_and_their_rates(files):
    receipts = read_receipts(files[0])
    first = receipts[0]
    assert (first.amount, first.currency, first.jpy_per_unit, first.amount_in_currency) == (
        Yen(14_950),
        "USD",
        Decimal("149.5"),
        Decimal("100.00"),
    )
    assert [r.currency for r in receipts[1:]] == [None, None, None]


def test_currency_problems_are_reported_on_their_lines_naming_the_field(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(
        f"{HEADER},currency,jpy_per_unit\n"
        "a,P,2024-06-10,100.00,no,yes,abroad,EUR,\n"
        "b,P,2024-06-10,1000,no,yes,abroad,円,2\n"
        "c,P,2024-06-10,0.001,no,yes,abroad,USD,1\n"
        "d,P,2024-06-10,abc,no,yes,abroad,US$,x\n"
        "e,P,2024-06-10,1000,no,yes,abroad,,149.5\n"
        "f,P,2024-06-10,1e999999999,no,yes,abroad,USD,1\n"
        "g,P,2024-06-10,5,no,yes,abroad,USD,0.0000001\n"
        "h,P,2024-06-10,999999999999,no,yes,abroad,USD,999999\n",
        "utf-8",
    )
    with pytest.raises(InvalidRecords) as caught:
        read_receipts(path)
    lines = [line.split(": ", 1)[1] for line in caught.value.lines()]
    assert lines == [
        "line 2: 'jpy_per_unit' must be given for an amount in EUR: no source gives a rate, the "
        "rate is the caller's (got '')",
        "line 3: 'jpy_per_unit' must be left out (or 1) for yen (got '2')",
        "line 4: 'amount' must come to at least ¥1 at 1 yen per USD (got '0.001')",
        "line 5: 'currency' must be a currency code of three letters such as USD or EUR "
        "(got 'US$')",
        "line 5: 'jpy_per_unit' must be a decimal number more than 0 such as 100.00 or 149.5 "
        "(got 'x')",
        "line 5: 'amount' must be a decimal number more than 0 such as 100.00 or 149.5 (got 'abc')",
        "line 6: 'jpy_per_unit' must be left out (or 1) for yen (got '149.5')",
        "line 7: 'amount' must be a decimal number more than 0 such as 100.00 or 149.5 "
        "(got '1e999999999')",  # exponents are not written in receipts
        "line 8: 'jpy_per_unit' must have at most 12 digits before the point and 6 after it "
        "(got '0.0000001')",
        "line 9: 'amount' must come to at most ¥100,000,000, the most a receipt holds (at 999999 "
        "yen per USD: ¥999,998,999,999,000,001) (got '999999999999')",
    ]


def test_json_and_workbook_receipts_take_the_currency_too(tmp_path):
    item = {
        "id": "a",
        "participant": "P",
        "service_date": "2024-06-10",
        "amount": "100.00",
        "insured": False,
        "mental_health_professional": True,
        "place": "abroad",
        "currency": "USD",
        "jpy_per_unit": "149.5",
    }
    path = tmp_path / "claims.json"
    path.write_text(json.dumps([item, {**item, "id": "b", "currency": None}]), "utf-8")
    with pytest.raises(InvalidRecords, match=r"receipt 2: 'jpy_per_unit' must be left out"):
        read_receipts(path)
    path.write_text(json.dumps([item]), "utf-8")
    assert read_receipts(path)[0].amount == Yen(14_950)
    path.write_text(
        json.dumps([{**item, "jpy_per_unit": 149.5}, {**item, "id": "b", "currency": 840}]),
        "utf-8",
    )
    with pytest.raises(InvalidRecords) as caught:  # each problem once, nothing made of it
        read_receipts(path)
    assert [line.split(": ", 1)[1] for line in caught.value.lines()] == [
        "receipt 2: 'currency' must be text (got 840)",
    ]
    book = openpyxl.Workbook()
    book.active.append(
        ["番号", "参加者", "受診日", "金額", "保険適用", "専門家", "場所", "通貨", "為替レート"]
    )
    book.active.append(["a", "P", "2024-06-10", "100.00", "いいえ", "はい", "海外", "USD", 149.5])
    workbook = tmp_path / "claims.xlsx"
    book.save(workbook)
    assert read_receipts(workbook)[0].amount == Yen(14_950)


def test_cells_of_currencies_and_decimals_are_read_by_the_vocabulary():
    assert to_currency_code("ｅｕｒ") == "EUR"
    assert to_currency_code("日本円") == "JPY"
    assert to_decimal("1,234.50", "amount") == Decimal("1234.50")
    for bad in ("0", "0.00", "-1", "1e3", ""):
        with pytest.raises(ValueError, match="'amount' must be a decimal number more than 0"):
            to_decimal(bad, "amount")


def test_a_receipt_of_a_participant_not_given_is_a_problem_of_its_line(files, tmp_path):
    path = tmp_path / "claims.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "a",
                    "participant": "P-9",
                    "service_date": "2024-06-10",
                    "amount": 1000,
                    "insured": False,
                    "mental_health_professional": True,
                    "place": "japan",
                }
            ]
        ),
        "utf-8",
    )
    with pytest.raises(InvalidRecords) as caught:
        read_receipts(path, participants={"P-001"})
    assert caught.value.lines() == (
        f"{path}: receipt 1: 'participant' must be one of the participants given: a participant "
        "without a term is not assumed (got 'P-9')",
    )
    assert len(read_receipts(files[0], participants={"P-001", "P-002", "P-003"})) == 4


# --- the command ------------------------------------------------------------------------------


def test_participants_apply_their_terms(files):
    receipts, participants = files
    status, out = run(
        "subsidy", str(receipts), "--participants", str(participants), "--format", "csv"
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(RECORD_COLUMNS)
    by_id = {row["receipt_id"]: row for row in rows}
    assert by_id["r2"]["reason_codes"] == "OUTSIDE_TERM"
    assert by_id["r2"]["subsidy"] == "0"
    assert (by_id["r1"]["amount"], by_id["r1"]["subsidy"]) == ("14950", "7475")
    assert (
        by_id["r1"]["currency"],
        by_id["r1"]["amount_in_currency"],
        by_id["r1"]["jpy_per_unit"],
    ) == (
        "USD",
        "100.00",
        "149.5",
    )
    assert (by_id["r3"]["currency"], by_id["r3"]["jpy_per_unit"]) == ("", "")


def test_unknown_participants_are_problems_with_file_and_line_and_nothing_is_printed(
    files, tmp_path, capsys
):
    receipts, _ = files
    few = tmp_path / "few.csv"
    few.write_text(
        "participant,appointed_from,appointed_to,organisation\nP-001,2023-08-01,2024-07-31,Saga\n"
    )
    status, out = run("subsidy", str(receipts), "--participants", str(few))
    assert (status, out) == (2, "")
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"jetrules: error: {receipts}: line {n}: 'participant' must be one of the participants "
        f"of {few}: a participant without a term is not assumed (got '{who}')"
        for n, who in ((4, "P-002"), (5, "P-003"))
    ]


def test_by_organisation_as_a_table_in_both_languages(files):
    receipts, participants = files
    status, out = run(
        "subsidy", str(receipts), "--participants", str(participants), "--by-organisation"
    )
    assert status == 0
    assert out.startswith(
        "Karatsu, FY2024: participants 1, receipts 1, claimed ¥3,000, payable ¥1,500"
    )
    assert (
        "Saga, FY2024: participants 2, receipts 3, claimed ¥20,950, payable ¥9,975, late receipts 0"
        in out
    )
    assert "copy of the bank book's inside cover" in out
    status, out = run(
        "subsidy",
        str(receipts),
        "--participants",
        str(participants),
        "--by-organisation",
        "--lang",
        "ja",
    )
    assert "通帳の見開きページの写し" in out


def test_by_organisation_as_json_and_csv(files):
    receipts, participants = files
    common = ("subsidy", str(receipts), "--participants", str(participants), "--by-organisation")
    _, out = run(*common, "--format", "json")
    groups = json.loads(out)
    assert [(g["organisation"], g["fiscal_year"], g["payable"]) for g in groups] == [
        ("Karatsu", 2024, 1_500),
        ("Saga", 2024, 9_975),
    ]
    saga = groups[1]["claims"]
    assert [(c["participant"], c["lacking_codes"]) for c in saga] == [
        ("P-001", ["bank_book_copy"]),
        ("P-002", []),
    ]
    assert saga[0]["appointed_from"] == "2023-08-01"
    _, out = run(*common, "--format", "csv", "--lang", "ja")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(CLAIM_COLUMNS)
    assert [(r["participant"], r["lacking"], r["lacking_codes"]) for r in rows] == [
        ("P-003", "なし", ""),
        ("P-001", "通帳の見開きページの写し", "bank_book_copy"),
        ("P-002", "なし", ""),
    ]


def test_by_organisation_is_written_in_the_output_encoding(files, tmp_path):
    receipts, participants = files
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    status = main(
        [
            "subsidy",
            str(receipts),
            "--participants",
            str(participants),
            "--by-organisation",
            "--format",
            "csv",
            "--lang",
            "ja",
            "--output-encoding",
            "cp932",
        ],
        out=out,
    )
    out.flush()
    assert status == 0
    assert "通帳の見開きページの写し".encode("cp932") in out.buffer.getvalue()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--by-organisation",), "--by-organisation needs --participants FILE"),
        (("--participants-sheet", "X"), "--participants-sheet needs --participants FILE"),
        (
            ("--participants", "PEOPLE", "--participants-sheet", "X"),
            "'--participants-sheet' names a worksheet",
        ),
    ],
)
def test_participant_options_without_what_they_need_are_usage_errors(files, capsys, extra, message):
    receipts, participants = files
    argv = [str(participants) if word == "PEOPLE" else word for word in extra]
    status, out = run("subsidy", str(receipts), *argv)
    assert (status, out) == (2, "")
    assert message in capsys.readouterr().err


def test_a_participants_workbook_is_read_from_its_sheet(files, tmp_path):
    receipts, _ = files
    book = openpyxl.Workbook()
    book.active.title = "Staff"
    book.create_sheet("Other")
    for row in csv.reader(io.StringIO(PARTICIPANTS)):
        book["Staff"].append(row)
    path = tmp_path / "people.xlsx"
    book.save(path)
    status, out = run(
        "subsidy",
        str(receipts),
        "--participants",
        str(path),
        "--participants-sheet",
        "Staff",
        "--by-organisation",
    )
    assert status == 0
    assert "Karatsu" in out
