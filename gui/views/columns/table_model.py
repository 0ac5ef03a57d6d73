"""The aligned table as a Qt model: one column per version, one row per engine row.

Cells are read once with `engine.analysis.cells.grid` and their rich text is built lazily and
cached, so scrolling a 20 x 200 table only formats what comes into view.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from engine.analysis.cell_facts import cell_facts, fact_badges, fact_cell, fact_rows
from engine.analysis.cells import DROPPED, Cell, grid
from engine.analysis.summary import VersionSummary, summarize
from engine.ledger import FactChange
from engine.model import Comparison
from engine.vocabulary import FIGURES, pct, plural

from ...theme import TAG_INFO, Colours, cell_tags
from .cell_html import cell_html, cell_plain, esc, plain_tip

CELL_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def cell_tooltip(cell: Cell, tags: list[str], facts: tuple[FactChange, ...] = ()) -> str | None:
    """What a cell's badges (its facts' too) and its match score mean, in the shared wording."""
    lines = [TAG_INFO[t].explain for t in tags if t in TAG_INFO]
    lines += [f"{b.badge}: {b.explain}" for b in fact_badges(facts)]
    for p in cell.parts:
        if p.link is not None and p.state != "identical" and not p.quiet:
            lines.append(f"{pct(p.link.score)} — {FIGURES['score'].explain}")
            break
    return "\n\n".join(lines) or None


MIN_RUN = 2  # a single row that only one version has stays as it is


def solo_runs(cells: list[list[Cell]]) -> tuple[dict[int, tuple[int, int]], dict[int, int]]:
    """Runs of consecutive rows in which one and the same version alone has text:
    {first row: (last row, that version)} and {row: first row of its run}."""
    runs: dict[int, tuple[int, int]] = {}
    run_of: dict[int, int] = {}
    owners: list[int | None] = []
    for row in cells:
        full = [v for v, x in enumerate(row) if not x.empty]
        owners.append(full[0] if len(full) == 1 else None)
    r = 0
    while r < len(owners):
        owner = owners[r]
        end = r
        while owner is not None and end + 1 < len(owners) and owners[end + 1] == owner:
            end += 1
        if owner is not None and end - r + 1 >= MIN_RUN:
            runs[r] = (end, owner)
            for k in range(r, end + 1):
                run_of[k] = r
        r = end + 1
    return runs, run_of


class ComparisonModel(QAbstractTableModel):
    def __init__(self, colours: Colours, parent=None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.cells: list[list[Cell]] = []
        self.tags: list[list[list[str]]] = []
        self.summaries: list[VersionSummary] = []
        self.colours = colours
        self.context = False  # count boilerplate and captions as change (Show menu)
        self._html: dict[tuple[int, int], str] = {}
        # Folding: runs of rows that only one version has collapse into their first row.
        self.fold_on = True
        self.runs: dict[int, tuple[int, int]] = {}  # first row -> (last row, the one version)
        self.run_of: dict[int, int] = {}  # every row of a run -> its first row
        self.expanded: set[int] = set()  # first rows of runs the reader unfolded
        self.fact_rows: frozenset[int] = frozenset()  # rows holding a changed fact (engine.analysis.cell_facts)
        # The fact the reader chose in the Facts list: (its version, the fact), highlighted where it stands.
        self.mark: tuple[int, FactChange] | None = None

    # -- content ---------------------------------------------------------
    def set_comparison(self, c: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = c
        self.cells = grid(c, self.context) if c is not None else []
        self.tags = [[cell_tags(x) for x in row] for row in self.cells]
        self.summaries = summarize(c, self.context) if c is not None else []
        self.fact_rows = fact_rows(c) if c is not None else frozenset()
        self.mark = None
        self._html.clear()
        self.runs, self.run_of = solo_runs(self.cells)
        self.expanded = set()
        self.endResetModel()

    # -- folding -----------------------------------------------------------
    def folded(self, first: int) -> bool:
        """True when the run starting at row `first` is shown as one compact row."""
        return self.fold_on and first in self.runs and first not in self.expanded

    def hidden_by_fold(self, row: int) -> bool:
        first = self.run_of.get(row)
        return first is not None and first != row and self.folded(first)

    def set_folded(self, first: int, folded: bool) -> None:
        if first not in self.runs or self.folded(first) == folded:
            return
        (self.expanded.discard if folded else self.expanded.add)(first)
        self._changed_row(first)

    def set_fold_on(self, on: bool) -> None:
        if on != self.fold_on:
            self.fold_on = on
            self.expanded = set()
            for first in self.runs:
                self._changed_row(first)

    def has_facts(self, row: int) -> bool:
        """A changed fact stands in this row (a folded row: anywhere in its run)."""
        last = self.runs[row][0] if self.folded(row) else row
        return any(r in self.fact_rows for r in range(row, last + 1))

    def set_mark(self, mark: tuple[int, FactChange] | None) -> list[tuple[int, int]]:
        """Highlight one fact (version, fact) where it stands, in that version and in the base;
        the cells whose text changed (theirs and the previous mark's)."""
        touched = self.mark_cells(self.mark) + self.mark_cells(mark)
        self.mark = mark
        for key in touched:
            self._html.pop(key, None)
        return touched

    def mark_cells(self, mark: tuple[int, FactChange] | None) -> list[tuple[int, int]]:
        c = self.comparison
        if mark is None or c is None:
            return []
        version, f = mark
        out = [where] if (where := fact_cell(c, version, f)) is not None else []
        if f.a_block is not None and (row := c.row_of[c.base].get(f.a_block)) is not None:
            out.append((row, c.base))
        return out

    def _changed_row(self, row: int) -> None:
        for v in range(self.columnCount()):
            self._html.pop((row, v), None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, max(0, self.columnCount() - 1)))

    def shown_tags(self, row: int, col: int) -> list[str]:
        """A cell's tags; a folded row carries those of its whole run."""
        if not self.folded(row):
            return self.tags[row][col]
        out: list[str] = []
        for r in range(row, self.runs[row][0] + 1):
            out.extend(t for t in self.tags[r][col] if t not in out)
        return out

    def fold_html(self, row: int, col: int) -> str:
        """The compact text of a folded run: how many blocks, whose, and a link to unfold."""
        last, owner = self.runs[row]
        c = self.shown()
        n = last - row + 1
        muted = self.colours.muted
        if col != owner:
            dropped = sum(1 for r in range(row, last + 1) if self.cells[r][col].state == DROPPED)
            what = f"{dropped} dropped from the base" if dropped else "not in this version"
            return f'<p style="margin:0;color:{muted};font-size:small;font-style:italic">{n} rows: {what}</p>'
        blocks = [i for r in range(row, last + 1) for i in self.cells[r][owner].blocks]
        words = sum(c.versions[owner].blocks[i].words for i in blocks)
        first_text = c.versions[owner].blocks[blocks[0]].display if blocks else ""
        if len(first_text) > 90:
            first_text = first_text[:89].rsplit(" ", 1)[0] + "…"
        span = f"¶{blocks[0] + 1}–¶{blocks[-1] + 1}" if len(blocks) > 1 else f"¶{blocks[0] + 1}"
        return (f'<p style="margin:0"><a href="fold:{row}" style="text-decoration:none">▸ <b>{n} rows only in this '
                f'version</b></a> <span style="color:{muted};font-size:small">{span} · {plural(words, "word")} · '
                f'click or press Enter to unfold</span></p><p style="margin:2px 0 0 0;color:{muted}">{esc(first_text)}</p>')

    def refold_html(self, row: int) -> str:
        """The line above an unfolded run's first block: a link to fold the run again."""
        n = self.runs[row][0] - row + 1
        return (f'<p style="margin:0 0 4px 0"><a href="fold:{row}" style="text-decoration:none">▾ <b>fold these '
                f'{n} rows</b></a> <span style="color:{self.colours.muted};font-size:small">only in this version · '
                f'click or press Enter</span></p>')

    def set_context(self, on: bool) -> None:
        """Count boilerplate and captions as change (True) or as quiet context."""
        if on != self.context:
            self.context = on
            self.set_comparison(self.comparison)

    def rename(self, c: Comparison) -> None:
        """Same comparison with new version names: only the headers change."""
        self.comparison = c
        self.summaries = summarize(c, self.context)
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
            if self.folded(row):
                h = self.fold_html(row, col)
            else:
                mark = self.mark[1] if self.mark and key in self.mark_cells(self.mark) else None
                h = cell_html(self.shown(), self.cells[row][col], self.colours, mark)
                if self.fold_on and row in self.runs and col == self.runs[row][1]:
                    h = self.refold_html(row) + h  # unfolded: say how to fold it back
            self._html[key] = h
        return h

    def row_tags(self, row: int) -> set[str]:
        out: set[str] = set()
        for v in range(len(self.tags[row])):
            out.update(self.shown_tags(row, v))
        return out

    def shown(self) -> Comparison:
        """The comparison on show, for code reached through a cell (cells exist only while one is)."""
        if self.comparison is None:
            raise LookupError("no comparison is shown")
        return self.comparison

    def linked(self, row: int) -> bool:
        """At least two versions have text in this row (their blocks stand side by side)."""
        return sum(1 for x in self.cells[row] if not x.empty) >= 2

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
            return self.shown_tags(r, v)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(self.cells[r][v], self.tags[r][v], cell_facts(self.comparison, self.cells[r][v]))
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
            second = f"{plural(s.words, 'word')} · {plural(s.blocks, 'block')}"
            if section != c.base:
                second += f" · {pct(s.reuse_from_base)} from base"
            return f"{first}\n{second}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{v.name}{' — the base' if section == c.base else ''}",
                     FIGURES["words"].explain, FIGURES["blocks"].explain]
            if s is not None and section != c.base:
                lines.append(f"{pct(s.reuse_from_base)} from base. {FIGURES['reuse'].explain}")
            lines.append(f"File: {v.path or 'pasted text'} ({v.encoding})")
            return plain_tip("\n".join(lines))
        if role == Qt.ItemDataRole.FontRole and section == c.base:
            f = QFont()
            f.setBold(True)
            return f
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
