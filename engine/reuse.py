"""How much of one version stands word for word in another, and how alike two are.

Reuse follows WCopyfind and churnalism: a word of version a counts as reused
from b when it lies inside a run of at least `MIN_RUN` consecutive words that also
occurs in b (normalised: case, quotes, dashes). Site chrome is left out, so two
pages sharing "Leave a Reply" do not look related.

Similarity is symmetric: the share of both versions' words that sit in linked
blocks, each link counted by its score.
"""

from __future__ import annotations

import numpy as np

from .model import Link, Version
from .textnorm import word_keys

# Shortest shared run of words that counts as reuse (WCopyfind's default is 6).
MIN_RUN = 6


def content_words(version: Version) -> list[str]:
    """Normalised words of the version's content blocks, boilerplate left out."""
    out: list[str] = []
    for b in version.blocks:
        if b.is_content:
            out.extend(word_keys(b.display))
            out.append("\x00")  # a block boundary: no run crosses it
    return out


def _run_hashes(words: list[str], n: int) -> np.ndarray:
    """Hash of every run of n words starting at each position (-1 where a run crosses a block end)."""
    if len(words) < n:
        return np.zeros(0, dtype=np.int64)
    # word ids must agree across versions: Python's string hash does within one process
    seq = np.fromiter((hash(w) for w in words), dtype=np.int64, count=len(words))
    # polynomial rolling hash over word ids (collisions only make reuse look slightly higher)
    h = np.zeros(len(words) - n + 1, dtype=np.int64)
    for k in range(n):
        h = h * np.int64(1_000_003) + seq[k:len(words) - n + 1 + k]
    crosses = np.convolve((seq == hash("\x00")).astype(np.int64), np.ones(n, dtype=np.int64), "valid") > 0
    h[crosses] = -1
    return h


def reused_share(words_a: list[str], hashes_a: np.ndarray, sorted_b: np.ndarray, n: int = MIN_RUN,
                 total: int | None = None) -> float:
    """Share of a's words inside runs of >= n words that b also has (`sorted_b`: b's run hashes, sorted)."""
    if total is None:
        total = sum(1 for w in words_a if w != "\x00")
    if total == 0 or not len(hashes_a) or not len(sorted_b):
        return 0.0
    at = np.minimum(np.searchsorted(sorted_b, hashes_a), len(sorted_b) - 1)
    hit = (sorted_b[at] == hashes_a) & (hashes_a != -1)
    # a word is covered when any run of n words containing it is a hit
    covered = np.convolve(hit.astype(np.int64), np.ones(n, dtype=np.int64))[: len(words_a)] > 0
    return float(covered.sum()) / total


class ReuseIndex:
    """Word lists and run hashes of each version, computed once per comparison."""

    def __init__(self, versions: list[Version], n: int = MIN_RUN) -> None:
        self.n = n
        self.words = [content_words(v) for v in versions]
        self.hashes = [_run_hashes(w, n) for w in self.words]
        self.sorted = [np.unique(h[h != -1]) for h in self.hashes]
        self.totals = [sum(1 for w in words if w != "\x00") for words in self.words]

    def share(self, a: int, b: int) -> float:
        """Share of version a's words that stand verbatim in version b."""
        return reused_share(self.words[a], self.hashes[a], self.sorted[b], self.n, self.totals[a])


def similarity(va: Version, vb: Version, links: list[Link]) -> float:
    """Share of both versions' content words in linked blocks, weighted by link score."""
    total = sum(b.words for b in va.blocks if b.is_content) + sum(b.words for b in vb.blocks if b.is_content)
    if total == 0:
        return 1.0 if not va.blocks and not vb.blocks else 0.0
    got = 0.0
    for link in links:
        words = sum(va.blocks[i].words for i in link.a if va.blocks[i].is_content) + \
            sum(vb.blocks[j].words for j in link.b if vb.blocks[j].is_content)
        got += link.score * words
    return min(1.0, got / total)
