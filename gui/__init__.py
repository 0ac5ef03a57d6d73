"""Storydiff's desktop window (PySide6).

The window only reads the engine's immutable `Comparison` and the engine's shared
cell reading (`engine.analysis.cells`); it never re-derives alignment itself.
"""

__all__ = ["RESOURCES"]

from pathlib import Path

from engine.reports import qt_fix as pyside_fix

pyside_fix.apply()  # before any Qt painting: see the module for the PySide6 6.12 bug it avoids

# Works for an editable checkout, an installed wheel and a PyInstaller bundle alike,
# because `resources/` always sits next to the `gui` package.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
