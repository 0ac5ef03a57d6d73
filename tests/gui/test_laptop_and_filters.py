"""The window fits a laptop screen (1024 x 700) and stays usable
there, shows three columns at 1366 x 768, and filtering takes one click per change type
(the Show menu stays open while ticking, the legend's chips toggle their type)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from .conftest import wait_compared


def _at(qtbot, window, samples, w: int, h: int):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    window.resize(w, h)
    for _ in range(5):
        QApplication.processEvents()
    window.columns.view.relayout(force=True)
    QApplication.processEvents()
    return window.columns.view


def _inside_window(window, widget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    r = widget.rect().translated(top_left)
    return widget.isVisible() and window.rect().contains(r)


def test_the_window_fits_a_1024_by_700_screen(qtbot, window, samples):
    hint = window.minimumSizeHint()
    # Room for a window frame and a desktop panel around it.
    assert hint.width() <= 1000 and hint.height() <= 660, hint
    view = _at(qtbot, window, samples, 1024, 700)
    assert window.width() <= 1024 and window.height() <= 700
    # Four versions do not fit side by side: the columns keep a readable width and scroll.
    assert view.columnWidth(0) >= 220
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0 and bar.isVisible()
    # The change strip, the Export button and the Show button are on screen.
    assert _inside_window(window, window.columns.overview)
    assert _inside_window(window, window.export_button)
    assert _inside_window(window, window.columns.filter_button)


def test_the_toolbar_shows_names_when_there_is_room(qtbot, window, samples):
    _at(qtbot, window, samples, 1600, 900)
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    window.resize(1024, 700)
    QApplication.processEvents()
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert window.export_button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    window.resize(1600, 900)
    QApplication.processEvents()
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


def test_three_columns_show_at_1366_by_768(qtbot, window, samples):
    view = _at(qtbot, window, samples, 1366, 768)
    assert window.width() == 1366  # the window is as wide as the screen, not wider
    fully = sum(1 for c in range(view.model().columnCount())
                if 0 <= view.columnViewportPosition(c)
                and view.columnViewportPosition(c) + view.columnWidth(c) <= view.viewport().width())
    assert fully >= 3


def _release_on(menu, action) -> None:
    menu.setActiveAction(action)  # as hovering it does
    pos = QPointF(menu.actionGeometry(action).center())
    event = QMouseEvent(QMouseEvent.Type.MouseButtonRelease, pos, menu.mapToGlobal(pos),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(menu, event)


def test_the_show_menu_stays_open_while_ticking(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    menu = window.columns.filters
    menu.popup(window.mapToGlobal(QPoint(100, 100)))
    qtbot.waitUntil(menu.isVisible)
    for tag in ("edited", "paraphrased"):
        _release_on(menu, menu.tag_actions[tag])
        assert menu.isVisible(), "the menu closed after one tick"
    assert menu.hidden() == {"edited", "paraphrased"}
    assert window.columns.view.hidden_tags == {"edited", "paraphrased"}
    # A preset still closes it.
    _release_on(menu, next(a for a in menu.actions() if a.text() == "Everything"))
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert menu.hidden() == set()


def test_a_legend_chip_toggles_its_change_type(qtbot, window, samples, monkeypatch):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    legend, view = window.columns.legend, window.columns.view
    legend.linkActivated.emit("tag:added")  # a click on the ADDED chip
    assert view.hidden_tags == {"added"} and "added" in legend.hidden
    assert "(hidden)" in legend.text()
    legend.linkActivated.emit("tag:added")
    assert view.hidden_tags == set() and "(hidden)" not in legend.text()
    # Ctrl+click: that type alone.
    monkeypatch.setattr(QApplication, "keyboardModifiers", staticmethod(lambda: Qt.KeyboardModifier.ControlModifier))
    legend.linkActivated.emit("tag:paraphrased")
    shown = {t for t, a in window.columns.filters.tag_actions.items() if a.isChecked()}
    assert shown == {"paraphrased"}
    m = window.columns.model
    visible = [r for r in range(m.rowCount()) if not view.isRowHidden(r)]
    assert visible and all("paraphrased" in m.row_tags(r) for r in visible)
