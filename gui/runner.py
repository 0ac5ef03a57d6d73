"""Runs the document's comparison off the GUI thread: one job at a time, newest wins.

Like Anki's `aqt.operations`, the window never touches a thread: it asks the runner
to (re)compare and hears back through signals. The runner counts generations so a
superseded job's result is dropped, cancels, asks whether to go on coarsely when a
size guard fires (the too-large question), and on close cancels and waits for its
threads. `busy` says whether a job is running.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from engine.io.guards import TooLarge

from .document import Document
from .views.columns.cell_html import esc
from .worker import CompareThread, Job, Outcome, run_job


class Runner(QObject):
    busyChanged = Signal(bool)
    progressed = Signal(int, int, str)  # done, total, message
    outcome = Signal(object)  # every current Outcome, before its comparison is shown (errors, failures)
    message = Signal(str)  # one status line (cancelled, waiting for an answer)

    def __init__(self, document: Document, window: QWidget) -> None:
        super().__init__(window)
        self.document = document
        self.window = window  # the parent of the too-large question
        self.too_large_box: QMessageBox | None = None
        self.closing = False
        self._generation = 0
        self._threads: set[CompareThread] = set()
        self._running: CompareThread | None = None

    @property
    def busy(self) -> bool:
        """A comparison is running (its result not yet shown)."""
        return self._running is not None

    @property
    def threads(self) -> tuple[CompareThread, ...]:
        """Worker threads not yet finished (a cancelled one may still be ending its step)."""
        return tuple(self._threads)

    def _job(self) -> Job:
        d = self.document
        self._generation += 1
        ids = frozenset(e.id for e in d.entries)
        return Job([e.source for e in d.entries], [e.name for e in d.entries], d.base_index(), d.options,
                   self._generation, on_large="coarsen" if ids == d.coarse_ids else "raise", limits=d.limits)

    # ---------------------------------------------------------------- requests
    def request(self) -> None:
        """The document changed: drop the running job and compare again (or show nothing)."""
        if self.closing:
            return
        if self._running is not None:
            self._running.cancel()
            self._running = None
        self._close_too_large_box()
        if len(self.document.entries) < 2:
            self._generation += 1
            self.document.show(None)
            self.busyChanged.emit(False)
            return
        self._start(self._job())

    def run_now(self) -> None:
        """Compare synchronously (--screenshot, tests)."""
        if len(self.document.entries) >= 2:
            # Nobody to ask here (--screenshot): a comparison over the size guards goes on
            # coarsely, and the status bar says what was coarsened.
            self._finished(run_job(replace(self._job(), on_large="coarsen")))
        else:
            self.document.show(None)

    def cancel(self) -> bool:
        """Ask the running job to stop; True when there was one."""
        if self._running is None:
            return False
        self._running.cancel()
        return True

    def shutdown(self, wait_ms: int = 1500) -> list[CompareThread]:
        """Cancel every job and wait for it; the threads still running (their step cannot be
        interrupted) are returned, since destroying a running QThread aborts the process."""
        self.closing = True
        for t in list(self._threads):
            t.cancel()
        for t in list(self._threads):
            t.wait(wait_ms)  # cancel is polled between steps: usually well under a second
        return [t for t in self._threads if t.isRunning()]

    # ---------------------------------------------------------------- threads
    def _start(self, job: Job) -> None:
        """Run `job` in a worker thread; its Outcome arrives in `_finished`."""
        thread = CompareThread(job, self)
        thread.progressed.connect(self._progress)
        thread.finishedJob.connect(self._finished)
        thread.finished.connect(lambda t=thread: self._threads.discard(t))
        self._threads.add(thread)
        self._running = thread
        self.busyChanged.emit(True)
        thread.start()

    def _progress(self, done: int, total: int, message: str) -> None:
        if self.sender() is self._running:
            self.progressed.emit(done, total, message)

    def _finished(self, out: Outcome) -> None:
        if out.generation != self._generation or self.closing:
            return  # superseded by a newer request, or the window is going away
        self._running = None
        self.busyChanged.emit(False)
        kept = self.document.accept_loaded(out.loaded)
        self.outcome.emit(out)
        if out.cancelled:
            self.message.emit("Comparison cancelled")
            self.document.listChanged.emit()
        elif out.too_large is not None:
            self.document.listChanged.emit()
            self.ask_too_large(out.too_large, out.job)
        else:
            self.document.show(out.comparison, kept)

    # ------------------------------------------------------------ size guards
    def ask_too_large(self, e: TooLarge, job: Job | None) -> None:
        """Offer to continue at a coarser granularity (window-modal, answered in `_too_large_answer`)."""
        self._close_too_large_box()
        box = QMessageBox(self.window)
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
        self.message.emit("Waiting: the comparison is large")
        box.open()

    def _too_large_answer(self, e: TooLarge, job: Job | None, go: bool) -> None:
        self.too_large_box = None
        if not go or job is None or self.closing:
            self.message.emit("Comparison cancelled: the versions are too large")
            return
        # The versions the engine already read and split go straight back: no re-reading.
        # They are the first entries, in order (entries that failed to load were dropped).
        d = self.document
        shown = d.entries[:len(e.versions)]
        d.coarse_ids = frozenset(x.id for x in d.entries)
        ids = [x.id for x in shown]
        base = ids.index(d.base_id) if d.base_id in ids else 0
        self._generation += 1
        self._start(Job(list(e.versions), [x.name for x in shown], base, e.options,
                        self._generation, on_large="coarsen", limits=job.limits))

    def _close_too_large_box(self) -> None:
        if self.too_large_box is not None:
            box, self.too_large_box = self.too_large_box, None
            box.finished.disconnect()
            box.close()
