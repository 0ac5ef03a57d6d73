"""A readable report for a terminal: a short table, then per version what changed.

    Storydiff: 2 versions against base [0] wire.txt (0.02 s)

      #  version      words blocks  same edited paraphr moved joins added dropped verbatim
      0  wire.txt        54      4  base
      1  copy.txt        57      4     2      1       0     0     0     1       1      71%

    [1] copy.txt against the base: similarity 88%
      ¶2  ~ edited, base ¶2, match 93%
          The footbridge will reopen in [-March-] {+May+}, the council said.

Each changed paragraph is shown with its changed words in full, wrapped and never cut
(wdiff's marks: [-deleted-] {+inserted+}); a reworded or joined paragraph sentence by
sentence, as the window's detail pane shows it (engine.align.sentence_pairs). What the
words and figures mean is printed by `storydiff-cli compare --explain` (`explain()`),
not on every run.

Names and article text come from strangers, and a terminal obeys what it is sent: an
ESC or OSC sequence can clear the screen, set the window title or hide lines, and a
bidi override (U+202E) reverses what follows. Every control character and bidi
control is therefore written as a visible escape (`\x1b`, `\u202e`).
"""

from __future__ import annotations

import re
import textwrap

from ..align.sentence_pairs import align_sentences
from ..analysis.cells import dropped_blocks, is_context
from ..analysis.summary import CHANGE_TYPES, changed_links, summarize
from ..model import DELETE, EQUAL, IDENTICAL, INSERT, PARAPHRASED, Comparison, Diff, Link
from ..vocabulary import FACTS_NOTE, FACTS_TITLE, FIGURES, KIND, LEGEND, pct, plural
from .facts_section import text_lines as facts_lines

# C0 and C1 controls (tab and line breaks too: each report line is one line), DEL, and
# the bidi embeddings, overrides, isolates and marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

WIDTH = 96  # wrap width of the report
# Column heads of the table: the kinds' words, short enough for a terminal.
HEADS = {"identical": "same", "edited": "edited", "paraphrased": "paraphr", "moved": "moved", "merged": "joins",
         "added": "added", "dropped": "dropped"}
INS, DEL = ("{+", "+}"), ("[-", "-]")  # wdiff's marks for inserted and deleted words


