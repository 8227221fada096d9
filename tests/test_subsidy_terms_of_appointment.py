"""assess(participants=): terms of appointment, unknown participants; other currencies."""

import datetime as dt
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules._subsidy.parameters import render_value
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Yen
from jetrules.subsidy import (
    REASONS,
    Ledger,
    Participant,
    Participants,
    Receipt,
    assess,
    by_organisation,
    to_yen_at,
)

from strategies import SUBSIDY_PARTICIPANTS, receipt_lists

FIRST, LAST = dt.date(2023, 8, 1), dt.date(2024, 7, 31)


def member(who="P-001", first=FIRST, last=LAST, organisation="Saga"):
    return Participant(
        participant=who, appointed_from=first, appointed_to=last, organisation=organisation
    )


def receipt(ident, day, amount=10_000, who="P-001", **more):
    return Receipt(id=ident, participant=who, service_date=day, amount=amount, **more)


def test_two_receipts_of_one_day_outside_the_term_share_what_they_say():
    """The second is looked up, not made again: the two decisions hold one tuple of reasons."""
    day = FIRST - dt.timedelta(days=3)
    ledger = assess([receipt("a", day), receipt("b", day, 7_000)], participants=[member()])
    first, second = ledger.statement("P-001", 2023).decisions
    assert first.codes == second.codes == ("OUTSIDE_TERM",)
    assert first.reasons is second.reasons
    assert (first.subsidy, second.subsidy) == (Yen(0), Yen(0))


def test_the_day_before_the_term_pays_nothing_and_its_last_day_is_paid():
    ledger = assess(
        [receipt("before", FIRST - dt.timedelta(days=1)), receipt("last", LAST)],
        participants=[member()],
    )
    before, last = (
        ledger.statement("P-001", 2023).decisions[0],
        ledger.statement("P-001", 2024).decisions[0],
    )
    assert (before.receipt.id, before.subsidy, before.codes) == (
        "before",
        Yen(0),
        ("OUTSIDE_TERM",),
    )
    assert before.eligible == Yen(0)
    assert (last.receipt.id, last.subsidy, last.codes) == ("last", Yen(5_000), ("ELIGIBLE",))
    assert before.explain("en") == (
        "2023-07-31 is outside P-001's term of appointment (2023-08-01 to 2024-07-31): the "
        "programme is for participants during their term, so nothing is paid."
    )
    assert "任用期間（2023-08-01から2024-07-31まで）外" in before.explain("ja")
    assert before.reasons[0].source is not None
    assert "ajetpsg.com" in str(before.reasons[0].source)
    # the receipt still counts in its statement: what was paid, nothing eligible
    statement = ledger.statement("P-001", 2023)
    assert (statement.total_paid, statement.total_subsidy) == (Yen(10_000), Yen(0))


def test_a_receipt_outside_the_term_does_not_use_up_the_cap_and_says_when_the_claim_arrived():
    ledger = assess(
        [receipt("outside", "2024-08-01", 70_000), receipt("inside", "2024-07-01", 70_000)],
        participants=[member()],
        submitted_on="2025-04-01",
    )
    inside, outside = ledger[0].decisions
    assert (inside.codes[0], inside.codes[-1]) == ("ELIGIBLE", "CAP_PARTLY_REACHED")
    assert outside.codes == ("OUTSIDE_TERM", inside.codes[1])
    assert ledger[0].total_subsidy == Yen(30_000)


def test_receipts_of_unknown_participants_are_refused_naming_every_one():
    receipts = [receipt("a", "2024-01-05", who="P-9"), receipt("b", "2024-01-06", who="P-8")]
    receipts.append(receipt("c", "2024-01-07"))
    with pytest.raises(
        InvalidInput, match=r"'participant' must be one of the participants given"
    ) as error:
        assess(receipts, participants=[member()])
    assert "(got ['P-8', 'P-9'])" in str(error.value)


def test_participants_are_any_iterable_of_participant_values_each_once():
    assert assess([], participants=iter([member()])).participants == Participants([member()])
    with pytest.raises(WrongType, match="'participants'"):
        assess([], participants=["P-001"])
    with pytest.raises(InvalidInput, match="must name each participant once"):
        assess([], participants=[member(), member()])


