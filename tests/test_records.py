import io

import pytest

from jetrules.errors import InvalidInput, InvalidRecords
from jetrules.records import Problems, read_csv
from jetrules.records._tabular import parse_json, read_text


def test_reads_rows_with_line_numbers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('\ufeffid,amount\nr1, 100\n\nr2,"2,000"\n', encoding="utf-8")
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
        "<input>: line 1: missing column(s): amount",
        "<input>: line 1: unknown column(s): colour; expected id, amount, note",
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
        f"{path}: line 3: is not UTF-8 text (byte 0xff at offset 20); save the file as UTF-8",
    )


def test_a_stream_that_is_not_utf8_is_one_problem():
    stream = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\x80abc"), encoding="utf-8")
    with pytest.raises(InvalidRecords, match="the input: is not UTF-8 text"):
        read_text(stream)


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
