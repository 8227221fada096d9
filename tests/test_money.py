from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import InvalidInput, OutOfRange, Rounding, WrongType, Yen
from jetrules.money import MAX_YEN

from strategies import yen_amounts, yens


class TestConstruction:
    @pytest.mark.parametrize(
        ("value", "error", "shown"),
        [
            (1.5, WrongType, "1.5"),  # floats are never money
            (1.0, WrongType, "1.0"),  # not even whole ones
            (True, WrongType, "True"),  # bool is an int subclass, but not an amount
            ("abc", WrongType, "'abc'"),  # text goes through Yen.parse
            (-1, InvalidInput, "-1"),  # never negative
            (Decimal("1.5"), InvalidInput, "Decimal('1.5')"),  # fractional decimal
            (Decimal("NaN"), InvalidInput, "Decimal('NaN')"),
            (None, WrongType, "None"),
        ],
    )
    def test_refuses(self, value, error, shown):
        with pytest.raises(error, match="'amount'") as info:
            Yen(value)
        assert shown in str(info.value)
        assert info.value.field == "amount"

    def test_wrong_type_is_also_type_error_and_value_error(self):
        with pytest.raises(TypeError):
            Yen(1.5)
        with pytest.raises(ValueError):  # noqa: PT011 - the built-in refinement is the point
            Yen(1.5)

    def test_accepts_whole_decimal(self):
        assert Yen(Decimal("30000")) == Yen(30_000)
        assert Yen(Decimal("3E+4")) == Yen(30_000)

    @pytest.mark.parametrize(
        ("text", "amount"),
        [
            ("30000", 30_000),
            ("30,000", 30_000),
            ("¥30,000", 30_000),
            ("￥30,000", 30_000),  # full-width yen sign
            ("30,000円", 30_000),
            (" ¥ 7001 ", 7_001),
            ("0", 0),
            ("３０，０００円", 30_000),  # full-width digits and comma, as typed in Japanese
            ("\\12,000", 12_000),  # a CP932 file's yen sign, decoded as a backslash
        ],
    )
    def test_parse(self, text, amount):
        assert Yen.parse(text) == Yen(amount)
        assert Yen.of(text) == Yen(amount)

    @pytest.mark.parametrize("text", ["abc", "", "-500", "1.5", "30,00", "¥", "1,2345", "٣٠"])
    def test_parse_refuses(self, text):
        with pytest.raises(InvalidInput, match="'amount'"):
            Yen.parse(text)

    def test_parse_refuses_non_text(self):
        with pytest.raises(WrongType):
            Yen.parse(30_000)  # type: ignore[arg-type]

    def test_of_passes_yen_through(self):
        yen = Yen(5)
        assert Yen.of(yen) is yen
        assert Yen.of(5) == yen


class TestDisplay:
    def test_repr_and_str(self):
        assert repr(Yen(30_000)) == "Yen(30000)"
        assert str(Yen(30_000)) == "¥30,000"
        assert str(Yen(0)) == "¥0"
        assert int(Yen(12)) == 12

    def test_truthiness_follows_the_amount(self):
        assert not Yen(0)
        assert Yen(1)


class TestArithmetic:
    def test_subtraction_refuses_a_negative_result(self):
        with pytest.raises(InvalidInput, match="negative"):
            Yen(1) - Yen(2)
        assert Yen(2) - Yen(2) == Yen(0)

    def test_mixing_with_plain_numbers_is_refused(self):
        with pytest.raises(TypeError):
            Yen(1) + 1  # type: ignore[operator]
        with pytest.raises(TypeError):
            1 + Yen(1)  # type: ignore[operator]
        with pytest.raises(TypeError):
            Yen(1) - 1  # type: ignore[operator]

    def test_multiplying_by_a_fraction_floors_by_default(self):
        assert Yen(30_000) * Fraction(1, 2) == Yen(15_000)
        assert Yen(7_001) * Fraction(1, 2) == Yen(3_500)
        assert Fraction(1, 2) * Yen(7_001) == Yen(3_500)
        assert Yen(3) * 2 == Yen(6)

    @pytest.mark.parametrize(
        ("rounding", "amount"),
        [
            (Rounding.FLOOR, 3_500),
            (Rounding.CEILING, 3_501),
            (Rounding.HALF_UP, 3_501),
            (Rounding.HALF_EVEN, 3_500),
        ],
    )
    def test_named_roundings_of_a_half(self, rounding, amount):
        assert Yen(7_001).times(Fraction(1, 2), rounding) == Yen(amount)

    def test_half_even_and_half_up_differ_only_on_halves(self):
        assert Yen(7_003).times(Fraction(1, 2), Rounding.HALF_EVEN) == Yen(3_502)
        assert Yen(10).times(Fraction(1, 3), Rounding.HALF_UP) == Yen(3)
        assert Yen(10).times(Fraction(1, 3), Rounding.CEILING) == Yen(4)

    @pytest.mark.parametrize("rate", [0.5, True, "1/2", Decimal("0.5")])
    def test_times_refuses_inexact_rates(self, rate):
        with pytest.raises(WrongType, match="'rate'"):
            Yen(100).times(rate)

    def test_times_refuses_negative_rates_and_unknown_roundings(self):
        with pytest.raises(InvalidInput, match="'rate'"):
            Yen(100).times(Fraction(-1, 2))
        with pytest.raises(WrongType, match="'rounding'"):
            Yen(100).times(Fraction(1, 2), "floor")  # type: ignore[arg-type]

    def test_ordering(self):
        assert Yen(1) < Yen(2) <= Yen(2)
        assert max(Yen(3), Yen(9)) == Yen(9)


