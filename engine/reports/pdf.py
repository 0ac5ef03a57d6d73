"""The PDF report: the Qt dialect of the HTML report, laid out and printed by Qt.

The PDF report needs no extra dependency: Qt (already the app's toolkit) prints
`engine.reports.html_qt` to an A4 landscape PDF, with a page number in every
footer. This is the one engine module that uses Qt, and it imports PySide6 only
inside its functions: `import engine` and every other report stay Qt-free, and
the engine never imports the `gui` package. It works without a display: when no
QGuiApplication exists and no display is available, the offscreen platform is
chosen before Qt starts (a QApplication started with no display aborts the process).
"""

from __future__ import annotations

import os
import sys

from ..errors import StorydiffError
from ..io.safe_write import write_atomic
from ..model import Comparison
from . import qt_fix
from .html_qt import to_qt_html


def to_pdf(comparison: Comparison) -> bytes:
    """The PDF report of `comparison`, or a one-line error when Qt cannot be loaded here."""
    try:
        import PySide6.QtGui  # noqa: F401 - only to tell a missing Qt from a failure while printing
    except ImportError as e:  # PySide6 missing or its system libraries absent
        raise StorydiffError(f"PDF reports need Qt (PySide6), which cannot be loaded here: {e}") from None
    return pdf_bytes(comparison)


def ensure_app() -> object:
    """The running Qt application, or a new QApplication (offscreen when headless).

    A QApplication rather than a bare QGuiApplication: the CLI's PDF export and the
    window can then share one process (widgets refuse to start under a
    QGuiApplication, and Qt aborts the process when they try).
    """
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    qt_fix.apply()  # before any Qt painting (a no-op where PySide6 has no such bug)
    app = QGuiApplication.instance()
    if app is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and sys.platform.startswith("linux")
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication.instance() or QApplication(sys.argv[:1] or ["storydiff"])
    return app


def pdf_bytes(comparison: Comparison) -> bytes:
    """The PDF report of `comparison`, as bytes."""
    ensure_app()
    from PySide6.QtCore import (
        QBuffer,
        QByteArray,
        QIODevice,
        QMarginsF,
        QPointF,
        QRectF,
        QSizeF,
        Qt,
    )
    from PySide6.QtGui import (
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Storydiff report: {comparison.versions[comparison.base].name}")
    writer.setCreator("Storydiff")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 14), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)

    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Sans", 8))
    doc.setHtml(to_qt_html(comparison))
    # Lay the document out as one long page as wide as the printable area (QTextDocument
    # lays out in screen pixels, 96 per inch), then cut it into pages where no table row
    # and no line of text is cut (Qt's own pagination splits table rows across pages).
    dpi = writer.resolution()
    page = writer.pageLayout().paintRectPixels(dpi)
    scale = dpi / 96.0
    footer_h = 16.0
    page_size = QSizeF(page.width() / scale, page.height() / scale - footer_h)
    doc.setTextWidth(page_size.width())
    cuts = page_breaks(unbreakable_spans(doc), doc.size().height(), page_size.height())
    pages = len(cuts) - 1

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("Qt could not start the PDF writer")
    try:
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -cuts[n])
            clip = QRectF(QPointF(0, cuts[n]), QSizeF(page_size.width(), cuts[n + 1] - cuts[n]))
            doc.drawContents(painter, clip)
            painter.restore()
            painter.save()
            painter.scale(scale, scale)
            footer_font = QFont("DejaVu Sans")
            footer_font.setPixelSize(9)  # in the document's 96-dpi pixels, like the text above
            painter.setFont(footer_font)
            painter.drawText(QRectF(0, page_size.height(), page_size.width(), footer_h),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             f"Storydiff report \u00b7 page {n + 1} of {pages}")
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def unbreakable_spans(doc) -> list[tuple[float, float]]:
    """(top, bottom) of what a page break must not cut: every line of text, and every row
    of a table at the top level of `doc` (a QTextDocument laid out as one long page)."""
    from PySide6.QtGui import QTextTable

    layout = doc.documentLayout()
    spans: list[tuple[float, float]] = []
    block = doc.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for k in range(lines.lineCount()):
            line = lines.lineAt(k)
            spans.append((top + line.y(), top + line.y() + line.height()))
        block = block.next()
    for frame in doc.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        for r in range(frame.rows()):
            top, bottom = float("inf"), float("-inf")
            for col in range(frame.columns()):
                cell = frame.cellAt(r, col)
                block, last = doc.findBlock(cell.firstPosition()), cell.lastPosition()
                while block.isValid() and block.position() <= last:
                    rect = layout.blockBoundingRect(block)
                    top, bottom = min(top, rect.top()), max(bottom, rect.bottom())
                    block = block.next()
            if top < bottom:
                spans.append((top - ROW_PAD, bottom + ROW_PAD))
    return spans


ROW_PAD = 3.0  # a row's cell padding and border around its text, in layout pixels


def page_breaks(spans: list[tuple[float, float]], total: float, page: float) -> list[float]:
    """Where pages start and the document ends: [0, y1, ..., total]. Each page holds at
    most `page` and ends where no span (a line, a table row) is cut, unless a span is
    taller than a page; such a row is cut between its lines."""
    cuts = [0.0]
    while total - cuts[-1] > page:
        start = cuts[-1]
        y = start + page
        moved = True
        while moved:  # moving up to a span's top may land inside another span
            moved = False
            for top, bottom in spans:
                if top < y < bottom and bottom - top <= page and top > start:
                    y, moved = top, True
        cuts.append(y if y > start else start + page)
    cuts.append(max(total, cuts[-1]))
    return cuts


def write_pdf(comparison: Comparison, path: str | os.PathLike[str]) -> None:
    """Write the PDF report of `comparison` to `path`, atomically."""
    write_atomic(path, pdf_bytes(comparison))
