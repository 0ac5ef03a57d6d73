"""Direct quotations in a version's blocks: where each stands, and which run on across paragraphs.

Readers meet quotations in many dresses: “curly”, "straight", ‘single’ and 'single'
(the style of several UK papers, where the same mark is also the apostrophe of
"don't" and "the players' union"), «guillemets», and the ``TeX quotes'' of wire copy,
which `engine.text.blocks` already shows as curly quotes (a closing single quote of
wire copy stays a straight '). Double marks are paired first; single marks are read
outside double quotes only, each opening mark closing at the first mark that ends a
clause (after , . ! ?) before the next opening mark, else at the last candidate, so a
plural possessive inside a quote does not end it.

A paragraph that opens a quote and does not close it, followed by a paragraph that
opens with a quote mark, continues the same quotation (one `group`). Press releases
(GOV.UK) set quotations as paragraphs without marks after a line such as
"Jane Smith, Minister for X, said:"; those paragraphs are quotations too
(`marked=False`), with the paragraphs after them that go on in the first person.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .words import WORD

_D_OPEN, _D_CLOSE = "\u201c\u201e\u00ab", "\u201d\u00bb"
_DOUBLE_MARK = re.compile('["\u201c\u201e\u00ab\u201d\u00bb]')
_SINGLE_MARK = re.compile("['\u2019\u2018\u201a\u2039]")
_S_OPEN = "\u2018\u201a\u2039"
_OPEN_BEFORE = " \t\n([{\u2014\u2013-/:;\u201c\u2018\"'"
# "'em", "'n'", "'90s", "'til": elisions that open with an apostrophe.
_ELISION = re.compile(r"(?:em|n|til|cause|bout|twas|tis|\d\ds?)\b", re.I)


MAX_CHARS = 20_000  # a block longer than this is no paragraph of an article: its quotes are not read
MAX_MARKS = 400  # nor those of a block with more quote marks than this (hostile input stays linear)


@dataclass(frozen=True, slots=True)
class Segment:
    """One quoted span of one block: `start`/`end` are the words inside the marks."""

    block: int
    start: int
    end: int
    group: int
    marked: bool = True
    opened: bool = True  # the block holds the opening mark (not a run-on from the previous paragraph)
    closed: bool = True  # the block holds the closing mark


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _double_spans(text: str) -> tuple[list[tuple[int, int, bool, bool]], bool]:
    """Double-quoted spans (start, end, opened, closed) and whether the block starts inside
    a run-on quote (a closing mark before any opening one)."""
    spans: list[tuple[int, int, bool, bool]] = []
    inside: int | None = None
    leading_close = False
    for mark in _DOUBLE_MARK.finditer(text):
        i, ch = mark.start(), mark.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch == '"' and _is_word(prev) and _is_word(nxt):
            continue  # an inch mark or a typo inside a word
        if inside is None:
            closing_glyph = ch in _D_CLOSE or (ch == '"' and prev not in _OPEN_BEFORE and not nxt.isalnum())
            if closing_glyph and nxt.isalnum() and not text[:i].strip():
                closing_glyph = False  # a paragraph opening on a closing mark: wire copy's '' for ``
            if closing_glyph:
                if not spans and not leading_close:
                    leading_close = True
                    spans.append((0, i, False, True))
                continue
            inside = i + 1
        else:
            if ch in _D_OPEN and i > inside:
                spans.append((inside, i, True, False))  # a new opening: the last quote never closed
                inside = i + 1
                continue
            spans.append((inside, i, True, True))
            inside = None
    if inside is not None:
        spans.append((inside, len(text), True, False))
    return spans, leading_close


def _single_spans(text: str, taken: list[tuple[int, int, bool, bool]]) -> list[tuple[int, int, bool, bool]]:
    """Single-quoted spans outside the double ones (see the module docstring). Linear in the
    marks: a hostile block of thousands of them costs no more than reading it."""
    starts = [s - 1 for s, _, _, _ in taken]
    ends = [e for _, e, _, _ in taken]

    def outside(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k < 0 or i > ends[k]

    openers: list[int] = []
    closers: list[tuple[int, bool]] = []  # (offset, strong: ends a clause)
    for mark in _SINGLE_MARK.finditer(text):
        i, ch = mark.start(), mark.group()
        if not outside(i):
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if _is_word(prev) and _is_word(nxt):
            continue  # don't, O'Neill
        if ch in _S_OPEN or (prev in _OPEN_BEFORE and (_is_word(nxt) or nxt in "\u2026.")):
            if ch not in _S_OPEN and _ELISION.match(text, i + 1):
                continue
            openers.append(i)
        elif not _is_word(nxt) and (_is_word(prev) or prev in ".,!?;:\u2026-\u2014)"):
            closers.append((i, prev in ".,!?;:\u2026"))
    spans: list[tuple[int, int, bool, bool]] = []
    at = [c for c, _ in closers]
    strong_at = [c for c, strong in closers if strong]
    for k, o in enumerate(openers):
        limit = openers[k + 1] if k + 1 < len(openers) else len(text)
        if spans and o < spans[-1][1]:
            continue
        lo, hi = bisect_right(at, o), bisect_left(at, limit)
        if lo >= hi:  # no closing mark before the next opening one
            if k + 1 == len(openers):
                spans.append((o + 1, len(text), True, False))
            continue
        first_strong = bisect_right(strong_at, o)
        close = strong_at[first_strong] if first_strong < len(strong_at) and strong_at[first_strong] < limit \
            else at[hi - 1]
        spans.append((o + 1, close, True, True))
    return spans


def _outermost(spans: list[tuple[int, int, bool, bool]]) -> list[tuple[int, int, bool, bool]]:
    """Sorted spans less those inside another (a "title" inside a 'single quote' is the outer one's)."""
    out: list[tuple[int, int, bool, bool]] = []
    for sp in spans:
        if out and sp[1] <= out[-1][1]:
            continue
        out.append(sp)
    return out


def _has_words(text: str, s: int, e: int) -> bool:
    return WORD.search(text, s, e) is not None


_INTRO = re.compile(r"\b(?:said|says|added|adds|explained|commented|stated|continued|declared|warned|"
                    r"insisted|remarked|told\s[\w\s]{1,30})\s*:\s*$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I\u2019m|I've|I\u2019ve|I'd|I\u2019d|me|my|we|we're|we\u2019re|"
                           r"our|us)\b", re.I)
_MARKS = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb\u2018]")


