"""Aligning the blocks of two versions.

1. Candidates: block pairs whose weighted content overlap (Dice) or verbatim word
   order (normalised LCS, rapidfuzz's Indel) reach the link threshold, plus blocks
   whose folded text is equal. Site chrome only pairs with site chrome.
2. In-order links: the heaviest chain of candidates increasing in both versions
   (weighted longest increasing subsequence, O(k log k)).
3. Moves: the best remaining candidates, under a stricter threshold, whose blocks
   are both still free; they are flagged `moved`.
4. Merges and splits: a free block whose content sits inside an already linked
   block — and is not explained by that block's partner — joins the link
   (002 fuses two paragraphs of 001 into one: that block links to both).
5. Each link gets its relation (identical / edited / paraphrased), score and a
   word-level diff of the two sides.

The threshold follows `Options.sensitivity`. Independent reports of one event share
names and places in almost every paragraph; the rarity weights keep those from
linking paragraphs that state different facts, and a link also needs at least
two shared content terms.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Indel

from .bounded_diff import bounded_hunks, bounded_lcs
from ..model import EDITED, HEADING, IDENTICAL, PARAGRAPH, PARAPHRASED, Link, Options, Version
from .similarity import Corpus, dice
from ..text.textnorm import stem

# Below this Dice a pair is not even looked at.
_PRE = 0.12
# A link out of reading order (a move) needs this much more than the link threshold.
_MOVE_MARGIN = 0.08
# Same-fact sentences: looked for when some paragraph pair overlaps above _FACT_PRE;
# a sentence pair links its paragraphs at _FACT_MARGIN below the paragraph threshold.
_FACT_PRE = 0.05
_FACT_MARGIN = 0.10


def link_threshold(options: Options) -> float:
    """Score a pair needs to be linked in order; sensitivity 0.5 gives 0.40."""
    return 0.60 - 0.40 * options.sensitivity


# Versions that derive from each other (a rewrite and its wire story, two papers written
# from one wire) share many phrases even where they reword; independent reports of an
# event share names and a quote. Between kinship (shared 3-gram share, see
# Corpus.kinship) _KIN_LOW and _KIN_HIGH the link threshold eases by up to _KIN_EASE.
_KIN_LOW = 0.04
_KIN_HIGH = 0.08
_KIN_EASE = 0.25
# Near-copies (kinship above this) keep their paragraphs' wording: their overall
# overlap already says which is which, and the sentence check is skipped.
_BOOST_KINSHIP = 0.5
# Candidates scoring below this are checked for a sentence carried over whole.
_BOOST_BELOW = 0.8
# Best sentence-pair overlap that links a free paragraph wherever its partner stands.
_SENTENCE_JOIN = 0.25
# The same between versions that share no more wording than independent reports: only a
# sentence carried over nearly whole (a quoted statement) says where the paragraph went.
_SENTENCE_ALONE = 0.6
# How far kinship lowers the bar for pairs that share names but few other terms.
_NAMED_EASE = 0.45
# Filling a gap between in-order links: the bar eases by _GAP_EASE more, never below _GAP_FLOOR.
_GAP_EASE = 0.08
_GAP_FLOOR = 0.12
# Neighbouring links whose paragraphs share this much across (a sentence or the wording)
# become one 2:2 link: the rewrite moved a paragraph break.
_RESPLIT = 0.3


def derived_share(kinship: float) -> float:
    """0 for independent versions, 1 for versions that clearly derive from each other."""
    return min(1.0, max(0.0, (kinship - _KIN_LOW) / (_KIN_HIGH - _KIN_LOW)))


class _Cand(NamedTuple):  # a tuple: tens of thousands are made per comparison
    i: int
    j: int
    score: float
    movable: bool = False  # strong enough to be linked out of reading order


@dataclass
class _Group:
    a: list[int]
    b: list[int]
    moved: bool = False


def _verbatim(ka: tuple[str, ...], kb: tuple[str, ...]) -> tuple[float, float]:
    """(normalised LCS similarity, LCS / shorter length) of two word sequences."""
    if not ka or not kb:
        return 0.0, 0.0
    lcs, _ = bounded_lcs(ka, kb)  # exact unless two giant blocks differ all through (guards)
    return 2 * lcs / (len(ka) + len(kb)), lcs / min(len(ka), len(kb))


def _hunks(ka: tuple[str, ...], kb: tuple[str, ...]) -> int:
    """Number of separate changed places in a minimal word diff (memory-bounded, see guards)."""
    return bounded_hunks(ka, kb)


def _is_edit(ka: tuple[str, ...], kb: tuple[str, ...], sim: float, contained: float,
             names: frozenset[str] = frozenset()) -> bool:
    """Same wording with word-level changes (edited), as opposed to reworded (paraphrased).

    An edit adds or cuts text without rewording the rest (one side nearly all inside
    the other), or changes words in a few places: at most two, or at most one place
    per 20 words of a text that stays 90% the same. Two texts in the same frame (60%
    of the words in order) that state other numbers or names (`names`: stems of the
    corpus's names) or negate each other are edits too: "paraphrased" promises the same content, and the diff marks the facts. A rewrite that swaps phrases all
    through the paragraph is a paraphrase even when much of its wording survives.
    """
    if contained >= 0.9 and min(len(ka), len(kb)) >= 6:
        return True
    if sim < 0.6:
        return False
    if facts_differ(ka, kb, names):
        return True  # the same frame with other facts is not a paraphrase: an edit of them
    hunks = _hunks(ka, kb)
    return hunks <= 2 or (sim >= 0.9 and hunks <= 0.05 * max(len(ka), len(kb)))


_NEGATIONS = frozenset(("not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
                        "cannot", "n't", "didn't", "doesn't", "don't", "won't", "wouldn't", "isn't",
                        "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "couldn't", "shouldn't"))


# Titles are written capitalised but name nobody: "Mr" -> "Dr" is not another person.
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor",
                     "rev", "st", "judge", "president", "minister", "mayor", "councillor", "inspector"))
_FACT_SPAN = 3  # words: a longer insertion adds a statement, it does not change one
_FACT_MAX_WORDS = 2000  # beyond this the check is skipped (it is one diff per linked pair)


def facts_differ(ka: tuple[str, ...], kb: tuple[str, ...], names: frozenset[str] = frozenset()) -> bool:
    """Does one word sequence change the other's numbers or names, or negate what it says?

    Only short changes count ("12" -> "3", "would reopen" -> "would not reopen",
    "Mayor Lund" -> "Mayor Berg"): a sentence added with a "not" in it says something
    new, it contradicts nothing; a name dropped or added ("Mr Lund" -> "Lund") changes
    no fact. `names` are stems of words the corpus writes capitalised (people, places).
    """
    if max(len(ka), len(kb)) > _FACT_MAX_WORDS:
        return False
    set_a, set_b = set(ka), set(kb)

    def is_name(w: str) -> bool:
        return w not in _TITLES and stem(w) in names

    if not any(w in _NEGATIONS or any(ch.isdigit() for ch in w) for w in set_a ^ set_b) and \
            not any(ka.count(w) != kb.count(w) for w in _NEGATIONS & set_a) and \
            not (names and any(is_name(w) for w in set_a ^ set_b)):
        return False  # no number, name or negation differs at all: no diff needed
    # Changed regions between runs of equal words (LCS opcodes: deletes and inserts).
    regions: list[tuple[list[str], list[str]]] = []
    gap: tuple[list[str], list[str]] | None = None
    for op in Indel.opcodes(list(ka), list(kb)):
        if op.tag == "equal":
            gap = None
            continue
        if gap is None:
            gap = ([], [])
            regions.append(gap)
        gap[0].extend(ka[op.src_start:op.src_end])
        gap[1].extend(kb[op.dest_start:op.dest_end])
    for old, new in regions:
        if len(old) > _FACT_SPAN or len(new) > _FACT_SPAN:
            continue
        # a number one side states and the other lacks ("May 3" -> "3 May" moves one)
        if any(any(ch.isdigit() for ch in w) and w not in set_b for w in old) or \
                any(any(ch.isdigit() for ch in w) and w not in set_a for w in new):
            return True
        if any(w in _NEGATIONS and ka.count(w) != kb.count(w) for w in old + new):
            return True
        # one name put in place of another that the other text never mentions (in any form:
        # "Carrow" -> "Carrow's" is one place)
        if names and any(is_name(w) for w in old) and any(is_name(w) for w in new):
            stems_a, stems_b = {stem(w) for w in set_a}, {stem(w) for w in set_b}
            if any(is_name(w) and stem(w) not in stems_b for w in old) and \
                    any(is_name(w) and stem(w) not in stems_a for w in new):
                return True
    return False


def heaviest_chain(cands: list[_Cand]) -> list[_Cand]:
    """The max-weight subset of candidates strictly increasing in both i and j.

    Weighted longest increasing subsequence: candidates in order of i (j descending
    within one i, so two of the same i never chain), each extending the heaviest
    chain that ends below its j, found as a prefix maximum in a Fenwick tree.
    """
    if not cands:
        return []
    order = sorted(cands, key=lambda c: (c.i, -c.j))
    size = max(c.j for c in cands) + 2
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)
    best: list[float] = []
    back: list[int] = []
    for n, (_, j, score, _) in enumerate(order):
        # prefix max over j' < j (Fenwick tree positions are j + 1)
        pos, val, idx = j, 0.0, -1
        while pos:
            if tree_val[pos] > val:
                val, idx = tree_val[pos], tree_idx[pos]
            pos &= pos - 1
        total = val + score
        best.append(total)
        back.append(idx)
        pos = j + 1
        while pos <= size:
            if total > tree_val[pos]:
                tree_val[pos], tree_idx[pos] = total, n
            pos += pos & -pos
    n = max(range(len(order)), key=best.__getitem__)
    chain = []
    while n != -1:
        chain.append(order[n])
        n = back[n]
    return chain[::-1]


class PairAligner:
    """Aligns versions `a` and `b` of a corpus."""

    def __init__(self, corpus: Corpus, versions: list[Version], a: int, b: int, options: Options):
        self.corpus, self.options = corpus, options
        self.va, self.vb = versions[a], versions[b]
        self.fa, self.fb = corpus.features[a], corpus.features[b]
        self.a, self.b = a, b
        # Sensitivity 0 asks for the text's own evidence only; kinship eases from there.
        self.kinship = corpus.kinship(a, b)
        self.derived = derived_share(self.kinship) * min(1.0, 2 * options.sensitivity)
        self.strict_tau = link_threshold(options)
        self.tau = self.strict_tau - _KIN_EASE * self.derived

    def _pair_key(self, tag: str, i: int, j: int) -> tuple[str, int, int]:
        """Key of the corpus's pair cache for blocks a.i and b.j. BlockFeatures are shared
        by equal texts, so their ids name a text; the measures kept are symmetric."""
        x, y = id(self.fa.blocks[i]), id(self.fb.blocks[j])
        return (tag, x, y) if x <= y else (tag, y, x)

    def _verbatim(self, i: int, j: int) -> tuple[float, float]:
        """`_verbatim` of blocks a.i and b.j, kept per pair of texts for the whole corpus."""
        key = self._pair_key("lcs", i, j)
        got = self.corpus.pair_cache.get(key)
        if got is None:
            got = self.corpus.pair_cache[key] = _verbatim(self.fa.blocks[i].keys, self.fb.blocks[j].keys)
        return got  # type: ignore[return-value]

    # -- candidates -------------------------------------------------------------------
    def candidates(self) -> list[_Cand]:
        fa, fb = self.fa, self.fb
        shared, count, plain = self.corpus.shared(self.a, self.b)
        wa, wb = fa.weight, fb.weight
        denom = wa[:, None] + wb[None, :]
        d = 2 * shared / np.where(denom > 0, denom, 1)
        self.shared_w, self.plain, self.dice = shared, plain, d
        out: dict[tuple[int, int], float] = {}
        by_text = self.corpus.blocks_by_text(self.b)
        for i, f in enumerate(fa.blocks):
            if f.folded:
                for j in by_text.get(f.folded, ()):
                    out[(i, j)] = 1.0
        # Site chrome only pairs with site chrome.
        chrome_a, chrome_b = self.corpus.chrome(self.a), self.corpus.chrome(self.b)
        # A pair whose overlap is far below the threshold cannot reach it on word order either.
        ok = (d >= max(_PRE, 0.5 * self.tau)) & (count >= 2) & (chrome_a[:, None] == chrome_b[None, :])
        ii, jj = np.nonzero(ok)
        move_tau = self.tau + _MOVE_MARGIN
        for i, j, dij, named_only in zip(ii.tolist(), jj.tolist(), d[ii, jj].tolist(),
                                         (plain[ii, jj] < 2).tolist()):
            if (i, j) in out:
                continue
            score = max(dij, self._verbatim(i, j)[0])
            # Shared names alone (people, places) are not a shared fact, unless the
            # versions derive from each other and the wording agrees too.
            if score >= self.tau and not (named_only and score < 0.8 - _NAMED_EASE * self.derived):
                out[(i, j)] = score
        cands = {k: _Cand(k[0], k[1], v, v >= move_tau) for k, v in out.items()}
        # Paragraphs below the threshold may still state one same fact in one sentence:
        # independent reports rarely share a paragraph, but they share facts ("Putin's
        # first visit to North Korea in 24 years"). Such a pair links as a paraphrase.
        fact_tau = self.tau - _FACT_MARGIN
        # Only blocks without a paragraph-level counterpart need the search.
        free_a = np.ones(len(fa.blocks), dtype=bool)
        free_b = np.ones(len(fb.blocks), dtype=bool)
        for i, j in cands:
            free_a[i] = False
            free_b[j] = False
        # A sentence pair needs 3 shared terms besides names, so its blocks do too: only
        # free blocks with such a free partner are split into sentences.
        open_pairs = (plain >= 3) & free_a[:, None] & free_b[None, :]
        if ((d >= _FACT_PRE) & open_pairs).any():
            best = self.corpus.best_sentences(self.a, self.b, only_a=open_pairs.any(axis=1),
                                              only_b=open_pairs.any(axis=0))
            maybe = (best >= fact_tau) & (d < self.tau) & ~chrome_a[:, None] & ~chrome_b[None, :]
            for i, j in zip(*np.nonzero(maybe)):
                i, j = int(i), int(j)
                if (i, j) in cands or (fa.kinds[i] != fb.kinds[j] and HEADING in (fa.kinds[i], fb.kinds[j])):
                    continue
                score = float(best[i, j])
                cands[(i, j)] = _Cand(i, j, score, score >= fact_tau + _MOVE_MARGIN)
        # Weak candidates that compete with another for one of their blocks: there the
        # evidence decides which link the chain takes.
        per_i: dict[int, int] = {}
        per_j: dict[int, int] = {}
        for c in cands.values():
            per_i[c.i] = per_i.get(c.i, 0) + 1
            per_j[c.j] = per_j.get(c.j, 0) + 1
        weak = [c for c in cands.values() if c.score < _BOOST_BELOW and (per_i[c.i] > 1 or per_j[c.j] > 1)]
        if self.derived > 0 and weak and self.kinship < _BOOST_KINSHIP:
            # Between related versions a sentence carried over nearly whole says more
            # about which paragraph is which than the paragraphs' overall overlap.
            # (Only weak candidates can change; near-copies have few.)
            rows = np.zeros(len(fa.blocks), dtype=bool)
            cols = np.zeros(len(fb.blocks), dtype=bool)
            rows[[c.i for c in weak]] = True
            cols[[c.j for c in weak]] = True
            best = self.corpus.best_sentences(self.a, self.b, only_a=rows & ~chrome_a, only_b=cols & ~chrome_b)
            for c in weak:
                key = (c.i, c.j)
                if best[key] > c.score:
                    score = float(best[key])
                    cands[key] = _Cand(c.i, c.j, score, score >= move_tau)
        return list(cands.values())


    # -- grouping ---------------------------------------------------------------------
    def groups(self) -> list[_Group]:
        cands = self.candidates()
        chain = heaviest_chain(cands)
        used_a = {c.i for c in chain}
        used_b = {c.j for c in chain}
        groups = {c.i: _Group([c.i], [c.j]) for c in chain}
        for c in sorted(cands, key=lambda c: -c.score):
            if c.movable and c.i not in used_a and c.j not in used_b:
                used_a.add(c.i)
                used_b.add(c.j)
                groups[c.i] = _Group([c.i], [c.j])
        result = list(groups.values())
        self._absorb(result, used_a, used_b)
        self._flag_moves(result)
        self._fill_gaps(result, used_a, used_b)
        self._flag_moves(result)
        if self.derived > 0:
            result = self._rejoin_boundaries(result)
        return sorted(result, key=lambda g: (min(g.b), min(g.a)))

    def _rejoin_boundaries(self, groups: list[_Group]) -> list[_Group]:
        """Two neighbouring links whose paragraphs cross (the rewrite moved a paragraph
        break: the end of a.i went into b.j+1) become one 2:2 link when a paragraph of
        one shares a sentence, or much of its wording, with a paragraph of the other."""
        order = sorted(groups, key=lambda g: (min(g.a), min(g.b)))
        fa, fb = self.fa, self.fb
        # Neighbours on both sides, in reading order, both of paragraphs, at most 3 blocks a side.
        pairs = [k for k in range(1, len(order))
                 if not order[k - 1].moved and not order[k].moved
                 and max(order[k - 1].a) + 1 == min(order[k].a) and max(order[k - 1].b) + 1 == min(order[k].b)
                 and len(order[k - 1].a) + len(order[k].a) <= 3 and len(order[k - 1].b) + len(order[k].b) <= 3
                 and all(fa.kinds[i] == PARAGRAPH for i in order[k - 1].a + order[k].a)
                 and all(fb.kinds[j] == PARAGRAPH for j in order[k - 1].b + order[k].b)]
        # Cheap tests first: the crossing pair must share 3 plain terms, and neither link
        # may be a near copy by its wording alone (sentences only raise the evidence).
        d, plain = self.dice, self.plain
        pairs = [k for k in pairs
                 if max(plain[max(order[k - 1].a), min(order[k].b)], plain[min(order[k].a), max(order[k - 1].b)]) >= 3
                 and max(d[max(order[k - 1].a), max(order[k - 1].b)], d[min(order[k].a), min(order[k].b)]) < _BOOST_BELOW]
        if not pairs:
            return groups
        rows = np.zeros(len(fa.blocks), dtype=bool)
        cols = np.zeros(len(fb.blocks), dtype=bool)
        for k in pairs:
            rows[[max(order[k - 1].a), min(order[k].a)]] = True
            cols[[max(order[k - 1].b), min(order[k].b)]] = True
        ev = np.maximum(self.dice, self.corpus.best_sentences(self.a, self.b, only_a=rows, only_b=cols))
        merged: set[int] = set()
        for k in pairs:
            prev, g = order[k - 1], order[k]
            if k - 1 in merged:
                continue  # one break at a time: a chain of merges would make n:m links
            pa, pb, ga, gb = max(prev.a), max(prev.b), min(g.a), min(g.b)
            own = max(ev[pa, pb], ev[ga, gb])
            cross = max(ev[pa, gb], ev[ga, pb])
            # Near copies keep their own breaks: a shared sentence there is repetition.
            if cross >= _RESPLIT and own < _BOOST_BELOW:
                prev.a, prev.b = sorted(prev.a + g.a), sorted(prev.b + g.b)
                merged.add(k)
        return [g for k, g in enumerate(order) if k not in merged]

    def _fill_gaps(self, groups: list[_Group], used_a: set[int], used_b: set[int]) -> None:
        """In versions that derive from each other, a paragraph left free between two
        in-order links is most likely reworded from a paragraph between their partners
        (or fused into one of them): link it to the best of those at a lower bar. In any
        pair, a free paragraph whose sentence the other version carries nearly whole
        links (or joins) the paragraph that carries it."""
        fa, fb = self.fa, self.fb
        chrome_a, chrome_b = self.corpus.chrome(self.a), self.corpus.chrome(self.b)
        score = self.dice  # the blocks' weighted overlap, from `candidates`
        plain = self.plain
        free_a = np.array([i not in used_a and not chrome_a[i] and fa.kinds[i] == PARAGRAPH
                           for i in range(len(fa.blocks))], dtype=bool)
        free_b = np.array([j not in used_b and not chrome_b[j] and fb.kinds[j] == PARAGRAPH
                           for j in range(len(fb.blocks))], dtype=bool)
        if not free_a.any() and not free_b.any():
            return
        # Sentence evidence for the free blocks against every block of the other side.
        # (A sentence pair needs 3 shared terms besides names: only blocks sharing that
        # many with a free block are split.)
        sentences = np.zeros_like(score)
        bar = max(_GAP_FLOOR, self.tau - _GAP_EASE * self.derived)
        # Only free blocks that can reach the bar somewhere (or hold a fact sentence) are looked at.
        free_a &= (plain >= 3).any(axis=1) | (score >= bar).any(axis=1)
        free_b &= (plain >= 3).any(axis=0) | (score >= bar).any(axis=0)
        near_copy = self.kinship >= _BOOST_KINSHIP  # wording kept: overlap alone decides
        if free_a.any() and not near_copy:
            partners = (plain[free_a] >= 3).any(axis=0) & ~chrome_b
            if partners.any():
                sentences = self.corpus.best_sentences(self.a, self.b, only_a=free_a, only_b=partners)
        if free_b.any() and not near_copy:
            partners = (plain[:, free_b] >= 3).any(axis=1) & ~chrome_a
            if partners.any():
                sentences = np.maximum(sentences, self.corpus.best_sentences(self.a, self.b, only_a=partners,
                                                                             only_b=free_b))
        score = np.maximum(score, sentences)
        join = _SENTENCE_JOIN if self.derived > 0 else _SENTENCE_ALONE
        kinds = {"a": fb.kinds, "b": fa.kinds}  # the other side's kinds
        for side in ("a", "b"):
            anchors = None  # built on first need, again after each change to the links
            free = free_a if side == "a" else free_b
            for x in np.flatnonzero(free).tolist():
                if x in (used_a if side == "a" else used_b):
                    continue
                carried = sentences[x] if side == "a" else sentences[:, x]
                y, near_ok = -1, False
                if carried.max(initial=0.0) >= join:
                    # A sentence carried over nearly whole: that is where x went, even
                    # far away or into a paragraph fused from several.
                    y, near_ok = int(carried.argmax()), True
                else:
                    if self.derived <= 0 or (score[x] if side == "a" else score[:, x]).max(initial=0.0) < bar:
                        continue  # nothing anywhere reaches the bar: no window to look in
                    if anchors is None:
                        anchors = self._anchors(groups, side)
                    window = self._window(anchors, x)
                    if window is None:
                        continue
                    lo, hi = window
                    row = score[x, lo:hi + 1] if side == "a" else score[lo:hi + 1, x]
                    names = plain[x, lo:hi + 1] if side == "a" else plain[lo:hi + 1, x]
                    row = np.where(names >= 2, row, 0.0)
                    if not len(row) or row.max() < bar:
                        continue
                    y = lo + int(row.argmax())
                if kinds[side][y] != PARAGRAPH:
                    continue
                owner = next((g for g in groups if y in (g.b if side == "a" else g.a)), None)
                mine = (lambda g: g.a) if side == "a" else (lambda g: g.b)
                theirs = (lambda g: g.b) if side == "a" else (lambda g: g.a)
                if owner is None:
                    groups.append(_Group([x], [y]) if side == "a" else _Group([y], [x]))
                    used_a.add(x if side == "a" else y)
                    used_b.add(y if side == "a" else x)
                    anchors = None
                elif len(theirs(owner)) == 1 and (near_ok or min(abs(x - k) for k in mine(owner)) == 1):
                    # fused: papers join adjacent wire paragraphs, or carry a sentence
                    # of a far one into a paragraph
                    mine(owner).append(x)
                    mine(owner).sort()
                    (used_a if side == "a" else used_b).add(x)
                    anchors = None

    @staticmethod
    def _anchors(groups: list[_Group], side: str) -> tuple[list[int], list[int], list[int], list[int]]:
        """In-order links seen from one side, for `_window`: their last own blocks (sorted)
        with their partners' last blocks, and their first own blocks with the partners' first."""
        spans = [((g.a, g.b) if side == "a" else (g.b, g.a)) for g in groups if not g.moved]
        last = sorted((max(m), max(t)) for m, t in spans)
        first = sorted((min(m), min(t)) for m, t in spans)
        return [m for m, _ in last], [t for _, t in last], [m for m, _ in first], [t for _, t in first]

    @staticmethod
    def _window(anchors: tuple[list[int], list[int], list[int], list[int]], x: int) -> tuple[int, int] | None:
        """The other version's blocks between the partners of the in-order links just
        before and just after block x (their own blocks included), or None without either."""
        last_mine, last_theirs, first_mine, first_theirs = anchors
        k = bisect_left(last_mine, x) - 1  # the link ending last before x
        before = last_theirs[k] if k >= 0 else None
        k = bisect_right(first_mine, x)  # the link starting first after x
        after = first_theirs[k] if k < len(first_mine) else None
        if before is None and after is None:
            return None
        lo = before if before is not None else max(0, after - 2)  # type: ignore[operator]
        hi = after if after is not None else lo + 2
        return (lo, hi) if lo <= hi else None

    def _absorb(self, groups: list[_Group], used_a: set[int], used_b: set[int]) -> None:
        """Attach free blocks to links whose other side contains them (merges and splits)."""
        # Share of the free block's weight the link must explain; fused paragraphs are
        # usually neighbours, so a far-away block needs more evidence.
        strict_near, eased_near = self.strict_tau, self.tau  # the pair's own bars (see __init__)
        for side in ("a", "b"):
            mine, other = (self.fa, self.fb) if side == "a" else (self.fb, self.fa)
            used = used_a if side == "a" else used_b
            owner = {}
            for g in groups:
                for k in (g.b if side == "a" else g.a):
                    owner[k] = g
            shared = self.shared_w if side == "a" else self.shared_w.T
            proposals = []
            free = np.ones(len(mine.blocks), dtype=bool)
            free[list(used)] = False
            free &= (mine.weight > 0) & ~self.corpus.chrome(self.a if side == "a" else self.b)
            rows = np.flatnonzero(free)
            # The fresh overlap is at most the whole overlap: skip hopeless pairs in bulk.
            hopeful = shared[rows] >= eased_near * mine.weight[rows][:, None]
            for r, y in zip(*(v.tolist() for v in np.nonzero(hopeful))):
                x = int(rows[r])
                g = owner.get(y)
                if g is None:
                    continue
                same_side = g.a if side == "a" else g.b
                other_side = g.b if side == "a" else g.a
                if len(other_side) > 1:  # a link is n:1 or 1:n, never n:m
                    continue
                explained = frozenset().union(*(mine.blocks[k].terms for k in same_side))
                fresh = (mine.blocks[x].terms & other.blocks[y].terms) - explained
                if len(fresh) < 3 or len(fresh - self.corpus.names) < 2:
                    continue
                share = self.corpus.weight_of(fresh) / mine.weight[x]
                near = min(abs(x - k) for k in same_side) <= 2
                # Kinship eases only the joining of paragraphs: a caption or a heading
                # is never fused into a paragraph by a rewrite.
                need_near = eased_near if mine.kinds[x] == PARAGRAPH else strict_near
                if share >= (need_near if near else need_near + 0.2):
                    proposals.append((share, x, g))
            for share, x, g in sorted(proposals, key=lambda p: -p[0]):
                if x in used:
                    continue
                other_side = g.b if side == "a" else g.a
                if len(other_side) > 1:
                    continue
                (g.a if side == "a" else g.b).append(x)
                (g.a if side == "a" else g.b).sort()
                used.add(x)

    def _flag_moves(self, groups: list[_Group]) -> None:
        """Links outside the heaviest in-order chain of all links are moves."""
        firsts = sorted((min(g.a), min(g.b)) for g in groups)
        if all(x[1] < y[1] for x, y in zip(firsts, firsts[1:])):  # all in reading order: no moves
            for g in groups:
                g.moved = False
            return
        cands = [_Cand(i, j, 1.0) for i, j in firsts]
        keep = {(c.i, c.j) for c in heaviest_chain(cands)}
        for g in groups:
            g.moved = (min(g.a), min(g.b)) not in keep

    # -- links ------------------------------------------------------------------------
    def link(self, g: _Group) -> Link:
        fa, fb = self.fa, self.fb
        if len(g.a) == 1 and len(g.b) == 1:  # the common case: no joining
            i, j = g.a[0], g.b[0]
            relation, score = self._relation_1to1(i, j)
            return Link(tuple(g.a), tuple(g.b), relation, g.moved, score, self.va.blocks[i].display,
                        self.vb.blocks[j].display, self.options.granularity, self.options.ignore_case)
        text_a = "\n".join(self.va.blocks[i].display for i in g.a)
        text_b = "\n".join(self.vb.blocks[j].display for j in g.b)
        folded_a = " ".join(fa.blocks[i].folded for i in g.a)
        folded_b = " ".join(fb.blocks[j].folded for j in g.b)
        if folded_a == folded_b:
            relation, score = IDENTICAL, 1.0
        else:
            keys_a = tuple(k for i in g.a for k in fa.blocks[i].keys)
            keys_b = tuple(k for j in g.b for k in fb.blocks[j].keys)
            sim, contained = _verbatim(keys_a, keys_b)
            terms_a = frozenset().union(*(fa.blocks[i].terms for i in g.a))
            terms_b = frozenset().union(*(fb.blocks[j].terms for j in g.b))
            overlap = dice(self.corpus.weight_of(terms_a & terms_b), self.corpus.weight_of(terms_a),
                           self.corpus.weight_of(terms_b))
            score = round(float(max(sim, overlap)), 4)
            relation = EDITED if _is_edit(keys_a, keys_b, sim, contained, self.corpus.names) else PARAPHRASED
        return Link(tuple(g.a), tuple(g.b), relation, g.moved, score, text_a, text_b,
                    self.options.granularity, self.options.ignore_case)

    def _relation_1to1(self, i: int, j: int) -> tuple[str, float]:
        """Relation and score of a 1:1 link. They depend only on the two texts (and the
        corpus weights), so they are kept per pair of texts like `_verbatim`."""
        x, y = self.fa.blocks[i], self.fb.blocks[j]
        if x.folded == y.folded:
            return IDENTICAL, 1.0
        key = self._pair_key("rel", i, j)
        got = self.corpus.pair_cache.get(key)
        if got is None:
            sim, contained = self._verbatim(i, j)
            overlap = dice(self.shared_w[i, j], self.fa.weight[i], self.fb.weight[j])
            relation = EDITED if _is_edit(x.keys, y.keys, sim, contained, self.corpus.names) else PARAPHRASED
            got = self.corpus.pair_cache[key] = (relation, round(float(max(sim, overlap)), 4))
        return got  # type: ignore[return-value]

    def run(self) -> tuple[list[Link], list[int], list[int]]:
        groups = self.groups()
        links = [self.link(g) for g in groups]
        in_a = {i for g in groups for i in g.a}
        in_b = {j for g in groups for j in g.b}
        dropped = [i for i in range(len(self.va.blocks)) if i not in in_a]
        added = [j for j in range(len(self.vb.blocks)) if j not in in_b]
        return links, dropped, added
