"""Hostile names and files in the window: names stay plain text, files get the CLI's one-line messages."""

from __future__ import annotations

from PySide6.QtCore import Qt

from engine.io.loading import Source
from engine.io.session import save_session
from engine.model import Options
from tests.engine.io import hostile_corpus as hc

from .conftest import wait_compared

STORY = "Minister resigns\n\nThe minister resigned on Tuesday after a week of protests in the capital.\n"
EVIL = '<img src="/local/file.png" width=60000>'


def test_version_names_are_plain_text_in_the_status_bar(qtbot, window, tmp_path):
    session = tmp_path / "evil.storydiff"
    save_session(session, [Source("a", STORY), Source("b", STORY.replace("Tuesday", "Monday"))], 0,
                 Options(), names=[EVIL, "second"])
    assert window.exporter.open_session(str(session))
    wait_compared(qtbot, window, 2)
    label = window.status.label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert EVIL in label.text()  # shown as the characters it is, not drawn as an image
    assert window.status.progress_label.textFormat() == Qt.TextFormat.PlainText


def test_hostile_files_get_the_same_one_line_messages(qtbot, window, samples, tmp_path):
    bomb = hc.docx_inflating_body(tmp_path, 190)
    png = hc.write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    pages = hc.pdf_pages(tmp_path, 3000)
    window.open_files([samples[0], str(bomb), str(png), str(pages), samples[1]])
    wait_compared(qtbot, window, 2, timeout=30000)
    assert len(window.columns.banner.errors) == 3
    text = " ".join(window.columns.banner.errors)
    assert "too large to read" in text and "a PNG image" in text and "3,000 pages" in text
    assert all("\n" not in e for e in window.columns.banner.errors)


def test_cancel_works_during_a_slow_read(qtbot, window, samples, tmp_path, monkeypatch):
    """A named pipe nobody writes keeps the reader waiting; Cancel stops it mid-read."""
    import os
    import time

    import engine.io.loading

    monkeypatch.setattr(engine.io.loading, "PIPE_SECONDS", 60.0)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    window.open_files([samples[0], str(fifo)])
    qtbot.waitUntil(lambda: window.runner.busy, timeout=5000)
    time.sleep(0.5)  # well inside the read of the pipe
    (thread,) = window.runner.threads
    t0 = time.monotonic()
    window.status.cancel_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy and thread.isFinished(), timeout=5000)
    assert time.monotonic() - t0 < 2.0  # not the pipe's 60 s
    assert window.status.label.text() == "Comparison cancelled"
    assert not window.columns.banner.errors


def test_too_many_versions_ask_then_compare_the_first(qtbot, window, samples, monkeypatch):
    import engine.io.loading
    from engine.io.guards import Limits

    from .test_robustness import _ask, _button

    window.document.limits = Limits(max_versions=3)
    reads = []
    real = engine.io.loading.read_path
    monkeypatch.setattr(engine.io.loading, "read_path", lambda *a, **k: reads.append(a) or real(*a, **k))
    window.open_files(samples[:4])
    box = _ask(qtbot, window)
    assert not reads  # asked before a file was read
    assert "4 versions" in box.informativeText() and "limit 3 versions" in box.informativeText()
    _button(box, "Continue at coarser granularity").click()
    wait_compared(qtbot, window, 3)
    assert [v.name for v in window.document.comparison.versions] == [window.document.entries[k].name for k in range(3)]
    assert "first 3 of 4" in window.status.label.toolTip()


def test_names_in_tooltips_are_never_markup(qtbot, window, tmp_path):
    """Reuse matrix, unique-content list, column headers: a name with a tag stays text."""
    from PySide6.QtGui import QTextDocument

    session = tmp_path / "evil.storydiff"
    save_session(session, [Source("a", STORY + "\nA paragraph only this version has, about <b>tags</b>.\n"),
                           Source("b", STORY.replace("Tuesday", "Monday"))], 0, Options(), names=[EVIL, "second"])
    assert window.exporter.open_session(str(session))
    wait_compared(qtbot, window, 2)
    window.show_view("provenance")
    matrix = window.provenance.widget().matrix
    tips = [matrix.horizontalHeaderItem(0).toolTip(), matrix.item(1, 0).toolTip()]
    for tip in tips:
        assert tip.startswith("<qt>") and "<img" not in tip  # escaped: shown, never drawn
        doc = QTextDocument()
        doc.setHtml(tip)
        assert EVIL in doc.toPlainText()
