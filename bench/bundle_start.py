"""Start time of the packaged app: process spawn to the first painted comparison.

    python bench/bundle_start.py [BUNDLE] [FILE...]
        BUNDLE  default packaging/dist/storydiff/storydiff
        FILE    default ../shared/seeds/*.txt, else the samples

Runs the bundle 5 times and, for comparison, the app from this checkout with the
current interpreter (`python -m gui.app`), both on the offscreen platform unless
QT_QPA_PLATFORM says otherwise. The app prints a monotonic time stamp at its first
paint when STORYDIFF_FIRST_PAINT is set; the time counted starts just before spawning.
Prints medians; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def first_paint(cmd: list[str], cwd: Path, runs: int = RUNS) -> list[float]:
    env = dict(os.environ, STORYDIFF_FIRST_PAINT="1", QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               STORYDIFF_SETTINGS=str(Path(tempfile.mkdtemp()) / "s.ini"))
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        r = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
        line = next((x for x in r.stdout.splitlines() if x.startswith("first-paint")), None)
        if line is None:
            raise SystemExit(f"no first paint from {cmd[0]}: {r.stdout[-500:]} {r.stderr[-2000:]}")
        times.append(float(line.split()[1]) - t0)
    return times


def report(label: str, times: list[float]) -> None:
    print(f"{label}: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
          f"{len(times)} runs)")


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]) if argv and not argv[0].endswith(".txt") else ROOT / "packaging/dist/storydiff/storydiff"
    files = [a for a in argv if a.endswith(".txt")] or sorted(str(p) for p in (ROOT.parent / "shared/seeds").glob("*.txt"))
    files = files or sorted(str(p) for p in (ROOT / "resources/samples").glob("*.txt"))
    if not bundle.exists():
        print(f"{bundle} not found: run packaging/build.sh first", file=sys.stderr)
        return 1
    print(f"{len(files)} versions, platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    # One unmeasured run of each first, so both start from a warm file cache.
    first_paint([str(bundle), *files], ROOT, runs=1)
    first_paint([sys.executable, "-m", "gui.app", *files], ROOT, runs=1)
    report("bundle   ", first_paint([str(bundle), *files], ROOT))
    report("checkout ", first_paint([sys.executable, "-m", "gui.app", *files], ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
