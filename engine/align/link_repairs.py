"""Link repairs, the second pass of pairwise alignment: what the first links imply.

After the in-order chain and the moves (`pairwise.PairAligner.groups`), three
repairs use the links already made: a free block whose content sits inside a linked
block joins that link (merges and splits, `_absorb`); in versions that derive from
each other, a free paragraph between two in-order links is linked to the best
paragraph between their partners at a lower bar, and in any pair a paragraph whose
sentence the other version carries nearly whole joins the paragraph that carries it
(`_fill_gaps`); two neighbouring links whose paragraphs cross become one 2:2 link
(`_rejoin_boundaries`: the rewrite moved a paragraph break).

`LinkRepairs` is given the pair's state (`pair_state.PairState`, built whole before the
first pass) and reads nothing else; each repair is written once, from one version's
side (`pair_state.Side`), and run from both.
"""

from __future__ import annotations

from bisect import bisect_left, insort

import numpy as np

from ..model import PARAGRAPH
from .chain import Group
from .pair_state import PairState, Side
from .thresholds import (
    ABSORB_FAR_EXTRA,
    ABSORB_FRESH_TERMS,
    ABSORB_NEAR_BLOCKS,
    FACT_PLAIN_TERMS,
    GAP_EASE,
    GAP_FLOOR,
    MIN_SHARED_TERMS,
    RESPLIT,
    RESPLIT_MAX_BLOCKS,
    SENTENCE_ALONE,
    SENTENCE_CHECK_BELOW,
    SENTENCE_JOIN,
)


