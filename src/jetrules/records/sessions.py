"""Reading Skype Counselling appointments from CSV or Excel into a booking ``Ledger``.

One row per appointment (columns are documented in ``docs/booking.md``; each may also have its
Japanese name, see ``docs/files.md``):

=============== ======== ===============================================================
column          needed   meaning
=============== ======== ===============================================================
id              yes      the appointment's id, unique in the file
participant     yes      who it is for
requested_at    yes      when the sign-up was made (a date-time with an offset)
start           yes      the start time the counsellor confirmed (with an offset)
minutes         yes      20 or 40
status          yes      scheduled, completed, missed or cancelled (or 予定, 完了, 欠席...)
language        no       en or ja (or 英語, 日本語); en when absent or empty
cancelled_at    no       when the provider was contacted to cancel; needed iff cancelled
rescheduled_at  no       when the provider was contacted to move the session
rescheduled_to  no       the new start; given together with rescheduled_at
=============== ======== ===============================================================

Cells are read by the shared vocabulary (:mod:`jetrules.records`): words are matched with case
and width folded, numbers and the digits of instants may be full-width, ids and names hold no
control characters, and an instant must carry an offset and fall on a day the calendar covers
(:data:`~jetrules.calendar.FIRST_DAY` to :data:`~jetrules.calendar.LAST_DAY` in Tokyo).

Each field of a row is checked first, and every field problem is reported (a length the start's
fiscal year does not offer, or a year without terms, counts as a problem of the ``minutes`` or
``start`` field). A row whose fields are all good is then replayed through the booking rules (the
lead time, the service hours, time running forward, the state machine), which report its first
broken rule, and the appointments are entered in start order, so an appointment beyond the
yearly limit is reported on its own line. Problems are listed in file order; nothing is
returned unless the whole file is good.

>>> import io
>>> text = '''id,participant,requested_at,start,minutes,status
... A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed
... A-2,P-01,2020-06-01T10:00+09:00,2020-06-13T18:00+09:00,40,completed
... '''
>>> read_sessions(io.StringIO(text))
Traceback (most recent call last):
...
jetrules.errors.InvalidRecords: <input>: 1 problem
<input>: line 3: The time 2020-06-13 18:00 falls on a day without sessions (Saturday); ...
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple, TextIO

import pendulum

from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.policy import Policy
from jetrules.booking import (
    Appointment,
    Ledger,
    SignUp,
    Status,
    check_length,
    refusals_over_limit,
)
from jetrules.calendar import FIRST_DAY, LAST_DAY, SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import InvalidInput, JetRulesError, OutOfRange, WrongType
from jetrules.records._source import MAX_INPUT_BYTES
from jetrules.records._tabular import CsvRow, Problems, open_table
from jetrules.records._vocabulary import to_moment, to_name, to_whole, to_word
from jetrules.records._words import LANGUAGE_WORDS, STATUS_WORDS
from jetrules.text import Lang, to_lang

__all__ = ["MAX_MINUTES", "SESSION_COLUMNS", "read_sessions", "to_session_instant"]

REQUIRED = ("id", "participant", "requested_at", "start", "minutes", "status")
OPTIONAL = ("language", "cancelled_at", "rescheduled_at", "rescheduled_to")
SESSION_COLUMNS = (*REQUIRED, *OPTIONAL)
"""The columns an appointments file may have, required ones first."""

MAX_MINUTES = 24 * 60
"""The longest a session's ``minutes`` may be written as: a day (past it, a problem of its row)."""

_OPTIONAL_INSTANTS = ("cancelled_at", "rescheduled_at", "rescheduled_to")
_NO_OFFSET = (
    "must be a date-time with its offset, such as 2020-06-10T18:00+09:00 or "
    "2020/6/10 18:00+09:00 (a spreadsheet's date-time cells have none: enter it as text)"
)


_PAST_THE_CALENDAR = (
    "the lead time counted from 'requested_at' (or 'rescheduled_at') runs past "
    f"{LAST_DAY}, the last day the holiday rules cover, so the start cannot be checked"
)


