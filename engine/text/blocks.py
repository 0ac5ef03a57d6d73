"""Splitting a decoded text into blocks with character offsets.

Two layouts occur in the wild and often in one archive:

* one paragraph per line (web copy pasted into a file, most CMS exports), possibly
  with blank lines between paragraphs;
* hard-wrapped paragraphs (e-mail, wire feeds, Markdown) whose lines are joined
  until a blank line.

A group of consecutive non-blank lines is treated as hard-wrapped when its lines
(all but the last) fill most of the file's wrap width; otherwise every line is its
own block. Lines holding only white space (no-break spaces and zero-width spaces
too) are blank. Markdown headings (`#`), quotes and list items always start a block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..io.block_text import CAPTION_MARK
from ..model import CAPTION, Block, BlockKind, Version
from .classify import classify
from .textnorm import collapse_ws, word_keys
from .wire import slug_time, wire_spans

_NEWLINE = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x1c|\x1d|\x1e|\x85")
_BLANK_EXTRA = "\u200b\ufeff\u2060"
_STARTS_BLOCK = re.compile(r"\s{0,3}(?:#{1,6}\s|>|[-*+]\s|\d{1,3}[.)]\s|```)")
_SETEXT = re.compile(r"\s{0,3}(=+|-+)\s*$")
# A wrap width above this means lines are paragraphs, not hard-wrapped lines.
_MAX_WRAP_WIDTH = 110
_MIN_WRAP_WIDTH = 30


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    markdown_heading: int = 0  # ATX/setext level, 0 when not a Markdown heading
    kind: str | None = None  # a kind fixed by the layout (wire header, byline, sign-off)


def _is_blank(line: str) -> bool:
    return not line.strip().strip(_BLANK_EXTRA).strip()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with white space."""
    while start < end and (text[start].isspace() or text[start] in _BLANK_EXTRA):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _BLANK_EXTRA):
        end -= 1
    return start, end


