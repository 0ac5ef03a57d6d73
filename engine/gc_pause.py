"""Pausing Python's cyclic garbage collector while a comparison runs.

A comparison makes millions of small objects that form no reference cycles (word-key
tuples, term sets, candidates, links); reference counting frees them as it goes. The
cyclic collector still walks every live object at each full collection: on two 1 MB
versions that was 0.3 s of 1.3 s, and it found nothing to free. So `compare` and
`Comparison.materialize` run with it paused, and it resumes after as the caller had it
(its next collection takes any cycles made meanwhile). The switch is process-wide: while
a worker thread compares, other threads run without cyclic collection too, for seconds.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block (or, as a decorator, the function) with the cyclic collector off.

    Nests: only the outermost pause turns it back on, and only if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