class LinkRepairs:
    """Repairs over the first links of one pair (see the module docstring)."""

    def __init__(self, pair: PairState) -> None:
        self.p = pair

    def rejoin_boundaries(self, groups: list[Group]) -> list[Group]:
        """Two neighbouring links whose paragraphs cross (the rewrite moved a paragraph
        break: the end of a.i went into b.j+1) become one 2:2 link when a paragraph of
        one shares a sentence, or much of its wording, with a paragraph of the other."""
        order = sorted(groups, key=lambda g: (min(g.a), min(g.b)))
        p = self.p
        fa, fb = p.fa, p.fb
        # Neighbours on both sides, in reading order, both of paragraphs, at most 3 blocks a side.
        spans = [(min(g.a), max(g.a), min(g.b), max(g.b)) for g in order]  # once per link, not per test
        pairs = [k for k in range(1, len(order))
                 if not order[k - 1].moved and not order[k].moved
                 and spans[k - 1][1] + 1 == spans[k][0] and spans[k - 1][3] + 1 == spans[k][2]
                 and len(order[k - 1].a) + len(order[k].a) <= RESPLIT_MAX_BLOCKS
                 and len(order[k - 1].b) + len(order[k].b) <= RESPLIT_MAX_BLOCKS
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
        best = p.corpus.best_sentences(p.a, p.b, only_a=rows, only_b=cols)

        def ev(i: int, j: int) -> float:
            """The evidence of a block pair: overlap or best sentence pair (read at a few
            pairs: no matrix of it over all block pairs)."""
            return max(p.dice[i, j], best[i, j])

        merged: set[int] = set()
        for k in pairs:
            prev, g = order[k - 1], order[k]
            if k - 1 in merged:
                continue  # one break at a time: a chain of merges would make n:m links
            pa, pb, ga, gb = max(prev.a), max(prev.b), min(g.a), min(g.b)
            own = max(ev(pa, pb), ev(ga, gb))
            cross = max(ev(pa, gb), ev(ga, pb))
            # Near copies keep their own breaks: a shared sentence there is repetition.
            if cross >= RESPLIT and own < SENTENCE_CHECK_BELOW:
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
        plain, dice = self.p.shared_plain, self.p.dice
        ok = (np.maximum(plain[pa, gb], plain[ga, pb]) >= FACT_PLAIN_TERMS) & (np.maximum(dice[pa, pb], dice[ga, gb]) < SENTENCE_CHECK_BELOW)
        return [k for k, keep in zip(pairs, ok.tolist()) if keep]

    def fill_gaps(self, groups: list[Group], used_a: set[int], used_b: set[int]) -> None:
        """In versions that derive from each other, a paragraph left free between two
        in-order links is most likely reworded from a paragraph between their partners
        (or fused into one of them): link it to the best of those at a lower bar. In any
        pair, a free paragraph whose sentence the other version carries nearly whole
        links (or joins) the paragraph that carries it."""
        p = self.p
        fa, fb = p.fa, p.fb
        chrome_a, chrome_b = p.corpus.chrome(p.a), p.corpus.chrome(p.b)
        score = p.dice  # the blocks' weighted overlap
        plain = p.shared_plain
        free_a = np.array([i not in used_a and not chrome_a[i] and fa.kinds[i] == PARAGRAPH
                           for i in range(len(fa.blocks))], dtype=bool)
        free_b = np.array([j not in used_b and not chrome_b[j] and fb.kinds[j] == PARAGRAPH
                           for j in range(len(fb.blocks))], dtype=bool)
        if not free_a.any() and not free_b.any():
            return
        # Sentence evidence for the free blocks against every block of the other side.
        # (A sentence pair needs 3 shared terms besides names: only blocks sharing that
        # many with a free block are split.)
        # (np.zeros, not zeros_like: its pages stay unwritten, and only free blocks' rows are read)
        sentences = np.zeros(score.shape, dtype=score.dtype)
        found = False  # any sentence evidence computed
        bar = max(GAP_FLOOR, p.bar - GAP_EASE * p.kin_weight)
        # Only free blocks that can reach the bar somewhere (or hold a fact sentence) are looked at.
        fact = plain >= FACT_PLAIN_TERMS
        reach = score >= bar
        free_a &= fact.any(axis=1) | reach.any(axis=1)
        free_b &= fact.any(axis=0) | reach.any(axis=0)
        if free_a.any() and not p.near_copy:  # near copies: wording kept, overlap alone decides
            partners = fact[free_a].any(axis=0) & ~chrome_b
            if partners.any():
                sentences = p.corpus.best_sentences(p.a, p.b, only_a=free_a, only_b=partners)
                found = True
        if free_b.any() and not p.near_copy:
            partners = fact[:, free_b].any(axis=1) & ~chrome_a
            if partners.any():
                sentences = np.maximum(sentences, p.corpus.best_sentences(p.a, p.b, only_a=partners, only_b=free_b))
                found = True
        if found:  # sentence evidence is never negative: without it the score is the overlap
            score = np.maximum(score, sentences)
        join = SENTENCE_JOIN if p.kin_weight > 0 else SENTENCE_ALONE
        for side, free in zip(p.sides(used_a, used_b), (free_a, free_b)):
            self._fill_side(side, free, groups, side.rows(score), side.rows(sentences), side.rows(plain), bar, join)

    def _fill_side(self, side: Side, free: np.ndarray, groups: list[Group], score: np.ndarray,
                   sentences: np.ndarray, plain: np.ndarray, bar: float, join: float) -> None:
        """`fill_gaps` for my free paragraphs (`free`); the matrices read mine x theirs."""
        anchors: _Anchors | None = None  # built on first need, then kept up to date with the links
        for x in np.flatnonzero(free).tolist():
            if x in side.used:
                continue
            carried = sentences[x]
            y, near_ok = -1, False
            if carried.max(initial=0.0) >= join:
                # A sentence carried over nearly whole: that is where x went, even
                # far away or into a paragraph fused from several.
                y, near_ok = int(carried.argmax()), True
            else:
                if self.p.kin_weight <= 0 or score[x].max(initial=0.0) < bar:
                    continue  # nothing anywhere reaches the bar: no window to look in
                if anchors is None:
                    anchors = _Anchors(groups, side)
                window = anchors.window(x)
                if window is None:
                    continue
                lo, hi = window
                row = np.where(plain[x, lo:hi + 1] >= MIN_SHARED_TERMS, score[x, lo:hi + 1], 0.0)
                if not len(row) or row.max() < bar:
                    continue
                y = lo + int(row.argmax())
            if side.theirs.kinds[y] != PARAGRAPH or side.adds_denial(x, y):
                continue
            owner = next((g for g in groups if y in side.other(g)), None)
            if owner is None:
                g = side.new_group(x, y)
                groups.append(g)
                side.used.add(x)
                side.used_theirs.add(y)
                if anchors is not None:
                    anchors.add(g)
            elif len(side.other(owner)) == 1 and (near_ok or min(abs(x - k) for k in side.own(owner)) == 1):
                # fused: papers join adjacent wire paragraphs, or carry a sentence
                # of a far one into a paragraph
                if anchors is not None:
                    anchors.remove(owner)
                side.own(owner).append(x)
                side.own(owner).sort()
                side.used.add(x)
                if anchors is not None:
                    anchors.add(owner)

    def absorb(self, groups: list[Group], used_a: set[int], used_b: set[int]) -> None:
        """Attach free blocks to links whose other side contains them (merges and splits)."""
        # Share of the free block's weight the link must explain; fused paragraphs are
        # usually neighbours, so a far-away block needs more evidence.
        for side in self.p.sides(used_a, used_b):
            self._absorb_side(side, groups)

    def _absorb_side(self, side: Side, groups: list[Group]) -> None:
        """`absorb` for my free blocks."""
        p, mine, other = self.p, side.mine, side.theirs
        owner = {k: g for g in groups for k in side.other(g)}
        shared = side.rows(p.shared_weight)
        proposals = []
        free = np.ones(len(mine.blocks), dtype=bool)
        free[list(side.used)] = False
        free &= (mine.weight > 0) & ~p.corpus.chrome(side.version)
        rows = np.flatnonzero(free)
        # The fresh overlap is at most the whole overlap: skip hopeless pairs in bulk.
        hopeful = shared[rows] >= p.bar * mine.weight[rows][:, None]
        for r, y in zip(*(v.tolist() for v in np.nonzero(hopeful))):
            x = int(rows[r])
            g = owner.get(y)
            if g is None or len(side.other(g)) > 1:  # a link is n:1 or 1:n, never n:m
                continue
            if side.caption_apart(x, y) or side.adds_denial(x, y):
                continue
            same_side = side.own(g)
            explained = frozenset().union(*(mine.blocks[k].terms for k in same_side))
            fresh = (mine.blocks[x].terms & other.blocks[y].terms) - explained
            if len(fresh) < ABSORB_FRESH_TERMS or len(fresh - p.corpus.names) < MIN_SHARED_TERMS:
                continue
            share = p.corpus.weight_of(fresh) / mine.weight[x]
            near = min(abs(x - k) for k in same_side) <= ABSORB_NEAR_BLOCKS
            # Kinship eases only the joining of paragraphs: a caption or a heading
            # is never fused into a paragraph by a rewrite.
            need_near = p.bar if mine.kinds[x] == PARAGRAPH else p.plain_bar
            if share >= (need_near if near else need_near + ABSORB_FAR_EXTRA):
                proposals.append((share, x, g))
        for _share, x, g in sorted(proposals, key=lambda q: -q[0]):
            if x in side.used or len(side.other(g)) > 1:
                continue
            side.own(g).append(x)
            side.own(g).sort()
            side.used.add(x)


class _Anchors:
    """The in-order links seen from one side, for `fill_gaps`' windows: their (last own
    block, partner's last block) and (first own block, partner's first block), each list
    sorted. Built once per side and updated as a repair changes a link: rebuilding it
    from all links after each change cost more than the rest of the repair."""

    def __init__(self, groups: list[Group], side: Side) -> None:
        self.side = side
        kept = [g for g in groups if not g.moved]
        mine, theirs = [side.own(g) for g in kept], [side.other(g) for g in kept]
        self.last = sorted(zip(map(max, mine), map(max, theirs)))
        self.first = sorted(zip(map(min, mine), map(min, theirs)))

    def add(self, g: Group) -> None:
        """Count link g (new, or after a change to it)."""
        if not g.moved:
            insort(self.last, (max(self.side.own(g)), max(self.side.other(g))))
            insort(self.first, (min(self.side.own(g)), min(self.side.other(g))))

    def remove(self, g: Group) -> None:
        """Stop counting link g (before a change to it)."""
        if not g.moved:
            self.last.remove((max(self.side.own(g)), max(self.side.other(g))))
            self.first.remove((min(self.side.own(g)), min(self.side.other(g))))

    def window(self, x: int) -> tuple[int, int] | None:
        """The other version's blocks between the partners of the in-order links just
        before and just after my block x (their own blocks included), or None without either."""
        k = bisect_left(self.last, (x,)) - 1  # the link ending last before x: (x,) sorts before every (x, t)
        before = self.last[k][1] if k >= 0 else None
        k = bisect_left(self.first, (x + 1,))  # the first link starting after x (blocks are ints)
        after = self.first[k][1] if k < len(self.first) else None
        if before is not None:
            lo = before
        elif after is not None:
            lo = max(0, after - 2)
        else:
            return None
        hi = after if after is not None else lo + 2
        return (lo, hi) if lo <= hi else None
