"""Opening web pages in the window: File › Open URL…, and a URL pasted or dropped.

The page is fetched and read by the engine (`engine.web.page.fetch_source`: the same
client, limits and readers as `storydiff-cli compare URL`) on a worker thread; the
version it gives (named by site and fetch time, its page kept in the page cache) joins
the document like a file. A failure is one line in the window's banner, never a crash.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit

from engine.errors import StorydiffError
from engine.web import is_url


class FetchThread(QThread):
    """Fetches one URL off the GUI thread; `fetched(Source)` or `failed(one line)`."""

    fetched = Signal(object)
    failed = Signal(str)

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url

    def run(self) -> None:
        from engine.web.page import fetch_source

        try:
            src = fetch_source(self.url)
        except StorydiffError as e:
            self.failed.emit(str(e))
        except Exception as e:  # anything unexpected is still a message, never a dead thread
            self.failed.emit(f"{self.url}: could not be opened ({e.__class__.__name__}: {e})")
        else:
            self.fetched.emit(src)


class UrlOpener(QObject):
    """The window's URL fetches: at most a few at once, each ending in the document or the banner."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.running: list[FetchThread] = []

    def ask(self) -> None:
        """File › Open URL…: ask for an address (the clipboard's, when it holds one, is offered)."""
        from PySide6.QtWidgets import QApplication

        clip = QApplication.clipboard().text().strip()
        url, ok = QInputDialog.getText(self.window, "Open URL", "Web address of the article:", QLineEdit.EchoMode.Normal,
                                       clip if is_url(clip) else "https://")
        if ok and url.strip() and url.strip() != "https://":
            self.open(url.strip())

    def open(self, url: str) -> None:
        thread = FetchThread(url, self)
        thread.fetched.connect(self._fetched)
        thread.failed.connect(lambda line: self.window.columns.banner.show_errors([line]))
        thread.finished.connect(lambda: self.running.remove(thread) if thread in self.running else None)
        self.running.append(thread)
        self.window.statusBar().showMessage(f"Fetching {url}…", 5000)
        thread.start()

    def _fetched(self, src) -> None:
        self.window.document.add_sources([src])
        self.window.statusBar().showMessage(f"Opened {src.name}", 5000)

    def wait(self) -> None:
        """Let running fetches end (closing the window; tests)."""
        for t in list(self.running):
            t.wait()


def urls_in(text: str) -> list[str]:
    """The web addresses in pasted or dropped text, when that text is nothing but addresses."""
    lines = [x.strip() for x in text.strip().splitlines() if x.strip()]
    return lines if lines and all(is_url(x) for x in lines) else []
