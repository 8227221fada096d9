"""Reading Skype Counselling appointments from CSV into a :class:`~jetrules.booking.Ledger`.

One row per appointment (columns are documented in ``docs/booking.md``):

=============== ======== ===============================================================
column          needed   meaning
=============== ======== ===============================================================
id              yes      the appointment's id, unique in the file
participant     yes      who it is for
requested_at    yes      when the sign-up was made (ISO date-time with an offset)
start           yes      the start time the counsellor confirmed (with an offset)
minutes         yes      20 or 40
status          yes      scheduled, completed, missed or cancelled
language        no       en or ja (en when absent or empty)
cancelled_at    no       when the provider was contacted to cancel; needed iff cancelled
rescheduled_at  no       when the provider was contacted to move the session
rescheduled_to  no       the new start; given together with rescheduled_at
=============== ======== ===============================================================

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
from typing import NamedTuple, TextIO

import pendulum

from jetrules._kernel.dates import to_instant
from jetrules._kernel.fields import to_language
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
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import InvalidInput, JetRulesError
from jetrules.records._tabular import CsvRow, Problems, read_csv
from jetrules.text import Lang

__all__ = ["SESSION_COLUMNS", "read_sessions"]

REQUIRED = ("id", "participant", "requested_at", "start", "minutes", "status")
OPTIONAL = ("language", "cancelled_at", "rescheduled_at", "rescheduled_to")
SESSION_COLUMNS = (*REQUIRED, *OPTIONAL)
"""The columns an appointments file may have, required ones first."""

_OPTIONAL_INSTANTS = ("cancelled_at", "rescheduled_at", "rescheduled_to")
_STATUSES = {status.value: status for status in Status}


def _minutes(raw: str) -> int:
    if not raw.isascii() or not raw.isdigit():
        raise InvalidInput.for_field("minutes", "must be a whole number of minutes", raw)
    return int(raw)


def _status(raw: str) -> Status:
    try:
        return _STATUSES[raw.lower()]
    except KeyError:
        raise InvalidInput.for_field(
            "status", f"must be one of {', '.join(_STATUSES)}", raw
        ) from None


def _text(field: str, raw: str) -> str:
    if not raw:
        raise InvalidInput.for_field(field, "must not be empty", raw)
    return raw


def _problem(error: JetRulesError) -> str:
    return " ".join(str(error).split())


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
    except JetRulesError as error:
        problems.add(row.position, _problem(error))
        return None


def _fields(row: CsvRow, problems: Problems, terms: _Terms) -> _Fields | None:
    """The fields of *row*, or ``None`` with every problem of its fields recorded, in order."""
    values, at = row.values, row.position
    ident = problems.convert(at, "id", partial(_text, "id"), values["id"])
    who = problems.convert(at, "participant", partial(_text, "participant"), values["participant"])
    requested = _instant(problems, at, "requested_at", values["requested_at"])
    start = _instant(problems, at, "start", values["start"])
    minutes = problems.convert(at, "minutes", _minutes, values["minutes"])
    if start is not None and minutes is not None:
        _check_length(problems, at, start, minutes, terms)
    status = problems.convert(at, "status", _status, values["status"])
    language = problems.convert(at, "language", to_language, values.get("language") or "en")
    moments = {field: _instant(problems, at, field, values[field]) for field in _given(row)}
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


def _instant(problems: Problems, at: str, field: str, raw: str) -> pendulum.DateTime | None:
    return problems.convert(at, field, partial(to_instant, field=field), raw)


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
        problems.add(at, _problem(error))


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


def read_sessions(
    source: str | Path | TextIO,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
) -> Ledger:
    """Read appointments from CSV into a ledger; raise ``InvalidRecords`` listing every bad row.

    The terms applied are the published ones, with *policy*'s values laid over them
    (:func:`jetrules.policy.load` reads a policy file) and, where a year leaves some
    unpublished, the published values of *assume* (see :func:`jetrules.booking.terms_for`);
    without *assume*, a row in such a year is a problem naming what is missing. Lead times and
    session days count the business days of *calendar* (``SERVICE_CALENDAR`` by default). Every
    appointment, and the ledger, keep all three.
    """
    terms = _Terms(
        policy=policy,
        assume=None if assume is None else to_fiscal_year(assume, "assume"),
        calendar=BusinessCalendar.check(calendar),
    )
    problems, rows = read_csv(source, required=REQUIRED, optional=OPTIONAL)
    first_line: dict[str, int] = {}
    entries: list[tuple[CsvRow, Appointment]] = []
    for row in rows:
        of_row = Problems(problems.source)  # the row's own problems decide whether rules apply
        appointment = _appointment(row, of_row, terms)
        problems.extend(of_row)
        raw_id = row.values["id"]  # checked even when the row is bad, so no duplicate hides
        if raw_id and raw_id in first_line:
            problems.add(
                row.position,
                f"'id' must be unique in the file (got {raw_id!r}, "
                f"first on line {first_line[raw_id]})",
            )
            continue
        first_line.setdefault(raw_id, row.line)
        if appointment is not None:
            entries.append((row, appointment))
    entries.sort(key=lambda entry: (entry[1].start, entry[0].line))
    in_order = [appointment for _, appointment in entries]
    limits = refusals_over_limit(in_order, policy=terms.policy, assume=terms.assume)
    for position, refusal in limits.items():
        problems.add(entries[position][0].position, str(refusal))
    problems.raise_if_any()
    return Ledger(appointments=in_order, policy=terms.policy, assume=terms.assume)
