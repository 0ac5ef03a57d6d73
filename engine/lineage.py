"""Who copied whom: the reuse matrix of N versions and each version's most likely source.

Reuse matrix. `reuse_matrix(c)[a][b]` is the share of version b's words that stand
verbatim in version a (runs of >= 6 normalised words, site chrome left out: see
`engine.reuse`) — the issue's "share of version b's words that stand in version a".
Read a column to see where b's words come from; read a row to see who reuses a.
The diagonal is 1.0. The figures are those `compare` stored in `c.pairs`
(`pair(a, b).reuse_b_from_a`); nothing is recomputed.

Lineage. Each version gets its most likely source among the others, or None when it
reuses nothing beyond common phrases. Text alone carries no dates, so the rules are:

1. Relatedness. Two versions are related when a large share of one stands verbatim
   in the other, or when their link-based similarity (`pair.similarity`, which also
   counts paraphrased paragraphs) is high — a rewrite that rewords most sentences
   keeps few 6-word runs but its paragraphs still link. A single shared quotation or
   a few stock phrases (independent reports of one event) stays below both bars:
   besides the shares, a pair needs links between at least two blocks unless
   reuse is overwhelming.
2. Nearest source. Among related versions, the derivation tree is the maximum
   spanning forest of closeness (mean verbatim share both ways plus similarity): in
   a chain wire -> copy -> rewrite, the rewrite shares the copy's own edits and
   hangs under the copy, not under the wire.
3. Direction. Each tree is rooted at the version that scores best on two counts.
   Centrality: derived versions share text with each other mostly through their
   source, so the original of a star of copies and rewrites is the version closest
   to all the others (a rewrite is never the root of its own wire's copies).
   Containment: an edge p -> c ("c derives from p") is favoured when more of p
   stands in c than of c in p — copies and rewrites mostly keep their source and add
   to it (clutter is already left out), so the source is the text more contained in
   the other. Two near-identical copies differ by little either way; a small prior
   for the earlier given version as source settles them, so the order of the inputs
   decides ties, always the same way.

`LineageEntry.reuse` is the share of the version's words that stand verbatim in its
source (0.0 without a source); `similarity` is the pair's link-based similarity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .model import Comparison

# A pair is related when one of these is reached (and links tie at least two blocks).
VERBATIM_RELATED = 0.20  # share of the smaller side's words in 6-word verbatim runs
SIMILARITY_RELATED = 0.30  # link-based similarity (paraphrases count)
# Reuse this large needs no further evidence (a short copy of one paragraph).
VERBATIM_SURE = 0.50
MIN_LINKS = 2
# How much direction evidence the earlier given version gets as a source.
ORDER_PRIOR = 0.02
# Weight of a candidate root's summed closeness to the rest of its tree.
CENTRALITY = 0.25


@dataclass(frozen=True, slots=True)
class LineageEntry:
    """One version's most likely source (None: independent) and how much it reuses from it."""

    version: int
    source: int | None
    reuse: float
    similarity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "source": self.source, "reuse": round(self.reuse, 4)}


def reuse_matrix(c: Comparison) -> list[list[float]]:
    """m[a][b] = share of version b's words that stand verbatim in version a (diagonal 1.0)."""
    n = len(c.versions)
    m = [[1.0] * n for _ in range(n)]
    for p in c.pairs:
        m[p.a][p.b] = p.reuse_b_from_a  # b's words found in a
        m[p.b][p.a] = p.reuse_a_from_b  # a's words found in b
    return m


def link_matrix(c: Comparison) -> list[list[float]]:
    """k[a][b] = share of version b's content words in blocks linked to a, weighted by link score.

    The paraphrase-aware counterpart of `reuse_matrix` (diagonal 1.0).
    """
    n = len(c.versions)
    k = [[1.0] * n for _ in range(n)]
    words = [max(1, v.words) for v in c.versions]
    for p in c.pairs:
        va, vb = c.versions[p.a], c.versions[p.b]
        in_a = in_b = 0.0
        for link in p.links:
            in_a += link.score * sum(va.blocks[i].words for i in link.a if va.blocks[i].is_content)
            in_b += link.score * sum(vb.blocks[j].words for j in link.b if vb.blocks[j].is_content)
        k[p.a][p.b] = min(1.0, in_b / words[p.b])
        k[p.b][p.a] = min(1.0, in_a / words[p.a])
    return k


