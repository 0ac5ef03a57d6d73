"""Hostile names and files in the window: names stay plain text, files get the CLI's one-line messages."""

from __future__ import annotations

from PySide6.QtCore import Qt

from engine.loading import Source
from engine.model import Options
from engine.session import save_session
from tests.engine import hostile_corpus as hc

from .conftest import wait_compared

STORY = "Minister resigns\n\nThe minister resigned on Tuesday after a week of protests in the capital.\n"
EVIL = '<img src="/local/file.png" width=60000>'


def test_version_names_are_plain_text_in_the_status_bar(qtbot, window, tmp_path):
    session = tmp_path / "evil.storydiff"
    save_session(session, [Source("a", STORY), Source("b", STORY.replace("Tuesday", "Monday"))], 0,
                 Options(), names=[EVIL, "second"])
    assert window.open_session(str(session))
    wait_compared(qtbot, window, 2)
    label = window.status_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert EVIL in label.text()  # shown as the characters it is, not drawn as an image
    assert window.progress_label.textFormat() == Qt.TextFormat.PlainText


def test_hostile_files_get_the_same_one_line_messages(qtbot, window, samples, tmp_path):
    bomb = hc.docx_inflating_body(tmp_path, 190)
    png = hc.write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    pages = hc.pdf_pages(tmp_path, 3000)
    window.open_files([samples[0], str(bomb), str(png), str(pages), samples[1]])
    wait_compared(qtbot, window, 2, timeout=30000)
    assert len(window.errors) == 3
    text = " ".join(window.errors)
    assert "too large to read" in text and "a PNG image" in text and "3,000 pages" in text
    assert all("\n" not in e for e in window.errors)
