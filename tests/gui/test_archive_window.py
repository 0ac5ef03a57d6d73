"""File › Open Archive…: the families of the sample archive, filtered, one opened as a comparison."""

from __future__ import annotations

import os

from engine.cli import main
from gui.views.dialogs.archive_window import ArchiveDialog

from .conftest import wait_compared


def _sample_db(tmp_path) -> str:
    db = str(tmp_path / "sample.duckdb")
    assert main(["archive", "index", "--sample", "--db", db, "-q"]) == 0
    return db


def _rows(d: ArchiveDialog) -> list[str]:
    out = []
    for r in range(d.table.rowCount()):
        item = d.table.item(r, 5)
        assert item is not None, f"row {r} has no path cell"
        out.append(item.text())
    return out


def test_lists_filters_and_opens_a_family(qtbot, tmp_path, window):
    window.commands.open_archive(_sample_db(tmp_path))
    d = window.commands.archive_dialog
    qtbot.waitUntil(lambda: bool(d.families), timeout=10000)
    assert len(_rows(d)) == 3  # the three stories; singletons hidden at "at least 2 members"
    d.min_size.setValue(1)
    assert len(_rows(d)) == 5  # and the two unrelated pieces
    d.min_size.setValue(2)
    d.filter.setText("frost")
    assert _rows(d) == ["farmers-frost.txt, wire-frost.txt"]
    assert d.table.item(0, 4).text() == "wire-frost.txt"  # the lineage root
    assert d.table.item(0, 3).text().endswith("%")
    d.table.selectRow(0)
    assert d.open_button.isEnabled()
    d.open_button.click()
    wait_compared(qtbot, window, 2)
    assert [os.path.basename(v.name) for v in window.document.comparison.versions] == ["wire-frost.txt", "farmers-frost.txt"]


def test_a_file_that_is_not_an_archive_is_a_message(qtbot, tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("shopping list\n", encoding="utf-8")
    d = ArchiveDialog(str(bad))
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: "not a Storydiff archive" in d.status.text(), timeout=10000)
    assert d.table.rowCount() == 0
