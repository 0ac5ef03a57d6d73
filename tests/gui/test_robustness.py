"""The window under real inputs: bad files, size guards, failures, cancel, close, right-to-left text.

Dialogs are answered by clicking their buttons (they open non-blocking), and slow
comparisons are made slow on purpose by patching the pair aligner, so every test
stays within a few seconds.
"""

from __future__ import annotations

import sys
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from engine.align.pairwise import PairAligner
from engine.io.guards import Limits

from .conftest import wait_compared
from .rtl_fixtures import ARABIC_A, ARABIC_B, HEBREW_B


def _button(box: QMessageBox, text: str):
    for b in box.buttons():
        if b.text().replace("&", "") == text:
            return b
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")


@pytest.fixture
def slow_pairs(monkeypatch):
    """Each pair of versions takes `delay` seconds to align (cancel is polled between pairs)."""
    state = {"delay": 0.25, "started": threading.Event()}
    real = PairAligner.run

    def run(self):
        state["started"].set()
        time.sleep(state["delay"])
        return real(self)

    monkeypatch.setattr(PairAligner, "run", run)
    return state


def _many(samples, n=8):
    return [samples[k % len(samples)] for k in range(n)]  # 8 versions: 28 pairs, ~7 s when slow


# -- loading ---------------------------------------------------------------------------

def test_every_bad_file_is_listed_and_the_good_ones_load(qtbot, window, samples, tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    huge = tmp_path / "dump.txt"
    huge.write_text("A long archive dump line.\n\n" * 200, encoding="utf-8")  # ~5 kB, over the small limit
    docx = tmp_path / "broken.docx"
    docx.write_bytes(b"PK\x03\x04 not really a zip")
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n garbage without objects")
    window.document.limits = Limits(max_text_bytes=3000)
    bad = [binary, folder, huge, docx, pdf, tmp_path / "gone.txt"]
    window.open_files([samples[0], str(bad[0]), samples[1], *map(str, bad[1:]), samples[2]])
    wait_compared(qtbot, window, 3)
    assert [v.name for v in window.document.comparison.versions] == ["1-wire.txt", "2-site-copy.txt", "3-rewrite.txt"]
    assert window.columns.banner.isVisible()
    text = window.columns.banner.text()
    for path in bad:
        assert path.name in text
    assert len(window.columns.banner.errors) == len(bad)
    assert "binary" in text and "directory" in text and "too large" in text and "no such file" in text
    # The failed versions left the list; the good ones stay, read once.
    assert window.versions_panel.list.count() == 3


# -- size guards -----------------------------------------------------------------------

def _ask(qtbot, w):
    qtbot.waitUntil(lambda: w.runner.too_large_box is not None and w.runner.too_large_box.isVisible(), timeout=15000)
    return w.runner.too_large_box


def test_too_large_offers_a_coarser_comparison_without_rereading(qtbot, window, samples, monkeypatch):
    window.document.limits = Limits(max_blocks=4)
    window.open_files(samples[:3])
    box = _ask(qtbot, window)
    assert "has" in box.informativeText() and "limit 4" in box.informativeText()
    assert window.document.comparison is None
    # Continuing must not touch the disk again: the engine hands the read versions back.
    import engine.io.loading

    def no_reading(*a, **k):
        raise AssertionError("a file was read again")

    monkeypatch.setattr(engine.io.loading, "read_path", no_reading)
    _button(box, "Continue at coarser granularity").click()
    wait_compared(qtbot, window, 3)
    c = window.document.comparison
    assert all(len(v.blocks) <= 4 for v in c.versions)
    assert c.extras.get("guards")
    assert "Coarser comparison" in window.status.label.text()
    assert "sections" in window.status.label.text()
    # A section keeps its paragraphs' line breaks (and their text stays escaped).
    assert any("<br>" in window.columns.model.html(r, 0) for r in range(window.columns.model.rowCount()))
    # A new base re-runs on the same versions and does not ask again.
    window.commands.set_base(window.document.shown_ids[1])
    wait_compared(qtbot, window, 3)
    assert window.runner.too_large_box is None and window.document.comparison.base == 1


def test_too_large_cancel_leaves_a_working_window(qtbot, window, samples):
    window.document.limits = Limits(max_blocks=4)
    window.open_files(samples[:2])
    box = _ask(qtbot, window)
    _button(box, "Cancel").click()
    qtbot.waitUntil(lambda: window.runner.too_large_box is None)
    assert window.document.comparison is None and not window.runner.busy
    assert "cancelled" in window.status.label.text()
    # Still alive: with the default limits the same versions compare.
    window.document.limits = Limits()
    window.document.changed.emit()
    wait_compared(qtbot, window, 2)


# -- failures --------------------------------------------------------------------------

@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_an_error_box(qtbot, window, samples, monkeypatch):
    from gui import crash

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = crash.install(QApplication.instance())
    window.open_files(samples[:2])
    wait_compared(qtbot, window, 2)

    def broken(*args):
        raise RuntimeError("detail pane exploded")

    monkeypatch.setattr("gui.views.columns.pane.detail_html", broken)
    shown = reporter.shown
    window.columns.view.choose(1, 1)  # emits cellChosen -> _show_detail raises inside a slot
    qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible() and reporter.shown == shown + 1)
    box = reporter.box
    assert "RuntimeError: detail pane exploded" in box.text()
    assert "Traceback" in box.detailedText() and "in show_detail" in box.detailedText()
    _button(box, "Copy Details").click()
    assert "detail pane exploded" in QApplication.clipboard().text()
    # A Python thread's exception is reported the same way, from the GUI thread.
    t = threading.Thread(target=lambda: 1 / 0, name="helper")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: reporter.shown == shown + 2)
    assert "ZeroDivisionError" in reporter.box.text() and "helper" in reporter.box.text()
    reporter.box.close()
    assert window.isVisible()


