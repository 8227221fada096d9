"""How much `import jetrules` costs on top of importing attrs and pendulum.

Both commands run in fresh interpreters, interleaved (one run of each per round, after warm-up
rounds), bytecode cached as for an installed package; the cost is the difference of the medians.
"""

from __future__ import annotations

import statistics
import sys
import tempfile

from bench_startup import RUNS, WARMUP, environment, interleaved

BASE = "import attrs, pendulum"
OURS = "import attrs, pendulum, jetrules"


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        times = interleaved(
            {BASE: [sys.executable, "-c", BASE], OURS: [sys.executable, "-c", OURS]},
            environment(cache),
        )
    base, ours = (statistics.median(wall) for wall, _ in times.values())
    extra_ms = ours - base
    print(f"python -c '{BASE}'           {base:7.1f} ms (median of {RUNS}, after {WARMUP} warm-up)")
    print(f"python -c '{OURS}' {ours:7.1f} ms")
    verdict = "met" if extra_ms < 15 else "MISSED"
    print(f"import jetrules costs {extra_ms:.1f} ms more (goal < 15 ms: {verdict})")


if __name__ == "__main__":
    main()
