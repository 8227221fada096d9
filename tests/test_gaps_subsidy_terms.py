"""The subsidy's behaviours no other test pinned, found by the mutation runs of issue 15 over its
terms, reasons, editions, parameters and the command's rows: each fails when the gap is
reintroduced. (A second file beside test_gaps_subsidy.py, so two runs can each add tests.)

Covered here:

- the command's CSV path (``csv_lines_of_rows``, ``ReceiptRows``): each row it refuses names the
  field, the rule and the value a person reads, whole; an id that starts a formula is guarded
  wherever it stands in the file;
- what a decision says (reasons.py): receipts alike but for their rate each say their own
  conversion, receipts outside the term in a year without terms each name their own day, and a
  place or a claim deadline stated on a cited notice is said citing it;
- a statement as text (statement_text.py), whole, in English and Japanese: its blank lines
  between the terms, the table, the reasons and the totals included;
- a year's terms (terms.py): how to have claim documents a year does not publish, a claim
  deadline described in Japanese, a supplied deadline within its year refused naming it;
- the editions under a policy (editions.py): a year supplied in part names only the parameters
  the policy still leaves out.
"""

from __future__ import annotations

import pendulum
import pytest

from jetrules.errors import InvalidInput, NoRuleInForce, OutOfRange, WrongType
from jetrules.policy import EditionRecord, Origin, Parameter, Policy, Provenance
from jetrules.policy import load as load_policy
from jetrules.subsidy import (
    REQUIRED,
    Participant,
    Receipt,
    ReceiptRows,
    assess,
    csv_lines_of_rows,
    terms_for,
)
from jetrules.text import Source

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


# -- what a decision says (reasons.py) ------------------------------------------------------------

_NOT_PUBLISHED_2025 = (
    "No published terms cover FY2025 in full (not published: rate, annual cap, place, costs "
    "covered by health insurance excluded, mental health professional required, rounding, "
    "share-out over receipts), so nothing was assessed or paid; to assess it, assume another "
    "year's published terms (assume=FiscalYear(2024), or --assume-terms-from 2024 on the command "
    "line) or supply the missing ones in a policy."
)


def test_receipts_alike_but_for_their_rate_each_say_their_own_conversion():
    """Two refusals say the same but for the conversion: the rate is the caller's, per receipt."""
    ledger = assess(
        [
            Receipt(
                id=f"r{n}",
                participant="P",
                service_date="2024-05-10",
                amount="100.00",
                currency="usd",
                jpy_per_unit=rate,
                insured=True,
            )
            for n, rate in enumerate(["149.5", "150"])
        ]
    )
    tail = (
        " (rounded down to whole yen); the rate is the caller's, as no source gives one (reading "
        "rate-is-the-callers). Covered by health insurance, so not eligible under the FY2024 terms."
    )
    assert [decision.explain() for decision in ledger[0].decisions] == [
        f"Paid 100.00 USD at ¥149.5 per USD: ¥14,950{tail}",
        f"Paid 100.00 USD at ¥150 per USD: ¥15,000{tail}",
    ]


def test_receipts_outside_the_term_of_a_year_without_terms_each_name_their_own_day():
    term = Participant(
        participant="P",
        appointed_from="2025-08-01",
        appointed_to="2026-07-31",
        organisation="Saga",
    )
    ledger = assess(
        [
            Receipt(id=f"r{n}", participant="P", service_date=day, amount=7_001)
            for n, day in enumerate(["2025-05-10", "2025-06-10"])
        ],
        participants=[term],
    )
    assert [decision.explain() for decision in ledger[0].decisions] == [
        f"{day} is outside P's term of appointment (2025-08-01 to 2026-07-31): the programme is "
        f"for participants during their term, so nothing is paid. {_NOT_PUBLISHED_2025}"
        for day in ("2025-05-10", "2025-06-10")
    ]


