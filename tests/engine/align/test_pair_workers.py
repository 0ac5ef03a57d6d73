"""engine.align.pair_workers: pairs aligned on several cores make the same comparison."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import threading

import pytest

from engine import compare
from engine.align import pair_workers
from engine.errors import Cancelled, StorydiffError
from engine.reports.json_report import to_json

_WORDS = ("harbour council ferry timetable tender vote budget quay crane shipyard pier tide "
          "warden licence mooring dredging levy berth freight survey engineer repair cargo "
          "lantern channel beacon pilot").split()
_GLUE = "the of and to a in that was for on with as by at from".split()


def _versions(count: int, paragraphs: int, seed: int = 5) -> list[str]:
    """Invented versions of one article: each keeps, edits, drops, adds and moves paragraphs of another."""
    rng = random.Random(seed)

    def sentence() -> str:
        words = [rng.choice(_WORDS if rng.random() < 0.6 else _GLUE) for _ in range(rng.randint(8, 18))]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 4)))

    out = [[paragraph() for _ in range(paragraphs)]]
    for _ in range(count - 1):
        parent, child = out[rng.randrange(len(out))], []
        for p in parent:
            r = rng.random()
            if r < 0.05:
                continue
            if r < 0.8:
                child.append(p)
            elif r < 0.95:
                words = p.split(" ")
                k = rng.randrange(len(words))
                words[k] = rng.choice(_WORDS)
                child.append(" ".join(words))
            else:
                child += [p, paragraph()]
        child.insert(rng.randrange(len(child)), child.pop(rng.randrange(len(child))))
        out.append(child)
    return ["\n\n".join(v) for v in out]


def _report(texts: list[str]) -> dict:
    doc = json.loads(to_json(compare(texts)))
    doc.pop("elapsed", None)
    return doc


def _spy_forks(monkeypatch) -> list[int]:
    """Force workers and count the pools started."""
    started: list[int] = []
    real = multiprocessing.get_context

    def get_context(method=None):
        ctx = real(method)
        started.append(1)
        return ctx

    monkeypatch.setattr(pair_workers.multiprocessing, "get_context", get_context)
    monkeypatch.setattr(pair_workers, "fork_is_safe", lambda: True)
    monkeypatch.setattr(pair_workers, "_MIN_CELLS", 0)
    monkeypatch.setattr(pair_workers.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    return started


def test_pairs_aligned_by_workers_make_the_same_json_report(monkeypatch):
    texts = _versions(6, 40)
    monkeypatch.setenv("STORYDIFF_WORKERS", "1")
    alone = _report(texts)
    monkeypatch.delenv("STORYDIFF_WORKERS")
    started = _spy_forks(monkeypatch)
    shared = _report(texts)
    assert started, "the workers were not used"
    assert shared == alone
    assert sum(len(p["links"]) for p in shared["pairs"]) > 100  # a comparison with something to lose


def test_a_comparison_cancelled_between_pairs_stops_its_workers(monkeypatch):
    _spy_forks(monkeypatch)
    seen = []

    def cancel() -> bool:
        return len(seen) >= 3

    with pytest.raises(Cancelled):
        compare(_versions(6, 30), progress=lambda done, total, msg: seen.append(msg), cancel=cancel)
    assert not multiprocessing.active_children()


def test_small_comparisons_and_one_core_stay_in_process(monkeypatch):
    monkeypatch.setattr(pair_workers, "fork_is_safe", lambda: True)
    monkeypatch.setattr(pair_workers.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    small = compare(_versions(3, 10)).versions
    assert pair_workers.workers_for(list(small), [(0, 1), (0, 2), (1, 2)]) == 1  # 300 block pairs: not worth a fork
    big = list(compare(_versions(4, 400), cancel=lambda: False).versions[:1]) * 12
    pairs = [(a, b) for a in range(12) for b in range(a + 1, 12)]
    assert pair_workers.workers_for(big, pairs) == 4
    monkeypatch.setenv("STORYDIFF_WORKERS", "1")
    assert pair_workers.workers_for(big, pairs) == 1


def test_forking_is_refused_outside_the_main_thread_or_beside_another_thread():
    answers = []
    worker = threading.Thread(target=lambda: answers.append(pair_workers.fork_is_safe()))
    worker.start()
    worker.join()
    assert answers == [False]
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not pair_workers.fork_is_safe()
    finally:
        release.set()
        other.join()


_REAL_ALIGN = pair_workers._align


def _dies_on_one_pair(ab):
    """A worker's task that exits the process on pair (0, 3): what the out-of-memory killer leaves."""
    if ab == (0, 3):
        os._exit(9)
    return _REAL_ALIGN(ab)


def test_a_worker_that_dies_is_a_clear_error_not_a_wait_forever(monkeypatch):
    _spy_forks(monkeypatch)
    monkeypatch.setattr(pair_workers, "_align", _dies_on_one_pair)
    with pytest.raises(StorydiffError, match="stopped unexpectedly"):
        compare(_versions(5, 30))
    assert not multiprocessing.active_children()
