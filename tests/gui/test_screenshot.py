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


def test_screenshot_flag_writes_a_1600x1000_png(tmp_path):
    out = tmp_path / "shot.png"
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    r = subprocess.run([sys.executable, "-m", "gui.app", "--screenshot", str(out), *files],
                       env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    # Not a blank image: the Okabe-Ito blue of an "edited" side bar or badge appears somewhere.
    small = img.scaled(400, 250)
    colours = {small.pixelColor(x, y).name() for x in range(0, 400, 2) for y in range(0, 250, 2)}
    assert len(colours) > 50


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
