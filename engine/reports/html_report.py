"""The HTML report: one self-contained page a colleague or a lawyer can open anywhere.

It holds a summary table (per version: words, reuse, counts of each change type),
a legend, the aligned columns of the N-way table with the same reading of every
cell as the app (`engine.analysis.cells`), and the word-level redline of every linked pair
of blocks that differs from the base.

The page needs nothing else: CSS is inline, there are no scripts, fonts or images,
and a Content-Security-Policy forbids loading anything. Article text is untrusted,
so every piece of it goes through `html.escape`. States are told apart by colour
(Okabe-Ito) and by a second cue: a symbol and word in a badge, side-bar styles,
underlined insertions and struck-through deletions, so a grey-scale print reads too.

`to_html(c, qt=True)` produces the variant Qt's rich-text engine renders for PDF
(it knows tables and simple CSS, not flex boxes or pseudo-elements).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..align.inline_diff import rebuild
from ..analysis import cells as cellmod
from ..analysis.badges import Badge, part_badges
from ..analysis.cell_facts import fact_badges, part_facts
from ..analysis.summary import changed_links, no_changes_note, summarize
from ..model import Comparison
from ..vocabulary import FACT_LEGEND, FIGURES, INK, MERGED, MUTED, SPLIT, ink_on, pct
from .facts_section import badge_html as fact_badge_html
from .facts_section import html_section
from .html_parts import breakable, diff_html, esc, para_numbers, shade
from .html_qt import to_qt_html
from .legend import DELETED, INSERTED, LEGEND_ORDER, MARKS, SUMMARY_ORDER
from .provenance import DERIVES_NOTE, MATRIX_NOTE, lineage_lines, matrix_rows, new_heading, new_items, share


def _pct(x: float) -> str:
    return pct(x)


def _score_badge(key: str, score: float) -> str:
    """The relation's badge with the match score, explained on hover."""
    return _badge(key, pct(score), f"{MARKS[key].meaning} {FIGURES['score'].explain}")


