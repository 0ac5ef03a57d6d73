"""The aligned columns: a QTableView over `ComparisonModel` whose rows grow to fit the
wrapped text, with selection of counterparts, change navigation, filtering and find.

Row heights are computed here (not by QHeaderView.ResizeToContents, which re-measures
every cell on each change) and only when the column width or the content changes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .counterparts import counterparts
from .delegate import CellDelegate
from .table_model import ComparisonModel
from .theme import T_UNCHANGED

MIN_COL, MAX_COL = 240, 600  # a comfortable measure: about 35 to 90 characters a line


class AlignedView(QTableView):
    cellChosen = Signal(int, int)  # row, version
    layoutDone = Signal()

    def __init__(self, model: ComparisonModel, parent=None) -> None:
        super().__init__(parent)
        self.cmodel = model
        self.setModel(model)
        self.cell_delegate = CellDelegate(model, self)
        self.setItemDelegate(self.cell_delegate)
        self.cell_delegate.linkActivated.connect(self._on_link)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(8)
        h = self.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        h.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        h.setHighlightSections(False)
        self.setMouseTracking(True)
        self.hidden_tags: set[str] = set()
        self.last_layout_ms = 0.0
        self._width = 0
        self._relayout_timer = QTimer(self, singleShot=True, interval=60)
        self._relayout_timer.timeout.connect(self.relayout)
        model.modelReset.connect(self._on_reset)

    # -- layout ------------------------------------------------------------
    def _on_reset(self) -> None:
        self.cell_delegate.clear()
        self.cell_delegate.current = None
        self.cell_delegate.found = set()
        self._width = 0
        self.relayout()

    def column_width(self) -> int:
        n = max(1, self.cmodel.columnCount())
        avail = self.viewport().width() or self.width()
        return max(MIN_COL, min(MAX_COL, avail // n))

    def relayout(self, force: bool = False) -> None:
        """Set column widths, then every row's height to its tallest cell."""
        started = time.perf_counter()
        n = self.cmodel.columnCount()
        if n == 0:
            return
        w = self.column_width()
        for col in range(n):
            if self.columnWidth(col) != w:
                self.setColumnWidth(col, w)
        if w != self._width or force:
            self._width = w
            d = self.cell_delegate
            vh = self.verticalHeader()
            for row in range(self.cmodel.rowCount()):
                hgt = max(d.cell_height(row, col, w) for col in range(n))
                if vh.sectionSize(row) != hgt:
                    vh.resizeSection(row, hgt)
        self.apply_filter()
        self.last_layout_ms = (time.perf_counter() - started) * 1000
        self.layoutDone.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.column_width() != self._width:
            self._relayout_timer.start()

    def refresh_text(self) -> None:
        """The rich text changed (palette, font): rebuild documents and heights."""
        self.cell_delegate.clear()
        self.relayout(force=True)
        self.viewport().update()

    # -- selection -------------------------------------------------------
    def selectionCommand(self, index, event=None):
        # The view never changes the selection itself: `currentChanged` selects the
        # current cell together with all of its counterparts.
        return QItemSelectionModel.SelectionFlag.NoUpdate

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        c = self.cmodel.comparison
        if not current.isValid() or c is None:
            return
        row, col = current.row(), current.column()
        self.cell_delegate.current = (row, col)
        sel = QItemSelection()
        for r, v in counterparts(c, self.cmodel.cells, row, col):
            idx = self.cmodel.index(r, v)
            sel.select(idx, idx)
        self.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.viewport().update()
        self.cellChosen.emit(row, col)

    def choose(self, row: int, col: int) -> None:
        idx = self.cmodel.index(row, col)
        if idx.isValid():
            self.setCurrentIndex(idx)
            self.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter
                          if self.rowHeight(row) < self.viewport().height() else QAbstractItemView.ScrollHint.PositionAtTop)

    def selected_cells(self) -> set[tuple[int, int]]:
        return {(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()}

    def _on_link(self, href: str) -> None:
        if href.startswith("row:"):
            _, row, col = href.split(":")
            if row != "None":
                self.choose(int(row), int(col))

    # -- navigation --------------------------------------------------------
    def changed_rows(self) -> list[int]:
        m = self.cmodel
        return [r for r in range(m.rowCount()) if not self.isRowHidden(r) and any(x.changed for x in m.cells[r])]

    def _first_changed_col(self, row: int) -> int:
        m = self.cmodel
        base = m.comparison.base
        cur = self.currentIndex()
        if cur.isValid() and cur.column() != base and m.cells[row][cur.column()].changed:
            return cur.column()
        for v, x in enumerate(m.cells[row]):
            if v != base and x.changed:
                return v
        return base

    def go_change(self, step: int) -> bool:
        """Select the next (step=1) or previous (step=-1) row with a change; False at the end."""
        rows = self.changed_rows()
        if not rows:
            return False
        cur = self.currentIndex().row() if self.currentIndex().isValid() else (-1 if step > 0 else self.cmodel.rowCount())
        targets = [r for r in rows if r > cur] if step > 0 else [r for r in rows if r < cur][::-1]
        if not targets:
            return False
        self.choose(targets[0], self._first_changed_col(targets[0]))
        return True

    # -- filter ----------------------------------------------------------
    def set_hidden_tags(self, tags: set[str]) -> None:
        self.hidden_tags = set(tags)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Hide rows none of whose change types is shown (unchanged rows count as 'unchanged')."""
        m = self.cmodel
        for r in range(m.rowCount()):
            tags = m.row_tags(r) or {T_UNCHANGED}
            hide = bool(self.hidden_tags) and tags <= self.hidden_tags
            if self.isRowHidden(r) != hide:
                self.setRowHidden(r, hide)
