"""Kinship: how much two versions share as wording (narrative word 3-grams).

A rewrite keeps phrases of its source even where it rewords; two independent
reports of one event share names and the quotes both reporters heard, so a few
percent. The aligner eases its thresholds by it (`thresholds.derived_share`).
`Kinship` is a mixin of `similarity.Corpus`: it reads the corpus's versions,
features and per-version caches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..text.textnorm import narrative_ngrams

# Fewest separate passages of narration two versions must share before kinship counts.
KIN_MIN_PASSAGES = 2
_QUOTE_CHARS = frozenset('"\u201c\u201d')
# Below this many shared 3-grams the passages are counted (one passage is chance).
_KIN_COUNT_BELOW = 40
# Quotations count at this share of theirs (a long statement carried whole).
_QUOTED_KIN = 0.5


class Kinship:
    """Narrative 3-grams per version and the kinship of two versions (see the module docstring)."""

    versions: list
    features: list
    _per_version: dict[tuple[Any, ...], Any]

    chrome: Callable[[int], np.ndarray]  # Corpus.chrome

    def trigrams(self, v: int, quotes: bool = False) -> frozenset[int]:
        """Version v's narrative word 3-grams (content blocks, quotations left out), as
        hashes (see `kinship`); with `quotes`, every word 3-gram of its content blocks."""
        key = ("trigrams", v, quotes)
        got = self._per_version.get(key)
        if got is None:
            chrome = self.chrome(v)
            grams: set[tuple[str, ...]] = set()
            for bi, b in enumerate(self.versions[v].blocks):
                if chrome[bi]:
                    continue
                if quotes or _QUOTE_CHARS.isdisjoint(b.display):
                    k = self.features[v].blocks[bi].keys  # no quotation: the block's words as they are
                    grams.update(zip(k, k[1:], k[2:]))
                else:
                    grams |= narrative_ngrams(b.display, 3)
            # hashes, not tuples: intersecting sets of ints is several times faster
            got = self._per_version[key] = frozenset(map(hash, grams))
            self._per_version[("trigram_tuples", v, quotes)] = grams
        return got

    def kinship(self, a: int, b: int) -> float:
        """How much two versions share as wording: the share of the smaller one's
        narrative word 3-grams found in the other. A rewrite keeps phrases of its source even
        where it rewords; two independent reports of one event share names and the
        quotes both reporters heard, so a few percent. Quotations count only when many
        3-grams are shared (a long statement carried whole, not a quote or two), and then
        at `_QUOTED_KIN` of their share: a rewrite that keeps its source's quoted statement
        but rewords the rest is still kin, just less surely."""
        narrative = self._shared_share(a, b, False)
        if narrative >= _QUOTED_KIN:  # a share is at most 1: the quotations cannot count for more
            return narrative
        return max(narrative, _QUOTED_KIN * self._shared_share(a, b, True))

    def _shared_share(self, a: int, b: int, quotes: bool) -> float:
        ta, tb = self.trigrams(a, quotes), self.trigrams(b, quotes)
        if not ta or not tb:
            return 0.0
        small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        shared = small & large
        # One shared passage is chance or a stock phrase, whatever the share:
        # count the passages (runs of overlapping 3-grams: a run starts at a 3-gram
        # that no shared 3-gram leads into). Many shared 3-grams need no count: even
        # one long passage copied word for word is kinship.
        if len(shared) < _KIN_COUNT_BELOW:
            if quotes:  # a quote or two both reporters heard: no kinship
                return 0.0
            grams = [g for g in self._per_version[("trigram_tuples", a, quotes)] if hash(g) in shared]
            tails = {g[1:] for g in grams}
            if sum(1 for g in grams if g[:2] not in tails) < KIN_MIN_PASSAGES:
                return 0.0
        return len(shared) / len(small)