_CSS_TEMPLATE = """
:root { --ink:%(INK)s; --muted:%(MUTED)s; --rule:#d0d0d0; }
* { box-sizing:border-box; }
body { font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;
       color:var(--ink); margin:24px 28px; background:#fff; }
h1 { font-size:22px; margin:0 0 4px; }
h2 { font-size:17px; margin:28px 0 8px; border-bottom:1px solid var(--rule); padding-bottom:3px; }
h3 { font-size:15px; margin:18px 0 6px; }
.meta { color:var(--muted); margin:0 0 14px; }
table { border-collapse:collapse; }
table.summary th, table.summary td { border:1px solid var(--rule); padding:4px 7px; text-align:right; }
table.summary th { background:#f3f3f3; font-weight:600; }
table.summary td.name, table.summary th.name { text-align:left; max-width:260px; min-width:5em;
                                               overflow-wrap:break-word; }
table.summary td.zero { color:var(--muted); }
.bar { display:inline-block; width:60px; height:8px; background:#eee; vertical-align:middle; margin-left:6px;
       border:1px solid #bbb; }
.bar > span { display:block; height:100%%; background:%(EDITED)s; }
.legend { display:flex; flex-wrap:wrap; gap:6px 18px; margin:8px 0 4px; padding:0; list-style:none; }
.legend li { display:flex; align-items:center; gap:6px; }
.legend .what { color:var(--muted); }
.badge { display:inline-block; font-size:11px; line-height:1.3; font-weight:600; padding:0 5px;
         border-radius:3px; border:1px solid; white-space:nowrap; margin-right:4px; background:#fff; }
table.cols { width:100%%; table-layout:fixed; }
table.cols th { position:sticky; top:0; background:#f3f3f3; border:1px solid var(--rule); padding:5px 6px;
                text-align:left; font-size:13px; overflow-wrap:anywhere; }
table.cols th.base { background:#e8e8e8; }
table.cols td { border:1px solid var(--rule); padding:4px; vertical-align:top; }
table.cols td.rowno, table.cols th.rowno { width:42px; color:var(--muted); text-align:right; font-size:11px; }
.part { border-left:5px solid transparent; padding:3px 6px 4px 7px; margin:0 0 4px; }
.part:last-child { margin-bottom:0; }
.txt { overflow-wrap:anywhere; }
.k-title .txt { font-weight:700; font-size:15px; }
.k-heading .txt { font-weight:700; }
.muted .txt { color:var(--muted); font-size:12px; font-style:italic; }
.empty { color:var(--muted); font-size:12px; padding:3px 6px; }
%(STATES)s
ins { text-decoration:underline; text-decoration-thickness:2px; text-decoration-color:%(INS)s;
      background:%(INS_TINT)s; color:inherit; }
del { text-decoration:line-through; text-decoration-thickness:2px; text-decoration-color:%(DEL)s;
      background:%(DEL_TINT)s; color:#5a2a0c; }
.redline { border:1px solid var(--rule); border-left:5px solid %(EDITED)s; padding:6px 10px; margin:0 0 8px; }
.redline.r-paraphrased { border-left-color:%(PARAPHRASED)s; border-left-style:double; border-left-width:6px; }
.redline.r-identical { border-left-color:%(MOVED)s; }
.redline .head { font-size:12px; color:var(--muted); margin-bottom:3px; }
.redline .body { overflow-wrap:anywhere; }
.note { color:var(--muted); font-size:12px; }
table.matrix th, table.matrix td { border:1px solid var(--rule); padding:4px 8px; text-align:center; }
table.matrix th { background:#f3f3f3; font-weight:600; font-size:12px; max-width:160px; overflow-wrap:normal;
                   word-break:normal; hyphens:manual; }
table.matrix th.row { text-align:left; }
table.matrix td.src { outline:2px solid #000; outline-offset:-3px; font-weight:700; }
ul.lineage li, ul.new li { margin:2px 0; }
/* Every version's table as wide as the page, the text taking what the badge and the
   positions leave, so the rules under the rows are one length in every section. */
table.facts { width:100%%; }
table.facts td.txt { width:100%%; }
table.facts td { border-bottom:1px solid var(--rule); padding:4px 8px 4px 0; vertical-align:top; }
ul.new .kind { color:var(--muted); font-size:12px; }
footer { margin-top:30px; color:var(--muted); font-size:11px; }
@media print {
  @page { size:A4 landscape; margin:12mm; }
  body { margin:0; font-size:10pt; }
  * { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  h2 { break-after:avoid; }
  table.cols th { position:static; }
  table.cols thead { display:table-header-group; }
  table.cols tr, .redline, table.summary tr { break-inside:avoid; }
}
"""


def _state_css() -> str:
    """Side bars and tints of each state, from the shared vocabulary (a second cue besides
    colour: the bar's style differs per state, so a grey-scale print still tells them apart)."""
    m = MARKS
    return "\n".join((
        ".s-identical { border-left-color:#c8c8c8; border-left-style:dotted; }",
        ".s-base { border-left-color:#333; }",
        f".s-edited {{ border-left-color:{m['edited'].colour}; background:{m['edited'].tint}; }}",
        f".s-paraphrased {{ border-left-color:{m['paraphrased'].colour}; border-left-style:double; "
        f"border-left-width:6px; background:{m['paraphrased'].tint}; }}",
        f".s-added {{ border-left-color:{m['added'].colour}; border-left-style:dashed; background:{m['added'].tint}; }}",
        f".k-heading.s-added, .k-title.s-added {{ border-left-color:{m['heading'].colour}; background:{m['heading'].tint}; }}",
        f".s-dropped {{ border-left:5px solid {m['dropped'].colour}; "
        f"background:repeating-linear-gradient(135deg,{m['dropped'].tint} 0 6px,#fff 6px 12px); }}",
        f".moved {{ outline:2px dashed {m['moved'].colour}; outline-offset:-2px; }}",
        f".s-context {{ border-left-color:{m['muted'].colour}; border-left-style:dotted; }}",
    ))


