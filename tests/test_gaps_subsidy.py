"""The subsidy's behaviours no other test pinned: each fails when the gap is reintroduced.

A mutation run (issue 15) changed these without any test failing: the default language of what a
decision, a statement and a ledger say, a claim that arrives on the day of the service, a policy
equal to the published terms passed again to ``Ledger.add``, and the day a claim arrived kept for
a year without published terms.

Later runs (issue 15, subsidy modules one by one) added: a receipt's flags, place and claim day
given in other types than their final ones while every other value is final (model.py's fast
path must not take them as they are); each parameter of a policy file refused with its field, rule
and value, the edges of what it allows, and supplied values read against the published ones in
either language (parameters.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from fractions import Fraction

import pendulum
import pytest

from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, NotFound, WrongType
from jetrules.money import Rounding, Yen
from jetrules.policy import Policy
from jetrules.policy import check as check_policy_file
from jetrules.policy import load as load_policy
from jetrules.subsidy import (
    PARAMETERS,
    Participant,
    Place,
    PlaceRequirement,
    Receipt,
    ShareOut,
    assess,
    csv_lines_of_rows,
)

D = pendulum.Date


def receipt(id: str, day: str, amount: int = 7_001, **kw: object) -> Receipt:
    return Receipt(
        id=id, participant=kw.pop("participant", "P-001"), service_date=day, amount=amount, **kw
    )


# -- the default language ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ledger():
    return assess(
        [receipt("a", "2019-05-10"), receipt("b", "2019-06-10", 60_000)],
        submitted_on="2020-04-10",
    )


def test_a_decision_explains_itself_in_english_by_default(ledger):
    decision = ledger[0].decisions[0]
    assert decision.explain() == decision.explain("en")
    assert decision.explain().startswith("Eligible under the FY2019 terms: ¥7,001 counts at 50%.")
    assert decision.explain() != decision.explain("ja")
    # English sentences are spaced, Japanese ones are not
    assert ". No claim deadline" in decision.explain()
    assert "。2019年度の申請期限" in decision.explain("ja")


def test_a_statement_and_a_ledger_render_in_english_by_default(ledger):
    statement = ledger[0]
    assert statement.render() == statement.render("en")
    assert statement.render().startswith("FY2019 statement for participant P-001")
    assert statement.render("ja").startswith("2019年度 助成明細：P-001")
    assert ledger.render() == ledger.render("en") == statement.render()


def test_records_are_in_english_by_default(ledger):
    assert ledger.to_records() == ledger.to_records("en")
    assert ledger[0].to_records() == ledger[0].to_records("en")
    explanations = [record["explanation"] for record in ledger.to_records()]
    assert explanations[1].startswith("Eligible under the FY2019 terms: ¥60,000 counts at 50%.")
    assert ledger.to_records("ja")[1]["explanation"].startswith("2019年度の要件により対象")


# -- a claim on the day of the service ------------------------------------------------------------


def test_a_receipt_may_be_submitted_on_its_service_day():
    same_day = receipt("s", "2018-05-10", submitted_on="2018-05-10")
    assert same_day.submitted_on == D(2018, 5, 10)
    [decision] = assess([same_day])[0].decisions
    assert decision.codes == ("ELIGIBLE", "CLAIM_IN_TIME")
    assert decision.submitted_on == D(2018, 5, 10)
    assert decision.subsidy == Yen(3_500)


def test_a_batch_may_be_submitted_on_the_service_day_of_its_last_receipt():
    ledger = assess(
        [receipt("a", "2018-05-10"), receipt("b", "2018-06-10")], submitted_on="2018-06-10"
    )
    assert [d.submitted_on for d in ledger[0].decisions] == [D(2018, 6, 10)] * 2
    with pytest.raises(InvalidInput) as caught:
        assess([receipt("a", "2018-05-10"), receipt("b", "2018-06-10")], submitted_on="2018-06-09")
    assert (caught.value.field, caught.value.value) == ("submitted_on", D(2018, 6, 9))
    assert caught.value.rule == "must not be before a receipt's service date (b: 2018-06-10)"


def test_a_receipt_of_its_own_day_is_not_held_to_the_batch_day():
    # the receipt's own day takes precedence: a batch day before its service date is no error
    own = receipt("c", "2018-06-10", submitted_on="2018-06-11")
    [decision] = assess([own], submitted_on="2018-06-01")[0].decisions
    assert decision.submitted_on == D(2018, 6, 11)


# -- a policy equal to the published terms, passed again ------------------------------------------


def test_a_policy_equal_to_the_published_terms_keeps_untouched_statements_shared():
    first = assess(
        [
            receipt("a", "2019-05-10", participant="P-1"),
            receipt("b", "2020-05-10", participant="P-2"),
            receipt("c", "2019-07-10", participant="P-3"),
        ]
    )
    same = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=Yen(30_000))
    later = first.add([receipt("d", "2019-06-10", participant="P-1")], policy=same)
    assert later.statement("P-2", 2020) is first.statement("P-2", 2020)
    assert later.statement("P-3", 2019) is first.statement("P-3", 2019)
    assert later.statement("P-1", 2019) is not first.statement("P-1", 2019)
    assert [d.receipt.id for d in later.statement("P-1", 2019).decisions] == ["a", "d"]
    assert later.statement("P-1", 2019).terms_origin == "published"
    assert later.policy == same


def test_a_policy_unlike_the_published_terms_assesses_its_year_again():
    first = assess(
        [
            receipt("a", "2019-05-10", participant="P-1"),
            receipt("b", "2020-05-10", participant="P-2"),
        ]
    )
    other = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=Yen(40_000))
    later = first.add([], policy=other)
    assert later.statement("P-2", 2020) is first.statement("P-2", 2020)
    assert later.statement("P-1", 2019) != first.statement("P-1", 2019)
    assert later.statement("P-1", 2019).terms_origin == "supplied"


# -- the day a claim arrived, for a year without published terms ----------------------------------


def test_submitted_on_is_kept_for_a_year_without_terms():
    ledger = assess([receipt("a", "2022-05-10")], submitted_on="2023-04-01")
    [decision] = ledger[0].decisions
    assert decision.codes == ("NO_EDITION",)
    assert decision.submitted_on == D(2023, 4, 1)
    assert ledger.to_records()[0]["submitted_on"] == dt.date(2023, 4, 1)
    assert "a (claim arrived 2023-04-01): No published terms cover FY2022" in ledger.render()


def test_submitted_on_is_kept_when_a_year_without_terms_is_assessed_again():
    ledger = assess([receipt("a", "2022-05-10")], submitted_on="2023-04-01")
    ledger = ledger.add([receipt("b", "2022-06-10")], submitted_on="2023-04-20")
    assert [d.submitted_on for d in ledger[0].decisions] == [D(2023, 4, 1), D(2023, 4, 20)]
    # under FY2021's terms the deadline moves a year, to 8 April 2023: one is late, one is not
    assumed = ledger.add([], assume=2021)
    decisions = assumed[0].decisions
    assert [d.submitted_on for d in decisions] == [D(2023, 4, 1), D(2023, 4, 20)]
    assert [d.codes for d in decisions] == [
        ("ELIGIBLE", "CLAIM_IN_TIME", "ASSUMED_TERMS"),
        ("LATE_CLAIM", "ASSUMED_TERMS"),
    ]
    assert [d.subsidy for d in decisions] == [Yen(3_500), Yen(0)]


def test_a_receipts_own_day_is_kept_for_a_year_without_terms():
    ledger = assess([receipt("a", "2022-05-10", submitted_on="2023-04-02")])
    assert ledger[0].decisions[0].submitted_on == D(2023, 4, 2)
    assert ledger.to_records()[0]["submitted_on"] == dt.date(2023, 4, 2)


# -- allocate.py: receipts outside the term ------------------------------------------------------


def test_each_receipt_outside_the_term_names_its_own_day_and_arrival():
    term = Participant(
        participant="P-001",
        appointed_from=dt.date(2019, 8, 1),
        appointed_to=dt.date(2020, 7, 31),
        organisation="Saga",
    )
    ledger = assess(
        [
            receipt("early", "2019-05-10", submitted_on="2020-04-01"),
            receipt("late", "2020-03-10", submitted_on="2020-04-02"),
            receipt("earlier", "2019-04-10", submitted_on="2020-04-01"),
        ],
        participants=[term],
    )
    decisions = ledger.statement("P-001", 2019).decisions
    assert [d.receipt.id for d in decisions] == ["earlier", "early", "late"]
    earlier, early, late = decisions
    assert early.explain() == (
        "2019-05-10 is outside P-001's term of appointment (2019-08-01 to 2020-07-31): the "
        "programme is for participants during their term, so nothing is paid. No claim deadline "
        "is published for FY2019; the claim that arrived on 2020-04-01 is not refused as late."
    )
    assert earlier.explain().startswith("2019-04-10 is outside P-001's term")
    assert earlier.explain().endswith("arrived on 2020-04-01 is not refused as late.")
    # a day inside the term is paid: the third receipt is decided on its own
    assert late.codes == ("ELIGIBLE", "DEADLINE_NOT_PUBLISHED")
    assert late.subsidy == Yen(3_500)


# -- ledger.py: finding a statement, rendering statement by statement -----------------------------


def test_a_statement_is_found_by_the_participant_as_receipts_hold_it():
    ledger = assess([receipt("a", "2019-05-10", participant="JET-0001")])
    assert ledger.statement(" ＪＥＴ－０００１ ", "FY2019") is ledger[0]
    with pytest.raises(WrongType) as wrong:
        ledger.statement(1, 2019)  # type: ignore[arg-type]
    assert (wrong.value.field, wrong.value.rule, wrong.value.value) == (
        "participant",
        "must be text",
        1,
    )
    assert str(wrong.value) == "'participant' must be text (got 1)"
    with pytest.raises(InvalidInput) as blank:
        ledger.statement(" ", 2019)
    assert (blank.value.field, blank.value.value) == ("participant", " ")


def test_a_statement_not_held_names_the_years_the_participant_has():
    ledger = assess([receipt("a", "2019-05-10"), receipt("b", "2021-05-10")])
    with pytest.raises(NotFound) as other_year:
        ledger.statement("P-001", 2020)
    assert str(other_year.value) == (
        "no statement of 'P-001' for FY2020 in the ledger "
        "('P-001' has some for FY2019, FY2021 only)"
    )
    with pytest.raises(KeyError) as nobody:
        ledger.statement("P-002", 2019)
    assert str(nobody.value) == "no statement of 'P-002' for FY2019 in the ledger (none of 'P-002')"
    assert nobody.value.key == ("P-002", FiscalYear(2019))


def test_a_ledger_renders_statement_by_statement_in_english_by_default(ledger):
    texts = list(ledger.iter_render())
    assert texts == list(ledger.iter_render("en")) == [s.render("en") for s in ledger]
    assert texts[0].startswith("FY2019 statement for participant P-001")


def test_a_new_policy_keeps_shared_the_statements_whose_terms_it_leaves_as_they_were():
    # the year's terms before are those of the ledger's own policy and assumed year
    cap_40 = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=Yen(40_000))
    first = assess(
        [
            receipt("a", "2019-05-10", participant="P-1"),
            receipt("b", "2020-05-10", participant="P-2"),
            receipt("c", "2022-05-10", participant="P-3"),
        ],
        policy=cap_40,
        assume=2021,
    )
    both = cap_40.supplying("subsidy", FiscalYear(2020), annual_cap=Yen(50_000))
    later = first.add([], policy=both)
    assert later.statement("P-1", 2019) is first.statement("P-1", 2019)
    assert later.statement("P-3", 2022) is first.statement("P-3", 2022)
    assert later.statement("P-3", 2022).terms_origin == "assumed"
    assert later.statement("P-2", 2020) is not first.statement("P-2", 2020)
    assert later.statement("P-2", 2020).terms.annual_cap == Yen(50_000)
    assert (later.policy, later.assume) == (both, FiscalYear(2021))


def test_an_unreadable_batch_day_is_refused_naming_submitted_on():
    with pytest.raises(InvalidInput) as caught:
        assess([receipt("a", "2019-05-10")], submitted_on="2020-13-01")
    assert (caught.value.field, caught.value.value) == ("submitted_on", "2020-13-01")
    assert str(caught.value).startswith("'submitted_on' ")


# -- model.py: a receipt's text, given as values of their final types ------------------------------


def fast(id: str, participant: str) -> Receipt:
    """A receipt whose every value is of its final type (the constructor's quick way in)."""
    return Receipt(id=id, participant=participant, service_date=D(2019, 5, 10), amount=Yen(7_001))


def test_a_receipts_id_and_participant_are_read_as_files_read_them_whatever_their_types():
    assert (fast(" r1 ", " P-001 ").id, fast(" r1 ", " P-001 ").participant) == ("r1", "P-001")
    wide = fast("ｒ１", "ＪＥＴ－０００１")
    assert (wide.id, wide.participant) == ("r1", "JET-0001")
    for blank in ("", "   "):
        for participant in ("P-001", blank):
            with pytest.raises(InvalidInput) as caught:
                fast(blank, participant)
            assert (caught.value.field, caught.value.value) == ("id", blank)
    with pytest.raises(InvalidInput) as hidden:
        fast("r1", "P-001\u200b")
    assert hidden.value.field == "participant"


def test_yen_given_for_a_receipt_in_another_currency_is_refused_naming_them():
    with pytest.raises(WrongType) as caught:
        Receipt(
            id="r1",
            participant="P-001",
            service_date="2024-05-10",
            amount=Yen(14_950),
            currency="USD",
            jpy_per_unit="149.5",
        )
    assert (caught.value.field, caught.value.value) == ("amount", Yen(14_950))
    assert caught.value.rule == "must be the amount paid in USD, not yen"


def test_a_rate_or_a_foreign_amount_without_a_currency_is_refused_whatever_the_types():
    for field, given in (("jpy_per_unit", "2"), ("amount_in_currency", "100")):
        with pytest.raises(InvalidInput) as caught:
            Receipt(
                id="r1",
                participant="P-001",
                service_date=D(2019, 5, 10),
                amount=Yen(7_001),
                **{field: given},
            )
        assert caught.value.field == field
        assert caught.value.rule == "must be left out for a receipt in yen (no currency)"


def test_an_unreadable_foreign_amount_is_refused_naming_it():
    with pytest.raises(InvalidInput) as caught:
        Receipt(
            id="r1",
            participant="P-001",
            service_date="2024-05-10",
            amount=14_950,
            currency="USD",
            jpy_per_unit="149.5",
            amount_in_currency="a hundred",
        )
    assert (caught.value.field, caught.value.value) == ("amount_in_currency", "a hundred")


def test_an_id_or_participant_that_is_not_text_is_refused_naming_it_whatever_the_types():
    for id, participant, field in ((5, "P-001", "id"), ("r1", 5, "participant")):
        with pytest.raises(InvalidInput) as caught:
            fast(id, participant)  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.value) == (field, 5)
        assert caught.value.rule == "must be non-empty text"