def related(c: Comparison, a: int, b: int, m: list[list[float]] | None = None) -> bool:
    """Do versions a and b share more than common phrases and a quotation or two?"""
    m = m or reuse_matrix(c)
    p = c.pair(a, b)
    verbatim = max(m[a][b], m[b][a])
    if verbatim >= VERBATIM_SURE:
        return True
    linked = sum(1 for link in p.links if any(c.versions[a].blocks[i].is_content for i in link.a))
    if linked < MIN_LINKS:
        return False
    return verbatim >= VERBATIM_RELATED or p.similarity >= SIMILARITY_RELATED


def _closeness(c: Comparison, m: list[list[float]], a: int, b: int) -> float:
    return (m[a][b] + m[b][a]) / 2 + c.pair(a, b).similarity


def _direction(m: list[list[float]], k: list[list[float]], p: int, ch: int) -> float:
    """Evidence that `ch` derives from `p`: more of p stands in ch than of ch in p."""
    verbatim = m[ch][p] - m[p][ch]
    linked = k[ch][p] - k[p][ch]
    prior = ORDER_PRIOR if p < ch else -ORDER_PRIOR
    return verbatim + 0.5 * linked + prior


def _forest(c: Comparison, m: list[list[float]]) -> list[list[tuple[int, int]]]:
    """Maximum spanning forest of related pairs; per component its undirected edges."""
    n = len(c.versions)
    edges = sorted(((_closeness(c, m, a, b), a, b) for a in range(n) for b in range(a + 1, n)
                    if related(c, a, b, m)), reverse=True)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tree: list[tuple[int, int]] = []
    for _, a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            tree.append((a, b))
    comps: dict[int, list[tuple[int, int]]] = {}
    for a, b in tree:
        comps.setdefault(find(a), []).append((a, b))
    return list(comps.values())


def _orient(edges: list[tuple[int, int]], m: list[list[float]], k: list[list[float]],
            close: Callable[[int, int], float]) -> dict[int, int]:
    """child -> parent for the root that lets the edges point away from it best."""
    adj: dict[int, list[int]] = {}
    for a, b in edges:
        adj.setdefault(a, []).append(b)
        adj.setdefault(b, []).append(a)
    best: tuple[float, int] | None = None
    best_parents: dict[int, int] = {}
    for root in sorted(adj):
        parents: dict[int, int] = {}
        total = CENTRALITY * sum(close(root, x) for x in adj if x != root)
        stack, seen = [root], {root}
        while stack:
            x = stack.pop()
            for y in adj[x]:
                if y not in seen:
                    seen.add(y)
                    parents[y] = x
                    total += _direction(m, k, x, y)
                    stack.append(y)
        if best is None or total > best[0] + 1e-12:
            best, best_parents = (total, root), parents
    return best_parents


def lineage(c: Comparison) -> list[LineageEntry]:
    """For each version (in order) its most likely source, or None when independent."""
    m = reuse_matrix(c)
    k = link_matrix(c)
    source: dict[int, int] = {}
    for edges in _forest(c, m):
        source.update(_orient(edges, m, k, lambda a, b: _closeness(c, m, a, b)))
    out = []
    for v in range(len(c.versions)):
        s = source.get(v)
        if s is None:
            out.append(LineageEntry(v, None, 0.0, 0.0))
        else:
            out.append(LineageEntry(v, s, m[s][v], c.pair(s, v).similarity))
    return out


def lineage_dicts(c: Comparison) -> list[dict[str, Any]]:
    """`lineage(c)` as the JSON list `[{"version": 3, "source": 1, "reuse": 0.82}, ...]`."""
    return [e.to_dict() for e in lineage(c)]
