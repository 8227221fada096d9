"""Participants: the term of appointment, the participants file, the term in web mail and Skype."""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules.booking import REASONS as BOOKING_REASONS
from jetrules.booking import SignUp
from jetrules.errors import InvalidInput, InvalidRecords, Refused, WrongType
from jetrules.records import PARTICIPANT_COLUMNS, read_participants
from jetrules.subsidy import ClaimDocument, ClaimDocuments, Participant, Participants, Receipt
from jetrules.threads import REASONS as THREADS_REASONS
from jetrules.threads import ContractCode, Registration


def member(participant="P-1", start="2019-08-01", end="2020-07-31", organisation="Saga", **more):
    return Participant(
        participant=participant,
        appointed_from=start,
        appointed_to=end,
        organisation=organisation,
        **more,
    )


# --- the term ------------------------------------------------------------------------------------


def test_a_term_includes_both_its_days():
    term = member()
    assert not term.contains("2019-07-31")
    assert term.contains("2019-08-01")
    assert term.contains(dt.date(2020, 7, 31))
    assert not term.contains("2020-08-01")
    assert term.term.render("en") == "2019-08-01 to 2020-07-31"
    assert term.term.render("ja") == "2019-08-01から2020-07-31まで"


def test_a_one_day_term_is_allowed_and_a_backwards_one_is_refused():
    assert member(end="2019-08-01").contains("2019-08-01")
    with pytest.raises(InvalidInput) as caught:
        member(end="2019-07-31")
    assert caught.value.field == "appointed_to"
    assert "must not be before appointed_from (2019-08-01)" in str(caught.value)
    assert caught.value.value == dt.date(2019, 7, 31)


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"participant": " "}, "participant", InvalidInput),
        ({"organisation": ""}, "organisation", InvalidInput),
        ({"start": "1 Aug"}, "appointed_from", InvalidInput),
        ({"end": dt.datetime(2020, 7, 31, 9, 0)}, "appointed_to", WrongType),
        ({"documents": "receipts"}, "documents", WrongType),
        ({"documents": ["passport"]}, "documents", InvalidInput),
        ({"documents": [3]}, "documents", WrongType),
        ({"documents": ["receipts", "receipts"]}, "documents", InvalidInput),
    ],
)
def test_bad_fields_are_named(fields, field, error):
    with pytest.raises(error) as caught:
        member(**fields)
    assert caught.value.field == field


def test_documents_and_what_a_claim_lacks():
    required = ClaimDocuments(tuple(ClaimDocument))
    assert member().documents is None
    assert member().lacking(required) is None
    handed = member(documents=["application_form", ClaimDocument.RECEIPTS])
    assert handed.lacking(required) == ClaimDocuments((ClaimDocument.BANK_BOOK_COPY,))
    assert not member(documents=list(ClaimDocument)).lacking(required)
    assert member(documents=handed.documents).documents == handed.documents
    assert ClaimDocuments(()).render("en") == "none"
    assert ClaimDocuments(()).render("ja") == "なし"
    assert list(required) == list(ClaimDocument)
    assert ClaimDocument.BANK_BOOK_COPY.render("en") == "copy of the bank book's inside cover"


def test_participants_are_keyed_by_id_and_every_duplicate_is_reported():
    one, two = member("P-1", organisation="Saga"), member("P-2", organisation="Kagoshima")
    group = Participants([one, two])
    assert group["P-2"] == two
    assert list(group) == ["P-1", "P-2"]
    assert len(group) == 2
    assert group.organisations == ("Kagoshima", "Saga")
    assert Participants(group) == group
    assert hash(Participants([two, one])) == hash(group)
    assert group != {"P-1": one, "P-2": two}
    assert pickle.loads(pickle.dumps(group)) == group
    assert repr(Participants([one])).startswith("Participants([Participant(participant='P-1'")
    with pytest.raises(InvalidInput) as caught:
        Participants([one, two, one, two, member("P-3")])
    assert caught.value.value == ["P-1", "P-2"]
    with pytest.raises(WrongType):
        Participants("P-1")
    with pytest.raises(WrongType):
        Participants([one, "P-2"])


# --- the participants file ---------------------------------------------------------------------

CSV = """\
participant,appointed_from,appointed_to,organisation,application_form,receipts,bank_book_copy
P-01,2023-08-01,2024-07-31,Saga,yes,yes,no
P-02,2023/8/1,2024年7月31日,Saga,はい,,いいえ
"""


def test_a_csv_file_with_documents():
    group = read_participants(io.StringIO(CSV))
    assert group["P-01"].documents == ClaimDocuments(
        (ClaimDocument.APPLICATION_FORM, ClaimDocument.RECEIPTS)
    )
    assert group["P-02"].documents == ClaimDocuments((ClaimDocument.APPLICATION_FORM,))
    assert group["P-02"].appointed_to == dt.date(2024, 7, 31)
    assert PARTICIPANT_COLUMNS[:4] == (
        "participant",
        "appointed_from",
        "appointed_to",
        "organisation",
    )


