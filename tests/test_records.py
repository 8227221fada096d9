import csv
import io

import pytest

from jetrules.errors import InvalidInput, InvalidRecords
from jetrules.records import MAX_INPUT_BYTES, Problems, read_csv, read_table
from jetrules.records._tabular import open_csv, parse_json, read_text


def _lines(problems: Problems) -> tuple[str, ...]:
    with pytest.raises(InvalidRecords) as info:
        problems.raise_if_any()
    return info.value.lines()


def test_reads_rows_with_line_numbers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('\ufeffid,amount\nr1, 100\n\nr2,"2,000"\n , \n', encoding="utf-8")
    problems, rows = read_csv(path, required=["id", "amount"])
    assert not problems
    assert [(row.line, row.values) for row in rows] == [
        (2, {"id": "r1", "amount": "100"}),
        (4, {"id": "r2", "amount": "2,000"}),
    ]
    assert rows[0].position == "line 2"
    assert problems.source == str(path)


def test_missing_and_unknown_columns():
    problems, rows = read_csv(
        io.StringIO("id,colour\n1,red\n"), required=["id", "amount"], optional=["note"]
    )
    assert rows == []
    with pytest.raises(InvalidRecords) as info:
        problems.raise_if_any()
    assert info.value.lines() == (
        "<input>: line 1: missing column: amount",
        "<input>: line 1: unknown column: colour; expected id, amount, note",
    )


def test_wrong_cell_counts_and_bad_quoting_are_reported_with_lines():
    text = 'id,amount\n1,2,3\n2,5\n3,"unterminated\n'
    problems, rows = read_csv(io.StringIO(text), required=["id", "amount"])
    assert [row.line for row in rows] == [3]
    with pytest.raises(InvalidRecords) as info:
        problems.raise_if_any()
    assert [p.position for p in info.value.problems] == ["line 2", "line 4"]


def test_empty_and_malformed_header():
    problems, _ = read_csv(io.StringIO(""), required=["id"])
    with pytest.raises(InvalidRecords, match="empty"):
        problems.raise_if_any()
    problems, _ = read_csv(io.StringIO('"a\n'), required=["id"])
    with pytest.raises(InvalidRecords, match="not valid CSV"):
        problems.raise_if_any()


def test_no_problems_raises_nothing():
    Problems("f").raise_if_any()


def test_problems_convert_collects_instead_of_raising():
    def strict(raw: str) -> int:
        raise InvalidInput.for_field("amount", "must be positive", raw)

    problems = Problems("f")
    assert problems.convert("line 2", "amount", int, "7") == 7
    assert problems.convert("line 3", "amount", strict, "-1") is None
    assert problems.convert("line 4", "amount", int, "x") is None
    with pytest.raises(InvalidRecords) as info:
        problems.raise_if_any()
    assert info.value.lines() == (
        "f: line 3: 'amount' must be positive (got '-1')",
        "f: line 4: 'amount' could not be read (got 'x')",
    )


def test_a_file_that_is_not_utf8_is_one_problem_with_its_line(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"id,amount\nr1,100\n" + b"r2,\xff\xfe\n")
    with pytest.raises(InvalidRecords) as info:
        read_csv(path, required=["id", "amount"])
    assert info.value.lines() == (
        f"{path}: line 3: is not UTF-8 text (byte 0xff at offset 20); a Japanese Excel CSV is "
        'usually cp932: give --encoding cp932 (encoding="cp932" in Python), or save the file as '
        "UTF-8",
    )


def test_the_line_of_a_bad_byte_counts_every_kind_of_line_ending(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"id\rr1\r\nr2\nr3\r\x81\x7f\n")
    with pytest.raises(InvalidRecords) as info:
        read_csv(path, required=["id"], encoding="cp932")
    assert info.value.lines() == (
        f"{path}: line 5: is not cp932 text (byte 0x81 at offset 13); "
        "give the encoding the file was saved in",
    )


