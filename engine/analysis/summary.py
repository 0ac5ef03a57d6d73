"""Counts per version against the base: what a status bar, a report or the CLI summary shows.

One place computes them so the window, the reports and the CLI agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import HEADING, IDENTICAL, TITLE, Comparison
from ..vocabulary import ADDED, COUNTED, DROPPED, MERGED, MOVED
from .cells import dropped_blocks, is_context

# Change types a block of a non-base version can have, against the base (engine.vocabulary).
CHANGE_TYPES = COUNTED


@dataclass(frozen=True)
class VersionSummary:
    version: int
    name: str
    words: int
    blocks: int
    kinds: dict[str, int]
    counts: dict[str, int] = field(default_factory=dict)  # change type -> blocks (empty for the base)
    added_headings: int = 0
    reuse_from_base: float = 0.0  # share of this version's words verbatim in the base
    similarity: float = 1.0


def summarize(c: Comparison, context: bool = False) -> list[VersionSummary]:
    """Per version: words, blocks, block kinds, and counts of each change type against the base.

    Boilerplate and captions are context, not change: left out of the counts unless
    `context` (engine.analysis.cells explains the rule)."""
    out = []
    for v in c.versions:
        kinds: dict[str, int] = {}
        for b in v.blocks:
            kinds[b.kind] = kinds.get(b.kind, 0) + 1
        if v.id == c.base:
            out.append(VersionSummary(v.id, v.name, v.words, len(v.blocks), kinds))
            continue
        p = c.pair(c.base, v.id)
        counts: dict[str, int] = {t: 0 for t in CHANGE_TYPES}
        for link in p.links:
            if not context and all(is_context(v.blocks[j].kind) for j in link.b):
                continue
            counts[link.relation] += len(link.b)
            if link.moved:
                counts[MOVED] += len(link.b)
            if link.merged:
                counts[MERGED] += len(link.b)
        added = [j for j in p.added if context or not is_context(v.blocks[j].kind)]
        counts[ADDED] = len(added)
        counts[DROPPED] = len(dropped_blocks(c, v.id, context))
        added_headings = sum(1 for j in added if v.blocks[j].kind in (HEADING, TITLE))
        out.append(VersionSummary(v.id, v.name, v.words, len(v.blocks), kinds, counts,
                                  added_headings, p.reuse_b_from_a, p.similarity))
    return out



def changed_links(c: Comparison, version: int, context: bool = False) -> list:
    """Links of `version` against the base that a reader should see: anything but an
    identical, unmoved, unmerged paragraph (or context, unless `context`), in the version's order."""
    p = c.pair(c.base, version)
    blocks = c.versions[version].blocks
    return sorted((link for link in p.links if (link.relation != IDENTICAL or link.moved or link.merged)
                   and (context or not all(is_context(blocks[j].kind) for j in link.b))),
                  key=lambda link: link.b)


def no_changes_note(c: Comparison, version: int) -> str:
    """What to say when `changed_links` is empty."""
    if c.pair(c.base, version).links:
        return "No linked paragraph differs from the base."
    return "No paragraph of this version is linked to the base."
