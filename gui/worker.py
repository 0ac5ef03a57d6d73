"""Runs a comparison off the GUI thread, with progress and cancel.

Each file is read on its own first, so one bad file becomes a message while the
other versions still load. The result (an immutable Comparison) is handed back
through a queued signal; results of superseded runs are dropped by generation.
"""

from __future__ import annotations

import threading
from pathlib import Path
import traceback
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, Signal

import engine
from engine.loading import Source, load
from engine.model import Comparison, Options


@dataclass
class Job:
    sources: list  # paths (str) or engine Sources
    names: list[str]
    base: int
    options: Options
    generation: int = 0


@dataclass
class Outcome:
    generation: int
    comparison: Comparison | None = None
    loaded: list = field(default_factory=list)  # per input: a Source, or None when it failed
    errors: list[str] = field(default_factory=list)
    cancelled: bool = False


def run_job(job: Job, progress=None, cancel=None) -> Outcome:
    """The whole job, synchronously (the worker thread and --screenshot both use it)."""
    out = Outcome(job.generation)
    for src in job.sources:
        try:
            # Entries hold paths as str; a Path makes the engine read a file, never take the
            # name itself for text (a missing "my story.txt" would otherwise become a version).
            out.loaded.append(src if isinstance(src, Source) else load(Path(src)))
        except engine.StorydiffError as e:
            out.loaded.append(None)
            out.errors.append(str(e))
        except Exception as e:  # an unexpected reader failure must not take the window down
            out.loaded.append(None)
            out.errors.append(f"{src}: could not be read ({e.__class__.__name__}: {e})")
    good = [(s, n) for s, n in zip(out.loaded, job.names) if s is not None]
    if len(good) < 2:
        return out
    kept = [k for k, s in enumerate(out.loaded) if s is not None]
    base = kept.index(job.base) if job.base in kept else 0
    try:
        out.comparison = engine.compare([s for s, _ in good], base, names=[n for _, n in good],
                                        options=job.options, progress=progress, cancel=cancel)
        _materialize(out.comparison, cancel)
        _provenance(out.comparison, cancel)
    except engine.Cancelled:
        out.cancelled = True
    except engine.StorydiffError as e:
        out.errors.append(str(e))
    except Exception as e:
        traceback.print_exc()
        out.errors.append(f"The comparison failed: {e.__class__.__name__}: {e}")
    return out


# Up to this many links with the base, their inline diffs are computed in the worker
# (a few ms in all); beyond, the engine computes each when a cell first comes into view.
MATERIALIZE_LIMIT = 800


def _materialize(c: Comparison, cancel) -> None:
    if not hasattr(c, "materialize"):
        return
    links = sum(len(p.links) for p in c.pairs if c.base in (p.a, p.b))
    if links <= MATERIALIZE_LIMIT:
        c.materialize("base", cancel=cancel)


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
        out = run_job(self.job, progress=lambda d, t, m: self.progressed.emit(d, t, m),
                      cancel=self._cancel.is_set)
        if self._cancel.is_set():
            out.cancelled = True
        self.finishedJob.emit(out)
