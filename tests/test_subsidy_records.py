"""Ledgers and statements as records, DataFrames and notebook HTML (issue 13; issue 12's speed)."""

import datetime as dt
import importlib.abc
import io
import itertools
import sys
from collections import defaultdict

import attrs
import pandas
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import FiscalYear, Yen
from jetrules._kernel.output import write_csv
from jetrules._kernel.policy import Policy
from jetrules.errors import InvalidInput, JetRulesError, WrongType
from jetrules.subsidy import (
    RECORD_COLUMNS,
    STATEMENT_COLUMNS,
    Decision,
    Ledger,
    Receipt,
    Statement,
    assess,
    terms_for,
)
from jetrules.text import LANGUAGES, Reason

from strategies import receipt_lists

RECEIPTS = st.one_of(
    receipt_lists(currencies=True), receipt_lists("2019-03-25", "2019-04-03", currencies=True)
)
FY2019 = FiscalYear(2019)

# The type of every value of a record, by key (None where the value may be absent).
RECEIPT_TYPES = {
    "participant": str,
    "fiscal_year": int,
    "receipt_id": str,
    "service_date": dt.date,
    "amount": int,
    "insured": bool,
    "mental_health_professional": bool,
    "place": str,
    "submitted_on": (dt.date, type(None)),
    "eligible": int,
    "subsidy": int,
    "cut_by_cap": int,
    "reason_codes": list,
    "explanation": str,
    "edition": (int, type(None)),
    "source": (str, type(None)),
    "terms_origin": (str, type(None)),
    "changes": (str, type(None)),
    "currency": (str, type(None)),
    "amount_in_currency": (str, type(None)),
    "jpy_per_unit": (str, type(None)),
}
STATEMENT_TYPES = {
    "participant": str,
    "fiscal_year": int,
    "receipts": int,
    "total_paid": int,
    "total_eligible": int,
    "total_subsidy": int,
    "total_cut_by_cap": int,
    "remaining_cap": (int, type(None)),
    "cap_reached": bool,
    "edition": (int, type(None)),
    "source": (str, type(None)),
    "terms_origin": (str, type(None)),
    "changes": (str, type(None)),
    "assumed_from": (int, type(None)),
}


def receipt(id, day, amount, participant="P-001", **flags):
    return Receipt(id=id, participant=participant, service_date=day, amount=Yen(amount), **flags)


def example_ledger():
    """FY2019 at the cap, FY2022 without terms, FY2020 under a supplied cap, claims dated."""
    policy = Policy().supplying("subsidy", FiscalYear(2020), annual_cap=Yen(40_000))
    return assess(
        [
            receipt("a", "2019-05-01", 50_000),
            receipt("b", "2019-06-01", 20_000, submitted_on="2020-04-01"),
            receipt("c", "2022-05-01", 1_000, "P-9"),
            receipt("d", "2020-05-01", 9_000, "P-2", insured=True),
        ],
        policy=policy,
    )


# --- records ----------------------------------------------------------------------------------


def test_receipt_records_hold_plain_values_of_the_stated_types():
    records = example_ledger().to_records()
    assert [tuple(r) for r in records] == [RECORD_COLUMNS] * 4
    for record in records:
        for key, kind in RECEIPT_TYPES.items():
            assert isinstance(record[key], kind), key
    # datetime.date itself, not pendulum's subclass; bools are not taken for ints
    assert {type(r["service_date"]) for r in records} == {dt.date}
    assert {type(r["fiscal_year"]) for r in records} == {int}
    first = records[0]
    assert (first["fiscal_year"], first["edition"], first["reason_codes"]) == (
        2019,
        2019,
        ["ELIGIBLE"],
    )
    codes = ["ELIGIBLE", "DEADLINE_NOT_PUBLISHED", "CAP_PARTLY_REACHED"]
    assert records[1]["reason_codes"] == codes
    assert records[1]["submitted_on"] == dt.date(2020, 4, 1)


