"""A readable summary for a terminal: per-version counts, pair figures, and each change.

Names and article text come from strangers, and a terminal obeys what it is sent: an
ESC or OSC sequence can clear the screen, set the window title or hide lines, and a
bidi override (U+202E) reverses what follows. Every control character and bidi
control is therefore written as a visible escape (`\x1b`, `\u202e`).
"""

from __future__ import annotations

import re
import textwrap

from ..analysis.cells import dropped_blocks, is_context
from ..analysis.summary import CHANGE_TYPES, changed_links, summarize
from ..model import Comparison
from ..vocabulary import FIGURES, pct, plural
from .facts_section import text_lines as facts_lines

# C0 and C1 controls (tab and line breaks too: each report line is one line), DEL, and
# the bidi embeddings, overrides, isolates and marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def visible(text: str) -> str:
    """`text` with every control and bidi character shown as an escape, safe for a terminal."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)


def _clip(text: str, width: int = 72) -> str:
    text = visible(text[: width * 4])  # escapes lengthen the text: clip what is shown
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _lower_first(text: str) -> str:
    head, _, rest = text.partition(": ")
    return rest if rest else text


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, 96, initial_indent="  ", subsequent_indent="  ")


def to_text(c: Comparison) -> str:
    base = c.versions[c.base]
    # Paragraphs are numbered from 1 here, as in the window and the HTML report
    # (the JSON's block indices count from 0).
    lines = [f"Storydiff: {len(c.versions)} versions, base [{c.base}] {_clip(base.name, 200)} "
             f"(compared in {c.elapsed:.2f} s)", ""] + facts_lines(c, visible)
    cols = CHANGE_TYPES
    head = f"{'#':>3}  {'version':<28}{'words':>6}{'blocks':>7}" + "".join(f"{h[:7]:>8}" for h in cols) + f"{'reuse':>7}"
    lines += [head, "-" * len(head)]
    for s in summarize(c):
        counts = "".join(f"{s.counts.get(k, 0):>8}" if s.counts else f"{'':>8}" for k in cols)
        reuse = f"{pct(s.reuse_from_base):>7}" if s.counts else f"{'base':>7}"
        lines.append(f"{s.version:>3}  {_clip(s.name, 27):<28}{s.words:>6}{s.blocks:>7}{counts}{reuse}")
    lines += [""] + _wrap(FIGURES["counts"].explain + " Reuse is " + _lower_first(FIGURES["reuse"].explain))
    lines += ["", "Pairs (similarity; verbatim reuse: share of a's words in b, of b's in a):"]
    for p in c.pairs:
        lines.append(f"  [{p.a}] x [{p.b}]  similarity {pct(p.similarity)}   "
                     f"reuse {pct(p.reuse_a_from_b)} / {pct(p.reuse_b_from_a)}   links {len(p.links)}")
    lines += _wrap(FIGURES["similarity"].explain)
    lines += [""] + _wrap(FIGURES["score"].explain)
    for v in c.versions:
        if v.id == c.base:
            continue
        p = c.pair(c.base, v.id)
        lines += ["", f"[{v.id}] {_clip(v.name, 200)} against the base:"]
        events = []

        def line(here: str, what: str, score: str, text: str) -> str:
            return f"  {here:>9}  {what:<40} {score:>5}  {_clip(text, 60)}"

        for link in changed_links(c, v.id):
            tags = [link.relation] + (["moved"] if link.moved else []) + (["merged"] if len(link.a) > 1 else []) \
                + (["split"] if len(link.b) > 1 else [])
            a = "+".join(f"\u00b6{i + 1}" for i in link.a)
            b = "+".join(f"\u00b6{j + 1}" for j in link.b)
            events.append((link.b[0], line(b, f"{'/'.join(tags)} from base {a}", pct(link.score),
                                           v.blocks[link.b[0]].display)))
        quiet = 0
        for j in p.added:
            blk = v.blocks[j]
            if is_context(blk.kind):
                quiet += 1  # site chrome and captions are context, not change
                continue
            events.append((j, line(f"\u00b6{j + 1}", f"added {blk.kind}", "", blk.display)))
        for i in dropped_blocks(c, v.id):
            blk = base.blocks[i]
            events.append((-1, line("-", f"dropped base \u00b6{i + 1} ({blk.kind})", "", blk.display)))
        events.sort(key=lambda e: e[0])
        lines += [e[1] for e in events] or ["  no differences"]
        if quiet:
            lines.append(f"  ({plural(quiet, 'added boilerplate or caption block')} not listed: context, not change)")
    return "\n".join(lines) + "\n"