_CSS = _CSS_TEMPLATE % {
    "STATES": _state_css(), "INS": INSERTED.colour, "INS_TINT": INSERTED.tint, "DEL": DELETED.colour,
    "DEL_TINT": DELETED.tint, "EDITED": MARKS["edited"].colour, "PARAPHRASED": MARKS["paraphrased"].colour,
    "MOVED": MARKS["moved"].colour, "INK": INK, "MUTED": MUTED,
}


def _badge(key: str, extra: str = "", title: str | None = None, label: str | None = None) -> str:
    """A filled badge in the kind's colour with its symbol and word; hovering explains it."""
    m = MARKS[key]
    text = f"{m.symbol} {label or m.label}{(' ' + extra) if extra else ''}"
    tip = title if title is not None else m.meaning
    return (f'<span class="badge" style="background:{m.colour};color:{ink_on(m.colour)};border-color:{m.colour}"'
            f' title="{esc(tip)}">{esc(text)}</span>')


def _part_badge(b: Badge) -> str:
    if b.score is not None:
        return _score_badge(b.key, b.score)
    if b.key == MERGED:
        return _badge(b.key, f"from {para_numbers(b.blocks)}")
    if b.key == SPLIT and b.blocks:
        return _badge(b.key, f"of {para_numbers(b.blocks)}")
    return _badge(b.key, label=b.label)


def _part_html(c: Comparison, cell: cellmod.Cell, part: cellmod.Part) -> str:
    v = c.versions[cell.version]
    block = v.blocks[part.block]
    classes = ["part", "s-context" if part.quiet else f"s-{part.state}", f"k-{part.kind}"]
    if part.muted:
        classes.append("muted")
    if part.moved and not part.quiet:
        classes.append("moved")
    if part.quiet:  # context, not change: one quiet badge, no relation, no highlights
        return (f'<div class="{" ".join(classes)}" title="{esc(v.name)} {para_numbers([part.block])}">'
                f'<div class="tags">{_badge("muted", label=part.kind)}</div>'
                f'<div class="txt">{esc(block.display)}</div></div>')
    badges = [_part_badge(b) for b in part_badges(part)]  # which ones: engine.analysis.badges
    # the badges of its changed facts, chosen where the window's cells choose theirs
    badges += [fact_badge_html(b, esc) for b in fact_badges(part_facts(c, cell.version, part))]
    text = esc(block.display)
    link = part.link
    # Inline highlights only where the diff's second side is exactly this block.
    if link is not None and part.state != "identical" and rebuild(link.diff, 1) == block.display:
        text = diff_html(link.diff, side=1)
    head = f'<div class="tags">{"".join(badges)}</div>' if badges else ""
    return (f'<div class="{" ".join(classes)}" title="{esc(v.name)} {para_numbers([part.block])}">'
            f'{head}<div class="txt">{text}</div></div>')


def _cell_html(c: Comparison, cell: cellmod.Cell) -> str:
    if cell.state == cellmod.DROPPED:
        return f'<div class="part s-dropped empty">{_badge("dropped")}</div>'
    if cell.empty:
        return '<div class="empty">\u00b7</div>'
    return "".join(_part_html(c, cell, p) for p in cell.parts)