def test_statement_records_give_the_totals_the_cap_left_and_whether_it_was_reached():
    records = example_ledger().to_records(level="statement")
    assert [tuple(r) for r in records] == [STATEMENT_COLUMNS] * 3
    for record in records:
        for key, kind in STATEMENT_TYPES.items():
            assert isinstance(record[key], kind), key
    assert records == [
        {
            "participant": "P-001",
            "fiscal_year": 2019,
            "receipts": 2,
            "total_paid": 70_000,
            "total_eligible": 70_000,
            "total_subsidy": 30_000,
            "total_cut_by_cap": 5_000,
            "remaining_cap": 0,
            "cap_reached": True,
            "edition": 2019,
            "source": str(terms_for(2019).source),
            "terms_origin": "published",
            "changes": None,
            "assumed_from": None,
        },
        {
            "participant": "P-2",
            "fiscal_year": 2020,
            "receipts": 1,
            "total_paid": 9_000,
            "total_eligible": 0,
            "total_subsidy": 0,
            "total_cut_by_cap": 0,
            "remaining_cap": 40_000,
            "cap_reached": False,
            "edition": 2020,
            "source": records[1]["source"],
            "terms_origin": "supplied",
            "changes": "annual cap ¥40,000 (published: ¥30,000)",
            "assumed_from": None,
        },
        {
            "participant": "P-9",
            "fiscal_year": 2022,
            "receipts": 1,
            "total_paid": 1_000,
            "total_eligible": 0,
            "total_subsidy": 0,
            "total_cut_by_cap": 0,
            "remaining_cap": None,
            "cap_reached": False,
            "edition": None,
            "source": None,
            "terms_origin": None,
            "changes": None,
            "assumed_from": None,
        },
    ]
    assert "CLAIR News, April 2020" in str(records[1]["source"])


@pytest.mark.parametrize(
    ("lang", "changes"),
    [
        ("en", "claim deadline 2020-04-30 (none published)"),
        ("ja", "申請期限：2020-04-30（公表値なし）"),
    ],
)
def test_a_supplied_date_is_written_as_iso_in_the_changes(lang, changes):
    policy = Policy().supplying("subsidy", FY2019, claim_deadline="2020-04-30")
    ledger = assess([receipt("a", "2019-05-01", 1_000)], policy=policy)
    assert ledger.to_records(lang)[0]["changes"] == changes
    assert ledger.to_records(lang, level="statement")[0]["changes"] == changes


def test_a_statement_gives_its_own_records_at_either_level():
    ledger = example_ledger()
    statement = ledger.statement("P-001", 2019)
    assert statement.to_records("ja") == ledger.to_records("ja")[:2]
    assert statement.to_records(level="statement") == ledger.to_records(level="statement")[:1]


@pytest.mark.parametrize("level", ["receipts", "Statement", None, 1])
def test_an_unknown_level_is_refused(level):
    with pytest.raises(InvalidInput, match="'level' must be 'receipt' or 'statement'"):
        example_ledger().to_records(level=level)
    with pytest.raises(InvalidInput, match="'level'"):
        example_ledger().to_frame(level=level)


def test_each_record_has_its_own_list_of_codes():
    records = assess([receipt("a", "2019-05-01", 1_000), receipt("b", "2019-06-01", 1_000)])
    first, second = records.to_records()
    first["reason_codes"].append("CHANGED")
    assert second["reason_codes"] == ["ELIGIBLE"]
    assert records.to_records()[0]["reason_codes"] == ["ELIGIBLE"]


