"""Skype Counselling: sign-up, appointments, cancellation, yearly accounting.

A participant signs up with 1 to 3 preferred start times; the counsellor confirms one; the
appointment is then held, missed, rescheduled or cancelled. Sessions taken (and those cancelled
without contact in advance, or missed) count against the fiscal year's limit where one is published.

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
"""

from __future__ import annotations

from jetrules._booking.appointment import Appointment, Reschedule, SignUp, Status
from jetrules._booking.ledger import Ledger, Usage, ledger_of, refusals_over_limit
from jetrules._booking.reasons import REASONS
from jetrules._booking.terms import (
    EDITIONS,
    NO_PUBLISHED_LIMIT,
    BookingTerms,
    check_length,
    check_start,
    terms_for,
)
from jetrules.calendar import FiscalYear

__all__ = [
    "EDITIONS",
    "NO_PUBLISHED_LIMIT",
    "REASONS",
    "Appointment",
    "BookingTerms",
    "FiscalYear",
    "Ledger",
    "Reschedule",
    "SignUp",
    "Status",
    "Usage",
    "check_length",
    "check_start",
    "ledger_of",
    "refusals_over_limit",
    "terms_for",
]
