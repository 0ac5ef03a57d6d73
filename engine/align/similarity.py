"""How alike two blocks are: weighted content-word overlap and verbatim word order.

Each block becomes a set of content terms (stems of words that are not function
words). A term's weight is its rarity: terms that fill many blocks of each version
("Putin", "Korea" in a story about Putin in Korea) say little about which
paragraph is which, rare ones ("Aurus", "1961", "mounted") say a lot. Rarity is
measured per version and averaged, so a paragraph copied into five versions does
not make its own words look common.

For two versions the weighted overlap of every block pair is one sparse product,
done with NumPy by joining the two versions' (term, block) postings — no Python
loop over block pairs, which keeps 20 versions x 200 paragraphs fast.
"""

from __future__ import annotations

from math import fsum
from typing import Any, NamedTuple

import numpy as np

from ..model import CHROME_KINDS, Options, Version
from ..text.names import _MID_WORD, _name_terms  # noqa: F401 (_MID_WORD: read by tests of the rule)
from .features import (  # noqa: F401 (re-exported: the features are part of this stage's API)
    BlockFeatures,
    VersionData,
    VersionFeatures,
    _common,
    _cross_rows,
    _runs,
    block_features,
    stable_order,
)
from .kinship import Kinship
from .sentence_evidence import SentenceEvidence
from .thresholds import RARITY_PRIOR_BLOCKS, RARITY_PRIOR_SHARE

# A term crossing into more pairs than this (and _DENSE_PAIRS, see features) goes
# through a dense product in `cross`.
_DENSE_MIN = 200
# Postings crossed per step of the term-by-term sparse product this module once made:
# its steps fix the order of the weight sums (see `Corpus.cross`).
_CHUNK_PAIRS = 4_000_000
# Rows of the block-pair matrices handled at a time: at most this many cells, and
# postings crossed into at most _STEP_PAIRS pairs (bounds the temporary arrays).
_STEP_CELLS = 1 << 17
_STEP_PAIRS = 1 << 20


class BlockPairs(NamedTuple):
    """Matrices over the block pairs of two versions (rows: blocks of a), see `Corpus.cross`."""

    weight: np.ndarray  # summed rarity weight of the terms they share (float64)
    terms: np.ndarray  # how many terms they share (unsigned integers)
    plain: np.ndarray  # how many of those are not names (the `terms` array itself when none is)
    dice: np.ndarray  # weighted Dice (float64; empty unless asked for)


def _count_type(most: int) -> type[np.unsignedinteger]:
    """The smallest unsigned type that holds counts up to `most`."""
    for t, top in ((np.uint8, 0xFF), (np.uint16, 0xFFFF), (np.uint32, 0xFFFF_FFFF)):
        if most <= top:
            return t
    return np.uint64