def find_segments(displays: list[tuple[int, str, bool]]) -> list[Segment]:
    """Quoted segments of a version's blocks, given as (index, display, is_prose) in reading order.

    Only prose blocks (paragraphs) hold quotations that matter here; titles and headings
    are read too, but never continue a quote or start a run of unmarked ones."""
    out: list[Segment] = []
    group = -1
    run_on = False  # the previous prose block ended inside a quote
    unmarked = 0  # paragraphs left that may be unmarked quotations after "X said:"
    first = False  # the next paragraph is the first after "X said:"
    for index, text, prose in displays:
        if len(text) > MAX_CHARS or sum(text.count(m) for m in "\"'\u201c\u201d\u2018\u2019") > MAX_MARKS:
            run_on, unmarked = False, 0
            continue  # not an article's paragraph (a one-line file, marks by the thousand): no quotes read
        doubles, leading = _double_spans(text)
        singles = _single_spans(text, doubles)
        spans = _outermost(sorted(doubles + singles))
        spans = [sp for sp in spans if _has_words(text, sp[0], sp[1])]
        starts_quote = bool(spans) and spans[0][0] <= 1 + (len(text) - len(text.lstrip()))
        continues = prose and run_on and (leading or starts_quote)
        if prose and not spans and unmarked and not _INTRO.search(text) and text.strip() \
                and (first or _FIRST_PERSON.search(text)):
            group += first  # one quotation for the whole run after "X said:"
            out.append(Segment(index, 0, len(text), group, marked=False, opened=False, closed=False))
            unmarked -= 1
            first = run_on = False
            continue
        unmarked = 0
        for k, (s, e, opened, closed) in enumerate(spans):
            if not (k == 0 and continues):
                group += 1
            out.append(Segment(index, s, e, group, True, opened, closed))
        if prose:
            run_on = bool(spans) and not spans[-1][3]
            if _INTRO.search(text) and not _MARKS.search(text[-3:]):
                unmarked, first = 4, True  # the next paragraph is a quote; three more if they go on in the first person
    return out
