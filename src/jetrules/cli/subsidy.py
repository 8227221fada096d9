"""The ``jetrules subsidy`` command: assess a file of counselling receipts."""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import sys
from fractions import Fraction
from typing import TextIO

from jetrules._kernel.dates import to_date
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.output import format_table, jsonable, write_csv, write_json
from jetrules.cli.options import EXIT_OK, Subcommands, add_format_option, add_lang_option
from jetrules.money import Yen
from jetrules.policy import load
from jetrules.records.receipts import read_receipts
from jetrules.subsidy import RECORD_COLUMNS, REQUIRED, Ledger, Statement, assess
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
        "receipt by receipt, naming the terms applied and their sources. A file with bad rows "
        "lists every one of them and prints no statement. Each year is assessed under its "
        "published terms, with a policy file's values laid over them (--policy); a year whose "
        "terms are not published in full pays nothing unless another year's published terms "
        "are assumed (--assume-terms-from). Terms that are not the published ones are shown, "
        "with each value assumed or changed.",
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
    parser.add_argument(
        "--policy",
        metavar="FILE",
        help="a policy file (TOML) whose subsidy editions are laid over the published ones: "
        "next year's terms, or a what-if such as another cap (see docs/subsidy.md)",
    )
    parser.add_argument(
        "--assume-terms-from",
        metavar="YEAR",
        help="for a fiscal year whose terms are not published (or only in part), assume the "
        "terms published for YEAR (such as 2024) for what it leaves out; what the year does "
        "publish (FY2025's claim deadline) still holds, and every decision made so says so "
        "(ASSUMED_TERMS)",
    )
    parser.set_defaults(handler=_subsidy)


def _subsidy(args: argparse.Namespace, out: TextIO) -> int:
    lang = to_lang(args.lang)
    submitted_on = (
        None if args.submitted_on is None else to_date(args.submitted_on, "--submitted-on")
    )
    policy = None if args.policy is None else load(args.policy)
    assume = (
        None
        if args.assume_terms_from is None
        else to_fiscal_year(args.assume_terms_from, "--assume-terms-from")
    )
    receipts = read_receipts(args.file, encoding=args.encoding)
    ledger = assess(receipts, submitted_on=submitted_on, policy=policy, assume=assume)
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
    _warn_if_assumed(ledger)
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
        None if terms is None or terms.assumed_from is None else str(terms.assumed_from)
    )
    summary["missing"] = list(statement.missing)
    summary["decisions"] = [jsonable(record) for record in statement.to_records(lang)]
    return summary


def _plain(value: object) -> object:
    """A parameter's value as JSON holds it: yen as a number, dates as ISO text."""
    if isinstance(value, Yen):
        return value.amount
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Fraction | dt.date):
        return str(value)
    return value


def _warn_about_years_without_terms(ledger: Ledger) -> None:
    """Say on stderr which receipts no terms covered: they are in the output, paid nothing.

    It names the fiscal years with no published terms, and those published in part with what
    they leave out, and how to assume another year's terms for them.
    """
    statements = [s for s in ledger if s.terms is None]
    if not statements:
        return
    count = sum(len(s.decisions) for s in statements)
    whole = sorted({s.fiscal_year for s in statements if len(s.missing) == len(REQUIRED)})
    partial = {s.fiscal_year: s.missing for s in statements if len(s.missing) < len(REQUIRED)}
    kinds = []
    if whole:
        kinds.append(f"no published terms ({', '.join(map(str, whole))})")
    if partial:
        parts = [f"{year} does not publish {', '.join(partial[year])}" for year in sorted(partial)]
        kinds.append(f"terms published in part ({'; '.join(parts)})")
    print(
        f"jetrules: warning: {count} receipt(s) fall in fiscal years with {' or '.join(kinds)}; "
        "they are listed with NO_EDITION and paid nothing (to assess them under another "
        "year's published terms, pass --assume-terms-from YEAR, such as 2024)",
        file=sys.stderr,
    )


def _warn_if_assumed(ledger: Ledger) -> None:
    """One line on stderr when some terms were assumed from another year's published ones."""
    assumed = sorted({s.fiscal_year for s in ledger if s.terms is not None and s.terms.assumed})
    if assumed:
        print(
            "jetrules: warning: Counselling Assistance Programme terms are not published (in "
            f"full) for {', '.join(map(str, assumed))}; the terms published for {ledger.assume} "
            "were assumed (--assume-terms-from), and every decision made under them says so "
            "(ASSUMED_TERMS)",
            file=sys.stderr,
        )
