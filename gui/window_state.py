"""The window's state between runs: geometry, dock and splitter, the Show menu's switches
and filters, the options, and the work to reopen next time (QSettings, gui.settings).

`restore` runs once the window is built; `save` when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray

from .settings import add_recent, save_options
from .theme import FILTER_TAGS


def restore(w) -> None:
    """Lay out `w` (the MainWindow) as it was left; a first run fits the screen."""
    if not w.persist:
        w.resize(1600, 1000)
        return
    s = w.settings
    geo = s.value("window/geometry")
    if isinstance(geo, QByteArray) and not geo.isEmpty():
        w.restoreGeometry(geo)
    else:
        screen = w.screen().availableGeometry() if w.screen() else None
        if screen is not None and screen.width() > 0:
            w.resize(min(1440, int(screen.width() * 0.92)), min(920, int(screen.height() * 0.9)))
        else:
            w.resize(1440, 920)
    state = s.value("window/state")
    if isinstance(state, QByteArray) and not state.isEmpty():
        w.restoreState(state)
    split = s.value("window/splitter")
    if isinstance(split, QByteArray) and not split.isEmpty():
        w.splitter.restoreState(split)
    f = w.columns.filters
    if str(s.value("view/context", "false")).lower() == "true":
        w.columns.set_context(True)
    if str(s.value("view/fold", "true")).lower() == "false":
        f.fold_action.setChecked(False)
    if str(s.value("view/linked_only", "false")).lower() == "true":
        f.linked_action.setChecked(True)
    if str(s.value("view/facts_only", "false")).lower() == "true":
        f.facts_action.setChecked(True)
    hidden = s.value("view/hidden", "")
    if isinstance(hidden, str) and hidden:
        w.columns.set_filter(set(FILTER_TAGS) - set(hidden.split(",")))


def save(w) -> None:
    """Keep `w`'s layout, filters, options and its work (gui.app reopens it next time)."""
    s = w.settings
    s.setValue("window/geometry", w.saveGeometry())
    s.setValue("window/state", w.saveState())
    s.setValue("window/splitter", w.splitter.saveState())
    s.setValue("view/hidden", ",".join(sorted(w.columns.view.hidden_tags)))
    save_options(s, w.document.options)
    work = w.document.work_paths()
    if work:  # what the next start opens (gui.app: the last work, else the samples)
        add_recent(s, work)
    s.sync()
