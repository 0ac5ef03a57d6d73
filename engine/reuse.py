"""How much of one version stands word for word in another, and how alike two are.

Reuse follows WCopyfind and churnalism: a word of version a counts as reused
from b when it lies inside a run of at least `MIN_RUN` consecutive words that also
occurs in b (normalised: case, quotes, dashes). Site chrome is left out, so two
pages sharing "Leave a Reply" do not look related.

Similarity is symmetric: the share of both versions' words that sit in linked
blocks, each link counted by its score.
"""

from __future__ import annotations

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


def _runs(words: list[str], n: int) -> set[int]:
    return {hash(tuple(words[k:k + n])) for k in range(len(words) - n + 1)
            if "\x00" not in words[k:k + n]}


def reused_share(words_a: list[str], grams_b: set[int], n: int = MIN_RUN) -> float:
    """Share of a's words inside runs of >= n words that b also has."""
    total = sum(1 for w in words_a if w != "\x00")
    if total == 0:
        return 0.0
    covered = bytearray(len(words_a))
    for k in range(len(words_a) - n + 1):
        if hash(tuple(words_a[k:k + n])) in grams_b and "\x00" not in words_a[k:k + n]:
            covered[k:k + n] = b"\x01" * n
    return sum(covered) / total


class ReuseIndex:
    """Word lists and run hashes of each version, computed once per comparison."""

    def __init__(self, versions: list[Version], n: int = MIN_RUN) -> None:
        self.n = n
        self.words = [content_words(v) for v in versions]
        self.grams = [_runs(w, n) for w in self.words]

    def share(self, a: int, b: int) -> float:
        """Share of version a's words that stand verbatim in version b."""
        return reused_share(self.words[a], self.grams[b], self.n)


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
