"""Re-render the pictures under docs/ (run from the repository root, no display needed).

    python docs/render_docs.py [SEEDS_DIR]
    python docs/render_docs.py --readme    (only the README's table of badges and figures)

- docs/screenshot.png   the bundled samples in the columns view, at 1600x1000
- docs/laptop.png       the same at 1024x700, a laptop screen (icons-only toolbar, columns
                        scrolled sideways)
- docs/example.png      docs/example/: a wire story and two rewrites of it, invented for the
                        documentation, showing every kind of change
- docs/seeds.png, docs/provenance.png, docs/report.*  when SEEDS_DIR (the seed versions) is given:
                        the columns with folded runs, the provenance view, and the HTML/PDF
                        reports with their screenshots (headless Chromium and pdftoppm, when installed)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["STORYDIFF_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "settings.ini")  # never the user's


def _window(files: list[str]):
    from gui.main_window import MainWindow

    w = MainWindow(persist=False)
    w.resize(1600, 1000)
    w.show()
    w.open_files_sync(files)
    return w


def _settle(app, w) -> None:
    for _ in range(3):
        app.processEvents()
    w.columns.view.relayout(force=True)
    for _ in range(3):
        app.processEvents()


def _top_at(w, row: int) -> None:
    vh, sb = w.columns.view.verticalHeader(), w.columns.view.verticalScrollBar()
    sb.setValue(vh.sectionPosition(row))


def readme_vocabulary() -> None:
    """Write the README's badge table and figure list from engine/vocabulary.py (between
    its vocabulary markers), so the README says exactly what the app and the reports say."""
    from engine import vocabulary as v

    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("<!-- vocabulary:start")
    start = text.index("-->", start) + 3
    end = text.index("<!-- vocabulary:end -->")
    rows = "\n".join(f"| {v.KIND[k].symbol} {v.KIND[k].badge} | {v.KIND[k].explain} |" for k in v.LEGEND)
    figures = "\n".join("- " + v.FIGURES[f].explain for f in ("score", "similarity", "reuse", "counts"))
    block = f"\n| badge | meaning |\n|---|---|\n{rows}\n\n{figures}\n"
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[1:] == ["--readme"]:
        readme_vocabulary()
        return 0
    readme_vocabulary()
    from gui.app import make_app, screenshot
    from gui.document import sample_files

    app = make_app(["storydiff"])
    for name, size in (("screenshot.png", (1600, 1000)), ("laptop.png", (1024, 700))):
        w = _window(sample_files())
        screenshot(w, str(DOCS / name), size)
        w.close()

    example = sorted(str(p) for p in (DOCS / "example").glob("*.txt"))
    w = _window(example)
    _settle(app, w)
    w.columns.select_interesting_cell()
    _top_at(w, 0)
    _settle(app, w)
    w.grab().save(str(DOCS / "example.png"), "PNG")
    w.close()

    if len(argv) > 1:
        seeds = sorted(str(p) for p in Path(argv[1]).glob("*.txt"))
        w = _window(seeds)
        _settle(app, w)
        m = w.columns.model
        if m.runs:  # show a folded run near the top, and select it
            first = next(iter(m.runs))
            _top_at(w, max(0, first - 2))
            w.columns.view.choose(first, m.runs[first][1])
            _top_at(w, max(0, first - 2))
        _settle(app, w)
        w.grab().save(str(DOCS / "seeds.png"), "PNG")
        w.show_view("provenance")
        _settle(app, w)
        w.grab().save(str(DOCS / "provenance.png"), "PNG")
        w.close()
        _reports(seeds)
    return 0


def _reports(seeds: list[str]) -> None:
    from engine import compare
    from engine.io.safe_write import write_atomic
    from engine.reports import render

    c = compare(seeds)
    write_atomic(str(DOCS / "report.html"), render(c, "html"))
    write_atomic(str(DOCS / "report.pdf"), render(c, "pdf"))
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chrome is None:
        print("no Chromium: docs/report.png not re-rendered", file=sys.stderr)
        return
    subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1400,1800", f"--screenshot={DOCS / 'report.png'}",
                    (DOCS / "report.html").as_uri()], check=True, capture_output=True, timeout=120)
    # The legend and the first aligned rows: the page from its Legend heading on (headless
    # screenshots ignore a #fragment, so a copy of the page starts there).
    page = (DOCS / "report.html").read_text(encoding="utf-8")
    head, _, rest = page.partition('<h2 id="legend">')
    body = head.index("<body>") + len("<body>")
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "legend.html"
        part.write_text(head[:body] + '<h2 id="legend">' + rest, encoding="utf-8")
        subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1400,1100", f"--screenshot={DOCS / 'report-legend.png'}", part.as_uri()],
                       check=True, capture_output=True, timeout=120)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(DOCS / "report.pdf"), str(DOCS / "report-pdf-page1")], check=True, timeout=120)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
