"""Storydiff's main window: versions in, aligned columns, detail and summary out.

The window owns the ordered list of versions (`entries`), the base and the options;
any change re-runs the comparison in a worker thread. Results are immutable
`Comparison`s; renaming a version only relabels the current one.
"""

from __future__ import annotations

import importlib.util
import itertools
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QHBoxLayout, QInputDialog, QLabel,
                               QMainWindow, QMenu, QMessageBox, QProgressBar, QPushButton, QSplitter,
                               QStackedWidget, QTabWidget, QTextBrowser, QToolButton, QVBoxLayout, QWidget)

import engine
from engine.io.formats import open_dialog_filter
from engine.io.guards import DEFAULT_LIMITS, Limits, TooLarge
from engine.io.loading import Source, from_text
from engine.model import Comparison, Options, Version

from . import RESOURCES
from .aligned_view import AlignedView
from .cell_html import cell_plain, esc
from .crash import error_box
from .find_bar import FindBar
from .heatmap_view import HeatmapView
from .icons import app_icon, icon
from .legend import Legend
from .options_dialog import OptionsDialog
from .overview import OverviewStrip
from .provenance import ProvenanceView
from .redline import detail_html
from .settings import add_recent, load_options, load_recent, open_settings, save_options
from .summary_panel import SummaryPanel, status_text
from .table_model import ComparisonModel
from .theme import FILTER_LABELS, FILTER_TAGS, TAG_INFO, Colours
from .versions_panel import VersionsPanel
from .worker import CompareThread, Job, Outcome, run_job

SAMPLES = RESOURCES / "samples"
FILE_FILTER = open_dialog_filter()  # from the engine's one table of formats


@dataclass
class Entry:
    """One version in the window's list."""

    id: int
    source: object  # a path (str) or pasted Source until read, then the engine Version
    name: str
    path: str | None


def _as_source(src: object) -> Source | None:
    """What a session stores for one version: its decoded text and where it came from."""
    if isinstance(src, Version):
        return Source(src.name, src.text, src.path, src.encoding, src.fmt)
    return src if isinstance(src, Source) else None


def sample_files() -> list[str]:
    return [str(p) for p in sorted(SAMPLES.glob("*.txt"))]


