"""File › Open Archive…: the story families of an archive, filtered, each opened as a comparison.

The families are computed by the engine (`engine.archive`) on a worker thread; the
dialog lists them (members, dates, the share of copy, the lineage root), filters
them by name and size, and hands a family's files to the main window, which opens
them as an ordinary comparison with the lineage root as the base.
"""

from __future__ import annotations

import os
import traceback

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.errors import StorydiffError

from .archive_headlines import HeadlinesThread, describe_roots
from .tracked import TrackedPanel, with_tracked_tab

COLUMNS = ("Family", "Members", "Dates", "Copy", "Source", "Documents", "Headline")
HEADLINE = COLUMNS.index("Headline")
_SORT = Qt.ItemDataRole.UserRole + 1


class _Item(QTableWidgetItem):
    """Sorts by its number (members, copy share), not by its text ("10" after "9")."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(_SORT), other.data(_SORT)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def load_families(db: str) -> tuple[list[dict], dict[str, str]]:
    """The families of the archive at `db` and each path's absolute path (read-only)."""
    from engine.archive.store import Archive

    with Archive.open(db, read_only=True) as a:
        return a.families(), a.keys()


class FamiliesThread(QThread):
    loaded = Signal(object, object)  # families, keys
    failed = Signal(str)

    def __init__(self, db: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def run(self) -> None:
        try:
            fams, keys = load_families(self.db)
        except StorydiffError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # a damaged file: a message in the dialog, never a dead thread
            self.failed.emit(f"{self.db}: could not be read ({e.__class__.__name__}: {e})\n{traceback.format_exc(limit=2)}")
            return
        self.loaded.emit(fams, keys)


class ArchiveDialog(QDialog):
    """The families of one archive; `openFamily(paths)` asks the window to compare them."""

    openFamily = Signal(list)
    openTimeline = Signal(str, str)  # db, url: a tracked URL's timeline (the Tracked URLs tab, gui/views/dialogs/tracked)

    def __init__(self, db: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.families: list[dict] = []
        self.keys: dict[str, str] = {}
        self.headlines: dict[int, str] = {}  # family id -> its root's headline (gui.views.dialogs.archive_headlines)
        self.headlines_: HeadlinesThread | None = None
        self.setWindowTitle(f"Archive — {os.path.basename(db)}")
        self.resize(1000, 560)
        self.status = QLabel("Finding the families…")
        self.filter = QLineEdit(placeholderText="Filter by file name or headline")
        self.filter.setClearButtonEnabled(True)
        self.min_size = QSpinBox(minimum=1, maximum=100000, value=2, prefix="at least ", suffix=" members")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.min_size)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # largest families first
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(HEADLINE, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton("Open as Comparison", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_selected)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.table.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(bool(self.table.selectedItems())))
        self.filter.textChanged.connect(self._refill)
        self.min_size.valueChanged.connect(self._refill)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        self.tracked_panel = TrackedPanel(db, self)
        lay.addWidget(with_tracked_tab(self.table, self.tracked_panel, self), 1)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self.thread_ = FamiliesThread(db, self)
        self.thread_.loaded.connect(self._loaded)
        self.thread_.failed.connect(self._failed)
        self.thread_.start()

    def done(self, result: int) -> None:
        if self.headlines_ is not None:
            self.headlines_.stop()
        self.thread_.wait()  # the worker holds the archive open; let it finish first
        self.tracked_panel.wait()
        super().done(result)

    def _failed(self, message: str) -> None:
        self.status.setText(message.splitlines()[0])

    def _loaded(self, families: list, keys: dict) -> None:
        self.families, self.keys = families, keys
        self._refill()
        # Headlines are read after the list shows (one file per family, off the GUI thread).
        self.headlines_ = HeadlinesThread([(f["id"], self.keys.get(r, r)) for f in families
                                           for r in describe_roots(f)[:1]], self)
        self.headlines_.found.connect(self._headlines)
        self.headlines_.start()

    def _headlines(self, found: dict) -> None:
        self.headlines.update(found)
        for r in range(self.table.rowCount()):
            item, cell = self.table.item(r, 0), self.table.item(r, HEADLINE)
            if item is not None and cell is not None:
                text = self.headlines.get(item.data(Qt.ItemDataRole.UserRole), "")
                cell.setText(text)
                cell.setToolTip(text)

    def _refill(self) -> None:
        from engine.archive.families import describe

        words = self.filter.text().lower().split()
        shown = [f for f in self.families if len(f["members"]) >= self.min_size.value()
                 and all(any(w in m["path"].lower() for m in f["members"])
                         or w in self.headlines.get(f["id"], "").lower() for w in words)]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(shown))
        for r, fam in enumerate(shown):
            d = describe(fam)
            span = d["first"] if d["first"] == d["last"] else f"{d['first']} – {d['last']}"
            cells = [(fam["id"], str(fam["id"])), (d["size"], str(d["size"])), (span or "", span or ""),
                     (d["copy_share"], f"{d['copy_share']:.0%}" if d["size"] > 1 else ""),
                     (", ".join(map(os.path.basename, d["roots"])),) * 2,
                     (None, ", ".join(os.path.basename(m["path"]) for m in fam["members"])),
                     (None, self.headlines.get(fam["id"], ""))]
            for c, (key, text) in enumerate(cells):
                item = _Item(text)
                item.setData(_SORT, key if key is not None else text)
                if isinstance(key, (int, float)):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, fam["id"])
                item.setToolTip("\n".join(m["path"] for m in fam["members"]) if c == 5 else text)
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        total = sum(1 for f in self.families if len(f["members"]) > 1)
        self.status.setText(f"{len(shown)} of {len(self.families)} families shown; {total} with two or more "
                            "members. Copy: the mean share of each copy's words found in its source.")

    def selected_family(self) -> dict | None:
        items = self.table.selectedItems()
        if not items:
            return None
        fid = items[0].data(Qt.ItemDataRole.UserRole)
        return next((f for f in self.families if f["id"] == fid), None)

    def open_selected(self) -> None:
        from engine.archive.compare_family import family_versions

        fam = self.selected_family()
        if fam is None:
            return
        paths = [self.keys.get(p, p) for p in family_versions(fam)]
        if len(paths) < 2:
            self.status.setText("A family of one document has nothing to compare.")
            return
        if len(paths) < len(fam["members"]):
            self.status.setText(f"Family {fam['id']}: opened its first {len(paths)} of {len(fam['members'])} "
                                "members in lineage order (sources first).")
        self.openFamily.emit(paths)
