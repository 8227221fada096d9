"""JSON read without guessing: repeated keys, wrong shapes and non-text where text is due."""

from decimal import Decimal

import pytest

from jetrules.errors import InvalidRecords, WrongType
from jetrules.records import Problems
from jetrules.records._json import cell_from_json, json_kind, json_object, parse_json


def _lines(problems: Problems) -> tuple[str, ...]:
    with pytest.raises(InvalidRecords) as info:
        problems.raise_if_any()
    return info.value.lines()


def test_a_repeated_key_is_refused_so_nothing_is_dropped():
    problems = Problems("t.json")
    assert parse_json('{"threads": [{"id": "T1"}], "threads": []}', problems) is None
    assert _lines(problems) == (
        't.json: line 1: the object that opens here gives the key "threads" 2 times; '
        "give each key once",
    )


def test_every_object_with_a_repeated_key_is_listed_with_its_line():
    text = '[\n  {"id": "r1", "amount": 1, "amount": 2, "amount": 3},\n  {"id": "r2"},\n'
    text += '  {"id": "r3",\n   "x": {"y": 1, "y": 2}, "id": "r4"}\n]'
    problems = Problems("r.json")
    assert parse_json(text, problems, expect=list) is None
    assert _lines(problems) == (
        'r.json: line 2: the object that opens here gives the key "amount" 3 times; '
        "give each key once",
        'r.json: line 4: the object that opens here gives the key "id" 2 times; give each key once',
        'r.json: line 5: the object that opens here gives the key "y" 2 times; give each key once',
    )


def test_a_repeated_key_deep_inside_is_too_deep_to_place():
    problems = Problems("deep.json")
    assert parse_json("[" * 600 + '{"a": 1, "a": 2}' + "]" * 600, problems) is None
    assert _lines(problems) == ("deep.json: the file: not valid JSON here: nested too deeply",)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("null", "null"), ("3", "a number"), ("[]", "a list"), ('"x"', "text"), ("true", "true")],
)
def test_a_document_of_the_wrong_shape_is_refused(text, kind):
    problems = Problems("t.json")
    expected = 'a JSON object with a "threads" list'
    assert parse_json(text, problems, expect=dict, what=expected) is None
    assert _lines(problems) == (f"t.json: the file: must be {expected} (got {kind})",)


def test_the_shape_has_a_default_description():
    problems = Problems("r.json")
    assert parse_json("{}", problems, expect=list) is None
    assert _lines(problems) == ("r.json: the file: must be a JSON list (got an object)",)
    assert parse_json("[]", Problems("r.json"), expect=list) == []


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_numbers_json_does_not_have_are_refused(constant):
    problems = Problems("r.json")
    assert parse_json(f'[{{"amount": {constant}}}]', problems) is None
    assert _lines(problems) == (
        f"r.json: the file: not valid JSON here: {constant} is not a number JSON allows",
    )


def test_json_kind_of_false():
    assert json_kind(False) == "false"
    assert json_kind(1.5) == "a number"


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        ("r1", "text", "r1"),
        ("10,000", "number", "10,000"),
        (10000, "number", "10000"),
        (Decimal("10000.0"), "number", "10000"),
        (True, "flag", "true"),
        (False, "flag", "false"),
        ("はい", "flag", "はい"),
    ],
)
def test_cells_from_json_values(value, kind, text):
    assert cell_from_json(value, "f", kind=kind) == text


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        (True, "text", "'f' must be text (got true)"),
        (False, "text", "'f' must be text (got false)"),
        (None, "text", "'f' must be text (got null)"),
        (12, "text", "'f' must be text (got 12)"),
        (["a"], "text", "'f' must be text (got [\"a\"])"),
        ({"a": "年" * 60}, "text", '\'f\' must be text (got {"a": "' + "年" * 32 + "…)"),
        (True, "number", "'f' must be a number or text (got true)"),
        (1.5, "number", "'f' must be a number or text (got 1.5)"),  # no reader makes a float
        (float("inf"), "number", "'f' must be a number or text (got Infinity)"),
        ([Decimal("1.5")], "number", "'f' must be a number or text (got [1.5])"),
        (Decimal("1E+999999999"), "text", "'f' must be text (got 1E+999999999)"),
        (1, "flag", "'f' must be true, false or text such as yes or no (got 1)"),
        (None, "flag", "'f' must be true, false or text such as yes or no (got null)"),
    ],
)
def test_values_a_field_cannot_hold_are_refused_shown_as_json(value, kind, message):
    with pytest.raises(WrongType) as info:
        cell_from_json(value, "f", kind=kind)
    assert str(info.value) == message
    assert (info.value.field, info.value.value) == ("f", value)


def test_json_object_checks_its_keys():
    problems = Problems("t.json")
    entry = {"id": "T1", "participant": "P", "messages": []}
    assert json_object(entry, "thread 1", problems, required=("id", "messages")) is None
    assert json_object(entry, "thread 2", problems, required=("id",), optional=("x",)) is None
    assert json_object([], "thread 3", problems, required=("id",)) is None
    allowed = ("id", "participant", "messages")
    assert json_object(entry, "thread 4", problems, required=allowed) == entry
    assert json_object({}, "thread 5", problems, required=("id",)) is None
    assert _lines(problems) == (
        "t.json: thread 1: unknown key: participant; expected id, messages",
        "t.json: thread 2: unknown keys: participant, messages; expected id, x",
        "t.json: thread 3: must be a JSON object with id (got a list)",
        "t.json: thread 5: missing key: id",
    )


def test_a_key_given_twice_and_bad_json_later_are_both_problems_not_a_crash():
    problems = Problems("t.json")
    assert parse_json('{"threads": [{"id": "T1", "id": "T2"}\n,]}', problems) is None
    first, second = _lines(problems)  # the JSON error's words differ between Pythons
    assert first == (
        't.json: line 1: the object that opens here gives the key "id" 2 times; give each key once'
    )
    assert second.startswith("t.json: line 2: not valid JSON: ")


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_json_lines_are_numbered_the_same_whatever_their_ending(ending):
    problems = Problems("r.json")
    text = ending.join(["[", '  {"id": "r1"},', "  {oops}", "]"])
    assert parse_json(text, problems) is None
    assert [line.split(": ")[1] for line in _lines(problems)] == ["line 3"]  # any Python's words


@pytest.mark.parametrize(
    ("written", "cell"),
    [
        ("10000", "10000"),
        ("10000.0", "10000"),
        ("1e3", "1000"),
        ("149.50", "149.50"),
        ("30000.0000000000001", "30000.0000000000001"),
        ("1" * 5000, "1" * 5000),
        ("1e999999999", "1E+999999999"),
    ],
)
def test_json_numbers_are_read_exactly_as_written(written, cell):
    """Red-team finding: 30000.0000000000001 went through a float and was read as ¥30,000."""
    problems = Problems("x.json")
    document = parse_json(f'[{{"amount": {written}}}]', problems, expect=list)
    assert not problems
    assert cell_from_json(document[0]["amount"], "amount", kind="number") == cell
