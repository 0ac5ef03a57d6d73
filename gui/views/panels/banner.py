"""The error banner above the columns (versions that could not be read or compared,
dismissable) and the box for an unexpected failure, with its traceback to copy."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from ...crash import error_box
from ..columns.cell_html import esc


class ErrorBanner(QWidget):
    errorsShown = Signal(str)  # the first problem, for the empty page when nothing could be compared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors: list[str] = []
        self.error_box: QMessageBox | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setStyleSheet("QLabel { background:#FBE3D4; color:#5A1E00; border:1px solid #D55E00;"
                                 " border-radius:4px; padding:6px 10px; }")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_errors(self, errors: list[str]) -> None:
        """List the problems (escaped: they name the user's files); nothing shown for none."""
        self.errors = list(errors)
        if not errors:
            return
        items = "".join(f"<li>{esc(e)}</li>" for e in errors[:8])
        more = f"<li>… and {len(errors) - 8} more</li>" if len(errors) > 8 else ""
        self.label.setText(f"<b>Some versions could not be compared:</b><ul style='margin:2px 0'>{items}{more}</ul>")
        self.show()
        self.errorsShown.emit(errors[0])

    def clear(self) -> None:
        self.errors = []
        self.hide()

    def show_failure(self, title: str, message: str, details: str) -> None:
        """An unexpected failure: a box with the traceback to copy (non-blocking)."""
        if self.error_box is not None and self.error_box.isVisible():
            self.error_box.setDetailedText(self.error_box.detailedText() + "\n" + details)
            return
        if self.error_box is not None:
            self.error_box.deleteLater()  # the closed one; kept until now so the reference stays valid
        self.error_box = error_box(self.window(), title, message, details)
        self.error_box.open()
