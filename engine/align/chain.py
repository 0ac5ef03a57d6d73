"""Candidate links, link groups, and the heaviest in-order chain of candidates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar


class Cand(NamedTuple):  # a tuple: tens of thousands are made per comparison
    i: int
    j: int
    score: float
    movable: bool = False  # strong enough to be linked out of reading order


@dataclass
class Group:
    a: list[int]
    b: list[int]
    moved: bool = False


C = TypeVar("C", bound=tuple[int, int, float, bool])


def heaviest_chain(cands: Sequence[C]) -> list[C]:
    """The max-weight subset of candidates (Cands, or plain (i, j, score, movable) tuples)
    strictly increasing in both i and j.

    Weighted longest increasing subsequence: candidates in order of i (j descending
    within one i, so two of the same i never chain), each extending the heaviest
    chain that ends below its j, found as a prefix maximum in a Fenwick tree.
    """
    if not cands:
        return []
    order = sorted(cands, key=lambda c: (c[0], -c[1]))
    size = max(c[1] for c in cands) + 2
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)
    best: list[float] = []
    back: list[int] = []
    for n, (_, j, score, _) in enumerate(order):
        # prefix max over j' < j (Fenwick tree positions are j + 1)
        pos, val, idx = j, 0.0, -1
        while pos:
            if tree_val[pos] > val:
                val, idx = tree_val[pos], tree_idx[pos]
            pos &= pos - 1
        total = val + score
        best.append(total)
        back.append(idx)
        pos = j + 1
        while pos <= size:
            if total > tree_val[pos]:
                tree_val[pos], tree_idx[pos] = total, n
            pos += pos & -pos
    n = max(range(len(order)), key=best.__getitem__)
    chain = []
    while n != -1:
        chain.append(order[n])
        n = back[n]
    return chain[::-1]