def test_a_flag_of_a_receipt_given_as_no_bool_is_refused_whatever_the_other_types():
    for field, given in (("insured", 1), ("insured", "yes"), ("mental_health_professional", 0)):
        with pytest.raises(WrongType) as caught:
            Receipt(
                id="r1",
                participant="P-001",
                service_date=D(2019, 5, 10),
                amount=Yen(7_001),
                **{field: given},
            )
        assert (caught.value.field, caught.value.rule, caught.value.value) == (
            field,
            "must be True or False",
            given,
        )
        assert str(caught.value) == f"'{field}' must be True or False (got {given!r})"


def test_a_place_and_a_claim_day_given_as_text_are_read_whatever_the_other_types():
    abroad = Receipt(
        id="r1",
        participant="P-001",
        service_date=D(2019, 5, 10),
        amount=Yen(7_001),
        place=" abroad ",
    )
    assert abroad.place is Place.ABROAD
    arrived = Receipt(
        id="r1",
        participant="P-001",
        service_date=D(2019, 5, 10),
        amount=Yen(7_001),
        submitted_on="2019-06-01",
    )
    assert (arrived.submitted_on, arrived.submitted_on.__class__) == (D(2019, 6, 1), D)
    with pytest.raises(InvalidInput) as caught:
        Receipt(
            id="r1",
            participant="P-001",
            service_date=D(2019, 5, 10),
            amount=Yen(7_001),
            place="mars",
        )
    assert str(caught.value) == "'place' must be 'japan' or 'abroad' (日本 / 海外) (got 'mars')"


