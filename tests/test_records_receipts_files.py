"""Receipts from real files (issue 12): Japanese exports, workbooks, and every ambiguity refused.

Each kind of bad input is a problem on its own line, naming the field and the value as typed;
the rows around it are still read, so one run lists every bad row.
"""

import datetime as dt
import io
import json

import openpyxl
import pytest

from jetrules.errors import InvalidInput, InvalidRecords, NoRuleInForce, WrongType
from jetrules.records import MAX_AMOUNT, Problems, read_sessions
from jetrules.records.receipts import (
    PROGRESS_EVERY,
    RECEIPT_FIELDS,
    read_receipts,
    read_receipts_csv,
    read_receipts_json,
    read_receipts_xlsx,
)
from jetrules.subsidy import assess

HEADER = ",".join(RECEIPT_FIELDS)
GOOD = "r1,P-001,2019-05-10,10000,no,yes,japan"

UTF8_CSV = f"""{HEADER},submitted_on
FY23-01,山田 花子,2023-04-20,"¥10,000",no,yes,japan,
FY23-02,山田 花子,2023-05-08,"¥24,000",no,yes,japan,2024-03-29
FY23-03,JET-0587,2023-06-12,8800,yes,yes,japan,
FY23-04,JET-0587,2023-07-03,"¥15,000",no,no,abroad,2024-04-01
"""

JAPANESE_HEADER = "領収書番号,参加者,受診日,金額,保険適用,専門家,場所,提出日"
JAPANESE_CSV = f"""{JAPANESE_HEADER}
FY23-01,山田 花子,2023/4/20,"\\10,000",いいえ,はい,日本,
FY23-02,山田 花子,2023/5/8,"\\24,000",いいえ,はい,日本,2024/3/29
FY23-03,JET-0587,２０２３/6/12,８８００,はい,はい,国内,
FY23-04,JET-0587,2023年7月3日,"\\15,000",いいえ,いいえ,海外,2024/4/1
"""
"""The UTF-8 file as Excel on a Japanese Windows saves it: CP932 (¥ is the backslash byte)."""


def lines(read, *args, **kwargs) -> list[str]:
    """The problems *read* raises, each as ``position: message``."""
    with pytest.raises(InvalidRecords) as info:
        read(*args, **kwargs)
    return [str(problem) for problem in info.value.problems]


def csv_lines(*rows: str, header: str = HEADER, **kwargs) -> list[str]:
    return lines(read_receipts_csv, io.StringIO("\n".join([header, *rows]) + "\n"), **kwargs)


def _workbook(path, rows, *, title="Claims", more=()):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for other in more:
        book.create_sheet(other)
    book.save(path)
    return path


