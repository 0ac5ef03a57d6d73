"""Rich text for one table cell: badges (the non-colour cue) and the paragraph text.

Article text is untrusted: every piece of it goes through `esc` before it enters
HTML, so a version containing `<script>` or `<img onerror=...>` shows as text.
"""

from __future__ import annotations

import html

from engine.analysis.badges import part_badges as engine_badges
from engine.analysis.cell_facts import fact_badges, part_facts
from engine.analysis.cells import ADDED, BASE, Cell, Part, is_context
from engine.ledger import FactChange, Span
from engine.model import DELETE, EDITED, EQUAL, HEADING, INSERT, PARAPHRASED, TITLE, Comparison
from engine.vocabulary import FactBadge, pct

from ...theme import T_MERGED, T_MOVED, T_MUTED, T_SPLIT, TAG_COLOURS, TAG_INFO, Colours, badge_text_colour


def esc(text: str) -> str:
    """Escape untrusted text for Qt rich text (quotes too: it may land in attributes)."""
    return html.escape(text, quote=True)


def esc_lines(text: str) -> str:
    """Escape article text and keep its line breaks (the sections of a coarsened
    comparison join their paragraphs with newlines, which HTML would fold into spaces)."""
    return esc(text).replace("\n", "<br>")


def chip(colour: str, text: str) -> str:
    """A filled badge: `text` (escaped here) on `colour`, in black or white, whichever reads."""
    return (f'<span style="background-color:{colour};color:{badge_text_colour(colour)};'
            f'font-size:small;font-weight:600">&nbsp;{esc(text)}&nbsp;</span>')


def fact_chip(b: FactBadge) -> str:
    """A changed fact's badge (QUOTE ALTERED, FIGURE CHANGED...), in the vocabulary's colour."""
    return chip(b.colour, b.badge)


def badge(tag: str, text: str | None = None, href: str | None = None) -> str:
    span = chip(TAG_COLOURS[tag], text if text is not None else TAG_INFO[tag].badge)
    if href:
        # The anchor keeps the badge colours; the delegate turns clicks on it into navigation.
        return f'<a href="{esc(href)}" style="text-decoration:none">{span}</a>'
    return span


def numbers(indices: tuple[int, ...] | list[int]) -> str:
    """Block numbers as readers count them: ¶1 is the first block."""
    return " + ".join(f"¶{i + 1}" for i in indices)


def _marked(text: str, start_a: int, start_b: int, op: int, a_span: Span | None, b_span: Span | None,
            colours: Colours) -> str:
    """`text` escaped, its characters inside the marked fact's span (old words counted in
    version a's text, new words in b's) on the fact highlight."""
    def inside(k: int) -> bool:
        return (op != INSERT and a_span is not None and a_span[0] <= start_a + k < a_span[1]) or \
            (op != DELETE and b_span is not None and b_span[0] <= start_b + k < b_span[1])
    out, k = [], 0
    while k < len(text):
        on = inside(k)
        end = k + 1
        while end < len(text) and inside(end) == on:
            end += 1
        piece = esc_lines(text[k:end])
        out.append(f'<span style="background-color:{colours.fact_mark}">{piece}</span>' if on else piece)
        k = end
    return "".join(out)


def inline_diff(diff, colours: Colours, show: tuple[int, ...] = (EQUAL, DELETE, INSERT),
                a_span: Span | None = None, b_span: Span | None = None) -> str:
    """A word-level redline: inserted text underlined on a tint, deleted text struck through;
    `a_span` / `b_span`: a fact to highlight (offsets into the diff's old and new text)."""
    out = []
    pos_a = pos_b = 0
    for op, text in diff:
        start_a, start_b = pos_a, pos_b
        pos_a += len(text) if op != INSERT else 0
        pos_b += len(text) if op != DELETE else 0
        if op not in show:
            continue
        t = _marked(text, start_a, start_b, op, a_span, b_span, colours) if a_span or b_span else esc_lines(text)
        if op == EQUAL:
            out.append(t)
        elif op == INSERT:
            out.append(f'<span style="background-color:{colours.inserted_bg};text-decoration:underline">{t}</span>')
        else:
            out.append(f'<span style="color:{colours.deleted};text-decoration:line-through">{t}</span>')
    return "".join(out)


