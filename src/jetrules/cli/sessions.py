"""Skype Counselling subcommands of the ``jetrules`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from jetrules._kernel.output import (
    encoded_output,
    format_table,
    safe_output,
    text_codec,
    write_csv,
    write_json,
)
from jetrules.booking import Usage
from jetrules.cli.options import (
    EXIT_OK,
    Subcommands,
    add_format_option,
    add_lang_option,
    add_official_option,
    add_terms_options,
    official_calendar,
    terms_options,
)
from jetrules.policy import Origin
from jetrules.records.sessions import read_sessions
from jetrules.text import Label, Lang, to_lang

__all__ = ["register"]

_KEYS = (
    "participant",
    "fiscal_year",
    "sessions_used",
    "minutes_used",
    "sessions_booked",
    "sessions_left",
    "limit",
    "terms_origin",
    "changes",
    "reason_codes",
    "explanation",
    "limit_text",
)
_HEADERS: dict[Lang, tuple[str, ...]] = {
    "en": (
        "participant",
        "fiscal year",
        "sessions used",
        "minutes used",
        "booked",
        "sessions left",
        "limit",
    ),
    "ja": ("参加者", "年度", "利用回数", "利用時間（分）", "予約中", "残り回数", "年間上限"),
}
_TERMS = Label(en="terms", ja="条件")


def register(subcommands: Subcommands) -> None:
    """Add the ``sessions`` subcommand."""
    sessions = subcommands.add_parser(
        "sessions",
        help="Skype Counselling sessions used and left, per participant and fiscal year",
        description="Read appointments from FILE, CSV or an Excel workbook (.xlsx), with the "
        "columns of docs/booking.md (or their Japanese names, docs/files.md), and print, "
        "per participant and fiscal year, the sessions used (completed, missed, or cancelled "
        "without contact before the start), the minutes used, the sessions booked and the "
        "sessions left under the year's limit. Rows are held to each year's published terms, "
        "with a policy file's values laid over them (--policy); a year without published terms "
        "is a problem unless another year's are assumed (--assume-terms-from). Terms that are "
        "not the published ones are shown, with each value assumed or changed.",
    )
    sessions.add_argument(
        "file", metavar="FILE", help="appointments: a CSV file, or a workbook ending in .xlsx"
    )
    add_lang_option(sessions)
    add_format_option(sessions, "table", "json", "csv")
    _add_file_options(sessions)
    add_official_option(sessions)
    add_terms_options(
        sessions,
        policy="a policy file (TOML) whose booking editions are laid over the published ones: "
        "next year's terms, or a what-if (see docs/booking.md)",
        assume="for a fiscal year whose terms are not published (or only in part), assume the "
        "terms published for YEAR (such as 2023); every row made so says which values were "
        "assumed (ASSUMED_TERMS)",
    )
    sessions.set_defaults(handler=_sessions)


def _add_file_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--encoding``, ``--sheet`` and ``--output-encoding``: reading FILE, writing output."""
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        default="utf-8",
        help="a CSV file's text encoding (default: utf-8); cp932 for a Japanese Excel export "
        "saved as Shift_JIS",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the worksheet of an Excel workbook to read (needed when it has several; "
        "a CSV file has none)",
    )
    parser.add_argument(
        "--output-encoding",
        metavar="NAME",
        help="write the output in this encoding: utf-8-sig (UTF-8 with the byte-order mark "
        "Excel looks for) or cp932 for a file Japanese Excel opens",
    )


def _row(usage: Usage, lang: Lang) -> list[object]:
    return [
        usage.participant,
        usage.fiscal_year.render(lang),
        usage.sessions_used,
        usage.minutes_used,
        usage.sessions_booked,
        usage.sessions_left_text(lang),
        usage.limit_text(lang),
    ]


def _csv_row(usage: Usage, lang: Lang) -> list[object]:
    """The CSV row of *usage*: numbers in the number columns, the limit in words at the end.

    Where no limit is published, ``sessions_left`` and ``limit`` are empty (JSON has ``null``), so
    that a spreadsheet or pandas reads those columns as numbers.
    """
    row = _row(usage, lang)
    row[1] = usage.fiscal_year.year  # as in every record: the subsidy's CSV, JSON, frames
    row[5] = "" if usage.sessions_left is None else usage.sessions_left
    row[6] = "" if usage.limit is None else usage.limit
    return [
        *row,
        usage.terms_origin,
        usage.changes_text(lang),
        " ".join(note.code for note in usage.notes),
        usage.explanation(lang),
        usage.limit_text(lang),
    ]


def _table(usages: Sequence[Usage], lang: Lang) -> str:
    """The table; a terms column and the notes under it where some terms are not published."""
    headers, rows = list(_HEADERS[lang]), [_row(usage, lang) for usage in usages]
    if all(usage.terms_origin == Origin.PUBLISHED.value for usage in usages):
        return format_table(headers, rows)
    for row, usage in zip(rows, usages, strict=True):
        row.append(Origin(usage.terms_origin).render(lang))
    notes = list(dict.fromkeys(note.render(lang) for usage in usages for note in usage.notes))
    table = format_table([*headers, _TERMS.render(lang)], rows)
    return "\n".join([table, "", *notes])


def _warn_if_assumed(usages: Sequence[Usage], lang: Lang) -> None:
    """One line on stderr, in *lang*, when a year's terms were assumed from another year's."""
    assumed = sorted({u.fiscal_year for u in usages if u.terms_origin == Origin.ASSUMED.value})
    if not assumed:
        return
    text = (
        f"Skype Counselling terms are not published for {', '.join(map(str, assumed))}; "
        "another year's published terms were assumed (--assume-terms-from), and every row made "
        "under them says so (ASSUMED_TERMS)"
        if lang == "en"
        else f"{'、'.join(year.render(lang) for year in assumed)}のSkype相談の要件は公表されて"
        "いません。他の年度に公表された要件を仮定し（--assume-terms-from）、その要件による各行に"
        "その旨を記載しています（ASSUMED_TERMS）"
    )
    print(f"jetrules: warning: {text}", file=sys.stderr)


def _sessions(args: argparse.Namespace, out: TextIO) -> int:
    safe_output(sys.stderr)
    lang = to_lang(args.lang)
    encoding = text_codec(args.encoding, "--encoding")
    if args.output_encoding is not None:
        text_codec(args.output_encoding, "--output-encoding")
    policy, assume = terms_options(args)
    ledger = read_sessions(
        args.file,
        policy=policy,
        assume=assume,
        calendar=official_calendar(args),
        encoding=encoding,
        sheet=args.sheet,
    )
    usages = ledger.usages()
    _warn_if_assumed(usages, lang)
    with encoded_output(out, args.output_encoding) as stream:
        _write(stream, usages, args.format, lang)
    return EXIT_OK


def _write(out: TextIO, usages: Sequence[Usage], format: str, lang: Lang) -> None:
    """Write *usages* to *out* as *format* asks: a table, JSON or CSV."""
    if format == "json":
        write_json(out, [usage.to_record(lang) for usage in usages])
    elif format == "csv":
        write_csv(out, _KEYS, [_csv_row(usage, lang) for usage in usages])
    else:
        print(_table(usages, lang), file=out)
