"""The status bar: the comparison's one-line summary (with what the size guards
coarsened) and, while a job runs, its progress and a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from engine.analysis.summary import VersionSummary
from engine.model import Comparison

from .views.columns.cell_html import esc
from .views.panels.summary_panel import status_text


class StatusArea:
    """Builds its widgets into `bar`; the runner's signals drive `set_busy` and `progress`."""

    def __init__(self, bar: QStatusBar, cancel) -> None:
        self.bar = bar
        self.label = QLabel("")
        # Names come from files and sessions: never let Qt read them as rich text
        # (an <img src> in a version name made Qt load and draw a local file).
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.label, 1)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.progress_label = QLabel("")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(cancel)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)

    def set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        self.progress_label.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText("Comparing…")

    def progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.progress_label.setText(message[:60])

    def show_comparison(self, c: Comparison | None, summaries: list[VersionSummary]) -> None:
        if c is None:
            self.label.setText("")
        else:
            self.label.setText(status_text(c, summaries) + self._guard_note(c))

    def _guard_note(self, c: Comparison) -> str:
        """What the size guards changed or bounded, for the status bar (all of it in the tooltip)."""
        notes = c.extras.get("guards")
        # Escaped rich text: the notes carry version names, which must never be read as markup.
        self.label.setToolTip("<qt>" + "<br>".join(esc(n["message"]) for n in notes) + "</qt>" if notes else "")
        if not notes:
            return ""
        # What was done (sections) says more than which limit was crossed.
        done = [n["message"] for n in notes if n["code"] == "merged"]
        rest = [n["message"] for n in notes if n["code"] != "merged"]
        shown = (done or rest)[:2]
        more = len(notes) - len(shown)
        return " · Coarser comparison: " + "; ".join(shown) + (f" (+{more} more, see tooltip)" if more else "")
