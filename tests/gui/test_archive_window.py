"""File › Open Archive…: the families of the sample archive, filtered, one opened as a comparison."""

from __future__ import annotations

import os

from engine.cli import main
from gui.views.dialogs.archive_window import COLUMNS, DOCUMENTS, RELATED, ArchiveDialog

from .conftest import wait_compared


def _sample_db(tmp_path) -> str:
    db = str(tmp_path / "sample.duckdb")
    assert main(["archive", "index", "--sample", "--db", db, "-q"]) == 0
    return db


def _rows(d: ArchiveDialog) -> list[str]:
    out = []
    for r in range(d.table.rowCount()):
        item = d.table.item(r, DOCUMENTS)
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


def test_related_families_are_named_in_their_own_column(qtbot, tmp_path):
    """Two wire stories of one day that share a background paragraph: two families, each naming the other."""
    import datetime as dt

    from engine.archive.store import Archive
    from tests.archive.test_related_families import BACKGROUND, SIDEBAR, _text
    from tests.engine.articles import WIRE

    files = {"wire-fire.txt": [*WIRE, BACKGROUND], "daily-fire.txt": [WIRE[0], WIRE[1], WIRE[2], WIRE[4]],
             "wire-history.txt": SIDEBAR, "daily-history.txt": [SIDEBAR[0], SIDEBAR[1], SIDEBAR[3]]}
    for name, paragraphs in files.items():
        (tmp_path / name).write_text(_text(paragraphs), encoding="utf-8")
    db = str(tmp_path / "a.duckdb")
    with Archive.open(db) as a:
        a.index([str(tmp_path / n) for n in files], manifest={str(tmp_path / n): dt.date(2020, 5, 25) for n in files})
    d = ArchiveDialog(db)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: bool(d.families), timeout=10000)
    assert COLUMNS[RELATED] == "Related"
    rows = {frozenset(d.table.item(r, DOCUMENTS).text().split(", ")): (d.table.item(r, 0).text(),
                                                                       d.table.item(r, RELATED))
            for r in range(d.table.rowCount())}
    fire = rows[frozenset({"wire-fire.txt", "daily-fire.txt"})]
    history = rows[frozenset({"wire-history.txt", "daily-history.txt"})]
    assert fire[1].text() == history[0] and history[1].text() == fire[0]
    assert "share a passage" in fire[1].toolTip()