# -- rows.py: the command's CSV path ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("assume", "error", "rule"),
    [
        ("FY20x", InvalidInput, "must be written FY2019, 2019 or 2019年度"),
        (2024.0, WrongType, "must be a FiscalYear, an int such as 2019 or text such as FY2019"),
    ],
)
def test_the_rows_path_refuses_an_unreadable_assumed_year_as_the_assessment_does(
    assume, error, rule
):
    given = receipt("r1", "2026-05-01")
    row = ("P-001", 2026, "2026-05-01", "r1", 7_001, False, True, "japan", "")
    raised = []
    for call in (
        lambda: assess([given], assume=assume),
        lambda: csv_lines_of_rows([row], assume=assume),
    ):
        with pytest.raises(error) as caught:
            call()
        raised.append(
            (caught.value.field, caught.value.rule, caught.value.value, str(caught.value))
        )
    assert raised[0] == raised[1] == ("assume", rule, assume, f"'assume' {rule} (got {assume!r})")


# -- csv_lines.py: each field as the csv module writes it, formulas guarded ----------------------


def test_receipt_ids_in_csv_are_guarded_and_quoted_as_the_csv_module_writes_them():
    written = {
        "=f": "'=f",
        "+g": "'+g",
        "-h": "'-h",
        "@i": "'@i",
        "-1": "-1",  # a number, not a formula
        'say "e"': 'say "e"',
        "c,d": "c,d",
        "plain": "plain",
    }
    ledger = assess([receipt(ident, "2019-05-01") for ident in written])
    text = "".join(ledger.iter_csv())
    cells = list(csv.reader(io.StringIO(text)))
    assert sorted(row[2] for row in cells) == sorted(written.values())
    # quoted only where csv quotes: a field with a quote or a comma, and nothing else
    again = io.StringIO()
    csv.writer(again, lineterminator="\n").writerows(cells)
    assert again.getvalue() == text
    assert {line.split(",")[2] for line in text.splitlines()} >= {"'=f", '"say ""e"""', '"c'}


