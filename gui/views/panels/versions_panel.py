"""The Versions panel: the list of versions being compared, in order.

Names are editable in place; drag to reorder; buttons add, paste, remove, move and
choose the base. The panel only reports what the user asked for; the main window
owns the list and re-runs the comparison.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..columns.cell_html import plain_tip

ID_ROLE = Qt.ItemDataRole.UserRole + 10


class VersionsPanel(QWidget):
    reordered = Signal(list)  # entry ids in the new order
    renamed = Signal(int, str)  # entry id, new name
    baseChosen = Signal(int)  # entry id
    removeRequested = Signal(int)  # entry id

    def __init__(self, actions: dict, parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(16, 16))
        self.list.model().rowsMoved.connect(self._moved)
        self.list.itemChanged.connect(self._item_changed)
        self.list.setToolTip("Double-click a name to rename it; drag to reorder; Delete removes it")
        # A long name keeps its start and its end (dates, outlet suffixes) and shows whole on hover.
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.installEventFilter(self)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for key in ("open", "paste", "remove", "up", "down", "base"):
            b = QToolButton(self)
            b.setDefaultAction(actions[key])
            b.setAutoRaise(True)
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)
        self._filling = False
        self._base_icon = None

    def fill(self, entries: list[tuple[int, str, str]], base_id: int | None, base_icon=None) -> None:
        """entries: (id, name, tooltip) in order."""
        self._filling = True
        current = self.current_id()
        self.list.clear()
        for eid, name, tip in entries:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, eid)
            item.setToolTip(plain_tip(tip))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
            if eid == base_id:
                f = QFont(item.font())
                f.setBold(True)
                item.setFont(f)
                if base_icon is not None:
                    item.setIcon(base_icon)
            self.list.addItem(item)
            if eid == current:
                self.list.setCurrentItem(item)
        self._filling = False

    def eventFilter(self, obj, event) -> bool:
        # Delete / Backspace remove the selected version (unless its name is being edited:
        # the editor is another widget and gets its own keys).
        if obj is self.list and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.current_id() is not None:
            self.removeRequested.emit(self.current_id())
            return True
        return super().eventFilter(obj, event)

    def ids(self) -> list[int]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ID_ROLE)

    def select_id(self, eid: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == eid:
                self.list.setCurrentRow(i)

    def _moved(self, *args) -> None:
        if not self._filling:
            self.reordered.emit(self.ids())

    def _item_changed(self, item: QListWidgetItem) -> None:
        if not self._filling:
            name = item.text().strip()
            self.renamed.emit(item.data(ID_ROLE), name)
