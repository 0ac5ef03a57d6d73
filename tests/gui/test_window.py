"""The window end to end: loading, selecting, navigating, base, paste, errors, options."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from engine.analysis.cells import BASE
from gui.main_window import MainWindow
from gui.theme import T_MERGED, T_UNCHANGED

from .conftest import wait_compared


def test_launch_with_files_shows_one_column_per_version(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    m = window.columns.model
    assert m.columnCount() == 4
    assert m.rowCount() == len(window.document.comparison.rows)
    header = m.headerData(0, Qt.Orientation.Horizontal)
    assert header.startswith("★ 1-wire.txt (base)")
    assert "3-rewrite.txt" in m.headerData(2, Qt.Orientation.Horizontal)
    # Rows grew to fit their text: a long paragraph row is taller than a placeholder-only row.
    heights = [window.columns.view.rowHeight(r) for r in range(m.rowCount())]
    assert max(heights) > 2 * min(heights)
    assert window.stack.currentIndex() == 1
    assert "compared in" in window.status.label.text()


def _merged_cell(w):
    m = w.columns.model
    for r in range(m.rowCount()):
        for v in range(m.columnCount()):
            if T_MERGED in m.tags[r][v]:
                return r, v
    raise AssertionError("the samples have a merged paragraph")


def test_selecting_a_cell_selects_counterparts_and_fills_detail(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    r, v = _merged_cell(window)
    window.columns.view.choose(r, v)
    selected = window.columns.view.selected_cells()
    non_empty = {(r, k) for k in range(4) if not window.columns.model.cell(r, k).empty}
    assert non_empty <= selected
    assert len(non_empty) >= 3
    html = window.columns.detail.toHtml()
    text = window.columns.detail.toPlainText()
    assert "JOINS base ¶4 + ¶5" in text
    assert re.search(r"match \d+%", text) and "words" in text and "Paraphrased: " in text
    # Both sides of the redline are there: struck deletions and underlined insertions.
    assert "line-through" in html and "underline" in html


def test_clicking_a_cell_selects_its_row(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    view = window.columns.view
    r, v = _merged_cell(window)
    view.scrollTo(window.columns.model.index(r, v))
    rect = view.visualRect(window.columns.model.index(r, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentIndex().row() == r and view.currentIndex().column() == 0
    assert (r, v) in view.selected_cells()
    assert "Base" in window.columns.detail.toPlainText()


def test_next_and_previous_change(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    view = window.columns.view
    stops = view.change_stops()
    assert len(stops) >= 5 and len(view.changed_rows()) >= 5
    window.actions_["next"].trigger()
    here = (view.currentIndex().row(), view.currentIndex().column())
    assert here == stops[0] and window.columns.model.cell(*here).changed
    window.actions_["next"].trigger()
    assert (view.currentIndex().row(), view.currentIndex().column()) == view.change_stops()[1]
    window.actions_["prev"].trigger()
    assert (view.currentIndex().row(), view.currentIndex().column()) == here
    # The keys: F7 forward, Shift+F7 back, Alt+Down forward.
    order = view.change_stops()
    window.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F7)
    assert (view.currentIndex().row(), view.currentIndex().column()) == order[1]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == order[2]
    qtbot.keyClick(view, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == order[1]
    # At the last change, "next" wraps to the first and says so.
    view.choose(*order[-1])
    assert view.go_change(1) == "wrapped"
    assert (view.currentIndex().row(), view.currentIndex().column()) == view.change_stops()[0]


def test_switching_base(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    window.commands.set_base(window.document.shown_ids[2])
    qtbot.waitUntil(lambda: window.document.comparison is not None and window.document.comparison.base == 2 and not window.runner.busy,
                    timeout=15000)
    m = window.columns.model
    assert m.headerData(2, Qt.Orientation.Horizontal).startswith("★ 3-rewrite.txt (base)")
    assert not m.headerData(0, Qt.Orientation.Horizontal).startswith("★")
    assert all(m.cell(r, 2).state == BASE for r in range(m.rowCount()) if not m.cell(r, 2).empty)
    # The rewrite's headings are ordinary base blocks now, so no column shows "added heading"
    # for them; the wire's title, absent from the rewrite, is added against the new base.
    assert any(m.cell(r, 0).state == "added" for r in range(m.rowCount()))


def test_add_by_paste(qtbot, window, samples):
    window.open_files(samples[:2])
    wait_compared(qtbot, window, 2)
    QApplication.clipboard().setText("A pasted headline\n\nThe glass footbridge over the River Vell will reopen "
                                     "to pedestrians on March 14, the council said on Tuesday.\n")
    window.actions_["paste"].trigger()
    wait_compared(qtbot, window, 3)
    assert window.document.comparison.versions[2].name == "pasted text 1"
    assert window.document.comparison.versions[2].path is None
    assert window.versions_panel.list.count() == 3


def test_bad_file_is_a_message_and_others_still_load(qtbot, window, samples, tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "gone.txt"
    window.open_files([samples[0], str(binary), samples[1], str(missing), samples[2]])
    wait_compared(qtbot, window, 3)
    assert [v.name for v in window.document.comparison.versions] == ["1-wire.txt", "2-site-copy.txt", "3-rewrite.txt"]
    assert window.columns.banner.isVisible()
    text = window.columns.banner.text()
    assert "photo.txt" in text and "gone.txt" in text and "no such file" in text
    assert len(window.columns.banner.errors) == 2
    window.columns.banner.close_button.click()
    assert not window.columns.banner.isVisible()


def test_one_good_file_is_not_a_crash(qtbot, window, samples, tmp_path):
    window.open_files([samples[0], str(tmp_path / "nope.txt")])
    qtbot.waitUntil(lambda: not window.runner.busy and bool(window.columns.banner.errors), timeout=15000)
    assert window.document.comparison is None
    assert window.stack.currentIndex() == 0
    assert "nope.txt" in window.columns.banner.text()


def test_remove_and_reorder_versions(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    window.versions_panel.select_id(window.document.entries[3].id)
    window.actions_["up"].trigger()
    wait_compared(qtbot, window, 4)
    assert [v.name for v in window.document.comparison.versions][2] == "4-late-edit.txt"
    window.versions_panel.select_id(window.document.entries[1].id)
    window.actions_["remove"].trigger()
    wait_compared(qtbot, window, 3)
    assert "2-site-copy.txt" not in [v.name for v in window.document.comparison.versions]


def test_rename_keeps_the_comparison(qtbot, window, samples):
    window.open_files(samples[:3])
    wait_compared(qtbot, window, 3)
    before = window.document.comparison.rows
    window.document.rename(window.document.entries[1].id, "Site copy")
    assert window.document.comparison.versions[1].name == "Site copy"
    assert window.document.comparison.rows == before
    assert window.columns.model.headerData(1, Qt.Orientation.Horizontal).startswith("Site copy")


def test_rename_while_a_removed_version_is_still_shown(qtbot, window, samples):
    window.open_files(samples[:3])
    wait_compared(qtbot, window, 3)
    d = window.document
    gone, kept = d.entries[2].id, d.entries[1].id
    old_name = d.comparison.versions[2].name
    d.remove(gone)  # its re-run is requested, not finished: the comparison still shows the version
    assert gone in d.shown_ids
    d.rename(kept, "Site copy")
    assert [v.name for v in d.comparison.versions][1:] == ["Site copy", old_name]
    wait_compared(qtbot, window, 2)


def test_rename_while_a_run_is_pending_survives_the_run(qtbot, window, samples):
    window.open_files(samples[:3])
    wait_compared(qtbot, window, 3)
    d = window.document
    d.remove(d.entries[2].id)  # a re-run starts with the names as they are now
    d.rename(d.entries[1].id, "Site copy")  # ... and the user renames before it ends
    wait_compared(qtbot, window, 2)
    assert [v.name for v in d.comparison.versions] == [d.entries[0].name, "Site copy"]
    assert window.columns.model.headerData(1, Qt.Orientation.Horizontal).startswith("Site copy")


def test_filter_hides_unchanged_rows(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    view, m = window.columns.view, window.columns.model
    assert not any(view.isRowHidden(r) for r in range(m.rowCount()) if not m.hidden_by_fold(r))
    window.columns.filters.tag_actions[T_UNCHANGED].setChecked(False)
    window.columns.filters.tag_actions["muted"].setChecked(False)
    hidden = [r for r in range(m.rowCount()) if view.isRowHidden(r) and not m.hidden_by_fold(r)]
    assert hidden
    for r in hidden:
        assert m.row_tags(r) <= {"muted"}
    window.columns.set_filter({"heading"})
    shown = [r for r in range(m.rowCount()) if not view.isRowHidden(r)]
    assert shown and all("heading" in m.row_tags(r) for r in shown)


def test_find(qtbot, window, samples):
    window.open_files(samples)
    wait_compared(qtbot, window, 4)
    window.actions_["find"].trigger()
    assert window.columns.find_bar.isVisible()
    qtbot.keyClicks(window.columns.find_bar.edit, "jogger")
    assert re.fullmatch(r"1 of \d+", window.columns.find_bar.count.text())  # the first match is chosen
    first = window.columns.view.currentIndex()
    assert "jogger" in window.columns.model.data(first).lower()
    window.columns.find_bar.edit.returnPressed.emit()
    assert (window.columns.view.currentIndex().row(), window.columns.view.currentIndex().column()) != (first.row(), first.column())
    assert "of" in window.columns.find_bar.count.text()


def test_options_persist(qtbot, samples, isolated_settings):
    from engine.model import Options

    w = MainWindow()
    qtbot.addWidget(w)
    w.document.options = Options(ignore_case=False, sensitivity=0.7, granularity="char")  # not the default
    w.resize(1234, 777)
    w.save_settings()
    w2 = MainWindow()
    qtbot.addWidget(w2)
    assert not w2.document.options.ignore_case and w2.document.options.sensitivity == 0.7 and w2.document.options.granularity == "char"
    assert isolated_settings.exists()


def test_cancel_stops_the_worker(qtbot):
    from engine.io.loading import from_text
    from engine.model import Options
    from gui.worker import Job, run_job


    texts = [from_text(f"Paragraph one of version {k}.\n\nParagraph two.\n") for k in range(3)]
    out = run_job(Job(texts, ["a", "b", "c"], 0, Options()), cancel=lambda: True)
    assert out.cancelled and out.comparison is None and not out.errors
    done = run_job(Job(texts, ["a", "b", "c"], 0, Options()))
    assert not done.cancelled and done.comparison is not None


def test_every_export_entry_writes_its_format(qtbot, window, samples, tmp_path, monkeypatch):
    """File › Export lists each report format once, and each entry writes that format."""
    import json
    from pathlib import Path

    from engine.reports import WRITERS

    window.open_files(samples[:3])
    wait_compared(qtbot, window, 3)
    asked: list[str] = []

    def save_as(_parent, _title, default, _filter):
        asked.append(default)
        return str(tmp_path / Path(default).name), ""

    monkeypatch.setattr("gui.export.QFileDialog.getSaveFileName", save_as)
    window.exporter.fill_menu()
    entries = window.exporter.menu.actions()
    labels = [a.text() for a in entries]
    assert len(labels) == len(set(labels)) == len({WRITERS[f] for f in WRITERS})  # md and markdown: one entry
    for a in entries:
        a.trigger()
    written = {p.suffix: p for p in tmp_path.iterdir() if p.name.startswith("storydiff-report")}
    assert set(written) == {".txt", ".json", ".html", ".md", ".pdf"} and len(asked) == len(entries)
    assert json.loads(written[".json"].read_text(encoding="utf-8"))["schema"] == "storydiff/1"
    assert written[".pdf"].read_bytes().startswith(b"%PDF")
    assert "<html" in written[".html"].read_text(encoding="utf-8").lower()
    assert "3-rewrite.txt" in written[".txt"].read_text(encoding="utf-8")


def test_export_and_session_round_trip(qtbot, window, samples, tmp_path):
    import json

    window.open_files(samples[:3])
    wait_compared(qtbot, window, 3)
    out = tmp_path / "report.json"
    assert window.exporter.export("json", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "storydiff/1"
    window.document.rename(window.document.entries[2].id, "Rewrite")
    window.commands.set_base(window.document.shown_ids[1])
    wait_compared(qtbot, window, 3)
    qtbot.waitUntil(lambda: window.document.comparison.base == 1, timeout=15000)
    session = tmp_path / "x.storydiff"
    assert window.exporter.save_session(str(session))
    window.document.clear()
    assert window.document.comparison is None
    window.open_files([str(session)])
    wait_compared(qtbot, window, 3)
    assert window.document.comparison.base == 1
    assert [v.name for v in window.document.comparison.versions] == ["1-wire.txt", "2-site-copy.txt", "Rewrite"]


def test_drop_files_adds_versions(qtbot, window, samples):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(p) for p in samples[:2]])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, md, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wait_compared(qtbot, window, 2)
    assert [v.name for v in window.document.comparison.versions] == ["1-wire.txt", "2-site-copy.txt"]


def test_recent_comparisons_menu(qtbot, window, samples):
    window.open_files(samples[:2])
    wait_compared(qtbot, window, 2)
    window.commands.fill_recent(window.recent_menu)
    actions = window.recent_menu.actions()
    assert actions and "1-wire.txt" in actions[0].text() and "2-site-copy.txt" in actions[0].text()
    window.document.clear()
    actions[0].trigger()
    wait_compared(qtbot, window, 2)


def test_long_inputs_keep_the_window_responsive(qtbot, window):
    """While a large comparison runs in the worker, the GUI thread keeps handling events."""
    import time


    para = "The council said the bridge over the river would reopen in March after repairs to panel {k}. "
    big = "\n\n".join(para.format(k=k) * 6 for k in range(600))
    window.commands.add_text(big, "big a")
    window.commands.add_text(big.replace("council", "city"), "big b")
    assert window.runner.busy
    ticks = []
    started = time.perf_counter()
    while window.runner.busy and time.perf_counter() - started < 60:
        t = time.perf_counter()
        qtbot.wait(20)
        ticks.append(time.perf_counter() - t)
    assert window.document.comparison is not None and len(window.document.comparison.versions) == 2
    assert ticks and max(ticks) < 1.0, max(ticks)


def test_options_dialog_changes_rerun_the_comparison(qtbot, window, samples, monkeypatch):
    from gui.views.dialogs.options_dialog import OptionsDialog

    window.open_files(samples[:2])
    wait_compared(qtbot, window, 2)
    dlg = OptionsDialog(window.document.options, window)
    qtbot.addWidget(dlg)
    dlg.ignore_case.setChecked(False)
    dlg.sensitivity.setValue(80)
    dlg.granularity.setCurrentIndex(1)
    chosen = dlg.options()
    assert not chosen.ignore_case and chosen.sensitivity == 0.8 and chosen.granularity == "char"
    monkeypatch.setattr(OptionsDialog, "exec", lambda self: 1)
    monkeypatch.setattr(OptionsDialog, "options", lambda self: chosen)
    window.commands.options_dialog()
    qtbot.waitUntil(lambda: window.document.comparison is not None and window.document.comparison.options == chosen
                    and not window.runner.busy, timeout=15000)
    assert window.settings.value("options/granularity") == "char"


def test_empty_window_offers_the_samples(qtbot, window):
    assert window.stack.currentIndex() == 0
    assert "sample" in window.empty.text()
    window.empty.linkActivated.emit("samples")
    wait_compared(qtbot, window, 4)
