"""Sessions and the archive in the window never lose what is on show.

A session whose names list is shorter than its versions opens every version; sixty
versions ask the too-many question rather than opening one; a damaged session leaves
what is shown; Save never writes a session without versions nor over a version's
file; Export never writes over a version; the archive dialog opens only what was
indexed and shows its messages as plain text.
"""

from __future__ import annotations

import json

import duckdb
from PySide6.QtCore import Qt

from engine.cli import main
from engine.io.session import FORMAT, VERSION
from gui.views.dialogs.archive_window import ArchiveDialog

from .conftest import wait_compared

STORY = "Minister resigns\n\nThe minister resigned on Tuesday after a week of protests in the capital.\n"


def _session(path, count: int, names: list[str]) -> str:
    sources = [{"name": f"v{k}", "text": STORY.replace("Tuesday", f"day {k}")} for k in range(count)]
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "base": 0, "options": {},
                                "names": names, "sources": sources}), encoding="utf-8")
    return str(path)


def test_names_shorter_than_the_versions_open_every_version(qtbot, window, tmp_path):
    assert window.exporter.open_session(_session(tmp_path / "s.storydiff", 3, ["the wire"]))
    wait_compared(qtbot, window, 3)
    assert [v.name for v in window.document.comparison.versions] == ["the wire", "v1", "v2"]


def test_sixty_versions_and_one_name_ask_rather_than_open_one(qtbot, window, tmp_path):
    assert window.exporter.open_session(_session(tmp_path / "s.storydiff", 60, ["the wire"]))
    qtbot.waitUntil(lambda: window.runner.too_large_box is not None, timeout=15000)
    assert len(window.document.entries) == 60
    assert "60 versions" in window.runner.too_large_box.detailedText()


def test_a_damaged_session_leaves_the_versions_on_show(qtbot, window, samples, tmp_path):
    window.open_files(samples[:2])
    wait_compared(qtbot, window, 2)
    shown = window.document.comparison
    bad = tmp_path / "bad.storydiff"
    bad.write_text('{"format": "storydiff-session", "version": 1, "sources": [{"name": 1}]}', encoding="utf-8")
    assert not window.exporter.open_session(str(bad))
    assert window.document.comparison is shown and len(window.document.entries) == 2
    assert any("damaged session" in e for e in window.columns.banner.errors)


def test_save_writes_the_versions_on_show_and_never_an_empty_session(qtbot, window, samples, tmp_path, monkeypatch):
    warned: list[str] = []
    monkeypatch.setattr("gui.export.plain_warning", lambda _p, _t, text: warned.append(text))
    window.open_files(samples[:3])
    wait_compared(qtbot, window, 3)
    for e in list(window.document.entries):  # the list emptied; the comparison on show is still the last one
        window.document.entries.remove(e)
    out = tmp_path / "s.storydiff"
    assert window.exporter.save_session(str(out))
    assert len(json.loads(out.read_text(encoding="utf-8"))["sources"]) == 3
    window.document.show(None)
    assert not window.exporter.save_session(str(tmp_path / "none.storydiff"))
    assert not (tmp_path / "none.storydiff").exists()


def test_save_and_export_never_write_over_a_version(qtbot, window, tmp_path, monkeypatch):
    warned: list[str] = []
    monkeypatch.setattr("gui.export.plain_warning", lambda _p, _t, text: warned.append(text))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(STORY, encoding="utf-8")
    b.write_text(STORY.replace("Tuesday", "Monday"), encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(a)
    window.open_files([str(a), str(b)])
    wait_compared(qtbot, window, 2)
    assert not window.exporter.export("html", str(link))
    assert not window.exporter.save_session(str(tmp_path / "." / "b.txt"))
    assert a.read_text(encoding="utf-8") == STORY and "Monday" in b.read_text(encoding="utf-8")
    assert len(warned) == 2 and all("refusing to overwrite a version" in w for w in warned)


def test_the_archive_dialog_opens_only_what_was_indexed(qtbot, window, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    wire = "The minister resigned on Tuesday after a week of protests in the capital city of the country. " * 3
    for name, extra in (("wire.txt", ""), ("copy.txt", " A paper's own ending."), ("third.txt", " Another end.")):
        (docs / name).write_text(wire + extra + "\n", encoding="utf-8")
    secret = tmp_path / "diary.txt"
    secret.write_text("Private notes. " * 40, encoding="utf-8")
    db = tmp_path / "a.duckdb"
    assert main(["archive", "index", str(docs), "--db", str(db), "-q"]) == 0
    with duckdb.connect(str(db)) as con:  # an archive someone sent, edited to point at another file
        con.execute("UPDATE docs SET key = ? WHERE path LIKE '%third.txt'", [str(secret)])
    window.commands.open_archive(str(db))
    d = window.commands.archive_dialog
    qtbot.waitUntil(lambda: bool(d.families), timeout=10000)
    d.table.selectRow(0)
    d.open_button.click()
    wait_compared(qtbot, window, 2)
    assert sorted(v.path.rsplit("/", 1)[1] for v in window.document.comparison.versions) == ["copy.txt", "wire.txt"]
    assert "left out 1" in d.status.text() and "changed since it was indexed" in d.status.text()


def test_archive_dialog_messages_are_plain_text(qtbot, tmp_path):
    bad = tmp_path / "<b>bold<i>.duckdb"
    bad.write_text("shopping list\n", encoding="utf-8")
    d = ArchiveDialog(str(bad))
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: "not a Storydiff archive" in d.status.text(), timeout=10000)
    assert d.status.textFormat() == Qt.TextFormat.PlainText and "<b>bold<i>" in d.status.text()
