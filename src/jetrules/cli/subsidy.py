"""The ``jetrules subsidy`` command: assess a file of counselling receipts."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from jetrules._kernel.dates import to_date
from jetrules._kernel.output import format_table, jsonable, write_csv, write_json
from jetrules.cli.options import EXIT_OK, Subcommands, add_format_option, add_lang_option
from jetrules.records.receipts import read_receipts
from jetrules.subsidy import RECORD_COLUMNS, Ledger, Statement, assess
from jetrules.text import Label, Lang, to_lang

__all__ = ["register"]

_SUMMARY_HEADERS = (
    Label(en="participant", ja="参加者"),
    Label(en="fiscal year", ja="年度"),
    Label(en="receipts", ja="領収書数"),
    Label(en="paid", ja="支払額"),
    Label(en="eligible", ja="対象額"),
    Label(en="subsidy", ja="助成額"),
    Label(en="cap left", ja="上限残額"),
)
_NONE = Label(en="n/a", ja="該当なし")
_NO_RECEIPTS = Label(
    en="No receipts in {file}: nothing to assess.", ja="{file} に領収書がありません。"
)


def register(subcommands: Subcommands) -> None:
    """Add the ``subsidy`` subcommand."""
    parser = subcommands.add_parser(
        "subsidy",
        help="assess counselling receipts: what is paid, what is not, and why",
        description="Assess the receipts in FILE (CSV, or JSON when it ends in .json) under the "
        "Counselling Assistance Programme: one statement per participant and fiscal year, "
        "receipt by receipt, naming the terms applied and their source. A file with bad rows "
        "lists every one of them and prints no statement.",
    )
    parser.add_argument("file", metavar="FILE", help="receipts: a CSV or JSON file")
    add_lang_option(parser)
    add_format_option(parser, "table", "json", "csv")
    parser.add_argument(
        "--submitted-on",
        metavar="DATE",
        help="the day the claim reached the programme office, for receipts without their own "
        "submitted_on (a receipt's own date wins); receipts of a year whose published deadline "
        "is earlier are paid nothing",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        default="utf-8",
        help="the file's text encoding (default: utf-8); cp932 for a Japanese Excel export "
        "saved as Shift_JIS",
    )
    parser.set_defaults(handler=_subsidy)


def _subsidy(args: argparse.Namespace, out: TextIO) -> int:
    lang = to_lang(args.lang)
    submitted_on = (
        None if args.submitted_on is None else to_date(args.submitted_on, "--submitted-on")
    )
    receipts = read_receipts(args.file, encoding=args.encoding)
    ledger = assess(receipts, submitted_on=submitted_on)
    if args.format == "json":
        write_json(out, [_statement_json(statement, lang) for statement in ledger])
    elif args.format == "csv":
        records = ledger.to_records(lang)
        write_csv(
            out, RECORD_COLUMNS, [[record[key] for key in RECORD_COLUMNS] for record in records]
        )
    elif not len(ledger):
        print(_NO_RECEIPTS.render(lang).format(file=args.file), file=out)
    else:
        print(ledger.render(lang), file=out)
        print("", file=out)
        print(_summary(ledger, lang), file=out)
    _warn_about_years_without_terms(ledger)
    return EXIT_OK


def _summary(ledger: Ledger, lang: Lang) -> str:
    rows = [
        [
            s.participant,
            s.fiscal_year.render(lang),
            len(s.decisions),
            s.total_paid,
            s.total_eligible,
            s.total_subsidy,
            _NONE.render(lang) if s.remaining_cap is None else s.remaining_cap,
        ]
        for s in ledger
    ]
    return format_table([header.render(lang) for header in _SUMMARY_HEADERS], rows)


def _statement_json(statement: Statement, lang: Lang) -> dict[str, object]:
    terms = statement.terms
    summary = jsonable(
        {
            "participant": statement.participant,
            "fiscal_year": str(statement.fiscal_year),
            "terms": None if terms is None else terms.describe(lang),
            "source": None if terms is None else str(terms.source),
            "total_paid": statement.total_paid.amount,
            "total_eligible": statement.total_eligible.amount,
            "total_subsidy": statement.total_subsidy.amount,
            "total_cut_by_cap": statement.total_cut_by_cap.amount,
            "remaining_cap": None
            if statement.remaining_cap is None
            else statement.remaining_cap.amount,
        }
    )
    summary["decisions"] = [jsonable(record) for record in statement.to_records(lang)]
    return summary


def _warn_about_years_without_terms(ledger: Ledger) -> None:
    """Say on stderr which receipts no terms covered: they are in the output, paid nothing."""
    years = sorted({s.fiscal_year for s in ledger if s.terms is None})
    if years:
        count = sum(len(s.decisions) for s in ledger if s.terms is None)
        print(
            f"jetrules: warning: {count} receipt(s) fall in fiscal years with no published "
            f"terms ({', '.join(map(str, years))}); they are listed with NO_EDITION and paid "
            "nothing",
            file=sys.stderr,
        )