def test_japanese_headers_and_no_document_column():
    text = "参加者,任用開始日,任用終了日,任用団体\nP-01,2023/8/1,2024/7/31,佐賀県\n"
    group = read_participants(io.StringIO(text))
    assert group["P-01"].organisation == "佐賀県"
    assert group["P-01"].documents is None


def test_every_bad_row_is_reported_with_its_field_and_value_as_typed():
    text = (
        "participant,appointed_from,appointed_to,organisation,receipts\n"
        "P-1,2023-08-01,2024-07-31,Saga,maybe\n"
        "P-1,2023-08-01,2024-07-31,Saga,yes\n"
        "P-2,2023/8/1,2023/7/31,Saga,\n"
        "P-3,x,2024-07-31,,no\n"
    )
    with pytest.raises(InvalidRecords) as caught:
        read_participants(io.StringIO(text))
    assert caught.value.lines() == (
        "<input>: line 2: 'receipts' must be yes or no (got 'maybe')",
        "<input>: line 3: 'participant' must be given once in the file "
        "(got 'P-1', first on line 2)",
        "<input>: line 4: 'appointed_to' must not be before appointed_from "
        "(got '2023/7/31', appointed_from '2023/8/1')",
        "<input>: line 5: 'appointed_from' must be a date such as 2023-04-20 or 2023/4/20 "
        "(got 'x')",
        "<input>: line 5: 'organisation' must be non-empty text (got '')",
    )


def test_header_problems():
    text = "participant,任用開始日,appointed_from,organisation\nP-1,2023/8/1,2023/8/1,Saga\n"
    with pytest.raises(InvalidRecords) as caught:
        read_participants(io.StringIO(text))
    assert caught.value.lines() == (
        "<input>: line 1: missing column: appointed_to",
        "<input>: line 1: column 3 ('appointed_from') is the same column as column 2 "
        "('任用開始日'); give each column once",
    )
    with pytest.raises(InvalidRecords, match="the file is empty"):
        read_participants(io.StringIO(""))


def test_a_json_file(tmp_path):
    path = tmp_path / "participants.json"
    path.write_text(
        json.dumps(
            [
                {
                    "participant": "P-1",
                    "appointed_from": "2023-08-01",
                    "appointed_to": "2024-07-31",
                    "organisation": "Saga",
                    "bank_book_copy": True,
                },
                {
                    "participant": "P-2",
                    "appointed_from": "2023-08-01",
                    "appointed_to": "2024-07-31",
                    "organisation": "Saga",
                },
            ]
        ),
        encoding="utf-8",
    )
    group = read_participants(path)
    assert group["P-1"].documents == ClaimDocuments((ClaimDocument.BANK_BOOK_COPY,))
    assert group["P-2"].documents is None


def test_json_problems():
    text = json.dumps(
        [
            {"participant": "P-1", "appointed_from": "2023-08-01", "appointed_to": "2024-07-31"},
            {
                "participant": 12,
                "appointed_from": "2023-08-01",
                "appointed_to": "2024-07-31",
                "organisation": "Saga",
            },
        ]
    )
    with pytest.raises(InvalidRecords) as caught:
        read_participants(io.StringIO(text), format="json")
    assert caught.value.lines() == (
        "<input>: participant 1: missing key: organisation",
        "<input>: participant 2: 'participant' must be text (got 12)",
    )
    with pytest.raises(InvalidRecords, match="must be a JSON list of participant objects"):
        read_participants(io.StringIO("{}"), format="json")


def test_a_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(["参加者", "任用開始日", "任用終了日", "任用団体", "通帳の写し"])
    sheet.append(["P-1", dt.datetime(2023, 8, 1), dt.datetime(2024, 7, 31), "Saga", "はい"])
    sheet.append(["P-2", dt.datetime(2023, 8, 1), dt.datetime(2022, 7, 31), "Saga", "いいえ"])
    path = tmp_path / "participants.xlsx"
    book.save(path)
    with pytest.raises(InvalidRecords) as caught:
        read_participants(path)
    [line] = caught.value.lines()
    assert line.startswith(f"{path}: sheet Participants, row 3: 'appointed_to' must not be before")


def test_an_unknown_format_is_refused():
    with pytest.raises(InvalidInput, match="'format' must be 'csv', 'xlsx' or 'json'"):
        read_participants(io.StringIO(CSV), format="toml")  # type: ignore[arg-type]


# --- web mail registration ---------------------------------------------------------------------

CODES = [ContractCode(code="s3cret", valid_from="2019-04-01", valid_to="2020-07-31")]


