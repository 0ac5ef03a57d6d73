"""What the aligner knows of a block and of a version: words, content terms and postings.

`BlockFeatures` holds one block's normalised words (for verbatim measures), content
terms (for overlap) and folded text (for identity). `VersionFeatures` holds a
version's (term id, block) postings sorted by term, the form every sparse product of
`similarity.Corpus` and `sentence_evidence` crosses; the helpers below build and
cross them with NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..model import Options
from ..text.textnorm import content_terms, fold, word_keys

# Terms whose postings cross into more pairs than this go through a dense product
# (in `Corpus.cross`, at least _DENSE_MIN; sentence evidence leaves such terms out).
_DENSE_PAIRS = 20_000


def _empty() -> np.ndarray:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class BlockFeatures:
    keys: tuple[str, ...]  # normalised words, in order (for verbatim measures)
    terms: frozenset[str]  # content terms (for overlap)
    folded: str  # comparison form of the whole block (for identity)

    @cached_property
    def sorted_terms(self) -> list[str]:
        """The terms in a fixed order (a frozenset's order depends on string hashing); kept,
        as versions share block texts (and so these features)."""
        return sorted(self.terms)


@dataclass
class VersionFeatures:
    blocks: list[BlockFeatures]
    kinds: list[str]
    term_ids: np.ndarray  # posting term ids, sorted
    block_ids: np.ndarray  # posting block ids, aligned with term_ids
    # Set once the corpus knows every term (empty until then):
    weight: np.ndarray = field(default_factory=_empty)  # per block: sum of its terms' weights
    uniq: np.ndarray = field(default_factory=_empty)  # distinct term ids, where their postings start, how many
    starts: np.ndarray = field(default_factory=_empty)
    counts: np.ndarray = field(default_factory=_empty)
    owner: np.ndarray = field(default_factory=_empty)  # for sentence postings: the block each sentence belongs to
    size: int = 0  # number of units (blocks or sentences)
    _by_block: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)  # see `by_block`
    _most: int | None = field(default=None, repr=False)  # see `most_terms`

    def by_block(self) -> tuple[np.ndarray, np.ndarray]:
        """The postings in block order, a block's terms by ascending id: each one's block, and
        its term's place in `uniq` (built on first use: the row-by-row product of
        `similarity.Corpus.cross` reads the postings this way)."""
        if self._by_block is None:
            order = stable_order(self.block_ids)  # stable: term order kept per block
            place = np.repeat(np.arange(len(self.uniq)), self.counts)
            self._by_block = (self.block_ids[order], place[order])
        return self._by_block

    def most_terms(self) -> int:
        """The most postings one unit holds (bounds what two units can share)."""
        if self._most is None:
            self._most = int(np.bincount(self.block_ids).max()) if len(self.block_ids) else 0
        return self._most


@dataclass
class VersionData:
    """What the corpus keeps of one version besides its features, typed, built on first use
    where it costs (the corpus, its kinship and its sentence evidence read and fill it)."""

    chrome: np.ndarray  # per block: site chrome (boilerplate, wire headers, sign-offs)
    by_text: dict[str, list[int]] | None = None  # folded block text -> its block indices
    gram_hashes: dict[bool, frozenset[int]] = field(default_factory=dict)  # with quotations? -> 3-gram hashes
    sentences: VersionFeatures | None = None  # sentence postings of every block, once the version was split


def block_features(text: str, options: Options) -> BlockFeatures:
    keys = word_keys(text)  # case-folded: similarity never depends on case
    folded = fold(text, ignore_case=options.ignore_case, ignore_quotes=options.ignore_quotes,
                  ignore_punctuation=options.ignore_punctuation)
    return BlockFeatures(tuple(keys), frozenset(content_terms(keys)), folded)


def _runs(sorted_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct values of a sorted array, where each run starts and how long it is
    (what np.unique returns, without sorting again)."""
    if not len(sorted_ids):
        return sorted_ids[:0], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = _run_starts(sorted_ids)
    lengths = np.empty_like(starts)
    np.subtract(starts[1:], starts[:-1], out=lengths[:-1])
    lengths[-1] = len(sorted_ids) - starts[-1]
    return sorted_ids[starts], starts, lengths


def _run_starts(sorted_ids: np.ndarray) -> np.ndarray:
    """Where each run of equal values of a sorted (non-empty) array starts."""
    # (not np.r_: its index tricks cost more than the comparison on arrays this small)
    change = np.empty(len(sorted_ids), dtype=bool)
    change[0] = True
    np.not_equal(sorted_ids[1:], sorted_ids[:-1], out=change[1:])
    return np.flatnonzero(change)


def stable_order(ids: np.ndarray) -> np.ndarray:
    """`np.argsort(ids, kind="stable")` of non-negative ids: the same permutation, through
    NumPy's radix sort when the ids fit 16 bits (10x faster than its merge sort of int64)."""
    if len(ids) and int(ids.max()) <= 0xFFFF and int(ids.min()) >= 0:
        return np.argsort(ids.astype(np.uint16), kind="stable")
    return np.argsort(ids, kind="stable")


def _common(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The values two sorted arrays of distinct values share, and where each stands in x
    and in y: what `np.intersect1d(x, y, assume_unique=True, return_indices=True)` returns,
    found by one binary search of y instead of sorting x and y together (half the NumPy
    calls, which is what costs on the few hundred terms of an article)."""
    if not len(x) or not len(y):
        none = np.zeros(0, dtype=np.intp)
        return x[:0], none, none
    at = np.searchsorted(y, x)
    np.minimum(at, len(y) - 1, out=at)
    ia = np.flatnonzero(y[at] == x)
    return x[ia], ia, at[ia]


def _postings(term_ids: np.ndarray, unit_ids: np.ndarray, owner: np.ndarray, size: int) -> VersionFeatures:
    """Term/unit postings sorted by term (units: sentences; `owner`: each one's block)."""
    order = stable_order(term_ids)
    vf = VersionFeatures([], [], term_ids[order], unit_ids[order])
    vf.uniq, vf.starts, vf.counts = _runs(vf.term_ids)
    vf.owner = owner
    vf.size = size
    return vf


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated aranges: starts[0]..starts[0]+lengths[0]-1, then the next, ..."""
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    return np.arange(total) + np.repeat(starts - (ends - lengths), lengths)


def _cross_rows(b_blocks: np.ndarray, a_rows: np.ndarray, b_starts: np.ndarray, b_counts: np.ndarray,
                nb: int) -> np.ndarray:
    """Cross postings of a (its blocks `a_rows`, in order) with the postings of b of the same
    terms (b's postings b_starts[k]..+b_counts[k] for a's k-th): the flat cell (row x nb + block
    of b) of every pair, in a's posting order, each posting's pairs by b's block order.

    Built from repeats and aranges only (no division per pair).
    """
    flat = np.repeat(a_rows * nb, b_counts)
    flat += b_blocks[_ranges(b_starts, b_counts)]
    return flat
