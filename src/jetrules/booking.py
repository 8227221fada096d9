"""Skype Counselling: sign-up, appointments, cancellation, yearly accounting.

A participant signs up with 1 to 3 preferred start times; the counsellor confirms one; the
appointment is then held, missed, rescheduled or cancelled. Sessions taken (and those cancelled
without contact in advance, or missed) count against the fiscal year's limit where one is published.
The terms of each fiscal year are data (``jetrules/policy/booking.toml``), each value with its
source or our reading; pass ``policy=`` to lay values of your own over them, ``assume=`` to fill
in a year without published terms from another year's, and every answer made so says so.

>>> sign_up = SignUp(
...     participant="P-01",
...     requested_at="2019-12-27T10:00+09:00",
...     preferred_times=["2020-01-09T19:00+09:00", "2020-01-10T18:00+09:00"],
...     minutes=40,
...     language="en",
... )
>>> appointment = sign_up.confirm("2020-01-10T18:00+09:00", id="A-1")
>>> appointment.cancel(contacted_at="2020-01-10T17:59+09:00").counted
False
>>> late = appointment.cancel(contacted_at="2020-01-10T18:01+09:00")
>>> late.counted, late.counted_minutes
(True, 40)
>>> late.reason.code
'LATE_CANCELLATION'
>>> Ledger().add(late).usage("P-01", FiscalYear(2019)).sessions_left_text("en")
'no published limit'
>>> terms_for(FiscalYear(2021)).yearly_session_limit
7
>>> print(terms_for(FiscalYear(2024), assume=FiscalYear(2023)).notes[0].render("en"))
FY2024 publishes no value for session lengths, preferred times per sign-up, ...: the values \
published for FY2023 are assumed, as the caller asked.
"""

from jetrules._booking.appointment import Appointment, Reschedule, Status
from jetrules._booking.checks import check_length, check_start
from jetrules._booking.editions import (
    EDITIONS,
    PARAMETERS,
    REQUIRED,
    SERVICE,
    editions,
    terms_for,
)
from jetrules._booking.ledger import Ledger, Usage, ledger_of, refusals_over_limit
from jetrules._booking.origin import PARAMETER_LABELS
from jetrules._booking.reasons import REASONS
from jetrules._booking.signup import SignUp
from jetrules._booking.terms import NO_PUBLISHED_LIMIT, BookingTerms, HoursBound
from jetrules._kernel.participants import Participant, Participants, Term
from jetrules.calendar import FiscalYear

__all__ = [
    "EDITIONS",
    "NO_PUBLISHED_LIMIT",
    "PARAMETERS",
    "PARAMETER_LABELS",
    "REASONS",
    "REQUIRED",
    "SERVICE",
    "Appointment",
    "BookingTerms",
    "FiscalYear",
    "HoursBound",
    "Ledger",
    "Participant",
    "Participants",
    "Reschedule",
    "SignUp",
    "Status",
    "Term",
    "Usage",
    "check_length",
    "check_start",
    "editions",
    "ledger_of",
    "refusals_over_limit",
    "terms_for",
]
