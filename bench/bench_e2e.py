"""`jetrules subsidy` end to end: a file of receipts in, CSV or a table out, beside csv.DictReader.

For 100,000 and 1,000,000 generated receipts (10 per participant, FY2019 and FY2020, some
insured, some abroad, a few with their own arrival day), each run is the command as a user runs
it, in a fresh process, writing to /dev/null: its wall time (best of 3 up to 100,000 receipts,
else one run) and peak memory (the child's maximum resident set, from ``os.wait4``), with
jetrules' modules compiled as an installed package has them (:func:`installed_env`). Beside it,
the time ``csv.DictReader`` takes just to read the same file in this process, measured in the
same run. The goals (issue 12): 100,000 receipts to
CSV within 5x the csv.DictReader time, under 200 MB; 1,000,000 receipts under 1 GB.

Run it alone (``python bench/bench_e2e.py [--sizes 100000 ...] [--keep DIR]``) or through
``make bench``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from jetrules._kernel.output import write_csv_lines
from jetrules.records import read_receipt_rows
from jetrules.records._tabular import open_table
from jetrules.records.receipts import OPTIONAL_RECEIPT_FIELDS, RECEIPT_FIELDS, read_receipts
from jetrules.subsidy import RECORD_COLUMNS, assess, csv_lines_of_rows

HEADER = (
    "id,participant,service_date,amount,insured,mental_health_professional,place,submitted_on\n"
)
SIZES = (100_000, 1_000_000)
FORMATS = ("csv", "table")
GOALS = {  # (receipts, format): (most times csv.DictReader, most MB)
    (100_000, "csv"): (5.0, 200.0),
    (1_000_000, "csv"): (None, 1024.0),
    (1_000_000, "table"): (None, 1024.0),
}


def write_receipts(path: Path, count: int, seed: int = 2019) -> None:
    """Write *count* receipts to *path* as a claims file a programme office would hold."""
    rng = random.Random(seed)
    first = dt.date(2019, 4, 1)
    days = [(first + dt.timedelta(days=n)).isoformat() for n in range(730)]
    participants = max(count // 10, 1)
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(HEADER)
        for number in range(count):
            day = rng.randrange(730)
            amount = rng.choice((5_500, 7_001, 8_800, 11_000, 15_000))
            arrived = days[min(day + 20, 729)] if rng.random() < 0.02 else ""
            file.write(
                f'R{number:07d},JET-{rng.randrange(participants):06d},{days[day]},"¥{amount:,}",'
                f"{'yes' if rng.random() < 0.05 else 'no'},"
                f"{'yes' if rng.random() < 0.97 else 'no'},"
                f"{'abroad' if rng.random() < 0.03 else 'japan'},{arrived}\n"
            )


def dict_reader_seconds(path: Path) -> float:
    """The time csv.DictReader takes to read every row of *path* (best of 3)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as file:
            for _row in csv.DictReader(file):
                pass
        best = min(best, time.perf_counter() - start)
    return best


FLOOR = r"""
import csv, gc, sys
gc.disable()
with open(sys.argv[1], encoding="utf-8", newline="") as file:
    rows = csv.reader(file)
    next(rows)
    by_participant = {}
    for row in rows:
        by_participant.setdefault(row[1], []).append(row)
amounts, lines = {}, []
for participant in sorted(by_participant):
    year, total, paid = None, 0, 0
    for ident, _, day, amount, insured, professional, place, arrived in sorted(
        by_participant[participant], key=lambda row: (row[2], row[0])
    ):
        yen = amounts.get(amount)
        if yen is None:
            yen = amounts[amount] = int(amount.strip("¥").replace(",", ""))
        fiscal = int(day[:4]) - (day[5:7] < "04")
        if fiscal != year:
            year, total, paid = fiscal, 0, 0
        if insured == "yes" or professional == "no":
            eligible = subsidy = 0
        else:
            eligible = yen
            total += yen
            subsidy = min(50_000, total // 2) - paid
            paid += subsidy
        lines.append(
            f"{participant},{fiscal},{ident},{day},{yen},{insured},{professional},{place},"
            f"{arrived},{eligible},{subsidy},0,CODE,explanation,{fiscal},source,published,,,,\n"
        )
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.writelines(lines)
"""
"""The least a Python program takes to write lines of the command's shape from the file: read
with ``csv.reader``, grouped by participant, sorted by day, each amount parsed once, a running
total capped per fiscal year, one f-string per receipt. No check, no reason, no text: a floor
for any Python implementation of the command on this machine, not a rival to it."""


def floor_run(path: Path) -> float:
    """Wall seconds of :data:`FLOOR` on *path* in a fresh process (best of 3)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", FLOOR, str(path), os.devnull], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def installed_env(folder: Path) -> dict[str, str]:
    """The environment of a command run: jetrules' modules compiled once, as installed.

    pip compiles a package's modules when it installs it; a checkout run with
    ``PYTHONDONTWRITEBYTECODE`` set (as on some machines) would compile every module on every run
    (about 60 ms) and time that instead. Here the modules' bytecode is kept under *folder*
    (``PYTHONPYCACHEPREFIX``), written by a first run that is not timed.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def command_run(
    path: Path, form: str, env: dict[str, str] | None = None, repeat: int = 1
) -> tuple[float, float]:
    """Wall seconds (best of *repeat*) and peak MB of ``jetrules subsidy PATH --format FORM``.

    Each run is a fresh process, with the environment *env* (:func:`installed_env`).
    """
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        seconds, peak_mb = _command_once(path, form, env)
        best, peak = min(best, seconds), max(peak, peak_mb)
    return best, peak


