"""Families: connected components of the links, each with a lineage, as `families.jsonl`.

The `families.jsonl` contract (one family per line, like storydiff/1 a stable shape):

    {"id": 0,
     "members": [{"path": "...", "date": "YYYY-MM-DD" or null}],
     "links":   [{"a": "path", "b": "path", "shared": 12, "a_in_b": 0.41, "b_in_a": 0.08}],
     "lineage": [{"path": "...", "source": "path" or null}]}

Paths are as given to `index` (a path given for two documents, `story.txt` indexed from
two folders, is shown as each one's resolved path); every indexed document is in exactly one family
(a singleton when nothing links it). Families are numbered by their first indexed
member, members listed in index order, so the same archive gives the same file.

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
from .linking import Link

Doc = tuple[str, dt.date | None, str | None, int]  # path, date, date source, distinct 3-grams


def _strength(link: Link) -> tuple:
    return (-max(link.a_in_b, link.b_in_a), -link.shared, link.a, link.b)


def components(docs: dict[int, Doc], links: Iterable[Link], window_days: int | None = None) -> list[list[int]]:
    """Connected components of the links, each sorted, ordered by their smallest id.

    With `window_days`, a family's known dates must span at most that many days:
    links are taken strongest first (containment, then shared 3-grams) and one that
    would stretch a family beyond the window is left out of the grouping. This
    keeps an undated rewrite that quotes two stories' wire copy from chaining
    stories from different days into one family.
    """
    parent = {i: i for i in docs}
    span: dict[int, tuple[int, int]] = {}
    for i, (_path, when, source, _n) in docs.items():
        if when is not None and source in KNOWN:
            span[i] = (when.toordinal(), when.toordinal())

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving keeps the trees flat
            i = parent[i]
        return i

    ordered = sorted(links, key=_strength) if window_days is not None else links
    for link in ordered:
        ra, rb = root(link.a), root(link.b)
        if ra == rb:
            continue
        sa, sb = span.get(ra), span.get(rb)
        merged = sa or sb
        if sa and sb:
            merged = (min(sa[0], sb[0]), max(sa[1], sb[1]))
            if window_days is not None and merged[1] - merged[0] > window_days:
                continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        span.pop(gone, None)
        if merged:
            span[keep] = merged
    groups: dict[int, list[int]] = {}
    for i in sorted(parent):
        groups.setdefault(root(i), []).append(i)
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


def lineage(members: list[int], links: list[Link], docs: dict[int, Doc]) -> dict[int, int | None]:
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


def build(docs: dict[int, Doc], links: list[Link], window_days: int | None = None) -> list[dict]:
    """The families of an archive, as contract dicts (see the module docstring).

    A family lists the links between its members (a link left out of the grouping
    by the date window is not listed: its ends are in different families).
    """
    by_member: dict[int, list[Link]] = {}
    for link in links:
        by_member.setdefault(link.a, []).append(link)
    out = []
    for fid, members in enumerate(components(docs, links, window_days)):
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
