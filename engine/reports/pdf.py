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
    # Lay the document out on pages the size of the printable area, in points at 72 dpi
    # scaled to the writer's resolution, then paint page by page with a footer.
    dpi = writer.resolution()
    page = writer.pageLayout().paintRectPixels(dpi)
    scale = dpi / 96.0  # QTextDocument lays out in screen pixels (96 per inch)
    footer_h = 16.0
    page_size = QSizeF(page.width() / scale, page.height() / scale - footer_h)
    doc.setPageSize(page_size)
    doc.documentLayout()  # force layout
    pages = max(1, doc.pageCount())

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("Qt could not start the PDF writer")
    try:
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -n * page_size.height())
            clip = QRectF(QPointF(0, n * page_size.height()), page_size)
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


def write_pdf(comparison: Comparison, path: str | os.PathLike[str]) -> None:
    """Write the PDF report of `comparison` to `path`, atomically."""
    write_atomic(path, pdf_bytes(comparison))
