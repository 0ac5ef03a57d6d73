"""How much of one version stands word for word in another, and how alike two are.

Reuse follows WCopyfind and churnalism: a word of version a counts as reused
from b when it lies inside a run of at least `MIN_RUN` consecutive words that also
occurs in b (normalised: case, quotes, dashes). Site chrome is left out, so two
pages sharing "Leave a Reply" do not look related. A block too short to hold a run
(a headline of five words) counts when b has a block of exactly the same words, so an
exact copy reuses 100%.

Similarity is symmetric: the share of both versions' words that sit in linked
blocks, each link counted by its score.
"""

from __future__ import annotations

import numpy as np

from ..model import Link, Version
from ..text.textnorm import word_keys

# Shortest shared run of words that counts as reuse (WCopyfind's default is 6).
MIN_RUN = 6


def content_words(version: Version, keys: list[tuple[str, ...]] | None = None) -> list[str]:
    """Normalised words of the version's content blocks, boilerplate left out.

    `keys` are the blocks' word keys when the caller has them already.
    """
    out: list[str] = []
    for k, b in enumerate(version.blocks):
        if b.is_content:
            out.extend(keys[k] if keys is not None else word_keys(b.display))
            out.append("\x00")  # a block boundary: no run crosses it
    return out


def _short_blocks(version: Version, keys: list[tuple[str, ...]] | None, n: int) -> list[tuple[str, ...]]:
    """Word keys of the version's content blocks that are too short for a run of n words."""
    out = []
    for k, b in enumerate(version.blocks):
        if b.is_content:
            kw = tuple(keys[k]) if keys is not None else tuple(word_keys(b.display))
            if 0 < len(kw) < n:
                out.append(kw)
    return out


def _distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an integer array, as `np.unique` gives them. Its plain form
    asks `np.ma` whether the array is masked, and importing numpy.ma costs ~7 ms of every
    short comparison's start."""
    out = np.sort(values)
    if len(out) < 2:
        return out
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def _distinct_inverse(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct run hashes of one version (-1, a run crossing a block end, left
    out) and where each run's hash is among them (-1 for those left out)."""
    order = np.argsort(h)  # equal hashes get one place in any order: no stable sort needed (6x slower)
    ordered = h[order]
    new = np.empty(len(h), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    place = np.cumsum(new) - 1
    distinct = ordered[new]
    marker = int(np.searchsorted(distinct, -1))  # -1 sorts among the hashes (any int64)
    if marker < len(distinct) and distinct[marker] == -1:
        distinct = np.delete(distinct, marker)
        place[place == marker] = -1  # as an index: the 0 the caller appends
        place[place > marker] -= 1
    inverse = np.empty(len(h), dtype=np.int64)
    inverse[order] = place
    return distinct, inverse


def _run_hashes(words: list[str], n: int) -> np.ndarray:
    """Hash of every run of n words starting at each position (-1 where a run crosses a block end)."""
    if len(words) < n:
        return np.zeros(0, dtype=np.int64)
    # word ids must agree across versions: Python's string hash does within one process
    seq = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
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
        total = len(words_a) - words_a.count("\x00")
    if total == 0 or not len(hashes_a) or not len(sorted_b):
        return 0.0
    at = np.minimum(np.searchsorted(sorted_b, hashes_a), len(sorted_b) - 1)
    hit = (sorted_b[at] == hashes_a) & (hashes_a != -1)
    # a word is covered when any run of n words containing it is a hit
    covered = np.convolve(hit.astype(np.int64), np.ones(n, dtype=np.int64))[: len(words_a)] > 0
    return float(covered.sum()) / total


class ReuseIndex:
    """Every version's runs of words, and which versions hold each run, computed once.

    For up to 62 versions a bit mask per distinct run says which versions hold it,
    so each pair's share is a bit test over one version's runs (no set per pair).
    """

    def __init__(self, versions: list[Version], n: int = MIN_RUN,
                 keys: list[list[tuple[str, ...]]] | None = None) -> None:
        self.n = n
        self.words = [content_words(v, keys[k] if keys else None) for k, v in enumerate(versions)]
        self.hashes = [_run_hashes(w, n) for w in self.words]
        self.totals = [len(words) - words.count("\x00") for words in self.words]
        self.masks: list[np.ndarray] | None = None
        # Content blocks shorter than a run: their word keys -> words (see `_short_share`).
        self.short = [_short_blocks(v, keys[k] if keys else None, n) for k, v in enumerate(versions)]
        self.sorted = []
        inverses = []  # per version: each run's place among its distinct runs (-1 for none)
        for h in self.hashes:
            distinct, inverse = _distinct_inverse(h)
            self.sorted.append(distinct)
            inverses.append(inverse)
        if 0 < len(versions) <= 62:
            # One sort of all versions' distinct runs; a run is distinct within a version, so
            # each version sets its bit with a plain (not an unbuffered `ufunc.at`) update.
            distinct = _distinct(np.concatenate(self.sorted)) if self.sorted else np.zeros(0, dtype=np.int64)
            bits = np.zeros(len(distinct), dtype=np.int64)
            at = [np.searchsorted(distinct, u) for u in self.sorted]
            for k, where in enumerate(at):
                bits[where] |= np.left_shift(np.int64(1), k)
            self.masks = []
            for where, inverse in zip(at, inverses):
                of_distinct = np.append(bits[where], 0)  # index -1 (a run crossing a block end): no bit
                self.masks.append(of_distinct[inverse])

    def share(self, a: int, b: int) -> float:
        """Share of version a's words that stand verbatim in version b."""
        return min(1.0, self._run_share(a, b) + self._short_share(a, b))

    def _run_share(self, a: int, b: int) -> float:
        if self.masks is None:
            return reused_share(self.words[a], self.hashes[a], self.sorted[b], self.n, self.totals[a])
        if self.totals[a] == 0 or not len(self.masks[a]):
            return 0.0
        hit = (self.masks[a] >> b) & 1
        covered = np.convolve(hit, np.ones(self.n, dtype=np.int64))[: len(self.words[a])] > 0
        return float(covered.sum()) / self.totals[a]

    def _short_share(self, a: int, b: int) -> float:
        """Words of a's short blocks that b has as a block of the same words (no run can
        cover them, since runs do not cross block ends, so nothing is counted twice)."""
        if not self.totals[a] or not self.short[a] or not self.short[b]:
            return 0.0
        other = set(self.short[b])
        return sum(len(k) for k in self.short[a] if k in other) / self.totals[a]


def similarity(va: Version, vb: Version, links: list[Link]) -> float:
    """Share of both versions' content words in linked blocks, weighted by link score."""
    total = va.words + vb.words
    if total == 0:
        return 1.0 if not va.blocks and not vb.blocks else 0.0
    wa, wb = va.content_words, vb.content_words
    got = 0.0
    for link in links:
        got += link.score * (sum(wa[i] for i in link.a) + sum(wb[j] for j in link.b))
    return min(1.0, got / total)