def _summary_html(c: Comparison) -> str:
    heads = "".join(f'<th title="{esc(MARKS[k].meaning)}">{esc(MARKS[k].symbol)} {esc(k)}</th>' for k in SUMMARY_ORDER)
    rows = []
    for s in summarize(c):
        name = breakable(s.name)  # wraps after "." or "-", never inside a word ("draft.tx|t")
        if not s.counts:
            counts = f'<td colspan="{len(SUMMARY_ORDER)}" style="text-align:center">{_badge("base")}</td>'
            reuse = sim = "<td>\u2014</td>"
        else:
            counts = "".join(f'<td class="{"zero" if not s.counts.get(k) else ""}">{s.counts.get(k, 0)}</td>'
                             for k in SUMMARY_ORDER)
            reuse = (f'<td>{_pct(s.reuse_from_base)}<span class="bar"><span style="width:'
                     f'{max(0.0, min(1.0, s.reuse_from_base)) * 100:.0f}%"></span></span></td>')
            sim = f"<td>{_pct(s.similarity)}</td>"
        rows.append(f'<tr><td>{s.version + 1}</td><td class="name">{name}</td><td>{s.words}</td>'
                    f"<td>{s.blocks}</td>{reuse}{sim}{counts}</tr>")
    return ('<table class="summary"><thead><tr><th>#</th><th class="name">version</th><th>words</th>'
            f'<th title="{esc(FIGURES["blocks"].explain)}">blocks</th>'
            f'<th title="{esc(FIGURES["reuse"].explain)}">{esc(FIGURES["reuse"].label)}</th>'
            f'<th title="{esc(FIGURES["similarity"].explain)}">{esc(FIGURES["similarity"].label)}</th>'
            + heads + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
            + "".join(f'<p class="note">{esc(FIGURES[k].explain)}</p>' for k in ("counts", "reuse", "similarity")))


def _legend_html() -> str:
    items = []
    for key in LEGEND_ORDER:
        m = MARKS[key]
        items.append(f'<li>{_badge(key)}<span class="what">{esc(m.meaning)}</span></li>')
    items.append(f'<li>{fact_badge_html(FACT_LEGEND, esc)}<span class="what">{esc(FACT_LEGEND.explain)}</span></li>')
    items.append(f'<li><ins>{esc(INSERTED.label)}</ins><span class="what">{esc(INSERTED.meaning)}</span></li>')
    items.append(f'<li><del>{esc(DELETED.label)}</del><span class="what">{esc(DELETED.meaning)}</span></li>')
    return ('<ul class="legend">' + "".join(items) + "</ul>"
            f'<p class="note">{esc(FIGURES["score"].explain)}</p>')


def _columns_html(c: Comparison) -> str:
    heads = ['<th class="rowno">#</th>']
    for v in c.versions:
        cls = ' class="base"' if v.id == c.base else ""
        tag = " (base)" if v.id == c.base else ""
        heads.append(f"<th{cls}>{v.id + 1}. {esc(v.name)}{tag}</th>")
    body = []
    for r, row in enumerate(cellmod.grid(c)):
        tds = "".join(f"<td>{_cell_html(c, cell)}</td>" for cell in row)
        body.append(f'<tr><td class="rowno">{r + 1}</td>{tds}</tr>')
    return ('<table class="cols"><thead><tr>' + "".join(heads) + "</tr></thead><tbody>"
            + "".join(body) + "</tbody></table>")


def _redlines_html(c: Comparison) -> str:
    base = c.versions[c.base]
    out = []
    for v in c.versions:
        if v.id == c.base:
            continue
        changed = changed_links(c, v.id)
        out.append(f"<h3>{esc(base.name)} \u2192 {esc(v.name)}</h3>")
        if not changed:
            out.append(f'<p class="note">{no_changes_note(c, v.id)}</p>')
            continue
        for link in changed:
            tags = [_score_badge(link.relation, link.score) if link.relation != "identical" else _badge("identical")]
            if link.moved:
                tags.append(_badge("moved"))
            if len(link.a) > 1:
                tags.append(_badge("merged"))
            if len(link.b) > 1:
                tags.append(_badge("split"))
            out.append(f'<div class="redline r-{link.relation}"><div class="head">base {para_numbers(link.a)} '
                       f'\u2192 {para_numbers(link.b)} {"".join(tags)}</div>'
                       f'<div class="body">{diff_html(link.diff)}</div></div>')
    return "".join(out)