def to_session_instant(raw: str, field: str) -> pendulum.DateTime:
    """*raw* as an instant (see :func:`~jetrules.records.to_moment`) on a day the calendar covers.

    An instant without an offset is refused (the same clock time is another instant elsewhere).
    The lead time and the days sessions run on are counted on the calendar, whose holiday rules
    cover 1948-07-20 to 2150-12-31; an instant whose day in Tokyo is outside them is refused
    here, when the row is read, naming the field and the text as typed.

    >>> to_session_instant("２０２０/6/10 18:00+09:00", "start").isoformat()
    '2020-06-10T18:00:00+09:00'
    >>> to_session_instant("2200-01-01T10:00+09:00", "start")
    Traceback (most recent call last):
    ...
    jetrules.errors.OutOfRange: 'start' must be an instant whose day in Tokyo is from 1948-07-20 ...
    """
    try:
        moment = to_moment(raw, field)
    except WrongType:  # no offset: say what to write, in a spreadsheet's terms too
        raise InvalidInput.for_field(field, _NO_OFFSET, raw) from None
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise OutOfRange.for_field(
            field,
            f"must be an instant whose day in Tokyo is from {FIRST_DAY} to {LAST_DAY}, "
            "the days the holiday rules cover",
            raw,
        )
    return moment


def _status(raw: str, field: str) -> Status:
    return Status(to_word(raw, field, STATUS_WORDS))


def _language(raw: str, field: str) -> Lang:
    return to_lang(to_word(raw, field, LANGUAGE_WORDS)) if raw else "en"


def _problem(problems: Problems, error: JetRulesError) -> str:
    return " ".join(problems.described(error).split())


class _Terms(NamedTuple):
    """What the rules are applied under: the caller's policy, the year to assume, the calendar."""

    policy: Policy | None
    assume: FiscalYear | None
    calendar: BusinessCalendar


class _Fields(NamedTuple):
    """The fields of a row, each read and checked on its own."""

    id: str
    participant: str
    requested_at: pendulum.DateTime
    start: pendulum.DateTime
    minutes: int
    status: Status
    language: Lang
    moments: dict[str, pendulum.DateTime]
    """The optional instants the row gives (cancelled_at, rescheduled_at, rescheduled_to)."""


def _appointment(row: CsvRow, problems: Problems, terms: _Terms) -> Appointment | None:
    """The appointment of *row*, or ``None`` with every field problem of the row recorded.

    A row whose fields are all good is replayed through the rules, which record its first
    broken rule.
    """
    fields = _fields(row, problems, terms)
    if fields is None:
        return None
    try:
        return _replay(fields, terms)
    except OutOfRange:  # every instant is in range: a lead time counts past the calendar's end
        problems.add(row.position, _PAST_THE_CALENDAR)
        return None
    except JetRulesError as error:
        problems.add(row.position, _problem(problems, error))
        return None


def _fields(row: CsvRow, problems: Problems, terms: _Terms) -> _Fields | None:
    """The fields of *row*, or ``None`` with every problem of its fields recorded, in order."""
    values, at = row.values, row.position
    ident = problems.read(at, values, "id", to_name)
    who = problems.read(at, values, "participant", to_name)
    requested = problems.read(at, values, "requested_at", to_session_instant)
    start = problems.read(at, values, "start", to_session_instant)
    minutes = problems.read(at, values, "minutes", partial(to_whole, maximum=MAX_MINUTES))
    if start is not None and minutes is not None:
        _check_length(problems, at, start, minutes, terms)
    status = problems.read(at, values, "status", _status)
    language = problems.read(at, values, "language", _language) if "language" in values else "en"
    moments = {field: problems.read(at, values, field, to_session_instant) for field in _given(row)}
    _check_companions(row, problems, status)
    if (
        problems  # every field problem of the row is recorded: the rules need good fields
        or ident is None
        or who is None
        or requested is None
        or start is None
        or minutes is None
        or status is None
        or language is None
    ):
        return None
    checked = {field: value for field, value in moments.items() if value is not None}
    return _Fields(ident, who, requested, start, minutes, status, language, checked)


def _given(row: CsvRow) -> list[str]:
    """The optional instants *row* gives a value for."""
    return [field for field in _OPTIONAL_INSTANTS if row.values.get(field)]


def _check_length(
    problems: Problems,
    at: str,
    start: pendulum.DateTime,
    minutes: int,
    terms: _Terms,
) -> None:
    """Record a length the start's fiscal year does not offer, or a year without terms."""
    try:
        check_length(start, minutes=minutes, policy=terms.policy, assume=terms.assume)
    except JetRulesError as error:
        problems.add(at, _problem(problems, error))


def _check_companions(row: CsvRow, problems: Problems, status: Status | None) -> None:
    """Record a cancellation without its time (or the reverse), or half of a reschedule."""
    values, at = row.values, row.position
    cancelled_raw = values.get("cancelled_at", "")
    moved_at_raw = values.get("rescheduled_at", "")
    moved_to_raw = values.get("rescheduled_to", "")
    if status is not None and (status is Status.CANCELLED) != bool(cancelled_raw):
        problems.add(
            at,
            "'cancelled_at' is needed exactly when the status is cancelled "
            f"(got status {values['status']!r}, cancelled_at {cancelled_raw!r})",
        )
    if bool(moved_at_raw) != bool(moved_to_raw):
        problems.add(
            at,
            "'rescheduled_at' and 'rescheduled_to' go together "
            f"(got {moved_at_raw!r} and {moved_to_raw!r})",
        )