def test_counselling_abroad_under_a_supplied_any_place_cites_the_source_given_for_it(tmp_path):
    """A policy may state "any place" with a source: PLACE_NOT_NAMED then cites it."""
    path = tmp_path / "any-place.toml"
    path.write_text(
        '[source.office]\ntitle = "Programme office notice"\n\n'
        "[[subsidy]]\nfiscal_year = 2024\n"
        'place = { value = "any_place", source = "office", paraphrase = "counselling anywhere" }\n',
        "utf-8",
    )
    ledger = assess(
        [
            Receipt(
                id="r1", participant="P", service_date="2024-05-10", amount=7_001, place="abroad"
            )
        ],
        policy=load_policy(path),
    )
    decision = ledger[0].decisions[0]
    cited = [(r.code, None if r.source is None else r.source.title) for r in decision.reasons]
    assert cited == [
        ("ELIGIBLE", "JET Programme, Mental health support"),
        ("PLACE_NOT_NAMED", "Programme office notice"),
        ("SUPPLIED_TERMS", None),
    ]


_NOTICE = Source(title="Programme office notice")


def _no_deadline_on_the_notice(year: int, others_from: int | None) -> Policy:
    """A policy whose *year* has no claim deadline, stated by a cited notice (built in code)."""
    parameters = () if others_from is None else terms_for(others_from).parameters
    none = Provenance(origin=Origin.SUPPLIED, source=_NOTICE)
    record = EditionRecord(
        service="subsidy",
        fiscal_year=year,
        parameters=(
            *(p for p in parameters if p.name != "claim_deadline"),
            Parameter(name="claim_deadline", value=None, provenance=none),
        ),
        file="(code)",
    )
    return Policy(supplied=(("subsidy", (record,)),))


@pytest.mark.parametrize(
    ("year", "others_from", "code", "says"),
    [
        (
            2023,
            None,
            "DEADLINE_NOT_SUPPLIED",
            "The supplied terms for FY2023 have no claim deadline (the published one is "
            "2024-04-05); the claim that arrived on 2024-05-01 is not refused as late.",
        ),
        (
            2026,
            2024,
            "DEADLINE_NOT_PUBLISHED",
            "No claim deadline is published for FY2026; the claim that arrived on 2027-05-01 is "
            "not refused as late.",
        ),
    ],
)
def test_a_claim_deadline_left_out_on_a_cited_notice_is_said_citing_it(
    year, others_from, code, says
):
    ledger = assess(
        [Receipt(id="r1", participant="P", service_date=f"{year}-05-10", amount=7_001)],
        policy=_no_deadline_on_the_notice(year, others_from),
        submitted_on=f"{year + 1}-05-01",
    )
    (timing,) = [r for r in ledger[0].decisions[0].reasons if r.code == code]
    assert (timing.source, timing.render("en")) == (_NOTICE, says)


# -- statements as text (statement_text.py) ------------------------------------------------------

_FY2019_STATEMENT = """\
FY2019 statement for participant P-001
Terms: FY2019 terms: 50% of eligible costs, up to ¥30,000 per participant; in Japan; no claim \
deadline published
Source: CLAIR's Mental Health Support (FY2019 text) <https://ajetpsg.com/clair-counselling>
  rate 50%: "a partial subsidy (50%"
  annual cap ¥30,000: "up to ¥30,000 per year"
  place in Japan: "mental health professionals in Japan"
  costs covered by health insurance excluded yes: "not covered by health insurance"
  mental health professional required yes: "consultation with mental health professionals"

receipt  service date     paid  eligible  subsidy  cut by cap
-------  ------------  -------  --------  -------  ----------
r1       2019-05-10     ¥7,001    ¥7,001   ¥3,500          ¥0
r2       2019-06-10    ¥60,000   ¥60,000  ¥26,500      ¥3,500

r1: Eligible under the FY2019 terms: ¥7,001 counts at 50%.
r2 (claim arrived 2020-04-10): Eligible under the FY2019 terms: ¥60,000 counts at 50%. No claim \
deadline is published for FY2019; the claim that arrived on 2020-04-10 is not refused as late. \
This receipt reaches the annual cap of ¥30,000; ¥3,500 is cut.

Totals: paid ¥67,001, eligible ¥67,001, subsidy ¥30,000, cut by cap ¥3,500; cap left ¥0."""