def test_a_japanese_excel_export_and_its_workbook_give_the_utf8_files_statements(tmp_path):
    utf8 = tmp_path / "claims.csv"
    utf8.write_text(UTF8_CSV, encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_bytes(JAPANESE_CSV.encode("cp932"))
    workbook = _workbook(
        tmp_path / "claims.xlsx",
        [
            JAPANESE_HEADER.split(","),
            ["FY23-01", "山田 花子", dt.datetime(2023, 4, 20), 10000, "いいえ", "はい", "日本"],
            ["FY23-02", "山田 花子", "2023/5/8", "￥24,000", "いいえ", "はい", "日本", "2024/3/29"],
            ["FY23-03", "JET-0587", dt.date(2023, 6, 12), 8800.0, "はい", "はい", "国内", None],
            [
                "FY23-04",
                "JET-0587",
                "2023年7月3日",
                15000,
                "いいえ",
                "いいえ",
                "海外",
                "2024-04-01",
            ],
        ],
    )
    expected = read_receipts(utf8)
    assert len(expected) == 4
    assert read_receipts(export, encoding="cp932") == expected
    assert read_receipts(workbook) == expected
    assert read_receipts_xlsx(workbook, sheet="Claims") == expected
    with workbook.open("rb") as stream:  # an open workbook is read by its name
        assert read_receipts(stream) == expected
    assert assess(read_receipts(export, encoding="cp932")) == assess(expected)


def test_a_workbooks_problems_are_the_csv_files_at_its_sheet_and_row(tmp_path):
    rows = [
        ["r1", "P", "2019-05-10", "-500", "no", "yes", "japan"],
        ["r2", "P", "2019-05-10", "1000", "maybe", "yes", "mars"],
    ]
    workbook = _workbook(tmp_path / "claims.xlsx", [list(RECEIPT_FIELDS), *rows])
    as_csv = csv_lines(*(",".join(row) for row in rows))
    assert as_csv == [
        "line 2: 'amount' must be more than ¥0 (got '-500')",
        "line 3: 'insured' must be yes or no (got 'maybe')",
        "line 3: 'place' must be one of japan, abroad (got 'mars')",
    ]
    assert lines(read_receipts, workbook) == [
        line.replace("line ", "sheet Claims, row ") for line in as_csv
    ]


def test_problems_name_a_column_as_the_files_header_does(tmp_path):
    """Under Japanese (or other) headers, a field's problem names the header as typed first."""
    header = "領収書番号,参加者,受診日,金額,保険適用,専門家,Place"
    rows = [
        "R1,P,2019/5/10,¥1a,いいえ,はい,japan",
        "R2,P,2019/5/32,1000,たぶん,はい,mars",
    ]
    expected = [
        "line 2: '金額' (amount) must be whole yen such as 30000, 30,000 or ¥30,000 (got '¥1a')",
        "line 3: '受診日' (service_date) must be a date such as 2023-04-20 or 2023/4/20 "
        "(got '2019/5/32')",
        "line 3: '保険適用' (insured) must be yes or no (got 'たぶん')",
        "line 3: 'Place' (place) must be one of japan, abroad (got 'mars')",
    ]
    assert csv_lines(*rows, header=header) == expected
    workbook = _workbook(
        tmp_path / "claims.xlsx", [header.split(","), *(row.split(",") for row in rows)]
    )
    assert lines(read_receipts, workbook) == [
        line.replace("line ", "sheet Claims, row ") for line in expected
    ]
    duplicate = csv_lines(GOOD, GOOD, header=header.replace("Place", "場所"))
    assert duplicate == [
        "line 3: '領収書番号' (id) must be unique in the file: 'r1' is also on line 2 (got 'r1')"
    ]


def test_one_participant_typed_in_full_width_forms_is_one_participant_under_one_cap():
    """Red-team finding: ＪＥＴ－０００１ and JET-0001 were two participants, each with a cap."""
    text = "\n".join(
        [
            HEADER,
            'r1,JET-0001,2024-05-01,"60,000",no,yes,japan',
            'ｒ２,ＪＥＴ－０００１,2024-06-01,"60,000",no,yes,japan',
        ]
    )
    receipts = read_receipts_csv(io.StringIO(text + "\n"))
    assert [(r.id, r.participant) for r in receipts] == [("r1", "JET-0001"), ("r2", "JET-0001")]
    (statement,) = assess(receipts)
    assert statement.total_subsidy == statement.terms.annual_cap
    assert csv_lines(
        "r1,P,2019-05-10,10000,no,yes,japan", "ｒ１,P,2019-05-11,10000,no,yes,japan"
    ) == ["line 3: 'id' must be unique in the file: 'r1' is also on line 2 (got 'ｒ１')"]
    assert csv_lines("r1,JET-0001\u3164,2019-05-10,10000,no,yes,japan") == [
        "line 2: 'participant' must not hold control or invisible characters (such as tabs or "
        "line breaks) (got 'JET-0001\u3164')"
    ]


def test_a_problem_names_the_field_as_it_is_when_its_header_is_the_canonical_name():
    problems = Problems("claims.csv")
    problems.headers = {"amount": "金額"}
    assert problems.named("amount") == "'金額' (amount)"
    assert problems.named("insured") == "'insured'"
    unnamed = InvalidInput("'amount' is not checked here", field="amount")
    assert problems.described(unnamed) == "'金額' (amount) is not checked here"
    elsewhere = InvalidInput("the amount is bad", field="amount")
    assert problems.described(elsewhere) == "the amount is bad"
    assert problems.described(NoRuleInForce("no terms")) == "no terms"
    row = problems.of_record()
    assert (row.source, row.headers) == ("claims.csv", {"amount": "金額"})


def test_a_workbook_with_several_sheets_needs_one_named(tmp_path):
    workbook = _workbook(
        tmp_path / "claims.xlsx", [list(RECEIPT_FIELDS), GOOD.split(",")], more=["Notes"]
    )
    assert lines(read_receipts, workbook) == [
        "the file: has 2 sheets ('Claims', 'Notes'); name the one to read (--sheet NAME)"
    ]
    assert [r.id for r in read_receipts(workbook, sheet="Claims")] == ["r1"]
    assert lines(read_receipts, workbook, sheet="Notes", format="xlsx") == [
        "sheet Notes, row 1: has no header; expected one with " + ", ".join(RECEIPT_FIELDS)
    ]


def test_a_column_given_twice_is_refused_rather_than_one_dropped():
    assert csv_lines("r1,P,2019-05-10,50000,no,yes,japan,0", header=f"{HEADER},金額") == [
        "line 1: column 8 ('金額') is the same column as column 4 ('amount'); give each column once"
    ]


def test_cr_only_line_endings_are_read():
    text = "\r".join([HEADER, GOOD, "r2,P-001,2019-05-11,500,no,yes,japan"]) + "\r"
    assert [r.id for r in read_receipts_csv(io.StringIO(text))] == ["r1", "r2"]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("³⁰⁰⁰", "'amount' must be written with the digits 0-9 or ０-９ (got '³⁰⁰⁰')"),
        ("①", "'amount' must be written with the digits 0-9 or ０-９ (got '①')"),
        ("١٠٠٠", "'amount' must be written with the digits 0-9 or ０-９ (got '١٠٠٠')"),
        ("100,000,001", "'amount' must be at most ¥100,000,000 (got '100,000,001')"),
        (
            "9" * 5000,
            "'amount' must be at most ¥100,000,000 (got '" + "9" * 60 + "'… (5,000 characters))",
        ),
        ("12.5", "'amount' must be whole yen such as 30000, 30,000 or ¥30,000 (got '12.5')"),
    ],
)
def test_amounts_that_only_look_like_numbers_or_are_too_large_are_refused(cell, message):
    assert csv_lines(f'r1,P,2019-05-10,"{cell}",no,yes,japan', GOOD.replace("r1", "r2")) == [
        f"line 2: {message}"
    ]