@given(RECEIPTS, st.sampled_from(LANGUAGES))
def test_records_say_what_the_decisions_say(receipts, lang):
    ledger = assess(receipts, submitted_on="2026-04-03")
    records = ledger.to_records(lang)
    decisions = [(s, d) for s in ledger for d in s.decisions]
    assert len(records) == len(receipts) == len(decisions)
    for record, (statement, decision) in zip(records, decisions, strict=True):
        assert record["receipt_id"] == decision.receipt.id
        assert record["fiscal_year"] == statement.fiscal_year.year
        assert record["reason_codes"] == list(decision.codes)
        assert record["explanation"] == decision.explain(lang)
        assert record["service_date"] == decision.receipt.service_date
        assert record["subsidy"] == decision.subsidy
    totals = ledger.to_records(lang, level="statement")
    assert len(totals) == len(ledger)
    by_statement = defaultdict(list)
    for record in records:
        by_statement[record["participant"], record["fiscal_year"]].append(record)
    for total in totals:
        rows = by_statement[total["participant"], total["fiscal_year"]]
        assert total["receipts"] == len(rows)
        assert total["total_subsidy"] == sum(r["subsidy"] for r in rows)
        assert total["total_eligible"] == sum(r["eligible"] for r in rows)
        assert total["cap_reached"] == (total["remaining_cap"] == 0)


@given(RECEIPTS, st.lists(st.integers(0, 30), max_size=3))
def test_records_of_a_ledger_built_in_batches_equal_those_of_one_assessment(receipts, cuts):
    """Reasons of several assessments are distinct objects: each is rendered, none is mixed up."""
    bounds = [0, *sorted(min(c, len(receipts)) for c in cuts), len(receipts)]
    ledger = assess([])
    for start, end in itertools.pairwise(bounds):
        ledger = ledger.add(receipts[start:end], submitted_on="2026-04-03")
    whole = assess(receipts, submitted_on="2026-04-03")
    for lang in LANGUAGES:
        assert ledger.to_records(lang) == whole.to_records(lang)
        assert ledger.to_records(lang, level="statement") == whole.to_records(
            lang, level="statement"
        )


def test_shared_reasons_are_rendered_once_per_table(monkeypatch):
    """1,000 receipts with the same few reasons render each reason once, not once a receipt."""
    receipts = [
        receipt(f"r{n}", "2019-05-01", 10_000, f"P-{n % 10}", submitted_on="2020-05-01")
        for n in range(1_000)
    ]
    ledger = assess(receipts)
    distinct = {id(r) for s in ledger for d in s.decisions for r in d.reasons}
    rendered = []
    original = Reason.render

    def counting(self, lang="en", **options):
        rendered.append(self.code)
        return original(self, lang, **options)

    monkeypatch.setattr(Reason, "render", counting)
    records = ledger.to_records()
    assert len(records) == 1_000
    assert len(rendered) == len(distinct) < 10
    assert len({id(r["explanation"]) for r in records}) < 10  # shared, not one string each


@given(receipt_lists(max_size=40), st.sampled_from(LANGUAGES), st.sampled_from([None, 2024]))
def test_a_ledger_renders_as_its_statements_each_rendered_alone(receipts, lang, assume):
    """The ledger's renderer shares explanations, amounts and days between statements: the
    text is the same as each statement rendered on its own."""
    ledger = assess(receipts, submitted_on="2026-11-30", assume=assume)
    alone = [statement.render(lang) for statement in ledger]
    assert list(ledger.iter_render(lang)) == alone
    assert ledger.render(lang) == "\n\n".join(alone)


def test_a_ledger_renders_each_shared_explanation_once(monkeypatch):
    receipts = [
        receipt(f"r{n}", "2019-05-01", 10_000, f"P-{n % 10}", submitted_on="2020-05-01")
        for n in range(1_000)
    ]
    ledger = assess(receipts)
    explained = []
    original = Decision.explain
    monkeypatch.setattr(
        Decision, "explain", lambda self, lang="en": explained.append(1) or original(self, lang)
    )
    text = ledger.render()
    assert text.count("Eligible under the FY2019 terms") == 1_000
    assert len(explained) < 10


