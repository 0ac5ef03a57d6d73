"""engine.align.link_repairs: a paragraph split or joined by a rewrite stays one link."""

from __future__ import annotations

from engine import compare
from tests.engine.articles import QUAY, QUAY_SPLIT

STORY, SPLIT = QUAY, QUAY_SPLIT


def _links(base: list[str], other: list[str]):
    c = compare(["\n\n".join(base), "\n\n".join(other)])
    return [(link.a, link.b) for link in c.pairs[0].links], c.pairs[0]


def test_a_paragraph_split_in_two_is_one_link_holding_both_halves():
    links, pair = _links(STORY, [STORY[0], *SPLIT, *STORY[2:]])
    assert ((1,), (1, 2)) in links
    assert not pair.added and not pair.dropped


def test_two_paragraphs_joined_into_one_are_one_link_from_both():
    joined = STORY[2] + " " + STORY[3]
    links, pair = _links(STORY, [STORY[0], STORY[1], joined, STORY[4]])
    assert ((2, 3), (2,)) in links
    assert not pair.dropped
