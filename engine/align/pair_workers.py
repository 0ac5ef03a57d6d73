"""Aligning the pairs of one comparison on several cores.

Every pair of N versions is aligned on its own (`pairwise.PairAligner`), reading only
the corpus built before the first one: 20 versions make 190 pairs. Where the platform
forks (Linux) and the caller is the only thread of its process (the CLI, a script, the
benchmarks), the pairs are shared out among worker processes forked after the corpus is
built. They inherit it as it is (no copying, no pickling), align their pairs and
measure them (reuse, similarity), and send back each pair's links as plain tuples; this
process rebuilds the `Link` and `Pair` objects with the same texts and settings, so the
comparison is the same whichever way it was made (tested, down to the JSON report).

It stays in process when forking is not safe or not worth it:
- another thread runs, or Qt is loaded (the window and its worker thread, a Dask
  worker, the standalone bundle, whose start-up loads QtCore): forking a process with
  several threads can copy a lock that another thread holds;
- the pairs are few or small (`_MIN_CELLS`): starting the workers costs ~20 ms;
- `STORYDIFF_WORKERS=1` in the environment (or the machine has one core).

Results come back in the order asked for, so progress and cancellation work as in
process: the caller polls between pairs, and leaving early stops the workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any

from ..errors import StorydiffError
from ..model import Analyses, Link, Options, Pair, Relation, Version
from .pairwise import PairAligner, link_text
from .reuse import ReuseIndex, similarity
from .similarity import Corpus

# A pair as it travels between processes: its links as (blocks of a, blocks of b, relation,
# moved, score), the dropped and the added blocks, similarity, reuse of a from b and of b from a.
_Plain = tuple[list[tuple[tuple[int, ...], tuple[int, ...], Relation, bool, float]], list[int], list[int],
               float, float, float]

# Fewer block pairs than this in all (sum of blocks(a) x blocks(b)) align in process:
# 20 versions of 200 paragraphs hold 7.6M, five news stories of 30 paragraphs 9,000.
_MIN_CELLS = 500_000
_MAX_WORKERS = 8

# What the forked workers read: set just before the fork, cleared after.
_shared: tuple[Corpus, ReuseIndex, list[Version], Options] | None = None


def fork_is_safe() -> bool:
    """May this process fork workers now? Only on Linux (elsewhere forking is unsafe or
    slow), from the main thread of a process that runs no other Python thread and no Qt
    (a Qt application runs threads of its own), and not inside a worker process."""
    return sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread() \
        and threading.active_count() == 1 and "PySide6.QtCore" not in sys.modules \
        and multiprocessing.parent_process() is None


def workers_for(versions: list[Version], pairs: list[tuple[int, int]]) -> int:
    """How many worker processes to align `pairs` with; 1 means in this process."""
    wanted = os.environ.get("STORYDIFF_WORKERS", "").strip()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    count = min(cores, _MAX_WORKERS, len(pairs))
    if wanted.isdigit():
        count = min(count, max(1, int(wanted)))
    if count < 2 or not fork_is_safe():
        return 1
    sizes = [len(v.blocks) for v in versions]
    return count if sum(sizes[a] * sizes[b] for a, b in pairs) >= _MIN_CELLS else 1


def align_pair(corpus: Corpus, reuse: ReuseIndex, versions: list[Version], options: Options,
               analyses: Analyses | None, a: int, b: int) -> Pair:
    """Versions a and b aligned and measured: one `Pair`."""
    links, dropped, added = PairAligner(corpus, versions, a, b, options, analyses).run()
    return Pair(a, b, similarity(versions[a], versions[b], links), reuse.share(a, b), reuse.share(b, a),
                tuple(links), tuple(dropped), tuple(added), (versions[a], versions[b]), analyses=analyses)


def _align(ab: tuple[int, int]) -> _Plain:
    """In a worker: one pair, as plain tuples."""
    assert _shared is not None
    corpus, reuse, versions, options = _shared
    p = align_pair(corpus, reuse, versions, options, None, *ab)
    return ([(k.a, k.b, k.relation, k.moved, k.score) for k in p.links], list(p.dropped), list(p.added),
            p.similarity, p.reuse_a_from_b, p.reuse_b_from_a)


class AlignedPairs:
    """The pairs asked for, aligned and measured, in order, as an iterator of `Pair`s;
    use as a context manager, so that leaving early stops any workers."""

    def __init__(self, corpus: Corpus, reuse: ReuseIndex, versions: list[Version], options: Options,
                 analyses: Analyses, pairs: list[tuple[int, int]], workers: int | None = None) -> None:
        self.corpus, self.reuse, self.versions, self.options = corpus, reuse, versions, options
        self.analyses, self.pairs = analyses, pairs
        self.workers = workers_for(versions, pairs) if workers is None else workers
        self._pool: Any = None

    def __enter__(self) -> Iterator[Pair]:
        if self.workers < 2:
            return (align_pair(self.corpus, self.reuse, self.versions, self.options, self.analyses, a, b)
                    for a, b in self.pairs)
        global _shared
        _shared = (self.corpus, self.reuse, self.versions, self.options)
        try:
            # concurrent.futures rather than multiprocessing.Pool: a worker that dies (the
            # kernel's out-of-memory killer) breaks the pool with an error instead of
            # leaving this process waiting for its results forever.
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
            # Small chunks keep the workers' shares even; each result is a few kB.
            plain = self._pool.map(_align, self.pairs, chunksize=2)
        finally:
            _shared = None  # the workers were forked with their copy; this process needs none
        return self._collect(plain)

    def _collect(self, plain: Iterator[_Plain]) -> Iterator[Pair]:
        try:
            for (a, b), got in zip(self.pairs, plain):
                yield self._rebuild(a, b, got)
        except BrokenProcessPool as error:
            raise StorydiffError("a process aligning versions stopped unexpectedly (out of memory?); "
                                 "STORYDIFF_WORKERS=1 aligns them in one process") from error

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            # Leaving early (cancelled, an error): pairs not started are dropped, and the
            # few under way (a pair takes milliseconds) finish before the workers exit.
            self._pool.shutdown(wait=True, cancel_futures=kind is not None)
            self._pool = None

    def _rebuild(self, a: int, b: int, got: _Plain) -> Pair:
        """Pair (a, b) from a worker's tuples, its link texts joined as `PairAligner.link` joins them."""
        va, vb = self.versions[a], self.versions[b]
        granularity, ignore_case = self.options.granularity, self.options.ignore_case
        links = []
        for ia, jb, relation, moved, score in got[0]:
            links.append(Link(ia, jb, relation, moved, score, link_text(va, ia), link_text(vb, jb), granularity, ignore_case,
                              analyses=self.analyses))
        return Pair(a, b, got[3], got[4], got[5], tuple(links), tuple(got[1]), tuple(got[2]), (va, vb),
                    analyses=self.analyses)
