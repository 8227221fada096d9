"""Skype Counselling subcommands of the ``jetrules`` command."""

from __future__ import annotations

import argparse
from typing import TextIO

from jetrules._kernel.output import format_table, write_csv, write_json
from jetrules.booking import Usage
from jetrules.cli.options import (
    EXIT_OK,
    Subcommands,
    add_format_option,
    add_lang_option,
    add_official_option,
    official_calendar,
)
from jetrules.records.sessions import read_sessions
from jetrules.text import Lang, to_lang

__all__ = ["register"]

_KEYS = (
    "participant",
    "fiscal_year",
    "sessions_used",
    "minutes_used",
    "sessions_booked",
    "sessions_left",
    "limit",
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


def register(subcommands: Subcommands) -> None:
    """Add the ``sessions`` subcommand."""
    sessions = subcommands.add_parser(
        "sessions",
        help="Skype Counselling sessions used and left, per participant and fiscal year",
        description="Read appointments from a CSV FILE (columns in docs/booking.md) and print, "
        "per participant and fiscal year, the sessions used (completed, missed, or cancelled "
        "without contact before the start), the minutes used, the sessions booked and the "
        "sessions left under the year's limit.",
    )
    sessions.add_argument("file", metavar="FILE", help="a CSV file of appointments")
    add_lang_option(sessions)
    add_format_option(sessions, "table", "json", "csv")
    add_official_option(sessions)
    sessions.set_defaults(handler=_sessions)


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


def _record(usage: Usage, lang: Lang) -> dict[str, object]:
    return {
        "participant": usage.participant,
        "fiscal_year": str(usage.fiscal_year),
        "sessions_used": usage.sessions_used,
        "minutes_used": usage.minutes_used,
        "sessions_booked": usage.sessions_booked,
        "sessions_left": usage.sessions_left,
        "limit": usage.limit,
        "limit_text": usage.limit_text(lang),
    }


def _sessions(args: argparse.Namespace, out: TextIO) -> int:
    lang = to_lang(args.lang)
    usages = read_sessions(args.file, calendar=official_calendar(args)).usages()
    if args.format == "json":
        write_json(out, [_record(usage, lang) for usage in usages])
    elif args.format == "csv":
        rows = [_row(usage, lang) for usage in usages]
        write_csv(
            out,
            _KEYS,
            [
                [row[0], str(usage.fiscal_year), *row[2:]]
                for row, usage in zip(rows, usages, strict=True)
            ],
        )
    else:
        print(format_table(_HEADERS[lang], [_row(usage, lang) for usage in usages]), file=out)
    return EXIT_OK
