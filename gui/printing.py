"""Printing a comparison to PDF: the engine's PDF report (`engine.reports.pdf`).

The window's Export and the command line print through the same code; this
module keeps the names the window calls.
"""

from __future__ import annotations

from engine.reports.pdf import ensure_app as _ensure_app
from engine.reports.pdf import pdf_bytes, write_pdf

__all__ = ["pdf_bytes", "write_pdf", "_ensure_app"]
