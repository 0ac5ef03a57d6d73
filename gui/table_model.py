"""The aligned table as a Qt model: one column per version, one row per engine row.

Cells are read once with `engine.cells.grid` and their rich text is built lazily and
cached, so scrolling a 20 x 200 table only formats what comes into view.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from engine.cells import DROPPED, Cell, grid
from engine.model import Comparison
from engine.summary import VersionSummary, summarize

from .cell_html import cell_html, cell_plain, plain_tip
from .theme import TAG_INFO, Colours, cell_tags

CELL_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class ComparisonModel(QAbstractTableModel):
    def __init__(self, colours: Colours, parent=None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.cells: list[list[Cell]] = []
        self.tags: list[list[list[str]]] = []
        self.summaries: list[VersionSummary] = []
        self.colours = colours
        self._html: dict[tuple[int, int], str] = {}

    # -- content ---------------------------------------------------------
    def set_comparison(self, c: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = c
        self.cells = grid(c) if c is not None else []
        self.tags = [[cell_tags(x) for x in row] for row in self.cells]
        self.summaries = summarize(c) if c is not None else []
        self._html.clear()
        self.endResetModel()

    def rename(self, c: Comparison) -> None:
        """Same comparison with new version names: only the headers change."""
        self.comparison = c
        self.summaries = summarize(c)
        self._html.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))

    def set_colours(self, colours: Colours) -> None:
        self.colours = colours
        self._html.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def cell(self, row: int, col: int) -> Cell:
        return self.cells[row][col]

    def html(self, row: int, col: int) -> str:
        key = (row, col)
        h = self._html.get(key)
        if h is None:
            h = self._html[key] = cell_html(self.comparison, self.cells[row][col], self.colours)
        return h

    def row_tags(self, row: int) -> set[str]:
        out: set[str] = set()
        for t in self.tags[row]:
            out.update(t)
        return out

    # -- Qt model API ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self.comparison is None:
            return 0
        return len(self.comparison.versions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.comparison is None:
            return None
        r, v = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            x = self.cells[r][v]
            if x.empty:
                return "dropped" if x.state == DROPPED else "not in this version"
            return cell_plain(self.comparison, x)
        if role == CELL_ROLE:
            return self.cells[r][v]
        if role == HTML_ROLE:
            return self.html(r, v)
        if role == TAGS_ROLE:
            return self.tags[r][v]
        if role == Qt.ItemDataRole.ToolTipRole:
            tags = self.tags[r][v]
            return "\n".join(TAG_INFO[t].explain for t in tags if t in TAG_INFO) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        c = self.comparison
        if orientation != Qt.Orientation.Horizontal or c is None or section >= len(c.versions):
            return super().headerData(section, orientation, role)
        v = c.versions[section]
        s = self.summaries[section] if section < len(self.summaries) else None
        if role == Qt.ItemDataRole.DisplayRole:
            first = f"★ {v.name} (base)" if section == c.base else v.name
            if s is None:
                return first
            if section == c.base:
                second = f"{s.words} words · {s.blocks} blocks"
            else:
                second = f"{s.words} words · {s.blocks} blocks · {s.reuse_from_base:.0%} from base"
            return f"{first}\n{second}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f"{v.path or 'pasted text'}\nencoding: {v.encoding}")
        if role == Qt.ItemDataRole.FontRole and section == c.base:
            f = QFont()
            f.setBold(True)
            return f
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
