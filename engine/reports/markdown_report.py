"""The Markdown report: readable as plain text, and safe when rendered.

Layout: a summary table, the legend, then for each version against the base every
row of the N-way table that changed, read through `engine.analysis.cells` like the app and
the HTML report, with the word-level redline of changed links written the way
`wdiff` does: `[-deleted-]{+inserted+}`, which reads in a terminal and survives
rendering.

Article text is untrusted. Markdown passes raw HTML through, so `<` and `&` are
written as entities and the characters that would start emphasis, links, code or
a table cell are backslash-escaped: rendered, the text shows literally and holds
no live markup.
"""

from __future__ import annotations

import re

from ..analysis import cells as cellmod
from ..analysis.badges import Badge, part_badges
from ..analysis.cell_facts import fact_badges, part_facts
from ..analysis.summary import summarize
from ..model import DELETE, EQUAL, INSERT, Comparison, Diff
from ..vocabulary import CONTEXT, FACT_LEGEND, FIGURES, MERGED, SPLIT, pct
from .facts_section import markdown_lines as facts_lines
from .legend import LEGEND_ORDER, MARKS, SUMMARY_ORDER
from .provenance import DERIVES_NOTE, MATRIX_NOTE, lineage_lines, matrix_rows, new_heading, new_items, share

# Intraword underscores are literal in Markdown (snake_case, file_names): only escape edges.
_INLINE = re.compile(r"([\\`*\[\]{}]|~~|(?<!\w)_|_(?!\w))")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def md_escape(text: str) -> str:
    """Text that renders as itself: no emphasis, links, code, HTML or block markup."""
    out = _ENTITY.sub("&amp;", text)
    out = out.replace("<", "&lt;")
    out = _INLINE.sub(r"\\\1", out)
    out = _LIST_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out)


def _num(indices) -> str:
    return "+".join(f"\u00b6{i + 1}" for i in indices)


def redline(diff: Diff) -> str:
    """A diff in wdiff notation, each piece escaped."""
    out = []
    for op, text in diff:
        if op == EQUAL:
            out.append(md_escape(text))
        elif op == DELETE:
            out.append(f"[-{md_escape(text)}-]")
        elif op == INSERT:
            out.append(f"{{+{md_escape(text)}+}}")
    return "".join(out)


def _quote(text: str) -> str:
    return "> " + text.replace("\n", " ")


def _summary(c: Comparison) -> list[str]:
    head = ["#", "version", "words", "blocks", FIGURES["reuse"].label, FIGURES["similarity"].label, *SUMMARY_ORDER]
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---:" if h not in ("version",) else ":---" for h in head) + "|"]
    for s in summarize(c):
        if s.counts:
            tail = [pct(s.reuse_from_base), pct(s.similarity),
                    *(str(s.counts.get(k, 0)) for k in SUMMARY_ORDER)]
        else:
            tail = ["base", "\u2014", *("" for _ in SUMMARY_ORDER)]
        name = md_escape(s.name).replace("|", "\\|")  # a bar would end the table cell
        lines.append("| " + " | ".join([str(s.version + 1), name, str(s.words),
                                         str(s.blocks), *tail]) + " |")
    return lines


def _cell_text(text: str) -> str:
    return md_escape(text).replace("|", "\\|")  # a bar would end the table cell


def _provenance(c: Comparison) -> list[str]:
    names = [v.name for v in c.versions]
    sources = {e.version: e.source for e in c.lineage}
    lines = ["## Reuse matrix", "",
             "| words of \\ found in | " + " | ".join(_cell_text(n) for n in names) + " |",
             "|:---|" + "---:|" * len(names)]
    for r, row in enumerate(matrix_rows(c)):
        cells = ["\u2014" if x is None else share(x) + (" \\*" if sources.get(r) == k else "")
                 for k, x in enumerate(row)]
        lines.append(f"| {_cell_text(names[r])} | " + " | ".join(cells) + " |")
    lines += ["", md_escape(MATRIX_NOTE), "", "## Lineage", ""]
    lines += [f"- {md_escape(line)}" for line in lineage_lines(c)]
    lines += ["", md_escape(DERIVES_NOTE)]
    lines += ["", "## What is new in each version", "",
              "Paragraphs and sentences that no other version has, verbatim, edited or paraphrased.", ""]
    for v in range(len(c.versions)):
        lines += [f"### {md_escape(new_heading(c, v))}", ""]
        items = new_items(c, v)
        lines += [f"- {_num([x.block])} {x.kind}: {md_escape(' '.join(x.text.split()))}" for x in items]
        if items:
            lines.append("")
    return lines


