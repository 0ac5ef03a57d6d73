"""Cutting text into sentences with exact character offsets, and sentence-mode versions.

`split_sentences(text)` returns `(start, end)` spans such that `text[start:end]` is one
sentence: spans are in order, never overlap, never start or end with white space,
and together hold every non-space character of the text. It is a rule-based
splitter tuned for news copy; the rules that keep a full stop from ending a
sentence are:

* no white space after it (decimals "3.5", "$1.2bn", web addresses);
* the next word starts in lower case ("e.g. this", '"Stop!" he said');
* it closes a title that stands before a name ("Mr.", "Gen.", "Sen.", "Dr.");
* it closes an abbreviation followed by a number ("No. 5", "Jan. 19", "Fig. 2");
* it closes an initial or a dotted acronym ("John F. Kennedy", "U.S. officials"),
  unless the next word is one that opens sentences ("...in the U.S. The talks").

Closing quotes and brackets after the stop stay with the sentence they end. A blank
line always ends a sentence, and so do the full-width stops of Chinese and Japanese.

`sentence_versions(versions)` turns paragraph blocks into sentence blocks for
`Options.unit == "sentence"`: the comparison then aligns sentences, which matters
for heavy rewrites that split and recombine paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import BYLINE, CHROME_KINDS, HEADING, TITLE, Block, Version
from .textnorm import _ASCII_GAPS, STOPWORDS, ascii_words, collapse_ws, word_keys

# Titles and ranks that stand before a name: never the end of a sentence.
_TITLES = frozenset(
    """mr mrs ms mx dr prof gen lt col maj capt cmdr adm brig sgt cpl pvt gov sen rep
    pres supt insp det rev hon fr sr jr st mt ft messrs mme mlle sra sr
    """.split()
)
# Abbreviations that are followed by a number rather than a name.
_BEFORE_NUMBER = frozenset(
    """no nos art fig figs p pp vol vols ch chap sec para jan feb mar apr jun jul aug sep
    sept oct nov dec ed eds approx est op""".split()
)
# Abbreviations that rarely end a sentence, whatever follows (lower case is handled anyway).
_NEVER_FINAL = frozenset("vs cf ie eg viz ca approx".split())

# A candidate end: stops, then closing quotes/brackets.
# Written so that every branch opens with a literal character: `re` then skips ahead to
# one of them instead of trying the pattern at every character. The same matches as
# (?:\.{3}|\u2026|[.!?]+), branch for branch, in the same order.
_END = re.compile(r"(?:\.\.\.|\u2026|\.[.!?]*|![.!?]*|\?[.!?]*)[\"'\u201d\u2019\u00bb)\]]*(?=\s)")
_CJK_END = re.compile(r"[\u3002\uff01\uff1f][\u300d\u300f\uff09\u201d]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v\u00a0]*\n|\r\n[ \t\f\v\u00a0]*\r\n")
_WORD_BEFORE = re.compile(r"([\w.'\u2019-]+)$")
# Quote marks and brackets opening the word before a stop, and initials ("F.", "U.S."):
# compiled once, as `_is_boundary` runs at every full stop of every block.
_OPENING_MARKS = re.compile(r"^[\"'\u201c\u2018(\[]+")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]|[A-Z]")
_NEXT = re.compile(r"\s+([\"'\u201c\u2018\u00ab(\[]*)(\S*)")
# Capitalised function words open sentences far more often than they continue a name.
_OPENERS = frozenset(w.capitalize() for w in STOPWORDS if w.isalpha()) | {"A", "I"}


_WORD_CHARS_TOO = frozenset("_.'\u2019-")  # besides letters and digits, in `_WORD_BEFORE`'s run


def _word_before(text: str, end: int) -> str:
    """The word right before the stop at `end`: the run that `_WORD_BEFORE` finds in
    text[:end] ("" if none), read backwards from the stop, as `re` cannot search
    backwards (a `$`-anchored search tries every start position before it)."""
    if end and text[end - 1] == "\n":  # `$` also matches before a final line break: the pattern
        lo = max(0, end - 64)  # (in a window first: searching the whole prefix is quadratic)
        before = _WORD_BEFORE.search(text, lo, end)
        if before and lo and before.start() == lo:
            before = _WORD_BEFORE.search(text, 0, end)
        return before.group(1) if before else ""
    k = end
    while k and (text[k - 1].isalnum() or text[k - 1] in _WORD_CHARS_TOO):  # `\w` is isalnum() or "_"
        k -= 1
    return text[k:end]


def _is_boundary(text: str, stop_start: int, end: int) -> bool:
    """Does the candidate stop text[stop_start:end] end a sentence?"""
    nxt = _NEXT.match(text, end)
    if not nxt:
        return True  # only white space follows
    opener, word = nxt.group(1), nxt.group(2)
    if not word and not opener:
        return True
    first = word[:1]
    if first and first.islower():
        return False
    punct = text[stop_start:end]
    if not punct.startswith(".") or punct.startswith("..."):
        return True  # "!", "?", ellipsis: only lower case continues
    token = _word_before(text, stop_start)
    if not token:
        return True
    bare = token.rstrip(".").lower()
    if punct != ".":
        return True  # '."' or '.)': the quote or bracket closes a sentence
    if bare in _TITLES and first and not opener:
        return False
    if bare in _BEFORE_NUMBER and first.isdigit():
        return False
    if bare in _NEVER_FINAL:
        return False
    # Initials and dotted acronyms: "F.", "U.S.", "a.m." (a.m. is lower case: its own rule).
    if _INITIALS.fullmatch(_OPENING_MARKS.sub("", token)):
        return word.rstrip(",;:") in _OPENERS or bool(opener)
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`; see the module docstring for the rules."""
    cuts: set[int] = set()
    for m in _END.finditer(text):
        if _is_boundary(text, m.start(), m.end()):
            cuts.add(m.end())
    for m in _CJK_END.finditer(text):
        cuts.add(m.end())
    for m in _PARAGRAPH_BREAK.finditer(text):
        cuts.add(m.start())
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
        start = max(start, cut)
    return spans