def test_a_stream_that_is_not_utf8_is_one_problem():
    stream = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\x80abc"), encoding="utf-8")
    with pytest.raises(InvalidRecords, match=r"the input: is not UTF-8 text .*--encoding cp932"):
        read_text(stream)


def test_a_cp932_file_is_read_with_its_encoding(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes('参加者,金額\nP-001,"￥10,000"\n'.encode("cp932"))
    problems, rows = read_csv(path, required=["participant", "amount"], encoding="cp932")
    assert not problems
    assert rows[0].values == {"participant": "P-001", "amount": "￥10,000"}


def test_parse_json_records_bad_and_too_deep_documents():
    problems = Problems("x.json")
    assert parse_json('{"a": [1]}', problems) == {"a": [1]}
    assert parse_json("[1,\n", problems) is None
    assert parse_json("[" * 100_000 + "]" * 100_000, problems) is None
    with pytest.raises(InvalidRecords) as info:
        problems.raise_if_any()
    assert [str(p) for p in info.value.problems] == [
        "the file: not valid JSON here: nested too deeply",  # about the whole input: first
        "line 2: not valid JSON: Expecting value",
    ]


def test_problems_are_listed_in_file_order_whatever_order_they_were_found_in():
    problems = Problems("x")
    for position in ["thread 3, message 2", "line 10", "thread 3", "the file", "line 2", "line 10"]:
        problems.add(position, position)
    with pytest.raises(InvalidRecords) as info:
        problems.raise_if_any()
    assert [p.position for p in info.value.problems] == [
        "the file",
        "line 2",
        "thread 3",
        "thread 3, message 2",
        "line 10",
        "line 10",
    ]


def test_problems_extend():
    first, second = Problems("x"), Problems("x")
    second.add("line 4", "late")
    first.extend(second)
    assert first


# -- the header: one vocabulary, nothing ambiguous ------------------------------------------------


def test_japanese_headers_and_folded_case_and_width_name_the_canonical_columns():
    text = "ＩＤ,参加者,受診日,金額,Insured,Mental Health Professional,場所,提出日\n"
    text += "r1,P-001,2023/4/20,1000,はい,いいえ,日本,\n"
    columns = ["id", "participant", "service_date", "amount", "insured"]
    columns += ["mental_health_professional", "place"]
    problems, rows = read_csv(io.StringIO(text), required=columns, optional=["submitted_on"])
    assert not problems
    assert rows[0].values == {
        "id": "r1",
        "participant": "P-001",
        "service_date": "2023/4/20",
        "amount": "1000",
        "insured": "はい",
        "mental_health_professional": "いいえ",
        "place": "日本",
        "submitted_on": "",
    }


def test_a_column_given_twice_is_refused_so_the_first_is_not_dropped():
    text = 'id,amount,amount\nr1,"50,000",0\n'
    problems, rows = read_csv(io.StringIO(text), required=["id", "amount"])
    assert rows == []
    assert _lines(problems) == (
        "<input>: line 1: column 3 ('amount') is the same column as column 2 ('amount'); "
        "give each column once",
    )


def test_a_column_given_twice_under_two_names_is_refused():
    problems, _ = read_csv(io.StringIO("id,金額,Amount\n"), required=["id", "amount"])
    assert _lines(problems) == (
        "<input>: line 1: column 3 ('Amount') is the same column as column 2 ('金額'); "
        "give each column once",
    )


def test_unknown_columns_are_named_as_the_file_names_them():
    problems, _ = read_csv(io.StringIO("id,色,色\n"), required=["id"])
    assert _lines(problems) == (
        "<input>: line 1: unknown column: 色; expected id",
        "<input>: line 1: column 3 ('色') is the same column as column 2 ('色'); "
        "give each column once",
    )


def test_blank_columns_after_the_last_header_are_allowed_while_they_hold_nothing():
    text = "id,amount,,\nr1,5,,\nr2,6,x,\nr3,7, ,\n"
    problems, rows = read_csv(io.StringIO(text), required=["id", "amount"])
    assert [row.values for row in rows] == [
        {"id": "r1", "amount": "5"},
        {"id": "r3", "amount": "7"},
    ]
    assert _lines(problems) == ("<input>: line 3: has a value in column 3, which has no header",)


def test_a_blank_header_between_named_ones_is_refused():
    problems, _ = read_csv(io.StringIO("id,,amount\n"), required=["id", "amount"])
    assert _lines(problems) == (
        "<input>: line 1: column 2 has no header; name every column that holds data",
    )


# -- lines and cells ------------------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_any_line_ending_is_read_with_the_right_line_numbers(ending):
    text = ending.join(["id,note", "r1,a", '"r2","two', 'lines"', "", "r3,c"]) + ending
    problems, rows = read_csv(io.StringIO(text), required=["id", "note"])
    assert not problems
    assert [(row.line, row.values) for row in rows] == [
        (2, {"id": "r1", "note": "a"}),
        (3, {"id": "r2", "note": f"two{ending}lines"}),
        (6, {"id": "r3", "note": "c"}),
    ]


def test_a_cr_only_file_on_disk_is_read(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"id,amount\rr1,100\rr2,200")
    problems, rows = read_csv(path, required=["id", "amount"])
    assert not problems
    assert [row.line for row in rows] == [2, 3]


def test_an_over_long_cell_is_one_problem_and_later_bad_rows_are_still_reported():
    limit = csv.field_size_limit()
    text = f"id,amount\nr1,{'9' * (limit + 1)}\nr2,1,2\nr3,3\nr4,{'8' * (limit + 5)}\n"
    problems, rows = read_csv(io.StringIO(text), required=["id", "amount"])
    assert [row.values["id"] for row in rows] == ["r3"]
    assert _lines(problems) == (
        f"<input>: line 2: has a cell longer than {limit:,} characters, the most one holds",
        "<input>: line 3: has 3 cells; the header has 2",
        f"<input>: line 5: has a cell longer than {limit:,} characters, the most one holds",
    )


def test_a_stray_quote_is_one_problem_and_reading_goes_on():
    text = 'id,amount\n"r1"x,1\nr2,2\n'
    problems, rows = read_csv(io.StringIO(text), required=["id", "amount"])
    assert [row.line for row in rows] == [3]
    assert _lines(problems) == ("<input>: line 2: not valid CSV: ',' expected after '\"'",)


def test_rows_are_read_one_at_a_time():
    table = open_csv(io.StringIO("id,金額\nr1,1\nr2,2\n"), required=["id"], optional=["amount"])
    assert table.columns == ("id", "amount")
    rows = iter(table)
    assert next(rows).values == {"id": "r1", "amount": "1"}
    assert next(rows).line == 3
    assert next(rows, None) is None


def test_a_table_with_a_bad_header_has_no_rows():
    table = open_csv(io.StringIO("colour\nred\n"), required=["id"])
    assert (table.columns, list(table)) == ((), [])
    assert table.problems


# -- limits ---------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"id\n" + b"r1\n" * 10)
    with pytest.raises(InvalidRecords) as info:
        read_csv(path, required=["id"], max_bytes=16)
    assert info.value.lines() == (
        f"{path}: the file: is larger than 16 bytes, the most jetrules reads from one input; "
        "split it into smaller files",
    )
    problems, rows = read_csv(path, required=["id"], max_bytes=33)  # exactly the limit is read
    assert (bool(problems), len(rows)) == (False, 10)


def test_an_endless_input_stops_at_the_limit():
    with pytest.raises(InvalidRecords) as info:
        read_csv("/dev/zero", required=["id"], max_bytes=3 * 1024 * 1024)
    assert info.value.lines() == (
        "/dev/zero: the file: is larger than 3 MiB, the most jetrules reads from one input; "
        "split it into smaller files",
    )


def test_a_stream_over_the_limit_is_refused():
    with pytest.raises(InvalidRecords, match="<input>: the input: is larger than 10 bytes"):
        read_text(io.StringIO("x" * 11), max_bytes=10)
    assert read_text(io.StringIO("x" * 10), max_bytes=10) == ("<input>", "x" * 10)


def test_the_default_limit_is_stated():
    assert MAX_INPUT_BYTES == 128 * 1024 * 1024


def test_an_unknown_encoding_is_refused():
    with pytest.raises(InvalidInput, match="'encoding' must be a text encoding"):
        read_text(io.StringIO(""), encoding="klingon")


def test_file_names_with_control_characters_are_printed_escaped(tmp_path):
    path = tmp_path / "claims\x1b[31m.csv"
    path.write_bytes(b"\xff")
    with pytest.raises(InvalidRecords) as info:
        read_csv(path, required=["id"])
    assert "\x1b" not in str(info.value)
    assert info.value.source.endswith("claims\\x1b[31m.csv")
    assert Problems("a\u202eb").source == "a\\u202eb"
    assert Problems("領収書　2023.csv").source == "領収書　2023.csv"


# -- one call for CSV and workbooks ---------------------------------------------------------------


def test_read_table_reads_csv_by_the_name(tmp_path):
    path = tmp_path / "claims.CSV"
    path.write_text("id\nr1\n", encoding="utf-8")
    problems, rows = read_table(path, required=["id"])
    assert (bool(problems), [row.position for row in rows]) == (False, ["line 2"])
    problems, rows = read_table(io.StringIO("id\nr2\n"), required=["id"], format="csv")
    assert rows[0].values == {"id": "r2"}


def test_read_table_refuses_an_unknown_format():
    with pytest.raises(InvalidInput, match=r"'format' must be 'csv' or 'xlsx' \(got 'ods'\)"):
        read_table(io.StringIO(""), required=["id"], format="ods")  # type: ignore[arg-type]


# -- files are read as their rows are asked for -------------------------------------------------


def test_a_bad_byte_far_into_a_file_names_its_line(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"id\n" + b"r1\n" * 9_000 + b"r\x82\n" + b"r2\n" * 100)
    table = open_csv(path, required=["id"])
    with pytest.raises(InvalidRecords) as info:
        list(table)
    assert info.value.lines()[0].startswith(f"{path}: line 9002: is not UTF-8 text (byte 0x82 ")


def test_a_file_changed_while_it_is_read_still_gives_one_problem(tmp_path, monkeypatch):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"id\nr\xff\n")
    monkeypatch.setattr("jetrules.records._source.read_bytes", lambda path: b"id\nr1\n")
    with pytest.raises(InvalidRecords) as info:
        read_csv(path, required=["id"])
    assert info.value.lines() == (
        f"{path}: the file: is not UTF-8 text (invalid start byte); a Japanese Excel CSV is "
        'usually cp932: give --encoding cp932 (encoding="cp932" in Python), or save the file as '
        "UTF-8",
    )


