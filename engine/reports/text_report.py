"""A readable summary for a terminal: per-version counts, pair figures, and each change."""

from __future__ import annotations

from ..model import Comparison
from ..summary import ADDED, DROPPED, MERGED, MOVED, summarize
from ..model import EDITED, IDENTICAL, PARAPHRASED


def _clip(text: str, width: int = 72) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def to_text(c: Comparison) -> str:
    base = c.versions[c.base]
    # Paragraphs are numbered from 1 here, as in the window and the HTML report
    # (the JSON's block indices count from 0).
    lines = [f"Storydiff: {len(c.versions)} versions, base [{c.base}] {base.name} "
             f"(compared in {c.elapsed:.2f} s)", ""]
    cols = (IDENTICAL, EDITED, PARAPHRASED, MOVED, MERGED, ADDED, DROPPED)
    head = f"{'#':>3}  {'version':<28}{'words':>6}{'blocks':>7}" + "".join(f"{h[:7]:>8}" for h in cols) + f"{'reuse':>7}"
    lines += [head, "-" * len(head)]
    for s in summarize(c):
        counts = "".join(f"{s.counts.get(k, 0):>8}" if s.counts else f"{'':>8}" for k in cols)
        reuse = f"{s.reuse_from_base:>7.0%}" if s.counts else f"{'base':>7}"
        lines.append(f"{s.version:>3}  {_clip(s.name, 27):<28}{s.words:>6}{s.blocks:>7}{counts}{reuse}")
    lines += ["", "Pairs (similarity; share of a's words verbatim in b, of b's in a):"]
    for p in c.pairs:
        lines.append(f"  [{p.a}] x [{p.b}]  similarity {p.similarity:.2f}   "
                     f"reuse {p.reuse_a_from_b:.0%} / {p.reuse_b_from_a:.0%}   links {len(p.links)}")
    for v in c.versions:
        if v.id == c.base:
            continue
        p = c.pair(c.base, v.id)
        lines += ["", f"[{v.id}] {v.name} against the base:"]
        events = []

        def line(here: str, what: str, score: str, text: str) -> str:
            return f"  {here:>9}  {what:<40} {score:>5}  {_clip(text, 60)}"

        for link in p.links:
            if link.relation == IDENTICAL and not link.moved and not link.merged:
                continue
            tags = [link.relation] + (["moved"] if link.moved else []) + (["merged"] if len(link.a) > 1 else []) \
                + (["split"] if len(link.b) > 1 else [])
            a = "+".join(f"\u00b6{i + 1}" for i in link.a)
            b = "+".join(f"\u00b6{j + 1}" for j in link.b)
            events.append((link.b[0], line(b, f"{'/'.join(tags)} from base {a}", f"{link.score:.2f}",
                                           v.blocks[link.b[0]].display)))
        for j in p.added:
            blk = v.blocks[j]
            events.append((j, line(f"\u00b6{j + 1}", f"added {blk.kind}", "", blk.display)))
        for i in p.dropped:
            blk = base.blocks[i]
            events.append((-1, line("-", f"dropped base \u00b6{i + 1} ({blk.kind})", "", blk.display)))
        events.sort(key=lambda e: e[0])
        lines += [e[1] for e in events] or ["  no differences"]
    return "\n".join(lines) + "\n"
