"""Defects a new user met (issue 12), each pinned by a test that failed before its fix."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from .conftest import wait_compared


def test_clearing_the_comparison_stops_the_idle_row_measuring(qtbot, window, samples):
    """Close All while rows are still being measured: the refine timer must stop, and a
    late `_refine` must not measure rows of a table that has no columns any more."""
    window.resize(700, 300)  # a small viewport: most rows are left for the idle refinement
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    view = window.view
    view.relayout(force=True)
    assert not view.fully_measured() and view._refine_timer.isActive()
    window.close_all()
    assert window.model.columnCount() == 0
    assert not view._refine_timer.isActive()
    view._refine()  # a timeout already queued before the reset: it must be harmless
    QApplication.processEvents()


def _context_files(tmp_path):
    from tests.engine.test_context import BASE, COPY
    from tests.engine.articles import text

    paths = []
    for name, paras in (("wire.txt", BASE), ("copy.txt", COPY)):
        p = tmp_path / name
        p.write_text(text(paras), encoding="utf-8")
        paths.append(str(p))
    return paths


def test_context_is_quiet_until_shown(qtbot, window, tmp_path):
    window.open_files(_context_files(tmp_path))
    wait_compared(qtbot, window, 2)
    assert window.view.changed_rows() == []  # F7 does not stop on "Leave a Reply" or a counter "17"
    assert not any(x.state == "dropped" for row in window.model.cells for x in row)
    assert window.model.summaries[1].counts["added"] == 0
    window.context_action.setChecked(True)  # Show › Boilerplate and Captions as Changes
    assert window.view.changed_rows()
    assert window.model.summaries[1].counts["added"] == 2
    assert window.settings.value("view/context") in (True, "true")


def test_every_figure_in_the_window_is_explained(qtbot, window, samples):
    from PySide6.QtCore import Qt

    from engine.vocabulary import FIGURES
    from gui.summary_panel import COLUMNS

    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    m = window.model
    # The column header's "89% from base" says what that share is, not only the path.
    tip = m.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert FIGURES["reuse"].explain in tip
    # The Summary's figures have tooltips, in the same words; shares are percents.
    summary = window.summary
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
    from tests.engine.articles import UNRELATED, WIRE, text

    paths = []
    for name, paras in (("wire.txt", WIRE), ("other.txt", UNRELATED)):
        p = tmp_path / name
        p.write_text(text(paras), encoding="utf-8")
        paths.append(str(p))
    return paths


def test_runs_only_one_version_has_fold_into_one_row(qtbot, window, tmp_path):
    window.open_files(_independent_files(tmp_path))
    wait_compared(qtbot, window, 2)
    m, view = window.model, window.view
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
    window.fold_action.setChecked(False)
    assert not any(view.isRowHidden(r) for r in range(m.rowCount()))
    window.linked_action.setChecked(True)
    assert all(view.isRowHidden(r) == (not m.linked(r)) for r in range(m.rowCount()))
