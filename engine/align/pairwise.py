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

import itertools

import numpy as np

from ..facts.conflict import facts_conflict
from ..model import CAPTION, EDITED, HEADING, IDENTICAL, PARAPHRASED, Analyses, Link, Options, Relation, Version
from ..text.textnorm import content_terms
from .chain import Cand, Group, heaviest_chain
from .link_repairs import LinkRepairs
from .pair_state import PairState
from .relation import _is_edit, _verbatim, facts_differ  # noqa: F401 (facts_differ: the API of this stage)
from .similarity import Corpus, dice
from .thresholds import (
    FACT_MARGIN,
    FACT_MIN_DICE,
    FACT_PLAIN_TERMS,
    MIN_DICE,
    MIN_SHARED_TERMS,
    MOVE_MARGIN,
    NAMED_EASE,
    NAMED_ONLY_SCORE,
    PHRASE_SLACK,
    PREFILTER_SHARE,
    SENTENCE_CHECK_BELOW,
)


class PairAligner:
    """Aligns versions `a` and `b` of a corpus: the first pass here, the repairs in `LinkRepairs`,
    both reading one `PairState` built whole before either runs."""

    def __init__(self, corpus: Corpus, versions: list[Version], a: int, b: int, options: Options,
                 analyses: Analyses | None = None):
        self.p = PairState.build(corpus, versions, a, b, options)
        self.repairs = LinkRepairs(self.p)
        self.analyses = analyses  # handed to each Link for its lazy diff (engine.on_demand)
        self._order_of: list[tuple[int, int]] | None = None  # see _in_order
        self._order_keep: set[tuple[int, int]] | None = None

    def _pair_key(self, tag: str, i: int, j: int) -> tuple[str, int, int]:
        """Key of the corpus's pair cache for blocks a.i and b.j. BlockFeatures are shared
        by equal texts, so their ids name a text; the measures kept are symmetric."""
        x, y = id(self.p.fa.blocks[i]), id(self.p.fb.blocks[j])
        return (tag, x, y) if x <= y else (tag, y, x)

    def _verbatim(self, i: int, j: int) -> tuple[float, float]:
        """`_verbatim` of blocks a.i and b.j, kept per pair of texts for the whole corpus."""
        key = self._pair_key("lcs", i, j)
        got: tuple[float, float] | None = self.p.corpus.pair_cache.get(key)
        if got is None:
            got = self.p.corpus.pair_cache[key] = _verbatim(self.p.fa.blocks[i].keys, self.p.fb.blocks[j].keys)
        return got

    # -- captions and shared phrases -----------------------------------------------------
    def bar_of(self, i: int, j: int) -> float:
        """The link threshold of blocks a.i and b.j. Two captions are the same scene only
        on their own overlap at the plain threshold: captions of one event name the same
        people and place in other photos ("exit a welcome ceremony" / "stand along a
        street to greet the convoy"), and a rewrite's shared narration says nothing about
        which photo a caption describes, so kinship does not ease it."""
        if self.p.caption(i, j) and not self.p.near_copy:
            return self.p.plain_bar
        return self.p.bar

    def one_phrase(self, i: int, j: int) -> bool:
        """Do blocks a.i and b.j share only one phrase? When every content term (names
        aside) the two share stands in one run of words in each, all but one of them
        next to each other ("the city transport board"), they name the same actor or
        thing and may say anything of it ("said it would run a reduced timetable" /
        "has denied that the rotas cut breaks"): sentence-level evidence of one fact
        needs more. A figure or a year among the terms is a fact of its own ("first visit
        in 24 years")."""
        key = self._pair_key("phrase", i, j)  # symmetric, and a function of the two texts
        got: bool | None = self.p.corpus.pair_cache.get(key)
        if got is None:
            x, y = self.p.fa.blocks[i], self.p.fb.blocks[j]
            shared = (x.terms & y.terms) - self.p.corpus.names
            got = self.p.corpus.pair_cache[key] = not (len(shared) < 2 or any(term[0].isdigit() for term in shared)) \
                and _stretch(x.keys, shared) <= len(shared) + PHRASE_SLACK \
                and _stretch(y.keys, shared) <= len(shared) + PHRASE_SLACK
        return got

    # -- candidates -------------------------------------------------------------------
    def candidates(self) -> list[Cand]:
        fa, fb = self.p.fa, self.p.fb
        count, plain, d = self.p.shared_count, self.p.shared_plain, self.p.dice
        out: dict[tuple[int, int], float] = {}
        by_text = self.p.corpus.blocks_by_text(self.p.b)
        for i, f in enumerate(fa.blocks):
            if f.folded:
                for j in by_text.get(f.folded, ()):
                    out[(i, j)] = 1.0
        # Site chrome only pairs with site chrome.
        chrome_a, chrome_b = self.p.corpus.chrome(self.p.a), self.p.corpus.chrome(self.p.b)
        # A pair whose overlap is far below the threshold cannot reach it on word order either.
        ii, jj = np.nonzero(d >= max(MIN_DICE, PREFILTER_SHARE * self.p.bar))  # then the other tests on those
        ok = (count[ii, jj] >= MIN_SHARED_TERMS) & (chrome_a[ii] == chrome_b[jj])
        ii, jj = ii[ok], jj[ok]
        move_tau = self.p.bar + MOVE_MARGIN
        # Without a caption on either side (most pairs) every pair has the pair's bar.
        captions = CAPTION in fa.kinds or CAPTION in fb.kinds
        named_bar = NAMED_ONLY_SCORE - NAMED_EASE * self.p.kin_weight
        cache, blocks_a, blocks_b = self.p.corpus.pair_cache, fa.blocks, fb.blocks
        for i, j, dij, named_only in zip(ii.tolist(), jj.tolist(), d[ii, jj].tolist(),
                                         (plain[ii, jj] < MIN_SHARED_TERMS).tolist()):
            if (i, j) in out:
                continue
            if captions and self.p.caption_apart(i, j):
                continue
            # `_verbatim(i, j)`, written out: this loop meets every candidate pair
            x, y = id(blocks_a[i]), id(blocks_b[j])
            lcs_key = ("lcs", x, y) if x <= y else ("lcs", y, x)
            got = cache.get(lcs_key)
            if got is None:
                got = cache[lcs_key] = _verbatim(blocks_a[i].keys, blocks_b[j].keys)
            score = max(dij, got[0])
            # Shared names alone (people, places) are not a shared fact, unless the
            # versions derive from each other and the wording agrees too.
            if score >= (self.bar_of(i, j) if captions else self.p.bar) and not (named_only and score < named_bar):
                out[(i, j)] = score
        cands = {k: Cand(k[0], k[1], v, v >= move_tau) for k, v in out.items()}
        # Paragraphs below the threshold may still state one same fact in one sentence:
        # independent reports rarely share a paragraph, but they share facts ("Putin's
        # first visit to North Korea in 24 years"). Such a pair links as a paraphrase.
        fact_tau = self.p.bar - FACT_MARGIN
        # Only blocks without a paragraph-level counterpart need the search.
        free_a = np.ones(len(fa.blocks), dtype=bool)
        free_b = np.ones(len(fb.blocks), dtype=bool)
        for i, j in cands:
            free_a[i] = False
            free_b[j] = False
        # A sentence pair needs 3 shared terms besides names, so its blocks do too: only
        # free blocks with such a free partner are split into sentences.
        # (tested on the free rows x free columns only: 5M cells for two 1 MB versions)
        ra, rb = np.flatnonzero(free_a), np.flatnonzero(free_b)
        free = np.ix_(ra, rb)
        open_pairs = plain[free] >= FACT_PLAIN_TERMS
        if ((d[free] >= FACT_MIN_DICE) & open_pairs).any():
            only_a, only_b = np.zeros_like(free_a), np.zeros_like(free_b)
            only_a[ra[open_pairs.any(axis=1)]] = True
            only_b[rb[open_pairs.any(axis=0)]] = True
            best = self.p.corpus.best_sentences(self.p.a, self.p.b, only_a=only_a, only_b=only_b)
            asked: tuple[np.ndarray | slice, ...] = (slice(None), slice(None))
            ra, rb = np.arange(len(free_a)), np.arange(len(free_b))
            if fact_tau > 0:  # the evidence is 0 outside the blocks asked for: look there only
                ra, rb = np.flatnonzero(only_a), np.flatnonzero(only_b)
                asked = np.ix_(ra, rb)
            maybe = (best[asked] >= fact_tau) & (d[asked] < self.p.bar) & ~chrome_a[ra][:, None] & ~chrome_b[rb][None, :]
            for i, j in zip(*np.nonzero(maybe)):
                i, j = int(ra[i]), int(rb[j])
                if (i, j) in cands or (fa.kinds[i] != fb.kinds[j] and HEADING in (fa.kinds[i], fb.kinds[j])) \
                        or CAPTION in (fa.kinds[i], fb.kinds[j]) \
                        or self.one_phrase(i, j):  # a caption states no fact; one shared phrase is no fact
                    continue
                score = float(best[i, j])
                cands[(i, j)] = Cand(i, j, score, score >= fact_tau + MOVE_MARGIN)
        # Weak candidates that compete with another for one of their blocks: there the
        # evidence decides which link the chain takes.
        per_i: dict[int, int] = {}
        per_j: dict[int, int] = {}
        for c in cands.values():
            per_i[c.i] = per_i.get(c.i, 0) + 1
            per_j[c.j] = per_j.get(c.j, 0) + 1
        weak = [c for c in cands.values() if c.score < SENTENCE_CHECK_BELOW and (per_i[c.i] > 1 or per_j[c.j] > 1)]
        if self.p.kin_weight > 0 and weak and not self.p.near_copy:
            # Between related versions a sentence carried over nearly whole says more
            # about which paragraph is which than the paragraphs' overall overlap.
            # (Only weak candidates can change; near-copies have few.)
            rows = np.zeros(len(fa.blocks), dtype=bool)
            cols = np.zeros(len(fb.blocks), dtype=bool)
            rows[[c.i for c in weak]] = True
            cols[[c.j for c in weak]] = True
            best = self.p.corpus.best_sentences(self.p.a, self.p.b, only_a=rows & ~chrome_a, only_b=cols & ~chrome_b)
            for c in weak:
                key = (c.i, c.j)
                if best[key] > c.score and not self.p.caption(c.i, c.j):
                    score = float(best[key])
                    cands[key] = Cand(c.i, c.j, score, score >= move_tau)
        return list(cands.values())


    # -- grouping ---------------------------------------------------------------------
    def groups(self) -> list[Group]:
        cands = self.candidates()
        chain = heaviest_chain(cands)
        used_a = {c.i for c in chain}
        used_b = {c.j for c in chain}
        groups = {c.i: Group([c.i], [c.j]) for c in chain}
        for c in sorted(cands, key=lambda c: -c.score):
            if c.movable and c.i not in used_a and c.j not in used_b:
                used_a.add(c.i)
                used_b.add(c.j)
                groups[c.i] = Group([c.i], [c.j])
        result = list(groups.values())
        self.repairs.absorb(result, used_a, used_b)
        self._flag_moves(result)
        self.repairs.fill_gaps(result, used_a, used_b)
        self._flag_moves(result)
        if self.p.kin_weight > 0:
            result = self.repairs.rejoin_boundaries(result)
        return sorted(result, key=lambda g: (min(g.b), min(g.a)))

    def _flag_moves(self, groups: list[Group]) -> None:
        """Links outside the heaviest in-order chain of all links are moves."""
        firsts = list(zip(map(min, [g.a for g in groups]), map(min, [g.b for g in groups])))
        keep = self._in_order(sorted(firsts))
        for g, first in zip(groups, firsts):
            g.moved = keep is not None and first not in keep

    def _in_order(self, firsts: list[tuple[int, int]]) -> set[tuple[int, int]] | None:
        """The links' first blocks that stay in the in-order chain, or None when all are in
        reading order. Kept for the last `firsts`: the second flagging after `_fill_gaps`
        usually sees the same links (it is a function of them alone)."""
        if self._order_of == firsts:
            return self._order_keep
        keep: set[tuple[int, int]] | None = None
        if not all(x[1] < y[1] for x, y in zip(firsts, firsts[1:])):
            # plain tuples: the chain reads fields by position, and a NamedTuple costs more to make
            keep = {(c[0], c[1]) for c in heaviest_chain([(i, j, 1.0, False) for i, j in firsts])}
        self._order_of, self._order_keep = firsts, keep
        return keep

    # -- links ------------------------------------------------------------------------
    def link(self, g: Group) -> Link:
        fa, fb = self.p.fa, self.p.fb
        if len(g.a) == 1 and len(g.b) == 1:  # the common case: no joining
            i, j = g.a[0], g.b[0]
            relation, score = self._relation_1to1(i, j)
            return Link(tuple(g.a), tuple(g.b), relation, g.moved, score, self.p.va.blocks[i].display,
                        self.p.vb.blocks[j].display, self.p.options.granularity, self.p.options.ignore_case,
                        analyses=self.analyses)
        text_a, text_b = link_text(self.p.va, g.a), link_text(self.p.vb, g.b)
        folded_a = " ".join(fa.blocks[i].folded for i in g.a)
        folded_b = " ".join(fb.blocks[j].folded for j in g.b)
        if folded_a == folded_b:
            relation, score = IDENTICAL, 1.0
        else:
            keys_a = _joined_keys([fa.blocks[i].keys for i in g.a])
            keys_b = _joined_keys([fb.blocks[j].keys for j in g.b])
            sim, contained = _verbatim(keys_a, keys_b)
            terms_a = frozenset().union(*(fa.blocks[i].terms for i in g.a))
            terms_b = frozenset().union(*(fb.blocks[j].terms for j in g.b))
            overlap = dice(self.p.corpus.weight_of(terms_a & terms_b), self.p.corpus.weight_of(terms_a),
                           self.p.corpus.weight_of(terms_b))
            score = round(float(max(sim, overlap)), 4)
            relation = EDITED if _is_edit(keys_a, keys_b, sim, contained, self.p.corpus.names) \
                or facts_conflict(text_a, text_b) else PARAPHRASED
        return Link(tuple(g.a), tuple(g.b), relation, g.moved, score, text_a, text_b,
                    self.p.options.granularity, self.p.options.ignore_case, analyses=self.analyses)

    def _relation_1to1(self, i: int, j: int) -> tuple[Relation, float]:
        """Relation and score of a 1:1 link. They depend only on the two texts (and the
        corpus weights), so they are kept per pair of texts like `_verbatim`."""
        x, y = self.p.fa.blocks[i], self.p.fb.blocks[j]
        if x.folded == y.folded:
            return IDENTICAL, 1.0
        key = self._pair_key("rel", i, j)
        got: tuple[Relation, float] | None = self.p.corpus.pair_cache.get(key)
        if got is None:
            sim, contained = self._verbatim(i, j)
            overlap = dice(self.p.shared_weight[i, j], self.p.fa.weight[i], self.p.fb.weight[j])
            # a rewording that states another figure or date is not "the same content" (engine.facts.conflict)
            relation = EDITED if _is_edit(x.keys, y.keys, sim, contained, self.p.corpus.names) \
                or facts_conflict(self.p.va.blocks[i].display, self.p.vb.blocks[j].display) else PARAPHRASED
            got = self.p.corpus.pair_cache[key] = (relation, round(float(max(sim, overlap)), 4))
        return got

    def run(self) -> tuple[list[Link], list[int], list[int]]:
        groups = self.groups()
        links = [self.link(g) for g in groups]
        in_a = {i for g in groups for i in g.a}
        in_b = {j for g in groups for j in g.b}
        dropped = [i for i in range(len(self.p.va.blocks)) if i not in in_a]
        added = [j for j in range(len(self.p.vb.blocks)) if j not in in_b]
        return links, dropped, added


def link_text(version: Version, blocks: list[int] | tuple[int, ...]) -> str:
    """The text of a link's side: its blocks' display texts, joined by a line break."""
    return version.blocks[blocks[0]].display if len(blocks) == 1 else \
        "\n".join(version.blocks[k].display for k in blocks)


def _joined_keys(parts: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The word keys of several blocks, one after the other (one block's own tuple as it is)."""
    return parts[0] if len(parts) == 1 else tuple(itertools.chain.from_iterable(parts))


def _stretch(keys: tuple[str, ...], shared: frozenset[str] | set[str]) -> int:
    """How many content terms of a block lie from the first to the last of `shared`
    (each at its first occurrence), both included."""
    where: dict[str, int] = {}
    for k, term in enumerate(content_terms(keys)):
        if term in shared and term not in where:
            where[term] = k
    if len(where) < len(shared):
        return 1 << 30  # not all found as written: no single phrase
    return max(where.values()) - min(where.values()) + 1
