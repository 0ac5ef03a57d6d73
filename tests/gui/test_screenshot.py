"""`storydiff --screenshot` and `--version`, run as real processes."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from tests.conftest import ROOT, SAMPLES


def _env(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STORYDIFF_SETTINGS=str(tmp_path / "s.ini"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _colours(img: QImage, step: int = 2, rect=None) -> set[str]:
    r = rect if rect is not None else img.rect()
    return {img.pixelColor(x, y).name().upper() for x in range(r.left(), r.right() + 1, step)
            for y in range(r.top(), r.bottom() + 1, step)}


def test_screenshot_flag_writes_a_1600x1000_png_with_the_change_colours(tmp_path):
    from gui.theme import T_EDITED, T_PARAPHRASED, TAG_COLOURS

    out = tmp_path / "shot.png"
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    r = subprocess.run([sys.executable, "-m", "gui.app", "--screenshot", str(out), *files],
                       env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    # The samples have edited and paraphrased paragraphs: their exact Okabe-Ito colours
    # (side bars, badges) are painted, so the PNG shows the comparison, not an empty window.
    seen = _colours(img, 1)
    assert TAG_COLOURS[T_EDITED].upper() in seen
    assert TAG_COLOURS[T_PARAPHRASED].upper() in seen


def test_the_screenshot_shows_each_change_colour_in_its_own_cell(qtbot, tmp_path):
    """A paraphrased cell carries the paraphrase colour in its own area of the grabbed
    window; an unchanged cell of the same row carries no change colour at all."""
    from gui.app import screenshot
    from gui.main_window import MainWindow
    from gui.theme import T_PARAPHRASED, TAG_COLOURS

    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    w.open_files_sync([str(p) for p in sorted(SAMPLES.glob("*.txt"))])
    out = tmp_path / "shot.png"
    assert screenshot(w, str(out), (1600, 1000))  # what --screenshot does, grabbed offscreen
    img = QImage(str(out))
    m, view = w.columns.model, w.columns.view
    viewport = view.viewport().rect()

    def area(r: int, v: int):
        """The cell's rectangle in window pixels, clipped to the visible table."""
        rect = view.visualRect(m.index(r, v)).intersected(viewport)
        return rect.translated(view.viewport().mapTo(w, rect.topLeft()) - rect.topLeft())

    # A row shown on screen with a paraphrased cell and a cell that is the same as the base.
    visible = [r for r in range(m.rowCount()) if not view.isRowHidden(r)
               and view.visualRect(m.index(r, 0)).intersected(viewport).height() > 20]
    pairs = [(r, v, u) for r in visible for v in range(m.columnCount()) if m.tags[r][v][:1] == [T_PARAPHRASED]
             for u in range(m.columnCount()) if u != v and not m.tags[r][u] and m.cells[r][u].parts]
    assert pairs, "the samples show a paraphrased paragraph beside an unchanged one"
    r, v, u = pairs[0]
    orange = TAG_COLOURS[T_PARAPHRASED].upper()
    assert orange in _colours(img, 1, area(r, v))
    plain = _colours(img, 1, area(r, u))
    # Grey (context) is left out: anti-aliased black text on white passes through every grey.
    hues = {c.upper() for c in TAG_COLOURS.values() if len({c[1:3], c[3:5], c[5:7]}) > 1}
    assert len(plain) > 10 and not plain & hues


def test_version_flag(tmp_path):
    r = subprocess.run([sys.executable, "-m", "gui.app", "--version"], env=_env(tmp_path), cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    assert r.stdout.startswith("storydiff ")


def test_screenshot_of_the_provenance_view(tmp_path):
    out = tmp_path / "prov.png"
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    r = subprocess.run([sys.executable, "-m", "gui.app", "--screenshot", str(out), "--view", "provenance", *files],
                       env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    # The lineage arrows and the darkest matrix cells are Okabe-Ito blue (#0072B2).
    blue = sum(1 for x in range(0, 1600, 4) for y in range(0, 1000, 4)
               if img.pixelColor(x, y).name() == "#0072b2")
    assert blue > 20
