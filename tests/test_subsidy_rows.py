"""The command's CSV path (read_receipt_rows, csv_lines_of_rows) against the assessment's.

Whatever file the rows path takes, its lines are those of read_receipts, assess and
Ledger.iter_csv, byte for byte; every file it does not take is left to them (None), and the
command then gives what it always gave.
"""

from __future__ import annotations

import copy
import csv
import io
import os
import pickle
import re
import tempfile
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from jetrules.calendar import FiscalYear
from jetrules.cli import main
from jetrules.cli import subsidy as cli_subsidy
from jetrules.errors import InvalidInput, InvalidRecords, NoRuleInForce, WrongType
from jetrules.money import Rounding
from jetrules.records import _fast_receipts as fast
from jetrules.records import read_receipt_rows, read_receipts, to_day
from jetrules.subsidy import Receipt, ReceiptRows, assess, csv_lines_of_rows, terms_for

HEADER = "id,participant,service_date,amount,insured,mental_health_professional,place"
JA_HEADER = "領収書番号,参加者,受診日,金額,保険適用,専門家,場所"

DAYS = (
    "2019-04-01",
    "2019/5/10",
    "2020-03-31",
    "2020-04-01",
    "2021-12-28",
    "2024-06-30",
    "2022-05-10",  # no published terms
    "2025-05-10",  # terms published in part
    "2026-04-01",  # none yet
    "2023-06-10",  # no place named
)
AMOUNTS = ("7001", "¥7,001", "15,000", "１２０００", "60000", "5500")
FLAGS = ("yes", "no", "はい", "いいえ", "true", "No")
PLACES = ("japan", "abroad", "日本", "海外")
PARTICIPANTS = (
    "JET-0001",
    "JET-0002",
    "Smith, J",
    "=cmd",
    "ＪＥＴ－０００３",
    'Say "hi"',
    "田中　花子",
    "O’Brien",
    "'quoted",
    "-1",
)


def _row(ident: str, participant: str, day: str, *rest: str) -> list[str]:
    return [ident, participant, day, *rest]


@st.composite
def claims_files(draw: st.DrawFn) -> tuple[str, list[str]]:
    """The text of a claims file the rows path takes (or may not), and the command's options."""
    count = draw(st.integers(1, 40))
    ids = draw(
        st.lists(
            st.sampled_from(("r", "R-", "x,y", '"q"', "=f", "+1", " r")).flatmap(
                lambda prefix: st.integers(0, 999).map(lambda n: f"{prefix}{n}")
            ),
            min_size=count,
            max_size=count,
            unique_by=str.strip,
        )
    )
    own_days = draw(st.booleans())
    rows = []
    for ident in ids:
        day = draw(st.sampled_from(DAYS))
        row = _row(
            ident,
            draw(st.sampled_from(PARTICIPANTS)),
            day,
            draw(st.sampled_from(AMOUNTS)),
            draw(st.sampled_from(FLAGS)),
            draw(st.sampled_from(FLAGS)),
            draw(st.sampled_from(PLACES)),
        )
        if own_days:
            row.append(draw(st.sampled_from(("", " ", "2024-07-01", "2021-01-04", day))))
        rows.append(row)
    header = draw(st.sampled_from((HEADER, JA_HEADER))) + (",submitted_on" if own_days else "")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    options = draw(st.sampled_from(([], ["--lang", "ja"], ["--submitted-on", "2024-09-30"])))
    return f"{header}\n{out.getvalue()}", options


def _day(text: str) -> pendulum.Date:
    return to_day(text, "submitted_on")


@given(claims_files())
def test_the_rows_path_writes_what_the_assessment_writes(file):
    text, options = file
    submitted_on = options[1] if options[:1] == ["--submitted-on"] else None
    lang = "ja" if options[:1] == ["--lang"] else "en"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "claims.csv")
        path.write_text(text, "utf-8")
        batch = None if submitted_on is None else _day(submitted_on)
        rows = read_receipt_rows(path, submitted_on=batch)
        try:
            receipts = read_receipts(path, submitted_on=submitted_on)
        except InvalidRecords:  # a problem to report: the rows path leaves the file
            assert rows is None
            return
    expected = "".join(assess(receipts, submitted_on=submitted_on).iter_csv(lang))
    event("taken" if rows is not None else "left")
    if rows is not None:
        made = csv_lines_of_rows(rows, lang=lang)
        assert "".join(made.lines) == expected


