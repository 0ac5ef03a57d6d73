"""Defects a new user met, each pinned by a test that failed before its fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .conftest import wait_compared


def test_clearing_the_comparison_stops_the_idle_row_measuring(qtbot, window, samples):
    """Close All while rows are still being measured: the refine timer must stop, and a
    late `_refine` must not measure rows of a table that has no columns any more."""
    window.resize(700, 300)  # a small viewport: most rows are left for the idle refinement
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    view = window.columns.view
    view.relayout(force=True)
    assert not view.fully_measured() and view._refine_timer.isActive()
    window.document.clear()
    assert window.columns.model.columnCount() == 0
    assert not view._refine_timer.isActive()
    view._refine()  # a timeout already queued before the reset: it must be harmless
    QApplication.processEvents()


def _write_articles(tmp_path, named_paragraphs):
    """Each (file name, paragraphs) written as an article under tmp_path; their paths."""
    from tests.engine.articles import text

    paths = []
    for name, paras in named_paragraphs:
        p = tmp_path / name
        p.write_text(text(paras), encoding="utf-8")
        paths.append(str(p))
    return paths


def _context_files(tmp_path):
    from tests.engine.text.test_context import BASE, COPY

    return _write_articles(tmp_path, (("wire.txt", BASE), ("copy.txt", COPY)))


def test_context_is_quiet_until_shown(qtbot, window, tmp_path):
    window.open_files(_context_files(tmp_path))
    wait_compared(qtbot, window, 2)
    assert window.columns.view.changed_rows() == []  # F7 does not stop on "Leave a Reply" or a counter "17"
    assert not any(x.state == "dropped" for row in window.columns.model.cells for x in row)
    assert window.columns.model.summaries[1].counts["added"] == 0
    window.columns.filters.context_action.setChecked(True)  # Show › Boilerplate and Captions as Changes
    assert window.columns.view.changed_rows()
    assert window.columns.model.summaries[1].counts["added"] == 2
    assert window.settings.value("view/context") in (True, "true")


def test_every_figure_in_the_window_is_explained(qtbot, window, samples):
    from PySide6.QtCore import Qt

    from engine.vocabulary import FIGURES
    from gui.views.panels.summary_panel import COLUMNS

    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    m = window.columns.model
    # The column header's "89% from base" says what that share is, not only the path.
    tip = m.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert FIGURES["reuse"].explain in tip
    # The Summary's figures have tooltips, in the same words; shares are percents.
    summary = window.summary.widget()
    for name, figure in (("Verbatim from base", "reuse"), ("Similarity", "similarity")):
        col = COLUMNS.index(name)
        assert summary.horizontalHeaderItem(col).toolTip() == FIGURES[figure].explain
        assert summary.item(1, col).text().endswith("%")
    # A paraphrase badge's percent is explained where it is shown, with the rule for the label.
    for r in range(m.rowCount()):
        for v in range(m.columnCount()):
            if "paraphrased" in m.tags[r][v]:
                tip = m.data(m.index(r, v), Qt.ItemDataRole.ToolTipRole)
                assert FIGURES["score"].explain in tip and "Edited:" in tip
                return
    raise AssertionError("the samples have a paraphrase")


def _independent_files(tmp_path):
    from tests.engine.articles import UNRELATED, WIRE

    return _write_articles(tmp_path, (("wire.txt", WIRE), ("other.txt", UNRELATED)))


def test_runs_only_one_version_has_fold_into_one_row(qtbot, window, tmp_path):
    window.open_files(_independent_files(tmp_path))
    wait_compared(qtbot, window, 2)
    m, view = window.columns.model, window.columns.view
    assert m.runs, "two unrelated reports: every row belongs to one version"
    first, (last, owner) = next(iter(m.runs.items()))
    assert last > first
    # The run is one compact row: the rest is hidden, the first row says what is folded.
    assert all(view.isRowHidden(r) for r in range(first + 1, last + 1))
    assert f"{last - first + 1} rows only in this version" in m.html(first, owner)
    compact = view.rowHeight(first)
    # Clicking the fold's link unfolds it.
    view._on_link(f"fold:{first}")
    assert not any(view.isRowHidden(r) for r in range(first, last + 1))
    assert "rows only in this version" not in m.html(first, owner)
    view.set_folded(first, True)
    assert view.rowHeight(first) == compact
    # Going to a block inside a folded run opens it.
    view.choose(last, owner)
    assert not view.isRowHidden(last) and view.currentIndex().row() == last
    # Show › Fold off shows every row; Only Linked Rows hides rows one version has.
    window.columns.filters.fold_action.setChecked(False)
    assert not any(view.isRowHidden(r) for r in range(m.rowCount()))
    window.columns.filters.linked_action.setChecked(True)
    assert all(view.isRowHidden(r) == (not m.linked(r)) for r in range(m.rowCount()))


def test_export_lists_each_format_once(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    window.exporter.fill_menu()
    labels = [a.text() for a in window.exporter.menu.actions()]
    assert "Markdown (.md)" in labels
    assert len(labels) == len(set(labels))


def test_window_title_follows_the_versions(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    assert window.windowTitle().startswith("1-wire.txt and 3 more")
    window.document.clear()
    assert window.windowTitle() == "Storydiff"
    window.open_files(samples[1:2])
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert window.windowTitle() == "2-site-copy.txt — Storydiff"


def _colour_pixels(widget, rect, colour: str, tolerance: int = 40) -> int:
    from PySide6.QtGui import QColor

    img = widget.grab(rect).toImage()
    want = QColor(colour)
    n = 0
    for y in range(0, img.height(), 1):
        for x in range(0, img.width(), 1):
            c = img.pixelColor(x, y)
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < tolerance:
                n += 1
    return n


def test_find_highlights_the_match_inside_the_cell(qtbot, window, samples):
    from engine.vocabulary import YELLOW

    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    window.actions_["find"].trigger()
    qtbot.keyClicks(window.columns.find_bar.edit, "footbridge")
    cur = window.columns.view.currentIndex()
    assert cur.isValid()
    QApplication.processEvents()
    rect = window.columns.view.visualRect(cur)
    assert _colour_pixels(window.columns.view.viewport(), rect, YELLOW) > 50  # the word's background
    window.columns.find_bar.hide_bar()
    QApplication.processEvents()
    assert _colour_pixels(window.columns.view.viewport(), rect, YELLOW) == 0


def test_a_selected_dropped_cell_keeps_its_label(qtbot, window, samples):
    from engine.vocabulary import VERMILLION

    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    m = window.columns.model
    r, v = next((r, v) for r in range(m.rowCount()) for v in range(m.columnCount())
                if m.cells[r][v].state == "dropped")
    window.columns.view.choose(r, v)
    QApplication.processEvents()
    rect = window.columns.view.visualRect(m.index(r, v))
    # The side bar, the dashed box and "dropped from the base" are drawn in vermillion.
    assert _colour_pixels(window.columns.view.viewport(), rect, VERMILLION) > 150


def test_one_word_is_one_word(qtbot, window, tmp_path):
    from tests.engine.articles import WIRE, text

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text(WIRE), encoding="utf-8")
    b.write_text(text([*WIRE, "Updated."]), encoding="utf-8")
    window.open_files([str(a), str(b)])
    wait_compared(qtbot, window, 2)
    m = window.columns.model
    row = window.document.comparison.row_of[1][len(WIRE)]
    window.columns.view.choose(row, 1)
    text_ = window.columns.detail.toPlainText()
    assert "1 word" in text_ and "1 words" not in text_
    assert "1 words" not in m.headerData(1, Qt.Orientation.Horizontal)


def test_detail_pane_for_the_base_where_another_version_added_a_block(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    m, c = window.columns.model, window.document.comparison
    r = next(r for r in range(m.rowCount()) if not c.rows[r][c.base] and any(c.rows[r]))
    window.columns.view.choose(r, c.base)
    text_ = window.columns.detail.toPlainText()
    assert "Neither this version nor the base" not in text_
    assert "The base has no block here" in text_


def test_delete_removes_the_selected_version_in_the_versions_panel(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    panel = window.versions_panel
    panel.list.setCurrentRow(3)
    gone = panel.current_id()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert gone not in [e.id for e in window.document.entries] and len(window.document.entries) == 3


def test_long_names_are_elided_in_the_middle_and_shown_whole_on_hover(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    long = "Carrow footbridge reopening, regional edition, late update " * 3
    window.document.rename(window.document.entries[1].id, long.strip())
    panel = window.versions_panel
    assert panel.list.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert long.strip() in panel.list.item(1).toolTip()


def test_changing_options_keeps_the_selection(qtbot, window, samples):
    from dataclasses import replace

    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    c = window.document.comparison
    row = c.row_of[2][3]
    window.columns.view.choose(row, 2)
    window.document.options = replace(window.document.options, ignore_punctuation=True)
    window.document.changed.emit()
    qtbot.waitUntil(lambda: window.document.comparison is not c and not window.runner.busy)
    cur = window.columns.view.currentIndex()
    assert cur.isValid() and cur.column() == 2
    assert 3 in window.columns.model.cell(cur.row(), 2).blocks
    assert window.columns.detail.toPlainText()


def test_a_filter_never_leaves_the_detail_pane_on_a_hidden_row(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    m, view = window.columns.model, window.columns.view
    r = next(r for r in range(m.rowCount()) if "heading" not in m.row_tags(r) and not m.hidden_by_fold(r))
    view.choose(r, 0)
    assert window.columns.detail.toPlainText()
    window.columns.set_filter({"heading"})  # Show: added headings only
    assert view.isRowHidden(r)
    assert not view.currentIndex().isValid() and not window.columns.detail.toPlainText()
