"""Moves drawn as connectors in the aligned columns (Meld style).

A moved block stands in the row of its base counterpart, but in its own version it
is read elsewhere: after its previous block. A connector runs in the cell's left
margin from the moved block to that place, where a dashed line marks the gap and a
pill says "¶N is read here". The MOVED badge jumps to the gap; the pill jumps back.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from engine.analysis.cells import Cell

from ...theme import SKY, badge_text_colour

LANE = 9  # x offset of the connector inside a cell (between the side bar and the text)


@dataclass(frozen=True)
class Move:
    row: int  # where the moved block is shown (its base counterpart's row)
    version: int
    block: int
    target_row: int  # the row beside which the block is read in its own version
    after: bool  # read after target_row (True) or before it (the block comes first)


def find_moves(c, cells: list[list[Cell]]) -> list[Move]:
    """Every moved block of every version, with the row where its version reads it."""
    if c is None:
        return []
    out = []
    for r, row in enumerate(cells):
        for x in row:
            for part in x.parts:
                if not part.moved:
                    continue
                rows = c.row_of[x.version]
                if part.block > 0 and (part.block - 1) in rows:
                    out.append(Move(r, x.version, part.block, rows[part.block - 1], True))
                elif (part.block + 1) in rows:
                    out.append(Move(r, x.version, part.block, rows[part.block + 1], False))
    return out


def paint_moves(view, painter: QPainter, moves: list[Move], current: tuple[int, int] | None) -> list[tuple[QRectF, Move]]:
    """Draw the connectors in the viewport of `view`; return the pills' rectangles."""
    pills: list[tuple[QRectF, Move]] = []
    if not moves:
        return pills
    height = view.viewport().height()
    colour = QColor(SKY)
    dark = QColor("#0072B2")
    font = QFont(view.cell_delegate.font)
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
    font.setBold(True)
    fm = QFontMetricsF(font)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    for m in moves:
        if view.isRowHidden(m.row) or view.isRowHidden(m.target_row):
            continue
        left = view.columnViewportPosition(m.version)
        width = view.columnWidth(m.version)
        if left < -width or left > view.viewport().width():
            continue
        y_src = view.rowViewportPosition(m.row) + 14
        top_t = view.rowViewportPosition(m.target_row)
        y_tgt = top_t + view.rowHeight(m.target_row) if m.after else top_t
        if max(y_src, y_tgt) < -20 or min(y_src, y_tgt) > height + 20:
            continue
        hot = current is not None and current[1] == m.version and current[0] in (m.row, m.target_row)
        pen_colour = dark if hot else colour
        x = left + LANE
        bend = 10 if y_tgt < y_src else -10
        path = QPainterPath(QPointF(left + 14, y_src))
        path.cubicTo(QPointF(x, y_src), QPointF(x, y_src), QPointF(x, y_src - bend))
        path.lineTo(QPointF(x, y_tgt + bend))
        path.cubicTo(QPointF(x, y_tgt), QPointF(x, y_tgt), QPointF(left + 22, y_tgt))
        painter.setPen(QPen(pen_colour, 3 if hot else 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        # The gap where the block is read, and an arrowhead into it.
        painter.setPen(QPen(pen_colour, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(left + 22, y_tgt), QPointF(left + width - 6, y_tgt))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen_colour)
        painter.drawPolygon(QPolygonF([QPointF(left + 24, y_tgt), QPointF(left + 17, y_tgt - 5),
                                       QPointF(left + 17, y_tgt + 5)]))
        label = f"↩ ¶{m.block + 1} is read here"
        w = fm.horizontalAdvance(label) + 12
        h = fm.height() + 4
        pill = QRectF(left + 28, y_tgt - h / 2, w, h)
        painter.setBrush(pen_colour)
        painter.drawRoundedRect(pill, h / 2, h / 2)
        painter.setPen(QColor(badge_text_colour(pen_colour.name())))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        pills.append((pill, m))
    painter.restore()
    return pills