_FY2019_STATEMENT_JA = """\
2019年度 助成明細：P-001
要件: 2019年度の要件：対象経費の50%、1人あたり上限¥30,000；日本国内；申請期限の公表なし
出典: CLAIR's Mental Health Support (FY2019 text) <https://ajetpsg.com/clair-counselling>
  助成率：50%　「a partial subsidy (50%」
  年間上限額：¥30,000　「up to ¥30,000 per year」
  場所：日本国内　「mental health professionals in Japan」
  健康保険適用分の除外：はい　「not covered by health insurance」
  メンタルヘルス専門家によること：はい　「consultation with mental health professionals」

領収書  受診日       支払額   対象額   助成額  上限超過
------  ----------  -------  -------  -------  --------
r1      2019-05-10   ¥7,001   ¥7,001   ¥3,500        ¥0
r2      2019-06-10  ¥60,000  ¥60,000  ¥26,500    ¥3,500

r1: 2019年度の要件により対象：¥7,001の50%が助成対象です。
r2 (申請到着日 2020-04-10): 2019年度の要件により対象：¥60,000の50%が助成対象です。\
2019年度の申請期限は公表されていないため、2020-04-10着の申請を期限後として扱いません。\
この領収書で年間上限額¥30,000に達するため、¥3,500は助成されません。

合計：支払額¥67,001、対象額¥67,001、助成額¥30,000、上限超過¥3,500、上限残額¥0。"""


@pytest.mark.parametrize(
    ("lang", "text"), [("en", _FY2019_STATEMENT), ("ja", _FY2019_STATEMENT_JA)]
)
def test_a_statement_reads_whole_heading_terms_quotes_table_reasons_and_totals(lang, text):
    ledger = assess(
        [
            Receipt(id="r1", participant="P-001", service_date="2019-05-10", amount=7_001),
            Receipt(
                id="r2",
                participant="P-001",
                service_date="2019-06-10",
                amount=60_000,
                submitted_on="2020-04-10",
            ),
        ]
    )
    assert ledger[0].render(lang) == text
    assert ledger.render(lang) == text


# -- the terms of a year (terms.py) ---------------------------------------------------------------


def test_terms_without_claim_documents_say_how_to_have_them():
    """A year supplied with its required parameters only: what a claim is made of is unknown."""
    published = terms_for(2024)
    policy = Policy().supplying("subsidy", 2026, **{n: getattr(published, n) for n in REQUIRED})
    with pytest.raises(NoRuleInForce) as caught:
        terms_for(2026, policy=policy).required_documents()
    assert str(caught.value) == (
        "the Counselling Assistance Programme terms for FY2026 do not publish claim_documents; "
        "assume another year's published terms (assume=) or supply them with policy="
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "FY2023 terms: 50% of eligible costs, up to ¥30,000 per participant; no place named; "
            "claims must arrive by 2024-04-05",
        ),
        (
            "ja",
            "2023年度の要件：対象経費の50%、1人あたり上限¥30,000；場所の定めなし；申請は2024-04-05必着",
        ),
    ],
)
def test_terms_with_a_claim_deadline_describe_it_in_either_language(lang, line):
    assert terms_for(2023).describe(lang) == line


def test_a_supplied_claim_deadline_within_its_year_is_refused_naming_it():
    policy = Policy().supplying("subsidy", 2019, claim_deadline="2020-03-31")
    with pytest.raises(InvalidInput) as caught:
        terms_for(2019, policy=policy)
    refused = caught.value
    assert (refused.field, refused.rule, refused.value) == (
        "claim_deadline",
        "must be after the fiscal year ends, 2020-03-31",
        pendulum.Date(2020, 3, 31),
    )
    assert str(refused) == (
        "'claim_deadline' must be after the fiscal year ends, 2020-03-31 (got 2020-03-31)"
    )


# -- the editions under a policy (editions.py) ---------------------------------------------------


def test_a_year_supplied_in_part_names_only_what_the_policy_still_leaves_out():
    policy = Policy().supplying("subsidy", 2026, rate="1/2", annual_cap=30_000)
    ledger = assess(
        [Receipt(id="r1", participant="P", service_date="2026-05-10", amount=7_001)],
        policy=policy,
    )
    statement = ledger[0]
    assert statement.missing == (
        "place",
        "claim_deadline",
        "insured_costs_excluded",
        "professional_required",
        "rounding",
        "share_out",
    )
    assert statement.decisions[0].explain() == (
        "No published terms cover FY2026 in full (not published: place, claim deadline, costs "
        "covered by health insurance excluded, mental health professional required, rounding, "
        "share-out over receipts), so nothing was assessed or paid; to assess it, assume another "
        "year's published terms (assume=FiscalYear(2024), or --assume-terms-from 2024 on the "
        "command line) or supply the missing ones in a policy."
    )
