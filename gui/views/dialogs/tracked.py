"""The archive dialog's "Tracked URLs" tab: every URL tracked in the archive, its versions and last check.

Read on a worker thread from the tracking tables (`engine.track.store`, read-only); a
double-click (or Show Timeline) asks for the URL's timeline (`openTimeline(db, url)`).
An archive without tracking shows one line saying how to start.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.errors import StorydiffError

COLUMNS = ("URL", "Versions", "Last checked", "Outcome")


class TrackedThread(QThread):
    loaded = Signal(object)  # list of engine.track.store.Tracked
    failed = Signal(str)

    def __init__(self, db: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def run(self) -> None:
        from engine.track.store import TrackStore

        try:
            with TrackStore.open(self.db, read_only=True) as store:
                self.loaded.emit(store.tracked())
        except StorydiffError as e:
            self.failed.emit(str(e))
        except Exception as e:  # a damaged file: a line in the tab, never a dead thread
            self.failed.emit(f"{self.db}: tracked URLs could not be read ({e.__class__.__name__})")


class TrackedPanel(QWidget):
    openTimeline = Signal(str, str)  # db, url

    def __init__(self, db: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel("Reading the tracked URLs…")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.show_button = QPushButton("Show Timeline")
        self.show_button.setEnabled(False)
        self.show_button.clicked.connect(self._open_selected)
        self.table.itemDoubleClicked.connect(lambda _item: self._open_selected())
        self.table.itemSelectionChanged.connect(lambda: self.show_button.setEnabled(bool(self.table.selectedItems())))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.show_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        self.thread_ = TrackedThread(db, self)
        self.thread_.loaded.connect(self._loaded)
        self.thread_.failed.connect(lambda line: self.status.setText(line.splitlines()[0]))
        self.thread_.start()

    def _loaded(self, tracked: list) -> None:
        self.table.setRowCount(len(tracked))
        for r, t in enumerate(tracked):
            last = f"{t.checked:%Y-%m-%d %H:%M}Z" if t.checked else "never"
            outcome = (t.outcome or "") + (f": {t.problem}" if t.problem else "")
            for c, text in enumerate((t.url, str(t.versions), last, outcome)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.url)
                item.setToolTip(text)  # a plain-text item: shown, never interpreted
                if c == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status.setText(f"{len(tracked)} URL{'' if len(tracked) == 1 else 's'} tracked. Double-click one to see "
                            "its versions over time.")

    def _open_selected(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.openTimeline.emit(self.db, items[0].data(Qt.ItemDataRole.UserRole))

    def wait(self) -> None:
        self.thread_.wait()


def with_tracked_tab(families: QWidget, panel: TrackedPanel, dialog) -> QTabWidget:
    """The archive dialog's body: its families and, beside them, the tracked URLs."""
    tabs = QTabWidget()
    tabs.addTab(families, "Story Families")
    panel.openTimeline.connect(dialog.openTimeline)
    tabs.addTab(panel, "Tracked URLs")
    return tabs