# -- place.py: where counselling took place, and where the terms require it ----------------------


def test_a_place_is_read_in_either_language_whatever_its_case_and_blanks():
    assert [Place.parse(text) for text in (" Abroad ", "JAPAN", "海外", " 日本 ")] == [
        Place.ABROAD,
        Place.JAPAN,
        Place.ABROAD,
        Place.JAPAN,
    ]
    assert Place.parse(Place.ABROAD) is Place.ABROAD
    assert receipt("r1", "2024-05-10", place=" 海外 ").place is Place.ABROAD


@pytest.mark.parametrize(
    ("given", "error", "rule"),
    [
        (5, WrongType, "must be 'japan' or 'abroad'"),
        (None, WrongType, "must be 'japan' or 'abroad'"),
        ("mars", InvalidInput, "must be 'japan' or 'abroad' (日本 / 海外)"),
        ("in japan", InvalidInput, "must be 'japan' or 'abroad' (日本 / 海外)"),
    ],
)
def test_a_place_that_is_no_place_is_refused_naming_place(given, error, rule):
    with pytest.raises(error) as caught:
        Place.parse(given)
    assert (caught.value.field, caught.value.rule, caught.value.value) == ("place", rule, given)
    assert str(caught.value) == f"'place' {rule} (got {given!r})"


