"""The checks on a session's length and start time (private: :mod:`jetrules.booking` is its face).

Each refusal cites what its rule rests on: the parameter's source, our reading, or the caller's
own value (see :meth:`~jetrules._booking.terms.BookingTerms.citation`); a weekend closure cites
the page that names Monday to Friday, a holiday or other closure the reading that sessions keep
to business days.
"""

from __future__ import annotations

import pendulum

from jetrules._booking.editions import cited, terms_for
from jetrules._booking.reasons import (
    AFTER_HOURS,
    BEFORE_HOURS,
    CLOSED_DAY,
    LENGTH_NOT_OFFERED,
    STARTS_AFTER_HOURS,
    TOO_SOON,
    lengths_label,
    show,
)
from jetrules._booking.terms import BookingTerms, HoursBound
from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._kernel.fields import to_whole_number
from jetrules._kernel.policy import Policy
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import Refused

__all__ = ["check_length", "check_start", "check_time"]

_SATURDAY = 5


def check_length(
    start: InstantLike,
    *,
    minutes: int,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> BookingTerms:
    """Refuse a session of *minutes* at *start* unless its fiscal year offers that length.

    Returns the terms of the start's fiscal year; raises ``NoRuleInForce`` for a year without
    terms, ``Refused`` (``LENGTH_NOT_OFFERED``) for a length the year does not offer. *start* is
    an aware datetime or ISO text, read in Tokyo time as a sign-up reads it (a naive one is
    refused); *minutes* a whole number.

    >>> check_length(pendulum.datetime(2020, 6, 10, 18, tz="Asia/Tokyo"), minutes=30)
    Traceback (most recent call last):
    ...
    jetrules.errors.Refused: A 30-minute session is not offered in FY2020; sessions last 20 or ...
    """
    return _check_length(
        to_instant(start, "start"),
        minutes=to_whole_number(minutes, "minutes", "minute"),
        policy=policy,
        assume=assume,
    )


def _check_length(
    start: pendulum.DateTime,
    *,
    minutes: int,
    policy: Policy | None,
    assume: FiscalYear | int | str | None,
) -> BookingTerms:
    """:func:`check_length` of values already checked (in Tokyo time, a whole number)."""
    terms = terms_for(FiscalYear.of(start.date()), policy=policy, assume=assume)
    if minutes not in terms.session_minutes:
        raise Refused(
            LENGTH_NOT_OFFERED.with_params(
                minutes=minutes,
                fiscal_year=terms.fiscal_year,
                lengths=lengths_label(terms.session_minutes),
                source=terms.citation("session_minutes"),
            )
        )
    return terms


def check_start(
    start: InstantLike,
    *,
    minutes: int,
    requested_at: InstantLike,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
) -> BookingTerms:
    """Refuse *start* unless a session of *minutes* may be booked there, asked at *requested_at*.

    Returns the terms of the start's fiscal year. Raises ``Refused`` naming the time and the rule,
    or ``NoRuleInForce`` for a year without terms. The rules, in order: the length, the lead time,
    the day, the opening hour (where one is published), the hour sessions are scheduled until.
    The lead time and the day count the business days of *calendar*. *start* and *requested_at*
    are aware datetimes or ISO text, read in Tokyo time as a sign-up reads them (naive ones are
    refused); *minutes* is a whole number.
    """
    return check_time(
        to_instant(start, "start"),
        minutes=to_whole_number(minutes, "minutes", "minute"),
        requested_at=to_instant(requested_at, "requested_at"),
        policy=policy,
        assume=assume,
        calendar=calendar,
        rescheduling=False,
    )


def check_time(
    start: pendulum.DateTime,
    *,
    minutes: int,
    requested_at: pendulum.DateTime,
    policy: Policy | None,
    assume: FiscalYear | int | str | None,
    calendar: BusinessCalendar,
    rescheduling: bool,
) -> BookingTerms:
    """:func:`check_start`, or the check of a reschedule's new time.

    For a reschedule (*rescheduling*), *requested_at* is the contact to reschedule, and the lead
    time holds only where the terms say it also holds for reschedules.
    """
    calendar = BusinessCalendar.check(calendar)
    terms = _check_length(start, minutes=minutes, policy=policy, assume=assume)
    if terms.lead_time_for_reschedules or not rescheduling:
        _check_lead_time(terms, start, requested_at, calendar)
    _check_day(terms, start, calendar)
    _check_hours(terms, start, minutes)
    return terms


def _check_lead_time(
    terms: BookingTerms,
    start: pendulum.DateTime,
    requested_at: pendulum.DateTime,
    calendar: BusinessCalendar,
) -> None:
    earliest = calendar.add_business_days(requested_at.date(), terms.lead_business_days)
    if start.date() < earliest:
        raise Refused(
            TOO_SOON.with_params(
                time=show(start),
                lead=terms.lead_business_days,
                requested=show(requested_at),
                earliest=earliest.isoformat(),
                source=terms.citation("lead_business_days"),
            )
        )


def _check_day(terms: BookingTerms, start: pendulum.DateTime, calendar: BusinessCalendar) -> None:
    day = start.date()
    why = calendar.closure_reason(day)
    if why is None:
        return
    weekend = day.weekday() >= _SATURDAY
    if weekend or terms.closed_on_holidays:
        source = cited("hajet") if weekend else terms.citation("closed_on_holidays")
        raise Refused(CLOSED_DAY.with_params(time=show(start), why=why, source=source))


def _check_hours(terms: BookingTerms, start: pendulum.DateTime, minutes: int) -> None:
    opening = terms.sessions_start_from
    if opening is not None and start.time() < opening:
        raise Refused(
            BEFORE_HOURS.with_params(
                time=show(start),
                start_from=opening.strftime("%H:%M"),
                source=terms.citation("sessions_start_from"),
            )
        )
    until = terms.sessions_end_by
    source = terms.citation("sessions_end_by")
    if terms.hours_bound is HoursBound.START:
        if start.time() > until:
            raise Refused(
                STARTS_AFTER_HOURS.with_params(
                    time=show(start), end_by=until.strftime("%H:%M"), source=source
                )
            )
        return
    end = start.add(minutes=minutes)
    if end.date() != start.date() or end.time() > until:
        raise Refused(
            AFTER_HOURS.with_params(
                minutes=minutes, time=show(start), end_by=until.strftime("%H:%M"), source=source
            )
        )
