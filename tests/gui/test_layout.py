"""The gui package's layout holds: every module imports, the window stays a shell,
modules stay small, and views nobody opened are not built."""

from __future__ import annotations

import inspect
import subprocess
import sys

from tests.conftest import ROOT

from .conftest import wait_compared

GUI = ROOT / "gui"


def _modules() -> list[str]:
    return sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                  for p in GUI.rglob("*.py"))


def test_every_gui_module_imports_in_a_fresh_interpreter():
    """A split or a move that leaves a stale import fails here, not in a user's hands.
    A fresh process: modules cached by earlier tests cannot hide a broken import."""
    mods = _modules()
    assert "gui.views.columns.pane" in mods and "gui.runner" in mods
    code = "import importlib, sys\nfor m in sys.argv[1:]:\n    importlib.import_module(m)\nprint(len(sys.argv) - 1)"
    r = subprocess.run([sys.executable, "-c", code, *mods], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[-1] == str(len(mods))


def test_main_window_is_a_shell_of_at_most_25_methods():
    from gui.main_window import MainWindow

    own = [name for name, value in vars(MainWindow).items() if inspect.isfunction(value)]
    assert 10 < len(own) <= 25, own


def test_no_gui_module_is_over_400_lines():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in GUI.rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n > 400} == {}


def test_hidden_views_are_built_when_first_shown(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    assert not window.provenance.is_built() and not window.heatmap.is_built() and not window.summary.is_built()
    window.show_view("provenance")
    qtbot.waitUntil(window.provenance.is_built)
    view = window.provenance.widget()
    assert view.isVisible() and view.width() > 400
    # Built and fed: the unique-content list names every version of this comparison.
    names = {window.provenance.widget().unique.topLevelItem(k).text(0).split(" — ")[0]
             for k in range(window.provenance.widget().unique.topLevelItemCount())}
    assert names == {v.name for v in window.document.comparison.versions}
    assert not window.heatmap.is_built()
    window.tabs.setCurrentIndex(1)  # the bottom tabs are hidden while Provenance shows: not built yet
    assert not window.summary.is_built()
    window.show_view("columns")
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(window.summary.is_built)
    assert window.summary.widget().rowCount() == 4


def test_a_built_view_follows_the_next_comparison(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    window.show_view("heatmap")
    qtbot.waitUntil(window.heatmap.is_built)
    window.show_view("columns")
    window.document.remove(window.document.entries[-1].id)
    wait_compared(qtbot, window, 3)
    window.show_view("heatmap")
    assert window.heatmap.widget().comparison is window.document.comparison
