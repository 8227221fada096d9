"""The ``jetrules subsidy`` command: assess a file of counselling receipts."""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO, TypeVar

from jetrules._kernel.output import (
    display_width,
    encoded_output,
    format_table,
    text_codec,
    write_csv_lines,
)
from jetrules.calendar import FIRST_DAY, LAST_DAY
from jetrules.cli.options import (
    EXIT_OK,
    Subcommands,
    add_format_option,
    add_lang_option,
    add_terms_options,
    terms_options,
)
from jetrules.cli.subsidy_output import (
    add_participant_options,
    participants_of,
    statement_json,
    unassessed,
    warn_about_years_without_terms,
    warn_if_assumed,
    write_by_organisation,
)
from jetrules.errors import InvalidInput
from jetrules.records import to_day
from jetrules.records._fast_receipts import read_receipt_rows
from jetrules.records._tabular import table_format
from jetrules.records.receipts import PROGRESS_EVERY, read_receipts
from jetrules.subsidy import (
    RECORD_COLUMNS,
    Ledger,
    Participants,
    Statement,
    assess,
    csv_lines_of_rows,
)
from jetrules.text import Label, Lang, to_lang

if TYPE_CHECKING:
    import pendulum

    from jetrules._kernel.policy import Policy
    from jetrules.calendar import FiscalYear

__all__ = ["register"]

T = TypeVar("T")

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


_PROGRESS_AFTER = 1.0
"""Seconds a run takes before it shows progress (a short run shows none)."""
_PROGRESS_INTERVAL = 1.0
"""Seconds between two updates of the progress line."""


def register(subcommands: Subcommands) -> None:
    """Add the ``subsidy`` subcommand."""
    parser = subcommands.add_parser(
        "subsidy",
        help="assess counselling receipts: what is paid, what is not, and why",
        description="Assess the receipts in FILE (CSV; an Excel workbook when it ends in .xlsx; "
        "JSON when it ends in .json) under the Counselling Assistance Programme: one statement "
        "per participant and fiscal year, receipt by receipt, naming the terms applied and "
        "their sources. A file with bad rows lists every one of them and prints no statement. "
        "Each year is assessed under its published terms, with a policy file's values laid "
        "over them (--policy); a year whose terms are not published in full pays nothing "
        "unless another year's published terms are assumed (--assume-terms-from). Terms that "
        "are not the published ones are shown, with each value assumed or changed. With "
        "--participants, receipts outside a participant's term of appointment are paid nothing "
        "and --by-organisation shows the claims per contracting organisation. A long run "
        "shows its progress on stderr when that is a terminal.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="receipts: a CSV file, an Excel workbook or a JSON file"
    )
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
        "saved as CSV",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the worksheet to read from an Excel workbook (needed when it has several)",
    )
    parser.add_argument(
        "--output-encoding",
        metavar="NAME",
        help="the encoding to write in (default: the terminal's or UTF-8): utf-8-sig (UTF-8 "
        "with the byte-order mark Excel looks for) or cp932 for a file Japanese Excel opens",
    )
    _add_terms_options(parser)
    add_participant_options(parser)
    parser.set_defaults(handler=_subsidy)


