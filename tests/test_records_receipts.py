import io
import json
from pathlib import Path

import pendulum
import pytest

from jetrules import Yen
from jetrules.errors import InvalidInput, InvalidRecords, OutOfRange, WrongType
from jetrules.records import (
    OPTIONAL_RECEIPT_FIELDS,
    RECEIPT_FIELDS,
    read_receipts,
    read_receipts_csv,
    read_receipts_json,
    to_whole,
    to_yen,
)
from jetrules.subsidy import Place, Receipt

EXAMPLES = Path(__file__).parent.parent / "examples"
HEADER = ",".join(RECEIPT_FIELDS)
ALL_FIELDS = (*RECEIPT_FIELDS, *OPTIONAL_RECEIPT_FIELDS)


def problems(read, text: str) -> list[str]:
    with pytest.raises(InvalidRecords) as info:
        read(io.StringIO(text))
    return [str(problem) for problem in info.value.problems]


def test_reads_every_field():
    text = (
        f'{HEADER}\nr1, P-1 ,2020-03-31,"¥7,001",No,YES,Abroad\nr2,P-2,2020-04-01,500,true,0,日本\n'
    )
    assert read_receipts_csv(io.StringIO(text)) == [
        Receipt(
            id="r1",
            participant="P-1",
            service_date=pendulum.Date(2020, 3, 31),
            amount=Yen(7_001),
            insured=False,
            mental_health_professional=True,
            place=Place.ABROAD,
        ),
        Receipt(
            id="r2",
            participant="P-2",
            service_date="2020-04-01",
            amount=500,
            insured=True,
            mental_health_professional=False,
        ),
    ]


def test_every_bad_row_is_listed_with_its_line():
    text = "\n".join(
        [
            HEADER,
            "ok,P,2019-05-01,1000,no,yes,japan",
            "neg,P,2019-05-01,-500,no,yes,japan",  # a negative amount
            "zero,P,2019-05-01,0,no,yes,japan",  # nothing paid
            "date,P,2019-02-30,1000,no,yes,japan",  # an unknown date
            "ok,P,2019-05-02,1000,no,yes,japan",  # a duplicate id
            "short,P,2019-05-01,1000,no,yes",  # a missing cell
            ",,2019-05-01,1000,no,yes,mars",  # blank id and participant, unknown place
            "flags,P,2019-05-01,1000,sometimes,yes,japan",
        ]
    )
    assert problems(read_receipts_csv, text) == [
        "line 3: 'amount' must be more than ¥0 (got '-500')",
        "line 4: 'amount' must be more than ¥0 (got '0')",
        "line 5: 'service_date' must be a date such as 2023-04-20 or 2023/4/20 (got '2019-02-30')",
        "line 6: 'id' must be unique in the file: 'ok' is also on line 2 (got 'ok')",
        "line 7: has 6 cells; the header has 7",
        "line 8: 'id' must be non-empty text (got '')",
        "line 8: 'participant' must be non-empty text (got '')",
        "line 8: 'place' must be one of japan, abroad (got 'mars')",
        "line 9: 'insured' must be yes or no (got 'sometimes')",
    ]


def test_a_missing_column_is_reported():
    assert problems(
        read_receipts_csv, "id,participant,service_date,amount\nr,P,2019-05-01,1\n"
    ) == ["line 1: missing columns: insured, mental_health_professional, place"]


def test_json_reads_the_same_receipts_as_csv():
    from_csv = read_receipts(EXAMPLES / "claims-fy2019.csv")
    from_json = read_receipts(EXAMPLES / "claims-fy2019.json")
    assert from_csv == from_json
    assert len(from_csv) == 25
    with open(EXAMPLES / "claims-fy2019.json", encoding="utf-8") as stream:
        assert read_receipts(stream) == from_json  # an open file is read by its name's suffix


def test_json_accepts_text_and_booleans():
    items = [
        {
            "id": "r1",
            "participant": "P",
            "service_date": "2019-05-01",
            "amount": "¥1,000",
            "insured": "no",
            "mental_health_professional": True,
            "place": "japan",
        }
    ]
    stream = io.StringIO(json.dumps(items))
    assert read_receipts(stream, format="json")[0].amount == Yen(1_000)


