"""The archive list's headlines, read off the GUI thread: one file (a family's lineage
root) per family, through `engine.archive.headline`, reported in batches so the list
fills in while the reader already browses it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

BATCH = 25  # families per update of the list


def describe_roots(fam: dict) -> list[str]:
    """The family's lineage roots (its sources), as the archive names them."""
    return [e["path"] for e in fam["lineage"] if e["source"] is None]


class HeadlinesThread(QThread):
    found = Signal(object)  # {family id: headline}

    def __init__(self, roots: list[tuple[int, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roots = roots  # (family id, path of its root)
        self._stop = False

    def stop(self) -> None:
        """Stop after the file being read (the dialog is closing)."""
        self._stop = True
        self.wait()

    def run(self) -> None:
        from engine.archive.headline import headline

        batch: dict[int, str] = {}
        for fid, path in self.roots:
            if self._stop:
                return
            try:
                batch[fid] = headline(path)
            except Exception:  # an unreadable root: no headline, never a dead thread
                batch[fid] = ""
            if len(batch) >= BATCH:
                self.found.emit(batch)
                batch = {}
        if batch:
            self.found.emit(batch)
