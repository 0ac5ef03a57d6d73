"""Everything the window writes: reports (File › Export, one entry per writer in
`engine.reports.WRITERS`) and sessions (`.storydiff` files, `engine.io.session`).

Writes go through `engine.io.safe_write.write_atomic` with the versions' files
protected (`OutputGuard`); a failure or a refusal is a plain-text message naming the
file, never a crash, and never a half-written file.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from engine.io.formats import session_dialog_filter
from engine.io.safe_write import OutputGuard, write_atomic
from engine.reports import WRITERS, render

from .document import SESSION_SUFFIX
from .settings import add_recent

# Menu labels for the writers; a writer registered later without one shows its name.
LABELS = {"text": "Plain text (.txt)", "json": "JSON, storydiff/1 (.json)", "html": "HTML report (.html)",
          "md": "Markdown (.md)", "markdown": "Markdown (.md)", "pdf": "PDF (.pdf)"}
SESSION_FILTER = session_dialog_filter()  # from the engine's one table of formats


def plain_warning(parent: QWidget, title: str, text: str) -> None:
    """A warning whose text (it names the user's file) is plain text, never rich text."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def _ext(fmt: str) -> str:
    return {"text": "txt", "markdown": "md"}.get(fmt, fmt)


def menu_entries() -> list[tuple[str, str]]:
    """(label, format) per writer, one entry for a writer registered under two names (md, markdown)."""
    out: list[tuple[str, str]] = []
    for fmt in sorted(WRITERS):
        label = LABELS.get(fmt, fmt.upper())
        if all(label != seen for seen, _ in out):
            out.append((label, fmt))
    return out


class Exporter(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window  # the MainWindow: its document, settings and status bar
        self.menu = QMenu("Expor&t As", window)
        self.menu.aboutToShow.connect(self.fill_menu)

    def fill_menu(self) -> None:
        self.menu.clear()
        for label, fmt in menu_entries():
            self.menu.addAction(label, partial(self.export, fmt))
        self.menu.setEnabled(self.window.document.comparison is not None)

    def export(self, fmt: str, path: str | None = None) -> bool:
        c = self.window.document.comparison
        if c is None:
            return False
        ext = _ext(fmt)
        if path is None:
            default = str(Path(self.window.settings.value("last_dir", str(Path.home()))) / f"storydiff-report.{ext}")
            path, _ = QFileDialog.getSaveFileName(self.window, "Export report", default, f"{fmt.upper()} (*.{ext})")
            if not path:
                return False
        try:
            # Never over a version's own file, by any spelling or link of its path.
            write_atomic(path, render(c, fmt), OutputGuard().protect(self.window.document.paths(), "a version being compared"))
        except Exception as e:  # a report failure is a message, not a crash
            plain_warning(self.window, "Export failed", f"Could not write {path}:\n{e}")
            return False
        self.window.statusBar().showMessage(f"Wrote {path}", 4000)
        return True

    def export_dialog(self) -> bool:
        """File › Export Report… (Ctrl+E): one Save dialog for every format, chosen by its filter
        or the file name's extension (the Export As menu names the format first)."""
        if self.window.document.comparison is None:
            return False
        entries = menu_entries()
        filters = [f"{label.rsplit(' (', 1)[0]} (*.{_ext(fmt)})" for label, fmt in entries]
        last = str(self.window.settings.value("export/format", "html"))
        chosen = next((k for k, (_, fmt) in enumerate(entries) if fmt == last), 0)
        folder = Path(str(self.window.settings.value("last_dir", str(Path.home()))))
        path, picked = QFileDialog.getSaveFileName(self.window, "Export report",
                                                   str(folder / f"storydiff-report.{_ext(entries[chosen][1])}"),
                                                   ";;".join(filters), filters[chosen])
        if not path:
            return False
        by_ext = {_ext(fmt): fmt for _, fmt in entries}
        fmt = by_ext.get(Path(path).suffix.lstrip(".").lower()) \
            or next((fmt for f, (_, fmt) in zip(filters, entries) if f == picked), entries[chosen][1])
        self.window.settings.setValue("export/format", fmt)
        return self.export(fmt, path)

    def save_session(self, path: str | None = None) -> bool:
        """Save the versions' texts, names, base and options as a .storydiff file."""
        if self.window.document.comparison is None:
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, "Save session", f"comparison{SESSION_SUFFIX}",
                                                  SESSION_FILTER)
            if not path:
                return False
        try:
            saved = self.window.document.save_session(path)
        except Exception as e:  # a full disk or a bad path is a message, not a crash
            plain_warning(self.window, "Save failed", f"Could not save {path}:\n{e}")
            return False
        if saved:
            self.window.statusBar().showMessage(f"Saved session {path}", 4000)
            if self.window.persist:
                add_recent(self.window.settings, [path])
        return saved

    def open_session(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, "Open session", "", SESSION_FILTER)
            if not path:
                return False
        try:
            self.window.document.load_session(path)
        except Exception as e:  # a damaged session is a message in the banner
            self.window.columns.banner.show_errors([str(e)])
            return False
        if self.window.persist:
            add_recent(self.window.settings, [path])
        return True
