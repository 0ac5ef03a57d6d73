"""The find bar (Ctrl+F): searches the text of every cell and steps through matches."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    search = Signal(str, int)  # text, step (+1 next, -1 previous, 0 refresh)
    closed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in all versions…")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(lambda t: self.search.emit(t, 0))
        self.edit.returnPressed.connect(lambda: self.search.emit(self.edit.text(), 1))
        self.count = QLabel("", self)
        prev, nxt, close = (self._button("◀", "Previous match (Shift+Enter)"), self._button("▶", "Next match (Enter)"),
                            self._button("✕", "Close (Esc)"))
        prev.clicked.connect(lambda: self.search.emit(self.edit.text(), -1))
        nxt.clicked.connect(lambda: self.search.emit(self.edit.text(), 1))
        close.clicked.connect(self.hide_bar)
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.search.emit(self.edit.text(), -1))
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide_bar)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # leave Esc to Cancel elsewhere
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(QLabel("Find:"))
        lay.addWidget(self.edit, 1)
        lay.addWidget(prev)
        lay.addWidget(nxt)
        lay.addWidget(self.count)
        lay.addWidget(close)

    def _button(self, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        return b

    def show_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def hide_bar(self) -> None:
        self.hide()
        self.closed.emit()
