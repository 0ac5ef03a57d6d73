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
