"""Assessing 100,000 receipts of 10,000 participants: the per-receipt time should stay flat."""

from __future__ import annotations

import random
import time

import attrs
import pendulum

from jetrules.subsidy import Ledger, Place, Receipt, assess

PARTICIPANTS = 10_000
RECEIPTS = 100_000
RUNS = 3


def _receipts(count: int, participants: int, seed: int = 2019) -> list[Receipt]:
    """*count* receipts of FY2019 and FY2020, some insured, some abroad, many crossing the cap."""
    rng = random.Random(seed)
    first = pendulum.Date(2019, 4, 1)
    return [
        Receipt(
            id=f"R{n:06d}",
            participant=f"JET-{rng.randrange(participants):05d}",
            service_date=first.add(days=rng.randrange(730)),
            amount=rng.choice((5_500, 7_001, 8_800, 11_000, 15_000)),
            insured=rng.random() < 0.05,
            mental_health_professional=rng.random() < 0.97,
            place=Place.ABROAD if rng.random() < 0.03 else Place.JAPAN,
        )
        for n in range(count)
    ]


def _best_seconds(receipts: list[Receipt]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        assess(receipts)
        best = min(best, time.perf_counter() - start)
    return best


def _best_add_seconds(earlier: Ledger, new: list[Receipt]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        earlier.add(new)
        best = min(best, time.perf_counter() - start)
    return best


def _adding(everything: list[Receipt]) -> None:
    """A portal adding claims as they arrive: the time should follow the receipts added (and the
    statements they touch), not the size of the ledger they are added to."""
    arriving = _receipts(1_000, PARTICIPANTS, seed=2020)
    arriving = [attrs.evolve(r, id=f"N{n:04d}") for n, r in enumerate(arriving)]
    for size in (1_000, RECEIPTS):
        # a ledger that itself came from an addition, as a portal's would
        earlier = assess(everything[: size - 1]).add(everything[size - 1 : size])
        for count in (1, 1_000):
            seconds = _best_add_seconds(earlier, arriving[:count])
            assert earlier.add(arriving[:count]) == assess([*everything[:size], *arriving[:count]])
            print(
                f"add {count:>5,} receipt(s) to a ledger of {size:>7,}: "
                f"{seconds * 1000:8.3f} ms (best of {RUNS}; same as all at once)"
            )


def main() -> None:
    start = time.perf_counter()
    everything = _receipts(RECEIPTS, PARTICIPANTS)
    built = time.perf_counter() - start
    print(
        f"building {RECEIPTS:,} Receipt values: {built:.2f} s "
        f"({built / RECEIPTS * 1e6:.1f} µs per receipt)"
    )
    for count in (1_000, 10_000, RECEIPTS):
        seconds = _best_seconds(everything[:count])
        print(
            f"assess {count:>7,} receipts: {seconds * 1000:8.1f} ms "
            f"= {seconds / count * 1e6:5.1f} µs per receipt (best of {RUNS})"
        )
    ledger = assess(everything)
    print(f"-> {len(ledger):,} statements, {sum(int(s.total_subsidy) for s in ledger):,} yen paid")
    # Claims arriving through the year: the last 1,000 receipts added to a ledger of 99,000.
    earlier = assess(everything[:-1_000])
    start = time.perf_counter()
    added = earlier.add(everything[-1_000:])
    seconds = time.perf_counter() - start
    assert added == ledger
    print(
        f"add 1,000 receipts to a ledger of {RECEIPTS - 1_000:,}: {seconds * 1000:.1f} ms "
        "(same statements as all at once)"
    )
    _adding(everything)


if __name__ == "__main__":
    main()
