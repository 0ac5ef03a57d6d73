"""The base text as a heat map: how many versions keep each of its sentences, and how.

Juxta shades a base witness by how much the other witnesses vary from it; here each
sentence of the base version gets, over the other versions, the count that keep it
verbatim, edit it, paraphrase it or drop it (definitions in `engine.align.sentence_match`),
plus each version's own verdict so a view can say which versions did what.

A paraphrase only counts when the other version's sentence stands in a block linked
to the base sentence's block, or overlaps it strongly: two independent reports of one
event share names and topics everywhere, and a heat map that lit up on those would
say nothing. Site chrome of the base is left out. Offsets are character offsets into
the base version's text.

One rule decides what is dropped in every view: a sentence of a base paragraph that a
version drops (`engine.analysis.cells.dropped_blocks`, what the columns and the
reports mark DROPPED) is dropped here too, even where its words happen to stand in
another, unlinked paragraph of that version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..align.sentence_match import DROPPED, EDITED, PARAPHRASED, VERBATIM, SentenceIndex
from ..model import Comparison
from .cells import dropped_blocks


@dataclass(frozen=True, slots=True)
class HeatSentence:
    """One sentence of the base and what the other versions did with it."""

    block: int  # the base block holding the sentence
    start: int
    end: int
    text: str
    states: tuple[str | None, ...]  # per version: verbatim/edited/paraphrased/dropped, None for the base

    def count(self, state: str) -> int:
        return sum(1 for s in self.states if s == state)

    @property
    def verbatim(self) -> int:
        return self.count(VERBATIM)

    @property
    def edited(self) -> int:
        return self.count(EDITED)

    @property
    def paraphrased(self) -> int:
        return self.count(PARAPHRASED)

    @property
    def dropped(self) -> int:
        return self.count(DROPPED)

    @property
    def others(self) -> int:
        return sum(1 for s in self.states if s is not None)

    @property
    def kept(self) -> float:
        """Share of the other versions that keep the sentence in any form (0..1): the shade."""
        return (self.others - self.dropped) / self.others if self.others else 0.0

    @property
    def verbatim_share(self) -> float:
        """Share of the other versions that keep it word for word."""
        return self.verbatim / self.others if self.others else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"block": self.block, "start": self.start, "end": self.end, "text": self.text,
                "verbatim": self.verbatim, "edited": self.edited,
                "paraphrased": self.paraphrased, "dropped": self.dropped,
                "states": list(self.states)}


def heatmap(c: Comparison, base: int | None = None,
            index: SentenceIndex | None = None) -> list[HeatSentence]:
    """The base version's content sentences, in text order, each with the other versions' verdicts."""
    base = c.base if base is None else base
    idx = index or SentenceIndex(c)
    n = len(c.versions)
    verdicts: list[list[tuple[str, int | None, float]] | None] = [None] * n
    for v in range(n):
        if v == base:
            continue
        pair = c.pair(base, v)

        def linked(i: int, j: int, pair=pair) -> bool:
            link = pair.link_of_a(i)
            return link is not None and j in link.b

        verdicts[v] = idx.match(base, v, linked)
    gone: list[frozenset[int]] = [frozenset(dropped_blocks(c, v)) if v != base and base == c.base else frozenset()
                                  for v in range(n)]
    out = []
    for s in idx.sentences[base]:
        if s.index not in _content(idx, base):
            continue
        states = tuple(None if got is None else DROPPED if s.block in gone[v] else got[s.index][0]
                       for v, got in enumerate(verdicts))
        out.append(HeatSentence(s.block, s.start, s.end, s.text, states))
    return out


def _content(idx: SentenceIndex, v: int) -> set[int]:
    return set(idx.content(v))
