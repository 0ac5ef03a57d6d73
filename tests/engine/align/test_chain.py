"""engine.align.chain: the heaviest chain of candidate links in reading order."""

from __future__ import annotations

import itertools
import random

from engine.align.chain import Cand, heaviest_chain


def _brute_force(cands: list[Cand]) -> float:
    """The best weight of any subset strictly increasing in both i and j."""
    best = 0.0
    for r in range(1, len(cands) + 1):
        for subset in itertools.combinations(sorted(cands, key=lambda c: (c.i, c.j)), r):
            if all(x.i < y.i and x.j < y.j for x, y in zip(subset, subset[1:])):
                best = max(best, sum(c.score for c in subset))
    return best


def test_no_candidates_give_an_empty_chain():
    assert heaviest_chain([]) == []


def test_a_crossing_candidate_loses_to_the_heavier_in_order_pair():
    # 0->0 and 1->1 read in order; 0->1 crosses neither but shares a row; 1->0 crosses.
    cands = [Cand(0, 0, 0.5), Cand(1, 1, 0.5), Cand(1, 0, 0.9)]
    assert heaviest_chain(cands) == [Cand(0, 0, 0.5), Cand(1, 1, 0.5)]


def test_two_candidates_of_one_block_never_chain():
    chain = heaviest_chain([Cand(0, 0, 0.4), Cand(0, 1, 0.5)])
    assert chain == [Cand(0, 1, 0.5)]


def test_the_chain_is_increasing_and_as_heavy_as_brute_force():
    rng = random.Random(7)
    for _ in range(200):
        cands = [Cand(rng.randrange(6), rng.randrange(6), round(rng.random(), 3)) for _ in range(rng.randrange(1, 8))]
        chain = heaviest_chain(cands)
        assert all(x.i < y.i and x.j < y.j for x, y in zip(chain, chain[1:]))
        assert set(chain) <= set(cands)
        assert abs(sum(c.score for c in chain) - _brute_force(cands)) < 1e-9
