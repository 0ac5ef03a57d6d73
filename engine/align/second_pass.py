"""The second pass of pairwise alignment: what the first links imply.

After the in-order chain and the moves (`pairwise.PairAligner.groups`), three
repairs use the links already made: a free block whose content sits inside a linked
block joins that link (merges and splits, `_absorb`); in versions that derive from
each other, a free paragraph between two in-order links is linked to the best
paragraph between their partners at a lower bar, and in any pair a paragraph whose
sentence the other version carries nearly whole joins the paragraph that carries it
(`_fill_gaps`); two neighbouring links whose paragraphs cross become one 2:2 link
(`_rejoin_boundaries`: the rewrite moved a paragraph break).

It also holds the rule both passes apply to photo captions (`caption_apart`), and the
one joining and gap filling apply to denials (`adds_denial`).

`SecondPass` is a mixin of `PairAligner`: it reads the aligner's versions, corpus
and the matrices its candidate step kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

import numpy as np

from ..model import CAPTION, PARAGRAPH, Options
from ..text.textnorm import stem
from .chain import Group
from .thresholds import (
    _BOOST_BELOW,
    _BOOST_KINSHIP,
    _GAP_EASE,
    _GAP_FLOOR,
    _RESPLIT,
    _SENTENCE_ALONE,
    _SENTENCE_JOIN,
)

if TYPE_CHECKING:
    from .similarity import Corpus, VersionFeatures


# Content terms (stems) of a denial: a counter-statement, not part of what it answers.
_DENIAL = frozenset(map(stem, ("deny", "denied", "denies", "denying", "denial", "denials", "refute", "refuted",
                               "refutes")))


class SecondPass:
    """Repairs over the first links (see the module docstring)."""

    # Set by PairAligner before the second pass runs.
    corpus: Corpus
    options: Options
    fa: VersionFeatures
    fb: VersionFeatures
    a: int
    b: int
    kinship: float
    derived: float
    strict_tau: float
    tau: float
    dice: np.ndarray
    plain: np.ndarray
    shared_w: np.ndarray

    def _caption(self, i: int, j: int) -> bool:
        """Is a.i or b.j a photo caption?"""
        return CAPTION in (self.fa.kinds[i], self.fb.kinds[j])

    def caption_apart(self, i: int, j: int) -> bool:
        """A caption describes one photo: it links only to a caption (of the same scene,
        see `_tau_of`), never to a paragraph that tells of the same moment in other
        words. Near copies are exempt: there a block classified one way in one version
        and another way in the other is still the same text."""
        kinds = (self.fa.kinds[i], self.fb.kinds[j])
        return CAPTION in kinds and kinds[0] != kinds[1] and self.kinship < _BOOST_KINSHIP

    def adds_denial(self, i: int, j: int, side: str) -> bool:
        """Does the block joining a link (a.i when `side` is "a", else b.j) deny something
        its partner reports without the denial? "Moscow and Pyongyang have denied weapons
        transfers" is a statement of its own, not part of a paragraph about concerns over
        arms transfers; next to "a charge both countries have denied" it is the same fact."""
        x, y = (self.fa.blocks[i], self.fb.blocks[j]) if side == "a" else (self.fb.blocks[j], self.fa.blocks[i])
        return not _DENIAL.isdisjoint(x.terms) and _DENIAL.isdisjoint(y.terms)

    def _rejoin_boundaries(self, groups: list[Group]) -> list[Group]:
        """Two neighbouring links whose paragraphs cross (the rewrite moved a paragraph
        break: the end of a.i went into b.j+1) become one 2:2 link when a paragraph of
        one shares a sentence, or much of its wording, with a paragraph of the other."""
        order = sorted(groups, key=lambda g: (min(g.a), min(g.b)))
        fa, fb = self.fa, self.fb
        # Neighbours on both sides, in reading order, both of paragraphs, at most 3 blocks a side.
        spans = [(min(g.a), max(g.a), min(g.b), max(g.b)) for g in order]  # once per link, not per test
        pairs = [k for k in range(1, len(order))
                 if not order[k - 1].moved and not order[k].moved
                 and spans[k - 1][1] + 1 == spans[k][0] and spans[k - 1][3] + 1 == spans[k][2]
                 and len(order[k - 1].a) + len(order[k].a) <= 3 and len(order[k - 1].b) + len(order[k].b) <= 3
                 and all(fa.kinds[i] == PARAGRAPH for i in order[k - 1].a + order[k].a)
                 and all(fb.kinds[j] == PARAGRAPH for j in order[k - 1].b + order[k].b)]
        pairs = self._crossing_candidates(pairs, spans)
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

    def _crossing_candidates(self, pairs: list[int], spans: list[tuple[int, int, int, int]]) -> list[int]:
        """Cheap tests first, for all neighbour pairs at once: the crossing pair must share
        3 plain terms, and neither link may be a near copy by its wording alone (sentences
        only raise the evidence). `spans`: each link's (first a, last a, first b, last b)."""
        if not pairs:
            return pairs
        at = np.array([(spans[k - 1][1], spans[k - 1][3], spans[k][0], spans[k][2]) for k in pairs])
        pa, pb, ga, gb = at[:, 0], at[:, 1], at[:, 2], at[:, 3]
        ok = (np.maximum(self.plain[pa, gb], self.plain[ga, pb]) >= 3) & \
            (np.maximum(self.dice[pa, pb], self.dice[ga, gb]) < _BOOST_BELOW)
        return [k for k, keep in zip(pairs, ok.tolist()) if keep]

    def _fill_gaps(self, groups: list[Group], used_a: set[int], used_b: set[int]) -> None:
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
                if kinds[side][y] != PARAGRAPH or (self.adds_denial(x, y, "a") if side == "a"
                                                   else self.adds_denial(y, x, "b")):
                    continue
                owner = next((g for g in groups if y in (g.b if side == "a" else g.a)), None)
                mine = (lambda g: g.a) if side == "a" else (lambda g: g.b)
                theirs = (lambda g: g.b) if side == "a" else (lambda g: g.a)
                if owner is None:
                    groups.append(Group([x], [y]) if side == "a" else Group([y], [x]))
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
    def _anchors(groups: list[Group], side: str) -> tuple[list[int], list[int], list[int], list[int]]:
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
        if before is not None:
            lo = before
        elif after is not None:
            lo = max(0, after - 2)
        else:
            return None
        hi = after if after is not None else lo + 2
        return (lo, hi) if lo <= hi else None

    def _absorb(self, groups: list[Group], used_a: set[int], used_b: set[int]) -> None:
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
                found = owner.get(y)
                if found is None:
                    continue
                g = found
                same_side = g.a if side == "a" else g.b
                other_side = g.b if side == "a" else g.a
                if len(other_side) > 1:  # a link is n:1 or 1:n, never n:m
                    continue
                if self.caption_apart(x, y) if side == "a" else self.caption_apart(y, x):
                    continue
                if self.adds_denial(x, y, "a") if side == "a" else self.adds_denial(y, x, "b"):
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
            for _share, x, g in sorted(proposals, key=lambda p: -p[0]):
                if x in used:
                    continue
                other_side = g.b if side == "a" else g.a
                if len(other_side) > 1:
                    continue
                (g.a if side == "a" else g.b).append(x)
                (g.a if side == "a" else g.b).sort()
                used.add(x)
