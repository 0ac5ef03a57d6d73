"""Which badges one block of a cell carries, decided once for every view and report.

The window's cells, the HTML report, its Qt variant (the PDF) and the Markdown report
all show the same badges for the same block; each only formats them (colours,
symbols, a link to where a moved block stands). The badges of changed facts come
from `engine.analysis.cell_facts`, chosen the same way.

The rules: context (site chrome, captions, bylines, when not counted as change) gets
one quiet badge and nothing else. An added block is `added`, or `heading` when it is a
title or heading, or quiet context. An edited or paraphrased block carries its
relation and match score. A block kept word for word carries no relation badge: no
badge means unchanged, in every view. Then `moved`, `merged` (with the base
paragraphs it joins) and `split` (with the base paragraph it splits).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import EDITED, HEADING, PARAPHRASED, TITLE
from ..vocabulary import ADDED, CONTEXT, MERGED, MOVED, SPLIT
from ..vocabulary import HEADING as NEW_HEADING
from .cells import Part, is_context


@dataclass(frozen=True, slots=True)
class Badge:
    """One badge: a vocabulary kind (`engine.vocabulary.KIND` key) and what it says besides."""

    key: str
    score: float | None = None  # edited / paraphrased: the link's match score
    blocks: tuple[int, ...] = ()  # merged: the base blocks it joins; split: the base block it splits
    label: str | None = None  # quiet context: the block's kind ("caption", "boilerplate")


def part_badges(part: Part) -> tuple[Badge, ...]:
    """The badges of one block of a cell, main first."""
    if part.quiet:
        return (Badge(CONTEXT, label=part.kind),)
    out: list[Badge] = []
    if part.state == ADDED:
        if part.kind in (HEADING, TITLE):
            out.append(Badge(NEW_HEADING))
        elif is_context(part.kind):
            out.append(Badge(CONTEXT, label=part.kind))
        else:
            out.append(Badge(ADDED))
    elif part.state in (EDITED, PARAPHRASED):
        out.append(Badge(part.state, score=part.link.score if part.link is not None else None))
    if part.moved:
        out.append(Badge(MOVED))
    if part.merged_from:
        out.append(Badge(MERGED, blocks=part.merged_from))
    if part.split:
        out.append(Badge(SPLIT, blocks=part.link.a if part.link is not None else ()))
    return tuple(out)