def test_iter_records_gives_the_records_one_at_a_time(monkeypatch):
    ledger = example_ledger()
    for lang, level in itertools.product(LANGUAGES, ("receipt", "statement")):
        records = ledger.iter_records(lang, level=level)
        assert iter(records) is records
        assert list(records) == ledger.to_records(lang, level=level)
    with pytest.raises(InvalidInput, match="'level'"):
        ledger.iter_records(level="receipts")  # checked when asked, not when first taken
    rendered = []
    original = Reason.render
    monkeypatch.setattr(
        Reason, "render", lambda self, lang="en": rendered.append(1) or original(self, lang)
    )
    records = ledger.iter_records()
    next(records)
    assert len(rendered) == 4  # the first statement's reasons, nothing of later statements
    list(records)
    assert len(rendered) > 4


# --- fiscal years as the records write them ------------------------------------------------------


@pytest.mark.parametrize("year", [FY2019, 2019, "FY2019", "2019", "2019年度", "fy2019"])
def test_a_statement_is_found_by_any_way_of_writing_its_year(year):
    ledger = example_ledger()
    assert ledger.statement("P-001", year) is ledger[0]


def test_the_year_a_record_carries_finds_its_statement():
    ledger = example_ledger()
    for record in ledger.to_records(level="statement"):
        statement = ledger.statement(record["participant"], record["fiscal_year"])
        assert statement.fiscal_year.year == record["fiscal_year"]
        assert ledger.statement(record["participant"], str(statement.fiscal_year)) is statement


def test_a_year_that_is_not_one_is_refused_and_a_missing_statement_is_a_key_error():
    ledger = example_ledger()
    with pytest.raises(InvalidInput, match="'fiscal_year' must be written FY2019"):
        ledger.statement("P-001", "FY 2019")
    with pytest.raises(WrongType, match="'fiscal_year'"):
        ledger.statement("P-001", 2019.0)
    with pytest.raises(KeyError):
        ledger.statement("P-001", "FY2018")


def test_a_statement_takes_its_year_as_text_too():
    statement = example_ledger()[0]
    assert attrs.evolve(statement, fiscal_year="FY2019") == statement


# --- DataFrames -----------------------------------------------------------------------------------


def test_to_frame_gives_a_row_per_receipt_with_sensible_dtypes():
    ledger = example_ledger()
    frame = ledger.to_frame()
    assert list(frame.columns) == list(RECORD_COLUMNS)
    assert len(frame) == 4
    assert frame["amount"].dtype == "int64"
    assert frame["fiscal_year"].dtype == "int64"
    assert frame["service_date"].dtype == "datetime64[ns]"
    assert frame["submitted_on"].dtype == "datetime64[ns]"
    assert frame["insured"].dtype == bool
    assert frame["edition"].dtype == "Int64"
    assert frame["participant"].dtype == object
    assert frame["service_date"][0] == pandas.Timestamp("2019-05-01")
    assert frame["submitted_on"].isna().tolist() == [True, False, True, True]
    assert frame["reason_codes"][1] == ["ELIGIBLE", "DEADLINE_NOT_PUBLISHED", "CAP_PARTLY_REACHED"]
    assert frame["edition"].isna().tolist() == [False, False, False, True]
    assert frame["subsidy"].sum() == sum(s.total_subsidy for s in ledger)
    assert frame.explode("reason_codes")["reason_codes"].value_counts()["ELIGIBLE"] == 2


def test_to_frame_gives_a_row_per_statement():
    ledger = example_ledger()
    frame = ledger.to_frame("ja", level="statement")
    assert list(frame.columns) == list(STATEMENT_COLUMNS)
    assert len(frame) == len(ledger) == 3
    assert frame["remaining_cap"].dtype == "Int64"
    assert frame["remaining_cap"].isna().tolist() == [False, False, True]
    assert frame["cap_reached"].dtype == bool
    assert int(frame["cap_reached"].sum()) == 1
    assert (frame["remaining_cap"] == 0).sum() == 1  # <NA> is not counted
    assert frame["total_subsidy"].dtype == "int64"
    assert frame["changes"][1] == "年間上限額：¥40,000（公表値：¥30,000）"
    assert frame.to_dict("records")[0]["participant"] == "P-001"


