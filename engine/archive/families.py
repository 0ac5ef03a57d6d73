"""Families: connected components of the links, each with a lineage, as `families.jsonl`.

The `families.jsonl` contract (one family per line, like storydiff/1 a stable shape):

    {"id": 0,
     "members": [{"path": "...", "date": "YYYY-MM-DD" or null}],
     "links":   [{"a": "path", "b": "path", "shared": 12, "a_in_b": 0.41, "b_in_a": 0.08}],
     "lineage": [{"path": "...", "source": "path" or null}],
     "related": [3]}

Paths are as given to `index` (a path given for two documents, `story.txt` indexed from
two folders, is shown as each one's resolved path); every indexed document is in exactly one family
(a singleton when nothing links it). Families are numbered by their first indexed
member, members listed in index order, so the same archive gives the same file.

`related` lists the ids of other families linked to this one without being part of
it: two stories filed the same day that share a passage (a sidebar and the main
story, a background paragraph) stay two families, each with its own papers (see
`components`). Their links across are in neither family's `links`.

Lineage (see `lineage`): members are put in order — those with a known date
(stated in the text or given in a manifest) by date, then those without; within a
date, the fuller document (more 3-grams) first, since a rewrite is usually shorter
than its source. Each member's source is an earlier linked member, preferring one
with an earlier known date, then the one holding the largest share of its 3-grams;
the first member of each chain has source null.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from .dates import KNOWN, MANIFEST, TEXT
from .linking import DocLink

Doc = tuple[str, dt.date | None, str | None, int]  # path, date, date source, distinct 3-grams


def _strength(link: DocLink) -> tuple:
    return (-max(link.a_in_b, link.b_in_a), -link.shared, link.a, link.b)


# Two groups of documents that each already hold several members are one family only
# when at least this share of the pairs across them, and at least _JOIN_LINKS pairs,
# are linked. A story's wire copy and its papers link densely (most papers share rare
# phrases with the wire and with each other); two stories that share a passage (a
# sidebar filed with the main story, a background paragraph) link through one or two
# documents. Set on the METER development half (bench/eval_archive.py): of 0, 0.05, 0.1
# and 0.15 with 0-3 links, 0.1 and 2 gave the best adjusted Rand index.
_JOIN_DENSITY = 0.1
_JOIN_LINKS = 2


def components(docs: dict[int, Doc], links: Iterable[DocLink], window_days: int | None = None,
               related: set[tuple[int, int]] | None = None) -> list[list[int]]:
    """Connected components of the links, each sorted, ordered by their smallest id.

    Each document first joins its strongest link's partner (containment, then shared
    3-grams); the other links follow strongest first, and one that would join two
    groups of several members each joins them only when the links across are dense
    (`_JOIN_DENSITY`, `_JOIN_LINKS`): otherwise the two stay apart and, with `related`, the pair of
    their smallest ids is added to it (two stories sharing a passage are related, not
    one family). With `window_days`, a family's known dates must span at most that
    many days: a link that would stretch a family beyond the window is left out of
    the grouping. This keeps an undated rewrite that quotes two stories' wire copy
    from chaining stories from different days into one family.
    """
    links = sorted(links, key=_strength)
    parent = {i: i for i in docs}
    members = {i: [i] for i in docs}
    span: dict[int, tuple[int, int]] = {}
    for i, (_path, when, source, _n) in docs.items():
        if when is not None and source in KNOWN:
            span[i] = (when.toordinal(), when.toordinal())
    near: dict[int, set[int]] = {i: set() for i in docs}
    for link in links:
        near[link.a].add(link.b)
        near[link.b].add(link.a)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving keeps the trees flat
            i = parent[i]
        return i

    apart: set[tuple[int, int]] = set()  # roots of groups kept apart (read again at the end)
    judged: dict[tuple[int, int, int, int], bool] = {}  # (roots, sizes) -> dense enough to join

    def join(link: DocLink, dense_only: bool) -> None:
        ra, rb = root(link.a), root(link.b)
        if ra == rb:
            return
        sa, sb = span.get(ra), span.get(rb)
        merged = sa or sb
        if sa and sb:
            merged = (min(sa[0], sb[0]), max(sa[1], sb[1]))
            if window_days is not None and merged[1] - merged[0] > window_days:
                return
        small, large = sorted((members[ra], members[rb]), key=len)
        if dense_only and len(small) > 1:
            # groups only grow: two groups of unchanged sizes were judged already
            key = (min(ra, rb), max(ra, rb), len(members[ra]), len(members[rb]))
            if key not in judged:
                inside = set(large)
                across = sum(len(near[m] & inside) for m in small)
                judged[key] = across >= max(_JOIN_LINKS, _JOIN_DENSITY * len(small) * len(large))
            if not judged[key]:
                apart.add((ra, rb))
                return
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        members[keep] += members.pop(gone)
        span.pop(gone, None)
        if merged:
            span[keep] = merged

    # every document's strongest link first: a rewrite joins the story it was written from
    best: dict[int, DocLink] = {}
    for link in links:
        best.setdefault(link.a, link)
        best.setdefault(link.b, link)
    first = set(best.values())
    for link in links:
        if link in first:
            join(link, dense_only=False)
    for link in links:
        if link not in first:
            join(link, dense_only=True)
    groups: dict[int, list[int]] = {}
    for i in sorted(parent):
        groups.setdefault(root(i), []).append(i)
    if related is not None:
        for ra, rb in apart:
            x, y = root(ra), root(rb)
            if x != y:
                related.add((min(groups[x][0], groups[y][0]), max(groups[x][0], groups[y][0])))
    return sorted(groups.values(), key=lambda g: g[0])


_SOURCE_RANK = {TEXT: 0, MANIFEST: 1}


def _tier(doc: Doc) -> tuple:
    """When a document is known to have appeared: (0, day, 0) when its text states the date,
    (0, day, 1) for a manifest date, (1,) when unknown. On the same day a document that
    states its own date (a wire slug line, a page's publication metadata) counts as earlier
    than one a manifest dates: agency copy carries its timestamp, a rewrite is filed later."""
    _, when, source, _n = doc
    if when is not None and source in KNOWN:
        return (0, when.toordinal(), _SOURCE_RANK[source])
    return (1,)


def lineage(members: list[int], links: list[DocLink], docs: dict[int, Doc]) -> dict[int, int | None]:
    """member -> its source member (or None).

    Members are ordered by `_tier`, then fuller first (more 3-grams), then index order.
    A member's source is an earlier linked member: one from an earlier tier if any
    (a known earlier date decides direction), else one from its own tier; among those,
    the one holding the largest share of the member's 3-grams.
    """
    tier = {i: _tier(docs[i]) for i in members}
    order = sorted(members, key=lambda i: (tier[i], -docs[i][3], i))
    rank = {i: k for k, i in enumerate(order)}
    best: dict[int, tuple[bool, float, int, int]] = {}  # child -> (earlier tier, share, -rank, source)
    for link in links:
        for child, parent, share in ((link.a, link.b, link.a_in_b), (link.b, link.a, link.b_in_a)):
            if rank[parent] < rank[child]:
                cand = (tier[parent] < tier[child], share, -rank[parent], parent)
                if child not in best or cand > best[child]:
                    best[child] = cand
    return {i: (best[i][3] if i in best else None) for i in members}


def build(docs: dict[int, Doc], links: list[DocLink], window_days: int | None = None) -> list[dict]:
    """The families of an archive, as contract dicts (see the module docstring).

    A family lists the links between its members (a link left out of the grouping
    by the date window is not listed: its ends are in different families).
    """
    by_member: dict[int, list[DocLink]] = {}
    for link in links:
        by_member.setdefault(link.a, []).append(link)
    out = []
    pairs: set[tuple[int, int]] = set()
    groups = components(docs, links, window_days, related=pairs)
    fid_of = {g[0]: fid for fid, g in enumerate(groups)}
    related: dict[int, list[int]] = {fid: [] for fid in range(len(groups))}
    for x, y in sorted(pairs):
        related[fid_of[x]].append(fid_of[y])
        related[fid_of[y]].append(fid_of[x])
    for fid, members in enumerate(groups):
        inside = set(members)
        fam_links = [link for m in members for link in by_member.get(m, []) if link.b in inside]
        fam_links.sort(key=lambda l: (l.a, l.b))
        src = lineage(members, fam_links, docs)
        path = {i: docs[i][0] for i in members}
        out.append({
            "id": fid,
            "members": [{"path": path[i], "date": day.isoformat() if (day := docs[i][1]) else None}
                        for i in members],
            "links": [{"a": path[l.a], "b": path[l.b], "shared": l.shared,
                       "a_in_b": round(l.a_in_b, 4), "b_in_a": round(l.b_in_a, 4)} for l in fam_links],
            "lineage": [{"path": path[i], "source": path[s] if (s := src[i]) is not None else None}
                        for i in members],
            "related": sorted(related[fid]),
        })
    return out


def describe(fam: dict) -> dict:
    """Figures for a family list (the HTML list and the window): size, date span, lineage roots,
    and `copy_share`, the mean share of each copy's 3-grams found in its lineage source."""
    dates = sorted(m["date"] for m in fam["members"] if m["date"])
    share: dict[tuple[str, str], float] = {}
    for l in fam["links"]:
        share[(l["a"], l["b"])] = l["a_in_b"]
        share[(l["b"], l["a"])] = l["b_in_a"]
    copies = [share.get((e["path"], e["source"]), 0.0) for e in fam["lineage"] if e["source"]]
    return {"size": len(fam["members"]), "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None,
            "roots": [e["path"] for e in fam["lineage"] if e["source"] is None],
            "copy_share": sum(copies) / len(copies) if copies else 0.0}


def to_jsonl(families: Iterable[dict]) -> str:
    """families.jsonl: one family per line."""
    return "".join(json.dumps(fam, ensure_ascii=False) + "\n" for fam in families)
