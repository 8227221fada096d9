"""The subsidy's behaviours no other test pinned, found by the mutation runs of issue 15 over its
terms, reasons, editions, parameters and the command's rows: each fails when the gap is
reintroduced. (A second file beside test_gaps_subsidy.py, so two runs can each add tests.)

Covered here:

- the command's CSV path (``csv_lines_of_rows``, ``ReceiptRows``): each row it refuses names the
  field, the rule and the value a person reads, whole; an id that starts a formula is guarded
  wherever it stands in the file.
"""

from __future__ import annotations

import pendulum
import pytest

from jetrules.errors import InvalidInput, OutOfRange, WrongType
from jetrules.subsidy import Receipt, ReceiptRows, assess, csv_lines_of_rows

# -- the command's CSV path (rows.py) -------------------------------------------------------------

ROW = ("P", 2019, "2019-05-10", "r1", 7001, False, True, "japan", "")
_NAMES = ("who", "year", "day", "id", "amount", "insured", "professional", "place", "arrived")
_TUPLES = "must be ReceiptRow tuples (what jetrules.records.read_receipt_rows gives)"


def _with(**changed: object) -> tuple[object, ...]:
    return tuple(changed.get(name, value) for name, value in zip(_NAMES, ROW, strict=True))


@pytest.mark.parametrize(
    ("rows", "error", "field", "rule", "value"),
    [
        ([list(ROW)], WrongType, "rows", _TUPLES, [list(ROW)]),
        ([ROW[:8]], WrongType, "rows", _TUPLES, [ROW[:8]]),
        (
            [_with(id="r0"), ROW, _with(day="2019-05-11")],
            InvalidInput,
            "id",
            "must be unique: two rows have it",
            "r1",
        ),
        (
            [_with(id=i) for i in ("r2", 5, "r1", "r3")],
            WrongType,
            "rows",
            _TUPLES,
            ["'r1'", "'r2'", "'r3'"],  # the first three, as written
        ),
        ([_with(id=" r1")], InvalidInput, "id", "must be as Receipt holds it (see to_name)", " r1"),
        ([_with(id=""), _with(id="r2")], InvalidInput, "id", "must be non-empty text", ""),
        (
            [_with(year=2020)],
            InvalidInput,
            "fiscal_year",
            "must be the fiscal year of its service date, 2019-05-10",
            2020,
        ),
        (
            [_with(year=9999, day="9999-05-01")],
            OutOfRange,
            "service_date",
            "must be from 0001-04-01 to 9999-03-31, the days of whole fiscal years FY1 to FY9998",
            pendulum.Date(9999, 5, 1),
        ),
        (
            [_with(day=20190510)],
            WrongType,
            "service_date",
            "must be a day written YYYY-MM-DD",
            20190510,
        ),
        (
            [_with(day="2019-05-10 ")],
            InvalidInput,
            "service_date",
            "must be a day written YYYY-MM-DD",
            "2019-05-10 ",
        ),
        ([_with(place="日本")], InvalidInput, "place", "must be one of japan, abroad", "日本"),
        (
            [_with(professional=1)],
            WrongType,
            "mental_health_professional",
            "must be True or False",
            1,
        ),
        (
            [_with(arrived="2019-05-09")],
            InvalidInput,
            "submitted_on",
            "must not be before the service date (2019-05-10)",
            "2019-05-09",
        ),
    ],
)
def test_a_row_the_csv_path_refuses_names_its_field_rule_and_value(rows, error, field, rule, value):
    for make in (csv_lines_of_rows, ReceiptRows):
        with pytest.raises(error) as caught:
            make(rows)
        assert type(caught.value) is error
        assert (caught.value.field, caught.value.rule, caught.value.value) == (field, rule, value)
        assert str(caught.value) == f"{field!r} {rule} (got {_written(value)})"


def _written(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def test_ids_with_blanks_around_them_and_a_blank_one_are_refused_even_all_together():
    """Each of the three ways an id can be loose at once: leading, trailing and no text."""
    rows = [_with(id=ident) for ident in (" r1", "r2 ", "", "r3")]
    with pytest.raises(InvalidInput) as caught:
        csv_lines_of_rows(rows)
    refused = (caught.value.field, caught.value.rule, caught.value.value)
    assert refused in {
        ("id", "must be as Receipt holds it (see to_name)", " r1"),
        ("id", "must be as Receipt holds it (see to_name)", "r2 "),
        ("id", "must be non-empty text", ""),
    }


@pytest.mark.parametrize("ident", ["=f", "+g", "-h", "@i"])
@pytest.mark.parametrize("first", [True, False])
def test_an_id_that_starts_a_formula_is_guarded_first_in_the_file_or_later(ident, first):
    rows = [_with(id=ident)] if first else [_with(id="r0", day="2019-05-09"), _with(id=ident)]
    lines = list(csv_lines_of_rows(rows).lines)
    assert lines[-1].startswith(f"P,2019,'{ident},2019-05-10,7001,False,True,japan,,7001,")
    receipts = [
        Receipt(id=row[3], participant=row[0], service_date=row[2], amount=row[4]) for row in rows
    ]
    assert "".join(lines) == "".join(assess(receipts).iter_csv())
