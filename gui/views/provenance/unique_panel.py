"""What each version alone adds: per version, the paragraphs and sentences no other
version has (`Comparison.unique`), in reading order. Activating an item emits
`blockChosen(version, block)` so the window can select that block in the columns.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem

from engine.model import Comparison
from engine.reports.provenance import new_counts, new_items, origin
from engine.vocabulary import pct

from ...theme import GREEN, ORANGE
from ..columns.cell_html import plain_tip

# An independent report is nearly all its own: its list starts folded beyond this many items.
FOLD_INDEPENDENT = 12

ITEM_ROLE = Qt.ItemDataRole.UserRole + 20  # (version, block) for leaves
VERSION_ROLE = Qt.ItemDataRole.UserRole + 21


def _one_line(text: str, limit: int = 220) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


class _WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's current width (QTreeView itself
    sizes every row for one line, so word wrap alone would cut the text)."""

    def sizeHint(self, option, index) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QTreeWidget) or index.column() != 0:
            return hint
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = view.columnWidth(0) - view.indentation() * (depth + 1) - 12
        text = str(index.data() or "")
        font = index.data(Qt.ItemDataRole.FontRole)  # the versions' rows are bold: wider
        box = QFontMetrics(font if isinstance(font, QFont) else option.font).boundingRect(QRect(0, 0, max(60, width), 100_000),
                                                     int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), box.height() + 6))


class UniquePanel(QTreeWidget):
    blockChosen = Signal(int, int)  # version, block

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["What is new in each version", "Words"])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Whole text, wrapped: an elided line cut what mattered ("nothing o…").
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setItemDelegate(_WrapDelegate(self))
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setRootIsDecorated(True)
        self.setIndentation(14)
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)

    def set_comparison(self, c: Comparison | None) -> None:
        self.clear()
        if c is None:
            return
        bold = QFont(self.font())
        bold.setBold(True)
        for u in c.unique:
            v = c.versions[u.version]
            what = new_counts(c, u.version, " + ") or "nothing of its own"
            source = origin(c, u.version)
            top = QTreeWidgetItem([f"{v.name} — {source} · {pct(u.share)} its own · {what}", ""])
            top.setFont(0, bold)
            top.setData(0, VERSION_ROLE, u.version)
            top.setToolTip(0, plain_tip(f"{v.name}: {pct(u.share)} of its content words stand in paragraphs "
                                        "or sentences no other version has"))
            self.addTopLevelItem(top)
            # One numbering everywhere: ¶ is the paragraph, as in the columns; a new sentence
            # inside a shared paragraph says so.
            for item in new_items(c, u.version):
                block, text, words, kind = item.block, item.text, item.words, item.kind
                where = f"¶{block + 1}" if kind == "paragraph" else f"¶{block + 1}, a sentence:"
                child = QTreeWidgetItem([f"{where}  {text}", str(words)])
                child.setData(0, ITEM_ROLE, (u.version, block))
                child.setForeground(0, self.palette().text())
                child.setData(0, Qt.ItemDataRole.DecorationRole, None)
                colour = GREEN if kind == "paragraph" else ORANGE
                child.setToolTip(0, plain_tip(f"New {kind} of {v.name} (¶{block + 1}) — click to show it in "
                                              f"the columns\n\n{_one_line(text, 600)}"))
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                child.setData(1, Qt.ItemDataRole.ForegroundRole, None)
                child.setData(0, Qt.ItemDataRole.UserRole, colour)
                top.addChild(child)
            top.setExpanded(source != "independent" or top.childCount() <= FOLD_INDEPENDENT)
            if not top.isExpanded():
                top.setText(0, top.text(0) + "  (click ▸ to list)")

    def leaves(self) -> list[QTreeWidgetItem]:
        tops = (self.topLevelItem(k) for k in range(self.topLevelItemCount()))
        kids = (top.child(i) for top in tops if top is not None for i in range(top.childCount()))
        return [kid for kid in kids if kid is not None]

    def leaf_for(self, version: int, block: int) -> QTreeWidgetItem | None:
        for item in self.leaves():
            v, b = item.data(0, ITEM_ROLE)
            if v == version and b == block:
                return item
        return None

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ITEM_ROLE)
        if data:
            self.blockChosen.emit(int(data[0]), int(data[1]))
