"""What the aligner knows of a block and of a version: words, content terms and postings.

`BlockFeatures` holds one block's normalised words (for verbatim measures), content
terms (for overlap) and folded text (for identity). `VersionFeatures` holds a
version's (term id, block) postings sorted by term, the form every sparse product of
`similarity.Corpus` and `sentence_evidence` crosses; the helpers below build and
cross them with NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

    @property
    def sorted_terms(self) -> list[str]:
        """The terms in a fixed order (a frozenset's order depends on string hashing)."""
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
    order = np.argsort(term_ids, kind="stable")
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


def _pair_cells(blocks_a: np.ndarray, blocks_b: np.ndarray, sa: np.ndarray, ca: np.ndarray,
                sb: np.ndarray, cb: np.ndarray, nb: int) -> tuple[np.ndarray, np.ndarray]:
    """Cross the postings of each term (a's postings sa[t]..+ca[t], b's sb[t]..+cb[t]):
    the flat cell (block of a x nb + block of b) of every pair, and each pair's term.

    Built from repeats and aranges only (no division per pair): one row of pairs per
    posting of a, holding that term's postings of b in order.
    """
    a_post = _ranges(sa, ca)  # every posting of a, term after term
    reps = np.repeat(cb, ca)  # how many b postings each a posting meets
    flat = np.repeat(blocks_a[a_post] * nb, reps)
    flat += blocks_b[_ranges(np.repeat(sb, ca), reps)]
    return flat, np.repeat(np.arange(len(ca)), ca * cb)