def _legend() -> list[str]:
    out = []
    for key in LEGEND_ORDER:
        m = MARKS[key]
        out.append(f"- **{m.symbol} {m.label}**: {md_escape(m.meaning)}")
    out.append(f"- **{FACT_LEGEND.badge}** (and the other fact badges): {md_escape(FACT_LEGEND.explain)}")
    out.append("- `[-words-]` deleted from the base, `{+words+}` inserted by the version")
    out += ["", md_escape(FIGURES["score"].explain)]
    return out


def _tag(b: Badge) -> str:
    text = f"{MARKS[b.key].symbol} {b.label or b.key}"
    if b.score is not None:
        text += f" {pct(b.score)}"
    if b.key == MERGED:
        text += f" from {_num(b.blocks)}"
    if b.key == SPLIT and b.blocks:
        text += f" of {_num(b.blocks)}"
    return text + (" (context)" if b.key == CONTEXT else "")


def _tags(c: Comparison, version: int, part: cellmod.Part) -> str:
    tags = [_tag(b) for b in part_badges(part)]  # which ones: engine.analysis.badges
    # its changed facts' badges, chosen where the window's cells and the HTML table choose theirs
    tags += [b.badge for b in fact_badges(part_facts(c, version, part))]
    return "".join(", " + t for t in tags)  # our own words: nothing to escape


def _version_changes(c: Comparison, version: int) -> list[str]:
    base = c.versions[c.base]
    v = c.versions[version]
    out: list[str] = []
    for r in range(len(c.rows)):
        cell = cellmod.cell(c, r, version)
        if not cell.changed:
            continue
        if cell.state == cellmod.DROPPED:
            for i in c.rows[r][c.base]:
                b = base.blocks[i]
                out += [f"**Row {r + 1}: {MARKS['dropped'].symbol} dropped** base {_num([i])}"
                        f"{' (' + b.kind + ')' if b.kind != 'paragraph' else ''}", "",
                        _quote(md_escape(b.display)), ""]
            continue
        for part in cell.parts:
            if not part.changed:
                continue
            block = v.blocks[part.block]
            if part.link is None:
                out += [f"**Row {r + 1}: {_num([part.block])}**{_tags(c, version, part)}", "",
                        _quote(md_escape(block.display)), ""]
                continue
            body = redline(part.link.diff) if part.state != "identical" else md_escape(block.display)
            out += [f"**Row {r + 1}: base {_num(part.link.a)} \u2192 {_num(part.link.b)}**{_tags(c, version, part)}", "",
                    _quote(body), ""]
    return out or ["No differences from the base.", ""]


def to_markdown(c: Comparison) -> str:
    base = c.versions[c.base]
    o = c.options
    lines = ["# Storydiff report", "",
             f"{len(c.versions)} versions compared against **{md_escape(base.name)}** (base); "
             f"sensitivity {o.sensitivity:g}, {o.granularity}-level diffs, unit: {o.unit}. "
             "Paragraphs (\u00b6) and rows are numbered from 1.", "",
             *facts_lines(c, md_escape),
             "## Summary", "", *_summary(c), "",
             *(x for k in ("counts", "reuse", "similarity") for x in (md_escape(FIGURES[k].explain), "")),
             *_provenance(c),
             "## Legend", "", *_legend(), ""]
    for v in c.versions:
        if v.id == c.base:
            continue
        lines += [f"## {v.id + 1}. {md_escape(v.name)} against the base", ""]
        lines += _version_changes(c, v.id)
    return "\n".join(lines).rstrip("\n") + "\n"