def part_badges(c: Comparison, version: int, part: Part) -> list[str]:
    """The block's badges (engine.analysis.badges decides which) as the window shows them."""
    out = []
    for b in engine_badges(part):
        tag = b.key
        if tag == T_MUTED:
            out.append(badge(tag, (b.label or part.kind).upper()))  # CAPTION, BOILERPLATE, HEADER, SIGNOFF
        elif tag == PARAPHRASED and b.score is not None:
            out.append(badge(tag, f"PARAPHRASED {pct(b.score)}"))
        elif tag == T_MOVED:
            # Link to where the block actually stands in its own version: the row of
            # the block just before it in that version's reading order.
            if part.block > 0:
                prev = c.row_of[version].get(part.block - 1)
                out.append(badge(tag, f"⇅ MOVED · stands after ¶{part.block}", f"row:{prev}:{version}"))
            else:
                first = c.row_of[version].get(0)
                out.append(badge(tag, "⇅ MOVED · stands first", f"row:{first}:{version}"))
        elif tag == T_MERGED:
            out.append(badge(tag, f"JOINS base {numbers(b.blocks)}"))
        elif tag == T_SPLIT and b.blocks:
            out.append(badge(tag, f"SPLIT of base {numbers(b.blocks)}"))
        else:
            out.append(badge(tag))
    out.extend(fact_chip(b) for b in fact_badges(part_facts(c, version, part)))
    return out


def _offset(c: Comparison, version: int, blocks: tuple[int, ...], block: int) -> int:
    """Where `block` starts in the text of a link side made of `blocks` (joined by line breaks)."""
    shown = c.versions[version].blocks
    return sum(len(shown[i].display) + 1 for i in blocks[:blocks.index(block)])


def _shift(span: Span | None, by: int) -> Span | None:
    return (span[0] + by, span[1] + by) if span is not None else None


def mark_spans(c: Comparison, version: int, part: Part, fact: FactChange | None) -> tuple[Span | None, Span | None]:
    """The marked fact's old and new words in this part's text (its link's two sides, or the
    block's own text as the new side): (a_span, b_span), None where it does not stand here."""
    if fact is None:
        return None, None
    if version == c.base:  # the base holds the old words
        return None, fact.a_span if fact.a_block == part.block else None
    if fact.b_block != part.block:
        return None, None
    link = part.link
    if link is None or not (part.state == EDITED and not part.split and not part.quiet):
        return None, fact.b_span
    a_span = _shift(fact.a_span, _offset(c, c.base, link.a, fact.a_block)) if fact.a_block in link.a else None
    return a_span, _shift(fact.b_span, _offset(c, version, link.b, part.block))


def body_html(c: Comparison, version: int, part: Part, colours: Colours, fact: FactChange | None = None) -> str:
    block = c.versions[version].blocks[part.block]
    a_span, b_span = mark_spans(c, version, part, fact)
    if part.state == EDITED and part.link is not None and not part.split and not part.quiet:
        text = inline_diff(part.link.diff, colours, a_span=a_span, b_span=b_span)
    elif b_span is not None:
        text = inline_diff(((EQUAL, block.display),), colours, b_span=b_span)
    else:
        text = esc_lines(block.display)
    if block.kind in (HEADING, TITLE):
        big = "font-size:large;" if part.state == ADDED else ""
        return f'<span style="font-weight:700;{big}">{text}</span>'
    if is_context(block.kind):
        return f'<span style="color:{colours.muted};font-style:italic">{text}</span>'
    return text


def cell_html(c: Comparison, cell: Cell, colours: Colours, fact: FactChange | None = None) -> str:
    """The rich text of a non-empty cell ('' for an empty cell: the delegate draws a placeholder);
    `fact`: a changed fact to highlight where it stands in this cell."""
    chunks = []
    for k, part in enumerate(cell.parts):
        meta = [f'<span style="color:{colours.muted};font-size:small">¶{part.block + 1}</span>']
        if part.state != BASE:
            meta.extend(part_badges(c, cell.version, part))
        top = "0" if k == 0 else "10px"
        chunks.append(f'<p style="margin-top:{top};margin-bottom:3px">{"&nbsp;".join(meta)}</p>'
                      f'<p style="margin:0">{body_html(c, cell.version, part, colours, fact)}</p>')
    return "".join(chunks)


def cell_plain(c: Comparison, cell: Cell) -> str:
    """The cell's text without markup (find, copy, accessibility)."""
    blocks = c.versions[cell.version].blocks
    return "\n\n".join(blocks[i].display for i in cell.blocks)


def plain_tip(text: str) -> str:
    """A tooltip showing `text` as the characters it is.

    Qt guesses whether a tooltip is rich text, and a version name or an article line
    holding `<img src=...>` would be taken for markup (and the image loaded). Escaped
    inside `<qt>`, it is always rich text whose content is literal. Without a `<`
    Qt never guesses rich text, so such text is returned as it is.
    """
    return text if "<" not in text else "<qt>" + esc_lines(text) + "</qt>"
