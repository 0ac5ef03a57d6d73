"""The detail pane's text: the base and the selected paragraph as a word-level redline.

Shows the relation, score, word counts and, for a base paragraph, what became of it
in every other version. All article text is escaped (see `cell_html.esc`).
"""

from __future__ import annotations

from engine.align.sentence_pairs import align_sentences
from engine.analysis.cell_facts import cell_facts, part_facts
from engine.analysis.cells import ABSENT, ADDED, BASE, DROPPED, Cell, Part, is_context
from engine.ledger import FactChange
from engine.model import DELETE, EDITED, EQUAL, IDENTICAL, INSERT, PARAPHRASED, Comparison
from engine.vocabulary import FIGURES, KIND, RULE_EDITED, RULE_PARAPHRASED, pct, plural

from ...theme import Colours
from .cell_html import badge, esc, esc_lines, fact_chip, inline_diff, mark_spans, numbers, part_badges


def _words(text: str) -> int:
    return len(text.split())


def _diff_counts(diff) -> tuple[int, int]:
    ins = sum(_words(t) for op, t in diff if op == INSERT)
    dele = sum(_words(t) for op, t in diff if op == DELETE)
    return ins, dele


def _heading(text: str) -> str:
    return f'<p style="margin:0 0 6px 0;font-weight:600">{text}</p>'


def _two_columns(left_title: str, left: str, right_title: str, right: str, colours: Colours) -> str:
    head = f'style="color:{colours.muted};font-size:small;padding:2px 12px 4px 0"'
    cell = 'style="padding:0 16px 0 0" width="50%"'
    return (f'<table width="100%" cellspacing="0" cellpadding="0">'
            f'<tr><td {head}>{left_title}</td><td {head}>{right_title}</td></tr>'
            f'<tr><td valign="top" {cell}>{left}</td><td valign="top" {cell}>{right}</td></tr></table>')


def facts_html(facts: tuple[FactChange, ...], colours: Colours) -> str:
    """The changed facts of a paragraph, each with its badge and its words: "figure changed:
    2,300 → 23,000 (×10)" (the ledger's own description, escaped)."""
    if not facts:
        return ""
    lines = "<br>".join(f"{fact_chip(f.badge)}&nbsp; {esc(f.description)}" for f in facts)
    return f'<p style="margin:0 0 8px 0">{lines}</p>'


def detail_html(c: Comparison, cell: Cell, colours: Colours, part_index: int = 0,
                mark: FactChange | None = None) -> str:
    """What the detail pane shows for the selected cell; `mark`: a fact to highlight."""
    base = c.versions[c.base]
    version = c.versions[cell.version]
    if cell.state == ABSENT:
        owners = [c.versions[w].name for w in range(len(c.versions)) if c.rows[cell.row][w]]
        where = f" It appears in {esc(', '.join(owners))}." if owners else ""
        base_blocks = c.rows[cell.row][c.base]
        if cell.version == c.base:
            text = f"The base has no block here: another version added it.{where}"
        elif base_blocks and all(is_context(base.blocks[i].kind) for i in base_blocks):
            kinds = ", ".join(sorted({base.blocks[i].kind for i in base_blocks}))
            text = (f"This version lacks base {numbers(base_blocks)} ({esc(kinds)}): context, not a change "
                    "(Show › Boilerplate and Captions as Changes counts it).")
        elif base_blocks:
            text = (f"This version lacks base {numbers(base_blocks)}, but keeps the same text elsewhere "
                    "(or in another row): not dropped.")
        else:
            text = f"Neither this version nor the base has this block.{where}"
        return _heading(f"Not in {esc(version.name)}") + f"<p>{text}</p>"
    if cell.state == DROPPED:
        blocks = c.rows[cell.row][c.base]
        text = " ".join(base.blocks[i].display for i in blocks)
        return (_heading(f"{badge('dropped')}&nbsp; base {numbers(blocks)} is not in {esc(version.name)}")
                + facts_html(cell_facts(c, cell), colours)
                + f'<p style="color:{colours.deleted};text-decoration:line-through">{esc(text)}</p>'
                + f'<p style="color:{colours.muted}">{plural(_words(text), "word")} dropped</p>')
    part = cell.parts[min(part_index, len(cell.parts) - 1)]
    block = version.blocks[part.block]
    if part.state == BASE:
        return _base_detail(c, part, colours)
    if part.state == ADDED:
        return (_heading(f"{' '.join(part_badges(c, cell.version, part))}&nbsp; {esc(version.name)} ¶{part.block + 1}"
                         f" ({esc(block.kind)}) has no counterpart in the base, {esc(base.name)}")
                + facts_html(part_facts(c, cell.version, part), colours)
                + f"<p>{esc_lines(block.display)}</p>"
                + f'<p style="color:{colours.muted}">{plural(block.words, "word")}</p>')
    link = part.link
    assert link is not None
    a_text = "".join(t for op, t in link.diff if op != INSERT)
    b_text = "".join(t for op, t in link.diff if op != DELETE)
    ins, dele = _diff_counts(link.diff)
    rel = " ".join(part_badges(c, cell.version, part)) or badge_plain("IDENTICAL", colours)
    facts = (f'<span title="{esc(FIGURES["score"].explain)}">match {pct(link.score)}</span>'
             f" · base {plural(_words(a_text), 'word')} · this version {plural(_words(b_text), 'word')}"
             f" · {plural(ins, 'word')} inserted, {dele} deleted")
    why = {str(EDITED): RULE_EDITED, str(PARAPHRASED): RULE_PARAPHRASED}.get(part.state)
    changed = part_facts(c, cell.version, part)
    if changed:
        pass  # what changed (below) says more than the general rule, which Help and the legend keep
    elif why and not part.quiet:
        facts += f"<br>{esc(part.state.capitalize())}: {esc(why)}."
    elif part.quiet:
        facts += "<br>" + esc(KIND["muted"].explain)
    head = (_heading(f"{rel}&nbsp; {esc(version.name)} {numbers(link.b)} against base {numbers(link.a)}")
            + f'<p style="margin:0 0 8px 0;color:{colours.muted}">{facts}</p>' + facts_html(changed, colours))
    titles = (f"BASE · {esc(base.name)} {numbers(link.a)}", f"{esc(version.name)} {numbers(link.b)}")
    # A rewrite (paraphrased, or paragraphs joined or split) is read sentence by sentence:
    # the engine pairs the sentences, and each pair shows its own word changes.
    pairs = align_sentences(link.text_a, link.text_b, c.options) \
        if (part.state == PARAPHRASED or link.merged) and not part.quiet else ()
    if len(pairs) > 1 or (pairs and pairs[0].relation not in (IDENTICAL, EDITED)):
        return head + sentence_table(pairs, titles, colours)
    a_span, b_span = mark_spans(c, cell.version, part, mark) if part.state == EDITED else (None, None)
    left = inline_diff(link.diff, colours, show=(EQUAL, DELETE), a_span=a_span)
    right = inline_diff(link.diff, colours, show=(EQUAL, INSERT), b_span=b_span)
    return head + _two_columns(titles[0], left, titles[1], right, colours)


