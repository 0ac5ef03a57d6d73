"""Cancelling a read in progress: the caller's cancel check, polled inside the readers.

`compare` and `load_versions` take a `cancel()` callable and poll it between files
and steps. A reader deep inside a PDF, a zip or a named pipe cannot take it through
every layer of pypdf or expat, so it is installed for the current thread while a
file is read (`cancellable`), and the readers' budget loops call `poll()`, which
raises `Cancelled` as soon as the user has asked to stop (the window's Cancel button
works during a slow read, not only between files).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .errors import Cancelled

_local = threading.local()


@contextmanager
def cancellable(cancel: Callable[[], bool] | None) -> Iterator[None]:
    """Make `poll()` in this thread consult `cancel` until the block ends."""
    previous = getattr(_local, "cancel", None)
    _local.cancel = cancel
    try:
        yield
    finally:
        _local.cancel = previous


def poll() -> None:
    """Raise `Cancelled` if the current thread's caller asked to stop."""
    cancel = getattr(_local, "cancel", None)
    if cancel is not None and cancel():
        raise Cancelled()
