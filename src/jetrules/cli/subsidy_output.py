"""The ``jetrules subsidy`` command's other outputs: statements as JSON, claims by organisation.

``--participants FILE`` reads the participants' terms (:func:`~jetrules.records.read_participants`)
that :func:`~jetrules.subsidy.assess` applies; ``--by-organisation`` prints, instead of the
statements, :func:`~jetrules.subsidy.by_organisation`'s view of them: a table per organisation
and fiscal year, JSON (each organisation's year with its claims), or CSV (a row per
participant's claim, :data:`~jetrules.subsidy.CLAIM_COLUMNS`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TextIO

from jetrules._kernel.output import jsonable, write_csv
from jetrules.calendar import FiscalYear
from jetrules.cli.options import Once
from jetrules.errors import InvalidInput
from jetrules.money import Yen
from jetrules.records import read_participants
from jetrules.records._tabular import table_format
from jetrules.subsidy import (
    CLAIM_COLUMNS,
    REQUIRED,
    Ledger,
    Participants,
    Statement,
    by_organisation,
)
from jetrules.text import Lang

__all__ = [
    "add_participant_options",
    "json_record",
    "json_value",
    "participants_of",
    "statement_json",
    "unassessed",
    "warn_about_years_without_terms",
    "warn_if_assumed",
    "write_by_organisation",
]


def add_participant_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--participants FILE``, ``--participants-sheet NAME`` and ``--by-organisation``."""
    parser.add_argument(
        "--participants",
        action=Once,
        metavar="FILE",
        help="participants' terms of appointment and organisations (CSV, .xlsx or .json: "
        "participant, appointed_from, appointed_to, organisation, and optionally the claim "
        "documents handed in); a receipt dated outside its participant's term is paid nothing "
        "(OUTSIDE_TERM), and a receipt of a participant not in FILE is a problem of its line. "
        "Read with --encoding",
    )
    parser.add_argument(
        "--participants-sheet",
        metavar="NAME",
        help="the worksheet to read from a participants workbook (needed when it has several)",
    )
    parser.add_argument(
        "--by-organisation",
        action="store_true",
        help="print, instead of the statements, each contracting organisation's claims per "
        "fiscal year: participants, receipts, amount claimed and payable, late receipts, and "
        "the claim documents each participant still lacks (needs --participants)",
    )


def participants_of(args: argparse.Namespace) -> Participants | None:
    """The participants file's participants, if one was given (options checked first).

    Raises:
        InvalidInput: ``--by-organisation`` or ``--participants-sheet`` without
            ``--participants``, or a sheet named for a file that is no workbook.
        InvalidRecords: the file's problems, each with its line.
    """
    if args.participants is None:
        for option, given in (
            ("--by-organisation", args.by_organisation),
            ("--participants-sheet", args.participants_sheet is not None),
        ):
            if given:
                rule = "needs --participants FILE (the participants' terms and organisations)"
                raise InvalidInput(f"{option} {rule}", field=option, rule=rule)
        return None
    if args.participants_sheet is not None and table_format(args.participants) != "xlsx":
        raise InvalidInput.for_field(
            "--participants-sheet",
            "names a worksheet of an Excel workbook (.xlsx), not of the participants file",
            args.participants,
        )
    return read_participants(
        args.participants, encoding=args.encoding, sheet=args.participants_sheet
    )


def write_by_organisation(out: TextIO, ledger: Ledger, lang: Lang, form: str) -> None:
    """Write the claims of *ledger* by organisation to *out* as a table, JSON or CSV."""
    view = by_organisation(ledger)
    if form == "csv":
        records = view.to_records(lang, level="participant")
        rows = [[_cell(record[column]) for column in CLAIM_COLUMNS] for record in records]
        write_csv(out, CLAIM_COLUMNS, rows)
    elif form == "json":
        groups = []
        for group in view:
            found = group.to_record()
            found["claims"] = [json_record(claim.to_record(lang)) for claim in group.claims]
            groups.append(found)
        _write_json(out, groups)
    else:
        print(view.render(lang), file=out)


def _cell(value: object) -> object:
    """A record's value as a CSV cell: codes as words separated by spaces."""
    return " ".join(value) if isinstance(value, list) else value


def _write_json(out: TextIO, data: object) -> None:
    import json  # noqa: PLC0415  (loaded on first use, as the other outputs do)

    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def statement_json(statement: Statement, lang: Lang) -> dict[str, object]:
    """A statement as the JSON output holds it: its totals and terms, then its decisions."""
    terms = statement.terms
    summary = jsonable(
        {
            "participant": statement.participant,
            "fiscal_year": statement.fiscal_year.year,
            "terms": None if terms is None else terms.describe(lang),
            "source": None if terms is None else "; ".join(map(str, terms.sources)) or None,
            "total_paid": statement.total_paid.amount,
            "total_eligible": statement.total_eligible.amount,
            "total_subsidy": statement.total_subsidy.amount,
            "total_cut_by_cap": statement.total_cut_by_cap.amount,
            "remaining_cap": None
            if statement.remaining_cap is None
            else statement.remaining_cap.amount,
            "terms_origin": statement.terms_origin,
        }
    )
    summary["changes"] = [
        {"parameter": c.name, "value": _plain(c.value), "published": _plain(c.published)}
        for c in statement.changes
    ]
    summary["assumed"] = [] if terms is None else list(terms.assumed)
    summary["assumed_from"] = (
        None if terms is None or terms.assumed_from is None else terms.assumed_from.year
    )
    summary["missing"] = list(statement.missing)
    summary["decisions"] = [json_record(record) for record in statement.to_records(lang)]
    return summary


