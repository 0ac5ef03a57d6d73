"""What the menu and toolbar commands do: open, paste, edit the list of versions
(remove, move, rename, base), options, cancel, recent files and help.

Each command turns a user gesture (a dialog, the selected version) into one edit of
the document; the document's `changed` signal does the rest (the runner re-compares,
the views follow). The window owns none of this logic, only the menus that reach it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QInputDialog, QMenu, QMessageBox

import engine
from engine.io.formats import open_dialog_filter  # the Open dialog's filter: the one table of formats

from .settings import ask_on_quit, load_recent, save_options, set_ask_on_quit

if TYPE_CHECKING:
    from .views.dialogs.archive_window import ArchiveDialog
from .views.columns.cell_html import esc
from .web import UrlOpener, urls_in


class Commands(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window  # the MainWindow: its document, runner, panels and settings
        self.archive_dialog: ArchiveDialog | None = None  # the archive list last opened (hidden once a family opens)
        self.urls = UrlOpener(window)  # File › Open URL…, and URLs pasted or dropped (gui.web)

    # ----------------------------------------------------------- opening
    def open_dialog(self) -> None:

        start = self.window.settings.value("last_dir", str(Path.home()))
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Open versions", str(start), open_dialog_filter())
        if paths:
            self.window.settings.setValue("last_dir", str(Path(paths[0]).parent))
            self.window.open_files(paths)

    def open_archive(self, path: str | None = None) -> None:
        """Show an archive's families (gui.views.dialogs.archive_window); the one chosen opens as a comparison."""
        from .views.dialogs.archive_window import ArchiveDialog

        if path is None:
            start = self.window.settings.value("last_dir", str(Path.home()))
            path, _ = QFileDialog.getOpenFileName(self.window, "Open archive", str(start),
                                                  "Storydiff archives (*.duckdb *.db);;All files (*)")
            if not path:
                return
        old = self.archive_dialog
        if old is not None and old.db == path:  # the same archive: its families are already listed
            old.show()
            old.raise_()
            return
        dialog = ArchiveDialog(path, self.window)

        def open_family(paths: list[str]) -> None:
            self.window.open_files(paths, replace=True, base=0)
            # The comparison is what the reader wants to see now: the list steps aside
            # (File › Open Archive… on the same archive shows it again at once).
            dialog.hide()
            self.window.raise_()
            self.window.activateWindow()

        dialog.openFamily.connect(open_family)
        dialog.openTimeline.connect(self.open_timeline)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "archive_dialog", None) if self.archive_dialog is dialog else None)
        dialog.show()
        if old is not None:
            old.close()
        self.archive_dialog = dialog

    def open_timeline(self, db: str, url: str) -> None:
        """A tracked URL's versions over time (gui.views.dialogs.timeline); a step or all open as a comparison."""
        from .views.dialogs.timeline import TimelineDialog

        dialog = TimelineDialog(db, url, self.window)
        dialog.openVersions.connect(lambda sources: self.window.document.add_sources(sources, replace_all=True, base=0))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.timeline_dialog = dialog

    def add_text(self, text: str, name: str | None = None) -> None:
        """Add pasted or dropped text as a version; web addresses alone are fetched instead."""
        if urls := urls_in(text):
            for url in urls:
                self.urls.open(url)
            return
        try:
            self.window.document.add_text(text, name)
        except engine.StorydiffError as e:
            self.window.columns.banner.show_errors([str(e)])

    def paste_version(self) -> None:
        text = QApplication.clipboard().text()
        if not text.strip():
            self.window.columns.banner.show_errors(["The clipboard holds no text to add as a version."])
            return
        self.add_text(text)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        recent = load_recent(self.window.settings)
        if not recent:
            menu.addAction("(none yet)").setEnabled(False)
        for paths in recent:
            label = " · ".join(Path(p).name for p in paths[:4]) + (f" +{len(paths) - 4}" if len(paths) > 4 else "")
            menu.addAction(label, partial(self.window.open_files, paths, replace=True))

    # ------------------------------------------------------ the versions
    def selected_entry(self) -> int | None:
        """The entry chosen in the Versions panel, else the column of the current cell."""
        eid = self.window.versions_panel.current_id()
        col = self.window.columns.current_column()
        if eid is None and col is not None and self.window.document.shown_ids:
            eid = self.window.document.shown_ids[col]
        return eid

    def remove_current(self) -> None:
        self.window.document.remove(self.selected_entry())

    def move_current(self, step: int) -> None:
        eid = self.selected_entry()
        if self.window.document.move(eid, step):
            self.window.versions_panel.select_id(eid)

    def base_current(self) -> None:
        eid = self.selected_entry()
        if eid is not None:
            self.set_base(eid)

    def set_base(self, eid: int) -> None:
        if self.window.document.set_base(eid):
            self.window.versions_panel.select_id(eid)

    def rename_current(self) -> None:
        eid = self.selected_entry()
        k = self.window.document.index_of(eid)
        if k is None:
            return
        name, ok = QInputDialog.getText(self.window, "Rename version", "Name:", text=self.window.document.entries[k].name)
        if ok and name.strip():
            self.window.document.rename(eid, name.strip())

    def header_menu(self, pos) -> None:
        """Right-click on a column's name: base, rename, remove that version."""
        header = self.window.columns.view.horizontalHeader()
        col = header.logicalIndexAt(pos)
        ids = self.window.document.shown_ids
        if not 0 <= col < len(ids):
            return
        eid = ids[col]
        self.window.versions_panel.select_id(eid)
        menu = QMenu(self.window)
        base = menu.addAction(self.window.icon_for("base"), "Use as Base", lambda: self.set_base(eid))
        base.setEnabled(eid != self.window.document.base_id)
        menu.addAction("Rename…", self.rename_current)
        menu.addAction(self.window.icon_for("remove"), "Remove", self.remove_current)
        menu.exec(header.mapToGlobal(pos))

    # ---------------------------------------------------------- comparing
    def options_dialog(self) -> None:
        from .views.dialogs.options_dialog import OptionsDialog

        dlg = OptionsDialog(self.window.document.options, self.window, ask_on_quit(self.window.settings))
        if dlg.exec():
            set_ask_on_quit(self.window.settings, dlg.ask_on_quit.isChecked())
            new = dlg.options()
            if new != self.window.document.options:
                self.window.actions_["sentences"].setChecked(new.unit == "sentence")
                if self.window.persist:
                    save_options(self.window.settings, new)
                self.window.document.set_options(new)

    def set_sentence_mode(self, on: bool) -> None:
        """Align sentences (True) or paragraphs; persisted, and re-runs the comparison."""
        self.window.actions_["sentences"].setChecked(on)
        unit = "sentence" if on else "paragraph"
        if unit == self.window.document.options.unit:
            return
        d = self.window.document
        if self.window.persist:
            save_options(self.window.settings, replace(d.options, unit=unit))
        d.set_unit(unit)

    def quit(self) -> None:
        """File › Quit: offer to save an unsaved comparison, then close."""
        if self.confirm_close():
            self.window.close()

    def confirm_close(self) -> bool:
        """Save / Discard / Cancel for a comparison changed since it was last saved; False: stay open."""
        d, s = self.window.document, self.window.settings
        if not (self.window.persist and d.unsaved and d.comparison is not None and not d.demo and ask_on_quit(s)):
            return True
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, "Storydiff", "Save this comparison before quitting?",
                          buttons.Save | buttons.Discard | buttons.Cancel, self.window)
        box.setInformativeText("A session (.storydiff) keeps its versions, pasted text included, their names, "
                               "the base and the options. Without one, Storydiff reopens the files you compared.")
        box.setDefaultButton(buttons.Save)
        # Held here as well as by the box: PySide would free the wrapper before exec() returns.
        never = QCheckBox("Do not ask again (Compare › Options turns it back on)", box)
        box.setCheckBox(never)
        answer = box.exec()
        if never.isChecked():
            set_ask_on_quit(s, False)
        if answer == buttons.Save:
            return self.window.exporter.save_session()
        return answer == buttons.Discard

    def cancel(self) -> None:
        if self.window.runner.cancel():
            self.window.status.progress_label.setText("Cancelling…")

    # ---------------------------------------------------------------- help
    def about(self) -> None:
        QMessageBox.about(self.window, "About Storydiff",
                          f"<h3>Storydiff {esc(engine.__version__)}</h3>"
                          "<p>Compare versions of a news article paragraph by paragraph: what each version "
                          "kept word for word, edited, paraphrased, moved, merged, added or dropped.</p>"
                          "<p>Colours follow the Okabe–Ito palette; every change also carries a text badge.</p>")

    def show_guide(self) -> None:
        from .views.dialogs.help import HelpDialog, guide_html

        try:
            content = guide_html()
        except Exception as e:  # a missing or broken guide is a message, not a crash
            QMessageBox.warning(self.window, "User Guide", f"The user guide could not be shown: {e}")
            return
        self.guide_dialog = HelpDialog("Storydiff User Guide", content, self.window)
        self.guide_dialog.show()

    def show_shortcuts(self) -> None:
        from .views.dialogs.help import HelpDialog, shortcuts_html

        self.keys_dialog = HelpDialog("Keyboard Shortcuts", shortcuts_html(
            list(self.window.actions_.values()) + self.window.view_actions), self.window, (520, 560))
        self.keys_dialog.show()
