"""The plain-text layout every structured reader writes and the block splitter reads.

Readers of structured files (HTML, Word, PDF, agency XML) hand their paragraphs
and headings over as text in one convention: blocks separated by blank lines,
headings marked with Markdown `#`s (one for the headline). Kept apart from the
format table so readers and the table never import each other.
"""

from __future__ import annotations

# Opens the line of a caption (a zero-width space: invisible, and left outside the block's
# text by the splitter, which trims it like white space); `engine.text.blocks` gives such
# a block the caption kind.
CAPTION_MARK = "\u200b"


def join_blocks(blocks: list[tuple[int, str]]) -> str:
    """The text the block splitter reads: one line per block, blank lines between.

    `blocks` holds (heading level, text); level 0 is a paragraph, a negative level a caption. Each text must
    already be one line. A paragraph that happens to start like a Markdown heading
    gets a zero-width no-break space in front so it stays a paragraph.
    """
    out = []
    for level, text in blocks:
        if not text:
            continue
        if level < 0:
            out.append(CAPTION_MARK + text)
        elif level:
            out.append("#" * min(level, 6) + " " + text)
        elif text.lstrip().startswith("#"):
            out.append("\u2060" + text)
        else:
            out.append(text)
    return "\n\n".join(out) + ("\n" if out else "")