def test_places_and_requirements_are_named_in_english_and_japanese():
    assert [(p.label.en, p.label.ja) for p in Place] == [("in Japan", "日本"), ("abroad", "海外")]
    assert [(r.label.en, r.label.ja) for r in PlaceRequirement] == [
        ("in Japan", "日本国内"),
        ("no place named", "場所の定めなし"),
        ("in Japan or abroad", "日本国内または海外"),
    ]


def test_only_the_requirement_in_japan_refuses_counselling_abroad():
    allowed = {
        (requirement.value, place.value): requirement.allows(place)
        for requirement in PlaceRequirement
        for place in Place
    }
    assert allowed == {
        ("in_japan", "japan"): True,
        ("in_japan", "abroad"): False,
        ("any_place", "japan"): True,
        ("any_place", "abroad"): True,
        ("japan_or_abroad", "japan"): True,
        ("japan_or_abroad", "abroad"): True,
    }


def _policy_file(folder, place: str) -> str:
    path = folder / "policy.toml"
    path.write_text(
        '[source.what-if]\ntitle = "a what-if"\n\n[[subsidy]]\nfiscal_year = 2019\n'
        f'place = {{ value = {place}, source = "what-if", paraphrase = "where" }}\n',
        "utf-8",
    )
    return str(path)