def test_a_statement_and_an_empty_ledger_give_frames_too():
    statement = example_ledger()[0]
    assert len(statement.to_frame()) == 2
    assert len(statement.to_frame(level="statement")) == 1
    empty = assess([]).to_frame()
    assert list(empty.columns) == list(RECORD_COLUMNS)
    assert len(empty) == 0
    assert empty["amount"].dtype == "int64"
    assert empty["service_date"].dtype == "datetime64[ns]"
    assert len(assess([]).to_frame(level="statement")) == 0


@given(RECEIPTS)
def test_to_frame_has_the_rows_of_to_records(receipts):
    ledger = assess(receipts)
    for level in ("receipt", "statement"):
        frame = ledger.to_frame(level=level)
        records = ledger.to_records(level=level)
        assert len(frame) == len(records)
        if records:
            assert frame["participant"].tolist() == [r["participant"] for r in records]
            assert frame["fiscal_year"].tolist() == [r["fiscal_year"] for r in records]


class NoPandas(importlib.abc.MetaPathFinder):
    """An import system on which pandas is not installed."""

    def find_spec(self, name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


@pytest.mark.parametrize("hide", ["blocked", "not installed"])
def test_to_frame_without_pandas_names_the_extra(monkeypatch, hide):
    if hide == "blocked":
        monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    else:
        for name in [m for m in sys.modules if m == "pandas" or m.startswith("pandas.")]:
            monkeypatch.delitem(sys.modules, name)
        monkeypatch.setattr(sys, "meta_path", [NoPandas(), *sys.meta_path])
    ledger = example_ledger()
    with pytest.raises(JetRulesError, match=r"pip install 'jetrules\[pandas\]'") as raised:
        ledger.to_frame()
    assert isinstance(raised.value, ImportError)
    with pytest.raises(JetRulesError, match="to_frame needs pandas"):
        ledger[0].to_frame(level="statement")
    assert len(ledger.to_records()) == 4  # records need nothing


# --- notebook HTML --------------------------------------------------------------------------------


def big_ledger(count):
    """One statement of *count* receipts, made by hand (the same unpaid decision in the middle)."""
    decisions = assess(
        [
            receipt("first", "2019-04-01", 1_000),
            receipt("middle", "2019-05-01", 1_000, insured=True),  # paid nothing
            receipt("last", "2019-06-01", 1_000),
        ]
    )[0].decisions
    first, middle, last = decisions
    statement = Statement(
        participant="P-001",
        fiscal_year=FY2019,
        terms=terms_for(2019),
        decisions=(first, *[middle] * (count - 2), last),
    )
    return Ledger(statements=(statement,))


def data_rows(html):
    return html.count("<tr><td>")


def test_a_ledger_of_100000_receipts_shows_its_ends_and_a_count_in_little_html():
    ledger = big_ledger(100_000)
    html = ledger._repr_html_()
    assert len(html.encode("utf-8")) < 5_000
    assert data_rows(html) == 10
    assert '<td colspan="9">… 99,990 more receipts …</td>' in html
    assert html.index(">first<") < html.index("99,990 more") < html.index(">last<")
    assert "100,000 receipts in 1 statement; the first and last 5 shown." in html
    statement = ledger[0]._repr_html_()
    assert len(statement.encode("utf-8")) < 8_000
    assert data_rows(statement) == 10
    assert statement.count("<li>") == 11  # five explanations, the count, five more


def test_html_size_does_not_grow_with_the_ledger():
    sizes = {len(big_ledger(count)._repr_html_()) for count in (1_000, 9_000, 100_000)}
    assert max(sizes) - min(sizes) <= 6  # the digits of the two counts only


@pytest.mark.parametrize(("count", "rows", "gap"), [(60, 60, False), (61, 10, True)])
def test_up_to_60_receipts_show_in_full_like_pandas(count, rows, gap):
    html = big_ledger(count)._repr_html_()
    assert data_rows(html) == rows
    assert ("more receipts" in html) is gap
    assert f"{count} receipts in 1 statement" in html


def test_the_ledger_table_ends_are_taken_across_statements():
    receipts = [receipt(f"r{n:02d}", "2019-05-01", 1_000, f"P-{n:02d}") for n in range(70)]
    html = assess(receipts)._repr_html_()
    assert "70 receipts in 70 statements" in html
    shown = [f"r{n:02d}" for n in range(70) if f">r{n:02d}<" in html]
    assert shown == ["r00", "r01", "r02", "r03", "r04", "r65", "r66", "r67", "r68", "r69"]
    assert "… 60 more receipts …" in html


def test_the_statement_table_is_narrow_and_its_reasons_follow_it():
    statement = example_ledger().statement("P-001", "FY2019")
    html = statement._repr_html_()
    table = html[html.index("<table>") : html.index("</table>")]
    headers = ["receipt", "service date", "paid", "eligible", "subsidy", "cut by cap", "reasons"]
    assert table.count("<th>") == len(headers)
    assert all(f"<th>{h}</th>" in table for h in headers)
    assert "Eligible under" not in table  # the long text is below the table, where it wraps
    assert "<td>¥50,000</td>" in table
    assert "<td>ELIGIBLE<br>DEADLINE_NOT_PUBLISHED<br>CAP_PARTLY_REACHED</td>" in table
    assert "<li><strong>b</strong>: Eligible under the FY2019 terms: ¥20,000 counts at 50%." in html
    assert "subsidy ¥30,000 of ¥70,000 eligible · cap left ¥0" in html


def test_one_receipt_in_one_statement_is_counted_in_the_singular():
    html = assess([receipt("a", "2019-05-01", 1_000)])._repr_html_()
    assert "1 receipt in 1 statement." in html
    assert "0 receipts in 0 statements." in assess([])._repr_html_()


_HOSTILE = st.sampled_from(["P-001", "=SUM(A1)", 'a,"b"', "-5", "+1,000", "@me", "名前 様"])


@given(RECEIPTS, st.lists(_HOSTILE, min_size=1), st.sampled_from(LANGUAGES), st.booleans())
def test_iter_csv_writes_the_records_as_write_csv_would(receipts, names, lang, by_statement):
    """The lines made field by field, shared fields once, are the records written as CSV."""
    receipts = [
        attrs.evolve(r, participant=names[n % len(names)], id=f"{names[-1]}{n}")
        for n, r in enumerate(receipts)
    ]
    ledger = assess(receipts, submitted_on="2026-04-03")
    level = "statement" if by_statement else "receipt"
    records = ledger.to_records(lang, level=level)
    rows = [
        [" ".join(v) if isinstance(v, list) else v for v in record.values()] for record in records
    ]
    expected = io.StringIO()
    write_csv(expected, list(records[0]) if records else [], rows)
    lines = ledger.iter_csv(lang, level=level)
    assert "".join(lines) == expected.getvalue().split("\n", 1)[1]


def test_iter_csv_checks_its_arguments_when_called():
    with pytest.raises(InvalidInput, match="'level'"):
        assess([]).iter_csv(level="statements")
    with pytest.raises(InvalidInput, match="'lang'"):
        assess([]).iter_csv("fr")


def test_records_say_which_year_s_published_values_were_assumed():
    # only the JSON said FY2024; records, frames and the CSV lost it
    ledger = assess([receipt("a1", "2022-05-10", 20_000)], assume=2024)
    (record,) = ledger.to_records()
    (totals,) = ledger.to_records(level="statement")
    assert (record["assumed_from"], totals["assumed_from"], record["terms_origin"]) == (
        2024,
        2024,
        "assumed",
    )
    assert example_ledger().to_records()[0]["assumed_from"] is None
