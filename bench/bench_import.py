"""How much `import jetrules` costs on top of importing attrs and pendulum."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 15


def _median(code: str, env: dict[str, str]) -> float:
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # warm the bytecode cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    # Measure as an installed package runs: with compiled bytecode, even on a machine that sets
    # PYTHONDONTWRITEBYTECODE (the cache goes to a temporary folder, not the source tree).
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        base = _median("import attrs, pendulum", env)
        ours = _median("import attrs, pendulum, jetrules", env)
    extra_ms = (ours - base) * 1000
    print(f"python -c 'import attrs, pendulum'           {base * 1000:7.1f} ms (median of {RUNS})")
    print(f"python -c 'import attrs, pendulum, jetrules' {ours * 1000:7.1f} ms")
    print(
        f"import jetrules costs                        {extra_ms:7.1f} ms more (goal: under 15 ms)"
    )


if __name__ == "__main__":
    main()