def test_a_failing_comparison_shows_details(qtbot, window, samples, monkeypatch):
    def broken(c, cancel):
        raise KeyError("lineage")

    monkeypatch.setattr("gui.worker._provenance", broken)
    window.open_files(samples[:2])
    qtbot.waitUntil(lambda: window.columns.banner.error_box is not None and window.columns.banner.error_box.isVisible(), timeout=15000)
    assert "KeyError" in window.columns.banner.error_box.text()
    assert "_provenance" in window.columns.banner.error_box.detailedText()
    assert not window.runner.busy and window.document.comparison is None
    window.columns.banner.error_box.close()


# -- cancel and close ------------------------------------------------------------------

def test_cancel_stops_a_long_comparison_quickly(qtbot, window, samples, slow_pairs):
    window.open_files(_many(samples))
    assert slow_pairs["started"].wait(10)
    (thread,) = window.runner.threads
    t0 = time.monotonic()
    window.status.cancel_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy and thread.isFinished(), timeout=5000)
    assert time.monotonic() - t0 < 1.5  # one pair at most, not the 28
    assert window.status.label.text() == "Comparison cancelled"
    assert window.document.comparison is None and not window.columns.banner.errors


def test_closing_during_a_comparison_exits_cleanly(qtbot, window, samples, slow_pairs):
    window.open_files(_many(samples))
    assert slow_pairs["started"].wait(10)
    (thread,) = window.runner.threads
    t0 = time.monotonic()
    assert window.close()
    assert time.monotonic() - t0 < 1.5
    assert thread.isFinished() and not window.isVisible()


def test_closing_during_an_uninterruptible_step_waits_for_it(qtbot, window, samples, slow_pairs):
    slow_pairs["delay"] = 2.2  # longer than close() waits
    window.open_files(samples[:2])
    assert slow_pairs["started"].wait(10)
    (thread,) = window.runner.threads
    assert not window.close()  # not yet: hidden, and closed when the worker ends
    assert not window.isVisible() and thread.isRunning()
    qtbot.waitUntil(lambda: thread.isFinished() and not window.runner.threads, timeout=5000)
    qtbot.wait(50)
    assert window.runner.closing and window.document.comparison is None


# -- right-to-left text ----------------------------------------------------------------

def _directions(doc):
    out, block = [], doc.begin()
    while block.isValid():
        if block.text().strip():
            out.append((block.text(), block.textDirection()))
        block = block.next()
    return out


def test_arabic_and_hebrew_read_right_to_left(qtbot, window, tmp_path):
    paths = []
    for name, text in (("ar-1.txt", ARABIC_A), ("ar-2.txt", ARABIC_B + "\n<script>x</script> وسم\n"),
                       ("he-2.txt", HEBREW_B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    window.open_files(paths)
    wait_compared(qtbot, window, 3)
    window.columns.select_interesting_cell()
    row, col = window.columns.view.currentIndex().row(), window.columns.view.currentIndex().column()
    doc = window.columns.view.cell_delegate.document(row, col, 500)
    dirs = _directions(doc)
    body = [d for t, d in dirs if "البلدية" in t or "الجسر" in t or "رئيس" in t]
    assert body and all(d == Qt.LayoutDirection.RightToLeft for d in body)
    badges = [d for t, d in dirs if t.startswith("¶")]
    assert badges and all(d == Qt.LayoutDirection.LeftToRight for d in badges)
    # The detail pane: both sides of the redline right to left.
    detail = _directions(window.columns.detail.document())
    rtl = [t for t, d in detail if d == Qt.LayoutDirection.RightToLeft]
    assert len(rtl) >= 2 and any("البلدية" in t for t in rtl)
    # Hebrew too, and markup in an Arabic paragraph stays text.
    m = window.columns.model
    hebrew = [window.columns.view.cell_delegate.document(r, 2, 500) for r in range(m.rowCount()) if not m.cell(r, 2).empty]
    assert any(d == Qt.LayoutDirection.RightToLeft for doc in hebrew for t, d in _directions(doc) if "העירייה" in t)
    cells = [m.html(r, 1) for r in range(m.rowCount())]
    assert any("&lt;script&gt;x&lt;/script&gt; وسم" in h for h in cells)
    assert not any("<script>" in h for h in cells)
