"""How much `import jetrules` costs on top of importing attrs and pendulum."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def _best(code: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    base = _best("import attrs, pendulum")
    ours = _best("import attrs, pendulum, jetrules")
    extra_ms = (ours - base) * 1000
    print(f"python -c 'import attrs, pendulum'           {base * 1000:7.1f} ms (median of {RUNS})")
    print(f"python -c 'import attrs, pendulum, jetrules' {ours * 1000:7.1f} ms")
    print(
        f"import jetrules costs                        {extra_ms:7.1f} ms more (goal: under 15 ms)"
    )


if __name__ == "__main__":
    main()