def visible(text: str) -> str:
    """`text` with every control and bidi character shown as an escape, safe for a terminal."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)


def _clip(text: str, width: int) -> str:
    """A name for a table cell (names, not article text, are the only thing ever cut)."""
    text = visible(text[: width * 4])  # escapes lengthen the text: clip what is shown
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _wrap(text: str, indent: str = "      ") -> list[str]:
    """Wrapped at WIDTH, never cut: a word longer than a line (a web address) stands whole."""
    return textwrap.wrap(visible(" ".join(text.split())), WIDTH, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]


def marked(diff: Diff) -> str:
    """A diff as one line of text: equal words as they are, [-deleted-] and {+inserted+}."""
    out = []
    last = EQUAL
    for op, t in diff:
        t = re.sub(r"\s+", " ", t)
        if op == EQUAL:
            out.append(t)
        elif t.strip():
            start, end = INS if op == INSERT else DEL
            lead = " " if t[0] == " " or (op == INSERT and last == DELETE) else ""
            out.append(f"{lead}{start}{t.strip()}{end}{' ' if t[-1] == ' ' else ''}")
        last = op
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _table(c: Comparison) -> list[str]:
    summaries = summarize(c)
    name_w = min(28, max(len("version"), *(len(visible(s.name)) for s in summaries)))
    widths = [max(len(HEADS[k]), 4) for k in CHANGE_TYPES]
    head = (f"{'#':>3}  {'version':<{name_w}} {'words':>6} {'blocks':>6} "
            + " ".join(f"{HEADS[k]:>{w}}" for k, w in zip(CHANGE_TYPES, widths)) + f" {'verbatim':>8}")
    lines = [head]
    for s in summaries:
        row = f"{s.version:>3}  {_clip(s.name, name_w):<{name_w}} {s.words:>6} {s.blocks:>6} "
        if not s.counts:
            lines.append(row + "base")
            continue
        lines.append(row + " ".join(f"{s.counts.get(k, 0):>{w}}" for k, w in zip(CHANGE_TYPES, widths))
                     + f" {pct(s.reuse_from_base):>8}")
    return lines


def _tags(link: Link) -> str:
    tags = [KIND[link.relation].symbol + " " + link.relation]
    if link.moved:
        tags.append("moved")
    if len(link.a) > 1:
        tags.append("joins")
    if len(link.b) > 1:
        tags.append("split")
    return ", ".join(tags)


def _link_lines(c: Comparison, link: Link) -> list[str]:
    """A changed link: where, what, and its changed words in full."""
    a = "+".join(f"\u00b6{i + 1}" for i in link.a)
    b = "+".join(f"\u00b6{j + 1}" for j in link.b)
    score = f", match {pct(link.score)}" if link.relation != IDENTICAL else ""
    lines = [f"  {b:<4}{_tags(link)}, base {a}{score}"]
    if link.relation == IDENTICAL:
        return lines + ["      (same words)"]
    pairs = align_sentences(link.text_a, link.text_b, c.options) \
        if link.relation == PARAPHRASED or link.merged else ()
    if len(pairs) > 1:  # a rewrite, sentence by sentence: the changed ones
        same = 0
        for p in pairs:
            if p.relation == IDENTICAL:
                same += 1
                continue
            what = {"dropped": "\u2212 ", "added": "+ "}.get(p.relation, "\u00b7 ")
            lines += _wrap(what + marked(p.diff))
        if same:
            lines.append(f"      ({plural(same, 'sentence')} unchanged)")
        return lines
    return lines + _wrap(marked(link.diff))


def _changes(c: Comparison, v: int) -> list[str]:
    """What version `v` changed against the base, in its reading order (dropped paragraphs last)."""
    base, version = c.versions[c.base], c.versions[v]
    p = c.pair(c.base, v)
    head = f"[{v}] {visible(version.name)} against the base: similarity {pct(p.similarity)}"
    events: list[tuple[int, list[str]]] = [(link.b[0], _link_lines(c, link)) for link in changed_links(c, v)]
    quiet = 0
    for j in p.added:
        blk = version.blocks[j]
        if is_context(blk.kind):
            quiet += 1  # site chrome and captions are context, not change
            continue
        what = "added heading" if blk.kind in ("heading", "title") else f"added {blk.kind}"
        events.append((j, [f"  \u00b6{j + 1:<3}{KIND['added'].symbol} {what}"] + _wrap(blk.display)))
    for i in dropped_blocks(c, v):
        blk = base.blocks[i]
        events.append((len(version.blocks) + i, [f"  {'-':<4}{KIND['dropped'].symbol} dropped, base \u00b6{i + 1}"]
                       + _wrap(blk.display)))
    events.sort(key=lambda e: e[0])
    lines = [head] + [x for _, event in events for x in event]
    if not events:
        lines.append("  no differences")
    if quiet:
        lines.append(f"  ({plural(quiet, 'added boilerplate or caption block')} not listed: context, not change)")
    return lines


def to_text(c: Comparison) -> str:
    base = c.versions[c.base]
    # Paragraphs are numbered from 1 here, as in the window and the HTML report
    # (the JSON's block indices count from 0).
    lines = [f"Storydiff: {len(c.versions)} versions against base [{c.base}] {_clip(base.name, 200)} "
             f"({c.elapsed:.2f} s)", ""]
    lines += _table(c)
    if len(c.versions) > 2:  # two versions: their one pair's similarity heads the changes
        lines += ["", "Similarity of each pair (verbatim reuse: share of a's words in b, of b's in a):"]
        lines += [f"  [{p.a}] x [{p.b}]  similarity {pct(p.similarity)}   reuse {pct(p.reuse_a_from_b)} / "
                  f"{pct(p.reuse_b_from_a)}" for p in c.pairs]
    for v in c.versions:
        if v.id != c.base:
            lines += [""] + _changes(c, v.id)
    lines += [""] + facts_lines(c, visible)  # "Facts that changed", each fact whole
    lines += ["", "What the words and figures mean: storydiff-cli compare --explain"]
    return "\n".join(lines) + "\n"


def explain() -> str:
    """The definitions the report leaves out: every kind, every mark, every figure."""
    lines = ["What a Storydiff report means", ""]
    for name in LEGEND:
        k = KIND[name]
        said = k.explain.removeprefix(f"{k.label}: ")  # "Edited: the same wording..." says its name once
        lines += _wrap(f"{k.symbol} {k.badge}: {said}", "  ")
    lines += _wrap(f"{DEL[0]}words{DEL[1]} were deleted, {INS[0]}words{INS[1]} inserted. A reworded or joined "
                   "paragraph is shown sentence by sentence: \u00b7 a changed sentence, \u2212 a sentence "
                   "dropped, + a sentence added.", "  ")
    lines += [""] + _wrap("Table columns: " + ", ".join(f"{HEADS[k]}: {KIND[k].label.lower()}" for k in CHANGE_TYPES)
                          + "; verbatim: verbatim from base.", "")
    for f in ("counts", "reuse", "similarity", "score"):
        lines += _wrap(FIGURES[f].explain, "  ")
    lines += [""] + _wrap(f"{FACTS_TITLE}: {FACTS_NOTE}", "  ")
    return "\n".join(lines) + "\n"
