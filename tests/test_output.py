import io
import json

import pendulum

from jetrules._kernel.output import display_width, format_table, jsonable, write_csv, write_json
from jetrules.money import Yen


def test_table_aligns_numbers_right_and_counts_wide_characters():
    table = format_table(["名前", "amount"], [["年度", Yen(30_000)], ["x", Yen(5)]])
    lines = table.splitlines()
    assert lines[0] == "名前   amount"  # headers of number columns align right too
    assert lines[2] == "年度  ¥30,000"
    assert lines[3] == "x          ¥5"
    assert all(display_width(line) <= display_width(lines[1]) for line in lines)


def test_empty_table_has_headers_only():
    assert format_table(["a", "b"], []).splitlines() == ["a  b", "-  -"]


def test_none_is_an_empty_cell():
    assert format_table(["a", "b"], [[None, "x"]]).splitlines()[2] == "   x"


def test_csv_and_json():
    out = io.StringIO()
    write_csv(out, ["a", "b"], [[Yen(1), None]])
    assert out.getvalue() == "a,b\n¥1,\n"
    out = io.StringIO()
    write_json(out, {"名": "年度", "day": pendulum.Date(2019, 4, 1)})
    assert json.loads(out.getvalue()) == {"名": "年度", "day": "2019-04-01"}
    assert out.getvalue().endswith("\n")


def test_jsonable_keeps_plain_values():
    assert jsonable({"a": 1, "b": None, "c": True, "d": "x", "e": Yen(5)}) == {
        "a": 1,
        "b": None,
        "c": True,
        "d": "x",
        "e": "¥5",
    }


def test_csv_defuses_spreadsheet_formulas_but_keeps_numbers():
    out = io.StringIO()
    write_csv(out, ["id", "n"], [["=cmd|' /C calc'!A0", -5], ["@SUM(1)", "+81"], ["A-1", "¥5"]])
    assert out.getvalue().splitlines()[1:] == [
        "'=cmd|' /C calc'!A0,-5",
        "'@SUM(1),'+81",
        "A-1,¥5",
    ]
