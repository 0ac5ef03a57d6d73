"""Rich text for one table cell: badges (the non-colour cue) and the paragraph text.

Article text is untrusted: every piece of it goes through `esc` before it enters
HTML, so a version containing `<script>` or `<img onerror=...>` shows as text.
"""

from __future__ import annotations

import html

from engine.analysis.cells import ADDED, BASE, Cell, Part, is_context
from engine.model import DELETE, EDITED, EQUAL, HEADING, INSERT, PARAPHRASED, TITLE, Comparison
from engine.vocabulary import pct

from ...theme import T_MERGED, T_MOVED, T_MUTED, T_SPLIT, TAG_COLOURS, TAG_INFO, Colours, badge_text_colour, part_tags


def esc(text: str) -> str:
    """Escape untrusted text for Qt rich text (quotes too: it may land in attributes)."""
    return html.escape(text, quote=True)


def esc_lines(text: str) -> str:
    """Escape article text and keep its line breaks (the sections of a coarsened
    comparison join their paragraphs with newlines, which HTML would fold into spaces)."""
    return esc(text).replace("\n", "<br>")


def badge(tag: str, text: str | None = None, href: str | None = None) -> str:
    colour = TAG_COLOURS[tag]
    label = esc(text if text is not None else TAG_INFO[tag].badge)
    span = (f'<span style="background-color:{colour};color:{badge_text_colour(colour)};'
            f'font-size:small;font-weight:600">&nbsp;{label}&nbsp;</span>')
    if href:
        # The anchor keeps the badge colours; the delegate turns clicks on it into navigation.
        return f'<a href="{esc(href)}" style="text-decoration:none">{span}</a>'
    return span


def numbers(indices: tuple[int, ...] | list[int]) -> str:
    """Block numbers as readers count them: ¶1 is the first block."""
    return " + ".join(f"¶{i + 1}" for i in indices)


def inline_diff(diff, colours: Colours, show: tuple[int, ...] = (EQUAL, DELETE, INSERT)) -> str:
    """A word-level redline: inserted text underlined on a tint, deleted text struck through."""
    out = []
    for op, text in diff:
        if op not in show:
            continue
        t = esc_lines(text)
        if op == EQUAL:
            out.append(t)
        elif op == INSERT:
            out.append(f'<span style="background-color:{colours.inserted_bg};text-decoration:underline">{t}</span>')
        else:
            out.append(f'<span style="color:{colours.deleted};text-decoration:line-through">{t}</span>')
    return "".join(out)


def part_badges(c: Comparison, version: int, part: Part) -> list[str]:
    out = []
    for tag in part_tags(part):
        if tag == T_MUTED:
            out.append(badge(tag, part.kind.upper()))  # CAPTION, BOILERPLATE, HEADER, SIGNOFF
        elif tag == PARAPHRASED and part.link is not None:
            out.append(badge(tag, f"PARAPHRASED {pct(part.link.score)}"))
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
            out.append(badge(tag, f"JOINS base {numbers(part.merged_from)}"))
        elif tag == T_SPLIT and part.link is not None:
            out.append(badge(tag, f"SPLIT of base {numbers(part.link.a)}"))
        else:
            out.append(badge(tag))
    return out


def body_html(c: Comparison, version: int, part: Part, colours: Colours) -> str:
    block = c.versions[version].blocks[part.block]
    if part.state == EDITED and part.link is not None and not part.split and not part.quiet:
        text = inline_diff(part.link.diff, colours)
    else:
        text = esc_lines(block.display)
    if block.kind in (HEADING, TITLE):
        big = "font-size:large;" if part.state == ADDED else ""
        return f'<span style="font-weight:700;{big}">{text}</span>'
    if is_context(block.kind):
        return f'<span style="color:{colours.muted};font-style:italic">{text}</span>'
    return text


def cell_html(c: Comparison, cell: Cell, colours: Colours) -> str:
    """The rich text of a non-empty cell ('' for an empty cell: the delegate draws a placeholder)."""
    chunks = []
    for k, part in enumerate(cell.parts):
        meta = [f'<span style="color:{colours.muted};font-size:small">¶{part.block + 1}</span>']
        if part.state != BASE:
            meta.extend(part_badges(c, cell.version, part))
        top = "0" if k == 0 else "10px"
        chunks.append(f'<p style="margin-top:{top};margin-bottom:3px">{"&nbsp;".join(meta)}</p>'
                      f'<p style="margin:0">{body_html(c, cell.version, part, colours)}</p>')
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