def _command(monkeypatch, capsys, *argv: str, rows: bool) -> tuple[int, str, str]:
    if not rows:
        monkeypatch.setattr(cli_subsidy, "read_receipt_rows", lambda *a, **k: None)
    status = main(["subsidy", *argv])
    out, err = capsys.readouterr()
    monkeypatch.undo()
    return status, out, err


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--lang", "ja"],
        ["--submitted-on", "2020-05-01"],
        ["--output-encoding", "utf-8-sig"],
        ["--assume-terms-from", "2024"],
        ["--policy", "examples/what-if-fy2019-cap.toml"],
        ["--lang", "en"],  # FY2025 and FY2026 without terms: NO_EDITION, warned of
        ["--policy", "WHAT-IF"],  # rounding up, no deadline, any place: the file below
    ],
)
def test_the_command_gives_the_same_output_either_way(monkeypatch, capsys, tmp_path, options):
    what_if = tmp_path / "what-if.toml"
    what_if.write_text(
        "[[subsidy]]\nfiscal_year = 2019\n"
        'rounding = { value = "ceiling", reading = "round-down" }\n'
        'place = { value = "any_place", reading = "no-place-named" }\n\n'
        "[[subsidy]]\nfiscal_year = 2020\n"
        'claim_deadline = { reading = "no-deadline-published" }\n',
        "utf-8",
    )
    options = [str(what_if) if option == "WHAT-IF" else option for option in options]
    path = tmp_path / "claims.csv"
    lines = [HEADER + ",submitted_on"]
    for number in range(300):
        day = ("2019-05-10", "2020-04-02", "2025-06-01", "2026-05-01")[number % 4]
        if "--assume-terms-from" not in options and options != ["--lang", "en"]:
            day = day.replace("2025", "2019").replace("2026", "2020")
        arrived = "2020-04-30" if number % 7 == 0 and day < "2020-04-30" else ""
        lines.append(
            f"r{number},P-{number % 13},{day},{5000 + 1000 * (number % 9)},"
            f"{'yes' if number % 11 == 0 else 'no'},yes,{'abroad' if number % 5 == 0 else 'japan'},"
            f"{arrived}"
        )
    path.write_text("\n".join(lines) + "\n", "utf-8")
    argv = (str(path), "--format", "csv", *options)
    fast_run = _command(monkeypatch, capsys, *argv, rows=True)
    assert fast_run == _command(monkeypatch, capsys, *argv, rows=False)
    assert fast_run[0] == 0
    assert fast_run[1].count("\n") == 301


def test_the_command_takes_the_rows_path_for_a_file_of_receipts_in_yen(monkeypatch, capsys):
    def refused(*args, **kwargs):
        raise AssertionError("read_receipts is not called")

    monkeypatch.setattr(cli_subsidy, "read_receipts", refused)
    assert main(["subsidy", "examples/claims-fy2019.csv", "--format", "csv"]) == 0
    assert "ELIGIBLE" in capsys.readouterr().out


GOOD = "r1,P-1,2019-05-10,7001,no,yes,japan"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("id,participant\nr1,P-1\n", "a header without every column"),
        (f"{HEADER},notes\n{GOOD},hello\n", "a column the reader of every file refuses"),
        (f"{HEADER}\n{GOOD},extra\n", "a row wider than the header"),
        (f"{HEADER}\n{GOOD}\n\n", "a blank line"),
        (f"{HEADER}\n{GOOD}\n,,,,,,\n", "a row of blank cells"),
        (f'{HEADER}\nr1,"P-1,2019-05-10,7001,no,yes,japan\n', "a quote left open"),
        (f"{HEADER}\nr1,P-1,2019-05-10,0,no,yes,japan\n", "an amount of ¥0"),
        (f"{HEADER}\nr1,P-1,2019-05-10,7001,maybe,yes,japan\n", "a flag that is no flag"),
        (f"{HEADER}\nr1,,2019-05-10,7001,no,yes,japan\n", "a blank participant"),
        (f"{HEADER}\n ,P-1,2019-05-10,7001,no,yes,japan\n", "a blank id"),
        (f"{HEADER}\n{GOOD}\n{GOOD}\n", "an id given twice"),
        (f"{HEADER}\nｒ1,P-1,2019-05-10,7001,no,yes,japan\n", "an id of full-width letters"),
        (f"{HEADER}\nr\x071,P-1,2019-05-10,7001,no,yes,japan\n", "an id with a control character"),
        (f"{HEADER},currency\n{GOOD},USD\n", "a receipt in another currency"),
        (f"{HEADER},jpy_per_unit\n{GOOD},1\n", "a rate given"),
        (f"{HEADER},submitted_on\n{GOOD},2019-05-09\n", "a claim before its service"),
    ],
)
def test_a_file_the_rows_path_does_not_take_is_left_to_read_receipts(tmp_path, text, why):
    path = tmp_path / "claims.csv"
    path.write_text(text, "utf-8")
    assert read_receipt_rows(path) is None, why


