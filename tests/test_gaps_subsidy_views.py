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
import html
import re
import sys
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
from jetrules._subsidy.frame import MissingPandas
from jetrules._subsidy.tables import (
    RECORD_COLUMNS,
    STATEMENT_COLUMNS,
    columns_of,
    plain_number,
    to_level,
)
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, JetRulesError, WrongType
from jetrules.money import Yen
from jetrules.subsidy import (
    CLAIM_COLUMNS,
    ORGANISATION_COLUMNS,
    ORGANISATION_LABELS,
    ClaimDocument,
    Ledger,
    Participant,
    Receipt,
    Statement,
    assess,
    by_organisation,
    terms_for,
)


def refused(call: Callable[[], object]) -> tuple[object, ...]:
    """The error *call* raises, whole: its type, field, rule, value and message."""
    with pytest.raises(JetRulesError) as caught:
        call()
    error = caught.value
    return type(error), error.field, error.rule, error.value, str(error)


def paid(id: str, day: str, amount: object = 9, who: str = "P", **kw: object) -> Receipt:
    return Receipt(id=id, participant=who, service_date=day, amount=amount, **kw)


def error(kind: type, field: str, rule: str, value: object) -> tuple[object, ...]:
    """What :func:`refused` gives for an error naming *field*, *rule* and *value*."""
    return kind, field, rule, value, f"{field!r} {rule} (got {value!r})"


# -- currency.py: currency codes, amounts and rates -----------------------------------------------

AMOUNT_RULE = "must be a decimal number more than 0"
RATE_RULE = "must be a decimal number of yen per unit more than 0"
NEVER_A_FLOAT = " (a Decimal, an int or text; never a float)"
DIGITS_RULE = "must have at most 12 digits before the point and 6 after it"
CODE_RULE = "must be a currency code of three letters such as USD or EUR"


