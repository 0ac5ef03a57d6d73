"""Kinship: how much two versions share as wording (narrative word 3-grams).

A rewrite keeps phrases of its source even where it rewords; two independent
reports of one event share names and the quotes both reporters heard, so a few
percent. The aligner eases its thresholds by it (`thresholds.derived_share`).
`similarity.Corpus` holds one `Kinship`, built with what it reads: the versions, their
block features and the corpus's typed per-version data (`VersionData`).
"""

from __future__ import annotations

from typing import Any

from ..model import Version
from ..text.textnorm import narrative_ngrams
from .features import VersionData, VersionFeatures
from .thresholds import KIN_COUNT_BELOW, KIN_MIN_PASSAGES, QUOTED_KIN


def _has_quote(display: str) -> bool:
    """Does the text hold a quotation mark? (Three substring searches in C: a set's
    `isdisjoint` walks the text a character at a time.)"""
    return '"' in display or "\u201c" in display or "\u201d" in display


class Kinship:
    """Narrative 3-gram hashes per version and the kinship of two versions (see the module docstring)."""

    def __init__(self, versions: list[Version], features: list[VersionFeatures], data: list[VersionData]) -> None:
        self.versions, self.features, self.data = versions, features, data
        self._block_grams: dict[tuple[str, bool], frozenset[int]] = {}  # (block text, narrative only) -> hashes
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

    def _shared_share(self, a: int, b: int, quotes: bool) -> float:
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