def _provenance_html(c: Comparison) -> str:
    """Reuse matrix, lineage list and what is new in each version."""
    names = [v.name for v in c.versions]
    sources = {e.version: e.source for e in c.lineage}
    head = "".join(f"<th>in {breakable(n)}</th>" for n in names)
    rows = []
    for r, row in enumerate(matrix_rows(c)):
        tds = []
        for k, x in enumerate(row):
            if x is None:
                tds.append('<td style="color:var(--muted)">—</td>')
                continue
            bg, ink = shade(x)
            src = sources.get(r) == k
            tip = f"{share(x)} of {names[r]}'s words stand verbatim in {names[k]}"
            cls = ' class="src"' if src else ""
            tds.append(f'<td{cls} style="background:{bg};color:{ink}" '
                       f'title="{esc(tip)}">{esc(share(x))}{" *" if src else ""}</td>')
        rows.append(f'<tr><th class="row">{breakable(names[r])}’s words</th>{"".join(tds)}</tr>')
    matrix = (f'<table class="matrix"><thead><tr><th></th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
              f'<p class="note">{esc(MATRIX_NOTE)}</p>')
    lineage = ('<ul class="lineage">' + "".join(f"<li>{esc(line)}</li>" for line in lineage_lines(c)) + "</ul>"
               f'<p class="note">{esc(DERIVES_NOTE)}</p>')
    new = []
    for v in range(len(c.versions)):
        items = new_items(c, v)
        new.append(f"<h3>{esc(new_heading(c, v))}</h3>")
        if items:
            new.append('<ul class="new">' + "".join(
                f'<li><span class="kind">{para_numbers([x.block])} {esc(x.kind)}:</span> {esc(" ".join(x.text.split()))}</li>'
                for x in items) + "</ul>")
    return ("\n<h2>Reuse matrix</h2>\n" + matrix + "\n<h2>Lineage</h2>\n" + lineage
            + "\n<h2>What is new in each version</h2>\n<p class=\"note\">Paragraphs and sentences that no other "
              "version has, verbatim, edited or paraphrased.</p>" + "".join(new))


def _header_html(c: Comparison) -> str:
    base = c.versions[c.base]
    o = c.options
    opts = [f"sensitivity {o.sensitivity:g}", f"{o.granularity}-level diffs", f"unit: {o.unit}"]
    if o.ignore_case:
        opts.append("case ignored")
    if o.ignore_punctuation:
        opts.append("punctuation ignored")
    if not o.ignore_quotes:
        opts.append("quote styles count")
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"<h1>Storydiff report</h1><p class=\"meta\">{len(c.versions)} versions compared against "
            f"<b>{esc(base.name)}</b> (base) \u00b7 {esc(', '.join(opts))} \u00b7 {when}</p>")


def to_html(c: Comparison, qt: bool = False) -> str:
    """The whole report as one HTML document (`qt=True`: the variant for Qt's PDF printing)."""
    if qt:
        return to_qt_html(c)
    title = f"Storydiff report: {c.versions[c.base].name}"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        # Belt and braces: even if something slipped through escaping, nothing may load or run.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>\n"
        + _header_html(c)
        + "\n" + html_section(c, esc)
        + "\n<h2>Summary</h2>\n" + _summary_html(c)
        + _provenance_html(c)
        + "\n<h2 id=\"legend\">Legend</h2>\n" + _legend_html()
        + "\n<h2>Aligned versions</h2>\n<p class=\"note\">Each row holds what stands side by side with the "
          "base; paragraphs are numbered from 1 in each version; words a version inserted are "
          "underlined.</p>\n" + _columns_html(c)
        + "\n<h2>Word-level redline against the base</h2>\n" + _redlines_html(c)
        + "\n<footer>Made by Storydiff. Text in this report is quoted from the versions compared.</footer>"
        + "\n</body></html>\n"
    )
