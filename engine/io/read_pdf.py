"""The text layer of a PDF, with paragraphs and headings rebuilt from the layout.

A PDF knows lines, not paragraphs. pypdf extracts each page's lines; a visitor
records where each line stands and how large its type is. A paragraph ends where
the gap to the next line is clearly wider than the page's usual line pitch, or the
type size changes; lines set larger than the body text are headings (the largest
on the first page leads as the headline). A paragraph that runs over a page break
is joined again when the page ends mid-sentence.

A PDF with pages but no text is a scanned image: that is a one-line InputError
asking for OCR, not an empty version. Encrypted and damaged files get their own
one-line errors.

A PDF may come from a stranger, so reading it has budgets: at most `MAX_PAGES`
pages, `MAX_CHARS` extracted characters (the comparison's own limit, counted as
the text comes), `MAX_STREAM` bytes per decompressed stream (pypdf's limits,
lowered), and `SECONDS` of extraction. Over any of them the file is refused in one
line within seconds, before the text is kept. Joining lines into paragraphs is one
pass over the lines.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import Cancelled, InputError
from ..interrupt import poll
from .block_text import join_blocks

# Ligatures undone; control characters (a font without a Unicode map yields its raw
# glyph codes: NUL, 0x03...) dropped, as no text format carries them (found by fuzzing).
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\t": " ",
                            **{chr(c): None for c in [*range(0, 9), 11, *range(14, 32), 127]}})
_WS = re.compile(r"[ \t\r\f\v]+")
_SENTENCE_END = tuple(".!?:;\"\u201d\u2019)")
_HYPHENATED = re.compile(r"[^\W\d_][-\u00ad]$")

MAX_PAGES = 2_000  # a news article is a few pages; a 2,000-page book is not one
MAX_CHARS = 6_000_000  # as guards.Limits.max_chars
MAX_STREAM = 16_000_000  # bytes one decompressed stream may reach (pypdf's default: 75 MB)
SECONDS = 8.0


class _OverBudget(Exception):
    """Raised from inside pypdf's text visitor: the problem, for the one-line error."""


@dataclass
class Line:
    page: int
    y: float
    size: float
    text: str


class _Budget:
    """Characters and time spent so far; `spend` raises _OverBudget when either runs out."""

    def __init__(self) -> None:
        self.chars = 0
        self.deadline = time.monotonic() + SECONDS

    def spend(self, chars: int) -> None:
        poll()  # the user's Cancel, between pieces of text
        self.chars += chars
        if self.chars > MAX_CHARS:
            raise _OverBudget(f"is too large to compare (its text runs past {MAX_CHARS:,} characters): "
                              "split it or compare an excerpt")
        if time.monotonic() > self.deadline:
            raise _OverBudget(f"is too complex to read (its text takes over {SECONDS:.0f} s to extract)")


def _page_lines(page, number: int, budget: _Budget | None = None) -> list[Line]:
    """The lines of one page in reading order, each with its height on the page and type size."""
    lines: list[Line] = []
    current: list[str] = []
    where: list[tuple[float, float]] = []

    def close() -> None:
        text = _WS.sub(" ", "".join(current).translate(_LIGATURES)).strip()
        if text:
            y, size = where[0] if where else (0.0, 0.0)
            lines.append(Line(number, y, size, text))
        current.clear()
        where.clear()

    def visit(text, cm, tm, font_dict, font_size) -> None:
        if not text:
            return
        if budget is not None:
            budget.spend(len(text))
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                close()
            if piece.strip():
                # The text origin in page space: the text matrix moved by the current transformation.
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                where.append((y, float(font_size or 0) * (scale or 1.0)))
            current.append(piece)

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _body_size(lines: list[Line]) -> float:
    weights: dict[float, int] = {}
    for ln in lines:
        key = round(ln.size, 1)
        weights[key] = weights.get(key, 0) + len(ln.text)
    return max(weights, key=weights.__getitem__) if weights else 0.0


