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


# --- calendar: holidays and business days -------------------------------------------------------

calendar_days = dates("1948-07-20", "2150-12-31")
"""Every day the holiday rules know."""
inner_calendar_days = dates("1950-01-01", "2148-12-31")
"""Days far enough inside the range that a few hundred business days either way stay in it."""
calendar_years = st.integers(min_value=1948, max_value=2150)