def test_a_policy_files_place_is_read_or_refused_naming_place(tmp_path):
    policy = load_policy(_policy_file(tmp_path, '"any_place"'))
    abroad = receipt("r1", "2019-05-10", place="abroad")
    assert assess([abroad], policy=policy)[0].terms.place is PlaceRequirement.ANY_PLACE
    rule = "must be one of in_japan, any_place, japan_or_abroad"
    for given, shown in (("5", "5"), ('"IN_JAPAN"', "'IN_JAPAN'"), ('"nowhere"', "'nowhere'")):
        path = _policy_file(tmp_path, given)
        assert check_policy_file(path) == (
            f"{path}: subsidy FY2019, place: 'place' {rule} (got {shown})",
        )


def test_the_csv_names_the_year_whose_terms_were_assumed_in_its_last_column():
    ledger = assess([receipt("r1", "2026-05-01"), receipt("r2", "2019-05-01")], assume=2024)
    cells = list(csv.reader(io.StringIO("".join(ledger.iter_csv()))))
    assert [(row[2], row[16], row[-1]) for row in cells] == [
        ("r2", "published", ""),
        ("r1", "assumed", "2024"),
    ]
    assert [record["assumed_from"] for record in ledger.to_records()] == [None, 2024]


# -- parameters.py: what a policy file's parameter may be, and how a change reads ----------------

RATE_RULE = 'must be a Fraction such as Fraction(1, 2), or text such as "1/2" or "50%"'
ROUNDINGS = "must be one of floor, ceiling, half_up, half_even"


@pytest.mark.parametrize(
    ("name", "given", "error", "rule"),
    [
        ("rate", "half", InvalidInput, RATE_RULE),
        ("rate", "x%", InvalidInput, RATE_RULE),
        ("rate", "1/0", InvalidInput, RATE_RULE),
        ("rate", 0.5, WrongType, RATE_RULE),
        ("rate", True, WrongType, RATE_RULE),
        ("rate", "150%", InvalidInput, "must be more than 0 and at most 1"),
        ("rate", "0%", InvalidInput, "must be more than 0 and at most 1"),
        ("rate", 0, InvalidInput, "must be more than 0 and at most 1"),
        ("rate", Fraction(3, 2), InvalidInput, "must be more than 0 and at most 1"),
        ("annual_cap", True, WrongType, "must be whole yen as an int or a whole Decimal"),
        ("annual_cap", "abc", InvalidInput, "must be whole yen such as 30000, 30,000 or ¥30,000"),
        ("annual_cap", -1, InvalidInput, "must not be negative"),
        ("claim_deadline", 5, WrongType, "must be a date such as 2026-04-01"),
        ("claim_deadline", "2026-02-30", InvalidInput, "must be an ISO date such as 2019-04-01"),
        ("insured_costs_excluded", "yes", WrongType, "must be true or false"),
        ("professional_required", 1, WrongType, "must be true or false"),
        ("rounding", 1, WrongType, ROUNDINGS),
        ("rounding", "up", InvalidInput, ROUNDINGS),
        ("share_out", None, WrongType, "must be one of service_date_order"),
        ("share_out", "pro_rata", InvalidInput, "must be one of service_date_order"),
        ("claim_documents", [], InvalidInput, "must name at least one document"),
        ("claim_documents", "receipts", WrongType, "must be a list of document names"),
    ],
)
def test_a_parameter_refuses_what_it_cannot_read_with_its_rule_and_value(name, given, error, rule):
    with pytest.raises(error) as caught:
        PARAMETERS[name](given)
    assert type(caught.value) is error
    assert (caught.value.field, caught.value.rule, caught.value.value) == (name, rule, given)
    assert str(caught.value) == f"'{name}' {rule} (got {given!r})"