def _command_once(path: Path, form: str, env: dict[str, str] | None) -> tuple[float, float]:
    argv = [sys.executable, "-m", "jetrules", "subsidy", str(path), "--format", form]
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.stderr is not None
    errors = child.stderr.read().decode()
    child.stderr.close()
    if child.returncode:
        raise SystemExit(f"jetrules subsidy failed ({child.returncode}): {errors}")
    return seconds, usage.ru_maxrss / 1024  # Linux gives kB


def stages(path: Path, reading: float) -> None:
    """Print where the time of the CSV run goes, stage by stage, in this process (one run each).

    The garbage collector is off, as the command has it.
    """
    gc.disable()
    try:
        timings = []
        start = time.perf_counter()
        fast_rows = read_receipt_rows(path)
        timings.append(("read_receipt_rows (the command's path)", time.perf_counter() - start))
        assert fast_rows is not None
        start = time.perf_counter()
        made = csv_lines_of_rows(fast_rows)
        write_csv_lines(io.StringIO(), RECORD_COLUMNS, made.lines)
        timings.append(("csv_lines_of_rows, written", time.perf_counter() - start))
        start = time.perf_counter()
        rows = sum(
            1 for _ in open_table(path, required=RECEIPT_FIELDS, optional=OPTIONAL_RECEIPT_FIELDS)
        )
        timings.append(("rows of the file (the path of other files)", time.perf_counter() - start))
        start = time.perf_counter()
        receipts = read_receipts(path)
        timings.append(("read_receipts: rows, cells, Receipt()", time.perf_counter() - start))
        start = time.perf_counter()
        ledger = assess(receipts)
        timings.append(("assess", time.perf_counter() - start))
        start = time.perf_counter()
        lines = list(ledger.iter_csv("en"))
        timings.append(("Ledger.iter_csv", time.perf_counter() - start))
        start = time.perf_counter()
        write_csv_lines(io.StringIO(), RECORD_COLUMNS, lines)
        timings.append(("write_csv_lines", time.perf_counter() - start))
    finally:
        gc.enable()
    assert rows == len(receipts)
    for name, seconds in timings:
        print(f"    {name:<40} {seconds:6.2f}s  {seconds / reading:5.1f}x csv.DictReader")


def _verdict(count: int, form: str, ratio: float, peak: float) -> str:
    goal = GOALS.get((count, form))
    if goal is None:
        return ""
    most_ratio, most_mb = goal
    parts = []
    if most_ratio is not None:
        parts.append(f"{'ok' if ratio <= most_ratio else 'MISSED'} <= {most_ratio:g}x")
    if most_mb is not None:
        parts.append(f"{'ok' if peak < most_mb else 'MISSED'} < {most_mb:,.0f} MB")
    return ", ".join(parts)


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the files, run the command on each, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--keep", type=Path, help="write the generated files here, keep them")
    parser.add_argument(
        "--stages", action="store_true", help="also time the CSV run's stages in this process"
    )
    args = parser.parse_args([] if argv is None and __name__ != "__main__" else argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(
            f"{'receipts':>9}  {'file':>7}  {'DictReader':>10}  {'format':>6}  "
            f"{'wall':>7}  {'ratio':>6}  {'peak':>8}  goal"
        )
        write_receipts(folder / "one-receipt.csv", 1)
        for count in args.sizes:
            path = folder / f"receipts-{count}.csv"
            if not path.exists():
                write_receipts(path, count)
            size = path.stat().st_size / 1024 / 1024
            reading = dict_reader_seconds(path)
            env = installed_env(folder)
            command_run(path.with_name("one-receipt.csv"), "csv", env)  # compiles, not timed
            for form in FORMATS:
                seconds, peak = command_run(path, form, env, repeat=3 if count <= 100_000 else 1)
                ratio = seconds / reading
                print(
                    f"{count:>9,}  {size:>5.1f}MB  {reading:>9.2f}s  {form:>6}  "
                    f"{seconds:>6.2f}s  {ratio:>5.1f}x  {peak:>5.0f} MB  "
                    f"{_verdict(count, form, ratio, peak)}",
                    flush=True,
                )
            floor = floor_run(path)
            print(
                f"{count:>9,}  {size:>5.1f}MB  {reading:>9.2f}s  {'floor':>6}  "
                f"{floor:>6.2f}s  {floor / reading:>5.1f}x  (a bare Python loop: bench_e2e.FLOOR)",
                flush=True,
            )
            if args.stages:
                stages(path, reading)
    print(
        "wall: the whole command in a fresh process (start-up, reading, assessing, writing to "
        "/dev/null; best of 3 up to 100,000 receipts); ratio: wall / csv.DictReader reading the "
        "same file (best of 3); peak: the "
        f"child's maximum resident set. Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.2f}."
    )


if __name__ == "__main__":
    main()