def test_the_ledger_keeps_its_participants_when_receipts_are_added():
    ledger = assess([receipt("a", "2024-01-05")], participants=[member()])
    later = ledger.add([receipt("b", "2024-08-05")])
    assert later.participants == ledger.participants
    assert later[1].decisions[0].codes == ("OUTSIDE_TERM",)
    with pytest.raises(InvalidInput, match=r"\(got \['P-2'\]\)"):
        ledger.add([receipt("c", "2024-01-05", who="P-2")])
    assert pickle.loads(pickle.dumps(later)) == later


def test_other_participants_decide_again_the_statements_whose_term_changed():
    ledger = assess(
        [receipt("a", "2024-08-05"), receipt("b", "2024-08-05", who="P-2")],
        participants=[member(), member("P-2", last="2025-07-31")],
    )
    assert [s.decisions[0].codes for s in ledger] == [("OUTSIDE_TERM",), ("ELIGIBLE",)]
    extended = ledger.add(
        [], participants=[member(last="2025-07-31"), member("P-2", last="2025-07-31")]
    )
    assert [s.decisions[0].codes for s in extended] == [("ELIGIBLE",), ("ELIGIBLE",)]
    assert extended[1] is ledger[1]  # P-2's term is the same: its statement is shared
    with pytest.raises(InvalidInput, match=r"\(got \['P-2'\]\)"):
        ledger.add([], participants=[member()])
    # participants given to a ledger assessed without them apply to its statements too
    plain = assess([receipt("a", "2024-08-05")])
    assert plain.add([], participants=[member()])[0].decisions[0].codes == ("OUTSIDE_TERM",)
    assert plain.add([], participants=None) == plain


COVERING = Participants(
    member(who, dt.date(2015, 4, 1), dt.date(2026, 3, 31), f"Org {n % 2}")
    for n, who in enumerate(SUBSIDY_PARTICIPANTS)
)


@given(receipt_lists(currencies=True), st.sampled_from(["2026-04-03", None]))
def test_with_every_term_covering_every_receipt_participants_change_nothing(receipts, arrived):
    without = assess(receipts, submitted_on=arrived)
    with_them = assess(receipts, submitted_on=arrived, participants=COVERING)
    assert with_them.statements == without.statements
    assert with_them.participants == COVERING


@given(
    receipt_lists(currencies=True),
    st.integers(0, 30),
    st.dates(dt.date(2015, 4, 1), dt.date(2026, 3, 31)),
)
def test_in_batches_or_at_once_a_term_decides_the_same(receipts, cut, start):
    people = [member(who, start, dt.date(2026, 3, 31)) for who in SUBSIDY_PARTICIPANTS]
    whole = assess(receipts, participants=people)
    first = assess(receipts[:cut], participants=people)
    assert first.add(receipts[cut:]) == whole
    for statement in whole:
        for decision in statement.decisions:
            outside = decision.receipt.service_date < start
            assert ("OUTSIDE_TERM" in decision.codes) == outside
            if outside:
                assert decision.subsidy == Yen(0)


def test_a_hundred_dollars_at_149_5_is_14950_yen_eligible_and_pays_7475_in_fy2024():
    paid = Receipt(
        id="r1",
        participant="P-001",
        service_date="2024-06-10",
        amount=Decimal("100.00"),
        place="abroad",
        currency="USD",
        jpy_per_unit=Decimal("149.5"),
    )
    decision = assess([paid])[0].decisions[0]
    assert (decision.eligible, decision.subsidy) == (Yen(14_950), Yen(7_475))
    assert decision.codes == ("CONVERTED", "ELIGIBLE")
    assert decision.explain("en").startswith(
        "Paid 100.00 USD at ¥149.5 per USD: ¥14,950 (rounded down to whole yen); the rate is "
        "the caller's, as no source gives one (reading rate-is-the-callers)."
    )
    assert decision.explain("ja").startswith(
        "支払額は100.00 USD（1 USD = 149.5円で換算）：¥14,950です"
    )
    record = assess([paid]).to_records()[0]
    assert (
        record["amount"],
        record["currency"],
        record["amount_in_currency"],
        record["jpy_per_unit"],
    ) == (
        14_950,
        "USD",
        "100.00",
        "149.5",
    )


