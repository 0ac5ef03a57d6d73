"""Runs a comparison off the GUI thread, with progress and cancel.

Each file is read on its own first (`engine.load_versions` with an error list), so
one bad file becomes a message while the other versions still load. A size guard
that fires comes back as `Outcome.too_large` so the window can ask the user; an
unexpected failure comes back with its traceback so the window can show details.
The result (an immutable Comparison) is handed back through a queued signal;
results of superseded runs are dropped by generation.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

import engine
from engine.compare import load_versions
from engine.io.guards import DEFAULT_LIMITS, Limits, TooLarge
from engine.model import Comparison, Options, Version
from engine.plan import plan


@dataclass
class Job:
    sources: list  # paths (str), engine Sources, or Versions already read
    names: list[str]
    base: int
    options: Options
    generation: int = 0
    on_large: str = "raise"  # "coarsen" once the user agreed to a coarser comparison
    limits: Limits = DEFAULT_LIMITS


@dataclass
class Outcome:
    generation: int
    comparison: Comparison | None = None
    loaded: list = field(default_factory=list)  # per input: its Version, or None when it failed
    errors: list[str] = field(default_factory=list)
    cancelled: bool = False
    too_large: TooLarge | None = None  # a guard fired: the window asks whether to coarsen
    failure: str | None = None  # traceback of an unexpected exception, for the details box
    job: Job | None = None  # the job this answers (a coarser re-run reuses it)


def _read(src, name: str, limits: Limits, errors: list[str], cancel=None) -> Version | None:
    """One input as a Version, or None with its one-line problem appended to `errors`."""
    if isinstance(src, Version):
        return replace(src, name=name) if src.name != name else src
    # Entries hold paths as str; a Path makes the engine read a file, never take the
    # name itself for text (a missing "my story.txt" would otherwise become a version).
    item = src if not isinstance(src, str) else Path(src)
    problems: list = []
    try:
        got = load_versions([item], [name], errors=problems, limits=limits, cancel=cancel)
    except engine.Cancelled:  # Cancel pressed during a slow read: no error, the job stops
        return None
    except engine.StorydiffError as e:
        got, problems = [], [e]
    except Exception as e:  # a reader bug on a damaged file must not take the others down
        got, problems = [], [f"{src}: could not be read ({e.__class__.__name__}: {e})"]
    errors.extend(str(p) for p in problems)
    return got[0] if got else None


def run_job(job: Job, progress=None, cancel=None) -> Outcome:
    """The whole job, synchronously (the worker thread and --screenshot both use it)."""
    out = Outcome(job.generation, job=job)
    stop = cancel or (lambda: False)
    # Too many versions: asked before any file is read (2,000 files would be read for
    # nothing). On "continue" every file is read and the engine keeps the first ones.
    # (Fewer than two inputs, or a base the inputs lack, is not a question: the reads below say why.)
    if job.on_large == "raise" and len(job.sources) >= 2 and 0 <= job.base < len(job.sources):
        try:
            plan(len(job.sources), job.base, "raise", job.limits, job.options, job.sources)
        except TooLarge as e:
            out.too_large = e
            return out
    for src, name in zip(job.sources, job.names):
        if stop():  # reading a PDF takes a while: stop between files too
            out.cancelled = True
            return out
        out.loaded.append(_read(src, name, job.limits, out.errors, stop))
        if stop():
            out.cancelled = True
            return out
    good = [v for v in out.loaded if v is not None]
    if len(good) < 2:
        return out
    kept = [k for k, v in enumerate(out.loaded) if v is not None]
    base = kept.index(job.base) if job.base in kept else 0
    try:
        out.comparison = engine.compare(good, base, options=job.options, progress=progress, cancel=cancel,
                                        on_large=job.on_large, limits=job.limits)
        _materialize(out.comparison, cancel)
        _provenance(out.comparison, cancel)
    except engine.Cancelled:
        out.comparison = None
        out.cancelled = True
    except TooLarge as e:
        out.too_large = e
    except engine.StorydiffError as e:
        out.errors.append(str(e))
    except Exception as e:  # the window shows it with the traceback; the thread must not die
        out.comparison = None
        out.failure = traceback.format_exc()
        out.errors.append(f"The comparison failed: {e.__class__.__name__}: {e}")
    return out


# Up to this many links with the base, their inline diffs are computed in the worker
# (a few ms in all); beyond, the engine computes each when a cell first comes into view.
MATERIALIZE_LIMIT = 800


def _materialize(c: Comparison, cancel) -> None:
    links = sum(len(p.links) for p in c.pairs if c.base in (p.a, p.b))
    if links <= MATERIALIZE_LIMIT:
        c.materialize("base", cancel=cancel)
    # The fact ledgers against the base, always: the cells' fact badges, the Facts list and
    # the "fact changes only" filter read them as soon as the comparison is shown.
    for p in c.pairs:
        if c.base in (p.a, p.b):
            if cancel is not None and cancel():
                raise engine.Cancelled()
            p.facts  # noqa: B018 - computes and caches


def _provenance(c: Comparison, cancel) -> None:
    """Compute the whole-set views (reuse, lineage, unique content, heat map) here, off
    the GUI thread: with 20 versions they take a while, and the Comparison caches them."""
    for name in ("reuse_matrix", "lineage", "unique", "heatmap"):
        if cancel is not None and cancel():
            raise engine.Cancelled()
        getattr(c, name)


class CompareThread(QThread):
    progressed = Signal(int, int, str)
    finishedJob = Signal(object)  # Outcome

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            out = run_job(self.job, progress=lambda d, t, m: self.progressed.emit(d, t, m),
                          cancel=self._cancel.is_set)
        except BaseException:  # run_job catches comparison errors; this is a last resort
            out = Outcome(self.job.generation, job=self.job, failure=traceback.format_exc(),
                          errors=["The comparison failed unexpectedly."])
        if self._cancel.is_set():
            out.cancelled = True
        self.finishedJob.emit(out)
