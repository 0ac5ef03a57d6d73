"""The storydiff/1 comparison of a family, and the HTML list that links to each one.

A family's members are compared with `engine.compare`, the lineage root first as
the base. All pairs are aligned, so a large family is compared on its first
`MAX_MEMBERS` members in lineage order (the root and the earliest, fullest
copies); the list says when members were left out. Members are read only as they
were indexed (`verify`).
"""

from __future__ import annotations

import html
from typing import Any

from ..errors import StorydiffError
from ..reports import render
from .store import Member
from .verify import read_members

MAX_MEMBERS = 12


def family_versions(fam: dict) -> list[str]:
    """Paths to compare for a family: lineage order (roots first), at most MAX_MEMBERS."""
    order = [e["path"] for e in fam["lineage"] if e["source"] is None]
    order += [e["path"] for e in fam["lineage"] if e["source"] is not None]
    return order[:MAX_MEMBERS]


def compare_family(job: tuple[int, list[tuple[str, Member]], str]) -> tuple[int, Any, str | None, list[str]]:
    """(family id, [(path, member)], format) -> (family id, report or None, error or None, notes).

    Top-level and picklable: the runner may send it to a Dask worker. Each member is
    read only as it was indexed (`verify`); one that changed since, or that an
    edited archive points elsewhere, is left out and named in the notes.
    """
    from ..compare import compare

    fid, members, fmt = job
    sources, notes = read_members(members)
    if len(sources) < 2:
        return fid, None, f"not compared: {len(sources)} of its {len(members)} members can be read as indexed", notes
    try:
        result = compare(sources, base=0, on_large="coarsen")
        return fid, render(result, fmt), None, notes
    except StorydiffError as e:
        return fid, None, str(e), notes


def family_list_html(families: list[dict], links: dict[int, str], title: str) -> str:
    """An HTML page listing the families (largest first), each linking to its comparison."""
    from .families import describe

    rows = []
    for fam in sorted(families, key=lambda f: (-len(f["members"]), f["id"])):
        if len(fam["members"]) < 2:
            continue
        d = describe(fam)
        span = d["first"] if d["first"] == d["last"] else f"{d['first']} – {d['last']}"
        members = "<br>".join(html.escape(m["path"]) for m in fam["members"])
        cell = _family_cell(fam["id"], links)
        related = "<br>".join(_family_cell(r, links) for r in fam.get("related", ()))
        rows.append(f"<tr><td>{cell}</td><td>{d['size']}</td><td>{html.escape(span or '')}</td>"
                    f"<td>{d['copy_share']:.0%}</td>"
                    f"<td>{'<br>'.join(html.escape(r) for r in d['roots'])}</td><td>{members}</td>"
                    f"<td>{related}</td></tr>")
    singles = sum(1 for f in families if len(f["members"]) == 1)
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}"
            "</style></head><body>"
            f"<h1>{html.escape(title)}</h1>"
            f"<p>{len(families) - singles} families with two or more members; "
            f"{singles} documents with no other version in the archive. "
            "<em>Copy</em>: the mean share of each copy's word 3-grams found in its source. "
            "<em>Related</em>: families of other stories that share a passage with this one.</p>"
            "<table><tr><th>family</th><th>members</th><th>dates</th><th>copy</th><th>source (lineage root)</th>"
            "<th>documents</th><th>related</th></tr>" + "".join(rows) + "</table></body></html>\n")


def _family_cell(fid: int, links: dict[int, str]) -> str:
    """'family N', linking to its comparison when there is one."""
    target, name = links.get(fid), f"family {html.escape(str(fid))}"
    return f'<a href="{html.escape(target, quote=True)}">{name}</a>' if target else name