def _add_terms_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--policy FILE`` and ``--assume-terms-from YEAR``: the terms to assess under."""
    add_terms_options(
        parser,
        policy="a policy file (TOML) whose subsidy editions are laid over the published ones: "
        "next year's terms, or a what-if such as another cap (see docs/subsidy.md)",
        assume="for a fiscal year whose terms are not published (or only in part), assume the "
        "terms published for YEAR (such as 2024) for what it leaves out; what the year does "
        "publish (FY2025's claim deadline) still holds, and every decision made so says so "
        "(ASSUMED_TERMS)",
    )


def _checked_options(args: argparse.Namespace) -> pendulum.Date | None:
    """The options read before any file: encodings, the sheet; the day the claim arrived."""
    text_codec(args.encoding, "--encoding")
    if args.output_encoding is not None:
        text_codec(args.output_encoding, "--output-encoding")
    if args.sheet is not None and table_format(args.file) != "xlsx":
        raise InvalidInput.for_field(
            "--sheet", "names a worksheet of an Excel workbook (.xlsx), not of FILE", args.file
        )
    if args.submitted_on is None:
        return None
    return to_day(args.submitted_on, "--submitted-on", first=FIRST_DAY, last=LAST_DAY)


def _subsidy(args: argparse.Namespace, out: TextIO) -> int:
    submitted_on = _checked_options(args)
    participants = participants_of(args)
    policy, assume = terms_options(args)
    progress = _Progress(sys.stderr)
    # What is made from here on holds no reference cycles, and the collector's passes over
    # millions of young objects would cost a quarter of a large run.
    gc.disable()
    try:  # the progress line is erased before anything else reaches stderr, errors too
        if _as_rows(args, (participants, policy, assume), submitted_on, progress, out):
            return EXIT_OK
        receipts = read_receipts(
            args.file,
            encoding=args.encoding,
            sheet=args.sheet,
            submitted_on=submitted_on,
            submitted_on_name="--submitted-on",
            progress=progress.reading,
            participants=participants,
            participants_name=f"the participants of {args.participants}",
        )
        progress.show(f"assessing {len(receipts):,} receipts", now=True)
        ledger = assess(
            receipts,
            submitted_on=submitted_on,
            policy=policy,
            assume=assume,
            participants=participants,
        )
        del receipts  # the ledger holds them: memory for what must be kept only
        with encoded_output(out, args.output_encoding) as stream:
            if args.by_organisation:
                write_by_organisation(stream, ledger, to_lang(args.lang), args.format)
            else:
                _write(stream, ledger, args, progress)
    finally:
        gc.enable()
        progress.done()
    lang = to_lang(args.lang)
    warn_about_years_without_terms(unassessed(ledger), lang)
    terms = {id(s.terms): s.terms for s in ledger if s.terms is not None}  # one per year
    assumed = sorted({t.fiscal_year for t in terms.values() if t.assumed})
    warn_if_assumed(assumed, ledger.assume, lang)
    return EXIT_OK


def _as_rows(
    args: argparse.Namespace,
    options: tuple[Participants | None, Policy | None, FiscalYear | None],
    submitted_on: pendulum.Date | None,
    progress: _Progress,
    out: TextIO,
) -> bool:
    """Write the CSV of a file of receipts read as rows; whether it could be (see below).

    The usual run, receipts in yen to CSV, takes this path: the file is read a column at a time
    and written line by line without a value per receipt (``read_receipt_rows``,
    ``csv_lines_of_rows``), the same lines and warnings as the assessment's. Any other file (a
    problem to report, a currency, a pipe), format or option is left to :func:`_subsidy`.
    """
    participants, policy, assume = options
    if args.format != "csv" or participants is not None or args.by_organisation:
        return False
    rows = read_receipt_rows(
        args.file, encoding=args.encoding, submitted_on=submitted_on, progress=progress.reading
    )
    if rows is None:
        return False
    progress.show(f"assessing {len(rows):,} receipts", now=True)
    lang = to_lang(args.lang)
    made = csv_lines_of_rows(rows, lang=lang, policy=policy, assume=assume)
    written = _Written(progress, len(rows))
    lines = written.each(made.lines) if progress.live else made.lines
    with encoded_output(out, args.output_encoding) as stream:
        write_csv_lines(stream, RECORD_COLUMNS, lines)
    progress.done()
    warn_about_years_without_terms(made.unassessed, lang)
    warn_if_assumed(made.assumed, assume, lang)
    return True


def _write(out: TextIO, ledger: Ledger, args: argparse.Namespace, progress: _Progress) -> None:
    """Write *ledger* to *out* in the format asked for, statement by statement."""
    lang = to_lang(args.lang)
    written = _Written(progress, sum(len(s.decisions) for s in ledger))
    if args.format == "json":
        _write_json_list(out, (written(statement_json(s, lang), s) for s in ledger))
    elif args.format == "csv":
        write_csv_lines(out, RECORD_COLUMNS, written.each(ledger.iter_csv(lang)))
    elif not len(ledger):
        print(_NO_RECEIPTS.render(lang).format(file=args.file), file=out)
    else:
        texts = ledger.iter_render(lang)
        for number, (statement, text) in enumerate(zip(ledger, texts, strict=True)):
            if number:
                out.write("\n\n")
            out.write(written(text, statement))
        print("\n", file=out)
        print(_summary(ledger, lang), file=out)


class _Written:
    """Counts the receipts written, for the progress line."""

    def __init__(self, progress: _Progress, total: int) -> None:
        self.progress = progress
        self.total = total
        self.count = 0

    def __call__(self, written: T, statement: Statement) -> T:
        """*written*, the output of *statement*, passed on once its receipts are counted."""
        self.count += len(statement.decisions)
        self._show()
        return written

    def each(self, records: Iterable[T]) -> Iterator[T]:
        """*records*, one per receipt, each counted as it is passed on."""
        for record in records:
            self.count += 1
            if not self.count % PROGRESS_EVERY:
                self._show()
            yield record
        self._show()

    def _show(self) -> None:
        self.progress.show(f"writing: {self.count:,} of {self.total:,} receipts")


class _Progress:
    """What a long run is doing, on one line of *stream* rewritten in place, on a terminal only.

    Nothing is shown before the run has taken :data:`_PROGRESS_AFTER` seconds, then the line is
    updated at most every :data:`_PROGRESS_INTERVAL` seconds (and when the work changes); it is
    erased at the end, so that what follows on stderr starts on a clean line.
    """

    def __init__(self, stream: TextIO) -> None:
        isatty = getattr(stream, "isatty", None)
        self._stream = stream if isatty is not None and isatty() else None
        self._start = time.monotonic()
        self._shown = 0.0
        self._width = 0

    def reading(self, count: int) -> None:
        """Show that *count* receipts have been read."""
        self.show(f"reading: {count:,} receipts")

    def show(self, text: str, *, now: bool = False) -> None:
        """Show *text*, if the run is long and the last update is old enough (or *now*)."""
        if self._stream is None:
            return
        moment = time.monotonic()
        if moment - self._start < _PROGRESS_AFTER:
            return
        if not now and moment - self._shown < _PROGRESS_INTERVAL:
            return
        self._shown = moment
        line = f"jetrules: {text}"
        pad = " " * (self._width - display_width(line))
        self._width = display_width(line)
        self._stream.write(f"\r{line}{pad}")
        self._stream.flush()

    @property
    def live(self) -> bool:
        """Whether progress is shown (stderr is a terminal)."""
        return self._stream is not None

    def done(self) -> None:
        """Erase the progress line, if one was shown."""
        if self._stream is not None and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0  # erased: a second call writes nothing


def _write_json_list(out: TextIO, items: Iterable[object]) -> None:
    """Write *items* as one indented JSON list, an item at a time, as ``write_json`` would."""
    opened = False
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2, default=str)
        out.write((",\n  " if opened else "[\n  ") + text.replace("\n", "\n  "))
        opened = True
    out.write("\n]\n" if opened else "[]\n")


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
