"""The ``threads`` subcommand: reply deadlines and lateness of web-mail threads from JSON."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

import pendulum

from jetrules._kernel.output import (
    encoded_output,
    format_table,
    safe_output,
    text_codec,
    write_json,
)
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
from jetrules.errors import InvalidInput, OutOfRange
from jetrules.records import read_threads, to_moment
from jetrules.text import Label, Lang, to_lang
from jetrules.threads import (
    SERVICE_NAME,
    LateReply,
    Thread,
    ThreadsReport,
    ThreadStatus,
    WebMailTerms,
    report,
)

__all__ = ["register"]

_HEADERS = {
    "en": ["thread", "continues", "language", "replies", "status", "due by end of", "overdue"],
    "ja": ["スレッド", "継続元", "言語", "返信数", "状況", "返信期限", "超過営業日"],
}


def register(subcommands: Subcommands) -> None:
    """Add the ``threads`` subcommand."""
    command = subcommands.add_parser(
        "threads",
        help="reply deadlines, late replies and on-time share of web-mail threads",
        description="Read Web Mail Counselling threads from a JSON FILE (see docs/threads.md) "
        "and report each thread's status, the late replies and the on-time share at INSTANT.",
    )
    command.add_argument("file", metavar="FILE", help="a JSON file of threads")
    command.add_argument(
        "--at",
        metavar="INSTANT",
        help="the instant to report at, ISO 8601 with an offset such as 2020-01-09T00:00+09:00 "
        "(default: the latest message in FILE)",
    )
    command.add_argument(
        "--output-encoding",
        metavar="NAME",
        help="the encoding to write the output in, such as utf-8-sig or cp932 (default: that of "
        "the standard output; what it cannot hold is written another way, see docs/files.md)",
    )
    add_lang_option(command)
    add_format_option(command, "table", "json")
    add_official_option(command)
    add_terms_options(
        command,
        policy="a policy file (TOML) whose web-mail editions are laid over the published ones: "
        "next year's terms, or a what-if (see docs/threads.md)",
        assume="for a fiscal year whose terms are not published (or only in part), assume the "
        "terms published for YEAR (such as 2023); every status made so says which values were "
        "assumed",
    )
    command.set_defaults(handler=_threads)


def _threads(args: argparse.Namespace, out: TextIO) -> int:
    safe_output(sys.stderr)
    if args.output_encoding is not None:
        text_codec(args.output_encoding, "--output-encoding")
    policy, assume = terms_options(args)
    calendar = official_calendar(args)
    threads = read_threads(args.file, policy=policy, assume=assume, calendar=calendar)
    result = _report(args.at, threads)
    lang = to_lang(args.lang)
    _warn_if_assumed(threads, lang)  # only for a run that answers: a refused one says why alone
    with encoded_output(out, args.output_encoding) as stream:
        _write(stream, result, threads, lang, args.format)
    return EXIT_OK


def _write(
    out: TextIO, result: ThreadsReport, threads: tuple[Thread, ...], lang: Lang, format: str
) -> None:
    """Write *result* to *out* as JSON or as a table followed by the report."""
    if format == "json":
        write_json(out, _as_json(result, threads, lang))
        return
    by_id = {thread.id: thread for thread in threads}
    rows = [_row(status, by_id[status.thread], lang) for status in result.statuses]
    print(format_table(_HEADERS[lang], rows), file=out)
    print(file=out)
    print(result.render(lang), file=out)


def _warn_if_assumed(threads: tuple[Thread, ...], lang: Lang) -> None:
    """One line on stderr, in *lang*, when a thread is held to terms assumed from another year."""
    assumed = sorted({thread.terms.fiscal_year for thread in threads if thread.terms.assumed})
    if not assumed:
        return
    donors = sorted({year for thread in threads for _, year in thread.terms.assumed})
    text = (
        f"{SERVICE_NAME} terms are not published for {', '.join(map(str, assumed))}; the terms "
        f"published for {', '.join(map(str, donors))} were assumed (--assume-terms-from), and "
        "every status made under them says so (ASSUMED_TERMS)"
        if lang == "en"
        else f"{'、'.join(year.render(lang) for year in assumed)}のウェブメール相談の要件は公表"
        f"されていません。{'、'.join(year.render(lang) for year in donors)}に公表された要件を仮定"
        "し（--assume-terms-from）、その要件による各状況にその旨を記載しています（ASSUMED_TERMS）"
    )
    print(f"jetrules: warning: {text}", file=sys.stderr)


def _report(raw: str | None, threads: tuple[Thread, ...]) -> ThreadsReport:
    """The report at INSTANT (``--at``), by default the latest message of *threads*.

    An INSTANT outside the business calendar is named ``--at`` and shown as it was typed.
    """
    at = _instant(raw, threads)
    try:
        return report(threads, at=at)
    except OutOfRange as error:  # only an INSTANT given can be: the latest message is within
        raise OutOfRange.for_field("--at", error.rule or str(error), raw) from None


def _instant(raw: str | None, threads: tuple[Thread, ...]) -> pendulum.DateTime:
    if raw is not None:
        return to_moment(raw, "--at")
    if not threads:
        raise InvalidInput.for_field("--at", "is needed when FILE holds no threads", None)
    return max(thread.last_at for thread in threads)


def _row(status: ThreadStatus, thread: Thread, lang: Lang) -> list[object]:
    due = status.deadline.due_date if status.deadline is not None else None
    return [
        thread.id,
        thread.continues,
        thread.language,
        status.replies,
        status.kind.render(lang),
        due,
        status.business_days_overdue,
    ]


def _json_value(value: object, lang: Lang) -> object:
    if isinstance(value, Label):
        return value.render(lang)
    if isinstance(value, tuple):
        return list(value)
    return value


def _terms_json(terms: WebMailTerms, lang: Lang) -> dict[str, object]:
    """How the terms a status was made under differ from the published ones."""
    return {
        "terms_origin": terms.origin,
        "changes": [
            {
                "parameter": change.name,
                "value": _json_value(change.value, lang),
                "published": _json_value(change.published, lang),
            }
            for change in terms.changes
        ],
        "assumed": [
            {"parameter": name, "value": _json_value(terms.value(name), lang), "from": str(year)}
            for name, year in terms.assumed
        ],
    }


def _status_json(status: ThreadStatus, thread: Thread, lang: Lang) -> dict[str, object]:
    return {
        "id": status.thread,
        "continues": thread.continues,
        "language": thread.language,
        "replies": status.replies,
        "status": status.kind.name,
        "status_text": status.render(lang),
        "due_date": None if status.deadline is None else str(status.deadline.due_date),
        "due_by": None if status.deadline is None else status.deadline.due_by.isoformat(),
        "business_days_overdue": status.business_days_overdue,
        "reasons": [
            {"code": reason.code, "text": reason.render(lang)} for reason in status.reasons
        ],
        **_terms_json(status.terms, lang),
    }


def _late_json(late: LateReply, lang: Lang) -> dict[str, object]:
    return {
        "thread": late.thread,
        "reply": late.number,
        "due_date": str(late.deadline.due_date),
        "replied_at": late.replied_at.isoformat(),
        "business_days_late": late.business_days_late,
        "text": late.render(lang),
        "reasons": [{"code": reason.code, "text": reason.render(lang)} for reason in late.reasons],
        **_terms_json(late.terms, lang),
    }


def _as_json(result: ThreadsReport, threads: tuple[Thread, ...], lang: Lang) -> dict[str, object]:
    by_id = {thread.id: thread for thread in threads}
    share = result.on_time_share
    return {
        "at": result.at.isoformat(),
        "threads": [_status_json(status, by_id[status.thread], lang) for status in result.statuses],
        "late_replies": [_late_json(late, lang) for late in result.late_replies],
        "summary": {
            "threads": len(result.statuses),
            "replies_due": result.replies_due,
            "replies_on_time": result.replies_on_time,
            "replies_late": len(result.late_replies),
            "overdue_unanswered": len(result.overdue),
            "on_time_share": None if share is None else str(share),
            "on_time_percent_rounded_down": result.on_time_percent(),
            "worst_lateness_business_days": result.worst_lateness,
        },
    }