def test_a_receipt_after_the_batchs_day_of_arrival_is_left_to_read_receipts(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER},submitted_on\n{GOOD},\n", "utf-8")
    assert read_receipt_rows(path, submitted_on=_day("2019-05-09")) is None
    rows = read_receipt_rows(path, submitted_on=_day("2019-05-10"))
    assert rows == ReceiptRows(
        [("P-1", 2019, "2019-05-10", "r1", 7001, False, True, "japan", "2019-05-10")]
    )


def test_blank_currency_columns_and_a_blank_arrival_are_receipts_in_yen(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER},currency,jpy_per_unit,submitted_on\n{GOOD}, ,, \n", "utf-8")
    assert list(read_receipt_rows(path)) == [
        ("P-1", 2019, "2019-05-10", "r1", 7001, False, True, "japan", "")
    ]


def test_a_file_that_cannot_be_opened_is_left_to_read_receipts(tmp_path):
    assert read_receipt_rows(tmp_path / "missing.csv") is None
    assert read_receipt_rows(tmp_path) is None  # a folder


@pytest.mark.parametrize("name", ["claims.json", "claims.xlsx"])
def test_a_json_file_or_a_workbook_is_left_to_read_receipts(tmp_path, name):
    path = tmp_path / name
    path.write_text(f"{HEADER}\n{GOOD}\n", "utf-8")
    assert read_receipt_rows(path) is None


