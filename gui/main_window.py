"""Storydiff's main window: the shell only. It places the parts and wires them.

The parts own the behaviour: `document` (versions, base, options, the comparison
shown), `runner` (the comparison off the GUI thread), `actions_` (every QAction),
`commands` (what the actions do), `exporter` (reports and sessions), `columns` (the
Columns view and detail pane), and the lazily built Provenance, Heat Map and Summary
views. The window keeps menus, toolbar, dock, status bar, settings and close.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QToolButton

from engine.model import Comparison, Options

from . import window_state
from .actions import Actions
from .commands import Commands
from .document import SESSION_SUFFIX, Document, sample_files
from .export import Exporter
from .icons import app_icon, icon
from .runner import Runner
from .settings import add_recent, load_options, open_settings
from .status import StatusArea
from .theme import Colours
from .toolbar import AdaptiveToolBar
from .views.columns.cell_html import esc
from .views.columns.pane import ColumnsPane
from .views.heatmap.view import HeatmapView
from .views.lazy import LazyPage
from .views.panels.facts_panel import FactsPanel, fact_count
from .views.panels.summary_panel import SummaryPanel
from .views.panels.versions_panel import VersionsPanel
from .views.provenance.view import ProvenanceView

VIEWS = {"columns": 0, "provenance": 1, "heatmap": 2, "heat": 2}


def _text_colour(w) -> str:
    return w.palette().color(QPalette.ColorRole.WindowText).name()


class MainWindow(QMainWindow):
    comparisonShown = Signal()

    def __init__(self, persist: bool = True) -> None:
        super().__init__()
        self.persist = persist
        self.settings = open_settings()
        self.colours = Colours.for_palette(self.palette())
        self.document = Document(load_options(self.settings) if persist else Options(), self)
        self.runner = Runner(self.document, self)
        self.columns = ColumnsPane(self.document, self.colours, self.settings if persist else None)
        self.commands = Commands(self)
        self.exporter = Exporter(self)
        self.actions_ = Actions(self, _text_colour(self))
        self.actions_["sentences"].setChecked(self.document.options.unit == "sentence")
        self.setWindowTitle("Storydiff")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDocumentMode(True)
        self._build_views()
        self._build_dock()
        self._build_toolbar()
        self.status = StatusArea(self.statusBar(), self.commands.cancel)
        self._build_menus()
        self._connect()
        window_state.restore(self)
        self.update_actions()

    # ---------------------------------------------------------------- building
    def icon_for(self, name: str) -> QIcon:
        """A toolbar/menu icon drawn in the palette's text colour."""
        return icon(name, _text_colour(self))

    def _build_views(self) -> None:
        """Columns, Provenance and Heat Map tabs over the Detail/Summary tabs; an empty page before."""
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.linkActivated.connect(lambda _href: self.actions_["samples"].trigger())

        def provenance() -> ProvenanceView:
            view = ProvenanceView()
            view.blockChosen.connect(self.columns.show_block)
            view.graph.versionChosen.connect(self._select_version)
            return view

        def heatmap() -> HeatmapView:
            view = HeatmapView()
            view.blockChosen.connect(self.columns.show_block)
            return view

        # Built the first time each is shown (most sessions never open them).
        self.provenance = LazyPage(provenance, lambda view, c: view.set_comparison(c))
        self.heatmap = LazyPage(heatmap, lambda view, c: view.set_comparison(c))
        self.summary = LazyPage(SummaryPanel, lambda view, cs: view.show_summary(*cs))

        def facts() -> FactsPanel:
            view = FactsPanel()
            view.factChosen.connect(self._fact_chosen)
            return view

        self.facts = LazyPage(facts, lambda view, c: view.show_facts(c))
        self._choosing_fact = False  # a fact chosen in the Facts tab: the tab stays in front
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        for page, name, tip in ((self.columns, "Columns", "The versions side by side, aligned paragraph by paragraph"),
                                (self.provenance, "Provenance",
                                 "Who copied whom, how much each reuses, and what each version alone adds"),
                                (self.heatmap, "Heat Map", "The base text shaded by how many versions keep each sentence")):
            self.views.setTabToolTip(self.views.addTab(page, name), tip)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.views)
        self.set_empty_text()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.columns.detail, "Detail")
        self.tabs.addTab(self.summary, "Summary")
        self.tabs.addTab(self.facts, "Facts")
        self.tabs.setTabToolTip(2, "Every quotation, figure, date, name, job title and negation each version "
                                   "changed against the base; click one to see it in the columns")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 230])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _build_dock(self) -> None:
        self.versions_panel = VersionsPanel(self.actions_)
        self.dock = QDockWidget("Versions", self)
        self.dock.setObjectName("versions-dock")
        self.dock.setWidget(self.versions_panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [230], Qt.Orientation.Horizontal)

    def _build_toolbar(self) -> None:
        a = self.actions_
        tb = self.toolbar = AdaptiveToolBar("Main", self)  # names beside icons, icons alone when narrow
        self.addToolBar(tb)
        tb.setObjectName("main-toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for item in (a["open"], a["paste"], None, a["prev"], a["next"], self.columns.filter_button, a["find"],
                     None, a["sentences"], a["options"]):
            if item is None:
                tb.addSeparator()
            elif isinstance(item, QToolButton):
                tb.addWidget(item)
            else:
                tb.addAction(item)
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setIcon(self.icon_for("export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setMenu(self.exporter.menu)
        tb.addWidget(self.export_button)

    def _build_menus(self) -> None:
        mb, a = self.menuBar(), self.actions_
        f = mb.addMenu("&File")
        f.addAction(a["open"])
        self.recent_menu = f.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(lambda: self.commands.fill_recent(self.recent_menu))
        for key in ("openurl", "samples", "archive", "paste"):
            f.addAction(a[key])
        f.addSeparator()
        f.addAction(a["open_session"])
        f.addAction(a["save_session"])
        f.addSeparator()
        f.addAction(a["export"])
        f.addMenu(self.exporter.menu)
        f.addSeparator()
        f.addAction(a["clear"])
        f.addAction(a["quit"])
        # Each menu title has its own Alt+letter (V is View's; Versions takes R).
        for title, keys in (("Ve&rsions", ("rename", "remove", "up", "down", "base")),
                            ("&Navigate", ("next", "prev", "find", "back"))):
            menu = mb.addMenu(title)
            for key in keys:
                menu.addAction(a[key])
        menu.addSeparator()
        menu.addMenu(self.columns.filters)
        c = mb.addMenu("&Compare")
        for key in ("sentences", "options", "cancel"):
            c.addAction(a[key])
        w = mb.addMenu("&View")
        for k, name in enumerate(("&Columns", "&Provenance", "&Heat Map")):
            w.addAction(name, partial(self.views.setCurrentIndex, k), f"Ctrl+{k + 1}")
        w.addSeparator()
        w.addAction(self.dock.toggleViewAction())
        w.addAction(self.toolbar.toggleViewAction())
        h = mb.addMenu("&Help")
        h.addAction(a["guide"])
        h.addAction(a["keys"])
        h.addSeparator()
        h.addAction(a["about"])
        # The view switches are menu actions too: listed with the shortcuts.
        self.view_actions = [x for x in w.actions() if not x.shortcut().isEmpty()]

    def _connect(self) -> None:
        d, cols, panel = self.document, self.columns, self.versions_panel
        d.listChanged.connect(self._fill_versions_panel)
        d.changed.connect(d.listChanged)
        d.changed.connect(cols.remember_selection)  # before the re-run: keep the reader's place
        d.changed.connect(self.runner.request)
        d.comparisonChanged.connect(self._show_comparison)
        d.renamed.connect(cols.relabel)
        d.renamed.connect(lambda c: self.summary.set_value((c, cols.model.summaries)))
        d.renamed.connect(self.facts.set_value)
        self.runner.busyChanged.connect(self.status.set_busy)
        self.runner.busyChanged.connect(self.actions_["cancel"].setEnabled)
        self.runner.progressed.connect(self.status.progress)
        self.runner.message.connect(self.status.label.setText)
        self.runner.outcome.connect(self._on_outcome)
        cols.message.connect(self.statusBar().showMessage)

        def column_chosen(col: int) -> None:
            if not self._choosing_fact:
                self.tabs.setCurrentWidget(cols.detail)
            self._select_version(col)

        def summaries_changed() -> None:
            self.summary.set_value((d.comparison, cols.model.summaries))
            self.status.show_comparison(d.comparison, cols.model.summaries)

        def errors_shown(first: str) -> None:
            if self.stack.currentIndex() == 0:  # no comparison shown: the message takes its place
                self.set_empty_text(esc(first))

        cols.columnChosen.connect(column_chosen)
        cols.raiseRequested.connect(lambda: self.views.setCurrentIndex(0))
        cols.summariesChanged.connect(summaries_changed)
        cols.banner.errorsShown.connect(errors_shown)
        header = cols.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.commands.header_menu)
        header.setToolTip("Right-click a version's name to make it the base, rename or remove it")
        self.views.currentChanged.connect(lambda index: self.tabs.setVisible(index == 0))
        panel.reordered.connect(d.reorder)
        panel.renamed.connect(d.rename)
        panel.removeRequested.connect(d.remove)
        panel.list.currentRowChanged.connect(lambda _: self.update_actions())

    def set_empty_text(self, message: str | None = None) -> None:
        self.empty.setText(
            f'<div style="font-size:large">{message or "Compare versions of an article"}</div>'
            "<p>Open two or more versions (File › Open, Ctrl+O), drop files here,<br>"
            "or paste a version from the clipboard (Ctrl+Shift+V).</p>"
            '<p><a href="samples">Open the bundled sample versions</a></p>')

    # -------------------------------------------------------------- settings
    def save_settings(self) -> None:
        """Keep the layout, filters, options and the work to reopen (gui.window_state)."""
        if self.persist:
            window_state.save(self)

    def closeEvent(self, event) -> None:
        # The window manager's close button asks like Quit does (Quit asks before it closes).
        if event.spontaneous() and not self.runner.closing and not self.commands.confirm_close():
            event.ignore()
            return
        if not self.runner.closing:
            self.save_settings()
        self.commands.urls.wait()  # a fetch is bounded by its deadline; its thread must end before the window
        running = self.runner.shutdown()
        if running:
            # A step that cannot be interrupted (one giant pair) is still going. Destroying a
            # running QThread aborts the process, so hide now and close when it ends.
            self.hide()
            for t in running:
                t.finished.connect(self.close, Qt.ConnectionType.QueuedConnection)
            event.ignore()
            return
        super().closeEvent(event)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        # Qt sends a palette change while __init__ is still building the parts: skip that one.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "columns"):
            self.colours = Colours.for_palette(self.palette())
            self.columns.set_colours(self.colours)
            self.actions_.recolour(_text_colour(self))

    # ------------------------------------------------------ getting versions
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
            self.commands.add_text(md.text(), "dropped text")
        event.acceptProposedAction()

    def open_files(self, paths: list[str], replace: bool = False, base: int | None = None) -> None:
        """Add versions from files and compare in the background (a .storydiff file opens a session)."""
        if len(paths) == 1 and str(paths[0]).endswith(SESSION_SUFFIX):
            self.exporter.open_session(str(paths[0]))
            return
        # The reader's own files replace the samples rather than join them.
        self.document.add_paths(paths, replace or self.document.demo, base)
        if self.persist:
            files = [e.path for e in self.document.entries if e.path]
            if len(files) >= 2 and set(files) != set(sample_files()):
                add_recent(self.settings, files)
        self.document.changed.emit()

    def open_samples(self) -> None:
        """The bundled samples, as a demonstration the reader's own versions will replace."""
        self.open_files(sample_files(), replace=True)
        self.document.demo = True

    def open_files_sync(self, paths: list[str], base: int | None = None) -> None:
        """Add versions from files and compare at once (--screenshot, tests)."""
        self.document.add_paths(paths, False, base)
        self._fill_versions_panel()
        self.runner.run_now()

    # ------------------------------------------------------------ showing
    def _on_outcome(self, out) -> None:
        """A job ended: its problems in the banner, an unexpected failure in a box."""
        self.columns.banner.show_errors(out.errors)
        if out.failure:
            self.columns.banner.show_failure("The comparison failed",
                                             out.errors[-1] if out.errors else "The comparison failed.", out.failure)

    def _show_comparison(self, c: Comparison | None) -> None:
        d = self.document
        self.columns.set_comparison(c)
        self.stack.setCurrentIndex(1 if c is not None else 0)
        self.summary.set_value((c, self.columns.model.summaries))
        self.facts.set_value(c)
        n = fact_count(c)
        self.tabs.setTabText(self.tabs.indexOf(self.facts), f"Facts ({n})" if n else "Facts")
        self.provenance.set_value(c)
        self.heatmap.set_value(c)
        self.status.show_comparison(c, self.columns.model.summaries)
        if c is None:
            self.setWindowTitle(f"{d.entries[0].name} — Storydiff" if d.entries else "Storydiff")
            self.set_empty_text("Add one more version to compare" if d.entries else None)
        else:
            self.setWindowTitle(f"{c.versions[c.base].name} and {len(c.versions) - 1} more — Storydiff")
            self.columns.after_shown(c)
        self._fill_versions_panel()
        self.comparisonShown.emit()

    def _fill_versions_panel(self) -> None:
        d = self.document
        self.versions_panel.fill([(e.id, e.name, f"{e.name}\n{e.path or 'pasted text'}") for e in d.entries],
                                 d.base_id, self.icon_for("base"))
        self.update_actions()

    def update_actions(self) -> None:
        has = self.document.comparison is not None
        self.actions_.enable_for(has, self.commands.selected_entry() is not None)
        self.export_button.setEnabled(has)

    def show_view(self, name: str) -> None:
        """Bring a view to the front: "columns", "provenance" or "heatmap"."""
        self.views.setCurrentIndex(VIEWS[name])

    def _fact_chosen(self, version: int, fact) -> None:
        """A fact chosen in the Facts tab: its paragraph selected, its words highlighted."""
        self._choosing_fact = True
        try:
            self.columns.show_fact(version, fact)
        finally:
            self._choosing_fact = False

    def _select_version(self, col: int) -> None:
        """Select, in the Versions panel, the version shown in column `col`."""
        if 0 <= col < len(self.document.shown_ids):
            self.versions_panel.select_id(self.document.shown_ids[col])