def _line_groups(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The non-blank lines, (start, end) each, and the index in that list where each
    blank-line separated group begins. Blank lines are never stored: 5 MB of them
    held a tuple each (a 1 GB peak)."""
    nonblank: list[tuple[int, int]] = []
    group_starts: list[int] = []
    previous_blank = True
    pos = 0
    for m in _NEWLINE.finditer(text):
        if _is_blank(text[pos:m.start()]):
            previous_blank = True
        else:
            if previous_blank:
                group_starts.append(len(nonblank))
            nonblank.append((pos, m.start()))
            previous_blank = False
        pos = m.end()
    if not _is_blank(text[pos:]):
        if previous_blank:
            group_starts.append(len(nonblank))
        nonblank.append((pos, len(text)))
    return nonblank, group_starts


def split_spans(text: str, markdown: bool = False) -> list[Span]:
    """Block spans of `text`: start/end offsets of each paragraph-like unit."""
    nonblank, group_starts = _line_groups(text)
    if not nonblank:
        return []
    lengths = sorted(len(text[s:e].strip()) for s, e in nonblank)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    # Hard wrapping shows as several blank-line separated groups, some of several lines,
    # all lines within a typical terminal/e-mail width. A file without blank lines is
    # one paragraph per line.
    bounds = [*group_starts, len(nonblank)]
    groups = len(group_starts)
    multi = sum(1 for a, b in zip(bounds, bounds[1:]) if b - a >= 2)
    wrapped_file = _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH and groups >= 2 and multi >= 1
    # Hard-wrapped without any blank line (e-mailed copy, old archives): most lines fill
    # the wrap width and the short ones end sentences. Paragraphs end at those short
    # lines and before indented lines (see _paragraphs_by_shape).
    unbroken = not wrapped_file and groups == 1 and _wrapped_without_blanks(text, nonblank, width)
    if unbroken:
        return _paragraphs_by_shape(text, nonblank, width)

    spans: list[Span] = []
    group: list[tuple[int, int]] = []

    def flush() -> None:
        if not group:
            return
        current: list[tuple[int, int]] = []
        for k, (s, e) in enumerate(group):
            line = text[s:e]
            if current and _STARTS_BLOCK.match(line):
                _emit(current)
                current = []
            if markdown and current and _SETEXT.match(line) and len(current) == 1:
                level = 1 if line.strip().startswith("=") else 2
                st, en = _trim(text, current[0][0], current[0][1])
                spans.append(Span(st, en, level))
                current = []
                continue
            current.append((s, e))
            heading = re.match(r"\s{0,3}(#{1,6})\s", line)
            last = k == len(group) - 1
            soft = (
                wrapped_file
                and not heading
                and not last
                and len(line.strip()) >= 0.6 * width
            ) or (not last and not heading and _continues(line, text[group[k + 1][0]:group[k + 1][1]]))
            if not soft:
                _emit(current, len(heading.group(1)) if heading else 0)
                current = []
        if current:
            _emit(current)

    def _emit(chunk: list[tuple[int, int]], level: int = 0) -> None:
        st, en = _trim(text, chunk[0][0], chunk[-1][1])
        if st < en:
            spans.append(Span(st, en, level))

    for a, b in zip(bounds, bounds[1:]):
        group = nonblank[a:b]
        flush()
    return spans


def _wrapped_without_blanks(text: str, lines: list[tuple[int, int]], width: int) -> bool:
    """One block of lines that is hard-wrapped prose: a terminal-like width, and at least
    two thirds of the lines fill it (lines of a one-paragraph-per-line file vary)."""
    if len(lines) < 6 or not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return False
    full = sum(1 for s, e in lines if len(text[s:e].strip()) >= 0.75 * width)
    if full < 0.6 * len(lines):
        return False
    # Wrapped lines break between words: a full line rarely ends a sentence.
    ends = sum(1 for s, e in lines if len(text[s:e].strip()) >= 0.75 * width
               and text[s:e].rstrip()[-1:] in ".!?\"\u201d")
    return ends <= 0.5 * full


def _paragraphs_by_shape(text: str, lines: list[tuple[int, int]], width: int) -> list[Span]:
    """Paragraphs of hard-wrapped text without blank lines: a paragraph ends at a line
    that ends a sentence well short of the wrap width, or before an indented line."""
    spans: list[Span] = []
    start: int | None = None
    indents = [len(text[s:e]) - len(text[s:e].lstrip()) for s, e in lines]
    base_indent = sorted(indents)[len(indents) // 2]
    for k, (s, e) in enumerate(lines):
        line = text[s:e]
        if start is not None and indents[k] > base_indent:
            st, en = _trim(text, start, lines[k - 1][1])
            if st < en:
                spans.append(Span(st, en))
            start = None
        if start is None:
            start = s
        short = len(line.strip()) < 0.75 * width
        if short and line.rstrip()[-1:] in ".!?:\"\u201d\u2019')" or k == len(lines) - 1 \
                or (short and _STARTS_BLOCK.match(line)):
            st, en = _trim(text, start, e)
            if st < en:
                spans.append(Span(st, en))
            start = None
    return spans


def _continues(line: str, nxt: str) -> bool:
    """A line broken mid-sentence: the next line goes on in lower case after no stop."""
    stripped = line.rstrip()
    nxt = nxt.lstrip()
    return bool(stripped) and bool(nxt) and stripped[-1] not in ".!?:;\"\u201d\u2019)" \
        and nxt[0].islower()


# TeX-style quotes of wire copy and old archives: ``like this'' and `this'.
_TEX_QUOTES = re.compile(r"``|''|`")
_TEX_SHOWN = {"``": "\u201c", "''": "\u201d", "`": "\u2018"}


def _display(raw: str, level: int, tex_quotes: bool = False) -> str:
    shown = collapse_ws(raw)
    if tex_quotes:
        shown = _TEX_QUOTES.sub(lambda m: _TEX_SHOWN[m.group()], shown)
    if level:
        shown = re.sub(r"^#{1,6}\s+", "", shown)
        shown = re.sub(r"\s+#+$", "", shown)
    return shown


def shown(version: Version, raw: str) -> str:
    """A slice of `version`'s text as the views show it: white space collapsed, and a wire
    story's ``TeX quotes'' as the curly quotes they stand for (as its blocks' `display`)."""
    return _display(raw, 0, "``" in version.text and "''" in version.text)


def build_version(vid: int, name: str, text: str, path: str | None = None,
                  encoding: str = "utf-8", fmt: str = "text", published: str | None = None) -> Version:
    """Split and classify `text` into a Version. Wire copy gives its own filing time
    (the slug line) when `published` is not known."""
    wire = wire_spans(text) if fmt == "text" else None
    if wire is not None:
        spans = [Span(w.start, w.end, 0, w.kind) for w in wire]
    else:
        spans = split_spans(text, markdown=fmt == "markdown")
        if fmt == "html":  # captions the page marked as such (engine.io.block_text)
            spans = [Span(sp.start, sp.end, sp.markdown_heading, CAPTION) if sp.start and
                     text[sp.start - 1] == CAPTION_MARK else sp for sp in spans]
    # ``TeX quotes'' (wire copy) are shown as the curly quotes they stand for.
    tex = "``" in text and "''" in text
    displays = [_display(text[sp.start:sp.end], sp.markdown_heading, tex) for sp in spans]
    kinds = classify(displays, [sp.markdown_heading for sp in spans], [sp.kind for sp in spans])
    blocks = tuple(
        Block(index=i, kind=BlockKind(kinds[i]), start=sp.start, end=sp.end, text=text[sp.start:sp.end],
              display=displays[i], words=len(word_keys(displays[i])))
        for i, sp in enumerate(spans)
    )
    if published is None and wire is not None:
        filed = slug_time(text)
        published = filed.isoformat() if filed else None
    return Version(id=vid, name=name, path=path, text=text, encoding=encoding, blocks=blocks, fmt=fmt,
                   published=published)
