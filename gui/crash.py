"""The app never dies: uncaught exceptions become a message box with details to copy.

PySide6 hands an exception raised in a slot or a virtual method (paintEvent, ...) to
`sys.excepthook` and carries on; the default hook only prints to a terminal the
user never sees. `install()` replaces it (and `threading.excepthook`) with one that
shows the error in a box whose details (the traceback) can be copied into a bug
report. A hook may run in any thread, so reports travel to the GUI thread through
a queued signal; while one box is open, further reports only add to its details
(a failing paintEvent would otherwise open a box per repaint).
"""

from __future__ import annotations

import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def format_error(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> tuple[str, str]:
    """(one line for the user, the full traceback for the details)."""
    line = f"{exc_type.__name__}: {exc}".strip().rstrip(":")
    return line, "".join(traceback.format_exception(exc_type, exc, tb))


class ErrorReporter(QObject):
    """Lives in the GUI thread and shows error boxes; `report` may be emitted from any thread."""

    report = Signal(str, str, str)  # title, message, details

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box: QMessageBox | None = None
        self.shown = 0  # how many boxes were opened (tests, and a guard against storms)
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @Slot(str, str, str)
    def _show(self, title: str, message: str, details: str) -> None:
        # This runs from the excepthook's signal: if it raised, the hook would fire again
        # and again. Whatever goes wrong here is printed, never re-raised.
        try:
            box = self.box
            if box is not None and box.isVisible():
                box.setDetailedText(box.detailedText() + "\n" + details)
                return
            if box is not None:
                box.deleteLater()  # closed boxes are kept until replaced, so `box` is never dangling
            self.box = error_box(QApplication.activeWindow(), title, message, details)
            self.shown += 1
            # open(), not exec(): no nested event loop inside whatever slot just failed.
            self.box.open()
        except Exception:  # noqa: BLE001 - the last line of defence must not throw
            traceback.print_exc()


def error_box(parent: QWidget | None, title: str, message: str, details: str) -> QMessageBox:
    """A warning box with the traceback under "Show Details" and a button that copies it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message names the user's files
    box.setText(message)
    box.setInformativeText("Storydiff kept running; your files were not changed. "
                           "Copy the details into a bug report if this keeps happening.")
    box.setDetailedText(details)
    copy = box.addButton("Copy Details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    # An ActionRole button still closes a QMessageBox; copy first, then it closes.
    copy.clicked.connect(lambda: QApplication.clipboard().setText(box.detailedText()))
    return box


_reporter: ErrorReporter | None = None


def reporter() -> ErrorReporter | None:
    return _reporter


def install(app: QApplication) -> ErrorReporter:
    """Route uncaught exceptions (GUI thread and Python threads) to error boxes."""
    global _reporter
    if _reporter is None:
        _reporter = ErrorReporter(app)
    rep = _reporter
    previous = sys.excepthook

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal still quits
            previous(exc_type, exc, tb)
            return
        line, details = format_error(exc_type, exc, tb)
        sys.stderr.write(details)  # a terminal user or a log keeps the traceback too
        rep.report.emit("Storydiff: unexpected error", f"Something went wrong: {line}", details)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a background thread"
        line, details = format_error(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)
        sys.stderr.write(details)
        rep.report.emit("Storydiff: unexpected error", f"Something went wrong in {name}: {line}", details)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return rep