def test_a_currency_code_is_three_ascii_letters_in_capitals():
    assert (to_currency(" eur "), to_currency("Usd"), YEN) == ("EUR", "USD", "JPY")
    assert refused(lambda: to_currency(840)) == error(
        WrongType, "currency", "must be a currency code such as USD", 840
    )
    for given in ("US", "USDX", "ＵＳＤ", "U$D"):
        assert refused(lambda given=given: to_currency(given)) == error(
            InvalidInput, "currency", CODE_RULE, given
        )
    assert refused(lambda: to_currency("usd1", field="paid_in")) == error(
        InvalidInput, "paid_in", CODE_RULE, "usd1"
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
    assert refused(lambda: to_amount(given)) == error(kind, "amount", rule, given)
    rate_rule = rule.replace(AMOUNT_RULE, RATE_RULE)
    assert refused(lambda: to_rate_per_unit(given)) == error(kind, "jpy_per_unit", rate_rule, given)
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
    assert refused(lambda: to_yen_at("100", jpy_per_unit="0")) == error(
        InvalidInput, "jpy_per_unit", RATE_RULE, "0"
    )
    assert refused(lambda: to_yen_at("100.5")) == error(
        InvalidInput, "amount", "must be whole yen for an amount in JPY", "100.5"
    )
    assert refused(lambda: to_yen_at(0)) == error(InvalidInput, "amount", AMOUNT_RULE, 0)
    assert refused(lambda: to_yen_at(1, 392)) == error(
        WrongType, "currency", "must be a currency code such as USD", 392
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
    assert refused(lambda: to_yen_at("100", "gbp")) == error(
        InvalidInput, "jpy_per_unit", rule, None
    )
    assert refused(lambda: to_yen_at("100", "USD", jpy_per_unit=149.5)) == error(
        WrongType, "jpy_per_unit", RATE_RULE + NEVER_A_FLOAT, 149.5
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
    assert refused(lambda: to_yen_at("0.05", "AUD", jpy_per_unit=Decimal("1E+1"))) == error(
        InvalidInput, "amount", "must come to at least ¥1 at 10 yen per AUD", "0.05"
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
        assert refused(lambda given=given: to_level(given)) == error(
            InvalidInput, "level", "must be 'receipt' or 'statement'", given
        )


@pytest.fixture(scope="module")
def late_fy2023():
    """FY2023 (two sources), claimed late: one receipt of one reason, one of two."""
    return assess(
        [
            paid("a", "2023-05-01", 1_000),
            paid("b", "2023-05-02", 1_000, insured=True),
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


def test_the_sources_of_a_year_are_joined_in_its_records(late_fy2023):
    for record in (*late_fy2023.to_records(), *late_fy2023.to_records(level="statement")):
        assert record["source"] == FY2023_SOURCES
    assert late_fy2023.to_records()[1]["submitted_on"] == dt.date(2024, 8, 1)


def test_a_cap_with_one_yen_left_is_not_reached():
    one_left = assess([paid("a", "2019-05-01", 59_998)])
    at_cap = assess([paid("a", "2019-05-01", 60_000)])
    [left] = one_left.to_records(level="statement")
    [reached] = at_cap.to_records(level="statement")
    assert (left["remaining_cap"], left["cap_reached"]) == (1, False)
    assert (reached["remaining_cap"], reached["cap_reached"]) == (0, True)


def test_a_receipt_in_another_currency_gives_its_amount_and_rate_as_written():
    in_usd = paid(
        "u",
        "2024-05-01",
        Decimal("1E+2"),
        currency="USD",
        place="abroad",
        jpy_per_unit=Decimal("1.5E+2"),
    )
    records = assess([in_usd, paid("y", "2024-05-02", 2_000)]).to_records()
    names = ("amount", "currency", "amount_in_currency", "jpy_per_unit", "reason_codes")
    expected = [15_000, "USD", "100", "150", ["CONVERTED", "ELIGIBLE"]]
    assert [records[0][name] for name in names] == expected
    assert [records[1][name] for name in names[1:4]] == [None] * 3
    assert (plain_number(Decimal("1E+2")), plain_number(Decimal("0.50"))) == ("100", "0.50")
    assert plain_number(None) is None


# -- frame.py: DataFrames -------------------------------------------------------------------------

RECEIPT_DTYPES = {
    **dict.fromkeys(RECORD_COLUMNS, "object"),
    **dict.fromkeys(("fiscal_year", "amount", "eligible", "subsidy", "cut_by_cap"), "int64"),
    **dict.fromkeys(("service_date", "submitted_on"), "datetime64[ns]"),
    **dict.fromkeys(("insured", "mental_health_professional"), "bool"),
    **dict.fromkeys(("edition", "assumed_from"), "Int64"),
}
STATEMENT_DTYPES = {
    **dict.fromkeys(STATEMENT_COLUMNS, "object"),
    **dict.fromkeys(
        ("fiscal_year", "receipts", "total_paid", "total_eligible", "total_subsidy"), "int64"
    ),
    "total_cut_by_cap": "int64",
    **dict.fromkeys(("remaining_cap", "edition", "assumed_from"), "Int64"),
    "cap_reached": "bool",
}


def test_every_column_of_a_frame_has_its_dtype():
    pytest.importorskip("pandas")
    ledger = assess(
        [
            paid("a", "2019-05-01", 1_000),
            paid("c", "2022-05-01", 1_000, "Q"),
        ],
        assume=2021,
    )
    for level, dtypes in (("receipt", RECEIPT_DTYPES), ("statement", STATEMENT_DTYPES)):
        for frame in (ledger.to_frame(level=level), assess([]).to_frame(level=level)):
            assert {name: str(frame[name].dtype) for name in frame.columns} == dtypes
    frame = ledger.to_frame(level="statement")
    assert frame["assumed_from"].isna().tolist() == [True, False]
    assert frame["assumed_from"][1] == 2021
    assert frame["total_eligible"].tolist() == [1_000, 1_000]


def test_a_frame_without_pandas_names_the_extra_that_installs_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(MissingPandas) as caught:
        assess([]).to_frame()
    assert str(caught.value) == (
        "to_frame needs pandas, which is not installed: pip install 'jetrules[pandas]' "
        "(to_records gives the same rows as plain dicts without it)"
    )
    assert isinstance(caught.value, ImportError)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


# -- notebook.py: a statement and a ledger as HTML ------------------------------------------------

RECEIPT_HEADS = (
    "<th>receipt</th><th>service date</th><th>paid</th><th>eligible</th><th>subsidy</th>"
    "<th>cut by cap</th><th>reasons</th>"
)


@pytest.fixture(scope="module")
def two_statements():
    """P&1's FY2019 at the cap (an id to escape), and Q's FY2022 without terms."""
    return assess(
        [
            paid("a<1>", "2019-05-01", 50_000, "P&1"),
            paid("b", "2019-06-01", 20_000, "P&1"),
            paid("c", "2022-05-01", 1_000, "Q"),
        ]
    )


def test_a_statement_shows_its_caption_its_table_and_its_reasons(two_statements):
    assert two_statements[0]._repr_html_() == (
        "<p><strong>FY2019 · P&amp;1 · subsidy ¥30,000 of ¥70,000 eligible · cap left ¥0"
        "</strong> (CLAIR&#x27;s Mental Health Support (FY2019 text) "
        "&lt;https://ajetpsg.com/clair-counselling&gt;)</p>"
        f"<table><thead><tr>{RECEIPT_HEADS}</tr></thead><tbody>"
        "<tr><td>a&lt;1&gt;</td><td>2019-05-01</td><td>¥50,000</td><td>¥50,000</td>"
        "<td>¥25,000</td><td>¥0</td><td>ELIGIBLE</td></tr>"
        "<tr><td>b</td><td>2019-06-01</td><td>¥20,000</td><td>¥20,000</td><td>¥5,000</td>"
        "<td>¥5,000</td><td>ELIGIBLE<br>CAP_PARTLY_REACHED</td></tr></tbody></table>"
        "<ul><li><strong>a&lt;1&gt;</strong>: Eligible under the FY2019 terms: ¥50,000 counts "
        "at 50%.</li><li><strong>b</strong>: Eligible under the FY2019 terms: ¥20,000 counts "
        "at 50%. This receipt reaches the annual cap of ¥30,000; ¥5,000 is cut.</li></ul>"
    )


def test_a_statement_without_terms_says_so_in_its_caption(two_statements):
    text = two_statements[1]._repr_html_()
    assert text.startswith(
        "<p><strong>FY2022 · Q · subsidy ¥0 of ¥0 eligible · cap left n/a</strong> "
        "(no published terms for this year)</p><table>"
    )
    assert "<td>c</td><td>2022-05-01</td><td>¥1,000</td><td>¥0</td><td>¥0</td><td>¥0</td>" in text
    assert text.endswith(
        "so nothing was assessed or paid; to assess it, assume another year&#x27;s"
        " published terms (assume=FiscalYear(2024), or --assume-terms-from 2024 "
        "on the command line) or supply the missing ones in a policy.</li></ul>"
    )


def test_a_caption_names_terms_not_published_and_every_source():
    assumed = assess([paid("c", "2022-05-01", 1_000, "Q")], assume=2021)[0]._repr_html_()
    assert assumed.startswith(
        "<p><strong>FY2022 · Q · subsidy ¥500 of ¥1,000 eligible · cap left ¥29,500 · terms "
        "assumed</strong> (Saga JET, Mental health support (FY2021) "
        "&lt;https://sagajet.com/support/mental-health&gt;)</p><table>"
    )
    fy2023 = assess([paid("d", "2023-05-01", 1_000, "Q")])[0]._repr_html_()
    assert fy2023.startswith(
        "<p><strong>FY2023 · Q · subsidy ¥500 of ¥1,000 eligible · cap left ¥29,500</strong> "
        f"({html.escape(FY2023_SOURCES)})</p><table>"
    )


def test_a_ledger_shows_every_receipt_with_its_participant_and_year(two_statements):
    heads = f"<th>participant</th><th>fiscal year</th>{RECEIPT_HEADS}"
    assert two_statements._repr_html_() == (
        f"<table><thead><tr>{heads}</tr></thead><tbody>"
        "<tr><td>P&amp;1</td><td>FY2019</td><td>a&lt;1&gt;</td><td>2019-05-01</td><td>¥50,000</td>"
        "<td>¥50,000</td><td>¥25,000</td><td>¥0</td><td>ELIGIBLE</td></tr>"
        "<tr><td>P&amp;1</td><td>FY2019</td><td>b</td><td>2019-06-01</td><td>¥20,000</td>"
        "<td>¥20,000</td><td>¥5,000</td><td>¥5,000</td><td>ELIGIBLE<br>CAP_PARTLY_REACHED</td>"
        "</tr><tr><td>Q</td><td>FY2022</td><td>c</td><td>2022-05-01</td><td>¥1,000</td>"
        "<td>¥0</td><td>¥0</td><td>¥0</td><td>NO_EDITION</td></tr></tbody></table>"
        "<p>3 receipts in 2 statements.</p>"
    )
    one = assess([paid(f"r{n}", "2019-05-01") for n in range(2)])
    assert one._repr_html_().endswith("</table><p>2 receipts in 1 statement.</p>")


def shown_ids(html_text: str) -> list[str]:
    return re.findall(r"<td>([xy]\d+)</td>|<strong>([xy]\d+)</strong>", html_text)


def test_a_long_table_shows_its_ends_in_order_and_counts_the_rest():
    receipts = [
        *(paid(f"x{n}", "2019-05-01", 9, "P-1") for n in range(3)),
        *(paid(f"y{n:02d}", "2019-05-01", 9, "P-2") for n in range(60)),
    ]
    ledger = assess(receipts)
    text = ledger._repr_html_()
    ids = [found[0] for found in shown_ids(text)]
    assert ids == ["x0", "x1", "x2", "y00", "y01", "y55", "y56", "y57", "y58", "y59"]
    gap = '<tr><td colspan="9">… 53 more receipts …</td></tr>'
    assert text.index(">y01<") < text.index(gap) < text.index(">y55<")
    assert text.endswith("</table><p>63 receipts in 2 statements; the first and last 5 shown.</p>")
    longer = assess([*receipts[3:], paid("y60", "2019-05-02", 9, "P-2")])[0]
    text = longer._repr_html_()
    rows = ["y00", "y01", "y02", "y03", "y04", "y56", "y57", "y58", "y59", "y60"]
    assert [found[0] for found in shown_ids(text) if found[0]] == rows
    assert [found[1] for found in shown_ids(text) if found[1]] == rows
    assert text.count('<tr><td colspan="7">… 51 more receipts …</td></tr>') == 1
    assert text.index(">y04<") < text.index("</ul>")
    reasons = text[text.index("<ul>") :]
    assert reasons.index("<strong>y04</strong>") < reasons.index("<li>… 51 more receipts …</li>")
    assert reasons.index("<li>… 51 more receipts …</li>") < reasons.index("<strong>y56</strong>")


def test_a_long_table_holds_nothing_between_its_rows_nor_its_reasons_between_items():
    receipts = [paid(f"y{n:02d}", "2019-05-01", 9, "P-2") for n in range(61)]
    ledger = assess(receipts)
    for text in (ledger._repr_html_(), ledger[0]._repr_html_()):
        body = text[text.index("<tbody>") + len("<tbody>") : text.index("</tbody>")]
        assert body.count("<tr>") == 11  # five, the gap, five
        assert re.sub(r"<tr>.*?</tr>", "", body) == ""
    text = ledger[0]._repr_html_()
    items = text[text.index("<ul>") + len("<ul>") : text.index("</ul>")]
    assert items.count("<li>") == 11
    assert re.sub(r"<li>.*?</li>", "", items) == ""


def test_a_gap_of_a_thousand_receipts_is_counted_with_a_comma():
    first, *_ = decisions = assess([paid(f"y{n}", "2019-05-01") for n in range(11)])[0].decisions
    statement = Statement(
        participant="P",
        fiscal_year=FiscalYear(2019),
        terms=terms_for(2019),
        decisions=(*decisions[:5], *[first] * 1_001, *decisions[6:]),
    )
    text = statement._repr_html_()
    assert '<tr><td colspan="7">… 1,001 more receipts …</td></tr>' in text
    assert "<li>… 1,001 more receipts …</li>" in text
    ledger_text = Ledger(statements=(statement,))._repr_html_()
    assert '<tr><td colspan="9">… 1,001 more receipts …</td></tr>' in ledger_text
    assert ledger_text.endswith("<p>1,011 receipts in 1 statement; the first and last 5 shown.</p>")


# -- organisations.py: claims by organisation -----------------------------------------------------


def member(participant: str, organisation: str = "Saga", documents=None) -> Participant:
    return Participant(
        participant=participant,
        appointed_from="2018-08-01",
        appointed_to="2024-07-31",
        organisation=organisation,
        documents=documents,
    )


@pytest.fixture(scope="module")
def claims():
    """Saga's FY2021 (one claim lacking a document, one late receipt), Kagoshima's FY2021 and
    FY2022 (documents not recorded; no terms, so no list)."""
    ledger = assess(
        paid(f"r{n}", day, amount, who, submitted_on=late)
        for n, (who, day, amount, late) in enumerate(
            [
                ("P-1", "2021-05-10", 8_000, None),
                ("P-1", "2021-06-10", 70_000, "2022-04-20"),
                ("P-2", "2021-06-10", 4_000, None),
                ("P-3", "2021-07-01", 1_000, None),
                ("P-3", "2022-05-01", 2_000, None),
            ]
        )
    )
    people = [
        member("P-2", documents=list(ClaimDocument)),
        member("P-1", documents=["application_form", "receipts"]),
        member("P-3", "Kagoshima"),
    ]
    return by_organisation(ledger, people)


def test_claims_by_organisation_read_in_english(claims):
    assert claims.render() == claims.render("en")
    assert claims.render() == (
        "Kagoshima, FY2021: participants 1, receipts 1, claimed ¥1,000, payable ¥500, "
        "late receipts 0, terms published\n"
        "participant  receipts  claimed  payable  late receipts  documents lacking\n"
        "-----------  --------  -------  -------  -------------  -----------------\n"
        "P-3                 1   ¥1,000     ¥500              0  not recorded\n\n"
        "Kagoshima, FY2022: participants 1, receipts 1, claimed ¥2,000, payable ¥0, "
        "late receipts 0, terms not published (nothing paid)\n"
        "participant  receipts  claimed  payable  late receipts  documents lacking\n"
        "-----------  --------  -------  -------  -------------  -----------------\n"
        "P-3                 1   ¥2,000       ¥0              0  no list published\n\n"
        "Saga, FY2021: participants 2, receipts 3, claimed ¥82,000, payable ¥6,000, "
        "late receipts 1, terms published\n"
        "participant  receipts  claimed  payable  late receipts  documents lacking\n"
        "-----------  --------  -------  -------  -------------  "
        "------------------------------------\n"
        "P-1                 2  ¥78,000   ¥4,000              1  "
        "copy of the bank book's inside cover\n"
        "P-2                 1   ¥4,000   ¥2,000              0  none"
    )


def test_claims_by_organisation_read_in_japanese(claims):
    assert claims.render("ja") == (
        "Kagoshima　2021年度：参加者数 1、領収書数 1、申請額 ¥1,000、助成額 ¥500、"
        "期限後の領収書 0、要件 公表\n"
        "参加者  領収書数  申請額  助成額  期限後の領収書  不足書類\n"
        "------  --------  ------  ------  --------------  --------\n"
        "P-3            1  ¥1,000    ¥500               0  未記録\n\n"
        "Kagoshima　2022年度：参加者数 1、領収書数 1、申請額 ¥2,000、助成額 ¥0、"
        "期限後の領収書 0、要件 未公表（助成なし）\n"
        "参加者  領収書数  申請額  助成額  期限後の領収書  不足書類\n"
        "------  --------  ------  ------  --------------  --------------\n"
        "P-3            1  ¥2,000      ¥0               0  書類の定めなし\n\n"
        "Saga　2021年度：参加者数 2、領収書数 3、申請額 ¥82,000、助成額 ¥6,000、"
        "期限後の領収書 1、要件 公表\n"
        "参加者  領収書数   申請額  助成額  期限後の領収書  不足書類\n"
        "------  --------  -------  ------  --------------  ------------------------\n"
        "P-1            2  ¥78,000  ¥4,000               1  通帳の見開きページの写し\n"
        "P-2            1   ¥4,000  ¥2,000               0  なし"
    )


def test_each_column_has_its_heading_in_both_languages():
    assert {name: (label.en, label.ja) for name, label in ORGANISATION_LABELS.items()} == {
        "organisation": ("organisation", "任用団体"),
        "fiscal_year": ("fiscal year", "年度"),
        "participants": ("participants", "参加者数"),
        "participant": ("participant", "参加者"),
        "appointed_from": ("appointed from", "任用開始日"),
        "appointed_to": ("appointed to", "任用終了日"),
        "receipts": ("receipts", "領収書数"),
        "claimed": ("claimed", "申請額"),
        "payable": ("payable", "助成額"),
        "late_receipts": ("late receipts", "期限後の領収書"),
        "incomplete_claims": ("claims lacking documents", "書類不足の申請"),
        "lacking": ("documents lacking", "不足書類"),
        "lacking_codes": ("lacking (codes)", "不足書類（コード）"),
        "terms_origin": ("terms", "要件"),
    }
    assert set(ORGANISATION_LABELS) == {*ORGANISATION_COLUMNS, *CLAIM_COLUMNS}


def test_a_claims_record_is_in_english_by_default(claims):
    records = claims.to_records(level="participant")
    assert records == claims.to_records("en", level="participant")
    assert [r["lacking"] for r in records] == [
        "not recorded",
        "no list published",
        "copy of the bank book's inside cover",
        "none",
    ]
    claim = claims[2].claims[0]
    assert claim.to_record() == claim.to_record("en") == records[2]
    assert (records[2]["late_receipts"], records[3]["lacking_codes"]) == (1, [])
    assert claims.to_records() == claims.to_records("ja")  # no text at this level


def test_claims_by_organisation_refused_name_field_rule_and_value(claims):
    statements = list(assess([]))
    assert refused(lambda: by_organisation(statements, [])) == error(
        WrongType, "ledger", "must be a Ledger (see assess)", statements
    )
    assert refused(lambda: by_organisation(assess([]))) == error(
        InvalidInput,
        "participants",
        "must be given when the ledger was assessed without participants",
        None,
    )
    ledger = assess([paid(p, "2021-05-10", 9, p) for p in "CAB"])
    assert refused(lambda: by_organisation(ledger, [member("B")])) == (
        InvalidInput,
        "participants",
        "must hold every participant of the ledger (missing)",
        ["A", "C"],
        "'participants' must hold every participant of the ledger (missing) (got ['A', 'C'])",
    )
    assert refused(lambda: claims.to_records(level="claim")) == error(
        InvalidInput, "level", "must be 'organisation' or 'participant'", "claim"
    )
