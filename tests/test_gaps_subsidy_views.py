"""The subsidy's views and conversions pinned before their mutation run (issue 15).

Each test fails when a mutant changes what a person reads or relies on in one of the modules not
yet measured: amounts in other currencies and the errors naming them (currency.py), the records'
columns and texts (tables.py), a DataFrame's dtypes and the message naming the missing extra
(frame.py), the notebook's HTML (notebook.py), and the claims by organisation (organisations.py).
Errors are compared whole (type, field, rule, value and message), texts whole in both languages,
and each limit from both sides.
"""

from __future__ import annotations

import datetime as dt
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
from jetrules._subsidy.tables import (
    RECORD_COLUMNS,
    STATEMENT_COLUMNS,
    TextMemo,
    columns_of,
    plain_number,
    to_level,
)
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, JetRulesError, WrongType
from jetrules.money import Yen
from jetrules.policy import Policy
from jetrules.subsidy import Receipt, assess, terms_for


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


# -- tables.py: records ---------------------------------------------------------------------------

FY2023_SOURCES = (
    "CLAIR News, June 2023 <https://jetprogramme.org/en/clairnewsjune2023>; "
    "CLAIR News, November 2023 <https://jetprogramme.org/en/clairnewsnov2023>"
)


def test_a_level_is_receipt_or_statement_and_nothing_else():
    assert to_level("receipt") == "receipt"
    assert to_level("statement") == "statement"
    assert columns_of("receipt") == RECORD_COLUMNS
    assert columns_of("statement") == STATEMENT_COLUMNS
    for given in ("statements", "Receipt", None):
        assert refused(lambda given=given: to_level(given)) == (
            InvalidInput,
            "level",
            "must be 'receipt' or 'statement'",
            given,
            f"'level' must be 'receipt' or 'statement' (got {given!r})",
        )
    assert refused(lambda: assess([]).to_records(level="all"))[1:4] == (
        "level",
        "must be 'receipt' or 'statement'",
        "all",
    )


@pytest.fixture(scope="module")
def late_fy2023():
    """FY2023 (two sources), claimed late: one receipt of one reason, one of two."""
    return assess(
        [
            Receipt(id="a", participant="P", service_date="2023-05-01", amount=1_000),
            Receipt(id="b", participant="P", service_date="2023-05-02", amount=1_000, insured=True),
        ],
        submitted_on="2024-08-01",
    )


def test_a_records_explanation_is_its_reasons_in_sentences_of_its_language(late_fy2023):
    late_en = (
        "The claim arrived after the deadline: it reached the programme office on 2024-08-01, "
        "after 2024-04-05, so nothing is paid."
    )
    late_ja = "申請が期限後に到着しました（2024-08-01着、期限2024-04-05）。助成されません。"
    english = late_fy2023.to_records("en")
    assert [(r["reason_codes"], r["explanation"]) for r in english] == [
        (["LATE_CLAIM"], late_en),
        (
            ["INSURED_COST", "LATE_CLAIM"],
            "Covered by health insurance, so not eligible under the FY2023 terms. " + late_en,
        ),
    ]
    japanese = late_fy2023.to_records("ja")
    assert [r["explanation"] for r in japanese] == [
        late_ja,
        "健康保険が適用されているため、2023年度の要件の対象外です。" + late_ja,
    ]
    for lang in ("en", "ja"):
        decisions = late_fy2023[0].decisions
        assert [r["explanation"] for r in late_fy2023.to_records(lang)] == [
            d.explain(lang) for d in decisions
        ]


def test_the_sources_of_a_year_are_joined_in_its_records(late_fy2023):
    for record in (*late_fy2023.to_records(), *late_fy2023.to_records(level="statement")):
        assert record["source"] == FY2023_SOURCES
    assert late_fy2023.to_records()[1]["submitted_on"] == dt.date(2024, 8, 1)


def test_terms_supplied_without_a_source_give_no_source():
    published = terms_for(2021)
    names = ("rate", "annual_cap", "place", "insured_costs_excluded", "professional_required")
    policy = Policy().supplying(
        "subsidy",
        FiscalYear(2022),
        claim_deadline=None,
        rounding=published.rounding,
        share_out=published.share_out,
        claim_documents=published.claim_documents,
        **{name: getattr(published, name) for name in names},
    )
    ledger = assess(
        [Receipt(id="x", participant="P", service_date="2022-05-01", amount=1_000)], policy=policy
    )
    [totals] = ledger.to_records(level="statement")
    assert (totals["source"], totals["terms_origin"], totals["edition"]) == (None, "supplied", 2022)
    assert (totals["remaining_cap"], totals["cap_reached"]) == (29_500, False)


def test_a_cap_with_one_yen_left_is_not_reached():
    one_left = assess([Receipt(id="a", participant="P", service_date="2019-05-01", amount=59_998)])
    at_cap = assess([Receipt(id="a", participant="P", service_date="2019-05-01", amount=60_000)])
    [left] = one_left.to_records(level="statement")
    [reached] = at_cap.to_records(level="statement")
    assert (left["remaining_cap"], left["cap_reached"]) == (1, False)
    assert (reached["remaining_cap"], reached["cap_reached"]) == (0, True)


def test_a_receipt_in_another_currency_gives_its_amount_and_rate_as_written():
    paid = Receipt(
        id="u",
        participant="P",
        service_date="2024-05-01",
        amount=Decimal("1E+2"),
        currency="USD",
        jpy_per_unit=Decimal("1.5E+2"),
        place="abroad",
    )
    in_yen = Receipt(id="y", participant="P", service_date="2024-05-02", amount=2_000)
    records = assess([paid, in_yen]).to_records()
    converted = {key: records[0][key] for key in ("amount", "currency", "amount_in_currency")}
    assert converted == {"amount": 15_000, "currency": "USD", "amount_in_currency": "100"}
    assert records[0]["jpy_per_unit"] == "150"
    assert records[0]["reason_codes"] == ["CONVERTED", "ELIGIBLE"]
    assert [records[1][key] for key in ("currency", "amount_in_currency", "jpy_per_unit")] == [
        None,
        None,
        None,
    ]
    assert plain_number(Decimal("1E+2")) == "100"
    assert plain_number(Decimal("0.50")) == "0.50"
    assert plain_number(None) is None


def test_a_text_memo_makes_each_text_once():
    made: list[object] = []

    def make(value: object) -> str:
        made.append(value)
        return f"<{value}>"

    memo = TextMemo(make)
    assert [memo[1], memo[2], memo[1], memo[1]] == ["<1>", "<2>", "<1>", "<1>"]
    assert made == [1, 2]
    assert dict(memo) == {1: "<1>", 2: "<2>"}
