"""Work around a reference-counting bug of PySide6 6.12 on Python 3.11.

Measured here: with PySide6 6.12.0 on CPython 3.11, every call of a Qt method that
returns nothing (QPainter.drawLine, QWidget.update, QRect.setX, ...) takes one
reference from `None` without having given one. `None` is not immortal before
Python 3.12, so after a few thousand such calls (a few dozen repaints of the table)
the interpreter aborts with "Fatal Python error: none_dealloc".

The workaround gives `None` a vast reference count once, which is what Python 3.12
does by making it immortal. It is applied only when the bug is detected. It lives
in the engine because both Qt users need it: the PDF report (engine.reports.pdf,
also run by `storydiff-cli --format pdf` without the window) and the window
(gui/__init__.py), and the engine never imports the gui. PySide6 is imported only
when `apply` runs.
"""

from __future__ import annotations

import ctypes
import sys

_applied = False


def none_leaks() -> bool:
    """True if void Qt calls take references from None in this Python/PySide6 pair."""
    from PySide6.QtCore import QRect

    r = QRect()
    before = sys.getrefcount(None)
    for _ in range(16):
        r.setX(1)
    return sys.getrefcount(None) <= before - 16


def apply() -> bool:
    """Make None effectively immortal if needed; True if the fix was applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if none_leaks():
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
        _applied = True
    return _applied
