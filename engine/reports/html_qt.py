"""The HTML report in the dialect Qt's rich-text engine prints (for the PDF report).

QTextDocument renders HTML 4 tables and a small CSS subset: no flex boxes, no
side borders on blocks, no outlines. So the same content is laid out with tables:
each block of a cell is a one-row table whose narrow first cell is the coloured
side bar, badges are bold coloured words in brackets, insertions are underlined
on a green tint and deletions struck through on a vermillion tint. Like the
browser report, every piece of article text is escaped. No Qt import here: this is
only text; `engine.reports.pdf` hands it to Qt.
"""

from __future__ import annotations

from ..align.inline_diff import rebuild
from ..analysis import cells as cellmod
from ..analysis.badges import Badge, part_badges
from ..analysis.cell_facts import fact_badges, part_facts
from ..analysis.summary import changed_links, no_changes_note, summarize
from ..model import DELETE, INSERT, Comparison, Diff
from ..vocabulary import FACT_LEGEND, FIGURES, MERGED, MUTED, SPLIT, ink_on, pct
from .facts_section import html_section, qt_badge_html
from .html_parts import breakable, diff_html, esc, para_numbers, shade
from .legend import DELETED, INSERTED, LEGEND_ORDER, MARKS, SUMMARY_ORDER
from .provenance import DERIVES_NOTE, MATRIX_NOTE, lineage_lines, matrix_rows, new_heading, new_items, share

_BAR = {"base": "#333333", "identical": "#bbbbbb"}
ZWSP = "\u200b"  # where a name in a narrow table head may wrap (Qt knows no <wbr>)


def _badge(key: str, extra: str = "") -> str:
    m = MARKS[key]
    text = f"[{m.symbol} {m.label}{(' ' + extra) if extra else ''}]"
    return (f'<span style="background-color:{m.colour}; color:{ink_on(m.colour)}; font-weight:bold; '
            f'font-size:7pt">{esc(text)}</span> ')


# Qt's rich text knows no `ins`/`del` styling: spans with inline styles instead.
_INS = (f'<span style="background-color:{INSERTED.tint}; text-decoration:underline">', "</span>")
_DEL = (f'<span style="background-color:{DELETED.tint}; text-decoration:line-through">', "</span>")


def _diff(diff: Diff, side: int | None = None) -> str:
    return diff_html(diff, side, ins=_INS, dele=_DEL)


def _boxed(colour: str, tint: str, inner: str) -> str:
    """A block with a coloured side bar: a one-row table of two cells."""
    return (f'<table width="100%" cellspacing="0" cellpadding="2" style="margin-bottom:3px">'
            f'<tr><td width="4" bgcolor="{colour}"></td><td bgcolor="{tint}">{inner}</td></tr></table>')


def _part_badge(b: Badge) -> str:
    if b.score is not None:
        return _badge(b.key, pct(b.score))
    if b.key == MERGED:
        return _badge(b.key, f"from {para_numbers(b.blocks)}")
    if b.key == SPLIT and b.blocks:
        return _badge(b.key, f"of {para_numbers(b.blocks)}")
    return _badge(b.key)


def _part(c: Comparison, cell: cellmod.Cell, part: cellmod.Part) -> str:
    block = c.versions[cell.version].blocks[part.block]
    m = MARKS[part.state]
    tags = []
    if part.quiet:  # context, not change: one quiet badge, no relation, no highlights
        return _boxed(MARKS["muted"].colour, "#ffffff", _badge("muted") + "<br>"
                      + f'<i><span style="color:{MUTED}">{esc(block.display)}</span></i>')
    tags += [_part_badge(b) for b in part_badges(part)]  # which ones: engine.analysis.badges
    tags += [qt_badge_html(b, esc) + " " for b in fact_badges(part_facts(c, cell.version, part))]
    text = esc(block.display)
    if part.link is not None and part.state != "identical" and rebuild(part.link.diff, 1) == block.display:
        text = _diff(part.link.diff, side=1)
    if part.kind in ("title", "heading"):
        text = f"<b>{text}</b>"
    elif part.muted:
        text = f'<i><span style="color:{MUTED}">{text}</span></i>'
    colour = MARKS["moved"].colour if part.moved else _BAR.get(part.state, m.colour)
    tint = m.tint if part.state not in ("base", "identical") else "#ffffff"
    head = ("".join(tags) + "<br>") if tags else ""
    return _boxed(colour, tint, head + text)