def test_a_file_that_is_not_utf8_is_left_to_read_receipts(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(
        f"{HEADER}\n{GOOD}\n".encode() + "r2,田中,2019-05-11,7001,no,yes,japan\n".encode("cp932")
    )
    assert read_receipt_rows(path) is None


def test_progress_is_called_every_block_of_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(fast, "BLOCK", 2)
    path = tmp_path / "claims.csv"
    lines = [f"r{n},P-1,2019-05-10,7001,no,yes,japan" for n in range(5)]
    path.write_text("\n".join([HEADER, *lines]) + "\n", "utf-8")
    seen: list[int] = []
    rows = read_receipt_rows(path, progress=seen.append)
    assert seen == [2, 4]  # not after the last, short block: as read_receipts, every so many
    assert rows is not None
    assert [row[3] for row in rows] == [f"r{n}" for n in range(5)]


def _rows_of(*receipts: Receipt) -> list:
    return [
        (
            r.participant,
            r.fiscal_year.year,
            r.service_date.isoformat(),
            r.id,
            r.amount.amount,
            r.insured,
            r.mental_health_professional,
            r.place.value,
            "" if r.submitted_on is None else r.submitted_on.isoformat(),
        )
        for r in receipts
    ]


def test_a_year_without_terms_says_no_edition_as_the_assessment_does():
    """Today's files (FY2025, FY2026) take the rows path too, each receipt NO_EDITION."""
    receipts = [
        Receipt(id="r1", participant="P", service_date="2026-05-01", amount=7_001),
        Receipt(id="r2", participant="P", service_date="2025-05-01", amount=7_001),
        Receipt(id="r3", participant="Q", service_date="2026-06-01", amount=7_001),
        Receipt(id="r4", participant="Q", service_date="2024-06-01", amount=7_001),
    ]
    made = csv_lines_of_rows(_rows_of(*receipts))
    assert "".join(made.lines) == "".join(assess(receipts).iter_csv())
    assert made.assumed == ()
    assert {year.year: count for year, (count, _) in made.unassessed.items()} == {2025: 1, 2026: 2}
    assert "rate" in made.unassessed[FiscalYear(2025)][1]
    assumed = csv_lines_of_rows(_rows_of(*receipts), assume=2024)
    assert [str(year) for year in assumed.assumed] == ["FY2025", "FY2026"]
    assert assumed.unassessed == {}
    assert "".join(assumed.lines) == "".join(assess(receipts, assume=2024).iter_csv())


def test_ids_that_need_quoting_are_quoted_as_the_assessment_quotes_them():
    receipts = [
        Receipt(id=ident, participant="P", service_date="2019-05-01", amount=7_001)
        for ident in ("plain", "c,d", 'say "e"', "=f", "-1")
    ]
    made = csv_lines_of_rows(_rows_of(*receipts))
    assert "".join(made.lines) == "".join(assess(receipts).iter_csv())


def test_each_participant_and_year_is_capped_on_its_own():
    receipts = [
        Receipt(id=f"r{n}", participant=who, service_date=day, amount=60_000)
        for n, (who, day) in enumerate(
            [("P", "2019-05-01"), ("P", "2019-06-01"), ("P", "2020-05-01"), ("Q", "2019-05-01")]
        )
    ]
    given = _rows_of(*reversed(receipts))
    made = csv_lines_of_rows(given)
    written, assumed = list(made.lines), made.assumed
    assert given == _rows_of(*reversed(receipts))  # the caller's list is left as it was
    assert assumed == ()
    assert [line.split(",")[10] for line in written] == [
        "30000",
        "0",
        "30000",
        "30000",
    ]  # cap ¥30,000
    assert "".join(written) == "".join(assess(receipts).iter_csv())


@given(
    st.sampled_from([2016, 2019, 2021, 2024]),
    st.sampled_from(list(Rounding)),
    st.integers(0, 10**12),
)
def test_the_subsidy_function_answers_as_subsidy_of(year, rounding, total):
    terms = attrs.evolve(terms_for(year), rounding=rounding)
    assert terms.subsidy_function()(total) == terms.subsidy_of(total)


ROW = ("P", 2019, "2019-05-10", "r1", 7001, False, True, "japan", "")


def _with(**changed: object) -> tuple[object, ...]:
    names = ("who", "year", "day", "id", "amount", "insured", "professional", "place", "arrived")
    return tuple(changed.get(name, value) for name, value in zip(names, ROW, strict=True))


@pytest.mark.parametrize(
    ("rows", "error", "message"),
    [
        ([ROW, _with(day="2019-05-11")], InvalidInput, "'id' must be unique: two rows have it"),
        ([_with(id=" r1")], InvalidInput, "'id' must be as Receipt holds it"),
        ([_with(id="ｒ1")], InvalidInput, "'id' must be as Receipt holds it"),
        ([_with(id="")], InvalidInput, "'id' must be non-empty text"),
        ([_with(who="ＪＥＴ")], InvalidInput, "'participant' must be as Receipt holds it"),
        ([_with(who="a\nb")], InvalidInput, "'participant' must not hold control"),
        ([_with(year=2020)], InvalidInput, "'fiscal_year' must be the fiscal year of its service"),
        ([_with(day="2019/5/10")], InvalidInput, "'service_date' must be an ISO date"),
        ([_with(day="2019-5-10")], InvalidInput, "'service_date' must be"),
        ([_with(day="2019-05-10 ")], InvalidInput, "'service_date' must be a day written"),
        ([_with(day=None)], WrongType, "'service_date' must be a day written YYYY-MM-DD"),
        ([_with(place="日本")], InvalidInput, "'place' must be one of japan, abroad"),
        ([_with(amount=0)], InvalidInput, "'amount' must be more than ¥0"),
        ([_with(amount=7001.0)], WrongType, "'rows' must be ReceiptRow tuples"),
        ([_with(insured=1)], WrongType, "'insured' must be True or False"),
        ([_with(arrived="2019-05-09")], InvalidInput, "'submitted_on' must not be before the"),
        ([_with(arrived="2019/6/1")], InvalidInput, "'submitted_on' must be an ISO date"),
        ([list(ROW)], WrongType, "'rows' must be ReceiptRow tuples"),
        ([ROW[:8]], WrongType, "'rows' must be ReceiptRow tuples"),
        ([_with(id=5)], WrongType, "'rows' must be ReceiptRow tuples"),
        (ROW[0], WrongType, "'rows' must be ReceiptRow tuples"),
        (5, WrongType, "'rows' must be ReceiptRow tuples"),
    ],
)
def test_rows_that_are_not_receipts_are_refused_naming_the_field(rows, error, message):
    """Red-team of the CSV path, remark 3: such rows wrote wrong or broken CSV, silently."""
    with pytest.raises(error, match=re.escape(message)):
        csv_lines_of_rows(rows)
    with pytest.raises(error, match=re.escape(message)):
        ReceiptRows(rows)


def test_rows_read_from_a_file_are_receipt_rows_that_pickle_and_copy_equal(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n", "utf-8")
    rows = read_receipt_rows(path)
    assert type(rows) is ReceiptRows
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(rows, protocol))
        assert (type(again), again) == (ReceiptRows, rows)
    assert copy.deepcopy(rows) == rows


def test_the_first_year_without_terms_in_file_order_is_named_as_assess_names_it():
    """Red-team of the CSV path, D2: the rows path named the earliest year, assess the first."""
    rows = [_with(id="a", year=2027, day="2027-05-01"), _with(id="b", year=2026, day="2026-05-01")]
    with pytest.raises(NoRuleInForce) as rows_error:
        csv_lines_of_rows(rows, assume=2022)
    receipts = [Receipt(id=r[3], participant=r[0], service_date=r[2], amount=r[4]) for r in rows]
    with pytest.raises(NoRuleInForce) as assess_error:
        assess(receipts, assume=2022)
    assert str(rows_error.value) == str(assess_error.value)
    assert "FY2027" in str(rows_error.value)


def test_a_pipe_is_read_once_by_the_reader_of_every_file(monkeypatch, capsys, tmp_path):
    """Red-team of the CSV path, D1: a pipe read by the rows path was empty for the fallback."""
    source = Path("examples/claims-fy2025.csv").read_text("utf-8")  # years without terms
    read, write = os.pipe()
    with os.fdopen(write, "w", encoding="utf-8") as pipe:
        pipe.write(source)
    try:
        path = f"/dev/fd/{read}"
        assert read_receipt_rows(path) is None  # not a regular file: never read here
        assert main(["subsidy", path, "--format", "csv"]) == 0
    finally:
        os.close(read)
    out, err = capsys.readouterr()
    assert out.count("NO_EDITION") == 3
    assert "jetrules: warning: 3 receipts fall in fiscal years" in err


@pytest.mark.parametrize(
    "text",
    [
        f"{HEADER}\nr1,P-1,2019-05-10,-5,no,yes,japan\n",  # a problem to report
        f"{HEADER},currency,jpy_per_unit\nr1,P-1,2019-05-10,100.00,no,yes,japan,USD,149.5\n",
        f"{HEADER}\nr1,P-1,2026-05-10,7001,no,yes,japan\n\n",  # no terms; a blank line
    ],
)
def test_a_file_left_to_the_assessment_gives_what_it_always_gave(
    monkeypatch, capsys, tmp_path, text
):
    path = tmp_path / "claims.csv"
    path.write_text(text, "utf-8")
    argv = (str(path), "--format", "csv", "--lang", "ja")
    assert _command(monkeypatch, capsys, *argv, rows=True) == _command(
        monkeypatch, capsys, *argv, rows=False
    )


def test_rows_of_participants_in_kanji_are_checked_one_by_one_and_taken():
    receipts = [
        Receipt(id="a", participant="田中", service_date="2019-05-10", amount=7_001),
        Receipt(id="b", participant="JET-1", service_date="2019-05-11", amount=7_001),
    ]
    made = csv_lines_of_rows(_rows_of(*receipts))
    assert "".join(made.lines) == "".join(assess(receipts).iter_csv())


def test_a_column_of_more_distinct_cells_than_are_kept_is_read_all_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(fast, "_MEMO_SIZE", 1)
    path = tmp_path / "claims.csv"
    lines = [f"r{n},P-{n},2019-05-1{n},700{n},no,yes,japan" for n in range(3)]
    path.write_text("\n".join([HEADER, *lines]) + "\n", "utf-8")
    rows = read_receipt_rows(path)
    assert [row[0] for row in rows] == ["P-0", "P-1", "P-2"]
    assert rows == ReceiptRows(rows)
