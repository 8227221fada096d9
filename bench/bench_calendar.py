"""Holidays and business days, side by side with numpy, python-holidays and jpholiday.

Each comparison runs the same questions through every library and checks that the answers agree
before it reports the times, so a faster figure never hides a different answer.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

import holidays
import jpholiday
import numpy as np

from jetrules.calendar import SERVICE_CALENDAR, holidays_in

SAMPLE = 20_000
REPEAT = 5
STEP = 3  # the reply deadline: three business days
YEAR_END = ((1, 1), (1, 2), (1, 3), (12, 29), (12, 30), (12, 31))


def _best(function: Callable[[], object]) -> float:
    """Best of REPEAT runs, in seconds."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def _per_call_us(function: Callable[[], object], calls: int) -> float:
    return _best(function) / calls * 1e6


def _fresh_process_ms(code: str, runs: int = 11) -> float:
    """Median wall time, in a new interpreter each run, that *code* prints (in ms)."""
    values = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        values.append(float(result.stdout))
    return statistics.median(values)


def _closed_days(first: int, last: int) -> list[dt.date]:
    days = [h.date for year in range(first, last + 1) for h in holidays_in(year)]
    days += [dt.date(year, m, d) for year in range(first, last + 1) for m, d in YEAR_END]
    return sorted(set(days))


def _line(name: str, ours: float, theirs: float, goal: float | None = None) -> str:
    ratio = theirs / ours
    verdict = (
        "" if goal is None else f"  (goal >= {goal:g}x: {'met' if ratio >= goal else 'MISSED'})"
    )
    return f"  {name:<46} {theirs:8.2f} us/call   ours {ratio:6.1f}x faster{verdict}"


def _report(title: str, ours: float, rows: Sequence[tuple[str, float, float | None]]) -> None:
    print(f"{title}: jetrules {ours:.2f} us/call")
    for name, theirs, goal in rows:
        print(_line(name, ours, theirs, goal))


def _vectorised(days: list[dt.date], ours_added: list[dt.date]) -> None:
    """numpy over the whole array at once, with the calendar handed over by to_numpy."""
    start = time.perf_counter()
    exported = SERVICE_CALENDAR.to_numpy(1999, 2032)
    export_ms = (time.perf_counter() - start) * 1000
    array = np.array(days, dtype="datetime64[D]")
    assert (
        np.busday_offset(array, STEP, roll="backward", busdaycal=exported).astype(object).tolist()
        == ours_added
    ), "numpy with SERVICE_CALENDAR.to_numpy disagrees"
    per_date = _per_call_us(
        lambda: np.busday_offset(array, STEP, roll="backward", busdaycal=exported), SAMPLE
    )
    print(
        f"SERVICE_CALENDAR.to_numpy(1999, 2032): {export_ms:.1f} ms; then numpy.busday_offset "
        f"over all {SAMPLE:,} days at once: {per_date:.3f} us per date (same answers)"
    )


