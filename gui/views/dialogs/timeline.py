"""A tracked URL's timeline: each stored version against the one before and against the first.

The versions are read from the archive (`engine.track`) and compared once, all together,
on a worker thread (`engine.compare`: one immutable `Comparison`); each row of the
timeline then reads that result: when the version was fetched, its headline, what
changed against the previous version ("against previous") and against the first one
("against base"), the headline change of the step, and its fact changes.

Fact changes come from the fact ledger (`pairs[].facts`); until the engine's
pairs carry one, `fact_changes` below is the one seam that fills the column, and it
says "—". Double-clicking a step opens that step (previous and this version) as an
ordinary comparison in the window; Open All opens every version, the first as base.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.errors import StorydiffError
from engine.model import CHROME_KINDS, Comparison, Pair

COLUMNS = ("#", "Fetched", "Headline", "Against previous", "Against base", "Headline change", "Facts")
_CONTEXT = set(CHROME_KINDS) | {"caption", "byline"}


def step_summary(c: Comparison, a: int, b: int) -> str:
    """What changed from version a to version b, in words: paragraphs edited, moved, added, dropped."""
    p: Pair = c.pair(a, b)
    va, vb = c.versions[a], c.versions[b]
    edited = sum(1 for link in p.links if link.relation != "identical"
                 and not all(va.blocks[i].kind in _CONTEXT for i in link.a))
    moved = sum(1 for link in p.links if link.moved)
    added = sum(1 for j in p.added if vb.blocks[j].kind not in _CONTEXT)
    dropped = sum(1 for i in p.dropped if va.blocks[i].kind not in _CONTEXT)
    parts = [f"{n} {word}" for n, word in ((edited, "edited"), (moved, "moved"), (added, "added"),
                                           (dropped, "dropped")) if n]
    return (", ".join(parts) or "no change") + f" · {p.similarity:.0%} similar"


def headline(c: Comparison, k: int) -> str:
    return next((b.display for b in c.versions[k].blocks if b.kind == "title"), "")


def headline_change(c: Comparison, k: int) -> str:
    if k == 0:
        return ""
    old, new = headline(c, k - 1), headline(c, k)
    return "" if old == new else f"“{old}” → “{new}”"


def fact_changes(c: Comparison, a: int, b: int) -> str:
    """The fact changes of a step (the fact ledger: `pairs[].facts`); "—" until the engine has one."""
    facts = getattr(c.pair(a, b), "facts", None)
    if not facts:
        return "—"
    return "; ".join(str(f) for f in facts)[:200]


class TimelineThread(QThread):
    loaded = Signal(object, object)  # Comparison, the Sources in time order
    failed = Signal(str)

    def __init__(self, db: str, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.url = db, url

    def run(self) -> None:
        from engine.compare import compare
        from engine.track.history import version_sources
        from engine.track.store import TrackStore

        try:
            with TrackStore.open(self.db, read_only=True) as store:
                sources = version_sources(store.versions(self.url))
            if len(sources) < 2:
                self.failed.emit(f"{self.url}: {len(sources)} version{'' if len(sources) == 1 else 's'} stored; "
                                 "a timeline needs two (poll again later, or import its history)")
                return
            self.loaded.emit(compare(sources, base=0, on_large="coarsen"), sources)
        except StorydiffError as e:
            self.failed.emit(str(e))
        except Exception as e:  # a message in the dialog, never a dead thread
            self.failed.emit(f"{self.url}: the timeline could not be built ({e.__class__.__name__}: {e})")


class TimelineDialog(QDialog):
    """One URL's versions over time; `openVersions(sources)` asks the window to compare them."""

    openVersions = Signal(list)

    def __init__(self, db: str, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.comparison: Comparison | None = None
        self.sources: list = []
        self.setWindowTitle(f"Timeline — {url}")
        self.resize(1200, 520)
        self.heading = QLabel(url)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel("Reading and comparing the versions…")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.itemDoubleClicked.connect(lambda _item: self.open_step())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.step_button = buttons.addButton("Compare with Previous", QDialogButtonBox.ButtonRole.ActionRole)
        self.all_button = buttons.addButton("Open All Versions", QDialogButtonBox.ButtonRole.AcceptRole)
        for b in (self.step_button, self.all_button):
            b.setEnabled(False)
        self.step_button.clicked.connect(self.open_step)
        self.all_button.clicked.connect(lambda: self.openVersions.emit(list(self.sources)))
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self.thread_ = TimelineThread(db, url, self)
        self.thread_.loaded.connect(self.show_timeline)
        self.thread_.failed.connect(lambda line: self.status.setText(line.splitlines()[0]))
        self.thread_.start()

    def done(self, result: int) -> None:
        self.thread_.wait()
        super().done(result)

    def show_timeline(self, c: Comparison, sources: list) -> None:
        self.comparison, self.sources = c, sources
        n = len(c.versions)
        self.table.setRowCount(n)
        for k, v in enumerate(c.versions):
            cells = (str(k + 1), v.name, headline(c, k),
                     "first version" if k == 0 else step_summary(c, k - 1, k),
                     "" if k == 0 else step_summary(c, 0, k), headline_change(c, k),
                     "" if k == 0 else fact_changes(c, k - 1, k))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)  # plain text: article words are never interpreted
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, k)
                self.table.setItem(k, col, item)
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        changed = sum(1 for k in range(1, n) if headline_change(c, k))
        self.status.setText(f"{n} versions from {c.versions[0].name} to {c.versions[-1].name}; the headline "
                            f"changed {changed} time{'' if changed == 1 else 's'}. Double-click a step to compare it "
                            "with the version before.")
        self.all_button.setEnabled(True)

    def _selection(self) -> None:
        items = self.table.selectedItems()
        self.step_button.setEnabled(bool(items) and items[0].data(Qt.ItemDataRole.UserRole) > 0)

    def open_step(self) -> None:
        items = self.table.selectedItems()
        k = items[0].data(Qt.ItemDataRole.UserRole) if items else 0
        if k > 0:
            self.openVersions.emit([self.sources[k - 1], self.sources[k]])
