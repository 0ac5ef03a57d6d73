"""The aligned columns: a QTableView over `ComparisonModel` whose rows grow to fit the
wrapped text, with selection of counterparts, change navigation, filtering and find.

Row heights are computed here (not by QHeaderView.ResizeToContents, which re-measures
every cell on each change) and only when the column width or the content changes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip

from ...theme import T_UNCHANGED
from .counterparts import counterparts
from .delegate import CellDelegate
from .move_connectors import Move, find_moves, paint_moves
from .navigation import changed_cell, step_to, stops
from .table_model import ComparisonModel, Index

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
        self.linked_only = False  # show only rows where two or more versions stand side by side
        self.facts_only = False  # show only rows holding a changed fact (Show › Fact Changes Only)
        self.last_layout_ms = 0.0
        self._width = 0
        self._relayout_timer = QTimer(self, singleShot=True, interval=60)
        self._relayout_timer.timeout.connect(self.relayout)
        self._exact: list[bool] = []  # per row: height measured exactly at the current width
        self._pending = 0  # next row the idle refinement looks at
        self._refine_timer = QTimer(self, singleShot=True, interval=0)
        self._refine_timer.timeout.connect(self._refine)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        model.modelReset.connect(self._on_reset)
        self.moves: list[Move] = []
        self._pills: list = []  # (rect, Move) of the connectors' pills as last painted
        self.history: list[tuple[int, int]] = []  # cells to go back to after a jump
        self.home: int | None = None  # the column the reader last chose a cell in (F7 keeps to it)
        self._navigating = False

    # -- layout ------------------------------------------------------------
    def _on_reset(self) -> None:
        self.cell_delegate.clear()
        self.cell_delegate.current = None
        self.cell_delegate.found = set()
        self._width = 0
        self.moves = find_moves(self.cmodel.comparison, self.cmodel.cells)
        self.history = []
        self.relayout()

    def column_width(self) -> int:
        n = max(1, self.cmodel.columnCount())
        avail = self.viewport().width() or self.width()
        return max(MIN_COL, min(MAX_COL, avail // n))

    def relayout(self, force: bool = False) -> None:
        """Set column widths, then every row's height to its tallest cell.

        Laying out thousands of rich-text cells takes seconds (20 x 200 paragraphs:
        about 2 s), so rows first get an estimated height from their character
        count; the rows in view are measured exactly at once and the rest in short
        idle slices, keeping the window responsive.
        """
        started = time.perf_counter()
        n = self.cmodel.columnCount()
        if n == 0:
            # No table (the comparison was cleared): nothing is left to measure, and a
            # refinement still queued would measure rows of columns that are gone.
            self._refine_timer.stop()
            self._exact = []
            self._pending = 0
            return
        w = self.column_width()
        for col in range(n):
            if self.columnWidth(col) != w:
                self.setColumnWidth(col, w)
        if w != self._width or force:
            self._width = w
            self._exact = [False] * self.cmodel.rowCount()
            self._pending = 0
            vh = self.verticalHeader()
            est = self.cell_delegate.estimate_height
            for row in range(self.cmodel.rowCount()):
                hgt = max(est(row, col, w) for col in range(n))
                if vh.sectionSize(row) != hgt:
                    vh.resizeSection(row, hgt)
            self.measure_visible()
            if not all(self._exact):
                self._refine_timer.start()
        self.apply_filter()
        self.last_layout_ms = (time.perf_counter() - started) * 1000
        self.layoutDone.emit()

    def _measure(self, row: int) -> int:
        """Set one row's exact height; return the change in pixels."""
        d = self.cell_delegate
        vh = self.verticalHeader()
        hgt = max((d.cell_height(row, col, self._width) for col in range(self.cmodel.columnCount())), default=0)
        self._exact[row] = True
        delta = hgt - vh.sectionSize(row)
        if delta:
            vh.resizeSection(row, hgt)
        return delta

    def measure_visible(self) -> None:
        """Measure the rows in view exactly (called before they are painted)."""
        if not self._exact or all(self._exact):
            return
        vh = self.verticalHeader()
        sb = self.verticalScrollBar()
        first = max(0, vh.logicalIndexAt(0))
        # Rows above the viewport that change height would shift the view: keep the
        # first visible row where it is.
        offset = sb.value() - vh.sectionPosition(first)
        row, bottom = first, self.viewport().height() + 400  # and a little beyond
        while row < len(self._exact):
            if not self._exact[row]:
                self._measure(row)
            if vh.sectionPosition(row) - vh.sectionPosition(first) > bottom:
                break
            row += 1
        target = vh.sectionPosition(first) + offset
        if sb.value() != target:
            sb.setValue(target)

    def _refine(self) -> None:
        """Measure more rows exactly for about 15 ms, then yield to the event loop."""
        if not self._exact or self.cmodel.columnCount() == 0 or len(self._exact) != self.cmodel.rowCount():
            return  # the table changed since this slice was queued; relayout starts afresh
        deadline = time.perf_counter() + 0.015
        vh = self.verticalHeader()
        sb = self.verticalScrollBar()
        first = max(0, vh.logicalIndexAt(0))
        shift = 0
        while self._pending < len(self._exact) and time.perf_counter() < deadline:
            r = self._pending
            self._pending += 1
            if not self._exact[r]:
                d = self._measure(r)
                if r < first:
                    shift += d
        if shift:
            sb.setValue(sb.value() + shift)
        if self._pending < len(self._exact):
            self._refine_timer.start()
        else:
            self.layoutDone.emit()

    def fully_measured(self) -> bool:
        return bool(self._exact) and all(self._exact)

    def _scrolled(self, _value: int) -> None:
        if self._exact and not all(self._exact):
            sb = self.verticalScrollBar()
            sb.blockSignals(True)
            self.measure_visible()
            sb.blockSignals(False)

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

    def currentChanged(self, current: Index, previous: Index) -> None:
        super().currentChanged(current, previous)
        c = self.cmodel.comparison
        if not current.isValid() or c is None:
            return
        row, col = current.row(), current.column()
        if not self._navigating:
            self.home = col
        self.cell_delegate.current = (row, col)
        sel = QItemSelection()
        for r, v in counterparts(c, self.cmodel.cells, row, col):
            idx = self.cmodel.index(r, v)
            sel.select(idx, idx)
        self.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.viewport().update()
        self.cellChosen.emit(row, col)

    def set_folded(self, first: int, folded: bool) -> None:
        """Fold or unfold the run of rows starting at `first`, and re-measure it. Folding
        a run the current cell is inside moves the current cell to the run's one row."""
        m = self.cmodel
        if first not in m.runs:
            return
        cur = self.currentIndex()
        inside = cur.isValid() and m.run_of.get(cur.row()) == first
        m.set_folded(first, folded)
        self._refold(first)
        if folded and inside:
            self.choose(first, m.runs[first][1])

    def toggle_fold(self, row: int) -> bool:
        """Unfold the folded run at `row`, or fold the unfolded run `row` is in; False if none."""
        m = self.cmodel
        first = m.run_of.get(row)
        if first is None or not m.fold_on:
            return False
        self.set_folded(first, not m.folded(first))
        return True

    def _refold(self, first: int) -> None:
        for col in range(self.cmodel.columnCount()):
            self.cell_delegate._docs.pop((first, col), None)
        if self._exact and self._width:
            self._measure(first)
        self.apply_filter()
        self.viewport().update()
        self.layoutDone.emit()

    def set_fold_on(self, on: bool) -> None:
        """Fold every run of rows only one version has (on) or show all rows."""
        self.cmodel.set_fold_on(on)
        for first in self.cmodel.runs:
            self._refold(first)

    def choose(self, row: int, col: int) -> None:
        m = self.cmodel
        first = m.run_of.get(row)
        if first is not None and first != row and m.folded(first):
            self.set_folded(first, False)  # a jump into a folded run opens it
        idx = self.cmodel.index(row, col)
        if idx.isValid():
            self.setCurrentIndex(idx)
            self.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter
                          if self.rowHeight(row) < self.viewport().height() else QAbstractItemView.ScrollHint.PositionAtTop)

    def selected_cells(self) -> set[tuple[int, int]]:
        return {(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()}

    def jump(self, row: int, col: int) -> None:
        """Choose a cell and remember where the jump started (Back returns there)."""
        cur = self.currentIndex()
        if cur.isValid():
            self.history.append((cur.row(), cur.column()))
            del self.history[:-50]
        self.choose(row, col)

    def go_back(self) -> bool:
        if not self.history:
            return False
        self.choose(*self.history.pop())
        return True

    def _on_link(self, href: str) -> None:
        if href.startswith("fold:"):
            self.toggle_fold(int(href[5:]))
            return
        if href.startswith("row:") and (parts := href.split(":"))[1] != "None":
            self.jump(int(parts[1]), int(parts[2]))

    # -- move connectors ---------------------------------------------------
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.moves:
            p = QPainter(self.viewport())
            self._pills = paint_moves(self, p, self.moves, self.cell_delegate.current)
            p.end()

    def pill_at(self, pos: QPointF) -> Move | None:
        for rect, m in self._pills:
            if rect.contains(pos):
                return m
        return None

    def mousePressEvent(self, event) -> None:
        m = self.pill_at(event.position())
        if m is not None and event.button() == Qt.MouseButton.LeftButton:
            self.jump(m.row, m.version)  # back to the moved block
            event.accept()
            return
        super().mousePressEvent(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            m = self.pill_at(QPointF(event.pos()))
            if m is not None:
                QToolTip.showText(event.globalPos(), f"¶{m.block + 1} of this version is read here, in its own "
                                  "order; it is shown beside its counterpart further "
                                  f"{'down' if m.row > m.target_row else 'up'}. Click to go there.", self)
                return True
        return super().viewportEvent(event)

    # -- navigation --------------------------------------------------------
    navigate = Signal(int)  # +1 next change, -1 previous

    def keyPressEvent(self, event) -> None:
        # The window's shortcuts (F7, Alt+Down...) normally fire first; these keys are
        # also handled here so they work whenever the table has focus, even if the
        # window manager has not activated the window.
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_F7 or (alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            step = -1 if (key == Qt.Key.Key_Up or (key == Qt.Key.Key_F7 and shift)) else 1
            self.navigate.emit(step)
            event.accept()
            return
        cur = self.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not mods and cur.isValid() \
                and self.toggle_fold(cur.row()):
            event.accept()  # Enter or Space unfolds a folded run, or folds the run back
            return
        super().keyPressEvent(event)

    def changed_rows(self) -> list[int]:
        """Rows with a change that are on show (a folded run counts as its one row)."""
        return sorted({r for r, _ in self.change_stops()})

    def _changed(self, row: int, col: int) -> bool:
        return changed_cell(self.cmodel, row, col)

    def change_stops(self) -> list[tuple[int, int]]:
        """Every change F7 visits, in its order (gui.views.columns.navigation)."""
        m = self.cmodel
        return stops(self._changed, m.rowCount(), m.columnCount(), self.isRowHidden, self.home)

    def go_change(self, step: int) -> str | None:
        """Select the next (step=1) or previous (step=-1) change. None when there is none;
        "wrapped" when the round started again; "only" when this is the one change."""
        cur = self.currentIndex()
        here = (cur.row(), cur.column()) if cur.isValid() else None
        target, wrapped = step_to(self.change_stops(), here, step, self.home)
        if target is None:
            return None
        self._navigating = True  # stepping keeps the reader's home column
        try:
            self.choose(*target)
        finally:
            self._navigating = False
        if target == here:
            return "only"
        return "wrapped" if wrapped else "moved"

    # -- filter ----------------------------------------------------------
    def set_hidden_tags(self, tags: set[str]) -> None:
        self.hidden_tags = set(tags)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Hide rows none of whose change types is shown (unchanged rows count as 'unchanged')."""
        m = self.cmodel
        for r in range(m.rowCount()):
            tags = m.row_tags(r) or {T_UNCHANGED}
            hide = (bool(self.hidden_tags) and tags <= self.hidden_tags) or m.hidden_by_fold(r) \
                or (self.linked_only and not m.linked(r)) or (self.facts_only and not m.has_facts(r))
            if self.isRowHidden(r) != hide:
                self.setRowHidden(r, hide)

    def set_linked_only(self, on: bool) -> None:
        self.linked_only = on
        self.apply_filter()

    def set_facts_only(self, on: bool) -> None:
        self.facts_only = on
        self.apply_filter()