def test_the_largest_amount_is_read():
    [receipt] = read_receipts_csv(
        io.StringIO(f'{HEADER}\nr1,P,2019-05-10,"{MAX_AMOUNT:,}",0,1,日本\n')
    )
    assert receipt.amount.amount == MAX_AMOUNT


@pytest.mark.parametrize(
    ("ident", "shown"),
    [
        ("r1\x1b[2J", "'r1\\x1b[2J'"),
        ("r\u200b1", "'r\\u200b1'"),
        ("r1\u202e", "'r1\\u202e'"),
    ],
)
def test_ids_with_control_or_invisible_characters_are_refused(ident, shown):
    [line] = csv_lines(f"{ident},P,2019-05-10,1000,no,yes,japan")
    assert line == (
        "line 2: 'id' must not hold control or invisible characters (such as tabs or line "
        f"breaks) (got {shown})"
    )


def test_a_participant_with_a_tab_is_refused_but_an_ideographic_space_is_kept():
    assert csv_lines("r1,P\t1,2019-05-10,1000,no,yes,japan")[0].startswith(
        "line 2: 'participant' must not hold control or invisible characters"
    )
    [receipt] = read_receipts_csv(
        io.StringIO(f"{HEADER}\nr1,山田\u3000花子,2019-05-10,1,no,yes,japan\n")
    )
    assert receipt.participant == "山田\u3000花子"


def test_days_outside_the_calendar_are_refused_on_every_row_at_read_time():
    rule = "must be a day from 1948-07-20 to 2150-12-31"
    assert csv_lines(
        "r1,P,1948-07-19,1000,no,yes,japan",
        GOOD.replace("r1", "r2"),
        "r3,P,2151-01-01,1000,no,yes,japan",
        "r4,P,9999/12/31,1000,no,yes,japan",
        header=HEADER,
    ) == [
        f"line 2: 'service_date' {rule} (got '1948-07-19')",
        f"line 4: 'service_date' {rule} (got '2151-01-01')",
        f"line 5: 'service_date' {rule} (got '9999/12/31')",
    ]
    assert csv_lines(f"{GOOD},2151-01-01", header=f"{HEADER},submitted_on") == [
        f"line 2: 'submitted_on' {rule} (got '2151-01-01')"
    ]


