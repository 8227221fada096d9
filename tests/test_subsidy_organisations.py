"""Claims by organisation, claim documents in the terms, and amounts in other currencies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import FiscalYear, Yen
from jetrules.errors import InvalidInput, NoRuleInForce, WrongType
from jetrules.rulebook import rules_markdown
from jetrules.subsidy import (
    CLAIM_COLUMNS,
    ORGANISATION_COLUMNS,
    ORGANISATION_LABELS,
    YEN,
    ClaimDocument,
    ClaimDocuments,
    Participant,
    Participants,
    Receipt,
    assess,
    by_organisation,
    terms_for,
    to_yen_at,
)

ALL = ClaimDocuments(tuple(ClaimDocument))


def member(participant, organisation="Saga", documents=None):
    return Participant(
        participant=participant,
        appointed_from="2018-08-01",
        appointed_to="2024-07-31",
        organisation=organisation,
        documents=documents,
    )


# --- claim documents in the terms ---------------------------------------------------------------


def test_fy2021_states_the_documents_and_the_other_years_read_them_so():
    fy2021 = terms_for(2021)
    assert fy2021.required_documents() == ALL
    provenance = fy2021.provenance["claim_documents"]
    assert provenance.source.url == "https://sagajet.com/support/mental-health"
    assert "inside cover of the bank book" in provenance.quote
    for year in (2016, 2019, 2023, 2024):
        terms = terms_for(year)
        assert terms.claim_documents == ALL
        assert terms.provenance["claim_documents"].reading.key == "claim-documents-as-fy2021"


def test_a_year_without_a_list_raises_and_assuming_a_year_brings_its_list():
    terms = terms_for(2025, assume=2024)
    assert terms.claim_documents == ALL
    assert terms.provenance["claim_documents"].assumed_from == FiscalYear(2024)
    assert "claim_documents" in terms.assumed  # assumed as the other values are, and said so
    bare = terms.__class__(
        **{
            name: getattr(terms, name)
            for name in (
                "fiscal_year",
                "rate",
                "annual_cap",
                "place",
                "claim_deadline",
                "insured_costs_excluded",
                "professional_required",
                "rounding",
                "share_out",
            )
        }
    )
    assert bare.claim_documents is None
    with pytest.raises(NoRuleInForce, match="FY2025 do not publish claim_documents"):
        bare.required_documents()


def test_the_rules_page_shows_the_documents():
    page = rules_markdown()
    assert "claim documents" in page
    assert "claim-documents-as-fy2021" in page


def test_a_policy_value_for_the_documents_is_checked():
    from jetrules.subsidy import PARAMETERS

    convert = PARAMETERS["claim_documents"]
    assert convert(["receipts"]) == ClaimDocuments((ClaimDocument.RECEIPTS,))
    with pytest.raises(InvalidInput, match="'claim_documents' must name at least one document"):
        convert([])
    with pytest.raises(InvalidInput, match="'claim_documents' must name documents among"):
        convert(["passport"])


# --- by organisation ---------------------------------------------------------------------------


def receipt(ident, participant, day, amount, submitted_on=None):
    return Receipt(
        id=ident,
        participant=participant,
        service_date=day,
        amount=amount,
        submitted_on=submitted_on,
    )


LEDGER = assess(
    [
        receipt("r1", "P-1", "2021-05-10", 8_000),
        receipt("r2", "P-1", "2021-06-10", 70_000, submitted_on="2022-04-20"),
        receipt("r3", "P-2", "2021-06-10", 4_000),
        receipt("r4", "P-3", "2021-07-01", 1_000),
        receipt("r5", "P-3", "2022-05-01", 2_000),
    ]
)
PEOPLE = Participants(
    [
        member("P-1", documents=["application_form", "receipts"]),
        member("P-2", documents=list(ClaimDocument)),
        member("P-3", organisation="Kagoshima"),
    ]
)


def test_totals_per_organisation_and_year():
    view = by_organisation(LEDGER, PEOPLE)
    assert [(g.organisation, g.fiscal_year.year) for g in view] == [
        ("Kagoshima", 2021),
        ("Kagoshima", 2022),
        ("Saga", 2021),
    ]
    saga = view[2]
    assert (saga.participants, saga.receipts, saga.claimed, saga.payable) == (
        2,
        3,
        Yen(82_000),
        Yen(6_000),
    )
    assert saga.late_receipts == 1
    assert [claim.participant.participant for claim in saga.incomplete] == ["P-1"]
    assert saga.claims[0].lacking == ClaimDocuments((ClaimDocument.BANK_BOOK_COPY,))
    assert saga.claims[1].lacking == ClaimDocuments(())
    assert view[0].claims[0].lacking is None  # documents not recorded
    assert view[1].claims[0].lacking is None  # FY2022: no terms, no list
    assert len(view) == 3


def test_records_and_text():
    view = by_organisation(LEDGER, list(PEOPLE.values()))
    rows = view.to_records()
    assert list(rows[2]) == list(ORGANISATION_COLUMNS)
    assert rows[2] == {
        "organisation": "Saga",
        "fiscal_year": 2021,
        "participants": 2,
        "receipts": 3,
        "claimed": 82_000,
        "payable": 6_000,
        "late_receipts": 1,
        "incomplete_claims": 1,
        "terms_origin": "published",
    }
    assert rows[1]["terms_origin"] is None  # FY2022: no published terms, nothing paid
    claims = view.to_records("ja", level="participant")
    assert [list(row) for row in claims] == [list(CLAIM_COLUMNS)] * 4
    assert [row["lacking"] for row in claims] == [
        "未記録",
        "書類の定めなし",
        "通帳の見開きページの写し",
        "なし",
    ]
    assert claims[2]["lacking_codes"] == ["bank_book_copy"]
    assert claims[0]["lacking_codes"] is None
    assert type(claims[0]["appointed_from"]) is dt.date
    text = view.render("en")
    assert "Saga, FY2021: participants 2, receipts 3, claimed ¥82,000, payable ¥6,000" in text
    assert "copy of the bank book's inside cover" in text
    assert "not recorded" in text
    assert "no list published" in text
    assert ", late receipts 1, terms published\n" in text
    assert "terms not published (nothing paid)" in text
    japanese = view.render("ja")
    assert "Saga　2021年度：参加者数 2、領収書数 3" in japanese
    assert "、要件 公表\n" in japanese
    assert ORGANISATION_LABELS["payable"].render("ja") == "助成額"
    assert by_organisation(assess([]), []).render("en") == "No claims."
    assert by_organisation(assess([]), []).render("ja") == "申請はありません。"
    with pytest.raises(InvalidInput, match="'level' must be 'organisation' or 'participant'"):
        view.to_records(level="receipt")  # type: ignore[arg-type]


def test_a_view_under_assumed_terms_says_so_on_every_row():
    """Red-team finding: the view showed what was payable under assumed terms without a word."""
    assumed = assess([d.receipt for s in LEDGER for d in s.decisions], assume=2021)
    view = by_organisation(assumed, list(PEOPLE.values()))
    fy2022 = [year for year in view if year.fiscal_year == FiscalYear(2022)]
    assert [year.terms_origin for year in fy2022] == ["assumed"]
    assert fy2022[0].payable > 0
    assert "terms assumed" in fy2022[0].render("en")
    assert "要件 仮定" in fy2022[0].render("ja")
    claims = view.to_records(level="participant")
    assert {row["fiscal_year"]: row["terms_origin"] for row in claims}[2022] == "assumed"


def test_a_participant_missing_from_the_file_is_named():
    with pytest.raises(InvalidInput) as caught:
        by_organisation(LEDGER, [member("P-1")])
    assert caught.value.value == ["P-2", "P-3"]
    with pytest.raises(WrongType):
        by_organisation(list(LEDGER), PEOPLE)  # type: ignore[arg-type]


claims = st.lists(
    st.tuples(
        st.sampled_from(["P-1", "P-2", "P-3", "P-4"]),
        st.dates(dt.date(2019, 4, 1), dt.date(2021, 3, 31)),
        st.integers(1, 40_000),
    ),
    max_size=25,
)
organisation_of = st.fixed_dictionaries(
    {name: st.sampled_from(["Saga", "Kagoshima"]) for name in ("P-1", "P-2", "P-3", "P-4")}
)
handed_in = st.lists(st.sampled_from(list(ClaimDocument)), unique=True)


@given(claims, organisation_of, handed_in)
def test_totals_equal_the_sums_of_the_organisations_statements(rows, organisations, documents):
    ledger = assess(receipt(f"r{n}", who, day, amount) for n, (who, day, amount) in enumerate(rows))
    people = [member(who, organisations[who], documents) for who in organisations]
    for group in by_organisation(ledger, people):
        statements = [
            s
            for s in ledger
            if organisations[s.participant] == group.organisation
            and s.fiscal_year == group.fiscal_year
        ]
        assert group.participants == len(statements)
        assert group.receipts == sum(len(s.decisions) for s in statements)
        assert group.claimed == Yen(sum(s.total_paid.amount for s in statements))
        assert group.payable == Yen(sum(s.total_subsidy.amount for s in statements))
        for claim in group.claims:
            lacking = claim.lacking
            assert (ClaimDocument.BANK_BOOK_COPY in lacking) == (
                ClaimDocument.BANK_BOOK_COPY not in documents
            )


# --- other currencies ---------------------------------------------------------------------------


def test_100_dollars_at_149_5_is_14950_yen():
    conversion = to_yen_at(Decimal("100.00"), "USD", jpy_per_unit=Decimal("149.5"))
    assert conversion.yen == Yen(14_950)
    assert (conversion.amount, conversion.currency, conversion.jpy_per_unit) == (
        Decimal("100.00"),
        "USD",
        Decimal("149.5"),
    )
    assert not conversion.is_yen
    assert conversion.render("en") == "100.00 USD at ¥149.5 per USD: ¥14,950"


@pytest.mark.parametrize(
    ("amount", "currency", "rate", "yen"),
    [
        ("10.01", "usd", "149.5", 1_496),  # 1496.495 rounds down
        ("0.01", "EUR", "150", 1),
        (Decimal("1E+2"), "GBP", "190.123", 19_012),  # text with an exponent is refused
        (3, "AUD", 97, 291),
        ("5000", YEN, None, 5_000),
        (5000, "JPY", "1", 5_000),
    ],
)
def test_conversions_round_down_exactly(amount, currency, rate, yen):
    assert to_yen_at(amount, currency, jpy_per_unit=rate).yen == Yen(yen)


@pytest.mark.parametrize(
    ("amount", "currency", "rate", "field", "error"),
    [
        ("100", "US", "149.5", "currency", InvalidInput),
        ("100", "ＵＳＤ", "149.5", "currency", InvalidInput),
        ("100", 840, "149.5", "currency", WrongType),
        ("100", "USD", None, "jpy_per_unit", InvalidInput),
        ("100", "USD", "0", "jpy_per_unit", InvalidInput),
        ("100", "USD", "-1", "jpy_per_unit", InvalidInput),
        ("100", "USD", 149.5, "jpy_per_unit", WrongType),
        ("100", "USD", "NaN", "jpy_per_unit", InvalidInput),
        ("100", "USD", "abc", "jpy_per_unit", InvalidInput),
        (100.0, "USD", "149.5", "amount", WrongType),
        (True, "USD", "149.5", "amount", WrongType),
        ("0", "USD", "149.5", "amount", InvalidInput),
        ("0.001", "USD", "149.5", "amount", InvalidInput),
        ("100.5", "JPY", None, "amount", InvalidInput),
        ("100", "JPY", "2", "jpy_per_unit", InvalidInput),
        ("1e999999999", "USD", "1", "amount", InvalidInput),  # refused, never expanded
        ("1e-99999", "USD", "1", "amount", InvalidInput),
        ("1234567890123", "USD", "1", "amount", InvalidInput),  # 13 digits
        ("1", "USD", "0.0000001", "jpy_per_unit", InvalidInput),  # 7 places
    ],
)
def test_conversion_errors_name_field_rule_and_value(amount, currency, rate, field, error):
    with pytest.raises(error) as caught:
        to_yen_at(amount, currency, jpy_per_unit=rate)
    assert caught.value.field == field


@given(
    st.decimals(Decimal("0.01"), Decimal("100000"), places=2),
    st.decimals(Decimal("0.01"), Decimal("1000"), places=4),
)
def test_the_yen_is_the_floor_of_the_exact_product(amount, rate):
    product = amount * rate  # both have few digits: exact in the default context
    if product >= 1:
        assert to_yen_at(amount, "USD", jpy_per_unit=rate).yen.amount == int(product)
