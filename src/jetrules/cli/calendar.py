"""Calendar subcommands of the ``jetrules`` command: fiscal years, holidays, business days."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Collection
from types import MappingProxyType
from typing import TextIO

from jetrules._kernel.chars import FULL_WIDTH_ASCII
from jetrules._kernel.fiscal import fiscal_year_of
from jetrules._kernel.output import display_width, format_table, write_csv, write_json
from jetrules._labels import to_lang
from jetrules.cli.options import (
    EXIT_OK,
    Subcommands,
    add_format_option,
    add_lang_option,
    add_official_option,
    command_words,
    official_calendar,
)
from jetrules.errors import InvalidInput

__all__ = ["COMMANDS", "register"]

COMMANDS = ("fiscal-year", "holidays", "business-days", "deadline")
"""The subcommands :func:`register` adds: the command needs this module for these alone."""


def register(subcommands: Subcommands, names: Collection[str] = COMMANDS) -> None:
    """Add the calendar subcommands among *names* (every one of :data:`COMMANDS` by default).

    Building a subcommand's parser costs time at every start: the command, knowing which
    subcommand it runs, can ask for that one alone.
    """
    adders = (
        _register_fiscal_year,
        _register_holidays,
        _register_business_days,
        _register_deadline,
    )
    for name, add in zip(COMMANDS, adders, strict=True):
        if name in names:
            add(subcommands)


def _register_fiscal_year(subcommands: Subcommands) -> None:
    fiscal = subcommands.add_parser(
        "fiscal-year",
        help="the fiscal year (1 April to 31 March) of each date",
        description="Print the fiscal year each DATE belongs to, with its first and last day.",
    )
    fiscal.add_argument("dates", nargs="+", metavar="DATE", help="an ISO date such as 2020-03-31")
    fiscal.set_defaults(handler=_fiscal_year)


def _register_holidays(subcommands: Subcommands) -> None:
    holidays = subcommands.add_parser(
        "holidays",
        help="the national holidays of a year",
        description="List the national holidays of YEAR: the Cabinet Office's list for the years "
        "it covers, the Act on National Holidays elsewhere (later years are provisional).",
    )
    holidays.add_argument("year", metavar="YEAR", help="a calendar year, 1948-2150")
    add_lang_option(holidays)
    add_format_option(holidays, "table", "csv", "json")
    add_official_option(holidays)
    holidays.set_defaults(handler=_holidays)


def _register_business_days(subcommands: Subcommands) -> None:
    business = subcommands.add_parser(
        "business-days",
        help="business-day arithmetic (closed weekends, holidays, 29 Dec-3 Jan)",
        description="Business days of the service calendar: closed on Saturdays, Sundays, "
        "national holidays and 29 December to 3 January.",
    )
    actions = business.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="the N-th business day after DATE (before it when N < 0)",
        description="Print the N-th business day strictly after DATE (strictly before when "
        "N < 0; for N = 0, DATE if it is a business day, else the one before).",
    )
    add.add_argument("date", metavar="DATE", help="an ISO date such as 2019-12-27")
    add.add_argument("n", type=int, metavar="N", help="how many business days (may be negative)")
    add_official_option(add)
    add.set_defaults(handler=_business_days_add)
    between = actions.add_parser(
        "between",
        help="how many business days d there are with START < d <= END (negative if END < START)",
        description="Print the number of business days d with START < d <= END "
        "(negative when END is before START).",
    )
    between.add_argument("start", metavar="START")
    between.add_argument("end", metavar="END")
    add_official_option(between)
    between.set_defaults(handler=_business_days_between)


def _register_deadline(subcommands: Subcommands) -> None:
    due = subcommands.add_parser(
        "deadline",
        help="when a reply to a message received at INSTANT is due",
        description="A message received on a closed day (or after the cut-off) counts from the "
        "next business day; the reply is due by the end (24:00 Tokyo time) of the N-th business "
        "day after.",
    )
    due.add_argument(
        "instant", metavar="INSTANT", help="when the message arrived, e.g. 2019-12-27T10:00+09:00"
    )
    due.add_argument("--days", type=int, default=3, metavar="N", help="business days (default 3)")
    due.add_argument(
        "--cutoff",
        metavar="HH:MM",
        help="messages received after it (Tokyo time) count from the next business day",
    )
    add_lang_option(due)
    add_official_option(due)
    due.set_defaults(handler=_deadline)


def _day(raw: str, field: str) -> dt.date:
    """A date as a file of receipts takes it: ``2026-11-30``, ``2026/11/30``, full-width too.

    The reader's vocabulary is imported here, not with the module: ``jetrules deadline``, which
    this module also serves, reads no date this way.
    """
    from jetrules.records import to_day  # noqa: PLC0415

    return to_day(raw, field)


def _year(raw: str) -> int:
    """A calendar year as typed: ``2026``, in full-width digits too (``２０２６``)."""
    text = raw.strip().translate(FULL_WIDTH_ASCII)
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput.for_field("YEAR", "must be a calendar year such as 2026", raw)
    return int(text)


def _fiscal_year(args: argparse.Namespace, out: TextIO) -> int:
    rows = []
    for raw in args.dates:
        year = fiscal_year_of(_day(raw, "DATE"), "DATE")
        rows.append([raw, str(year), year.render("ja"), year.start, year.end])
    print(format_table(["date", "fiscal year", "年度", "from", "to"], rows), file=out)
    return EXIT_OK


_HOLIDAY_HEADERS = MappingProxyType(
    {
        "en": ("date", "day", "holiday", "kind", "provisional"),
        "ja": ("日付", "曜日", "祝日・休日", "種別", "暫定"),
    }
)
_WEEKDAYS = MappingProxyType(
    {
        "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        "ja": ("月", "火", "水", "木", "金", "土", "日"),
    }
)
_YES = MappingProxyType({"en": "yes", "ja": "暫定"})


def _holidays(args: argparse.Namespace, out: TextIO) -> int:
    lang = to_lang(args.lang)
    with command_words({"year": "YEAR"}, typed={"year": args.year}):
        holidays = official_calendar(args).holidays.holidays_in(_year(args.year))
    if args.format == "json":
        write_json(
            out,
            [
                {
                    "date": h.date.isoformat(),
                    "name": h.render(lang),
                    "name_en": h.name_en,
                    "name_ja": h.name_ja,
                    "kind": h.kind.value,
                    "provisional": h.provisional,
                }
                for h in holidays
            ],
        )
        return EXIT_OK
    rows = [
        [
            h.date.isoformat(),
            _WEEKDAYS[lang][h.date.weekday()],
            h.render(lang),
            h.kind.label.render(lang),
            _YES[lang] if h.provisional else "",
        ]
        for h in holidays
    ]
    if args.format == "csv":
        write_csv(out, ["date", "weekday", "name", "kind", "provisional"], rows)
    else:
        print(format_table(_HOLIDAY_HEADERS[lang], rows), file=out)
    return EXIT_OK


def _business_days_add(args: argparse.Namespace, out: TextIO) -> int:
    day = _day(args.date, "DATE")
    with command_words({"day": "DATE", "n": "N"}):
        print(official_calendar(args).add_business_days(day, args.n), file=out)
    return EXIT_OK


def _business_days_between(args: argparse.Namespace, out: TextIO) -> int:
    calendar = official_calendar(args)
    start, end = _day(args.start, "START"), _day(args.end, "END")
    with command_words({"start": "START", "end": "END"}):
        print(calendar.business_days_between(start, end), file=out)
    return EXIT_OK


_DEADLINE_LABELS = MappingProxyType(
    {
        "en": ("received at", "counted from", "business days", "due date", "due by", "closed days"),
        "ja": ("受信日時", "起算日", "営業日数", "期限日", "期限時刻", "休業日"),
    }
)
_ON_TIME = MappingProxyType(
    {
        "en": "(a reply is on time strictly before this instant)",
        "ja": "（この時刻より前の返信は期限内）",
    }
)


def _cutoff(text: str | None) -> dt.time | None:
    if text is None:
        return None
    try:
        cutoff = dt.time.fromisoformat(text)
    except ValueError:
        cutoff = None
    if cutoff is None or cutoff.tzinfo is not None:
        raise InvalidInput.for_field(
            "--cutoff", "must be a time such as 17:00 (Tokyo time, without an offset)", text
        )
    return cutoff


def _deadline(args: argparse.Namespace, out: TextIO) -> int:
    lang = to_lang(args.lang)
    cutoff = _cutoff(args.cutoff)
    names = {"received_at": "INSTANT", "business_days": "--days"}
    with command_words(names, typed={"received_at": args.instant}):
        due = official_calendar(args).deadline(args.instant, args.days, cutoff)
    closed = [day.render(lang) for day in due.pushed_by] or ["-"]
    note = due.counting_note
    counted = due.counted_from.isoformat()
    values = [
        due.received_at.isoformat(),
        counted if note is None else f"{counted} ({note.render(lang)})",
        str(due.business_days),
        due.due_date.isoformat(),
        f"{due.due_by.isoformat()} {_ON_TIME[lang]}",
        *closed,
    ]
    labels = _DEADLINE_LABELS[lang]
    width = max(display_width(label) for label in labels)
    for i, value in enumerate(values):
        label = labels[i] if i < len(labels) else ""
        print(f"{label}{' ' * (width - display_width(label))}  {value}", file=out)
    return EXIT_OK