def test_an_early_batch_arrival_names_every_receipt_it_is_early_for():
    rows = [
        f"r{n},P,2019-06-{n:02},1000,no,yes,japan,{'2019-07-01' if n == 3 else ''}"
        for n in range(1, 21)
    ]
    found = csv_lines(*rows, header=f"{HEADER},submitted_on", submitted_on="2019-05-31")
    assert len(found) == 19  # r3 gives its own arrival
    assert found[0] == (
        "line 2: 'service_date' must not be after 2019-05-31, the day the claim arrived "
        "(submitted_on), for a receipt without its own submitted_on (got '2019-06-01')"
    )
    assert [line.split(":")[0] for line in found] == [
        f"line {n + 1}" for n in range(1, 21) if n != 3
    ]
    on_time = read_receipts_csv(
        io.StringIO("\n".join([f"{HEADER},submitted_on", *rows])), submitted_on="2019-06-20"
    )
    assert len(on_time) == 20


def test_every_bad_row_is_reported_even_after_an_over_long_cell():
    found = csv_lines(
        f'r1,"{"x" * 140_000}",2019-05-10,1000,no,yes,japan',
        "r2,P,2019-05-10,-1,no,yes,japan",
        GOOD.replace("r1", "r3"),
        "r4,P,2019-05-10,1000,no,yes,nowhere",
    )
    assert found == [
        "line 2: has a cell longer than 131,072 characters, the most one holds",
        "line 3: 'amount' must be more than ¥0 (got '-1')",
        "line 5: 'place' must be one of japan, abroad (got 'nowhere')",
    ]


def test_every_problem_of_a_row_is_listed_with_values_as_typed():
    assert csv_lines(
        "r1,,2019/2/30,０,たぶん,1,日本,2019/2/1", header=f"{HEADER},submitted_on"
    ) == [
        "line 2: 'participant' must be non-empty text (got '')",
        "line 2: 'service_date' must be a date such as 2023-04-20 or 2023/4/20 (got '2019/2/30')",
        "line 2: 'amount' must be more than ¥0 (got '０')",
        "line 2: 'insured' must be yes or no (got 'たぶん')",
    ]


def test_a_duplicate_id_is_reported_even_on_a_row_with_other_problems():
    assert csv_lines(GOOD, "r1,P,2019-05-10,-5,no,yes,japan") == [
        "line 3: 'amount' must be more than ¥0 (got '-5')",
        "line 3: 'id' must be unique in the file: 'r1' is also on line 2 (got 'r1')",
    ]


ITEM = {
    "id": "a",
    "participant": "P",
    "service_date": "2019-05-01",
    "amount": 1000,
    "insured": False,
    "mental_health_professional": "はい",
    "place": "日本",
}


def json_lines(document: str, **kwargs) -> list[str]:
    return lines(read_receipts_json, io.StringIO(document), **kwargs)


def test_json_true_and_false_in_text_fields_are_refused():
    items = [{**ITEM, "id": True}, {**ITEM, "id": "b", "place": False, "participant": 12}]
    assert json_lines(json.dumps(items)) == [
        "receipt 1: 'id' must be text (got true)",
        "receipt 2: 'participant' must be text (got 12)",
        "receipt 2: 'place' must be text (got false)",
    ]


def test_json_reads_the_vocabulary_as_csv_does():
    items = [{**ITEM, "amount": "￥１，０００", "service_date": "2019/5/1", "insured": "いいえ"}]
    [receipt] = read_receipts_json(io.StringIO(json.dumps(items)))
    assert (receipt.amount.amount, str(receipt.service_date), receipt.insured) == (
        1000,
        "2019-05-01",
        False,
    )


def test_a_json_key_given_twice_is_refused():
    document = '[{"id": "a", "id": "b"}]'
    assert json_lines(document) == [
        'line 1: the object that opens here gives the key "id" 2 times; give each key once'
    ]


@pytest.mark.parametrize(
    ("document", "kind"),
    [("null", "null"), ("{}", "an object"), ('"receipts"', "text"), ("3", "a number")],
)
def test_a_json_document_of_the_wrong_shape_is_refused(document, kind):
    assert json_lines(document) == [
        f"the file: must be a JSON list of receipt objects (got {kind})"
    ]


def test_a_json_receipt_with_a_bad_cell_still_has_its_other_fields_read():
    items = [{**ITEM, "insured": [], "amount": -3, "place": "月"}]
    assert json_lines(json.dumps(items)) == [
        "receipt 1: 'insured' must be true, false or text such as yes or no (got [])",
        "receipt 1: 'amount' must be more than ¥0 (got '-3')",
        "receipt 1: 'place' must be one of japan, abroad (got '月')",
    ]