def json_record(record: Mapping[str, object]) -> dict[str, object]:
    """A record as JSON holds it: dates as ISO text, a list of codes as a list."""
    return {key: json_value(value) for key, value in record.items()}


def json_value(value: object) -> object:
    """A record's value as JSON holds it: text for dates, a list of text for codes."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def _plain(value: object) -> object:
    """A parameter's value as JSON holds it: yen as a number, dates as ISO text."""
    if isinstance(value, Yen):
        return value.amount
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Fraction | dt.date):
        return str(value)
    return value


def unassessed(ledger: Ledger) -> dict[FiscalYear, tuple[int, tuple[str, ...]]]:
    """Each year of *ledger* without terms: its receipts (all NO_EDITION) and what it leaves out.

    As ``csv_lines_of_rows`` gives it (``CsvLines.unassessed``), for the same warning.
    """
    found: dict[FiscalYear, tuple[int, tuple[str, ...]]] = {}
    for statement in ledger:
        if statement.terms is None:
            count, _ = found.get(statement.fiscal_year, (0, ()))
            found[statement.fiscal_year] = (count + len(statement.decisions), statement.missing)
    return found


def warn_about_years_without_terms(
    years: Mapping[FiscalYear, tuple[int, tuple[str, ...]]], lang: Lang
) -> None:
    """Say on stderr, in *lang*, which receipts no terms covered: listed, paid nothing.

    *years* are the years without terms, each with its count of receipts and the parameters
    it does not publish (:func:`unassessed`). The line names the fiscal years with no published
    terms, and those published in part with what they leave out, and how to assume another
    year's terms for them.
    """
    if not years:
        return
    count = sum(receipts for receipts, _ in years.values())
    whole = sorted(year for year, (_, missing) in years.items() if len(missing) == len(REQUIRED))
    partial = {
        year: missing for year, (_, missing) in years.items() if len(missing) < len(REQUIRED)
    }
    if lang == "ja":
        print(f"jetrules: warning: {_without_terms_ja(count, whole, partial)}", file=sys.stderr)
        return
    kinds = []
    if whole:
        kinds.append(f"no published terms ({', '.join(map(str, whole))})")
    if partial:
        parts = [f"{year} does not publish {', '.join(partial[year])}" for year in sorted(partial)]
        kinds.append(f"terms published in part ({'; '.join(parts)})")
    print(
        f"jetrules: warning: {count} {'receipt falls' if count == 1 else 'receipts fall'} in "
        f"fiscal years with {' or '.join(kinds)}; "
        "they are listed with NO_EDITION and paid nothing (to assess them under another "
        "year's published terms, pass --assume-terms-from YEAR, such as 2024)",
        file=sys.stderr,
    )


def _without_terms_ja(
    count: int, whole: Sequence[FiscalYear], partial: dict[FiscalYear, tuple[str, ...]]
) -> str:
    """:func:`warn_about_years_without_terms`'s line in Japanese."""
    kinds = []
    if whole:
        kinds.append(f"要件が公表されていない年度（{'、'.join(y.render('ja') for y in whole)}）")
    if partial:
        parts = [
            f"{y.render('ja')}は{', '.join(partial[y])}を公表していません" for y in sorted(partial)
        ]
        kinds.append(f"要件が一部のみ公表された年度（{'；'.join(parts)}）")
    return (
        f"{count}件の領収書は{'または'.join(kinds)}のものです。NO_EDITIONとして示し、助成額は"
        "0円です（他の年度に公表された要件で審査するには --assume-terms-from YEAR を"
        "指定してください。例：2024）"
    )


def warn_if_assumed(assumed: Sequence[FiscalYear], assume: FiscalYear | None, lang: Lang) -> None:
    """One line on stderr, in *lang*, when the years *assumed* took *assume*'s terms."""
    if not assumed or assume is None:
        return
    text = (
        "Counselling Assistance Programme terms are not published (in full) for "
        f"{', '.join(map(str, assumed))}; the terms published for {assume} were assumed "
        "(--assume-terms-from), and every decision made under them says so (ASSUMED_TERMS)"
        if lang == "en"
        else f"{'、'.join(year.render(lang) for year in assumed)}のカウンセリング費用助成の要件は"
        f"（すべては）公表されていません。{assume.render(lang)}に公表された要件を仮定し"
        "（--assume-terms-from）、その要件による各決定にその旨を記載しています（ASSUMED_TERMS）"
    )
    print(f"jetrules: warning: {text}", file=sys.stderr)
