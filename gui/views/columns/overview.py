"""A strip beside the columns that marks every change over the whole comparison, one
lane per version, with the visible part framed; clicking or dragging scrolls there."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...theme import TAG_COLOURS, blend
from .aligned_view import AlignedView


class OverviewStrip(QWidget):
    def __init__(self, view: AlignedView, parent=None) -> None:
        super().__init__(parent)
        self.view = view
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setToolTip("Every change in the comparison, one lane per version. Click to scroll there.")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().rangeChanged.connect(self.update)
        view.layoutDone.connect(self.invalidate)
        self._marks: QPixmap | None = None  # the change marks, drawn once per layout

    def invalidate(self) -> None:
        self._marks = None
        self.update()

    def resizeEvent(self, event) -> None:
        self._marks = None
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(44, 200)

    def _geometry(self) -> tuple[float, float, float]:
        """(top offset, usable height, total content height in pixels)."""
        top = self.view.horizontalHeader().height() + self.view.frameWidth()
        usable = max(1.0, self.height() - top - 4)
        vh = self.view.verticalHeader()
        total = float(vh.length()) or 1.0
        return top, usable, total

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        m = self.view.cmodel
        n = m.columnCount()
        if not n:
            return
        top, usable, total = self._geometry()
        scale = usable / total
        if self._marks is None or self._marks.size() != self.size():
            self._marks = self._draw_marks(top, usable, scale, base)
        p.drawPixmap(0, 0, self._marks)
        # The visible part of the table.
        sb = self.view.verticalScrollBar()
        y0 = top + sb.value() * scale
        hv = self.view.viewport().height() * scale
        frame = blend(pal.color(QPalette.ColorRole.Text), base, 0.7)
        p.setPen(QPen(frame, 1.5))
        p.setBrush(QColor(frame.red(), frame.green(), frame.blue(), 40))
        p.drawRect(QRectF(1.5, y0, self.width() - 3, max(6.0, hv)))

    def _draw_marks(self, top: float, usable: float, scale: float, base: QColor) -> QPixmap:
        """One lane per version, a mark per changed cell, at the row's share of the table height."""
        pm = QPixmap(self.size())
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.fillRect(QRectF(2, top, self.width() - 4, usable), base)
        m = self.view.cmodel
        n = m.columnCount()
        lane = (self.width() - 6) / n
        vh = self.view.verticalHeader()
        colours = {t: QColor(c) for t, c in TAG_COLOURS.items()}
        for r in range(m.rowCount()):
            if self.view.isRowHidden(r):
                continue
            y = top + vh.sectionPosition(r) * scale
            h = max(2.0, vh.sectionSize(r) * scale)
            for v in range(n):
                tags = m.shown_tags(r, v)  # a folded row marks its whole run
                if tags:
                    p.fillRect(QRectF(3 + v * lane, y, max(1.0, lane - 1), h), colours[tags[0]])
        p.end()
        return pm

    def _scroll_to(self, y: float) -> None:
        top, usable, total = self._geometry()
        content_y = (y - top) / usable * total
        sb = self.view.verticalScrollBar()
        sb.setValue(int(content_y - self.view.viewport().height() / 2))

    def mousePressEvent(self, event) -> None:
        self._scroll_to(event.position().y())

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._scroll_to(event.position().y())
