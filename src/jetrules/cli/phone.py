"""The ``jetrules phone`` command: a fiscal year's telephone counselling sessions."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.output import format_table, jsonable, write_csv, write_json
from jetrules.cli.options import (
    EXIT_OK,
    Subcommands,
    add_format_option,
    add_lang_option,
    add_terms_options,
    command_words,
    terms_options,
)
from jetrules.phone import RECORD_COLUMNS, PhoneSchedule, PhoneSession, sessions_in, terms_for
from jetrules.text import Label, Lang, to_lang

__all__ = ["register"]

_HEADERS = (
    Label(en="date", ja="日付"),
    Label(en="day", ja="曜日"),
    Label(en="from", ja="開始"),
    Label(en="to", ja="終了"),
    Label(en="session", ja="区分"),
)
_OPEN = Label(
    en="Times are Tokyo time; a session is open from its start until its end.",
    ja="時刻は日本時間です。各回は開始時刻から終了時刻の前まで開設されます。",
)


def register(subcommands: Subcommands) -> None:
    """Add the ``phone`` subcommand."""
    parser = subcommands.add_parser(
        "phone",
        help="the telephone counselling sessions of a fiscal year",
        description="List the sessions of the free-dial telephone counselling line in fiscal "
        "year FY (such as 2020 or FY2020), in Tokyo time: each open from its start to its end "
        "(the end excluded), with the rule that opens it and the sources of the schedule. A "
        "year without a published schedule is an error unless another year's is assumed "
        "(--assume-terms-from): its regular day and hours, not its dated sessions. A policy "
        "file (--policy) lays its own values over the published ones; sessions made under a "
        "value that differs say so.",
    )
    parser.add_argument("fiscal_year", metavar="FY", help="a fiscal year: 2020, FY2020")
    add_lang_option(parser)
    add_format_option(parser, "table", "json", "csv")
    add_terms_options(
        parser,
        policy="a policy file (TOML) whose phone editions are laid over the published ones: "
        "another year's schedule, or a what-if such as other hours (see docs/phone.md)",
        assume="for a fiscal year without a published schedule, assume the one published for "
        "YEAR (such as 2020); every session listed so says so",
    )
    parser.set_defaults(handler=_phone)


def _phone(args: argparse.Namespace, out: TextIO) -> int:
    lang = to_lang(args.lang)
    year = to_fiscal_year(args.fiscal_year, "FY")
    policy, assume = terms_options(args)
    with command_words({"fiscal_year": "FY"}, typed={"fiscal_year": args.fiscal_year}):
        schedule = terms_for(year, policy=policy, assume=assume)
    sessions = sessions_in(year, policy=policy, assume=assume)
    if args.format == "json":
        write_json(out, [jsonable(session.to_record(lang)) for session in sessions])
    elif args.format == "csv":
        records = [session.to_record(lang) for session in sessions]
        write_csv(out, RECORD_COLUMNS, [[r[key] for key in RECORD_COLUMNS] for r in records])
    else:
        print(_table(schedule, sessions, lang), file=out)
    if schedule.assumed:
        _warn_assumed(schedule, lang)
    return EXIT_OK


def _title(schedule: PhoneSchedule, count: int, lang: Lang) -> str:
    year = schedule.fiscal_year
    donor = schedule.assumed[0][1] if schedule.assumed else None
    if lang == "en":
        title = f"{year} telephone counselling (free dial, no booking): {count} sessions"
        if donor is not None:
            return f"{title} under {donor}'s schedule, assumed"
        return title + (" under a supplied schedule" if schedule.changes else "")
    title = f"{year.render(lang)}の電話相談（フリーダイヤル、予約不要）：{count}回"
    if donor is not None:
        return f"{title}（{donor.render(lang)}の日程を仮定）"
    return title + ("（利用者指定の日程）" if schedule.changes else "")


def _changes(schedule: PhoneSchedule, lang: Lang) -> list[str]:
    """One line naming each supplied value that differs, with the published one."""
    if not schedule.changes:
        return []
    parts = []
    for change in schedule.changes:
        value = _plain(change.value, lang)
        if lang == "en":
            published = "none" if change.published is None else _plain(change.published, lang)
            parts.append(f"{change.name} {value} (published: {published})")
        else:
            published = "なし" if change.published is None else _plain(change.published, lang)
            parts.append(f"{change.name} {value}（公表値：{published}）")
    if lang == "en":
        return ["Supplied, not published: " + "; ".join(parts)]
    return ["利用者指定（公表値と異なる）：" + "；".join(parts)]


def _plain(value: object, lang: Lang) -> str:
    if isinstance(value, tuple):
        return ", ".join(_plain(item, lang) for item in value)
    render = getattr(value, "render", None)
    return render(lang) if callable(render) else str(value)


def _table(schedule: PhoneSchedule, sessions: tuple[PhoneSession, ...], lang: Lang) -> str:
    rows = [
        [
            session.day.isoformat(),
            session.weekday.short.render(lang),
            f"{session.start:%H:%M}",
            f"{session.end:%H:%M}",
            session.describe_kinds(lang),
        ]
        for session in sessions
    ]
    return "\n".join(
        [
            _title(schedule, len(sessions), lang),
            "",
            format_table([header.render(lang) for header in _HEADERS], rows),
            "",
            *_notes(schedule, lang),
        ]
    )


def _notes(schedule: PhoneSchedule, lang: Lang) -> list[str]:
    """Below the table: the time zone, the sources and the readings the schedule rests on."""
    donor = schedule.assumed[0][1] if schedule.assumed else None
    sources = "; ".join(str(source) for source in schedule.sources)
    readings = ", ".join(reading.key for reading in schedule.readings)
    changed = bool(schedule.changes)  # the officer's values' sources are listed too
    if lang == "en":
        of = (
            ""
            if donor is None
            else f" (of {donor}'s schedule{' and the values supplied' if changed else ''})"
        )
        notes = [_OPEN.en, *_changes(schedule, lang), f"Sources{of}: {sources}"]
        return notes + ([f"Readings (see jetrules rules): {readings}"] if readings else [])
    of = (
        ""
        if donor is None
        else f"（{donor.render(lang)}の日程{'と指定された値' if changed else ''}）"
    )
    notes = [_OPEN.ja, *_changes(schedule, lang), f"出典{of}：{sources}"]
    return notes + ([f"解釈（jetrules rules を参照）：{readings}"] if readings else [])


def _warn_assumed(schedule: PhoneSchedule, lang: Lang) -> None:
    """One line on stderr, in *lang*: the year's sessions are under another year's schedule."""
    donor = schedule.assumed[0][1]
    year = schedule.fiscal_year
    text = (
        f"no telephone counselling schedule is published for {year}; its sessions are listed "
        f"under {donor}'s schedule, assumed (--assume-terms-from), and each says so"
        if lang == "en"
        else f"{year.render(lang)}の電話相談の日程は公表されていません。各回は"
        f"{donor.render(lang)}の日程を仮定して示し（--assume-terms-from）、各回にその旨を記載しています"
    )
    print(f"jetrules: warning: {text}", file=sys.stderr)
