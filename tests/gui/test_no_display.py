"""Starting the window without a display: one line saying so and how to run, exit 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gui.app import display_problem

ROOT = Path(__file__).resolve().parents[2]


def _bare_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_display_problem_reads_the_environment():
    assert display_problem({}, "linux") is not None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, "linux") is not None
    assert display_problem({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux") is not None
    assert display_problem({}, "win32") is None


def test_launch_without_a_display_prints_one_line_and_exits_2():
    r = subprocess.run([sys.executable, "-c", "import sys; from gui.app import main; sys.exit(main([]))"],
                       env=_bare_env(), capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no display" in lines[0] and "xvfb-run" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]


def test_screenshot_without_a_display_renders_offscreen(tmp_path):
    out = tmp_path / "shot.png"
    samples = sorted(str(p) for p in (ROOT / "resources" / "samples").glob("*.txt"))[:2]
    r = subprocess.run([sys.executable, "-c", "import sys; from gui.app import main; sys.exit(main(sys.argv[1:]))",
                        "--screenshot", str(out), "--size", "800x500", *samples],
                       env=_bare_env(), capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (package xvfb)")
def test_with_xvfb_the_readme_command_opens_the_window(tmp_path):
    """`xvfb-run storydiff` opens the real (xcb) window and paints the samples."""
    env = _bare_env()
    env["STORYDIFF_FIRST_PAINT"] = "1"  # print when the comparison is first painted, then quit
    env["STORYDIFF_SETTINGS"] = str(tmp_path / "settings.ini")
    r = subprocess.run(["xvfb-run", "-a", sys.executable, "-c",
                        "import sys; from gui.app import main; sys.exit(main([]))"],
                       env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "first-paint" in r.stdout
