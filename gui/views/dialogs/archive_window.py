"""File › Open Archive…: the story families of an archive, filtered, each opened as a comparison.

The families are computed by the engine (`engine.archive`) on a worker thread; the
dialog lists them (members, dates, the share of copy, the lineage root), filters
them by name and size, and hands a family's files to the main window, which opens
them as an ordinary comparison with the lineage root as the base.

An archive may come from someone else: before a family is opened, each member is
checked on a worker thread to be the very content indexed (`engine.archive.verify`),
so an edited archive cannot make the window open other files; a member changed
since is left out and named. Every failure is a plain-text line in the dialog.
"""

from __future__ import annotations

import os

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

COLUMNS = ("Family", "Members", "Dates", "Copy", "Source", "Related", "Documents", "Headline")
HEADLINE = COLUMNS.index("Headline")
DOCUMENTS = COLUMNS.index("Documents")
RELATED = COLUMNS.index("Related")
# Why a family names others: two stories that share a passage stay apart (engine.archive.families).
RELATED_TIP = "Families of other stories that share a passage with this one (a sidebar, a background paragraph)"
_SORT = Qt.ItemDataRole.UserRole + 1


class _Item(QTableWidgetItem):
    """Sorts by its number (members, copy share), not by its text ("10" after "9")."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(_SORT), other.data(_SORT)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def load_families(db: str) -> tuple[list[dict], dict]:
    """The families of the archive at `db` and what it says of each member (read-only)."""
    import duckdb

    from engine.archive.store import Archive, archive_error

    try:
        with Archive.open(db, read_only=True) as a:
            return a.families(), a.members()
    except duckdb.Error as e:  # a damaged block met mid-query
        raise archive_error(db, e) from None


class FamiliesThread(QThread):
    loaded = Signal(object, object)  # families, members (path -> engine.archive.store.Member)
    failed = Signal(str)

    def __init__(self, db: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db

    def run(self) -> None:
        try:
            fams, members = load_families(self.db)
        except StorydiffError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # a reader bug on a damaged file: a message in the dialog, never a dead thread
            self.failed.emit(f"{self.db}: could not be read ({e.__class__.__name__}: {e})")
            return
        self.loaded.emit(fams, members)


class VerifyThread(QThread):
    """Checks a family's members against the archive before they are opened (files are read here)."""

    verified = Signal(object, object)  # resolved paths still as indexed, one line per member left out

    def __init__(self, members: list, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.members = members

    def run(self) -> None:
        from engine.archive.verify import read_members

        try:
            sources, problems = read_members(self.members)
        except Exception as e:  # never a dead thread
            sources, problems = [], [f"could not be checked ({e.__class__.__name__}: {e})"]
        self.verified.emit([s.path for s in sources], problems)


class ArchiveDialog(QDialog):
    """The families of one archive; `openFamily(paths)` asks the window to compare them."""

    openFamily = Signal(list)
    openTimeline = Signal(str, str)  # db, url: a tracked URL's timeline (the Tracked URLs tab, gui/views/dialogs/tracked)

    def __init__(self, db: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.families: list[dict] = []
        self.keys: dict[str, str] = {}  # path shown -> resolved path
        self.members: dict = {}  # path shown -> engine.archive.store.Member
        self.verify_: VerifyThread | None = None
        self.headlines: dict[int, str] = {}  # family id -> its root's headline (gui.views.dialogs.archive_headlines)
        self.headlines_: HeadlinesThread | None = None
        self.setWindowTitle(f"Archive — {os.path.basename(db)}")
        self.resize(1000, 560)
        self.status = QLabel("Finding the families…")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names files: never rich text
        self.status.setWordWrap(True)
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
        if self.verify_ is not None:
            self.verify_.wait()
        super().done(result)

    def say(self, message: str) -> None:
        """One line in the status label, clipped: a stored path can be any length."""
        line = message.splitlines()[0] if message else ""
        self.status.setText(line if len(line) <= 400 else line[:399] + "\u2026")

    def _failed(self, message: str) -> None:
        self.say(message or "The archive could not be read.")

    def _loaded(self, families: list, members: dict) -> None:
        self.families, self.members = families, members
        self.keys = {p: m.key for p, m in members.items()}
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
                     (None, ", ".join(str(i) for i in fam.get("related", ()))),
                     (None, ", ".join(os.path.basename(m["path"]) for m in fam["members"])),
                     (None, self.headlines.get(fam["id"], ""))]
            for c, (key, text) in enumerate(cells):
                item = _Item(text)
                item.setData(_SORT, key if key is not None else text)
                if isinstance(key, (int, float)):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, fam["id"])
                tip = ("\n".join(m["path"] for m in fam["members"]) if c == DOCUMENTS
                       else f"{RELATED_TIP}: {text}" if c == RELATED and text else text)
                item.setToolTip(tip)
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
        """Check the selected family's members (off the GUI thread), then open those still as indexed."""
        from engine.archive.compare_family import family_versions

        fam = self.selected_family()
        if fam is None or (self.verify_ is not None and self.verify_.isRunning()):
            return
        names = family_versions(fam)
        if len(names) < 2:
            self.status.setText("A family of one document has nothing to compare.")
            return
        self.status.setText(f"Family {fam['id']}: checking its files against the archive…")
        self.open_button.setEnabled(False)
        self.verify_ = VerifyThread([(p, self.members[p]) for p in names if p in self.members], self)
        self.verify_.verified.connect(lambda paths, problems, f=fam: self._verified(f, paths, problems))
        self.verify_.start()

    def _verified(self, fam: dict, paths: list, problems: list) -> None:
        self.open_button.setEnabled(bool(self.table.selectedItems()))
        total = len(fam["members"])
        if len(paths) < 2:
            self.say(f"Family {fam['id']} cannot be opened: "
                     + (problems[0] if problems else "fewer than two members can be read"))
            return
        notes = []
        if problems:
            notes.append(f"left out {len(problems)}: {problems[0]}" + (" …" if len(problems) > 1 else ""))
        if len(paths) + len(problems) < total:
            notes.append(f"opened its first {len(paths)} of {total} members in lineage order (sources first)")
        if notes:
            self.say(f"Family {fam['id']}: " + "; ".join(notes))
        self.openFamily.emit(paths)
