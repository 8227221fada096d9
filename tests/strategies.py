"""Hypothesis strategies shared by the tests; values are built only through public constructors."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from jetrules import FiscalYear, Yen

yen_amounts = st.integers(min_value=0, max_value=10**9)
yens = yen_amounts.map(Yen)


def dates(first: str = "1900-01-01", last: str = "2200-12-31") -> st.SearchStrategy[dt.date]:
    """Plain dates from *first* to *last*, both included."""
    return st.dates(dt.date.fromisoformat(first), dt.date.fromisoformat(last))


fiscal_years = st.integers(min_value=1900, max_value=2200).map(FiscalYear)


# --- booking ------------------------------------------------------------------------------------

TOKYO_OFFSET = dt.timezone(dt.timedelta(hours=9))


def tokyo(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """An aware datetime at *hour*:*minute* on *day* in Tokyo (UTC+9, no daylight saving)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO_OFFSET)


session_minutes = st.sampled_from([20, 40])


@st.composite
def session_starts(draw: st.DrawFn, minutes: int, first: str, last: str) -> dt.datetime:
    """A start on a business day of SERVICE_CALENDAR, on the half hour, ending by 21:30."""
    from jetrules.calendar import SERVICE_CALENDAR

    day = draw(dates(first, last).filter(SERVICE_CALENDAR.is_business_day))
    latest = 21 * 60 + 30 - minutes
    slot = draw(st.integers(9 * 2, latest // 30))
    return tokyo(day, slot // 2, 30 * (slot % 2))


@st.composite
def confirmed_appointments(
    draw: st.DrawFn, first: str = "2020-04-01", last: str = "2021-03-31", participants: int = 2
) -> object:
    """A scheduled appointment of FY2020, signed up for 40 days ahead, by one of a few people."""
    from jetrules.booking import SignUp

    minutes = draw(session_minutes)
    start = draw(session_starts(minutes, first, last))
    sign_up = SignUp(
        participant=f"P-{draw(st.integers(1, participants))}",
        requested_at=start - dt.timedelta(days=40),
        preferred_times=[start],
        minutes=minutes,
        language=draw(st.sampled_from(["en", "ja"])),
    )
    return sign_up.confirm(start, id=f"A-{draw(st.uuids())}")


outcomes = st.sampled_from(["scheduled", "completed", "missed", "cancelled"])