def pdf_blocks(lines: list[Line]) -> list[tuple[int, str]]:
    """(heading level, text) blocks from positioned lines."""
    if not lines:
        return []
    body = _body_size(lines) or 1.0
    # The usual pitch between consecutive lines of body text on one page.
    pitches = [abs(b.y - a.y) for a, b in zip(lines, lines[1:])
               if a.page == b.page and abs(a.size - body) < 0.1 * body and abs(b.size - body) < 0.1 * body
               and abs(b.y - a.y) > 0.3 * body]
    pitch = statistics.median(pitches) if pitches else 1.2 * body
    heading_sizes = sorted({round(ln.size, 1) for ln in lines if ln.size > 1.15 * body}, reverse=True)

    def level(ln: Line) -> int:
        key = round(ln.size, 1)
        return heading_sizes.index(key) + 2 if key in heading_sizes else 0

    blocks: list[list] = []  # [level, texts, last line]
    for ln in lines:
        lv = level(ln)
        prev = blocks[-1] if blocks else None
        if prev is not None:
            last: Line = prev[2]
            same_size = abs(last.size - ln.size) < 0.1 * max(last.size, ln.size, 1.0)
            if last.page == ln.page:
                joined = same_size and abs(ln.y - last.y) < 1.4 * pitch * max(1.0, ln.size / body)
            else:  # a page break mid-sentence, continuing in lower case
                joined = same_size and not lv and not last.text.endswith(_SENTENCE_END) \
                    and ln.text[:1].islower()
            if joined and prev[0] == lv:
                prev[1].append(ln.text)
                prev[2] = ln
                continue
        blocks.append([lv, [ln.text], ln])
    out: list[tuple[int, str]] = []
    for lv, texts, _ in blocks:
        # One join per block: lines are looked at, never the text built so far (linear time).
        parts = [texts[0]]
        for prev, t in zip(texts, texts[1:]):
            # A line ending in a hyphen after a letter joins the next without a space ("well-known").
            if not (_HYPHENATED.search(prev[-2:]) and t[:1].islower()):
                parts.append(" ")
            parts.append(t)
        out.append((lv, "".join(parts).replace("\u00ad", "")))
    # The headline: the first block when it is the largest type on the page.
    if out and out[0][0] == 2:
        out[0] = (1, out[0][1])
    return out


def read_pdf(path: Path, data: bytes) -> tuple[str, str, str]:
    name = str(path)
    try:
        import pypdf
    except ImportError:
        raise InputError(name, "reading PDF files needs the pypdf package (pip install pypdf)") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # recoverable damage is not the user's business
    budget = _Budget()
    try:
        with _stream_limits(pypdf):
            lines, pages = _read_lines(pypdf, data, name, budget)
    except (InputError, Cancelled):
        raise
    except _OverBudget as e:
        raise InputError(name, str(e)) from None
    except MemoryError:
        raise InputError(name, "is too large to read (it ran out of memory)") from None
    except Exception as e:  # pypdf raises many kinds on broken files; none may crash the app
        if type(e).__name__ == "LimitReachedError":
            raise InputError(name, "is too large to read (a stream in it unpacks past "
                                   f"{MAX_STREAM / 1e6:.0f} MB)") from None
        raise InputError(name, f"is a damaged or unreadable PDF ({type(e).__name__})") from None
    if not lines:
        if pages:
            raise InputError(name, f"has no text layer ({pages} page{'s' if pages != 1 else ''} of images, "
                                   "a scan?); run OCR on it first")
        raise InputError(name, "is a PDF without pages")
    return join_blocks(pdf_blocks(lines)), "pdf", "pdf"


def _stream_limits(pypdf):
    """pypdf's own decompression limits, lowered to ours (pypdf 6+ has a Configuration)."""
    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        return contextlib.nullcontext()
    limits = {"zlib_maximum_output_length": MAX_STREAM, "lzw_maximum_output_length": MAX_STREAM,
              "run_length_maximum_output_length": MAX_STREAM, "maximum_declared_stream_length": MAX_STREAM,
              "array_based_stream_maximum_output_length": MAX_STREAM,
              "stream_decoding_work_maximum_length": 4 * MAX_STREAM}
    known = getattr(pypdf.get_configuration(), "__dataclass_fields__", {})
    return apply(**{k: v for k, v in limits.items() if k in known})


def _read_lines(pypdf, data: bytes, name: str, budget: _Budget) -> tuple[list[Line], int]:
    """Positioned lines of every page, within the page, character and time budget."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise InputError(name, "is a password-protected PDF; save an unprotected copy to compare it")
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise InputError(name, f"is too large to compare ({pages:,} pages; Storydiff reads PDFs of up "
                                   f"to {MAX_PAGES:,} pages): split it or compare an excerpt")
        lines: list[Line] = []
        for k, page in enumerate(reader.pages):
            budget.spend(0)  # the clock, between pages too
            lines.extend(_page_lines(page, k, budget))
    except RecursionError:
        raise InputError(name, "is a damaged or unreadable PDF (nested too deeply)") from None
    return lines, pages
