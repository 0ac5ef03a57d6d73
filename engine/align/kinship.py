"""Kinship: how much two versions share as wording (narrative word 3-grams).

A rewrite keeps phrases of its source even where it rewords; two independent
reports of one event share names and the quotes both reporters heard, so a few
percent. The aligner eases its thresholds by it (`thresholds.derived_share`).
`similarity.Corpus` holds one `Kinship`, built with what it reads: the versions, their
block features and the corpus's typed per-version data (`VersionData`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..model import Version
from ..text.textnorm import narrative_ngrams
from .features import VersionData, VersionFeatures
from .thresholds import KIN_COUNT_BELOW, KIN_MIN_PASSAGES, QUOTED_KIN

# Most cells (versions x distinct 3-grams) of the membership matrix that counts every
# pair's shared 3-grams at once; a larger corpus intersects the sets pair by pair.
_MATRIX_CELLS = 8_000_000
# Fewer than this (pairs x blocks of all versions), the pair-by-pair intersections of small
# sets cost less than building the matrix (an archive family of five 20-paragraph stories).
_MATRIX_MIN_WORK = 100_000


def _has_quote(display: str) -> bool:
    """Does the text hold a quotation mark? (Three substring searches in C: a set's
    `isdisjoint` walks the text a character at a time.)"""
    return '"' in display or "\u201c" in display or "\u201d" in display


class Kinship:
    """Narrative 3-gram hashes per version and the kinship of two versions (see the module docstring)."""

    def __init__(self, versions: list[Version], features: list[VersionFeatures], data: list[VersionData]) -> None:
        self.versions, self.features, self.data = versions, features, data
        self._block_grams: dict[tuple[str, bool], frozenset[int]] = {}  # (block text, narrative only) -> hashes
        self._counts: dict[bool, np.ndarray | None] = {}  # with quotations? -> shared 3-grams of every pair
        self._tuples: dict[int, set[tuple[str, ...]]] = {}  # version -> its narrative 3-grams (`_trigram_tuples`)

    def gram_hashes(self, v: int, quotes: bool = False) -> frozenset[int]:
        """Hashes of version v's narrative word 3-grams (content blocks, quotations left
        out; see `kinship`); with `quotes`, of every word 3-gram of its content blocks."""
        kept = self.data[v].gram_hashes
        got = kept.get(quotes)
        if got is None:
            # One set per block text, kept: versions share most paragraphs verbatim (20
            # versions of 200 paragraphs hold a few hundred texts, not 4,000).
            got = kept[quotes] = frozenset().union(*(
                self._block_trigrams(bi_feats, b.display, quotes)
                for bi_feats, b, off in zip(self.features[v].blocks, self.versions[v].blocks, self.data[v].chrome)
                if not off))
        return got

    def _block_trigrams(self, feats: Any, display: str, quotes: bool) -> frozenset[int]:
        """Hashes of one block's word 3-grams: narrative ones only when `quotes` is false and
        the block holds a quotation mark; cached per text (hashes, not tuples: intersecting
        sets of ints is several times faster)."""
        narrative = not quotes and _has_quote(display)
        key = (display, narrative)
        got = self._block_grams.get(key)
        if got is None:
            got = self._block_grams[key] = frozenset(map(hash, self._grams_of(feats.keys, display, narrative)))
        return got

    @staticmethod
    def _grams_of(keys: tuple[str, ...], display: str, narrative: bool) -> set[tuple[str, ...]]:
        """A block's word 3-grams as tuples: outside quotations, or of its words as they are."""
        return narrative_ngrams(display, 3) if narrative else set(zip(keys, keys[1:], keys[2:]))

    def _trigram_tuples(self, v: int) -> set[tuple[str, ...]]:
        """Version v's narrative 3-grams as tuples (rarely needed: built on demand, kept
        for the version's other pairs)."""
        kept = self._tuples.get(v)
        if kept is None:
            kept = self._tuples[v] = self._build_trigram_tuples(v)
        return kept

    def _build_trigram_tuples(self, v: int) -> set[tuple[str, ...]]:
        chrome = self.data[v].chrome
        grams: set[tuple[str, ...]] = set()
        for feats, b, off in zip(self.features[v].blocks, self.versions[v].blocks, chrome):
            if not off:
                grams |= self._grams_of(feats.keys, b.display, _has_quote(b.display))
        return grams

    def kinship(self, a: int, b: int) -> float:
        """How much two versions share as wording: the share of the smaller one's
        narrative word 3-grams found in the other. A rewrite keeps phrases of its source even
        where it rewords; two independent reports of one event share names and the
        quotes both reporters heard, so a few percent. Quotations count only when many
        3-grams are shared (a long statement carried whole, not a quote or two), and then
        at `QUOTED_KIN` of their share: a rewrite that keeps its source's quoted statement
        but rewords the rest is still kin, just less surely."""
        narrative = self._shared_share(a, b, False)
        if narrative >= QUOTED_KIN:  # a share is at most 1: the quotations cannot count for more
            return narrative
        return max(narrative, QUOTED_KIN * self._shared_share(a, b, True))

    def _shared_counts(self, quotes: bool) -> np.ndarray | None:
        """How many 3-gram hashes each pair of versions shares, all pairs at once (the
        diagonal: each version's own count): a versions x distinct-3-grams membership
        matrix times its transpose. Three or more versions are compared pair by pair, and
        intersecting their sets each time costs more than this one product (20 versions
        of 200 paragraphs: 190 intersections of ~25,000 hashes). The matrix is filled from
        each distinct block text's 3-grams, numbered once. None for two versions, a small
        corpus (`_MATRIX_MIN_WORK`), or when the matrix would be too large."""
        if quotes in self._counts:
            return self._counts[quotes]
        n = len(self.versions)
        counts = None
        if n >= 3 and n * (n - 1) // 2 * sum(len(v.blocks) for v in self.versions) >= _MATRIX_MIN_WORK:
            distinct: dict[int, frozenset[int]] = {}  # id -> a block text's 3-gram set
            rows: list[list[int]] = []
            for v in range(n):
                row = []
                for feats, b, off in zip(self.features[v].blocks, self.versions[v].blocks, self.data[v].chrome):
                    if not off:
                        grams = self._block_trigrams(feats, b.display, quotes)
                        distinct[id(grams)] = grams
                        row.append(id(grams))
                rows.append(row)
            sets = list(distinct.values())
            sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
            every = np.concatenate([np.fromiter(g, dtype=np.int64, count=len(g)) for g in sets]) \
                if sets else np.zeros(0, dtype=np.int64)
            uniq, column = np.unique(every, return_inverse=True)
            if n * len(uniq) <= _MATRIX_CELLS:
                ends = np.cumsum(sizes)
                where = {k: (int(e - z), int(e)) for k, z, e in zip(distinct, sizes.tolist(), ends.tolist())}
                member = np.zeros((n, len(uniq)), dtype=np.float64)
                for v, row in enumerate(rows):
                    if row:  # a 3-gram in two blocks counts once
                        member[v, np.concatenate([column[slice(*where[k])] for k in row])] = 1.0
                counts = member @ member.T  # exact: integer sums far below 2**53
        self._counts[quotes] = counts
        return counts

    def _shared_share(self, a: int, b: int, quotes: bool) -> float:
        counts = self._shared_counts(quotes)
        if counts is not None and counts[a, b] >= KIN_COUNT_BELOW:  # then neither version is empty
            return int(counts[a, b]) / int(min(counts[a, a], counts[b, b]))
        ta, tb = self.gram_hashes(a, quotes), self.gram_hashes(b, quotes)
        if not ta or not tb:
            return 0.0
        small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        shared = small & large
        # One shared passage is chance or a stock phrase, whatever the share:
        # count the passages (runs of overlapping 3-grams: a run starts at a 3-gram
        # that no shared 3-gram leads into). Many shared 3-grams need no count: even
        # one long passage copied word for word is kinship.
        if len(shared) < KIN_COUNT_BELOW:
            if quotes:  # a quote or two both reporters heard: no kinship
                return 0.0
            grams = [g for g in self._trigram_tuples(a) if hash(g) in shared]
            tails = {g[1:] for g in grams}
            if sum(1 for g in grams if g[:2] not in tails) < KIN_MIN_PASSAGES:
                return 0.0
        return len(shared) / len(small)