def test_a_parameter_reads_the_edges_of_what_it_allows():
    assert PARAMETERS["rate"]("100%") == PARAMETERS["rate"](" 1 ") == Fraction(1)
    assert PARAMETERS["rate"](" 1/3 ") == Fraction(1, 3)
    assert PARAMETERS["annual_cap"](0) == Yen(0)
    assert PARAMETERS["insured_costs_excluded"](False) is False
    assert PARAMETERS["rounding"]("half_even") is Rounding.HALF_EVEN
    assert PARAMETERS["share_out"](ShareOut.SERVICE_DATE_ORDER) is ShareOut.SERVICE_DATE_ORDER
    assert PARAMETERS["claim_deadline"]("2026-04-01") == D(2026, 4, 1)


def _supplied_changes(year: int, assume: int, **values: object) -> list[str]:
    given = [receipt("r1", f"{year}-05-10")]
    policy = Policy().supplying("subsidy", FiscalYear(year), **values)
    ledger = assess(given, policy=policy, assume=assume)
    return [ledger.to_records(lang)[0]["changes"] for lang in ("en", "ja")]


def test_changed_values_read_each_value_with_what_was_published_in_either_language():
    assert _supplied_changes(
        2019, 2018, rate=Fraction(1, 3), rounding=Rounding.HALF_EVEN, insured_costs_excluded=False
    ) == [
        "rate 1/3 (published: 50%); costs covered by health insurance excluded no "
        "(published: yes); rounding to the nearest yen, halves to even (published: round down)",
        "助成率：1/3（公表値：50%）；健康保険適用分の除外：いいえ（公表値：はい）；"
        "端数処理：偶数丸め（公表値：切り捨て）",
    ]


def test_values_no_year_published_are_listed_last_in_either_language():
    changes = _supplied_changes(
        2025,
        2024,
        rate=Fraction(1, 2),
        annual_cap=Yen(30_000),
        rounding=Rounding.CEILING,
        claim_deadline="2026-05-01",
    )
    assert changes == [
        "claim deadline 2026-05-01 (published: 2026-04-01); "
        "rate 50%, annual cap ¥30,000, rounding round up (none published)",
        "申請期限：2026-05-01（公表値：2026-04-01）；"
        "助成率：50%、年間上限額：¥30,000、端数処理：切り上げ（公表値なし）",
    ]
    halves_up = _supplied_changes(2022, 2021, rounding=Rounding.HALF_UP)
    assert halves_up == [
        "rounding to the nearest yen, halves up (none published)",
        "端数処理：四捨五入（公表値なし）",
    ]


# -- batch.py: a batch checked receipt by receipt, the first at fault named ----------------------


def _refused(call) -> tuple[type, str, str, object, str]:
    with pytest.raises((InvalidInput, WrongType)) as caught:
        call()
    error = caught.value
    return type(error), error.field, error.rule, error.value, str(error)


def test_a_batch_names_the_first_item_that_is_not_a_receipt():
    given = [receipt("a", "2019-05-10"), "b", 5]
    assert _refused(lambda: assess(given)) == (
        WrongType,
        "receipts",
        "must hold Receipt values",
        "b",
        "'receipts' must hold Receipt values (got 'b')",
    )


def test_a_batch_names_the_first_id_it_repeats_or_that_was_assessed_before():
    before = "must be unique: a receipt with this id was assessed before"
    twice = "must be unique: two receipts in this batch have it"
    ledger = assess([receipt("a", "2019-05-10")])
    again = [receipt("b", "2019-05-10"), receipt("a", "2019-05-11"), receipt("b", "2019-05-12")]
    assert _refused(lambda: ledger.add(again)) == (
        InvalidInput,
        "id",
        before,
        "a",
        f"'id' {before} (got 'a')",
    )
    repeated = [receipt("b", "2019-05-10"), receipt("b", "2019-05-11"), receipt("a", "2019-05-12")]
    assert _refused(lambda: ledger.add(repeated)) == (
        InvalidInput,
        "id",
        twice,
        "b",
        f"'id' {twice} (got 'b')",
    )