def test_a_device_is_read_whole_within_the_limit():
    problems, rows = read_csv("/dev/null", required=["id"])
    assert rows == []
    assert _lines(problems) == ("/dev/null: line 1: the file is empty; expected a header with id",)


def test_read_text_reads_a_whole_file(tmp_path):
    path = tmp_path / "threads.json"
    path.write_bytes(b'\xef\xbb\xbf{"threads": []}')
    assert read_text(path) == (str(path), '{"threads": []}')
    with pytest.raises(InvalidRecords, match="the file: is larger than 5 bytes"):
        read_text(path, max_bytes=5)


def test_problems_read_a_row_field_by_field():
    from functools import partial

    from jetrules.records import STATUS_WORDS, to_day, to_word

    problems = Problems("s.csv")
    values = {"start": "2023/4/20", "status": "完了", "minutes": "x"}
    assert problems.read("line 2", values, "start", to_day) == to_day("2023-04-20", "d")
    assert problems.read("line 2", values, "status", partial(to_word, words=STATUS_WORDS)) == (
        "completed"
    )
    assert problems.read("line 2", values, "minutes", to_day) is None
    assert _lines(problems) == (
        "s.csv: line 2: 'minutes' must be a date such as 2023-04-20 or 2023/4/20 (got 'x')",
    )
