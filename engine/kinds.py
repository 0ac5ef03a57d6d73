"""The names of block kinds and link relations, as `StrEnum`s (`engine.model` re-exports them).

Each member is its JSON string: `BlockKind.PARAGRAPH == "paragraph"`, and storydiff/1
documents read and write the plain strings.
"""

from __future__ import annotations

from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is. A `StrEnum`: each member is its JSON string ("paragraph" == PARAGRAPH)."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"
    # Wire copy and agency XML: the slug/header lines and desk notes, the byline, the sign-off.
    HEADER = "header"
    BYLINE = "byline"
    SIGNOFF = "signoff"


class Relation(StrEnum):
    """How two linked blocks relate, from closest to loosest (engine.align.relation decides)."""

    IDENTICAL = "identical"
    EDITED = "edited"
    PARAPHRASED = "paraphrased"
