"""Whole yen at the edges the other tests leave: what a person reads, and the exact boundaries.

Each test here pins a behaviour a mutation of ``jetrules.money`` changed without any other test
failing (docs/development.md, "Mutation testing").
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from jetrules.errors import InvalidInput, OutOfRange, WrongType
from jetrules.money import Rounding, Yen


@pytest.mark.parametrize(
    ("rounding", "value", "whole"),
    [
        (Rounding.FLOOR, Fraction(7, 2), 3),
        (Rounding.FLOOR, Fraction(3), 3),
        (Rounding.CEILING, Fraction(7, 2), 4),
        (Rounding.CEILING, Fraction(3), 3),
        (Rounding.CEILING, Fraction(31, 10), 4),
        (Rounding.HALF_UP, Fraction(7, 2), 4),
        (Rounding.HALF_UP, Fraction(5, 2), 3),
        (Rounding.HALF_UP, Fraction(249, 100), 2),
        (Rounding.HALF_EVEN, Fraction(5, 2), 2),
        (Rounding.HALF_EVEN, Fraction(7, 2), 4),
        (Rounding.HALF_EVEN, Fraction(251, 100), 3),
    ],
)
def test_each_rounding_on_exact_values(rounding, value, whole):
    assert rounding.apply(value) == whole
    assert type(rounding.apply(value)) is int


def test_the_roundings_are_named_as_their_values():
    assert [r.value for r in Rounding] == ["floor", "ceiling", "half_up", "half_even"]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("0", 0),
        ("1,000", 1_000),
        ("12,345,678", 12_345_678),
        ("¥ 30,000", 30_000),
        ("30,000 円", 30_000),
        ("\\30,000", 30_000),
        ("￥３０，０００", 30_000),
        ("３０，０００円", 30_000),
        ("\t¥7,001\n", 7_001),
    ],
)
def test_parse_reads_every_form_people_write(text, amount):
    assert Yen.parse(text) == Yen(amount)


@pytest.mark.parametrize(
    "text",
    ["", "¥", "1,00", "1,0000", ",100", "100,", "1.000", "¥¥100", "100円円", "-100", "1 000", "٣"],
)
def test_parse_refuses_what_is_not_whole_yen(text):
    with pytest.raises(InvalidInput) as caught:
        Yen.parse(text)
    assert (caught.value.field, caught.value.value) == ("amount", text)
    assert caught.value.rule == "must be whole yen such as 30000, 30,000 or ¥30,000"


def test_a_decimal_must_be_whole_and_finite():
    assert Yen(Decimal("30000.000")) == Yen(30_000)
    assert type(Yen(Decimal("30000")).amount) is int
    for value in (Decimal("NaN"), Decimal("Infinity"), Decimal("0.5")):
        with pytest.raises(InvalidInput) as caught:
            Yen(value)
        assert caught.value.rule == "must be a whole number of yen"
        assert caught.value.field == "amount"


def test_zero_is_an_amount_and_minus_one_is_not():
    assert Yen(0).amount == 0
    with pytest.raises(InvalidInput) as caught:
        Yen(-1)
    assert (caught.value.field, caught.value.rule, caught.value.value) == (
        "amount",
        "must not be negative",
        -1,
    )


def test_text_is_pointed_to_parse_and_other_types_are_not():
    with pytest.raises(WrongType, match=r"\(use Yen.parse for text\)"):
        Yen("1000")  # type: ignore[arg-type]
    with pytest.raises(WrongType) as caught:
        Yen(1.0)  # type: ignore[arg-type]
    assert "Yen.parse" not in str(caught.value)
    assert str(caught.value).endswith("(got float 1.0)")


def test_times_a_zero_rate_and_a_whole_rate():
    assert Yen(7_001).times(0) == Yen(0)
    assert Yen(7_001).times(2) == Yen(14_002)
    assert Yen(7_001) * Fraction(1, 2) == Yen(3_500)
    assert Fraction(1, 2) * Yen(7_001) == Yen(3_500)
    with pytest.raises(WrongType):
        Yen(1).times(True)  # type: ignore[arg-type]


def test_a_difference_of_zero_is_allowed_and_a_negative_one_names_both_amounts():
    assert Yen(5) - Yen(5) == Yen(0)
    with pytest.raises(InvalidInput) as caught:
        Yen(5) - Yen(6)
    error = caught.value
    assert str(error) == "¥5 - ¥6 would be negative; yen amounts are never negative"
    assert (error.field, error.rule, error.value) == ("amount", "must not be negative", -1)


def test_sum_starts_from_zero_only():
    assert sum([Yen(1), Yen(2)]) == Yen(3)
    assert 0 + Yen(4) == Yen(4)
    assert Yen(4).__radd__(0) is not NotImplemented
    assert Yen(4).__radd__(1) is NotImplemented
    assert Yen(4).__radd__(False) is NotImplemented


def test_int_and_bool_of_an_amount():
    assert int(Yen(30_000)) == 30_000
    assert bool(Yen(1)) is True
    assert bool(Yen(0)) is False


def test_how_an_amount_shows_in_a_message():
    assert Yen(1_234_567).__jetrules_display__() == "¥1,234,567"
    assert str(Yen(0)) == "¥0"
    assert repr(Yen(1_000)) == "Yen(1000)"


class _Anything:
    """A value that compares with anything, from either side: what a Yen defers to."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __lt__(self, other: object) -> bool:
        return True

    __le__ = __gt__ = __ge__ = __lt__
    __hash__ = object.__hash__


def test_a_yen_defers_to_the_other_side_for_what_it_cannot_compare():
    # Yen returns NotImplemented for a value that is not whole yen, so Python asks the other side
    anything = _Anything()
    assert Yen(5) == anything
    assert (Yen(5) != anything) is False
    assert Yen(5) < anything
    assert Yen(5) <= anything
    assert Yen(5) > anything
    assert Yen(5) >= anything
    for method in ("__eq__", "__lt__", "__le__", "__gt__", "__ge__"):
        assert getattr(Yen(5), method)(anything) is NotImplemented
        assert getattr(Yen(5), method)(5.0) is NotImplemented


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (10**30 - 1, "999999999999999999999999999999"),
        (10**30, "a whole number of 31 digits"),
        (2**12999 - 1, "a whole number of 3,914 digits"),
        (2**12999, "a whole number of about 3,913 digits"),
    ],
)
def test_an_amount_too_large_is_shown_whole_up_to_30_digits_then_by_its_length(amount, shown):
    rule = "must be at most ¥999,999,999,999,999,999"
    with pytest.raises(OutOfRange) as caught:
        Yen(amount)
    assert (caught.value.field, caught.value.rule) == ("amount", rule)
    assert str(caught.value) == f"'amount' {rule} (got {shown})"
