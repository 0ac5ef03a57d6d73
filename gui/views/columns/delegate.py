"""Paints one cell: faint tint and side bar in the change's colour, the rich text, and
a slim placeholder for empty cells so a missing paragraph is never just a gap.

Laid-out QTextDocuments are cached per cell, so painting while scrolling only draws.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from engine.analysis.cells import DROPPED

from ...theme import ORANGE as FOUND
from ...theme import T_DROPPED, TAG_COLOURS, blend
from ...theme import YELLOW as FOUND_BG
from .table_model import CELL_ROLE, TAGS_ROLE, ComparisonModel

PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 14, 10, 8, 10
BAR = 4
PLACEHOLDER_H = 24


class CellDelegate(QStyledItemDelegate):
    linkActivated = Signal(str)

    def __init__(self, model: ComparisonModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.font = QFont()
        self._docs: dict[tuple[int, int], QTextDocument] = {}
        self.found: set[tuple[int, int]] = set()
        self.needle = ""  # the text Find is looking for: highlighted inside the found cells
        self.current: tuple[int, int] | None = None
        self._metrics: tuple[float, float] | None = None

    def clear(self) -> None:
        self._docs.clear()

    def forget(self, row: int, col: int) -> None:
        """Drop one cell's laid-out text (its rich text changed: a fact highlighted or no longer)."""
        self._docs.pop((row, col), None)

    def set_font(self, font: QFont) -> None:
        self.font = QFont(font)
        self._docs.clear()
        self._metrics = None

    def document(self, row: int, col: int, width: int) -> QTextDocument | None:
        """The cell's laid-out text for a column `width` pixels wide (None for an empty cell)."""
        key = (row, col)
        doc = self._docs.get(key)
        if doc is None:
            html = self.model.html(row, col)
            if not html:
                return None
            doc = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(self.font)
            opt = QTextOption()
            opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            # Each paragraph takes its direction from its first strong letter (like dir="auto"),
            # so Arabic and Hebrew read right to left even in a left-to-right interface.
            opt.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
            doc.setDefaultTextOption(opt)
            doc.setHtml(html)
            self._docs[key] = doc
        text_width = max(40, width - PAD_LEFT - PAD_RIGHT)
        if doc.textWidth() != text_width:
            doc.setTextWidth(text_width)
        return doc

    def estimate_height(self, row: int, col: int, width: int) -> int:
        """A quick guess of `cell_height` from character counts (exact once measured)."""
        if (row, col) in self._docs:
            return self.cell_height(row, col, width)
        cell = self.model.cell(row, col)
        if cell.empty:
            return PLACEHOLDER_H + PAD_TOP + PAD_BOTTOM
        if self._metrics is None:
            fm = QFontMetricsF(self.font)
            sample = "The footbridge over the river will reopen to pedestrians in March, the council said."
            self._metrics = (fm.horizontalAdvance(sample) / len(sample), fm.lineSpacing())
        char_w, line_h = self._metrics
        text_w = max(40, width - PAD_LEFT - PAD_RIGHT)
        c = self.model.shown()
        total = 0.0
        for k, part in enumerate(cell.parts):
            block = c.versions[col].blocks[part.block]
            chars: float = len(block.display)
            if part.link is not None and part.state == "edited" and not part.split:
                # Deleted words are shown inline too; the diff itself is computed lazily
                # by the engine, so it is not touched for a guess.
                chars = max(chars, len(part.link.text_a) * 1.2)
            scale = 1.3 if block.kind in ("heading", "title") else 1.0
            lines = max(1, -(-chars * char_w * scale * 1.04 // text_w))
            total += line_h * 1.05 + 3 + lines * line_h * scale + (10 if k else 0)
        return int(total) + PAD_TOP + PAD_BOTTOM

    def cell_height(self, row: int, col: int, width: int) -> int:
        doc = self.document(row, col, width)
        if doc is None:
            return PLACEHOLDER_H + PAD_TOP + PAD_BOTTOM
        return int(doc.size().height() + 0.999) + PAD_TOP + PAD_BOTTOM

    # -- painting --------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        row, col = index.row(), index.column()
        rect = option.rect
        pal = option.palette
        tags = index.data(TAGS_ROLE) or []
        main = tags[0] if tags else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        colours = self.model.colours
        # The fills the theme checked its text colours against (tests/test_contrast.py).
        painter.fillRect(rect, QColor(colours.cell_fill(main, selected)))
        if main:
            painter.fillRect(QRect(rect.left() + 2, rect.top() + 3, BAR, rect.height() - 6), QColor(TAG_COLOURS[main]))
        # Column separators and row rules, drawn here because the grid is off (it would cross the side bars).
        painter.setPen(QPen(QColor(colours.rule), 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        doc = self.document(row, col, rect.width())
        if doc is None:
            self._placeholder(painter, rect, index, pal)
        else:
            painter.translate(rect.left() + PAD_LEFT, rect.top() + PAD_TOP)
            clip = QRectF(0, 0, rect.width() - PAD_LEFT - PAD_RIGHT + 2, rect.height() - PAD_TOP)
            painter.setClipRect(clip)
            ctx = QAbstractTextDocumentLayout.PaintContext()
            ctx.palette.setColor(QPalette.ColorRole.Text, pal.color(QPalette.ColorRole.Text))
            ctx.palette.setColor(QPalette.ColorRole.Link, pal.color(QPalette.ColorRole.Link))
            ctx.clip = clip
            if self.needle and (row, col) in self.found:
                ctx.selections = self._matches(doc)
            doc.documentLayout().draw(painter, ctx)
            painter.setClipping(False)
            painter.translate(-(rect.left() + PAD_LEFT), -(rect.top() + PAD_TOP))
        # Frames only: the placeholder left its fill brush set, which would cover the cell.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if (row, col) in self.found:
            painter.setPen(QPen(QColor(FOUND), 2, Qt.PenStyle.SolidLine))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        if self.current == (row, col):
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def _matches(self, doc: QTextDocument) -> list[QAbstractTextDocumentLayout.Selection]:
        """Every occurrence of the Find text in `doc`, as highlighted selections."""
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(FOUND_BG))
        fmt.setForeground(QColor("#000000"))
        out: list[QAbstractTextDocumentLayout.Selection] = []
        cursor = doc.find(self.needle, 0)
        while not cursor.isNull() and len(out) < 200:
            sel = QAbstractTextDocumentLayout.Selection()
            sel.cursor = cursor
            sel.format = fmt
            out.append(sel)
            cursor = doc.find(self.needle, cursor)
        return out

    def _placeholder(self, painter: QPainter, rect: QRect, index, pal: QPalette) -> None:
        """A dashed box for a dropped paragraph; a quieter dotted line for 'not in this version'."""
        cell = index.data(CELL_ROLE)
        dropped = cell is not None and cell.state == DROPPED
        colours = self.model.colours
        text_col = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        box = QRect(rect.left() + PAD_LEFT, rect.top() + PAD_TOP, rect.width() - PAD_LEFT - PAD_RIGHT, PLACEHOLDER_H)
        f = QFont(self.font)
        f.setPointSizeF(max(7.0, self.font.pointSizeF() * 0.85))
        f.setItalic(True)
        painter.setFont(f)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if dropped:
            colour = QColor(TAG_COLOURS[T_DROPPED])
            painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(colours.dropped_box))
            painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
            painter.setPen(QColor(colours.deleted))  # text: the checked shade, not the bar's colour
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "✕  dropped from the base")
            return
        faint = blend(text_col, base, 0.28)
        label = "not in this version"
        fm = painter.fontMetrics()
        tw = fm.horizontalAdvance(label) + 16
        mid = box.center().y()
        painter.setPen(QPen(faint, 1, Qt.PenStyle.DotLine))
        left_end = box.center().x() - tw // 2
        painter.drawLine(box.left(), mid, left_end, mid)
        painter.drawLine(left_end + tw, mid, box.right(), mid)
        painter.setPen(QColor(colours.muted))
        painter.drawText(QRect(left_end, box.top(), tw, box.height()), Qt.AlignmentFlag.AlignCenter, label)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        w = max(option.rect.width(), 200)
        return QSize(w, self.cell_height(index.row(), index.column(), w))

    # -- links in badges (the "moved" marker) ----------------------------
    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index) -> bool:
        if (isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton):
            doc = self.document(index.row(), index.column(), option.rect.width())
            if doc is not None:
                pos = event.position() - QPointF(option.rect.left() + PAD_LEFT, option.rect.top() + PAD_TOP)
                href = doc.documentLayout().anchorAt(pos)
                if href:
                    self.linkActivated.emit(href)
                    return True
        return super().editorEvent(event, model, option, index)
