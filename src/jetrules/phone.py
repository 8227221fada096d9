"""Telephone counselling (free dial): the line's schedule, its sessions, whether it is open now.

The programme's free-dial line is open at published times in Tokyo, with no booking: the third
Wednesday of each month from 17:30 to 21:00, and dated extra sessions. A session is open from its
start (inclusive) to its end (exclusive), aware instants in Asia/Tokyo. :func:`sessions_in` lists
a fiscal year's sessions, :func:`next_session` finds the first to start strictly after an
instant, :func:`is_open` and :func:`session_at` say whether the line is open at one.

The schedule of each fiscal year is data: the editions of ``jetrules/policy/phone.toml``, each
parameter with the source that states it or our reading (:func:`editions`, :func:`terms_for`).
Only FY2020's is published (CLAIR News, April 2020 and January 2021: the regular sessions, extra
sessions on 22 and 28 April 2020, every Wednesday from 13 January to 3 March 2021). Another year
raises ``NoRuleInForce`` unless the caller assumes a published year's schedule (``assume=``):
its regular day and hours, never its dated sessions; every session made so says so.

>>> from jetrules import FiscalYear
>>> sessions = sessions_in(FiscalYear(2020))
>>> print(sessions[0].render("en"))
2020-04-15 (Wed) 17:30-21:00 Tokyo time: regular session
>>> is_open("2020-05-20T18:00+09:00"), is_open("2020-05-20T21:00+09:00")
(True, False)
>>> print(next_session("2020-04-22T17:29+09:00").render("ja"))
2020-04-22（水）17:30-21:00（日本時間）：臨時開設
>>> is_open("2021-06-16T18:00+09:00")
Traceback (most recent call last):
...
jetrules.errors.NoRuleInForce: no telephone counselling schedule is published for FY2021: ...
>>> print(next_session("2021-06-01T00:00+09:00", assume=FiscalYear(2020)).render("en"))
2021-06-16 (Wed) 17:30-21:00 Tokyo time: regular session (under FY2020's schedule, assumed)
"""

from jetrules._phone.editions import EDITIONS, editions, terms_for
from jetrules._phone.lookup import is_open, next_session, session_at, sessions_in
from jetrules._phone.schedule import PARAMETERS, REQUIRED, SERVICE, PhoneSchedule
from jetrules._phone.session import RECORD_COLUMNS, PhoneSession, SessionKind
from jetrules._phone.values import Hours, MonthlyDay, Week, Weekday, WeeklyRun

__all__ = [
    "EDITIONS",
    "PARAMETERS",
    "RECORD_COLUMNS",
    "REQUIRED",
    "SERVICE",
    "Hours",
    "MonthlyDay",
    "PhoneSchedule",
    "PhoneSession",
    "SessionKind",
    "Week",
    "Weekday",
    "WeeklyRun",
    "editions",
    "is_open",
    "next_session",
    "session_at",
    "sessions_in",
    "terms_for",
]
