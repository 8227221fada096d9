"""Start-up: the calendar's import and first answer, and `jetrules deadline`, beside a bare Python.

Every command runs in a fresh interpreter, as a shell runs it, many times and interleaved with the
others (one run of each per round, in turn), so that a slower spell of the machine weighs on all
of them alike; as hyperfine does, warm-up runs come first and each figure is a mean with its
standard deviation, a median and a minimum of the wall time, with the median CPU time (user and
system, which waiting for a busy machine does not add to). Bytecode is cached, as for an
installed package.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

RUNS = 40
WARMUP = 3
RECEIVED = "2019-04-27T09:00+09:00"  # Golden Week: ten closed days, each named in the answer
BASE = "import attrs, pendulum"
FIRST_ANSWER = (
    "import attrs, pendulum; from jetrules.calendar import SERVICE_CALENDAR; "
    "SERVICE_CALENDAR.add_business_days('2019-12-27', 3)"
)
FIRST_DEADLINE = (
    f"import attrs, pendulum; from jetrules.calendar import deadline; deadline('{RECEIVED}')"
)
IN_PROCESS = """
import time, attrs, pendulum
start, start_cpu = time.perf_counter(), time.process_time()
from jetrules.calendar import SERVICE_CALENDAR
SERVICE_CALENDAR.add_business_days('2019-12-27', 3)
print((time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000)
"""


def _command() -> list[str]:
    """The `jetrules` console script beside this Python (the one pip installs), else -m."""
    script = shutil.which("jetrules", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "jetrules"]


def environment(cache: str) -> dict[str, str]:
    """The environment for every run: compiled bytecode kept, in a folder of its own."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _run(argv: Sequence[str], env: Mapping[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of *argv*, in ms; it must succeed."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, argv)
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def interleaved(
    commands: Mapping[str, Sequence[str]], env: Mapping[str, str]
) -> dict[str, tuple[list[float], list[float]]]:
    """RUNS wall and CPU times of each command, one run of each per round, after WARMUP rounds."""
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    for round_number in range(WARMUP + RUNS):
        for name, argv in commands.items():
            wall, cpu = _run(argv, env)
            if round_number >= WARMUP:
                times[name][0].append(wall)
                times[name][1].append(cpu)
    return times


def _in_process(env: Mapping[str, str]) -> tuple[list[float], list[float]]:
    """The import plus first answer timed inside each interpreter, after attrs and pendulum:
    wall and CPU times, in ms."""
    wall, cpu = [], []
    for _ in range(RUNS):
        result = subprocess.run(
            [sys.executable, "-c", IN_PROCESS], check=True, env=env, capture_output=True, text=True
        )
        elapsed, used = result.stdout.split()
        wall.append(float(elapsed))
        cpu.append(float(used))
    return wall, cpu


def _describe(values: Sequence[float]) -> str:
    return (
        f"{statistics.mean(values):6.1f} ms ± {statistics.stdev(values):4.1f}"
        f"   median {statistics.median(values):6.1f}   min {min(values):6.1f}"
    )


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _report(
    times: Mapping[str, tuple[list[float], list[float]]], inside: tuple[list[float], list[float]]
) -> None:
    width = max(len(name) for name in times)
    print(f"{RUNS} runs of each, interleaved, after {WARMUP} warm-up rounds (fresh interpreters):")
    for name, (wall, cpu) in times.items():
        cpu_median = statistics.median(cpu)
        print(f"  {name:<{width}}  wall {_describe(wall)}   cpu median {cpu_median:6.1f}")
    (base, base_cpu), (first, _), (first_deadline, _), (cli, cli_cpu) = (
        (statistics.median(wall), statistics.median(cpu)) for wall, cpu in times.values()
    )
    inside_wall, inside_cpu = inside
    print(
        f"calendar import + first answer, timed inside the interpreter: {_describe(inside_wall)}"
        f"   cpu median {statistics.median(inside_cpu):.1f}"
        f"  (goal < 20 ms: {_verdict(statistics.median(inside_wall) < 20)})"
    )
    print(
        f"  the same from outside, median over the bare Python: {first - base:.1f} ms "
        f"(first deadline: {first_deadline - base:.1f} ms)"
    )
    ratio = cli / base
    print(
        f"jetrules deadline / bare python, wall medians: {ratio:.2f}x "
        f"(goal <= 1.3x: {_verdict(ratio <= 1.3)}), {cli - base:.1f} ms more; "
        f"cpu medians: {cli_cpu / base_cpu:.2f}x"
    )


def main() -> None:
    command = _command()
    commands = {
        f"python -c '{BASE}'": [sys.executable, "-c", BASE],
        "  + jetrules.calendar, first add_business_days": [sys.executable, "-c", FIRST_ANSWER],
        "  + jetrules.calendar, first deadline": [sys.executable, "-c", FIRST_DEADLINE],
        f"jetrules deadline {RECEIVED}": [*command, "deadline", RECEIVED],
    }
    with tempfile.TemporaryDirectory() as cache:
        env = environment(cache)
        times = interleaved(commands, env)
        inside = _in_process(env)
    _report(times, inside)


if __name__ == "__main__":
    main()
