"""The subsidy's views and conversions pinned before their mutation run (issue 15).

Each test fails when a mutant changes what a person reads or relies on in one of the modules not
yet measured: amounts in other currencies and the errors naming them (currency.py), the records'
columns and texts (tables.py), a DataFrame's dtypes and the message naming the missing extra
(frame.py), the notebook's HTML (notebook.py), and the claims by organisation (organisations.py).
Errors are compared whole (type, field, rule, value and message), texts whole in both languages,
and each limit from both sides.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from jetrules._subsidy.currency import (
    YEN,
    Conversion,
    to_amount,
    to_currency,
    to_rate_per_unit,
    to_yen_at,
)
from jetrules.errors import InvalidInput, JetRulesError, WrongType
from jetrules.money import Yen


def refused(call: Callable[[], object]) -> tuple[object, ...]:
    """The error *call* raises, whole: its type, field, rule, value and message."""
    with pytest.raises(JetRulesError) as caught:
        call()
    error = caught.value
    return type(error), error.field, error.rule, error.value, str(error)


# -- currency.py: currency codes, amounts and rates -----------------------------------------------

AMOUNT_RULE = "must be a decimal number more than 0"
RATE_RULE = "must be a decimal number of yen per unit more than 0"
NEVER_A_FLOAT = " (a Decimal, an int or text; never a float)"
DIGITS_RULE = "must have at most 12 digits before the point and 6 after it"
CODE_RULE = "must be a currency code of three letters such as USD or EUR"


def test_a_currency_code_is_three_ascii_letters_in_capitals():
    assert to_currency(" eur ") == "EUR"
    assert to_currency("Usd") == "USD"
    assert YEN == "JPY"
    assert refused(lambda: to_currency(840)) == (
        WrongType,
        "currency",
        "must be a currency code such as USD",
        840,
        "'currency' must be a currency code such as USD (got 840)",
    )
    for given in ("US", "USDX", "ＵＳＤ", "U$D"):
        assert refused(lambda given=given: to_currency(given)) == (
            InvalidInput,
            "currency",
            CODE_RULE,
            given,
            f"'currency' {CODE_RULE} (got {given!r})",
        )
    assert refused(lambda: to_currency("usd1", field="paid_in")) == (
        InvalidInput,
        "paid_in",
        CODE_RULE,
        "usd1",
        f"'paid_in' {CODE_RULE} (got 'usd1')",
    )


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("100.00", Decimal("100.00")),
        (" 1,000.50 ", Decimal("1000.50")),  # as a file writes it
        ("１，２００．５", Decimal("1200.5")),  # full-width digits, comma and point
        (5, Decimal(5)),
        (Decimal("0.000001"), Decimal("0.000001")),  # six places: the most
        ("999999999999.999999", Decimal("999999999999.999999")),  # twelve digits and six
        (Decimal("1E+11"), Decimal("1E+11")),  # twelve digits, written with an exponent
    ],
)
def test_an_amount_is_read_exactly(given, read):
    assert to_amount(given) == read
    assert to_rate_per_unit(given) == read
    assert type(to_amount(given)) is Decimal


@pytest.mark.parametrize(
    ("given", "kind", "rule"),
    [
        (1.5, WrongType, AMOUNT_RULE + NEVER_A_FLOAT),
        (True, WrongType, AMOUNT_RULE + NEVER_A_FLOAT),
        (None, WrongType, AMOUNT_RULE + NEVER_A_FLOAT),
        ("abc", InvalidInput, AMOUNT_RULE),
        ("-1", InvalidInput, AMOUNT_RULE),
        ("1e5", InvalidInput, AMOUNT_RULE),  # text with an exponent
        ("1.", InvalidInput, AMOUNT_RULE),
        ("0", InvalidInput, AMOUNT_RULE),
        ("0.000", InvalidInput, AMOUNT_RULE),
        (0, InvalidInput, AMOUNT_RULE),
        (Decimal("-0.5"), InvalidInput, AMOUNT_RULE),
        (Decimal("Infinity"), InvalidInput, AMOUNT_RULE),
        (Decimal("-Infinity"), InvalidInput, AMOUNT_RULE),
        ("1234567890123", InvalidInput, DIGITS_RULE),  # thirteen digits
        (Decimal("1E+12"), InvalidInput, DIGITS_RULE),  # thirteen digits, never expanded
        ("0.0000001", InvalidInput, DIGITS_RULE),  # seven places
        (Decimal("1E-7"), InvalidInput, DIGITS_RULE),
    ],
)
def test_an_amount_refused_names_its_field_rule_and_value(given, kind, rule):
    assert refused(lambda: to_amount(given)) == (
        kind,
        "amount",
        rule,
        given,
        f"'amount' {rule} (got {given!r})",
    )
    rate_rule = rule.replace(AMOUNT_RULE, RATE_RULE)
    assert refused(lambda: to_rate_per_unit(given)) == (
        kind,
        "jpy_per_unit",
        rate_rule,
        given,
        f"'jpy_per_unit' {rate_rule} (got {given!r})",
    )
    assert refused(lambda: to_amount(given, field="paid"))[1] == "paid"
    assert refused(lambda: to_rate_per_unit(given, field="rate"))[1] == "rate"


@pytest.mark.parametrize(
    ("call", "field", "rule"),
    [(to_amount, "amount", AMOUNT_RULE), (to_rate_per_unit, "jpy_per_unit", RATE_RULE)],
)
def test_not_a_number_is_refused_as_an_amount_and_a_rate(call, field, rule):
    kind, named, said, value, message = refused(lambda: call(Decimal("NaN")))
    assert (kind, named, said) == (InvalidInput, field, rule)
    assert isinstance(value, Decimal)
    assert value.is_nan()  # NaN equals nothing, itself included
    assert message == f"{field!r} {rule} (got Decimal('NaN'))"


# -- currency.py: conversions ---------------------------------------------------------------------


def test_yen_need_no_rate_and_convert_one_for_one():
    assert to_yen_at(5000) == Conversion(
        amount=Decimal(5000), currency="JPY", jpy_per_unit=Decimal(1), yen=Yen(5000)
    )
    assert to_yen_at("100.0", "jpy", jpy_per_unit="1.00") == Conversion(
        amount=Decimal("100.0"), currency="JPY", jpy_per_unit=Decimal(1), yen=Yen(100)
    )
    assert to_yen_at(5000).is_yen
    assert to_yen_at(5000).render("en") == to_yen_at(5000).render("ja") == "¥5,000"


def test_yen_with_another_rate_or_a_fraction_is_refused():
    assert refused(lambda: to_yen_at("100", "JPY", jpy_per_unit="2")) == (
        InvalidInput,
        "jpy_per_unit",
        "must be left out (or 1) for an amount in yen",
        "2",
        "'jpy_per_unit' must be left out (or 1) for an amount in yen (got '2')",
    )
    assert refused(lambda: to_yen_at("100", jpy_per_unit="0")) == (
        InvalidInput,
        "jpy_per_unit",
        RATE_RULE,
        "0",
        f"'jpy_per_unit' {RATE_RULE} (got '0')",
    )
    assert refused(lambda: to_yen_at("100.5")) == (
        InvalidInput,
        "amount",
        "must be whole yen for an amount in JPY",
        "100.5",
        "'amount' must be whole yen for an amount in JPY (got '100.5')",
    )
    assert refused(lambda: to_yen_at(0))[:4] == (InvalidInput, "amount", AMOUNT_RULE, 0)
    assert refused(lambda: to_yen_at(1, 392))[:4] == (
        WrongType,
        "currency",
        "must be a currency code such as USD",
        392,
    )


def test_another_currency_keeps_the_amount_the_code_and_the_rate_it_was_given():
    conversion = to_yen_at(" 1,000.50 ", "eur", jpy_per_unit=Decimal("160.25"))
    assert conversion == Conversion(
        amount=Decimal("1000.50"),
        currency="EUR",
        jpy_per_unit=Decimal("160.25"),
        yen=Yen(160_330),  # 160330.125, rounded down
    )
    assert not conversion.is_yen
    assert conversion.render("en") == "1000.50 EUR at ¥160.25 per EUR: ¥160,330"
    assert conversion.render("ja") == "1000.50 EUR（1 EUR = 160.25円で換算）：¥160,330"


def test_a_conversion_is_written_without_exponents():
    conversion = to_yen_at(Decimal("1E+2"), "USD", jpy_per_unit=Decimal("1.5E+2"))
    assert conversion.yen == Yen(15_000)
    assert conversion.render("en") == "100 USD at ¥150 per USD: ¥15,000"
    assert conversion.render("ja") == "100 USD（1 USD = 150円で換算）：¥15,000"


def test_another_currency_needs_the_callers_rate():
    rule = "must be given for an amount in GBP: no source gives a rate, the rate is the caller's"
    assert refused(lambda: to_yen_at("100", "gbp")) == (
        InvalidInput,
        "jpy_per_unit",
        rule,
        None,
        f"'jpy_per_unit' {rule} (got None)",
    )
    assert refused(lambda: to_yen_at("100", "USD", jpy_per_unit=149.5))[:4] == (
        WrongType,
        "jpy_per_unit",
        RATE_RULE + NEVER_A_FLOAT,
        149.5,
    )


def test_an_amount_must_come_to_at_least_one_yen():
    assert to_yen_at("0.01", "USD", jpy_per_unit="100").yen == Yen(1)  # exactly ¥1
    assert to_yen_at("0.0067", "USD", jpy_per_unit="149.5").yen == Yen(1)  # ¥1.00165
    assert refused(lambda: to_yen_at("0.0066", "USD", jpy_per_unit="149.5")) == (
        InvalidInput,
        "amount",
        "must come to at least ¥1 at 149.5 yen per USD",
        "0.0066",  # ¥0.9867
        "'amount' must come to at least ¥1 at 149.5 yen per USD (got '0.0066')",
    )
    assert refused(lambda: to_yen_at("0.05", "AUD", jpy_per_unit=Decimal("1E+1"))) == (
        InvalidInput,
        "amount",
        "must come to at least ¥1 at 10 yen per AUD",
        "0.05",
        "'amount' must come to at least ¥1 at 10 yen per AUD (got '0.05')",
    )
