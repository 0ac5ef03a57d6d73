"""Word-sequence measures that stay within a memory budget, however long the blocks.

Exact where the work fits `Limits` (engine.io.guards holds the figures): the longest
common subsequence for the word-order measure, the count of changed places, and
the plan of an inline diff. Beyond the budget each works on the part between the
common prefix and suffix, and beyond that at a coarser unit (a multiset bound for
the LCS, chunks of words for the diffs), so one 5 MB line cannot exhaust memory
(rapidfuzz keeps one bit per cell: 100k x 100k tokens would be 1.2 GB).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from ..io.guards import DEFAULT_LIMITS, Limits


def _affix(a: Sequence, b: Sequence) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) common suffix."""
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s


def bounded_lcs(ka: Sequence[str], kb: Sequence[str], limits: Limits = DEFAULT_LIMITS) -> tuple[float, bool]:
    """Length of the longest common subsequence of two word sequences, and whether it is exact.

    Exact (rapidfuzz's bit-parallel LCS, O(n*m/64)) when the part between the
    common prefix and suffix is small enough; otherwise that part is estimated by
    its shared multiset of words, an upper bound that is close for edited copies
    and harmless for unrelated texts (their weighted overlap decides anyway).
    """
    if len(ka) * len(kb) <= limits.verbatim_cells:
        return (len(ka) + len(kb) - Indel.distance(ka, kb)) / 2, True
    p, s = _affix(ka, kb)
    ma, mb = ka[p:len(ka) - s], kb[p:len(kb) - s]
    if len(ma) * len(mb) <= limits.verbatim_cells:
        return p + s + (len(ma) + len(mb) - Indel.distance(ma, mb)) / 2, True
    common = Counter(ma) & Counter(mb)
    return p + s + sum(common.values()), False


def bounded_hunks(ka: Sequence[str], kb: Sequence[str], limits: Limits = DEFAULT_LIMITS) -> int:
    """Number of separate changed places in a word diff, bounded in memory.

    rapidfuzz's opcodes keep one bit per cell; above `diff_cells` the middle part is
    compared in chunks of words (the count is then one per changed chunk run).
    """
    p, s = _affix(ka, kb)
    # Words, or chunks of words (tuples) when the middle part is too large to diff word by word.
    ma: tuple[Hashable, ...] = tuple(ka[p:len(ka) - s])
    mb: tuple[Hashable, ...] = tuple(kb[p:len(kb) - s])
    if not ma and not mb:
        return 0
    if not ma or not mb:
        return 1
    if len(ma) * len(mb) > limits.diff_cells:
        size = -(-max(len(ma), len(mb)) // math.isqrt(limits.diff_cells))
        ma = tuple(ma[k:k + size] for k in range(0, len(ma), size))
        mb = tuple(mb[k:k + size] for k in range(0, len(mb), size))
    hunks, last = 0, -1
    for op in Indel.opcodes(ma, mb):
        if op.tag != "equal":
            if op.src_start != last:
                hunks += 1
            last = op.src_end
    return hunks


@dataclass
class DiffPlan:
    """How to diff two token lists within the budget: exact on a window, or in chunks."""

    prefix: int = 0  # tokens equal at the start (kept out of the diff)
    suffix: int = 0  # tokens equal at the end
    chunk: int = 1  # tokens per diff unit in the middle; 1 = exact
    notes: list[str] = field(default_factory=list)


def diff_plan(na: int, nb: int, ta: Sequence[str], tb: Sequence[str], limits: Limits = DEFAULT_LIMITS) -> DiffPlan:
    """Plan a diff of token lists `ta`, `tb` (lengths na, nb) that fits `limits.diff_cells`."""
    if na * nb <= limits.diff_cells:
        return DiffPlan()
    p, s = _affix(ta, tb)
    ma, mb = na - p - s, nb - p - s
    if ma * mb <= limits.diff_cells:
        return DiffPlan(p, s, 1)
    size = -(-max(ma, mb) // math.isqrt(limits.diff_cells))
    return DiffPlan(p, s, size, [f"diffed in pieces of {size} tokens"])
