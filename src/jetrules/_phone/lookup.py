"""Asking the telephone schedule: a year's sessions, the next session, whether the line is open.

Private: :mod:`jetrules.phone` is the face. Each question reads the schedule of the fiscal year
the instant falls in (in Tokyo), so a year without a published schedule raises ``NoRuleInForce``
unless the caller assumes another year's (``assume=``). A year's sessions are made once per
schedule and looked up by bisection.

>>> is_open("2020-05-20T18:00+09:00"), is_open("2020-05-20T21:00+09:00")
(True, False)
>>> print(next_session("2020-04-15T21:00+09:00").render("en"))
2020-04-22 (Wed) 17:30-21:00 Tokyo time: extra session
"""

from __future__ import annotations

import bisect
import functools

import pendulum

from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._kernel.fiscal import FiscalYear, fiscal_year_of, to_fiscal_year
from jetrules._kernel.policy import Policy
from jetrules._kernel.policyfile import FIRST_YEAR, LAST_YEAR
from jetrules._phone.editions import check_policy, terms_for
from jetrules._phone.session import PhoneSession
from jetrules.errors import OutOfRange

__all__ = ["is_open", "next_session", "session_at", "sessions_in"]


def _sessions(
    year: FiscalYear, policy: Policy | None, assume: FiscalYear | None
) -> tuple[PhoneSession, ...]:
    return terms_for(year, policy=policy, assume=assume).sessions()


_memo = functools.lru_cache(maxsize=256)(_sessions)


def _year_sessions(
    year: FiscalYear, policy: Policy | None, assume: FiscalYear | None
) -> tuple[PhoneSession, ...]:
    return _memo(year, policy, assume)


def _assumed(assume: FiscalYear | int | str | None) -> FiscalYear | None:
    return None if assume is None else to_fiscal_year(assume, "assume")


def sessions_in(
    fiscal_year: FiscalYear | int | str,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> tuple[PhoneSession, ...]:
    """Every session of *fiscal_year*, in order of start, none overlapping another.

    Args:
        fiscal_year: the year (``FiscalYear(2020)``, ``2020`` or ``"FY2020"``).
        policy: editions of the caller's laid over the bundled ones.
        assume: a year whose published schedule stands in for *fiscal_year*'s when it has none;
            the sessions made so say so (``origin="assumed"``, ``assumed_from``).

    Raises:
        NoRuleInForce: the year has no published schedule and none is assumed.

    >>> sessions = sessions_in(2020)
    >>> len(sessions), str(sessions[0].start), str(sessions[0].end)
    (20, '2020-04-15 17:30:00+09:00', '2020-04-15 21:00:00+09:00')
    >>> sessions_in(2021, assume=2020)[0].assumed_from
    FiscalYear(2020)
    """
    year = to_fiscal_year(fiscal_year)
    return _year_sessions(year, check_policy(policy), _assumed(assume))


def _instant(value: InstantLike, field: str) -> tuple[pendulum.DateTime, FiscalYear]:
    instant = to_instant(value, field)
    year = fiscal_year_of(instant.date(), field)
    if not FIRST_YEAR <= year.year <= LAST_YEAR:
        rule = f"must fall in FY{FIRST_YEAR} to FY{LAST_YEAR}, the years the calendar covers"
        raise OutOfRange.for_field(field, rule, value)
    return instant, year


def session_at(
    at: InstantLike,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> PhoneSession | None:
    """The session the line is open in at *at* (``start <= at < end``), or None when closed.

    Raises:
        NoRuleInForce: *at*'s fiscal year (in Tokyo) has no published schedule and none is
            assumed: whether the line is open then is not known.

    >>> print(session_at("2021-01-27T20:59:59+09:00").render("en"))
    2021-01-27 (Wed) 17:30-21:00 Tokyo time: weekly run
    """
    instant, year = _instant(at, "at")
    sessions = _year_sessions(year, check_policy(policy), _assumed(assume))
    index = bisect.bisect_right(sessions, instant, key=_start) - 1
    if index >= 0 and instant < sessions[index].end:
        return sessions[index]
    return None


def is_open(
    at: InstantLike,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> bool:
    """Whether the line is open at *at*: a session has started (at or before) and not ended.

    Raises:
        NoRuleInForce: as :func:`session_at`.

    >>> is_open("2020-05-13T18:00+09:00")  # the second Wednesday: no session
    False
    """
    return session_at(at, policy=policy, assume=assume) is not None


def next_session(
    after: InstantLike,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
) -> PhoneSession:
    """The first session that starts strictly after *after* (a session open at *after* is not it).

    So ``next_session(s.start - 1 minute) == s`` for every session ``s``, and
    ``next_session(s.start)`` is the session after ``s``; ask :func:`session_at` for the session
    in progress. After a year's last session, the search goes on into the next fiscal year.

    Raises:
        NoRuleInForce: a fiscal year searched (*after*'s, or the next) has no published
            schedule and none is assumed.

    >>> print(next_session("2020-04-15T17:30+09:00").start)
    2020-04-22 17:30:00+09:00
    >>> next_session("2021-03-17T21:00+09:00")
    Traceback (most recent call last):
    ...
    jetrules.errors.NoRuleInForce: no telephone counselling schedule is published for FY2021: ...
    """
    instant, year = _instant(after, "after")
    checked, donor = check_policy(policy), _assumed(assume)
    while True:
        sessions = _year_sessions(year, checked, donor)
        index = bisect.bisect_right(sessions, instant, key=_start)
        if index < len(sessions):
            return sessions[index]
        year = year.next()


def _start(session: PhoneSession) -> pendulum.DateTime:
    return session.start
