"""`compare()`: from sources to one immutable `Comparison`.

Steps: load and decode each source, split it into classified blocks, weigh terms
over all versions, align every pair of versions, measure reuse and similarity,
and build the N-way table against the base. `progress(done, total, message)` is
called between steps and `cancel()` is polled, so a GUI worker can show progress
and stop promptly.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from . import on_demand
from .align.multiway import build_rows
from .align.pair_workers import AlignedPairs
from .align.reuse import ReuseIndex
from .align.similarity import Corpus
from .errors import Cancelled, InputError, StorydiffError
from .gc_pause import gc_paused
from .interrupt import cancellable, poll
from .io.guards import DEFAULT_LIMITS, Finding, Limits, check_path, check_text
from .io.loading import load
from .model import Comparison, Options, Pair, Version
from .plan import enforce, plan
from .text.blocks import build_version

Progress = Callable[[int, int, str], None]


def load_versions(sources: Iterable, names: Sequence[str | None] | None = None,
                  errors: list[InputError] | None = None,
                  limits: Limits = DEFAULT_LIMITS,
                  cancel: Callable[[], bool] | None = None,
                  loaded: Callable[[Version], None] | None = None) -> list[Version]:
    """Load, decode, split and classify each source into a Version (ids in order).

    The one loading path: `compare`, the command line and the window's worker all
    read their versions here. With `errors` (a list), a source that cannot be read
    (missing, binary, too large, a directory...) is skipped and its `InputError`
    appended, with `.index` set to its position among `sources`; the others still
    load and are numbered 0, 1, ... in order. Without it the first such error is
    raised. `cancel()` is polled before each file and inside the readers' loops
    (`engine.interrupt`); it raises `Cancelled`. `loaded(version)` is called after
    each version is read (progress).
    """
    versions: list[Version] = []
    for k, src in enumerate(sources):
        name = names[k] if names and k < len(names) else None
        try:
            with cancellable(cancel):  # a slow read (a big PDF, a named pipe) stops on Cancel too
                poll()
                v = _load_one(src, name, k, limits)
        except InputError as e:
            if errors is None:
                raise
            e.index = k
            errors.append(e)
            continue
        versions.append(_renumber(v, len(versions)))
        if loaded is not None:
            loaded(versions[-1])
    return versions


def _load_one(src, name: str | None, k: int, limits: Limits) -> Version:
    if isinstance(src, Version):  # already read (e.g. handed back by TooLarge)
        return src
    if isinstance(src, os.PathLike) or (isinstance(src, str) and "\n" not in src and len(src) < 4096):
        check_path(src, limits)  # a huge text file is refused before it is read
    s = load(src, name=name or f"version {k + 1}")
    check_text(s.path or s.name, s.text, limits)
    return build_version(k, name or s.name, s.text, s.path, s.encoding, s.fmt, s.published)


@gc_paused()
def compare(sources: Iterable, base: int = 0, *, names: list[str] | None = None,
            progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
            options: Options | None = None, on_large: str = "raise",
            limits: Limits | None = None, findings: Sequence[Finding] = (),
            **option_values) -> Comparison:
    """Compare two or more versions (paths, texts, Sources or Versions) against version `base`.

    Keyword options are those of `Options` (ignore_case, ignore_punctuation,
    ignore_quotes, sensitivity, granularity, unit). `on_large` says what to do when a
    size guard fires (engine.plan): "raise" a `TooLarge` (the default, so a caller
    can ask the user), "coarsen" (continue at a coarser granularity; what was done is
    listed under `extras["guards"]`), or "ignore". `findings` are guards the
    caller already applied (`engine.plan.plan` before reading files), listed first.
    """
    started = time.perf_counter()
    if options is None:
        options = Options(**option_values)
    elif option_values:
        raise StorydiffError("give either options= or keyword options, not both")
    sources = list(sources)
    # The one planning step (engine.plan): too many versions are asked about before any is read.
    planned = plan(len(sources), base, on_large, limits or DEFAULT_LIMITS, options, sources)
    load_names = planned.subset(names) if names else None
    sources, base = planned.subset(sources), planned.base
    report = progress or (lambda done, total, msg: None)
    stop = cancel or (lambda: False)
    n = len(sources)
    total = n + n * (n - 1) // 2 + 1

    versions = load_versions(sources, load_names, limits=limits or DEFAULT_LIMITS, cancel=stop,
                             loaded=lambda v: report(v.id + 1, total, f"read {v.name}"))
    # Guards before alignment: its memory grows with blocks(a) x blocks(b).
    versions, options, notes = enforce(versions, options, on_large, limits or DEFAULT_LIMITS)
    found = [*findings, *planned.findings, *notes]
    extras = {"guards": [f.to_dict() for f in found]} if found else {}
    return compare_versions(versions, base, options, report, stop, started, done=n, total=total,
                            extras=extras)


def _renumber(v: Version, k: int) -> Version:
    return v if v.id == k else replace(v, id=k)


@gc_paused()
def compare_versions(versions: list[Version], base: int, options: Options,
                     report: Progress, stop: Callable[[], bool], started: float,
                     done: int = 0, total: int | None = None,
                     extras: dict[str, Any] | None = None) -> Comparison:
    """Align already split versions (used by `compare` and by sentence mode)."""
    n = len(versions)
    total = total or done + n * (n - 1) // 2 + 1
    corpus = Corpus(versions, options)
    reuse = ReuseIndex(versions, keys=[[f.keys for f in vf.blocks] for vf in corpus.features])
    pairs: list[Pair] = []
    todo = [(a, b) for a in range(n) for b in range(a + 1, n)]
    if stop():
        raise Cancelled()
    with AlignedPairs(corpus, reuse, versions, options, on_demand, todo) as aligned:  # on several cores where it pays
        for aligned_pair in aligned:
            pairs.append(aligned_pair)
            done += 1
            report(done, total, f"aligned {versions[aligned_pair.a].name} with {versions[aligned_pair.b].name}")
            if stop():
                raise Cancelled()
    index = {(p.a, p.b): p for p in pairs}

    def pair(x: int, y: int) -> Pair:
        if (x, y) not in index:
            index[(x, y)] = index[(y, x)].swapped()
        return index[(x, y)]

    rows = build_rows([len(v.blocks) for v in versions], base, pair)
    report(total, total, "done")
    return Comparison(tuple(versions), base, tuple(pairs), rows, options,
                      time.perf_counter() - started, extras or {}, on_demand)