def test_registration_the_day_before_the_term_is_refused_and_on_its_last_day_accepted():
    term = member("jet-1")
    with pytest.raises(Refused) as caught:
        Registration.submit(
            participant="jet-1", code="s3cret", codes=CODES, at="2019-07-31T23:59+09:00", term=term
        )
    reason = caught.value.reason
    assert reason.code == "OUTSIDE_TERM"
    assert reason.render("en") == (
        "2019-07-31 is outside jet-1's term of appointment (2019-08-01 to 2020-07-31); "
        "the service is for participants during their term."
    )
    assert "任用期間（2019-08-01から2020-07-31まで）外" in reason.render("ja")
    assert "ajetpsg.com/faq" in reason.render("en", with_source=True)
    accepted = Registration.submit(
        participant="jet-1", code="s3cret", codes=CODES, at="2020-07-31T23:59+09:00", term=term
    )
    assert accepted.term == term
    assert (
        Registration.submit(
            participant="jet-1", code="s3cret", codes=CODES, at="2019-07-31T23:59+09:00"
        ).term
        is None
    )


def test_registration_checks_the_term_is_the_participants():
    with pytest.raises(InvalidInput) as caught:
        Registration.submit(
            participant="jet-1",
            code="s3cret",
            codes=CODES,
            at="2019-12-01T10:00+09:00",
            term=member("jet-2"),
        )
    assert caught.value.field == "term"
    with pytest.raises(WrongType):
        Registration.submit(
            participant="jet-1",
            code="s3cret",
            codes=CODES,
            at="2019-12-01T10:00+09:00",
            term="2019-08-01/2020-07-31",  # type: ignore[arg-type]
        )


def test_outside_term_is_in_each_familys_reason_table():
    assert "OUTSIDE_TERM" in {template.code for template in THREADS_REASONS}
    assert "OUTSIDE_TERM" in {template.code for template in BOOKING_REASONS}


# --- Skype sign-ups ----------------------------------------------------------------------------


def sign_up(requested="2019-12-27T10:00+09:00", times=("2020-01-09T18:00+09:00",), term=None):
    return SignUp(
        participant="P-1",
        requested_at=requested,
        preferred_times=list(times),
        minutes=40,
        language="en",
        term=term,
    )


def test_a_sign_up_within_the_term_is_accepted_and_confirmed():
    term = member(start="2019-12-27", end="2020-01-09")
    appointment = sign_up(term=term).confirm("2020-01-09T18:00+09:00", id="A-1")
    assert appointment.start.date() == dt.date(2020, 1, 9)


def test_a_request_the_day_before_the_term_is_refused():
    with pytest.raises(Refused) as caught:
        sign_up(term=member(start="2019-12-28"))
    reason = caught.value.reason
    assert reason.code == "OUTSIDE_TERM"
    assert reason.render("en").startswith(
        "The request of 2019-12-27 is outside P-1's term of appointment (2019-12-28 to 2020-07-31)"
    )
    assert reason.render("ja").startswith("申込み日2019-12-27はP-1の任用期間")


def test_a_session_after_the_last_day_is_refused():
    with pytest.raises(Refused) as caught:
        sign_up(term=member(start="2019-08-01", end="2020-01-08"))
    assert caught.value.reason.render("en").startswith("The session on 2020-01-09 is outside")


def test_confirming_another_time_outside_the_term_is_refused():
    signed = sign_up(term=member(start="2019-08-01", end="2020-01-09"))
    with pytest.raises(Refused) as caught:
        signed.confirm("2020-01-10T18:00+09:00", id="A-1")
    assert caught.value.reason.code == "OUTSIDE_TERM"


def test_a_sign_up_with_another_participants_term_is_refused():
    with pytest.raises(InvalidInput) as caught:
        sign_up(term=member("P-9"))
    assert caught.value.field == "term"


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), st.integers(0, 800), st.integers(-3, 803)
)
def test_contains_is_the_closed_interval(start, length, offset):
    term = member(start=start, end=start + dt.timedelta(days=length))
    day = start + dt.timedelta(days=offset)
    assert term.contains(day) == (0 <= offset <= length)


def _in_usd(amount: object, rate: object) -> Receipt:
    """A receipt paid in US dollars, its amount and rate as given."""
    return Receipt(
        id="r",
        participant="P",
        service_date="2024-05-01",
        amount=amount,
        currency="USD",
        jpy_per_unit=rate,
    )


@pytest.mark.parametrize(
    ("amount", "rate", "paid"),
    [
        ("1,000.50", "149.5", "1000.50"),
        ("１００.００", "１４９.５", "100.00"),
        (" 100 ", "1", "100"),
    ],
)
def test_a_receipt_made_in_code_reads_amounts_and_rates_as_a_file_does(amount, rate, paid):
    # the file took "1,000.50" and refused "1.495e2"; Receipt did the opposite
    assert str(_in_usd(amount, rate).amount_in_currency) == paid


@pytest.mark.parametrize("text", ["1.495e2", "-5", "1e999999999", "1.", ".5", "1,5e2"])
def test_a_receipt_made_in_code_refuses_what_a_file_refuses(text):
    with pytest.raises(InvalidInput) as error:
        _in_usd("100", text)
    assert (error.value.field, error.value.value) == ("jpy_per_unit", text)


@pytest.mark.parametrize("number", [Decimal("NaN"), Decimal("Infinity")])
def test_a_decimal_that_is_no_number_is_refused_as_an_amount(number):
    with pytest.raises(InvalidInput) as error:
        _in_usd(number, "149.5")
    assert error.value.field == "amount"
