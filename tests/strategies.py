"""Hypothesis strategies shared by the tests; values are built only through public constructors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from jetrules import FiscalYear, Yen

yen_amounts = st.integers(min_value=0, max_value=10**9)
yens = yen_amounts.map(Yen)


def dates(first: str = "1900-01-01", last: str = "2200-12-31") -> st.SearchStrategy[dt.date]:
    """Plain dates from *first* to *last*, both included."""
    return st.dates(dt.date.fromisoformat(first), dt.date.fromisoformat(last))


fiscal_years = st.integers(min_value=1900, max_value=2200).map(FiscalYear)


# --- subsidy (Counselling Assistance Programme) ---------------------------------------------

from jetrules.subsidy import Place, Receipt  # noqa: E402

SUBSIDY_PARTICIPANTS = ("P-001", "P-002", "P-003")


def receipt_lists(
    first: str = "2015-04-01",
    last: str = "2026-03-31",
    max_size: int = 30,
    *,
    currencies: bool = False,
) -> st.SearchStrategy[list[Receipt]]:
    """Receipts with unique ids, for a few participants, over several fiscal years.

    Amounts are small or large enough to cross the caps; some are insured, some not by a
    professional, some abroad; the years include ones with no published terms (FY2015, FY2022).
    With *currencies*, some are paid in dollars or euros (the amount read as cents) at a few
    rates, written in several ways (``149.5``, ``149.50``).
    """
    paid_in = (
        st.one_of(
            st.none(),
            st.tuples(st.sampled_from(["USD", "EUR"]), st.sampled_from(["149.5", "149.50", "100"])),
        )
        if currencies
        else st.none()
    )
    row = st.tuples(
        st.sampled_from(SUBSIDY_PARTICIPANTS),
        dates(first, last),
        st.one_of(st.integers(1, 20), st.integers(1, 30_000), st.sampled_from([7_001, 10_000])),
        st.booleans(),
        st.booleans(),
        st.sampled_from(list(Place)),
        st.integers(0, 10**6),
        paid_in,
    )

    def build(rows: list[tuple[Any, ...]]) -> list[Receipt]:
        return [
            Receipt(
                id=f"r{tag}-{index}",
                participant=participant,
                service_date=day,
                amount=Yen(amount) if money is None else Decimal(amount) / 100,
                insured=insured and amount % 3 == 0,
                mental_health_professional=professional or amount % 2 == 0,
                place=place,
                currency=None if money is None else money[0],
                jpy_per_unit=None if money is None else money[1],
            )
            for index, (participant, day, amount, insured, professional, place, tag, money) in (
                enumerate(rows)
            )
        ]

    return st.lists(row, max_size=max_size).map(build)


# --- calendar: holidays and business days -------------------------------------------------------

calendar_days = dates("1948-07-20", "2150-12-31")
"""Every day the holiday rules know."""
inner_calendar_days = dates("1950-01-01", "2148-12-31")
"""Days far enough inside the range that a few hundred business days either way stay in it."""
calendar_years = st.integers(min_value=1948, max_value=2150)


# --- booking ------------------------------------------------------------------------------------

from jetrules.booking import Appointment, SignUp  # noqa: E402
from jetrules.calendar import SERVICE_CALENDAR  # noqa: E402

TOKYO_OFFSET = dt.timezone(dt.timedelta(hours=9))


def tokyo(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """An aware datetime at *hour*:*minute* on *day* in Tokyo (UTC+9, no daylight saving)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO_OFFSET)


session_minutes = st.sampled_from([20, 40])


@st.composite
def session_starts(draw: st.DrawFn, minutes: int, first: str, last: str) -> dt.datetime:
    """A start on a business day of SERVICE_CALENDAR, on the half hour, ending by 21:30."""
    day = draw(dates(first, last).filter(SERVICE_CALENDAR.is_business_day))
    latest = 21 * 60 + 30 - minutes
    slot = draw(st.integers(9 * 2, latest // 30))
    return tokyo(day, slot // 2, 30 * (slot % 2))


@st.composite
def confirmed_appointments(
    draw: st.DrawFn, first: str = "2020-04-01", last: str = "2021-03-31", participants: int = 2
) -> Appointment:
    """A scheduled appointment of FY2020, signed up for 40 days ahead, by one of a few people."""
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


# --- threads (Web Mail Counselling) -------------------------------------------------------------

from jetrules.threads import ContractCode, Registration, Thread  # noqa: E402

TOKYO_ZONE = dt.timezone(dt.timedelta(hours=9))
thread_code = ContractCode(code="kokoro-2019", valid_from="2019-01-01", valid_to="2021-12-31")

message_lines = st.text(
    alphabet=st.sampled_from("abcxyz 相談です。ＡＢＣ　!?"), min_size=0, max_size=12
)
message_texts = (
    st.lists(message_lines, min_size=1, max_size=30)
    .filter(lambda lines: any(line.strip() for line in lines))
    .map("\n".join)
)
"""Texts a message may hold: 1 to 30 lines, not blank, English and full-width Japanese."""

thread_instants = st.datetimes(
    min_value=dt.datetime(2019, 4, 1), max_value=dt.datetime(2021, 3, 31, 23, 59)
).map(lambda moment: moment.replace(second=0, microsecond=0, tzinfo=TOKYO_ZONE))
"""Aware instants in FY2019-FY2020 (editions exist, the code is valid), written at +09:00."""

gaps = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=9)).map(
    lambda gap: dt.timedelta(minutes=gap // dt.timedelta(minutes=1))
)
"""Time between two messages: none to nine days, in whole minutes."""


@st.composite
def threads(draw: st.DrawFn, *, max_messages: int = 6) -> Thread:
    """A thread built the way the service builds one: register, confirm, open, then take turns."""
    opened = draw(thread_instants)
    registration = Registration.submit(
        participant=draw(st.sampled_from(["jet-0001", "jet-0042"])),
        code="kokoro-2019",
        codes=[thread_code],
        at=opened,
    ).confirm(opened)
    thread = registration.open_thread(
        id=draw(st.sampled_from(["T1", "T2", "W-9"])),
        at=opened,
        text=draw(message_texts),
        language=draw(st.sampled_from(["en", "ja"])),
    )
    at = opened
    for count in range(1, draw(st.integers(1, max_messages))):
        at = at + draw(gaps)
        text = draw(message_texts)
        thread = thread.reply(at, text) if count % 2 else thread.follow_up(at, text)
    return thread