class MainWindow(QMainWindow):
    comparisonShown = Signal()

    def __init__(self, persist: bool = True) -> None:
        super().__init__()
        self.persist = persist
        self.settings = open_settings()
        self.options: Options = load_options(self.settings) if persist else Options()
        self.entries: list[Entry] = []
        self.base_id: int | None = None
        self.shown_ids: list[int] = []  # entry ids in the current comparison's version order
        self.comparison: Comparison | None = None
        self.errors: list[str] = []
        self._ids = itertools.count()
        self._generation = 0
        self._threads: set[CompareThread] = set()
        self._running: CompareThread | None = None
        self._pasted = 0
        self._pending_sel: tuple[int, int, int] | None = None  # see _remember_selection
        self._matches: list[tuple[int, int]] = []
        self.limits: Limits = DEFAULT_LIMITS  # the size guards (tests make them small)
        # Entry ids the user agreed to compare coarsely; the guards do not ask again for them.
        self._coarse_ids: frozenset[int] | None = None
        self.too_large_box: QMessageBox | None = None
        self.error_box: QMessageBox | None = None
        self._closing = False
        self.colours = Colours.for_palette(self.palette())

        self.setWindowTitle("Storydiff")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDocumentMode(True)
        self._build_actions()
        self._build_ui()
        self._build_menus()
        self._restore()
        self._update_actions()

    # ------------------------------------------------------------------ UI
    def _icon(self, name: str):
        return icon(name, self.palette().color(QPalette.ColorRole.WindowText).name())

    def _build_actions(self) -> None:
        def act(key, text, slot, shortcut=None, tip=None, icon_name=None):
            a = QAction(text, self)
            if icon_name:
                a.setIcon(self._icon(icon_name))
                a.setData(icon_name)
            if shortcut:
                a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
            a.setToolTip(tip or text.replace("&", "").replace("…", ""))
            a.setStatusTip(a.toolTip())
            a.triggered.connect(slot)
            self.actions_[key] = a
            return a

        self.actions_: dict[str, QAction] = {}
        act("open", "&Open Versions…", self.open_dialog, QKeySequence.StandardKey.Open, "Add versions from files", "open")
        act("paste", "&Paste as New Version", self.paste_version, "Ctrl+Shift+V", "Add the clipboard's text as a new version", "paste")
        act("remove", "&Remove Version", self.remove_current, None, "Remove the selected version", "remove")
        act("up", "Move Version &Earlier", lambda: self.move_current(-1), "Ctrl+Shift+Left", "Move the selected version one column left", "up")
        act("down", "Move Version &Later", lambda: self.move_current(1), "Ctrl+Shift+Right", "Move the selected version one column right", "down")
        act("base", "Use as &Base", self.base_current, "Ctrl+B", "Compare every version against the selected one", "base")
        act("rename", "Re&name Version…", self.rename_current, "F2", "Rename the selected version")
        act("prev", "&Previous Change", lambda: self.go_change(-1),
            [QKeySequence("Shift+F7"), QKeySequence("Alt+Up")], "Previous change (Shift+F7, Alt+Up)", "prev")
        act("next", "&Next Change", lambda: self.go_change(1),
            [QKeySequence("F7"), QKeySequence("Alt+Down")], "Next change (F7, Alt+Down)", "next")
        act("find", "&Find…", self.show_find, QKeySequence.StandardKey.Find, "Find text in all versions (Ctrl+F)", "find")
        act("options", "&Options…", self.options_dialog, "Ctrl+,", "What counts as a difference", "options")
        act("cancel", "&Cancel Comparison", self.cancel, "Esc", "Stop the running comparison", "cancel")
        act("sentences", "Align &Sentences", self.set_sentence_mode, "Ctrl+Shift+S",
            "Align sentences instead of paragraphs (for rewrites that split and recombine paragraphs)", "sentences")
        self.actions_["sentences"].setCheckable(True)
        self.actions_["sentences"].setChecked(self.options.unit == "sentence")
        act("back", "&Back", self.go_back, "Alt+Left", "Back to where the last jump started (Alt+Left)")
        act("archive", "Open &Archive…", self.open_archive, None,
            "List the story families of an archive built with storydiff-cli archive index")
        act("samples", "Open &Samples", lambda: self.open_files(sample_files(), replace=True), None, "Open the bundled sample versions")
        act("clear", "&Close All Versions", self.close_all, None, "Start a new comparison")
        act("about", "&About Storydiff", self.about)
        act("guide", "&User Guide", self.show_guide, QKeySequence.StandardKey.HelpContents, "How to read a comparison")
        act("keys", "&Keyboard Shortcuts", self.show_shortcuts, None, "Every key the window answers to")
        act("quit", "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.actions_["cancel"].setEnabled(False)

    def _build_ui(self) -> None:
        self.model = ComparisonModel(self.colours, self)
        self.view = AlignedView(self.model)
        font = QFont(self.font())
        font.setPointSizeF(max(10.5, font.pointSizeF()))
        self.view.cell_delegate.set_font(font)
        self.view.cellChosen.connect(self._show_detail)
        self.view.navigate.connect(self.go_change)
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setToolTip("Right-click a version's name to make it the base, rename or remove it")
        self.overview = OverviewStrip(self.view)
        self.legend = Legend()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setStyleSheet("QLabel { background:#FBE3D4; color:#5A1E00; border:1px solid #D55E00;"
                                  " border-radius:4px; padding:6px 10px; }")
        self.banner.hide()
        self.banner_close = QToolButton(text="✕", autoRaise=True, toolTip="Dismiss")
        self.banner_close.clicked.connect(self.clear_errors)
        self.banner_close.hide()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.search.connect(self.find)
        self.find_bar.closed.connect(self._find_closed)

        table_row = QHBoxLayout()
        table_row.setContentsMargins(0, 0, 0, 0)
        table_row.setSpacing(2)
        table_row.addWidget(self.view, 1)
        table_row.addWidget(self.overview)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_close, 0, Qt.AlignmentFlag.AlignTop)
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.setSpacing(2)
        top_lay.addWidget(self.legend)
        top_lay.addLayout(banner_row)
        top_lay.addLayout(table_row, 1)
        top_lay.addWidget(self.find_bar)

        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.linkActivated.connect(lambda _href: self.open_files(sample_files(), replace=True))
        self.provenance = ProvenanceView()
        self.provenance.blockChosen.connect(self.show_block)
        self.provenance.graph.versionChosen.connect(self._version_chosen)
        self.heatmap = HeatmapView()
        self.heatmap.blockChosen.connect(self.show_block)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(top, "Columns")
        self.views.addTab(self.provenance, "Provenance")
        self.views.addTab(self.heatmap, "Heat Map")
        self.views.setTabToolTip(0, "The versions side by side, aligned paragraph by paragraph")
        self.views.setTabToolTip(1, "Who copied whom, how much each reuses, and what each version alone adds")
        self.views.setTabToolTip(2, "The base text shaded by how many versions keep each sentence")
        self.views.currentChanged.connect(self._view_changed)
        self._stale_views: set[QWidget] = set()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.views)
        self._set_empty_text()

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText("Select a paragraph to read its changes word by word.")
        self.detail.document().setDefaultFont(self.view.cell_delegate.font)
        rtl_ok = self.detail.document().defaultTextOption()
        rtl_ok.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)  # each redline side by its own script
        self.detail.document().setDefaultTextOption(rtl_ok)
        self.summary = SummaryPanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.detail, "Detail")
        self.tabs.addTab(self.summary, "Summary")

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 230])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.versions_panel = VersionsPanel(self.actions_)
        self.versions_panel.reordered.connect(self._reordered)
        self.versions_panel.renamed.connect(self.rename)
        self.versions_panel.removeRequested.connect(self.remove_id)
        self.versions_panel.list.currentRowChanged.connect(lambda _: self._update_actions())
        self.dock = QDockWidget("Versions", self)
        self.dock.setObjectName("versions-dock")
        self.dock.setWidget(self.versions_panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [230], Qt.Orientation.Horizontal)

        tb = self.addToolBar("Main")
        tb.setObjectName("main-toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in ("open", "paste"):
            tb.addAction(self.actions_[key])
        tb.addSeparator()
        tb.addAction(self.actions_["prev"])
        tb.addAction(self.actions_["next"])
        self.filter_button = QToolButton()
        self.filter_button.setText("Show")
        self.filter_button.setIcon(self._icon("filter"))
        self.filter_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_button.setToolTip("Show only some change types")
        self.filter_menu = QMenu("&Show", self)
        self.filter_actions: dict[str, QAction] = {}
        for tag in FILTER_TAGS:
            a = self.filter_menu.addAction(FILTER_LABELS[tag])
            a.setCheckable(True)
            a.setChecked(True)
            a.setData(tag)
            if tag in TAG_INFO:
                a.setToolTip(TAG_INFO[tag].explain)
            a.toggled.connect(self._filter_changed)
            self.filter_actions[tag] = a
        self.filter_menu.addSeparator()
        self.filter_menu.addAction("Only changes", lambda: self.set_filter(set(FILTER_TAGS) - {"unchanged"}))
        self.filter_menu.addAction("Everything", lambda: self.set_filter(set(FILTER_TAGS)))
        self.filter_menu.addSeparator()
        self.context_action = self.filter_menu.addAction("Boilerplate and Captions as Changes")
        self.context_action.setCheckable(True)
        self.context_action.setToolTip("Count site chrome and captions as change (by default they are context: "
                                       "shown quietly, not counted, skipped by Next Change, never dropped)")
        self.context_action.toggled.connect(self.set_context)
        self.fold_action = self.filter_menu.addAction("Fold Rows Only One Version Has")
        self.fold_action.setCheckable(True)
        self.fold_action.setChecked(True)
        self.fold_action.setToolTip("Show each run of rows that only one version has as one compact row; "
                                    "click it to unfold")
        self.fold_action.toggled.connect(self._fold_changed)
        self.linked_action = self.filter_menu.addAction("Only Linked Rows")
        self.linked_action.setCheckable(True)
        self.linked_action.setToolTip("Hide rows that only one version has: show what the versions share")
        self.linked_action.toggled.connect(self._linked_changed)
        self.filter_button.setMenu(self.filter_menu)
        tb.addWidget(self.filter_button)
        tb.addAction(self.actions_["find"])
        tb.addSeparator()
        tb.addAction(self.actions_["sentences"])
        tb.addAction(self.actions_["options"])
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setIcon(self._icon("export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu("&Export", self)
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        self.export_button.setMenu(self.export_menu)
        tb.addWidget(self.export_button)
        self.toolbar = tb

        sb = self.statusBar()
        self.status_label = QLabel("")
        # Names come from files and sessions: never let Qt read them as rich text
        # (an <img src> in a version name made Qt load and draw a local file).
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        sb.addWidget(self.status_label, 1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel("")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        sb.addPermanentWidget(self.progress_label)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        a = self.actions_
        f = mb.addMenu("&File")
        f.addAction(a["open"])
        self.recent_menu = f.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        f.addAction(a["samples"])
        f.addAction(a["archive"])
        f.addAction(a["paste"])
        f.addSeparator()
        if self._session_module() is not None:
            f.addAction("Open &Session…", lambda: self.open_session())
            f.addAction("&Save Session…", lambda: self.save_session())
            f.addSeparator()
        f.addMenu(self.export_menu)
        f.addSeparator()
        f.addAction(a["clear"])
        f.addAction(a["quit"])
        v = mb.addMenu("&Versions")
        for key in ("rename", "remove", "up", "down", "base"):
            v.addAction(a[key])
        n = mb.addMenu("&Navigate")
        n.addAction(a["next"])
        n.addAction(a["prev"])
        n.addAction(a["find"])
        n.addAction(a["back"])
        n.addSeparator()
        n.addMenu(self.filter_menu)
        c = mb.addMenu("&Compare")
        c.addAction(a["sentences"])
        c.addAction(a["options"])
        c.addAction(a["cancel"])
        w = mb.addMenu("&View")
        for k, name in enumerate(("&Columns", "&Provenance", "&Heat Map")):
            w.addAction(name, lambda k=k: self.views.setCurrentIndex(k), f"Ctrl+{k + 1}")
        w.addSeparator()
        w.addAction(self.dock.toggleViewAction())
        w.addAction(self.toolbar.toggleViewAction())
        h = mb.addMenu("&Help")
        h.addAction(a["guide"])
        h.addAction(a["keys"])
        h.addSeparator()
        h.addAction(a["about"])
        # The view switches are menu actions too: listed with the shortcuts.
        self._view_actions = [x for x in w.actions() if not x.shortcut().isEmpty()]

    def _set_empty_text(self, message: str | None = None) -> None:
        self.empty.setText(
            f'<div style="font-size:large">{message or "Compare versions of an article"}</div>'
            "<p>Open two or more versions (File › Open, Ctrl+O), drop files here,<br>"
            "or paste a version from the clipboard (Ctrl+Shift+V).</p>"
            '<p><a href="samples">Open the bundled sample versions</a></p>')

    # -------------------------------------------------------------- settings
    def _restore(self) -> None:
        if not self.persist:
            self.resize(1600, 1000)
            return
        s = self.settings
        geo = s.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None and screen.width() > 0:
                self.resize(min(1440, int(screen.width() * 0.92)), min(920, int(screen.height() * 0.9)))
            else:
                self.resize(1440, 920)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        split = s.value("window/splitter")
        if isinstance(split, QByteArray) and not split.isEmpty():
            self.splitter.restoreState(split)
        if str(s.value("view/context", "false")).lower() == "true":
            self.set_context(True)
        if str(s.value("view/fold", "true")).lower() == "false":
            self.fold_action.setChecked(False)
        if str(s.value("view/linked_only", "false")).lower() == "true":
            self.linked_action.setChecked(True)
        hidden = s.value("view/hidden", "")
        if isinstance(hidden, str) and hidden:
            self.set_filter(set(FILTER_TAGS) - set(hidden.split(",")))

    def save_settings(self) -> None:
        if not self.persist:
            return
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("view/hidden", ",".join(sorted(self.view.hidden_tags)))
        save_options(s, self.options)
        s.sync()

    def closeEvent(self, event) -> None:
        if not self._closing:
            self.save_settings()
        self._closing = True
        for t in list(self._threads):
            t.cancel()
        for t in list(self._threads):
            t.wait(1500)  # cancel is polled between steps: usually well under a second
        running = [t for t in self._threads if t.isRunning()]
        if running:
            # A step that cannot be interrupted (one giant pair) is still going. Destroying a
            # running QThread aborts the process, so hide now and close when it ends.
            self.hide()
            for t in running:
                t.finished.connect(self.close, Qt.ConnectionType.QueuedConnection)
            event.ignore()
            return
        super().closeEvent(event)

    # -------------------------------------------------------- getting versions
    def open_dialog(self) -> None:
        start = self.settings.value("last_dir", str(Path.home()))
        paths, _ = QFileDialog.getOpenFileNames(self, "Open versions", str(start), FILE_FILTER)
        if paths:
            self.settings.setValue("last_dir", str(Path(paths[0]).parent))
            self.open_files(paths)

    def open_archive(self, path: str | None = None) -> None:
        """Show an archive's families (gui.archive_window); the one chosen opens as a comparison."""
        from .archive_window import ArchiveDialog

        if path is None:
            start = self.settings.value("last_dir", str(Path.home()))
            path, _ = QFileDialog.getOpenFileName(self, "Open archive", str(start),
                                                  "Storydiff archives (*.duckdb *.db);;All files (*)")
            if not path:
                return
        dialog = ArchiveDialog(path, self)
        dialog.openFamily.connect(lambda paths: self.open_files(paths, replace=True, base=0))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.archive_dialog = dialog

    def _add_paths(self, paths: list[str], replace: bool = False, base: int | None = None) -> None:
        if replace:
            self.entries = []
            self.base_id = None
        first = len(self.entries)
        for p in paths:
            self.entries.append(Entry(next(self._ids), str(p), Path(p).name, str(p)))
        if base is not None and 0 <= first + base < len(self.entries):
            self.base_id = self.entries[first + base].id
        if self.base_id is None and self.entries:
            self.base_id = self.entries[0].id
        if self.persist:
            files = [e.path for e in self.entries if e.path]
            if len(files) >= 2:
                add_recent(self.settings, files)

    def open_files(self, paths: list[str], replace: bool = False, base: int | None = None) -> None:
        """Add versions from files and compare in the background (a .storydiff file opens a session)."""
        if len(paths) == 1 and str(paths[0]).endswith(".storydiff") and self._session_module() is not None:
            self.open_session(str(paths[0]))
            return
        self._add_paths(paths, replace, base)
        self.versions_changed()

    def open_files_sync(self, paths: list[str], base: int | None = None) -> None:
        """Add versions from files and compare at once (--screenshot, tests)."""
        self._add_paths(paths, False, base)
        self.compare_now()

    def add_text(self, text: str, name: str | None = None) -> None:
        self._pasted += 1
        name = name or f"pasted text {self._pasted}"
        try:
            src = from_text(text, name)
        except engine.StorydiffError as e:
            self.show_errors([str(e)])
            return
        self.entries.append(Entry(next(self._ids), src, name, None))
        if self.base_id is None:
            self.base_id = self.entries[0].id
        self.versions_changed()

    def paste_version(self) -> None:
        text = QApplication.clipboard().text()
        if not text.strip():
            self.show_errors(["The clipboard holds no text to add as a version."])
            return
        self.add_text(text)

    def _entry_index(self, eid: int | None) -> int | None:
        for k, e in enumerate(self.entries):
            if e.id == eid:
                return k
        return None

    def _selected_entry(self) -> int | None:
        """The entry chosen in the Versions panel, else the column of the current cell."""
        eid = self.versions_panel.current_id()
        if eid is None and self.view.currentIndex().isValid() and self.shown_ids:
            eid = self.shown_ids[self.view.currentIndex().column()]
        return eid

    def remove_current(self) -> None:
        self.remove_id(self._selected_entry())

    def remove_id(self, eid: int | None) -> None:
        """Remove one version (Versions panel: Delete key, Remove button, header menu)."""
        k = self._entry_index(eid)
        if k is None:
            return
        del self.entries[k]
        if eid == self.base_id:
            self.base_id = self.entries[0].id if self.entries else None
        self.versions_changed()

    def move_current(self, step: int) -> None:
        eid = self._selected_entry()
        k = self._entry_index(eid)
        if k is None or not 0 <= k + step < len(self.entries):
            return
        self.entries[k], self.entries[k + step] = self.entries[k + step], self.entries[k]
        self.versions_changed()
        self.versions_panel.select_id(eid)

    def base_current(self) -> None:
        eid = self._selected_entry()
        if eid is not None:
            self.set_base(eid)

    def set_base(self, eid: int) -> None:
        if eid != self.base_id and self._entry_index(eid) is not None:
            self.base_id = eid
            self.versions_changed()
            self.versions_panel.select_id(eid)

    def set_base_column(self, col: int) -> None:
        """Make the version shown in column `col` the base."""
        self.set_base(self.shown_ids[col])

    def _header_menu(self, pos) -> None:
        col = self.view.horizontalHeader().logicalIndexAt(pos)
        if not 0 <= col < len(self.shown_ids):
            return
        eid = self.shown_ids[col]
        self.versions_panel.select_id(eid)
        menu = QMenu(self)
        base = menu.addAction(self._icon("base"), "Use as Base", lambda: self.set_base(eid))
        base.setEnabled(eid != self.base_id)
        menu.addAction("Rename…", self.rename_current)
        menu.addAction(self._icon("remove"), "Remove", self.remove_current)
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))

    def rename_current(self) -> None:
        eid = self._selected_entry()
        k = self._entry_index(eid)
        if k is None:
            return
        name, ok = QInputDialog.getText(self, "Rename version", "Name:", text=self.entries[k].name)
        if ok and name.strip():
            self.rename(eid, name.strip())

    def rename(self, eid: int, name: str) -> None:
        k = self._entry_index(eid)
        if k is None or not name:
            self._fill_versions_panel()
            return
        self.entries[k].name = name
        if self.comparison is not None and eid in self.shown_ids:
            names = [self.entries[self._entry_index(i)].name for i in self.shown_ids]
            self.comparison = self.comparison.with_names(names)
            self.model.rename(self.comparison)
            self.summary.show_summary(self.comparison, self.model.summaries)
            self._refresh_detail()
        self._fill_versions_panel()

    def _reordered(self, ids: list[int]) -> None:
        by_id = {e.id: e for e in self.entries}
        self.entries = [by_id[i] for i in ids if i in by_id]
        self.versions_changed()

    def close_all(self) -> None:
        self.entries = []
        self.base_id = None
        self.versions_changed()

    def _fill_versions_panel(self) -> None:
        self.versions_panel.fill([(e.id, e.name, f"{e.name}\n{e.path or 'pasted text'}") for e in self.entries],
                                 self.base_id, self._icon("base"))
        self._update_actions()

    def _update_actions(self) -> None:
        has = self.comparison is not None
        sel = self._selected_entry() is not None
        for key in ("prev", "next", "find"):
            self.actions_[key].setEnabled(has)
        self.export_button.setEnabled(has)
        for key in ("remove", "up", "down", "base", "rename"):
            self.actions_[key].setEnabled(sel)

    # ---------------------------------------------------------- drag & drop
    def dragEnterEvent(self, event) -> None:
        md = event.mimeData()
        if md.hasUrls() and any(u.isLocalFile() for u in md.urls()) or md.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        md = event.mimeData()
        paths = [u.toLocalFile() for u in md.urls() if u.isLocalFile()]
        if paths:
            self.open_files(paths)
        elif md.hasText():
            self.add_text(md.text(), "dropped text")
        event.acceptProposedAction()

    # ------------------------------------------------------------ comparing
    def _job(self) -> Job:
        base = self._entry_index(self.base_id) or 0
        self._generation += 1
        ids = frozenset(e.id for e in self.entries)
        return Job([e.source for e in self.entries], [e.name for e in self.entries], base, self.options,
                   self._generation, on_large="coarsen" if ids == self._coarse_ids else "raise",
                   limits=self.limits)

    def _remember_selection(self) -> None:
        """Note the selected block (version entry, block index) to select it again once the
        comparison is re-run (options, base, order changes keep the reader's place)."""
        cur = self.view.currentIndex()
        c = self.comparison
        if not cur.isValid() or c is None or cur.column() >= len(self.shown_ids):
            return
        eid = self.shown_ids[cur.column()]
        cell = self.model.cell(cur.row(), cur.column())
        if cell.blocks:
            self._pending_sel = (eid, eid, cell.blocks[0])
        elif c.rows[cur.row()][c.base]:
            self._pending_sel = (eid, self.shown_ids[c.base], c.rows[cur.row()][c.base][0])

    def _restore_selection(self, c: Comparison) -> None:
        pending, self._pending_sel = self._pending_sel, None
        if pending is None:
            return
        col_id, block_id, block = pending
        if col_id not in self.shown_ids or block_id not in self.shown_ids:
            return
        version = self.shown_ids.index(block_id)
        row = c.row_of[version].get(block) if block < len(c.versions[version].blocks) else None
        if row is not None:
            self.view.choose(row, self.shown_ids.index(col_id))

    def versions_changed(self) -> None:
        self._fill_versions_panel()
        if self._closing:
            return
        if self._pending_sel is None:
            self._remember_selection()
        if self._running is not None:
            self._running.cancel()
            self._running = None
        self._close_too_large_box()
        if len(self.entries) < 2:
            self._generation += 1
            self._show_comparison(None)
            self._set_empty_text("Add one more version to compare" if self.entries else None)
            self._set_busy(False)
            return
        self._start(self._job())

    def _start(self, job: Job) -> None:
        """Run `job` in a worker thread; its Outcome arrives in `_finished`."""
        thread = CompareThread(job, self)
        thread.progressed.connect(self._progress)
        thread.finishedJob.connect(self._finished)
        thread.finished.connect(lambda t=thread: self._threads.discard(t))
        self._threads.add(thread)
        self._running = thread
        self._set_busy(True)
        thread.start()

    def compare_now(self) -> None:
        """Compare synchronously (--screenshot, tests)."""
        self._fill_versions_panel()
        if len(self.entries) >= 2:
            # Nobody to ask here (--screenshot): a comparison over the size guards goes on
            # coarsely, and the status bar says what was coarsened.
            self._finished(run_job(replace(self._job(), on_large="coarsen")))
        else:
            self._show_comparison(None)

    def cancel(self) -> None:
        if self._running is not None:
            self._running.cancel()
            self.progress_label.setText("Cancelling…")

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.actions_["cancel"].setEnabled(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.progress_label.setText("Comparing…")

    def _progress(self, done: int, total: int, message: str) -> None:
        if self.sender() is not self._running:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress_label.setText(message[:60])

    def _finished(self, out: Outcome) -> None:
        if out.generation != self._generation or self._closing:
            return  # superseded by a newer request, or the window is going away
        self._running = None
        self._set_busy(False)
        # Keep what was read, so re-comparing (new base, options) needs no disk access,
        # and drop versions that failed to load: their error is shown instead.
        kept: list[Entry] = []
        for e, src in zip(list(self.entries), out.loaded):
            if src is None:
                continue
            e.source = src  # the Version: no re-reading or re-splitting next time
            kept.append(e)
        if out.loaded:
            self.entries = kept + self.entries[len(out.loaded):]
            if self._entry_index(self.base_id) is None:
                self.base_id = self.entries[0].id if self.entries else None
        self.show_errors(out.errors)
        if out.failure:
            self.show_failure("The comparison failed", out.errors[-1] if out.errors else "The comparison failed.",
                              out.failure)
        if out.cancelled:
            self.status_label.setText("Comparison cancelled")
            self._fill_versions_panel()
            return
        if out.too_large is not None:
            self._fill_versions_panel()
            self.ask_too_large(out.too_large, out.job)
            return
        if out.comparison is not None:
            self.shown_ids = [e.id for e in kept]
            self._show_comparison(out.comparison)
        else:
            self._show_comparison(None)
            self._set_empty_text("Add one more version to compare" if self.entries else None)
        self._fill_versions_panel()

    def _show_comparison(self, c: Comparison | None) -> None:
        self.comparison = c
        self.model.set_comparison(c)
        self.stack.setCurrentIndex(1 if c is not None else 0)
        self.detail.clear()
        self.summary.show_summary(c, self.model.summaries)
        self._stale_views = {self.provenance, self.heatmap}
        self._view_changed(self.views.currentIndex())
        if c is None:
            self.status_label.setText("")
            self.shown_ids = []
            self._pending_sel = None
            self.setWindowTitle(f"{self.entries[0].name} — Storydiff" if self.entries else "Storydiff")
        else:
            self.status_label.setText(status_text(c, self.model.summaries) + self._guard_note(c))
            self.setWindowTitle(f"{c.versions[c.base].name} and {len(c.versions) - 1} more — Storydiff")
            self._restore_selection(c)
            if self.find_bar.isVisible():
                self.find(self.find_bar.edit.text(), 0)
        self._update_actions()
        self.comparisonShown.emit()

    # ---------------------------------------------------- provenance views
    def _view_changed(self, index: int) -> None:
        """Fill a provenance view when it is first shown after a new comparison."""
        # The detail pane reads the selected cell of the columns; the other views get its room.
        self.tabs.setVisible(index == 0)
        w = self.views.widget(index)
        if w in self._stale_views:
            self._stale_views.discard(w)
            w.set_comparison(self.comparison)

    def show_view(self, name: str) -> None:
        """Bring a view to the front: "columns", "provenance" or "heatmap"."""
        self.views.setCurrentIndex({"columns": 0, "provenance": 1, "heatmap": 2, "heat": 2}[name])

    def show_block(self, version: int, block: int) -> None:
        """Select one block of one version in the columns (from the unique list, the heat map)."""
        c = self.comparison
        if c is None or not 0 <= version < len(c.versions):
            return
        row = c.row_of[version].get(block)
        if row is None:
            return
        self.views.setCurrentIndex(0)
        if self.view.isRowHidden(row):
            self.set_filter(set(FILTER_TAGS))
        self.view.choose(row, version)
        self.view.setFocus()

    def _version_chosen(self, version: int) -> None:
        if 0 <= version < len(self.shown_ids):
            self.versions_panel.select_id(self.shown_ids[version])

    def go_back(self) -> None:
        if not self.view.go_back():
            self.statusBar().showMessage("Nowhere to go back to.", 2500)

    def set_sentence_mode(self, on: bool) -> None:
        """Align sentences (True) or paragraphs; persisted, and re-runs the comparison."""
        unit = "sentence" if on else "paragraph"
        self.actions_["sentences"].setChecked(on)
        if unit == self.options.unit:
            return
        self.options = replace(self.options, unit=unit)
        if self.persist:
            save_options(self.settings, self.options)
        self.versions_changed()

    # ------------------------------------------------------------ size guards
    def ask_too_large(self, e: TooLarge, job: Job | None) -> None:
        """Offer to continue at a coarser granularity (window-modal, answered in `_too_large_answer`)."""
        self._close_too_large_box()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Large comparison")
        box.setText("These versions are too large to compare at the chosen granularity.")
        items = "\n".join(f"• {f.message}" for f in e.findings if f.blocking)
        # Rich text with the findings escaped: they carry version names.
        box.setInformativeText(esc(items).replace("\n", "<br>") + "<br><br>Storydiff can continue at a coarser "
                               "granularity (paragraphs merged into sections, word instead of character diffs, "
                               "or the first versions only), or stop here.")
        box.setDetailedText(str(e))
        go = box.addButton("Continue at coarser granularity", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        # open(), not exec(): this runs in a slot, and a nested event loop there would let
        # another comparison finish underneath the question.
        box.finished.connect(lambda _r, b=box, g=go: self._too_large_answer(e, job, b.clickedButton() is g))
        self.too_large_box = box
        self.status_label.setText("Waiting: the comparison is large")
        box.open()

    def _too_large_answer(self, e: TooLarge, job: Job | None, go: bool) -> None:
        self.too_large_box = None
        if not go or job is None or self._closing:
            self.status_label.setText("Comparison cancelled: the versions are too large")
            return
        # The versions the engine already read and split go straight back: no re-reading.
        # They are the first entries, in order (entries that failed to load were dropped).
        shown = self.entries[:len(e.versions)]
        self._coarse_ids = frozenset(x.id for x in self.entries)
        ids = [x.id for x in shown]
        base = ids.index(self.base_id) if self.base_id in ids else 0
        self._generation += 1
        self._start(Job(list(e.versions), [x.name for x in shown], base, e.options,
                        self._generation, on_large="coarsen", limits=job.limits))

    def _close_too_large_box(self) -> None:
        if self.too_large_box is not None:
            box, self.too_large_box = self.too_large_box, None
            box.finished.disconnect()
            box.close()

    def _guard_note(self, c: Comparison) -> str:
        """What the size guards changed or bounded, for the status bar (all of it in the tooltip)."""
        notes = c.extras.get("guards") if isinstance(getattr(c, "extras", None), dict) else None
        # Escaped rich text: the notes carry version names, which must never be read as markup.
        self.status_label.setToolTip("<qt>" + "<br>".join(esc(n["message"]) for n in notes) + "</qt>"
                                     if notes else "")
        if not notes:
            return ""
        # What was done (sections) says more than which limit was crossed.
        done = [n["message"] for n in notes if n["code"] == "merged"]
        rest = [n["message"] for n in notes if n["code"] != "merged"]
        shown = (done or rest)[:2]
        more = len(notes) - len(shown)
        return " · Coarser comparison: " + "; ".join(shown) + (f" (+{more} more, see tooltip)" if more else "")

    # -------------------------------------------------------------- errors
    def show_failure(self, title: str, message: str, details: str) -> None:
        """An unexpected failure: a box with the traceback to copy (non-blocking)."""
        if self.error_box is not None and self.error_box.isVisible():
            self.error_box.setDetailedText(self.error_box.detailedText() + "\n" + details)
            return
        if self.error_box is not None:
            self.error_box.deleteLater()  # the closed one; kept until now so the reference stays valid
        self.error_box = error_box(self, title, message, details)
        self.error_box.open()

    def show_errors(self, errors: list[str]) -> None:
        self.errors = list(errors)
        if not errors:
            return
        items = "".join(f"<li>{esc(e)}</li>" for e in errors[:8])
        more = f"<li>… and {len(errors) - 8} more</li>" if len(errors) > 8 else ""
        self.banner.setText(f"<b>Some versions could not be compared:</b><ul style='margin:2px 0'>{items}{more}</ul>")
        self.banner.show()
        self.banner_close.show()
        if self.stack.currentIndex() == 0:
            self._set_empty_text(esc(errors[0]))

    def clear_errors(self) -> None:
        self.errors = []
        self.banner.hide()
        self.banner_close.hide()

    # ------------------------------------------------------ selection, nav
    def _show_detail(self, row: int, col: int) -> None:
        if self.comparison is None:
            return
        self.detail.setHtml(detail_html(self.comparison, self.model.cell(row, col), self.colours))
        self.tabs.setCurrentWidget(self.detail)
        if col < len(self.shown_ids):
            self.versions_panel.select_id(self.shown_ids[col])

    def _refresh_detail(self) -> None:
        idx = self.view.currentIndex()
        if idx.isValid():
            self._show_detail(idx.row(), idx.column())

    def go_change(self, step: int) -> None:
        if self.comparison is not None and not self.view.go_change(step):
            self.statusBar().showMessage("No further changes in this direction.", 2500)

    def set_filter(self, shown: set[str]) -> None:
        for tag, a in self.filter_actions.items():
            a.blockSignals(True)
            a.setChecked(tag in shown)
            a.blockSignals(False)
        self._filter_changed()

    def _leave_hidden_row(self) -> None:
        """The detail pane never describes a row the reader can no longer see."""
        cur = self.view.currentIndex()
        if cur.isValid() and self.view.isRowHidden(cur.row()):
            self.view.selectionModel().clear()
            self.view.setCurrentIndex(self.model.index(-1, -1))
            self.view.cell_delegate.current = None
            self.detail.clear()
            self.view.viewport().update()

    def set_context(self, on: bool) -> None:
        """Count boilerplate and captions as change (on) or keep them as quiet context."""
        if self.context_action.isChecked() != on:
            self.context_action.setChecked(on)  # re-enters here through toggled
            return
        if self.persist:
            self.settings.setValue("view/context", on)
        if self.model.context == on:
            return
        cur = self.view.currentIndex()
        where = (cur.row(), cur.column()) if cur.isValid() else None
        self.model.set_context(on)
        if self.comparison is not None:
            self.summary.show_summary(self.comparison, self.model.summaries)
            self.status_label.setText(status_text(self.comparison, self.model.summaries) + self._guard_note(self.comparison))
            if where is not None:
                self.view.choose(*where)
        self.overview.invalidate()

    def _fold_changed(self, on: bool) -> None:
        self.view.set_fold_on(on)
        if self.persist:
            self.settings.setValue("view/fold", on)
        self.overview.invalidate()

    def _linked_changed(self, on: bool) -> None:
        self.view.set_linked_only(on)
        self._leave_hidden_row()
        if self.persist:
            self.settings.setValue("view/linked_only", on)
        self.overview.invalidate()

    def _filter_changed(self) -> None:
        hidden = {t for t, a in self.filter_actions.items() if not a.isChecked()}
        self.view.set_hidden_tags(hidden)
        self._leave_hidden_row()
        self.filter_button.setText("Show (filtered)" if hidden else "Show")
        self.overview.invalidate()

    # ------------------------------------------------------------- find
    def show_find(self) -> None:
        if self.comparison is not None:
            self.find_bar.show_bar()

    def find(self, text: str, step: int) -> None:
        m = self.model
        needle = text.strip().lower()
        if not needle or m.comparison is None:
            self._matches = []
        else:
            self._matches = [(r, v) for r in range(m.rowCount()) for v in range(m.columnCount())
                             if (not self.view.isRowHidden(r) or m.hidden_by_fold(r))  # a folded match unfolds
                             and needle in cell_plain(m.comparison, m.cells[r][v]).lower()]
        self.view.cell_delegate.found = set(self._matches)
        self.view.cell_delegate.needle = needle
        self.view.viewport().update()
        if not self._matches:
            self.find_bar.count.setText("no matches" if needle else "")
            return
        cur = self.view.currentIndex()
        here = (cur.row(), cur.column()) if cur.isValid() else (-1, -1)
        if step >= 0:
            after = [x for x in self._matches if x > here] if step > 0 else [x for x in self._matches if x >= here]
            target = after[0] if after else self._matches[0]
        else:
            before = [x for x in self._matches if x < here]
            target = before[-1] if before else self._matches[-1]
        self.view.choose(*target)
        self.find_bar.count.setText(f"{self._matches.index(target) + 1} of {len(self._matches)}")

    def _find_closed(self) -> None:
        self.view.cell_delegate.found = set()
        self.view.cell_delegate.needle = ""
        self.view.viewport().update()
        self.view.setFocus()

    # ---------------------------------------------------- options, export
    def options_dialog(self) -> None:
        dlg = OptionsDialog(self.options, self)
        if dlg.exec():
            new = dlg.options()
            if new != self.options:
                self.options = new
                self.actions_["sentences"].setChecked(new.unit == "sentence")
                if self.persist:
                    save_options(self.settings, new)
                self.versions_changed()

    def _fill_export_menu(self) -> None:
        from engine.reports import WRITERS  # read at run time: other writers may be registered

        self.export_menu.clear()
        labels = {"text": "Plain text (.txt)", "json": "JSON, storydiff/1 (.json)", "html": "HTML report (.html)",
                  "md": "Markdown (.md)", "markdown": "Markdown (.md)", "pdf": "PDF (.pdf)"}
        shown: set[str] = set()
        for fmt in sorted(WRITERS):
            label = labels.get(fmt, fmt.upper())
            if label in shown:
                continue  # one writer under two names (md, markdown): one entry
            shown.add(label)
            self.export_menu.addAction(label, lambda f=fmt: self.export(f))
        if "pdf" not in WRITERS and importlib.util.find_spec("gui.printing") is not None:
            self.export_menu.addAction(labels["pdf"], lambda: self.export("pdf"))
        self.export_menu.setEnabled(self.comparison is not None)

    def export(self, fmt: str, path: str | None = None) -> bool:
        if self.comparison is None:
            return False
        ext = {"text": "txt", "markdown": "md"}.get(fmt, fmt)
        if path is None:
            default = str(Path(self.settings.value("last_dir", str(Path.home()))) / f"storydiff-report.{ext}")
            path, _ = QFileDialog.getSaveFileName(self, "Export report", default, f"{fmt.upper()} (*.{ext})")
            if not path:
                return False
        try:
            from engine.reports import WRITERS, render
            from engine.io.safe_write import write_atomic

            if fmt == "pdf" and "pdf" not in WRITERS:
                from gui.printing import write_pdf  # owned by the reports work; optional

                write_pdf(self.comparison, path)
            else:
                write_atomic(path, render(self.comparison, fmt))
        except Exception as e:  # a report failure is a message, not a crash
            _plain_warning(self, "Export failed", f"Could not write {path}:\n{e}")
            return False
        self.statusBar().showMessage(f"Wrote {path}", 4000)
        return True

    # ------------------------------------------------------------- sessions
    @staticmethod
    def _session_module():
        if importlib.util.find_spec("engine.io.session") is None:
            return None
        try:
            import engine.io.session as session
        except Exception:
            return None
        if hasattr(session, "save_session") and hasattr(session, "load_session"):
            return session
        return None

    def save_session(self, path: str | None = None) -> bool:
        """Save the versions' texts, names, base and options as a .storydiff file."""
        session = self._session_module()
        if session is None or self.comparison is None:
            return False
        if path is None:
            suffix = getattr(session, "SUFFIX", ".storydiff")
            path, _ = QFileDialog.getSaveFileName(self, "Save session", f"comparison{suffix}",
                                                  f"Storydiff sessions (*{suffix});;All files (*)")
            if not path:
                return False
        shown = [self.entries[self._entry_index(i)] for i in self.shown_ids if self._entry_index(i) is not None]
        sources = [_as_source(e.source) for e in shown]
        if any(src is None for src in sources):
            return False
        try:
            session.save_session(path, sources, self.comparison.base, self.options, [e.name for e in shown])
        except Exception as e:  # a full disk or a bad path is a message, not a crash
            _plain_warning(self, "Save failed", f"Could not save {path}:\n{e}")
            return False
        self.statusBar().showMessage(f"Saved session {path}", 4000)
        return True

    def open_session(self, path: str | None = None) -> bool:
        session = self._session_module()
        if session is None:
            return False
        if path is None:
            suffix = getattr(session, "SUFFIX", ".storydiff")
            path, _ = QFileDialog.getOpenFileName(self, "Open session", "",
                                                  f"Storydiff sessions (*{suffix});;All files (*)")
            if not path:
                return False
        try:
            loaded = session.load_session(path)
        except Exception as e:
            self.show_errors([str(e)])
            return False
        names = loaded.names or [src.name for src in loaded.sources]
        self.entries = [Entry(next(self._ids), src, name or src.name, src.path)
                        for src, name in zip(loaded.sources, names)]
        self.base_id = self.entries[loaded.base].id
        self.options = loaded.options
        self.versions_changed()
        return True

    # --------------------------------------------------------------- recent
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = load_recent(self.settings)
        if not recent:
            self.recent_menu.addAction("(none yet)").setEnabled(False)
        for paths in recent:
            label = " · ".join(Path(p).name for p in paths[:4]) + (f" +{len(paths) - 4}" if len(paths) > 4 else "")
            self.recent_menu.addAction(label, lambda ps=paths: self.open_files(ps, replace=True))

    # ---------------------------------------------------------------- help
    def show_guide(self) -> None:
        from .help import HelpDialog, guide_html

        try:
            content = guide_html()
        except Exception as e:  # a missing or broken guide is a message, not a crash
            QMessageBox.warning(self, "User Guide", f"The user guide could not be shown: {e}")
            return
        self.guide_dialog = HelpDialog("Storydiff User Guide", content, self)
        self.guide_dialog.show()

    def show_shortcuts(self) -> None:
        from .help import HelpDialog, shortcuts_html

        self.keys_dialog = HelpDialog("Keyboard Shortcuts", shortcuts_html(
            list(self.actions_.values()) + self._view_actions), self, (520, 560))
        self.keys_dialog.show()

    # ---------------------------------------------------------------- misc
    def about(self) -> None:
        QMessageBox.about(self, "About Storydiff",
                          f"<h3>Storydiff {esc(engine.__version__)}</h3>"
                          "<p>Compare versions of a news article paragraph by paragraph: what each version "
                          "kept word for word, edited, paraphrased, moved, merged, added or dropped.</p>"
                          "<p>Colours follow the Okabe–Ito palette; every change also carries a text badge.</p>")

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "model"):
            self.colours = Colours.for_palette(self.palette())
            self.model.set_colours(self.colours)
            self.view.refresh_text()
            colour = self.palette().color(QPalette.ColorRole.WindowText).name()
            for a in self.actions_.values():
                if a.data():
                    a.setIcon(icon(a.data(), colour))
            self._refresh_detail()

    def select_interesting_cell(self) -> None:
        """Select a telling cell (a merge, else an edit) so a screenshot shows the detail pane."""
        m = self.model
        if m.comparison is None:
            return
        for want in ("merged", "edited", "paraphrased"):
            for r in range(m.rowCount()):
                for v in range(m.columnCount()):
                    if want in m.tags[r][v]:
                        self.view.choose(r, v)
                        # Start the view at a row boundary a little above the chosen row,
                        # so no half-cut row sits at the top of a screenshot.
                        vh, sb = self.view.verticalHeader(), self.view.verticalScrollBar()
                        for top in range(max(0, r - 3), r + 1):
                            if vh.sectionPosition(r) + vh.sectionSize(r) - vh.sectionPosition(top) <= self.view.viewport().height():
                                sb.setValue(vh.sectionPosition(top))
                                break
                        return


def _plain_warning(parent: QWidget, title: str, text: str) -> None:
    """A warning whose text (it names the user's file) is plain text, never rich text."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