def test_bad_json_receipts_are_each_listed():
    good = {
        "id": "a",
        "participant": "P",
        "service_date": "2019-05-01",
        "amount": 1000,
        "insured": False,
        "mental_health_professional": True,
        "place": "japan",
    }
    items = [
        good,
        {**good, "id": "b", "amount": -5},
        {**good, "id": "c", "amount": 1.5},
        {k: v for k, v in good.items() if k != "place"} | {"colour": "red"},
        "not an object",
        {**good},  # duplicate of the first
    ]
    assert problems(read_receipts_json, json.dumps(items)) == [
        "receipt 2: 'amount' must be more than ¥0 (got '-5')",
        "receipt 3: 'amount' must be whole yen such as 30000, 30,000 or ¥30,000 (got '1.5')",
        "receipt 4: missing key: place",
        "receipt 4: unknown key: colour; expected " + ", ".join(ALL_FIELDS),
        "receipt 5: must be a JSON object with " + ", ".join(RECEIPT_FIELDS) + " (got text)",
        "receipt 6: 'id' must be unique in the file: 'a' is also on receipt 1 (got 'a')",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[{"id": 1,', "line 1: not valid JSON: Expecting property name enclosed in double quotes"),
        ('{"id": "r1"}', "the file: must be a JSON list of receipt objects (got an object)"),
        ("null", "the file: must be a JSON list of receipt objects (got null)"),
    ],
)
def test_malformed_json(text, expected):
    assert problems(read_receipts_json, text) == [expected]


def test_format_is_checked():
    with pytest.raises(InvalidInput, match="'format' must be 'csv', 'xlsx' or 'json'"):
        read_receipts(io.StringIO(""), format="xml")  # type: ignore[arg-type]
    assert read_receipts(io.StringIO(HEADER + "\n")) == []


def test_json_nested_too_deeply_is_one_problem(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")  # past every Python's limit
    with pytest.raises(InvalidRecords) as info:
        read_receipts_json(path)
    assert info.value.lines() == (f"{path}: the file: not valid JSON here: nested too deeply",)


# --- per-receipt arrival dates --------------------------------------------------------------


def test_submitted_on_is_an_optional_column_read_per_receipt():
    assert OPTIONAL_RECEIPT_FIELDS == ("submitted_on", "currency", "jpy_per_unit")
    text = "\n".join(
        [
            f"{HEADER},submitted_on",
            "r1,P,2019-03-18,1000,no,yes,japan,2019-04-05",
            "r2,P,2019-03-19,1000,no,yes,japan,",  # blank: not given, the batch's date applies
            "r3,P,2019-03-20,1000,no,yes,japan, 2019-04-19 ",
        ]
    )
    receipts = read_receipts_csv(io.StringIO(text))
    assert [str(r.submitted_on) for r in receipts] == ["2019-04-05", "None", "2019-04-19"]


def test_bad_submission_dates_are_listed_with_their_lines():
    text = "\n".join(
        [
            f"{HEADER},submitted_on",
            "r1,P,2019-03-18,1000,no,yes,japan,2019-04-31",  # no such day
            "r2,P,2019-03-18,1000,no,yes,japan,2019-03-17",  # arrived before the counselling
            "r3,P,2019-03-18,-1,no,yes,japan,2019-03-17",  # the amount is the problem reported
        ]
    )
    assert problems(read_receipts_csv, text) == [
        "line 2: 'submitted_on' must be a date such as 2023-04-20 or 2023/4/20 (got '2019-04-31')",
        "line 3: 'submitted_on' must not be before the service date (2019-03-18) "
        "(got '2019-03-17')",
        "line 4: 'amount' must be more than ¥0 (got '-1')",
        "line 4: 'submitted_on' must not be before the service date (2019-03-18) "
        "(got '2019-03-17')",
    ]


def test_json_submitted_on_may_be_absent_null_or_a_date():
    good = {
        "id": "a",
        "participant": "P",
        "service_date": "2019-05-01",
        "amount": 1000,
        "insured": False,
        "mental_health_professional": True,
        "place": "japan",
    }
    items = [good, {**good, "id": "b", "submitted_on": None}, {**good, "id": "c"}]
    items[2]["submitted_on"] = "2019-06-01"
    receipts = read_receipts_json(io.StringIO(json.dumps(items)))
    assert [str(r.submitted_on) for r in receipts] == ["None", "None", "2019-06-01"]
    bad = [{**good, "submitted_on": 20190601}, {**good, "id": "b", "submitted_on": ["x"]}]
    assert problems(read_receipts_json, json.dumps(bad)) == [
        "receipt 1: 'submitted_on' must be text (got 20190601)",
        "receipt 2: 'submitted_on' must be text (got [\"x\"])",
    ]


def test_the_example_has_receipts_that_arrived_in_time_and_late():
    arrived = {r.id: str(r.submitted_on) for r in read_receipts(EXAMPLES / "claims-fy2019.csv")}
    assert arrived["FY18-A-07"] == "2019-04-05"
    assert arrived["FY18-A-09"] == "2019-04-19"
    assert arrived["A-01"] == "None"


# --- encodings ------------------------------------------------------------------------------

CP932_ROWS = f'{HEADER}\n領収書-1,山田 花子,2019-05-10,"10,000",no,yes,日本\n'


@pytest.mark.parametrize("encoding", ["cp932", "shift_jis", "CP932", "Shift-JIS"])
def test_a_shift_jis_excel_export_is_read_with_its_encoding(tmp_path, encoding):
    path = tmp_path / "claims.csv"
    path.write_bytes(CP932_ROWS.encode("cp932"))
    [receipt] = read_receipts(path, encoding=encoding)
    assert (receipt.id, receipt.participant, receipt.amount) == (
        "領収書-1",
        "山田 花子",
        Yen(10_000),
    )
    assert receipt.place is Place.JAPAN


def test_a_cp932_file_read_as_utf8_is_one_problem_naming_the_encoding(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(CP932_ROWS.encode("cp932"))
    with pytest.raises(InvalidRecords) as info:
        read_receipts_csv(path)
    [line] = info.value.lines()
    assert line.startswith(f"{path}: line 2: is not UTF-8 text (byte 0x97 at offset ")


def test_a_file_not_in_the_encoding_given_is_one_problem_naming_it(tmp_path):
    path = tmp_path / "claims.json"
    path.write_bytes(b'[{"id": "\x81\x7f"}]')  # 0x81 0x7F is no CP932 character
    with pytest.raises(InvalidRecords) as info:
        read_receipts(path, encoding="cp932")
    assert info.value.lines() == (
        f"{path}: line 1: is not cp932 text (byte 0x81 at offset 9); "
        "give the encoding the file was saved in",
    )


def test_the_encoding_must_be_a_text_encoding():
    for name in ("klingon", "rot13"):  # unknown; a codec, but not one of bytes to text
        with pytest.raises(InvalidInput, match=r"'encoding' must be a text encoding, such as"):
            read_receipts(io.StringIO(HEADER + "\n"), encoding=name)
    with pytest.raises(WrongType, match="'encoding' must be the name of a text encoding"):
        read_receipts(io.StringIO(HEADER + "\n"), encoding=932)  # type: ignore[arg-type]


def test_a_cp932_export_with_yen_signs_reads_its_amounts(tmp_path):
    # Excel writes ¥ as byte 0x5C in Shift_JIS / CP932, which Python decodes as a backslash.
    path = tmp_path / "claims.csv"
    header = "id,participant,service_date,amount,insured,mental_health_professional,place\n"
    path.write_bytes(
        header.encode() + 'R-1,山田,2019-05-01,"\\12,000",no,yes,japan\n'.encode("cp932")
    )
    [receipt] = read_receipts(path, encoding="cp932")
    assert receipt.amount == Yen(12_000)


def test_a_json_number_too_long_for_python_is_read_and_refused_by_its_field(tmp_path):
    """Red-team finding: a 5,000-digit number gave Python's own advice on its digit limit."""
    path = tmp_path / "claims.json"
    item = {
        "id": "r1",
        "participant": "P",
        "service_date": "2019-05-01",
        "insured": False,
        "mental_health_professional": True,
        "place": "japan",
    }
    text = json.dumps([item])[:-2] + ', "amount": ' + "9" * 5000 + "}]"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidRecords) as info:
        read_receipts_json(path)
    [line] = info.value.lines()
    assert line == (
        f"{path}: receipt 1: 'amount' must be at most ¥100,000,000 (got '{'9' * 60}'… "
        "(5,000 characters))"
    )


def test_an_amount_of_thousands_of_digits_is_a_problem_of_its_row_not_a_crash():
    """Red-team of the CSV path, X1: 4,301 digits or more (leading zeros too) were a ValueError."""
    zeros = "0" * 5_000
    assert to_yen(zeros + "7001", "amount") == 7_001  # leading zeros are no size
    with pytest.raises(OutOfRange, match=r"'amount' must be at most ¥"):
        to_yen(zeros + "9" * 20, "amount")
    with pytest.raises(OutOfRange, match=r"'count' must have at most 4,000 digits"):
        to_whole("9" * 4_001, "count")
    assert to_whole("9" * 4_000, "count") == int("9" * 4_000)
    text = "id,participant,service_date,amount,insured,mental_health_professional,place\n"
    text += f"r1,P-1,2019-05-10,{'1' * 5_000},no,yes,japan\n"
    with pytest.raises(InvalidRecords) as caught:
        read_receipts_csv(io.StringIO(text))
    assert str(caught.value.problems[0]).startswith("line 2: 'amount' must be at most ¥")
