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
from typing import Any

import numpy as np

from ..model import CHROME_KINDS, Options, Version
from ..text.names import _MID_WORD, _name_terms  # noqa: F401 (_MID_WORD: read by tests of the rule)
from .features import (  # noqa: F401 (re-exported: the features are part of this stage's API)
    BlockFeatures,
    VersionData,
    VersionFeatures,
    _common,
    _pair_cells,
    _runs,
    block_features,
)
from .kinship import Kinship
from .sentence_evidence import SentenceEvidence
from .thresholds import RARITY_PRIOR_BLOCKS, RARITY_PRIOR_SHARE

# A term crossing into more pairs than this (and _DENSE_PAIRS, see features) goes
# through a dense product in `cross`.
_DENSE_MIN = 200
# Postings crossed per step of the sparse product (bounds the temporary arrays).
_CHUNK_PAIRS = 4_000_000


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
            order = np.argsort(t_arr, kind="stable")
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
        """Block-pair matrices of versions a and b; see `cross`."""
        return self.cross(self.features[a], self.features[b])

    def cross(self, fa: VersionFeatures, fb: VersionFeatures) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Three matrices over block pairs (i of version a, j of version b): the summed
        weight of the content terms they share, how many terms they share, and how
        many of those are not names.

        It is the sparse product of the two versions' block-term matrices: postings of
        each common term are crossed, in chunks that bound memory. Terms that fill many
        blocks of both versions would cross into millions of pairs; their share is a
        small dense matrix product instead.
        """
        na, nb = fa.size, fb.size
        weight = np.zeros(na * nb, dtype=np.float64)
        count = np.zeros(na * nb, dtype=np.float64)
        names = np.zeros(na * nb, dtype=np.float64)  # shared terms that are names

        def result() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            np.subtract(count, names, out=names)  # now: shared terms that are not names
            return weight.reshape(na, nb), count.reshape(na, nb), names.reshape(na, nb)

        common = np.zeros(0, dtype=np.int64)
        if len(fa.term_ids) and len(fb.term_ids):
            common, ia, ib = _common(fa.uniq, fb.uniq)
        if not len(common):
            return result()
        ca, cb, sa, sb = fa.counts[ia], fb.counts[ib], fa.starts[ia], fb.starts[ib]
        idf, is_name = self.idf[common], self.is_name[common]
        pairs = ca * cb
        # A term crossing into more pairs than this costs less as a column of a dense
        # product (BLAS) than as postings: about 1% of the matrix, measured here.
        dense = pairs > max(_DENSE_MIN, na * nb // 100)
        if dense.any():
            cols = np.nonzero(dense)[0]
            da = np.zeros((na, len(cols)), dtype=np.float64)
            db = np.zeros((nb, len(cols)), dtype=np.float64)
            for col, t in enumerate(cols.tolist()):
                da[fa.block_ids[sa[t]:sa[t] + ca[t]], col] = 1.0
                db[fb.block_ids[sb[t]:sb[t] + cb[t]], col] = 1.0
            # straight into the (still zero) accumulators: no 3 x na x nb temporaries
            np.matmul(da * idf[cols], db.T, out=weight.reshape(na, nb))
            np.matmul(da, db.T, out=count.reshape(na, nb))
            named = is_name[cols]
            if named.any():
                np.matmul(da[:, named], db[:, named].T, out=names.reshape(na, nb))
        sparse = np.nonzero(~dense)[0]
        cum = np.cumsum(pairs[sparse])
        begin = 0
        while begin < len(sparse):
            base = int(cum[begin - 1]) if begin else 0
            end = max(int(np.searchsorted(cum, base + _CHUNK_PAIRS, side="right")), begin + 1)
            chunk = sparse[begin:end]
            flat, k = _pair_cells(fa.block_ids, fb.block_ids, sa[chunk], ca[chunk], sb[chunk], cb[chunk], nb)
            weight += np.bincount(flat, weights=idf[chunk][k], minlength=na * nb)
            count += np.bincount(flat, minlength=na * nb)
            named = is_name[chunk][k]
            if named.any():
                names += np.bincount(flat[named], minlength=na * nb)
            begin = end
        return result()

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

