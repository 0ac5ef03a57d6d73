"""Report writers: one function per output format, all reading one `Comparison`.

`WRITERS[fmt](comparison) -> str | bytes`. The CLI and the window's Export both go
through `render`, so a report looks the same whichever wrote it. Writers that need
optional libraries import them inside the function: the PDF writer (`.pdf`) prints
the HTML report with Qt, imported only then, so `import engine` never imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import StorydiffError
from ..model import Comparison
from .html_report import to_html
from .json_report import to_json
from .markdown_report import to_markdown
from .pdf import to_pdf
from .text_report import to_text

Writer = Callable[[Comparison], "str | bytes"]


WRITERS: dict[str, Writer] = {"text": to_text, "json": to_json, "html": to_html, "md": to_markdown,
                              "markdown": to_markdown, "pdf": to_pdf}


def render(comparison: Comparison, fmt: str) -> str | bytes:
    """The report of `comparison` in format `fmt`."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise StorydiffError(f"unknown report format {fmt!r} (choose from {', '.join(sorted(WRITERS))})") from None
    return writer(comparison)
