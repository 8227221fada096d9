import csv
import io
import json
import os

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules._kernel.output import (
    FALLBACK,
    _csv_cell,
    csv_line,
    display_width,
    encoded_output,
    format_table,
    jsonable,
    safe_output,
    text_codec,
    write_csv,
    write_json,
)
from jetrules.errors import InvalidInput, WrongType
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


# -- encodings: what Excel opens, and streams that cannot hold "¥" ---------------------------------


def _bytes_out(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding)


def _written(out: io.TextIOWrapper) -> bytes:
    out.flush()
    return out.buffer.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8-sig", '\ufeffid,amount\nr1,"¥30,000"\n年度,\'=1\n'.encode()),
        ("cp932", 'id,amount\nr1,"￥30,000"\n年度,\'=1\n'.encode("cp932")),
        ("ascii", b'id,amount\nr1,"JPY 30,000"\n\\u5e74\\u5ea6,\'=1\n'),
        ("latin-1", 'id,amount\nr1,"¥30,000"\n\\u5e74\\u5ea6,\'=1\n'.encode("latin-1")),
    ],
)
def test_csv_in_the_encoding_the_caller_chooses(encoding, expected):
    out = _bytes_out("utf-8")
    write_csv(out, ["id", "amount"], [["r1", Yen(30_000)], ["年度", "=1"]], encoding=encoding)
    assert _written(out) == expected.replace(b"\n", os.linesep.encode())
    out.write("after")  # the caller's stream is still open, in its own encoding
    assert _written(out).endswith(b"after")


def test_excel_reads_back_what_it_is_given():
    out = _bytes_out("utf-8")
    write_csv(out, ["参加者"], [["山田"]], encoding="utf-8-sig")
    assert _written(out).decode("utf-8-sig").splitlines() == ["参加者", "山田"]


def test_a_text_only_stream_takes_the_text_as_it_is():
    out = io.StringIO()
    write_csv(out, ["a"], [[Yen(5)]], encoding="cp932")
    assert out.getvalue() == "a\n¥5\n"


def test_an_unknown_output_encoding_is_refused_before_anything_is_written():
    out = _bytes_out("utf-8")
    with pytest.raises(InvalidInput, match="'output encoding' must be a text encoding"):
        write_csv(out, ["a"], [], encoding="rot13")
    with pytest.raises(WrongType, match="'encoding' must be the name of a text encoding"):
        text_codec(932)  # type: ignore[arg-type]
    assert _written(out) == b""


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("ascii", b"JPY 30,000 \\u5e74 JPY 5 \x1b"),
        ("cp932", "￥30,000 年 ￥5 \x1b".encode("cp932")),
        ("latin-1", "¥30,000 \\u5e74 JPY 5 \x1b".encode("latin-1")),
        ("utf-8", "¥30,000 年 ￥5 \x1b".encode()),
    ],
)
def test_a_stream_that_cannot_hold_a_character_falls_back_without_a_traceback(encoding, expected):
    out = safe_output(_bytes_out(encoding))
    print("¥30,000 年 ￥5 \x1b", file=out, end="")
    assert _written(out) == expected


def test_a_lone_surrogate_is_escaped_even_in_utf8():
    out = safe_output(_bytes_out("utf-8"))
    out.write("a\ud800b")
    assert _written(out) == b"a\\ud800b"


def test_safe_output_leaves_streams_it_cannot_set_as_they_are():
    out = io.StringIO()
    assert safe_output(out) is out


def test_the_fallback_handles_only_encoding():
    with pytest.raises(UnicodeDecodeError):
        b"\xff".decode("utf-8", errors=FALLBACK)
    assert "¥".encode("ascii", errors=FALLBACK) == b"JPY "


def test_encoded_output_without_an_encoding_is_the_stream_made_safe():
    out = _bytes_out("ascii")
    with encoded_output(out) as stream:
        assert stream is out
        stream.write("¥1")
    assert _written(out) == b"JPY 1"


def test_csv_without_an_encoding_leaves_the_stream_as_it_is():
    out = _bytes_out("ascii")
    with pytest.raises(UnicodeEncodeError):
        write_csv(out, ["a"], [[Yen(5)]])
    write_csv(safe_output(out), ["a"], [[Yen(5)]])
    assert _written(out).endswith(b"a\nJPY 5\n".replace(b"\n", os.linesep.encode()))


_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.dates(),
    st.text(st.characters(codec="utf-8"), max_size=8),
    st.sampled_from(["=1+1", "-5", "a,b", 'say "hi"', "x\ny", "\r", "", " ", "-", "+3,000"]),
)


@given(st.lists(st.lists(_CELLS, max_size=6), max_size=5), st.lists(st.text(max_size=5)))
def test_csv_is_written_as_the_csv_module_writes_the_guarded_cells(rows, headers):
    """The writer joins fields itself, for speed: the text is csv.writer's, cell for cell.

    But for one difference: a field holding a carriage return is quoted (csv.writer leaves it
    bare when lines end in a newline, and a reader then splits the row there).
    """
    ours, theirs = io.StringIO(), io.StringIO()
    write_csv(ours, headers, iter(rows))
    writer = csv.writer(theirs, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([_csv_cell(cell) for cell in row] for row in rows)
    if "\r" not in theirs.getvalue():
        assert ours.getvalue() == theirs.getvalue()
    assert list(csv.reader(io.StringIO(ours.getvalue(), newline=""))) == [
        headers,
        *([_csv_cell(cell) for cell in row] for row in rows),
    ]


def test_a_csv_line_of_one_empty_field_is_not_a_blank_line():
    assert csv_line([""]) == '""\n'
    assert csv_line([None]) == '""\n'
    assert csv_line([]) == "\n"
