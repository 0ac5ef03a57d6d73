"""The reuse matrix as a heat map with the numbers in the cells.

Row: a version; column: another version; cell: the share of the ROW version's words
that stand verbatim in the COLUMN version (`Comparison.reuse_matrix[col][row]`).
Read a row to see where a version's words come from. The cell of each version's
lineage source is framed and bold. Shades run from the background to Okabe-Ito
blue, so the numbers, not the hue, carry the meaning.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableWidget, QTableWidgetItem

from engine.model import Comparison
from engine.vocabulary import pct

from ...theme import BLUE, Colours, badge_text_colour, blend
from ..columns.cell_html import plain_tip

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 10


def share_text(x: float) -> str:
    """A share as people read it: '<1%' rather than a misleading '0%' for a trace."""
    if 0 < x < 0.005:
        return "<1%"
    return pct(x)


class _FrameDelegate(QStyledItemDelegate):
    """Draws a frame around the cell of a version's lineage source."""

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        if index.data(SOURCE_ROLE):
            painter.save()
            # The frame takes the text colour the one rule gives for this background.
            painter.setPen(QPen(QColor(badge_text_colour(option.palette.base().color().name())), 2))
            r: QRect = option.rect.adjusted(1, 1, -2, -2)
            painter.drawRect(r)
            painter.restore()


class ReuseMatrix(QTableWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setItemDelegate(_FrameDelegate(self))
        self.setShowGrid(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(56)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(30)
        self.setWordWrap(False)

    @staticmethod
    def short(name: str, limit: int = 12) -> str:
        """A file name short enough for a column head: extension off, then cut."""
        stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
        return stem if len(stem) <= limit else stem[: limit - 1] + "…"

    def value(self, row: int, col: int) -> float:
        """The shown share: row version's words found verbatim in the column version."""
        assert self.comparison is not None
        return self.comparison.reuse_matrix[col][row]

    def set_comparison(self, c: Comparison | None) -> None:
        self.comparison = c
        self.clear()
        n = len(c.versions) if c is not None else 0
        self.setRowCount(n)
        self.setColumnCount(n)
        if c is None:
            return
        names = [v.name for v in c.versions]
        self.setHorizontalHeaderLabels([f"in {self.short(x)}" for x in names])
        self.setVerticalHeaderLabels([f"{self.short(x, 18)}’s words" for x in names])
        for k, name in enumerate(names):
            if (across := self.horizontalHeaderItem(k)) is not None:  # both set by the labels above
                across.setToolTip(plain_tip(f"Where the other versions' words stand verbatim: in {name}"))
            if (down := self.verticalHeaderItem(k)) is not None:
                down.setToolTip(plain_tip(f"Where {name}'s words stand verbatim"))
        base = self.palette().base().color()
        sources = {e.version: e.source for e in c.lineage}
        bold = QFont(self.font())
        bold.setBold(True)
        for r in range(n):
            for col in range(n):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if r == col:
                    item.setText("—")
                    item.setForeground(QColor(Colours.for_palette(self.palette()).muted))
                    item.setToolTip(plain_tip(f"{names[r]} itself"))
                else:
                    x = self.value(r, col)
                    shade = blend(BLUE, base, 0.06 + 0.94 * max(0.0, min(1.0, x)))
                    item.setBackground(shade)
                    item.setForeground(QColor(badge_text_colour(shade.name())))
                    item.setText(share_text(x))
                    tip = f"{share_text(x)} of {names[r]}'s words stand verbatim in {names[col]}"
                    if sources.get(r) == col:
                        item.setFont(bold)
                        item.setData(SOURCE_ROLE, True)
                        tip += f"\n{names[col]} is {names[r]}'s most likely source (lineage)"
                    item.setToolTip(plain_tip(tip))
                self.setItem(r, col, item)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # As tall as its rows: the lineage graph above gets the rest.
        self.setMaximumHeight(self.horizontalHeader().sizeHint().height() + n * 32 + 2 * self.frameWidth() + 4)