def sentence_table(pairs, titles: tuple[str, str], colours: Colours) -> str:
    """Sentence pairs side by side, each labelled (kept, edited, reworded, moved, dropped,
    added) and showing its word changes: deletions left, insertions right."""
    head = f'style="color:{colours.muted};font-size:small;padding:2px 10px 4px 0"'
    rows = [f'<tr><td {head}>sentence</td><td {head}>{titles[0]}</td><td {head}>{titles[1]}</td></tr>']
    for p in pairs:
        kind = KIND[p.relation]
        label = f"{kind.symbol} {SENTENCE_WORDS.get(p.relation, kind.label.lower())}"
        if p.moved:
            label += f"<br>{KIND['moved'].symbol} moved"
        left = inline_diff(p.diff, colours, show=(EQUAL, DELETE)) if p.text_a else "&nbsp;"
        right = inline_diff(p.diff, colours, show=(EQUAL, INSERT)) if p.text_b else "&nbsp;"
        cell = f'style="padding:3px 14px 5px 0;border-top:1px solid {colours.rule}" valign="top"'
        rows.append(f'<tr><td {cell} width="12%"><span style="color:{colours.muted};font-size:small">{label}'
                    f'</span></td><td {cell} width="44%">{left}</td><td {cell} width="44%">{right}</td></tr>')
    return f'<table width="100%" cellspacing="0" cellpadding="0">{"".join(rows)}</table>'


# How a sentence pair is named in the detail pane (the kinds' own labels name paragraphs).
SENTENCE_WORDS = {IDENTICAL: "same", EDITED: "edited", PARAPHRASED: "reworded", "dropped": "dropped",
                  "added": "added"}


def badge_plain(text: str, colours: Colours) -> str:
    return (f'<span style="border:1px solid {colours.muted};color:{colours.text};font-size:small;'
            f'font-weight:600">&nbsp;{esc(text)}&nbsp;</span>')


def _base_detail(c: Comparison, part: Part, colours: Colours) -> str:
    base = c.versions[c.base]
    block = base.blocks[part.block]
    lines = []
    for w, v in enumerate(c.versions):
        if w == c.base:
            continue
        link = c.pair(c.base, w).link_of_a(part.block)
        if link is None and is_context(block.kind):
            lines.append(f"<li>{esc(v.name)}: not there (context, not a change)</li>")
            continue
        # what each version changed of this paragraph's facts, under its line
        changed = "".join(f"<br>{fact_chip(f.badge)}&nbsp; {esc(f.description)}"
                          for f in c.pair(c.base, w).facts.of_a(part.block))
        if link is None:
            lines.append(f"<li>{esc(v.name)}: {badge('dropped')}{changed}</li>")
            continue
        extra = " · moved" if link.moved else ""
        lines.append(f"<li>{esc(v.name)} {numbers(link.b)}: {esc(link.relation)}, match {pct(link.score)}{extra}"
                     f"{changed}</li>")
    return (_heading(f"Base · {esc(base.name)} ¶{part.block + 1} ({esc(block.kind)}, {plural(block.words, 'word')})")
            + f"<p>{esc_lines(block.display)}</p>"
            + f'<p style="margin:8px 0 2px 0;color:{colours.muted}">In the other versions:</p><ul style="margin-top:0">'
            + "".join(lines) + "</ul>")
