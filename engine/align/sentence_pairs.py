"""Sentence by sentence inside one link: which sentence of one side became which of the other.

A paraphrased or joined link says "these paragraphs tell the same thing"; its word
diff strikes nearly all of one and inserts nearly all of the other, which hides a
"today" that became "yesterday". `align_sentences` pairs the sentences of the two
sides instead, each pair with its own word diff and its own name from the one
vocabulary (identical, edited, paraphrased; a sentence with no partner is dropped
or added), so a view can show the small changes inside a rewrite.

The pairing keeps reading order: a dynamic programme over both sides' sentences
takes 1:1 pairs, and 2:1 or 1:2 where a rewrite joined two sentences into one or
split one in two, maximising the words explained (a pair's score times its length).
Sentences left over on both sides are then paired when they still match well:
a sentence moved within the paragraph (flagged `moved`). A pair's score is the
larger of its words' share in order (LCS) and its shared content terms (Dice), the
same two measures a link's match score takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import DELETE, EDITED, IDENTICAL, INSERT, PARAPHRASED, Diff, Options
from ..text.sentences import split_sentences
from ..text.textnorm import collapse_ws, content_terms, fold, word_keys
from ..vocabulary import ADDED, DROPPED
from .bounded_diff import bounded_lcs
from .inline_diff import word_diff
from .relation import _is_edit
from .thresholds import JOIN_MARGIN, MOVED_MIN, PAIR_MIN, PAIR_MIN_SHARED

# Sentence pairs the programme scores at most (40 x 40): a longer link (a coarsened section)
# gets no sentence alignment, and its view shows the plain word diff instead.
MAX_CELLS = 1600
DEFAULT = Options()


@dataclass(frozen=True)
class SentencePair:
    """One row of a sentence alignment: the sentence(s) of side a, of side b, and how they differ."""

    text_a: str  # '' when side b added the sentence
    text_b: str  # '' when side b dropped it
    relation: str  # identical / edited / paraphrased / dropped / added (engine.vocabulary)
    score: float
    diff: Diff
    moved: bool = False


@dataclass(frozen=True)
class _Unit:
    text: str
    keys: tuple[str, ...]
    terms: frozenset[str]


def _units(text: str) -> list[_Unit]:
    """The sentences of `text`; a line break (a block boundary of a joined link) always ends one."""
    out = []
    for line in text.split("\n"):
        for s, e in split_sentences(line):
            shown = collapse_ws(line[s:e])
            keys = word_keys(shown)
            out.append(_Unit(shown, keys, frozenset(content_terms(keys))))
    return out


def _join(units: list[_Unit]) -> _Unit:
    return _Unit(" ".join(u.text for u in units), tuple(k for u in units for k in u.keys),
                 frozenset().union(*(u.terms for u in units)))


def _score(x: _Unit, y: _Unit) -> float:
    """How alike two sentences are, 0..1 (0 when they share too little to be one sentence)."""
    if not x.keys or not y.keys:
        return 0.0
    lcs, _ = bounded_lcs(x.keys, y.keys)
    order = 2 * lcs / (len(x.keys) + len(y.keys))
    shared = x.terms & y.terms
    dice = 2 * len(shared) / (len(x.terms) + len(y.terms)) if x.terms or y.terms else 0.0
    if len(shared) < PAIR_MIN_SHARED and order < 0.5:
        return 0.0
    return max(order, dice)


def _best_path(a: list[_Unit], b: list[_Unit]) -> list[tuple[list[int], list[int], float]]:
    """Rows in reading order: (indices of a, indices of b, score); one side empty for a lone sentence."""
    na, nb = len(a), len(b)
    best = [[0.0] * (nb + 1) for _ in range(na + 1)]
    step: list[list[tuple[int, int, float] | None]] = [[None] * (nb + 1) for _ in range(na + 1)]
    for i in range(na + 1):
        for j in range(nb + 1):
            if i == 0 and j == 0:
                continue
            options: list[tuple[float, tuple[int, int, float]]] = []
            if i:
                options.append((best[i - 1][j], (1, 0, 0.0)))
            if j:
                options.append((best[i][j - 1], (0, 1, 0.0)))
            for di, dj in ((1, 1), (2, 1), (1, 2)):
                if i >= di and j >= dj:
                    x, y = _join(a[i - di:i]), _join(b[j - dj:j])
                    s = _score(x, y)
                    # Two sentences joined into one must match it better than either alone
                    # (a longer pair always explains more words, even with a poor match).
                    if di + dj == 3 and s < JOIN_MARGIN + max(
                            _score(a[i - 1], b[j - 1]), _score(a[i - di], b[j - dj])):
                        continue
                    if s >= PAIR_MIN:
                        options.append((best[i - di][j - dj] + s * (len(x.keys) + len(y.keys)), (di, dj, s)))
            best[i][j], step[i][j] = max(options, key=lambda o: o[0])
    rows = []
    i, j = na, nb
    while i or j:
        move = step[i][j]
        assert move is not None
        di, dj, s = move
        rows.append((list(range(i - di, i)), list(range(j - dj, j)), s))
        i, j = i - di, j - dj
    rows.reverse()
    return rows


def _relation(x: _Unit, y: _Unit, options: Options) -> str:
    def folded(u: _Unit) -> str:
        return fold(u.text, ignore_case=options.ignore_case, ignore_quotes=options.ignore_quotes,
                    ignore_punctuation=options.ignore_punctuation)

    if folded(x) == folded(y):
        return IDENTICAL
    lcs, _ = bounded_lcs(x.keys, y.keys)
    sim = 2 * lcs / (len(x.keys) + len(y.keys)) if x.keys and y.keys else 0.0
    contained = lcs / min(len(x.keys), len(y.keys)) if x.keys and y.keys else 0.0
    return EDITED if _is_edit(x.keys, y.keys, sim, contained) else PARAPHRASED


@lru_cache(maxsize=256)
def align_sentences(text_a: str, text_b: str, options: Options = DEFAULT) -> tuple[SentencePair, ...]:
    """The sentences of `text_a` and `text_b` (a link's two sides) paired in reading order;
    () when the sides hold too many sentences to pair (see MAX_CELLS)."""
    a, b = _units(text_a), _units(text_b)
    if len(a) * len(b) > MAX_CELLS:
        return ()
    rows: list[tuple[list[int], list[int], float, bool]] = [(ia, ib, s, False) for ia, ib, s in _best_path(a, b)]
    # Left over on both sides: a sentence moved within the paragraph. Its pair takes the
    # place of the side-b sentence (where this version reads it).
    lone_a = [k for k, r in enumerate(rows) if not r[1]]
    for k_b, r in enumerate(rows):
        if r[0] or not r[1]:
            continue
        y = _join([b[j] for j in r[1]])
        scored = [(_score(_join([a[i] for i in rows[k][0]]), y), k) for k in lone_a]
        s, k_a = max(scored, default=(0.0, -1))
        if s >= MOVED_MIN:
            rows[k_b] = (rows[k_a][0], r[1], s, True)
            rows[k_a] = ([], [], 0.0, False)
            lone_a.remove(k_a)
    out = []
    for ia, ib, s, moved in rows:
        if not ia and not ib:
            continue
        x, y = _join([a[i] for i in ia]), _join([b[j] for j in ib])
        if not ib:
            out.append(SentencePair(x.text, "", DROPPED, 0.0, ((DELETE, x.text),)))
        elif not ia:
            out.append(SentencePair("", y.text, ADDED, 0.0, ((INSERT, y.text),)))
        else:
            diff, _ = word_diff(x.text, y.text, granularity=options.granularity, ignore_case=options.ignore_case)
            out.append(SentencePair(x.text, y.text, _relation(x, y, options), round(s, 4), diff, moved))
    return tuple(out)