def _bits(flags: np.ndarray) -> np.ndarray:
    """Rows of 0/1 flags as rows of uint64 words (flag c: bit c % 64 of word c // 64, on a
    little-endian machine; any fixed mapping serves, as only counts of common bits are read)."""
    rows, n = flags.shape
    padded = np.zeros((rows, (n + 63) // 64 * 64), dtype=bool)
    padded[:, :n] = flags
    return np.packbits(padded, axis=1, bitorder="little").view(np.uint64)


def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (NumPy 2 has it built in; older ones count bytes)."""
    if _BITWISE_COUNT is not None:
        return _BITWISE_COUNT(words)
    return _BYTE_BITS[words.view(np.uint8)].reshape(-1, 8).sum(axis=1, dtype=np.uint8)


_BITWISE_COUNT = getattr(np, "bitwise_count", None)
_BYTE_BITS = np.array([bin(b).count("1") for b in range(256)], dtype=np.uint8)


def _row_postings(vf: VersionFeatures, uniq_at: np.ndarray, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The postings of some terms (positions in vf.uniq), in block order, a block's terms by
    ascending id: each posting's block and its term's `index`."""
    k_of = np.full(len(vf.uniq), -1, dtype=np.int64)
    k_of[uniq_at] = index
    blocks, terms = vf.by_block()
    k_post = k_of[terms]
    keep = k_post >= 0
    return blocks[keep], k_post[keep]


def _steps(pairs: np.ndarray) -> np.ndarray:
    """The step of each term in a term-by-term product that crosses terms in order, each
    step at least one term and at most _CHUNK_PAIRS pairs past its first term."""
    step = np.zeros(len(pairs), dtype=np.int64)
    cum = np.cumsum(pairs)
    if not len(pairs) or int(cum[-1]) <= _CHUNK_PAIRS:
        return step  # one step (most pairs of versions)
    begin, s = 0, 0
    while begin < len(pairs):
        base = int(cum[begin - 1]) if begin else 0
        end = max(int(np.searchsorted(cum, base + _CHUNK_PAIRS, side="right")), begin + 1)
        step[begin:end] = s
        begin, s = end, s + 1
    return step


class Corpus:
    """Term ids and rarity weights shared by every version of one comparison, each version's
    data (`VersionData`), and the two kinds of evidence built on them: `kin` (how much two
    versions share as wording) and `sentences` (the best sentence pair of each block pair)."""

    def __init__(self, versions: list[Version], options: Options) -> None:
        self.options = options
        self.versions = versions
        # Per pair of distinct block texts (BlockFeatures are shared by equal texts, so
        # their ids identify a text): measures that do not depend on which versions hold
        # them, kept because one paragraph recurs in many pairs of versions.
        self.pair_cache: dict[tuple[str, int, int], Any] = {}
        self._term_weight: dict[str, float] | None = None
        self.vocab: dict[str, int] = {}
        self.features: list[VersionFeatures] = []
        cache: dict[str, BlockFeatures] = {}  # versions share many paragraphs verbatim
        for v in versions:
            feats = []
            for b in v.blocks:
                f = cache.get(b.display)
                if f is None:
                    f = cache[b.display] = block_features(b.display, options)
                feats.append(f)
            # Postings (term id, block), term ids in first-seen order; vectorised because
            # a 1 MB version has ~150k of them. A block's terms are taken sorted, not in
            # set order: that order changes with Python's string hashing, and through the
            # ids it would change the order of the weight sums below, their last bits, and
            # so a tie at a threshold from one run to the next.
            all_terms = [t for f in feats for t in f.sorted_terms]
            new = [t for t in dict.fromkeys(all_terms) if t not in self.vocab]
            self.vocab.update(zip(new, range(len(self.vocab), len(self.vocab) + len(new))))
            t_arr = np.fromiter(map(self.vocab.__getitem__, all_terms), dtype=np.int64, count=len(all_terms))
            b_arr = np.repeat(np.arange(len(feats), dtype=np.int64),
                              np.fromiter(map(len, (f.terms for f in feats)), dtype=np.int64, count=len(feats)))
            order = stable_order(t_arr)
            vf = VersionFeatures(feats, [b.kind for b in v.blocks], t_arr[order], b_arr[order])
            vf.uniq, vf.starts, vf.counts = _runs(vf.term_ids)
            vf.size = len(feats)
            self.features.append(vf)
        # Rarity: the share of blocks containing the term, per version, averaged over
        # versions. A prior of RARITY_PRIOR_BLOCKS pseudo-blocks at RARITY_PRIOR_SHARE keeps short
        # inputs (two one-sentence versions: every shared word in "all" blocks) from
        # making shared words look common; long articles barely feel it.
        share = np.zeros(len(self.vocab), dtype=np.float64)
        prior = 0.0
        for v, vf in zip(versions, self.features):
            n = len(v.blocks) + RARITY_PRIOR_BLOCKS
            prior += RARITY_PRIOR_BLOCKS * RARITY_PRIOR_SHARE / n
            # a block's terms are a set, so a term's postings count the blocks holding it
            share[vf.uniq] += vf.counts / n
        share = (share + prior) / max(1, len(versions))
        self.names = _name_terms(versions)
        self.is_name = np.zeros(len(self.vocab), dtype=bool)
        for t in self.names:
            if t in self.vocab:
                self.is_name[self.vocab[t]] = True
        self.idf = np.maximum(0.1, -np.log(share + 0.01)).astype(np.float64)
        for vf in self.features:
            vf.weight = np.bincount(vf.block_ids, weights=self.idf[vf.term_ids],
                                    minlength=len(vf.blocks)).astype(np.float64)
        self.data = [VersionData(np.array([k in CHROME_KINDS for k in vf.kinds], dtype=bool)) for vf in self.features]
        self.kin = Kinship(versions, self.features, self.data)
        self.sentences = SentenceEvidence(versions, self.vocab, self.idf, self.is_name, self.data)

    def kinship(self, a: int, b: int) -> float:
        """How much versions a and b share as wording (`Kinship.kinship`)."""
        return self.kin.kinship(a, b)

    def best_sentences(self, a: int, b: int, min_plain: int = 3, only_a: np.ndarray | None = None,
                       only_b: np.ndarray | None = None) -> np.ndarray:
        """The best sentence pair of each block pair (`SentenceEvidence.best_sentences`)."""
        return self.sentences.best_sentences(a, b, min_plain, only_a, only_b)

    def blocks_by_text(self, v: int) -> dict[str, list[int]]:
        """Version v's block indices by folded text (for identical-text links)."""
        d = self.data[v]
        if d.by_text is None:
            d.by_text = {}
            for j, f in enumerate(self.features[v].blocks):
                d.by_text.setdefault(f.folded, []).append(j)
        return d.by_text

    def chrome(self, v: int) -> np.ndarray:
        """Which blocks of version v are site chrome (boilerplate)."""
        return self.data[v].chrome

    def shared(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Block-pair matrices of versions a and b: shared weight, shared terms, shared
        terms besides names; see `cross`."""
        got = self.cross(self.features[a], self.features[b])
        return got.weight, got.terms, got.plain

    def block_pairs(self, a: int, b: int) -> BlockPairs:
        """`shared` and the weighted Dice of every block pair (what pairwise alignment reads)."""
        return self.cross(self.features[a], self.features[b], with_dice=True)

    def cross(self, fa: VersionFeatures, fb: VersionFeatures, with_dice: bool = False) -> BlockPairs:
        """Matrices over block pairs (i of version a, j of version b): the summed weight of
        the content terms they share, how many terms they share, how many of those are not
        names, and (`with_dice`) their weighted Dice 2 x shared / (weight of i + weight of j).

        It is the sparse product of the two versions' block-term matrices. Terms that
        fill many blocks of both versions would cross into millions of pairs; their
        share is a small dense matrix product. The other terms' postings are crossed a
        few rows of the matrix at a time, into temporaries the size of those rows: two
        1 MB versions make 5M block pairs, and every matrix of that size freshly
        allocated costs its page faults. Counts are integers of the smallest type that
        holds them.

        The weight sums are bit for bit those of the term-by-term product this replaced
        (a tie at a threshold depends on the last bit): a cell starts from its dense
        product, then adds the sum of its other terms, taken in term order from 0, in
        steps of terms that cross into at most _CHUNK_PAIRS pairs each.
        """
        na, nb = fa.size, fb.size
        weight = np.zeros((na, nb), dtype=np.float64)
        count = np.zeros((na, nb), dtype=_count_type(min(fa.most_terms(), fb.most_terms())))
        dice = np.empty((na, nb), dtype=np.float64) if with_dice else weight[:0]
        common = ia = ib = np.zeros(0, dtype=np.int64)
        if len(fa.term_ids) and len(fb.term_ids):
            common, ia, ib = _common(fa.uniq, fb.uniq)
        ca, cb, sb = fa.counts[ia], fb.counts[ib], fb.starts[ib]
        idf, is_name = self.idf[common], self.is_name[common]
        pairs = ca * cb
        # A term crossing into more pairs than this costs less as a column of a dense
        # product (BLAS) than as postings: about 1% of the matrix, measured here.
        dense = pairs > max(_DENSE_MIN, na * nb // 100)
        cols = np.flatnonzero(dense)
        da = np.zeros((na, len(cols)), dtype=np.float64)
        db = np.zeros((nb, len(cols)), dtype=np.float64)
        if len(cols):
            sa = fa.starts[ia]
            for col, t in enumerate(cols.tolist()):
                da[fa.block_ids[sa[t]:sa[t] + ca[t]], col] = 1.0
                db[fb.block_ids[sb[t]:sb[t] + cb[t]], col] = 1.0
            np.matmul(da * idf[cols], db.T, out=weight)  # one product: its sums are what they always were
        # which dense terms each block holds, as bits (their counts are popcounts)
        bits_a, bits_b, name_bits = _bits(da > 0), _bits(db > 0), _bits(is_name[cols][None, :])[0]
        sparse = np.flatnonzero(~dense)
        rows, ks = _row_postings(fa, ia[sparse], sparse)
        step_of = np.zeros(len(common), dtype=np.int64)
        step_of[sparse] = _steps(pairs[sparse])
        several = bool(len(sparse)) and int(step_of[sparse[-1]]) > 0
        reps_all = cb[ks]  # pairs each posting crosses into
        one_step = na * nb <= _STEP_CELLS and int(reps_all.sum()) <= _STEP_PAIRS  # most pairs of versions
        row_post = row_pairs = reps_all[:0]
        if not one_step:
            row_post = np.searchsorted(rows, np.arange(na + 1))  # where each row's postings start
            per_post = np.zeros(len(ks) + 1, dtype=np.int64)
            np.cumsum(reps_all, out=per_post[1:])
            row_pairs = per_post[row_post]  # pairs crossed before each row
        has_names = bool(name_bits.any()) or bool(is_name[sparse].any())
        plain = np.zeros_like(count) if has_names else count  # without shared names: the same counts
        flat_w, flat_c, flat_p = weight.reshape(-1), count.reshape(-1), plain.reshape(-1)
        step_rows = max(1, _STEP_CELLS // max(1, nb))
        half_a, half_b = fa.weight * 0.5, fb.weight * 0.5
        weighed = bool((fa.weight > 0).all() or (fb.weight > 0).all())  # no pair of blocks weighs 0
        r0 = 0
        while r0 < na:
            if one_step:
                r1 = na
                p0, p1 = 0, len(ks)
            else:
                by_pairs = int(np.searchsorted(row_pairs, row_pairs[r0] + _STEP_PAIRS, side="right")) - 1
                r1 = min(na, r0 + step_rows, max(r0 + 1, by_pairs))
                p0, p1 = int(row_post[r0]), int(row_post[r1])
            cells, size = slice(r0 * nb, r1 * nb), (r1 - r0) * nb
            got = np.zeros(size, dtype=np.int64)  # terms shared, then (with names) those besides names
            names = np.zeros(size, dtype=np.int64) if has_names else got[:0]
            for w in range(bits_a.shape[1]):
                both = np.bitwise_and.outer(bits_a[r0:r1, w], bits_b[:, w]).reshape(-1)
                got += _popcount(both)
                if name_bits[w]:
                    names += _popcount(np.bitwise_and(both, name_bits[w], out=both))
            if p1 > p0:
                k = ks[p0:p1]
                reps = cb[k]
                flat = _cross_rows(fb.block_ids, rows[p0:p1] - r0, sb[k], reps, nb)
                w_flat = np.repeat(idf[k], reps)
                if several:  # one sum per step of the old product, added in step order
                    st = np.repeat(step_of[k], reps)
                    for s_ in range(int(st.min()), int(st.max()) + 1):
                        part = st == s_
                        if part.any():
                            flat_w[cells] += np.bincount(flat[part], weights=w_flat[part], minlength=size)
                else:
                    flat_w[cells] += np.bincount(flat, weights=w_flat, minlength=size)
                got += np.bincount(flat, minlength=size)
                if has_names:
                    named = np.repeat(is_name[k], reps)
                    if named.any():
                        names += np.bincount(flat[named], minlength=size)
            flat_c[cells] = got
            if has_names:
                flat_p[cells] = got - names
            if with_dice:
                # 2 x shared / (wa + wb), 0 where both weigh nothing, as shared / (wa/2 + wb/2):
                # halving is exact, so both give the same bits, and this one pass less.
                denom = half_a[r0:r1, None] + half_b[None, :]
                if not weighed:
                    denom[denom <= 0] = 0.5  # weights are sums of positive rarities: never NaN
                np.divide(weight[r0:r1], denom, out=dice[r0:r1])
            r0 = r1
        return BlockPairs(weight, count, plain, dice)

    def weight_of(self, terms: frozenset[str] | set[str]) -> float:
        """Summed rarity weight of terms (a plain dict: NumPy scalar indexing is slow here).
        `fsum` rounds once, so the sum does not depend on the set's (hash-seeded) order."""
        tw = self._term_weight
        if tw is None:
            tw = self._term_weight = dict(zip(self.vocab, self.idf.tolist()))
        try:
            return fsum(map(tw.__getitem__, terms))  # block terms are all in the vocabulary
        except KeyError:
            return fsum(tw.get(t, 0.0) for t in terms)


def dice(shared: float, wa: float, wb: float) -> float:
    total = wa + wb
    return 2.0 * shared / total if total > 0 else 0.0