def _replay(fields: _Fields, terms: _Terms) -> Appointment:
    """The appointment *fields* describe, built through the booking rules (which may refuse)."""
    appointment = SignUp(
        participant=fields.participant,
        requested_at=fields.requested_at,
        preferred_times=[fields.start],
        minutes=fields.minutes,
        language=fields.language,
        policy=terms.policy,
        assume=terms.assume,
        calendar=terms.calendar,
    ).confirm(fields.start, id=fields.id)
    moments = fields.moments
    if "rescheduled_to" in moments:
        appointment = appointment.reschedule(
            moments["rescheduled_to"], contacted_at=moments["rescheduled_at"]
        )
    return _finish(appointment, fields.status, moments.get("cancelled_at"))


def _finish(
    appointment: Appointment, status: Status, cancelled_at: pendulum.DateTime | None
) -> Appointment:
    if status is Status.COMPLETED:
        return appointment.complete()
    if status is Status.MISSED:
        return appointment.miss()
    if cancelled_at is not None:
        return appointment.cancel(contacted_at=cancelled_at)
    return appointment


class _Entries:
    """The appointments of a file's good rows, with where each is, and the ids seen so far."""

    def __init__(self, problems: Problems, terms: _Terms) -> None:
        self.problems = problems
        self.terms = terms
        self.first_seen: dict[str, str] = {}
        self.found: list[tuple[int, str, Appointment]] = []
        """(the row's place in the file, its position, its appointment), in file order."""

    def read(self, row: CsvRow) -> None:
        """Read *row*: its own problems decide whether the rules apply to it."""
        of_row = self.problems.of_record()
        appointment = _appointment(row, of_row, self.terms)
        self.problems.extend(of_row)
        raw_id = row.values["id"]  # checked even when the row is bad, so no duplicate hides
        if raw_id and raw_id in self.first_seen:
            self.problems.add(
                row.position,
                f"{self.problems.named('id')} must be unique in the file (got {raw_id!r}, "
                f"first on {self.first_seen[raw_id]})",
            )
            return
        self.first_seen.setdefault(raw_id, row.position)
        if appointment is not None:
            self.found.append((len(self.found), row.position, appointment))

    def ledger(self) -> Ledger:
        """The appointments entered in start order, or every problem of the file raised."""
        self.found.sort(key=lambda entry: (entry[2].start, entry[0]))
        in_order = [appointment for _, _, appointment in self.found]
        policy, assume = self.terms.policy, self.terms.assume
        for index, refusal in refusals_over_limit(in_order, policy=policy, assume=assume).items():
            self.problems.add(self.found[index][1], str(refusal))
        self.problems.raise_if_any()
        return Ledger(appointments=in_order, policy=policy, assume=assume)


def read_sessions(
    source: str | Path | TextIO | BinaryIO,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
    format: Literal["csv", "xlsx"] | None = None,
    encoding: str = "utf-8",
    sheet: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Ledger:
    """Read appointments from CSV or a worksheet into a ledger; raise ``InvalidRecords`` if bad.

    The terms applied are the published ones, with *policy*'s values laid over them
    (:func:`jetrules.policy.load` reads a policy file) and, where a year leaves some
    unpublished, the published values of *assume* (see :func:`jetrules.booking.terms_for`);
    without *assume*, a row in such a year is a problem naming what is missing. Lead times and
    session days count the business days of *calendar* (``SERVICE_CALENDAR`` by default). Every
    appointment, and the ledger, keep all three.

    The file is CSV or an Excel workbook (``.xlsx``, with the ``excel`` extra), by its name
    unless *format* says; a CSV file is decoded with *encoding* (``"cp932"`` for a Japanese
    Excel export), a workbook read at *sheet* (which may be left out when it has one only).
    *max_bytes* bounds the input, as for every reader (``docs/files.md``).

    Raises:
        InvalidRecords: listing every bad row with its line (or sheet and row); nothing is
            returned.
        MissingExtra: a workbook, and openpyxl is not installed.
    """
    terms = _Terms(
        policy=policy,
        assume=None if assume is None else to_fiscal_year(assume, "assume"),
        calendar=BusinessCalendar.check(calendar),
    )
    table = open_table(
        source,
        required=REQUIRED,
        optional=OPTIONAL,
        format=format,
        encoding=encoding,
        sheet=sheet,
        max_bytes=max_bytes,
    )
    entries = _Entries(table.problems, terms)
    for row in table:
        entries.read(row)
    return entries.ledger()
