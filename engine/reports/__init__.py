"""Report writers: one function per output format, all reading one `Comparison`.

`WRITERS[fmt](comparison) -> str | bytes`. The CLI and the window's Export both go
through `render`, so a report looks the same whichever wrote it. Writers that need
optional libraries import them inside the function: the PDF writer prints the HTML
report with Qt, and `import engine` must never import Qt.
"""

from __future__ import annotations

from typing import Callable

from ..errors import StorydiffError
from ..model import Comparison
from .html_report import to_html
from .json_report import to_json
from .markdown_report import to_markdown
from .text_report import to_text

Writer = Callable[[Comparison], "str | bytes"]


def to_pdf(comparison: Comparison) -> bytes:
    """The HTML report printed to PDF by Qt (imported only now)."""
    try:
        from gui.printing import pdf_bytes
    except ImportError as e:  # PySide6 missing or its system libraries absent
        raise StorydiffError(f"PDF reports need Qt (PySide6), which cannot be loaded here: {e}") from None
    return pdf_bytes(comparison)


WRITERS: dict[str, Writer] = {"text": to_text, "json": to_json, "html": to_html, "md": to_markdown,
                              "markdown": to_markdown, "pdf": to_pdf}


def render(comparison: Comparison, fmt: str) -> str | bytes:
    """The report of `comparison` in format `fmt`."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise StorydiffError(f"unknown report format {fmt!r} (choose from {', '.join(sorted(WRITERS))})") from None
    return writer(comparison)
