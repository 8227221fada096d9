"""How much `import jetrules` costs on top of importing attrs and pendulum.

Both commands run in fresh interpreters, interleaved (one run of each per round, after warm-up
rounds), bytecode cached as for an installed package; the cost is the difference of the medians.
That difference of two medians of runs that vary by 20 ms moves by several ms from run to run,
so the import is also timed inside each interpreter, after attrs and pendulum (median of as many
runs): the goal's verdict reads that figure.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile

from bench_startup import RUNS, WARMUP, environment, interleaved

BASE = "import attrs, pendulum"
OURS = "import attrs, pendulum, jetrules"
INSIDE = (
    "import time, attrs, pendulum; start = time.perf_counter(); import jetrules; "
    "print((time.perf_counter() - start) * 1000)"
)


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = environment(cache)
        times = interleaved(
            {BASE: [sys.executable, "-c", BASE], OURS: [sys.executable, "-c", OURS]}, env
        )
        inside = [
            float(
                subprocess.run(
                    [sys.executable, "-c", INSIDE],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                ).stdout
            )
            for _ in range(RUNS)
        ]
    base, ours = (statistics.median(wall) for wall, _ in times.values())
    extra_ms = statistics.median(inside)
    print(f"python -c '{BASE}'           {base:7.1f} ms (median of {RUNS}, after {WARMUP} warm-up)")
    print(f"python -c '{OURS}' {ours:7.1f} ms  ({ours - base:+.1f} ms)")
    verdict = "met" if extra_ms < 15 else "MISSED"
    print(
        f"import jetrules, timed inside the interpreter after attrs and pendulum: "
        f"{extra_ms:.1f} ms median, {min(inside):.1f} ms min (goal < 15 ms: {verdict})"
    )


if __name__ == "__main__":
    main()
