"""Benchmarks of the window: time to first paint from process start, and 20 x 200 scrolling.

    python bench/gui_startup.py [FILE...]      (default: ../shared/seeds/*.txt, else the samples)
    python bench/gui_startup.py --scroll       20 versions x 200 paragraphs: layout and paint times

First paint is measured from just before the process is spawned to the end of the
first paint of the table showing the comparison (the app prints a monotonic time
stamp when STORYDIFF_FIRST_PAINT is set). Prints figures; asserts nothing.
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
sys.path.insert(0, str(ROOT))


def first_paint(files: list[str], runs: int = 5) -> None:
    env = dict(os.environ, STORYDIFF_FIRST_PAINT="1", QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               STORYDIFF_SETTINGS=str(Path(tempfile.mkdtemp()) / "s.ini"))
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "gui.app", *files], env=env, cwd=ROOT, capture_output=True,
                           text=True, timeout=60)
        line = next((x for x in r.stdout.splitlines() if x.startswith("first-paint")), None)
        if line is None:
            print("no first paint reported:", r.stdout, r.stderr)
            return
        times.append(float(line.split()[1]) - t0)
    print(f"first paint with {len(files)} versions: median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s over {runs} runs "
          f"(platform {env['QT_QPA_PLATFORM']})")


def scroll(n: int = 20, paragraphs: int = 200) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["STORYDIFF_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "s.ini")
    from PySide6.QtWidgets import QApplication

    from bench.generate import many_versions
    from engine.io.loading import from_text
    from gui.app import make_app
    from gui.document import Entry
    from gui.main_window import MainWindow

    app = make_app(["bench"])
    texts = many_versions(n, paragraphs)
    w = MainWindow(persist=False)
    w.resize(1600, 1000)
    w.show()
    QApplication.processEvents()
    t = time.perf_counter()
    for k, text in enumerate(texts):
        w.document.entries.append(Entry(k, from_text(text, f"v{k}"), f"v{k}", None))
    w.document.base_id = 0
    w.runner.run_now()
    compared = time.perf_counter() - t
    QApplication.processEvents()
    view = w.columns.view
    print(f"{n} versions x {paragraphs} paragraphs: {view.model().rowCount()} rows, {n * view.model().rowCount()} cells;"
          f" compare + show {compared:.2f} s, of which row layout {view.last_layout_ms:.0f} ms")
    t = time.perf_counter()
    view.relayout(force=True)
    print(f"re-layout of every row (e.g. after a font change): {(time.perf_counter() - t) * 1000:.0f} ms")
    sb = view.verticalScrollBar()
    frames = []
    step = view.viewport().height() // 3
    t_all = time.perf_counter()
    for value in range(0, sb.maximum(), step):
        t = time.perf_counter()
        sb.setValue(value)  # includes measuring rows that come into view
        view.viewport().repaint()
        frames.append((time.perf_counter() - t) * 1000)
    print(f"vertical scroll through all rows in 1/3-page steps: {len(frames)} frames, "
          f"median {statistics.median(frames):.1f} ms, p95 {sorted(frames)[int(len(frames) * 0.95)]:.1f} ms, "
          f"max {max(frames):.1f} ms per frame (first visits lay out new cells); total {time.perf_counter() - t_all:.1f} s")
    frames = []
    for value in range(0, sb.maximum(), step):
        t = time.perf_counter()
        sb.setValue(value)  # includes measuring rows that come into view
        view.viewport().repaint()
        frames.append((time.perf_counter() - t) * 1000)
    print(f"second pass (cached): median {statistics.median(frames):.1f} ms, max {max(frames):.1f} ms per frame")
    hb = view.horizontalScrollBar()
    frames = []
    for value in range(0, hb.maximum(), 200):
        t = time.perf_counter()
        hb.setValue(value)
        view.viewport().repaint()
        frames.append((time.perf_counter() - t) * 1000)
    if frames:
        print(f"horizontal scroll: median {statistics.median(frames):.1f} ms, max {max(frames):.1f} ms per frame")
    w.close()
    app.quit()


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--scroll"]:
        scroll()
    else:
        seeds = sorted(str(p) for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
        files = args or seeds or sorted(str(p) for p in (ROOT / "resources" / "samples").glob("*.txt"))
        first_paint(files)