def sentence_keys(text: str) -> list[tuple[str, ...]]:
    """`word_keys` of each sentence of `text` (one collapsed block of text), in order.

    Same as `[word_keys(text[s:e]) for s, e in split_sentences(text)]`. For ASCII text,
    folding keeps every offset (only case and the backtick change), so the words are
    searched in the whole folded block between each sentence's offsets instead of
    folding each sentence again. Sentences end at white space, so no word straddles
    two of them.
    """
    spans = split_sentences(text)
    if not text.isascii() or collapse_ws(text) != text:
        return [word_keys(text[s:e]) for s, e in spans]
    if "'" not in text and "`" not in text:
        # Without apostrophes a word is a run of letters and digits: the block's own word
        # keys (cached: its version counted them) cut where each sentence's run count ends.
        keys = word_keys(text)
        gaps = text.encode("ascii").translate(_ASCII_GAPS)
        out, at = [], 0
        for s, e in spans:
            n = len(gaps[s:e].split())
            out.append(keys[at:at + n])
            at += n
        if at == len(keys):
            return out
    folded = text.replace("`", "'").lower()
    return [tuple(ascii_words(folded[s:e])) for s, e in spans]


def block_sentences(block: Block) -> list[tuple[int, int]]:
    """Sentence spans of a block, as offsets into its version's text."""
    return [(block.start + s, block.start + e) for s, e in split_sentences(block.text)]


def _whole(block: Block) -> bool:
    # Headlines, section headings and site chrome are one unit each, whatever their stops.
    return block.kind in (TITLE, HEADING, BYLINE) or block.kind in CHROME_KINDS


def sentence_blocks(version: Version) -> tuple[Block, ...]:
    """The version's blocks cut into sentences (kinds inherited, offsets into version.text)."""
    out: list[Block] = []
    for b in version.blocks:
        spans = [(b.start, b.end)] if _whole(b) else block_sentences(b)
        if len(spans) <= 1:
            out.append(replace(b, index=len(out)))
            continue
        for s, e in spans:
            raw = version.text[s:e]
            shown = collapse_ws(raw)
            out.append(Block(index=len(out), kind=b.kind, start=s, end=e, text=raw,
                             display=shown, words=len(word_keys(shown))))
    return tuple(out)


def sentence_versions(versions: list[Version]) -> list[Version]:
    """Each version with its blocks replaced by sentence blocks (same id, name and text)."""
    return [replace(v, blocks=sentence_blocks(v)) for v in versions]


def paragraph_of(version: Version, start: int) -> int | None:
    """Index of the paragraph-mode block of `version` holding offset `start` (None if none)."""
    for b in version.blocks:
        if b.start <= start < b.end:
            return b.index
    return None
