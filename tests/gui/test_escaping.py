"""Article text is untrusted: hostile markup must show as text, never as HTML."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

import engine
from engine.analysis.cells import grid
from gui.theme import Colours
from gui.views.columns.cell_html import cell_html
from gui.views.columns.redline import detail_html

HOSTILE_A = ("Council says bridge <script>alert('x')</script> will reopen in March.\n\n"
             "Inspectors found cracks in two panels <img src=x onerror=alert(1)> last year.\n")
HOSTILE_B = ("Council says bridge <script>alert('y')</script> will reopen in March after repairs.\n\n"
             "Inspectors found cracks in two panels <img src=x onerror=alert(1)> last year.\n\n"
             "A new paragraph <a href=\"javascript:alert(2)\">click</a> & <b>bold</b>.\n")


def _all_html(qapp):
    from PySide6.QtWidgets import QApplication

    colours = Colours.for_palette(QApplication.palette())
    c = engine.compare([HOSTILE_A, HOSTILE_B], names=["<b>a</b>.txt", "<img src=y onerror=z>.txt"])
    out = []
    for row in grid(c):
        for x in row:
            out.append(cell_html(c, x, colours))
            out.append(detail_html(c, x, colours))
    return c, out


def test_cells_and_detail_escape_markup(qapp):
    c, pages = _all_html(qapp)
    joined = "".join(pages)
    for bad in ("<script", "<img", "<b>bold", "href=\"javascript", "onerror=alert(1)>"):
        assert bad not in joined
    assert "&lt;script&gt;" in joined and "&lt;img src=x onerror=alert(1)&gt;" in joined
    assert "&lt;img src=y onerror=z&gt;.txt" in joined  # hostile version names too
    # Rendered by Qt, the markup comes back as literal text.
    doc = QTextDocument()
    doc.setHtml("".join(pages))
    plain = doc.toPlainText()
    assert "<script>alert('x')</script>" in plain
    assert "<img src=x onerror=alert(1)>" in plain
    assert doc.allFormats()  # parsed, not empty
    images = [f for f in doc.allFormats() if f.isImageFormat()]
    assert not images


def test_window_banner_escapes_file_names(qtbot, tmp_path):
    from gui.main_window import MainWindow

    from .conftest import SAMPLES

    w = MainWindow()
    qtbot.addWidget(w)
    bad = str(tmp_path / "<img src=x onerror=alert(1)>.txt")
    w.open_files([str(SAMPLES / "1-wire.txt"), bad, str(SAMPLES / "2-site-copy.txt")])
    qtbot.waitUntil(lambda: w.document.comparison is not None and not w.runner.busy, timeout=15000)
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in w.columns.banner.text()
    assert "<img" not in w.columns.banner.text()