def test_a_batch_day_is_held_only_to_the_receipts_without_their_own_day():
    given = [
        receipt("a", "2019-05-10"),
        receipt("b", "2019-06-20", submitted_on="2019-07-01"),
        receipt("c", "2019-06-18"),
    ]
    rule = "must not be before a receipt's service date (c: 2019-06-18)"
    assert _refused(lambda: assess(given, submitted_on="2019-06-15")) == (
        InvalidInput,
        "submitted_on",
        rule,
        D(2019, 6, 15),
        f"'submitted_on' {rule} (got 2019-06-15)",
    )
    ledger = assess(given[:2], submitted_on="2019-06-15")
    assert [d.submitted_on for d in ledger[0].decisions] == [D(2019, 6, 15), D(2019, 7, 1)]


def test_receipts_of_participants_without_a_term_are_refused_naming_each_once():
    term = Participant(
        participant="P-001",
        appointed_from="2018-08-01",
        appointed_to="2020-07-31",
        organisation="Saga",
    )
    given = [
        receipt("a", "2019-05-10"),
        receipt("b", "2019-05-10", participant="P-9"),
        receipt("c", "2019-05-10", participant="P-8"),
        receipt("d", "2019-05-10", participant="P-9"),
    ]
    rule = (
        "must be one of the participants given (a receipt of a participant without a term is "
        "not assumed to be covered)"
    )
    assert _refused(lambda: assess(given, participants=[term])) == (
        InvalidInput,
        "participant",
        rule,
        ["P-8", "P-9"],
        f"'participant' {rule} (got ['P-8', 'P-9'])",
    )


# -- parameters.py: the converters built when the module is imported, built again here ----------


@pytest.mark.parametrize(
    ("build", "name", "given", "error", "rule"),
    [
        ("flag", "professional_required", 1, WrongType, "must be true or false"),
        ("flag", "insured_costs_excluded", "yes", WrongType, "must be true or false"),
        ("choice", "rounding", 1, WrongType, ROUNDINGS),
        ("choice", "rounding", "up", InvalidInput, ROUNDINGS),
    ],
)
def test_a_converter_built_in_a_test_refuses_naming_its_field_rule_and_value(
    build, name, given, error, rule
):
    """``_flag`` and ``_choice`` build PARAMETERS' converters while the module is imported, and
    mutmut credits what runs at import to the first test of a session only: built here, each of
    their mutants is run against this test (docs/development.md, the blind spot of import)."""
    from jetrules._subsidy import parameters as module

    convert = module._flag(name) if build == "flag" else module._choice(Rounding, name)
    with pytest.raises(error) as caught:
        convert(given)
    assert type(caught.value) is error
    assert (caught.value.field, caught.value.rule, caught.value.value) == (name, rule, given)
    assert str(caught.value) == f"'{name}' {rule} (got {given!r})"


def test_a_converter_built_in_a_test_gives_back_what_it_allows():
    from jetrules._subsidy import parameters as module

    flag = module._flag("professional_required")
    assert (flag(True), flag(False)) == (True, False)
    choice = module._choice(Rounding, "rounding")
    assert choice(Rounding.FLOOR) is Rounding.FLOOR
    assert [choice(member.value) for member in Rounding] == list(Rounding)


def test_a_parameter_without_a_label_is_named_as_it_is_in_either_language():
    """A name the labels do not hold (a parameter of a newer policy file, say) is shown as given."""
    from jetrules._subsidy.parameters import ParameterNames, named_value

    assert ParameterNames(("rate", "colour")).render("en") == "rate, colour"
    assert ParameterNames(("rate", "colour")).render("ja") == "助成率、colour"
    assert named_value("colour", "blue", "en") == "colour blue"
    assert named_value("colour", "blue", "ja") == "colour：blue"