def test_a_converted_receipt_says_so_whatever_else_it_is_paid_or_not():
    usd = {"currency": "USD", "jpy_per_unit": "149.5", "amount": "10"}
    ledger = assess(
        [
            receipt("insured", "2024-05-01", insured=True, **usd),
            receipt("no-terms", "2022-05-01", **usd),
            receipt("abroad", "2019-05-01", place="abroad", **usd),
            receipt("outside", "2025-05-01", **usd),
        ],
        participants=[member(first="2019-04-01", last="2025-03-31")],
    )
    codes = {d.receipt.id: d.codes for s in ledger for d in s.decisions}
    assert codes == {
        "insured": ("CONVERTED", "INSURED_COST"),
        "no-terms": ("CONVERTED", "NO_EDITION"),
        "abroad": ("CONVERTED", "OUTSIDE_JAPAN"),
        "outside": ("CONVERTED", "OUTSIDE_TERM", "NO_EDITION"),
    }


def test_identical_converted_decisions_share_one_tuple_of_reasons():
    usd = {"currency": "USD", "jpy_per_unit": "149.5", "amount": "10"}
    ledger = assess([receipt(f"r{n}", "2024-05-01", who=f"P{n}", **usd) for n in range(3)])
    tuples = {id(s.decisions[0].reasons) for s in ledger}
    assert len(tuples) == 1
    written = Receipt(
        id="x",
        participant="Q",
        service_date="2024-05-01",
        amount="10.0",
        currency="USD",
        jpy_per_unit="149.5",
    )
    both = assess([written, receipt("y", "2024-05-01", who="R", **usd)])
    texts = [s.decisions[0].explain() for s in both]
    assert "10.0 USD" in texts[0]
    assert "10 USD" in texts[1]


def test_by_organisation_takes_the_ledgers_participants_by_default():
    ledger = assess([receipt("a", "2024-01-05")], participants=[member()])
    assert by_organisation(ledger) == by_organisation(ledger, [member()])
    with pytest.raises(InvalidInput, match="'participants' must be given when the ledger"):
        by_organisation(assess([]))


def test_every_reason_is_one_a_decision_can_give():
    assert {"OUTSIDE_TERM", "CONVERTED"} <= {template.code for template in REASONS}
    assert Ledger().participants is None


def test_a_receipt_made_without_the_constructor_needs_its_amount_in_its_currency():
    receipt = object.__new__(Receipt)
    with pytest.raises(
        InvalidInput, match="'amount_in_currency' must be given for a receipt in USD"
    ):
        receipt.__attrs_init__(
            id="r",
            participant="P",
            service_date="2024-05-01",
            amount=1,
            currency="USD",
            jpy_per_unit="149.5",
        )


def test_a_conversion_of_yen_renders_as_yen_and_none_renders_as_none():
    assert to_yen_at(5_000).render("ja") == "¥5,000"
    assert render_value(None, "en") == "none"


def test_the_cap_cutting_the_same_yen_for_other_receipts_is_one_reason():
    ledger = assess(
        [
            receipt("a", "2019-05-01", 70_000, who="P-1"),
            receipt("b", "2019-05-01", 70_000, who="P-2", submitted_on="2020-04-01"),
        ]
    )
    first, second = (s.decisions[0] for s in ledger)
    assert first.reasons[-1] is second.reasons[-1]
    assert first.reasons[-1].code == "CAP_PARTLY_REACHED"


def test_a_ledger_copied_with_other_statements_reads_their_ids():
    ledger = assess([receipt("a", "2019-05-01")])
    other = assess([receipt("b", "2019-05-01")])
    assert attrs.evolve(ledger, statements=other.statements).receipt_ids == {"b"}


def test_receipts_outside_the_term_in_a_year_without_terms_say_so_and_share_their_reasons():
    """FY2022 publishes no terms: OUTSIDE_TERM comes before NO_EDITION, made once per day."""
    early = member(first=dt.date(2022, 8, 1), last=dt.date(2023, 7, 31))
    ledger = assess([receipt("a", "2022-05-10"), receipt("b", "2022-05-10")], participants=[early])
    first, second = ledger.statement("P-001", 2022).decisions
    assert first.codes == second.codes == ("OUTSIDE_TERM", "NO_EDITION")
    assert first.reasons is second.reasons
    assert first.subsidy == second.subsidy == Yen(0)