def test_an_early_batch_arrival_in_json_names_the_receipt():
    items = [ITEM, {**ITEM, "id": "b", "service_date": "2019-05-02", "submitted_on": None}]
    assert json_lines(json.dumps(items), submitted_on="2019-05-01") == [
        "receipt 2: 'service_date' must not be after 2019-05-01, the day the claim arrived "
        "(submitted_on), for a receipt without its own submitted_on (got '2019-05-02')"
    ]


def test_progress_is_reported_every_so_many_receipts(tmp_path):
    path = tmp_path / "claims.csv"
    count = PROGRESS_EVERY * 2 + 1
    rows = [f"r{n},P,2019-05-10,1000,no,yes,japan" for n in range(count)]
    path.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    seen: list[int] = []
    assert len(read_receipts(path, progress=seen.append)) == count
    assert seen == [PROGRESS_EVERY, PROGRESS_EVERY * 2]
    items = [{**ITEM, "id": f"r{n}"} for n in range(PROGRESS_EVERY)]
    seen.clear()
    read_receipts_json(io.StringIO(json.dumps(items)), progress=seen.append)
    assert seen == [PROGRESS_EVERY]


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (b"id,participant", "bytes"),
        (None, "NoneType"),
        (io.BytesIO(b"id"), "a binary stream: open the file in text mode, or pass its path"),
    ],
)
def test_a_source_that_is_no_path_or_text_stream_is_the_wrong_type(source, shown):
    """Red-team finding: bytes gave AttributeError, a binary stream TypeError."""
    with pytest.raises(WrongType) as info:
        read_receipts(source)
    assert str(info.value) == f"'source' must be a path or an open text stream (got {shown})"
    assert (info.value.field, info.value.value) == ("source", source)


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_a_workbook_by_another_name_is_named_for_what_it_is(tmp_path, encoding):
    """Red-team finding: a real .xls (or a workbook named .dat) was told to try --encoding."""
    old = tmp_path / "claims.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\xff\xfe\x80\x81")
    assert lines(read_receipts, old, encoding=encoding) == [
        "the file: is an Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx) or "
        "as CSV"
    ]
    book = _workbook(tmp_path / "claims.xlsx", [list(RECEIPT_FIELDS), GOOD.split(",")])
    renamed = book.rename(tmp_path / "claims.dat")
    zipped = [
        "the file: is a ZIP archive, such as an Excel workbook, not text: name it .xlsx to read it "
        'as a workbook (format="xlsx" in Python)'
    ]
    assert lines(read_receipts, renamed, encoding=encoding) == zipped
    assert [r.id for r in read_receipts(renamed, format="xlsx")] == ["r1"]
    assert lines(read_receipts, renamed.rename(tmp_path / "claims.json")) == zipped


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf_16_text_is_named_for_what_it_is(tmp_path, codec):
    """Red-team finding: Excel's "Unicode Text" export was told to try --encoding cp932."""
    text = ",".join(RECEIPT_FIELDS) + "\n" + GOOD + "\n"
    path = tmp_path / "claims.csv"
    path.write_bytes("\ufeff".encode(codec) + text.encode(codec))
    assert lines(read_receipts, path) == [
        'the file: is UTF-16 text, such as Excel\'s "Unicode Text" export (its cells separated '
        'by tabs): save it as "CSV UTF-8 (Comma delimited)" or as an Excel workbook (.xlsx)'
    ]
    assert [r.id for r in read_receipts(path, encoding="utf-16")] == ["r1"]  # told, it is read


@pytest.mark.parametrize("name", ["claims.csv", "claims.json"])
def test_a_sheet_named_for_a_file_that_is_no_workbook_is_refused(tmp_path, name):
    """Red-team finding: sheet= was ignored for CSV (the command already refused --sheet)."""
    path = tmp_path / name
    path.write_text("[]" if name.endswith(".json") else HEADER + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        read_receipts(path, sheet="Claims")
    assert (info.value.field, info.value.value) == ("sheet", "Claims")
    assert info.value.rule == (
        "names a worksheet of an Excel workbook (.xlsx), not of a CSV or JSON file"
    )
    with pytest.raises(InvalidInput, match="'sheet' names a worksheet"):
        read_sessions(path.with_suffix(".csv"), sheet="Claims")