def _cell(c: Comparison, cell: cellmod.Cell) -> str:
    if cell.state == cellmod.DROPPED:
        return _boxed(MARKS["dropped"].colour, MARKS["dropped"].tint, _badge("dropped"))
    if cell.empty:
        return f'<span style="color:{MUTED}">\u00b7</span>'
    return "".join(_part(c, cell, p) for p in cell.parts)


def _provenance(c: Comparison) -> list[str]:
    names = [v.name for v in c.versions]
    sources = {e.version: e.source for e in c.lineage}
    out = ['<h3>Reuse matrix</h3>',
           '<table border="1" cellspacing="0" cellpadding="3" style="border-color:#bbbbbb; border-style:solid">'
           '<tr bgcolor="#eeeeee"><th></th>' + "".join(f"<th>in {breakable(n, ZWSP)}</th>" for n in names) + "</tr>"]
    for r, row in enumerate(matrix_rows(c)):
        tds = []
        for k, x in enumerate(row):
            if x is None:
                tds.append(f'<td align="center" style="color:{MUTED}">\u2014</td>')
                continue
            bg, ink = shade(x)
            text = esc(share(x)) + (" *" if sources.get(r) == k else "")
            if sources.get(r) == k:
                text = f"<b>{text}</b>"
            tds.append(f'<td align="center" bgcolor="{bg}"><span style="color:{ink}; background-color:{bg}">'
                       f'{text}</span></td>')
        out.append(f"<tr><td>{breakable(names[r], ZWSP)}\u2019s words</td>{''.join(tds)}</tr>")
    out.append(f'</table><p style="color:{MUTED}">{esc(MATRIX_NOTE)}</p>')
    out.append("<h3>Lineage</h3><ul>" + "".join(f"<li>{esc(line)}</li>" for line in lineage_lines(c)) + "</ul>"
               f'<p style="color:{MUTED}">{esc(DERIVES_NOTE)}</p>')
    out.append("<h3>What is new in each version</h3>")
    for v in range(len(c.versions)):
        out.append(f"<h4>{esc(new_heading(c, v))}</h4>")
        items = new_items(c, v)
        if items:
            out.append("<ul>" + "".join(
                f'<li><span style="color:{MUTED}">{para_numbers([x.block])} {esc(x.kind)}:</span> '
                f'{esc(" ".join(x.text.split()))}</li>' for x in items) + "</ul>")
    return out