class TestLikeTheIntOfTheSameYen:
    """A Yen equals, orders with and hashes like the int of the same yen (issue 13)."""

    def test_equal_to_the_int(self):
        assert Yen(0) == 0
        assert 0 == Yen(0)  # noqa: SIM300 - the reflected comparison is the point
        assert Yen(5) != 6
        assert Yen(3) in [3]
        assert 3 in [Yen(3)]
        assert [Yen(30_000), Yen(0)].count(0) == 1

    def test_hashes_like_the_int(self):
        assert hash(Yen(5)) == hash(5)
        assert {Yen(5), 5} == {5}
        assert {5: "five"}[Yen(5)] == "five"
        assert {Yen(5): "five"}[5] == "five"

    def test_ordered_with_ints(self):
        assert Yen(5) < 10
        assert 10 > Yen(5)  # noqa: SIM300 - the reflected comparison is the point
        assert Yen(5) <= 5 <= Yen(5)
        assert Yen(5) >= 5 >= Yen(5)
        assert not Yen(5) > 5
        assert sorted([Yen(5), 2, Yen(1), 0]) == [0, 1, 2, 5]
        assert max(4, Yen(9), 7) == Yen(9)

    def test_other_integers_too(self):
        class Count(int):
            pass

        assert Yen(2) == Count(2)
        assert Yen(1) < Count(2)

    @pytest.mark.parametrize("other", [5.0, Decimal(5), Fraction(5), "5", True, None])
    def test_never_equal_to_floats_text_or_bools(self, other):
        # money is never a float; a bool is not an amount (Yen(1) == True would pass a flag for ¥1)
        assert Yen(5 if other is not True else 1) != other
        assert other != Yen(5 if other is not True else 1)

    @pytest.mark.parametrize("other", [5.5, Decimal("5.5"), "5", True, None])
    def test_refuses_to_order_with_floats_text_or_bools(self, other):
        with pytest.raises(TypeError):
            Yen(5) < other  # type: ignore[operator]  # noqa: B015
        with pytest.raises(TypeError):
            other < Yen(5)  # type: ignore[operator]  # noqa: B015

    def test_arithmetic_with_ints_stays_refused(self):
        with pytest.raises(TypeError):
            Yen(1) + 1  # type: ignore[operator]
        assert sum([Yen(1), Yen(2)]) == 3  # sum's start, 0, is the one int that adds


@given(st.lists(yen_amounts, max_size=30), st.randoms())
def test_sums_are_exact_and_order_independent(amounts, random):
    values = [Yen(a) for a in amounts]
    shuffled = values.copy()
    random.shuffle(shuffled)
    assert sum(values, Yen(0)) == sum(shuffled, Yen(0)) == Yen(sum(amounts))
    if values:
        assert sum(values) == Yen(sum(amounts))


@given(yens, yens, st.fractions(min_value=0, max_value=1))
def test_flooring_parts_never_exceeds_flooring_the_whole(a, b, rate):
    assert (a * rate) + (b * rate) <= (a + b) * rate


@given(yens, yens)
def test_add_then_subtract_round_trips(a, b):
    assert (a + b) - b == a


@given(yens)
def test_parse_round_trips_str(a):
    assert Yen.parse(str(a)) == a


@given(yen_amounts, st.integers(min_value=-(10**9), max_value=10**9))
def test_compares_as_its_int(amount, other):
    yen = Yen(amount)
    assert (yen == other) is (amount == other)
    assert (yen != other) is (amount != other)
    assert (yen < other) is (amount < other)
    assert (yen <= other) is (amount <= other)
    assert (yen > other) is (amount > other)
    assert (yen >= other) is (amount >= other)
    assert (other < yen) is (other < amount)
    assert hash(yen) == hash(amount)


@given(st.lists(st.one_of(yens, yen_amounts), max_size=30))
def test_sorting_mixed_yen_and_ints_sorts_the_amounts(values):
    assert [int(v) for v in sorted(values)] == sorted(int(v) for v in values)
    assert len(set(values)) == len({int(v) for v in values})


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (MAX_YEN + 1, "1000000000000000000"),
        (10**40, "a whole number of 41 digits"),
        (10**5000, "a whole number of about 5,000 digits"),
        (Decimal("1E+999999999"), "1E+999999999"),
        (Decimal("1E+18"), "1E+18"),
    ],
    ids=["MAX_YEN+1", "10**40", "10**5000", "1E+999999999", "1E+18"],
)
def test_an_amount_has_at_most_eighteen_digits(amount, shown):
    """Red-team finding: Yen(10**40) broke to_frame (int64), Yen(10**5000) could not be written."""
    with pytest.raises(OutOfRange) as info:
        Yen(amount)
    assert str(info.value) == f"'amount' must be at most ¥999,999,999,999,999,999 (got {shown})"
    assert (info.value.field, info.value.value) == ("amount", amount)
    assert str(Yen(MAX_YEN)) == "¥999,999,999,999,999,999"
    assert Yen(Decimal("999999999999999999")) == MAX_YEN


def test_yen_formats_as_a_number_when_given_a_format():
    # an analyst's first try, f"{total:,}", was a bare TypeError
    assert (f"{Yen(1_234_567)}", f"{Yen(1_234_567):,}", f"{Yen(5):03d}") == (
        "¥1,234,567",
        "1,234,567",
        "005",
    )


def test_a_decimal_rate_is_not_called_a_float():
    with pytest.raises(WrongType) as error:
        Yen(1_000).times(Decimal("1.5"))  # type: ignore[arg-type]
    assert error.value.rule == (
        "must be an int or a Fraction such as Fraction(1, 2) (not a float or a Decimal)"
    )
