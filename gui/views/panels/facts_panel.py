"""The Facts tab: per version against the base, every changed quotation, figure, date,
name, job title and negation, grouped by kind, read from the pair ledgers (`Pair.facts`).

Choosing a fact (a click, or the arrow keys) asks the Columns view to select the paragraph
it stands in and highlight its words (`factChosen`). The words come from the engine: the
badges and group names from `engine.vocabulary`, each line from the ledger's own
description, so the window says what the reports say. Items are plain text, so article
text is never read as markup; tooltips go through `plain_tip`.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem

from engine.analysis.cell_facts import version_facts
from engine.ledger import Ledger
from engine.model import Comparison
from engine.reports.facts_section import where
from engine.vocabulary import FACT_KIND_LABEL, FACTS_NOTE, FACTS_TITLE, ink_on, plural

from ..columns.cell_html import plain_tip

FACT_ROLE = Qt.ItemDataRole.UserRole + 1  # (version, FactChange) on a fact's item


def fact_count(c: Comparison | None) -> int:
    """How many facts all versions changed against the base (the tab's title says it)."""
    return 0 if c is None else sum(len(version_facts(c, v)) for v in range(len(c.versions)))


class _Wrapping(QStyledItemDelegate):
    """Rows as tall as their wrapped description, so each fact is read whole (Qt's own size
    hint assumes one line and cuts the rest)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option, index) -> QSize:
        hint = super().sizeHint(option, index)
        width = self.view.columnWidth(index.column()) - 8
        if width <= 40:
            return hint
        box = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap,
                                              str(index.data() or ""))
        return QSize(min(hint.width(), width), max(hint.height(), box.height() + 4))


class FactsPanel(QTreeWidget):
    factChosen = Signal(int, object)  # version, FactChange

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(("Change", "Where", "What changed"))
        self.headerItem().setToolTip(0, plain_tip(FACTS_NOTE))
        self.headerItem().setToolTip(1, "Paragraph in the base → paragraph in this version (¶1 is the first)")
        h = self.header()
        h.setStretchLastSection(True)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setItemDelegateForColumn(2, _Wrapping(self))
        h.sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())
        self.setUniformRowHeights(False)
        self.setAccessibleName(FACTS_TITLE)
        self.currentItemChanged.connect(self._chosen)
        self.itemClicked.connect(lambda item, _col: self._chosen(item))

    def show_facts(self, c: Comparison | None) -> None:
        """List the changed facts of every version of `c` against its base."""
        self.blockSignals(True)  # rebuilding is not the reader choosing a fact
        self.clear()
        self.blockSignals(False)
        if c is None:
            return
        bold = QFont(self.font())
        bold.setBold(True)
        for v in range(len(c.versions)):
            if v == c.base:
                continue
            facts = Ledger(version_facts(c, v))
            said = plural(len(facts), "fact changed", "facts changed") if facts else "no fact changed"
            top = QTreeWidgetItem(self, [f"{v + 1}. {c.versions[v].name}", "", f"{said} against the base, "
                                         f"{c.versions[c.base].name}"])
            top.setFont(0, bold)
            top.setToolTip(0, plain_tip(c.versions[v].name))
            top.setToolTip(2, plain_tip(top.text(2)))
            for kind, group in facts.by_kind().items():
                heading = QTreeWidgetItem(top, [f"{FACT_KIND_LABEL[kind]} ({len(group)})"])
                heading.setFont(0, bold)
                for f in group:
                    self._fact_item(heading, v, f)
        self.expandAll()

    def _fact_item(self, parent: QTreeWidgetItem, version: int, f) -> None:
        b = f.badge
        item = QTreeWidgetItem(parent, [b.badge, where(f), f.description])
        item.setBackground(0, QBrush(QColor(b.colour)))  # the badge's colour; its word is the cue
        item.setForeground(0, QBrush(QColor(ink_on(b.colour))))
        item.setToolTip(0, plain_tip(b.explain))
        item.setToolTip(2, plain_tip(f.description))
        item.setData(0, FACT_ROLE, (version, f))

    def facts(self) -> list[tuple[int, object]]:
        """Every (version, fact) listed, top to bottom (tests, keyboard order)."""
        return [data for item in self._items() if (data := item.data(0, FACT_ROLE)) is not None]

    def item_of(self, version: int, fact) -> QTreeWidgetItem | None:
        """The item listing `fact` of `version`."""
        for item in self._items():
            if item.data(0, FACT_ROLE) == (version, fact):
                return item
        return None

    def _items(self) -> list[QTreeWidgetItem]:
        """Every item, top to bottom."""
        out: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is not None:
                out.append(item)
                for k in range(item.childCount()):
                    walk(item.child(k))

        for k in range(self.topLevelItemCount()):
            walk(self.topLevelItem(k))
        return out

    def _chosen(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        data = item.data(0, FACT_ROLE) if item is not None else None
        if data is not None:
            self.factChosen.emit(*data)