def to_qt_html(c: Comparison) -> str:
    base = c.versions[c.base]
    out = ['<html><head><meta charset="utf-8"></head>'
           '<body style="font-family:\'DejaVu Sans\',Arial,sans-serif; font-size:8pt">',
           '<h2>Storydiff report</h2>',
           f'<p style="color:{MUTED}">{len(c.versions)} versions compared against <b>{esc(base.name)}</b> '
           f'(base); sensitivity {c.options.sensitivity:g}, {c.options.granularity}-level diffs, '
           f'unit: {c.options.unit}. Paragraphs (\u00b6) and rows are numbered from 1.</p>',
           html_section(c, esc, qt=True),
           '<h3>Summary</h3>',
           '<table border="1" cellspacing="0" cellpadding="3" style="border-color:#bbbbbb; border-style:solid">'
           '<tr bgcolor="#eeeeee"><th>#</th><th align="left">version</th><th>words</th><th>blocks</th>'
           f'<th>{FIGURES["reuse"].label}</th><th>{FIGURES["similarity"].label}</th>'
           + "".join(f"<th>{esc(MARKS[k].symbol)} {k}</th>" for k in SUMMARY_ORDER) + "</tr>"]
    for s in summarize(c):
        if s.counts:
            tail = (f'<td align="right">{pct(s.reuse_from_base)}</td><td align="right">{pct(s.similarity)}</td>'
                    + "".join(f'<td align="right">{s.counts.get(k, 0)}</td>' for k in SUMMARY_ORDER))
        else:
            tail = f'<td align="center">\u2014</td><td align="center">\u2014</td><td colspan="{len(SUMMARY_ORDER)}" align="center">base</td>'
        out.append(f'<tr><td align="right">{s.version + 1}</td><td>{esc(s.name)}</td>'
                   f'<td align="right">{s.words}</td><td align="right">{s.blocks}</td>{tail}</tr>')
    out.append("</table>")
    out.extend(f'<p style="color:{MUTED}">{esc(FIGURES[k].explain)}</p>' for k in ("counts", "reuse", "similarity"))
    out.extend(_provenance(c))
    # One row per kind: badge, then what it means (a paragraph of them reads as one block).
    legend = [(_badge(key), esc(MARKS[key].meaning)) for key in LEGEND_ORDER]
    legend.append((qt_badge_html(FACT_LEGEND, esc), esc(FACT_LEGEND.explain)))
    legend += [(_diff(((INSERT, INSERTED.label),)), esc(INSERTED.meaning)),
               (_diff(((DELETE, DELETED.label),)), esc(DELETED.meaning))]
    out.append("<h3>Legend</h3><table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\">" + "".join(
        f'<tr><td valign="top" width="18%">{badge}</td><td valign="top">{meaning}</td></tr>'
        for badge, meaning in legend) + "</table>")
    out.append(f'<p style="color:{MUTED}">{esc(FIGURES["score"].explain)}</p>')

    out.append("<h3>Aligned versions</h3>")
    width = max(10, 96 // len(c.versions))
    heads = "".join(f'<th width="{width}%" align="left" bgcolor="{"#dddddd" if v.id == c.base else "#eeeeee"}">'
                    f'{v.id + 1}. {esc(v.name)}{" (base)" if v.id == c.base else ""}</th>' for v in c.versions)
    out.append('<table width="100%" border="1" cellspacing="0" cellpadding="2" '
               'style="border-color:#cccccc; border-style:solid">'
               f'<thead><tr><th width="3%">#</th>{heads}</tr></thead>')
    for r, row in enumerate(cellmod.grid(c)):
        out.append(f'<tr><td align="right" style="color:{MUTED}">{r + 1}</td>'
                   + "".join(f'<td valign="top">{_cell(c, cell)}</td>' for cell in row) + "</tr>")
    out.append("</table>")

    out.append("<h3>Word-level redline against the base</h3>")
    for v in c.versions:
        if v.id == c.base:
            continue
        changed = changed_links(c, v.id)
        out.append(f"<h4>{esc(base.name)} \u2192 {esc(v.name)}</h4>")
        if not changed:
            out.append(f'<p style="color:{MUTED}">{no_changes_note(c, v.id)}</p>')
        for link in changed:
            tags = _badge(link.relation, pct(link.score) if link.relation != "identical" else "")
            if link.moved:
                tags += _badge("moved")
            if len(link.a) > 1:
                tags += _badge("merged")
            if len(link.b) > 1:
                tags += _badge("split")
            head = f'<span style="color:{MUTED}">base {para_numbers(link.a)} \u2192 {para_numbers(link.b)}</span> {tags}<br>'
            out.append(_boxed(MARKS[link.relation].colour, "#ffffff", head + _diff(link.diff)))
    out.append("</body></html>")
    return "\n".join(out)