def main() -> None:
    rng = random.Random(20190501)
    start, span = (
        dt.date(2000, 1, 1).toordinal(),
        (dt.date(2030, 12, 31) - dt.date(2000, 1, 1)).days,
    )
    days = [dt.date.fromordinal(start + rng.randrange(span)) for _ in range(SAMPLE)]
    closed = _closed_days(1999, 2032)
    closed_set = set(closed)
    numpy_holidays = np.array(closed, dtype="datetime64[D]")
    numpy_calendar = np.busdaycalendar(holidays=numpy_holidays)
    japan = holidays.Japan(years=range(1999, 2033))

    # the first call, which builds the tables, in a fresh interpreter each time
    first_ms = _fresh_process_ms(
        "import time; from jetrules.calendar import SERVICE_CALENDAR as c; "
        "t = time.perf_counter(); c.add_business_days('2019-12-27', 3); "
        "print((time.perf_counter() - t) * 1000)"
    )
    whole_ms = _fresh_process_ms(
        "import time; from jetrules.calendar import SERVICE_CALENDAR as c; "
        "t = time.perf_counter(); c.business_days_between('1948-07-20', '2150-12-31'); "
        "print((time.perf_counter() - t) * 1000)"
    )
    goal = "met" if first_ms < 20 else "MISSED"
    print(f"first call (bundled list read, tables for one year built): {first_ms:.2f} ms")
    print(f"  (goal < 20 ms: {goal})")
    print(f"every year's tables, 1948-2150 (a count over the whole range): {whole_ms:.2f} ms")

    # warm every table, then check that all answers agree before timing
    cal = SERVICE_CALENDAR
    ours_open = [cal.is_business_day(d) for d in days]
    assert ours_open == [
        d.weekday() < 5 and d not in japan and d not in closed_set for d in days
    ], "python-holidays disagrees"
    assert ours_open == [
        d.weekday() < 5 and not jpholiday.is_holiday(d) and d not in closed_set for d in days
    ], "jpholiday disagrees"
    assert ours_open == [bool(np.is_busday(d, busdaycal=numpy_calendar)) for d in days]

    def loop_add(is_closed: Callable[[dt.date], bool]) -> Callable[[dt.date, int], dt.date]:
        def add(day: dt.date, n: int) -> dt.date:
            while n:
                day += dt.timedelta(days=1)
                if day.weekday() < 5 and not is_closed(day):
                    n -= 1
            return day

        return add

    holidays_add = loop_add(lambda d: d in japan or (d.month, d.day) in YEAR_END)
    jpholiday_add = loop_add(lambda d: jpholiday.is_holiday(d) or (d.month, d.day) in YEAR_END)
    ours_added = [cal.add_business_days(d, STEP) for d in days]
    assert ours_added == [holidays_add(d, STEP) for d in days[:2000]] + ours_added[2000:]
    assert ours_added[:2000] == [jpholiday_add(d, STEP) for d in days[:2000]]
    assert ours_added[:2000] == [
        np.busday_offset(d, STEP, roll="backward", holidays=numpy_holidays).item()
        for d in days[:2000]
    ]
    print(f"answers agree on {SAMPLE:,} random days of 2000-2030 (4 libraries)\n")

    ours = _per_call_us(lambda: [cal.is_business_day(d) for d in days], SAMPLE)
    _report(
        "is_business_day(day)",
        ours,
        [
            (
                "python-holidays: day in holidays.Japan()",
                _per_call_us(lambda: [d in japan for d in days], SAMPLE),
                3,
            ),
            (
                "python-holidays: weekday, holiday and year end",
                _per_call_us(
                    lambda: [
                        d.weekday() < 5 and d not in japan and d not in closed_set for d in days
                    ],
                    SAMPLE,
                ),
                None,
            ),
            (
                "jpholiday.is_holiday(day)",
                _per_call_us(lambda: [jpholiday.is_holiday(d) for d in days], SAMPLE),
                None,
            ),
            (
                "numpy.is_busday(day, holidays=list) per date",
                _per_call_us(
                    lambda: [np.is_busday(d, holidays=numpy_holidays) for d in days[:2000]], 2000
                ),
                None,
            ),
        ],
    )
    ours = _per_call_us(lambda: [cal.add_business_days(d, STEP) for d in days], SAMPLE)
    _report(
        f"add_business_days(day, {STEP})",
        ours,
        [
            (
                "numpy.busday_offset(holidays=list) per date",
                _per_call_us(
                    lambda: [
                        np.busday_offset(d, STEP, roll="backward", holidays=numpy_holidays)
                        for d in days[:2000]
                    ],
                    2000,
                ),
                5,
            ),
            (
                "numpy.busday_offset(busdaycal=) per date",
                _per_call_us(
                    lambda: [
                        np.busday_offset(d, STEP, roll="backward", busdaycal=numpy_calendar)
                        for d in days[:2000]
                    ],
                    2000,
                ),
                None,
            ),
            (
                "python-holidays day-by-day loop",
                _per_call_us(lambda: [holidays_add(d, STEP) for d in days[:2000]], 2000),
                5,
            ),
            (
                "jpholiday day-by-day loop",
                _per_call_us(lambda: [jpholiday_add(d, STEP) for d in days[:2000]], 2000),
                None,
            ),
        ],
    )
    _vectorised(days, ours_added)
    far = 2_000  # about eight years of business days
    ours = _per_call_us(lambda: [cal.add_business_days(d, far) for d in days[:2000]], 2000)
    _report(
        f"add_business_days(day, {far})",
        ours,
        [
            (
                "numpy.busday_offset(holidays=list) per date",
                _per_call_us(
                    lambda: [
                        np.busday_offset(d, far, roll="backward", holidays=numpy_holidays)
                        for d in days[:2000]
                    ],
                    2000,
                ),
                None,
            ),
            (
                "python-holidays day-by-day loop",
                _per_call_us(lambda: [holidays_add(d, far) for d in days[:50]], 50),
                None,
            ),
        ],
    )


if __name__ == "__main__":
    main()
