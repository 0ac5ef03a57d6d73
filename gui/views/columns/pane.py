"""The Columns view as one piece: the legend, error banner, aligned table, overview strip
and find bar (this widget), the word-by-word detail pane and the Show (filter) menu.

It reads the document's comparison and keeps the reader's place: the selected block
is remembered before a re-run and chosen again after, a row that gets filtered away
stops being described in the detail pane, and find and the filters re-apply to each
new comparison. The shell places `self` and `self.detail`.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from engine.analysis.cell_facts import fact_cell
from engine.ledger import FactChange

from ...actions import FilterMenu
from ...document import Document
from ...theme import FILTER_TAGS, Colours
from ..panels.banner import ErrorBanner
from .aligned_view import AlignedView
from .cell_html import cell_plain
from .find_bar import FindBar
from .legend import Legend
from .overview import OverviewStrip
from .redline import detail_html
from .table_model import ComparisonModel


class ColumnsPane(QWidget):
    message = Signal(str, int)  # a short status-bar note and how long to show it (ms)
    columnChosen = Signal(int)  # the reader chose a cell in this column
    raiseRequested = Signal()  # bring the Columns view to the front (a jump from another view)
    summariesChanged = Signal()  # the per-version counts changed without a re-run (context on/off)

    def __init__(self, document: Document, colours: Colours, settings: QSettings | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.colours = colours
        self.settings = settings  # None: nothing is persisted (tests, --screenshot)
        self._matches: list[tuple[int, int]] = []
        self._pending_sel: tuple[int, int, int] | None = None  # see remember_selection
        self.model = ComparisonModel(colours, self)
        self.view = AlignedView(self.model)
        font = QFont(self.font())
        font.setPointSizeF(max(10.5, font.pointSizeF()))
        self.view.cell_delegate.set_font(font)
        self.view.cellChosen.connect(self.show_detail)
        self.view.navigate.connect(self.go_change)
        self.overview = OverviewStrip(self.view)
        self.legend = Legend()
        self.legend.toggled.connect(self.toggle_tag)
        self.legend.only.connect(lambda tag: self.set_filter({tag}))
        self.banner = ErrorBanner()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.search.connect(self.find_text)
        self.find_bar.closed.connect(self._find_closed)
        self.detail = self._build_detail()
        self.filters = FilterMenu(self)
        self.filters.shownChanged.connect(self._filter_changed)
        self.filters.context_action.toggled.connect(self.set_context)
        self.filters.fold_action.toggled.connect(self._fold_changed)
        self.filters.linked_action.toggled.connect(self._linked_changed)
        self.filters.facts_action.toggled.connect(self._facts_changed)
        self.legend.facts_toggled.connect(self.filters.facts_action.toggle)  # the legend's changed-fact chip
        self.filter_button = self.filters.button(self.palette().color(QPalette.ColorRole.WindowText).name())
        self._lay_out()

    def _lay_out(self) -> None:
        table_row = QHBoxLayout()
        table_row.setContentsMargins(0, 0, 0, 0)
        table_row.setSpacing(2)
        table_row.addWidget(self.view, 1)
        table_row.addWidget(self.overview)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.legend)
        lay.addWidget(self.banner)
        lay.addLayout(table_row, 1)
        lay.addWidget(self.find_bar)

    def _build_detail(self) -> QTextBrowser:
        detail = QTextBrowser()
        detail.setOpenLinks(False)
        detail.setPlaceholderText("Select a paragraph to read its changes word by word.")
        detail.document().setDefaultFont(self.view.cell_delegate.font)
        rtl_ok = detail.document().defaultTextOption()
        rtl_ok.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)  # each redline side by its own script
        detail.document().setDefaultTextOption(rtl_ok)
        return detail

    def _persist(self, key: str, value) -> None:
        if self.settings is not None:
            self.settings.setValue(key, value)

    # ------------------------------------------------------------ comparison
    def set_comparison(self, c) -> None:
        self.model.set_comparison(c)
        self.detail.clear()
        if c is None:
            self._pending_sel = None

    def after_shown(self, c) -> None:
        """Once the new comparison is on screen: the remembered block again, find again."""
        self._restore_selection(c)
        if self.find_bar.isVisible():
            self.find_text(self.find_bar.edit.text(), 0)

    def relabel(self, c) -> None:
        self.model.rename(c)
        self.refresh_detail()

    def set_colours(self, colours: Colours) -> None:
        self.colours = colours
        self.model.set_colours(colours)
        self.view.refresh_text()
        self.refresh_detail()

    def remember_selection(self) -> None:
        """Note the selected block (version entry, block index) to select it again once the
        comparison is re-run (options, base, order changes keep the reader's place)."""
        if self._pending_sel is not None:
            return
        cur = self.view.currentIndex()
        c, ids = self.document.comparison, self.document.shown_ids
        if not cur.isValid() or c is None or cur.column() >= len(ids):
            return
        eid = ids[cur.column()]
        cell = self.model.cell(cur.row(), cur.column())
        if cell.blocks:
            self._pending_sel = (eid, eid, cell.blocks[0])
        elif c.rows[cur.row()][c.base]:
            self._pending_sel = (eid, ids[c.base], c.rows[cur.row()][c.base][0])

    def _restore_selection(self, c) -> None:
        pending, self._pending_sel = self._pending_sel, None
        ids = self.document.shown_ids
        if pending is None:
            return
        col_id, block_id, block = pending
        if col_id not in ids or block_id not in ids:
            return
        version = ids.index(block_id)
        row = c.row_of[version].get(block) if block < len(c.versions[version].blocks) else None
        if row is not None:
            self.view.choose(row, ids.index(col_id))

    # ------------------------------------------------------ selection, nav
    def show_detail(self, row: int, col: int) -> None:
        c = self.document.comparison
        if c is None:
            return
        mark = self.model.mark
        if mark is not None and (row, col) not in self.model.mark_cells(mark):
            self._set_mark(None)  # the reader moved on: the fact chosen last is no longer highlighted
            mark = None
        self.detail.setHtml(detail_html(c, self.model.cell(row, col), self.colours, 0, mark[1] if mark else None))
        self.columnChosen.emit(col)

    def show_fact(self, version: int, fact: FactChange) -> None:
        """Select the paragraph a changed fact (of `version` against the base) stands in, and
        highlight the fact's words there and in the base (from the Facts list)."""
        c = self.document.comparison
        where = fact_cell(c, version, fact) if c is not None and 0 <= version < len(c.versions) else None
        if where is None:
            return
        self.raiseRequested.emit()
        if self.view.isRowHidden(where[0]) and not self.view.cmodel.hidden_by_fold(where[0]):
            self.set_filter(set(FILTER_TAGS))  # a change type the reader hid: show everything again
            self.filters.linked_action.setChecked(False)
        self._set_mark((version, fact))
        self.view.choose(*where)
        self.refresh_detail()

    def _set_mark(self, mark: tuple[int, FactChange] | None) -> None:
        for row, col in self.model.set_mark(mark):
            self.view.cell_delegate.forget(row, col)
        self.view.viewport().update()

    def refresh_detail(self) -> None:
        idx = self.view.currentIndex()
        if idx.isValid():
            self.show_detail(idx.row(), idx.column())

    def current_column(self) -> int | None:
        idx = self.view.currentIndex()
        return idx.column() if idx.isValid() else None

    def go_change(self, step: int) -> None:
        """F7 / Shift+F7: the next or previous change (order: gui.views.columns.navigation)."""
        if self.document.comparison is None:
            return
        went = self.view.go_change(step)
        if went is None:
            self.message.emit("No changes to step through (check Show: are change types hidden?).", 4000)
        elif went == "wrapped":
            self.message.emit("Wrapped: back at the first change." if step > 0
                              else "Wrapped: at the last change.", 4000)
        elif went == "only":
            self.message.emit("This is the only change.", 3000)

    def go_back(self) -> None:
        if not self.view.go_back():
            self.message.emit("Nowhere to go back to.", 2500)

    def show_block(self, version: int, block: int) -> None:
        """Select one block of one version (from the unique list, the heat map)."""
        c = self.document.comparison
        if c is None or not 0 <= version < len(c.versions):
            return
        row = c.row_of[version].get(block)
        if row is None:
            return
        self.raiseRequested.emit()
        if self.view.isRowHidden(row):
            self.set_filter(set(FILTER_TAGS))
        self.view.choose(row, version)
        self.view.setFocus()

    def select_interesting_cell(self) -> None:
        """Select a telling cell (a merge, else an edit) so a screenshot shows the detail pane."""
        m = self.model
        if m.comparison is None:
            return
        for want in ("merged", "edited", "paraphrased"):
            for r in range(m.rowCount()):
                for v in range(m.columnCount()):
                    if want in m.tags[r][v]:
                        self.view.choose(r, v)
                        # Start the view at a row boundary a little above the chosen row,
                        # so no half-cut row sits at the top of a screenshot.
                        vh, sb = self.view.verticalHeader(), self.view.verticalScrollBar()
                        for top in range(max(0, r - 3), r + 1):
                            if vh.sectionPosition(r) + vh.sectionSize(r) - vh.sectionPosition(top) <= self.view.viewport().height():
                                sb.setValue(vh.sectionPosition(top))
                                break
                        return

    # ------------------------------------------------------------- filters
    def set_filter(self, shown: set[str]) -> None:
        self.filters.set_shown(shown)
        self._filter_changed()

    def _leave_hidden_row(self) -> None:
        """The detail pane never describes a row the reader can no longer see."""
        cur = self.view.currentIndex()
        if cur.isValid() and self.view.isRowHidden(cur.row()):
            self.view.selectionModel().clear()
            self.view.setCurrentIndex(self.model.index(-1, -1))
            self.view.cell_delegate.current = None
            self.detail.clear()
            self.view.viewport().update()

    def set_context(self, on: bool) -> None:
        """Count boilerplate and captions as change (on) or keep them as quiet context."""
        if self.filters.context_action.isChecked() != on:
            self.filters.context_action.setChecked(on)  # re-enters here through toggled
            return
        self._persist("view/context", on)
        if self.model.context == on:
            return
        cur = self.view.currentIndex()
        where = (cur.row(), cur.column()) if cur.isValid() else None
        self.model.set_context(on)
        if self.document.comparison is not None:
            self.summariesChanged.emit()
            if where is not None:
                self.view.choose(*where)
        self.overview.invalidate()

    def _fold_changed(self, on: bool) -> None:
        self.view.set_fold_on(on)
        self._persist("view/fold", on)
        self.overview.invalidate()

    def _linked_changed(self, on: bool) -> None:
        self.view.set_linked_only(on)
        self._leave_hidden_row()
        self._persist("view/linked_only", on)
        self.overview.invalidate()

    def _facts_changed(self, on: bool) -> None:
        self.view.set_facts_only(on)
        self.legend.set_facts_only(on)
        self._leave_hidden_row()
        self._persist("view/facts_only", on)  # remembered like Only Linked Rows
        self.overview.invalidate()
        if on and self.document.comparison is not None and not self.model.fact_rows:
            self.message.emit("No fact changed: every row is hidden (Show › Fact Changes Only).", 5000)

    def toggle_tag(self, tag: str) -> None:
        """Hide one change type, or show it again (a click on its legend chip)."""
        a = self.filters.tag_actions[tag]
        a.setChecked(not a.isChecked())  # the menu's toggled signal re-filters

    def _filter_changed(self) -> None:
        hidden = self.filters.hidden()
        self.legend.set_hidden(hidden)
        self.view.set_hidden_tags(hidden)
        self._leave_hidden_row()
        self.filter_button.setText("Show (filtered)" if hidden else "Show")
        self.overview.invalidate()

    # ------------------------------------------------------------- find
    def show_find(self) -> None:
        if self.document.comparison is not None:
            self.find_bar.show_bar()

    def find_text(self, text: str, step: int) -> None:  # not find(): that is QWidget's static lookup by id
        m = self.model
        needle = text.strip().lower()
        if not needle or m.comparison is None:
            self._matches = []
        else:
            self._matches = [(r, v) for r in range(m.rowCount()) for v in range(m.columnCount())
                             if (not self.view.isRowHidden(r) or m.hidden_by_fold(r))  # a folded match unfolds
                             and needle in cell_plain(m.comparison, m.cells[r][v]).lower()]
        self.view.cell_delegate.found = set(self._matches)
        self.view.cell_delegate.needle = needle
        self.view.viewport().update()
        if not self._matches:
            self.find_bar.count.setText("no matches" if needle else "")
            return
        cur = self.view.currentIndex()
        here = (cur.row(), cur.column()) if cur.isValid() else (-1, -1)
        if step >= 0:
            after = [x for x in self._matches if x > here] if step > 0 else [x for x in self._matches if x >= here]
            target = after[0] if after else self._matches[0]
        else:
            before = [x for x in self._matches if x < here]
            target = before[-1] if before else self._matches[-1]
        self.view.choose(*target)
        self.find_bar.count.setText(f"{self._matches.index(target) + 1} of {len(self._matches)}")

    def _find_closed(self) -> None:
        self.view.cell_delegate.found = set()
        self.view.cell_delegate.needle = ""
        self.view.viewport().update()
        self.view.setFocus()

