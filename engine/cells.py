"""What each cell of the N-way table means against the base: the one reading of a
`Comparison` that the window, the HTML/Markdown reports and the CLI all share.

A cell is (row, version). Its `state` is one of:

    base         the base version's own block(s)
    identical    equal to the base after normalising space, quotes and dashes
    edited       same wording with word-level changes
    paraphrased  same content, reworded
    added        a block the base lacks (see `kind`: heading, paragraph, boilerplate...)
    dropped      empty: the base has a block here that this version lacks
    absent       empty: another version added this row; neither the base nor this version has it

plus `moved` (the block stands elsewhere in this version's order), `merged_from`
(several base blocks fused into this one), `split` (one base block split into
several here) and the `link` with its score and inline diff.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import BOILERPLATE, CAPTION, Comparison, Link

BASE, ADDED, DROPPED, ABSENT = "base", "added", "dropped", "absent"


@dataclass(frozen=True)
class Cell:
    row: int
    version: int
    blocks: tuple[int, ...]
    state: str
    kind: str | None  # kind of the (first) block; None for empty cells
    link: Link | None = None  # oriented base -> this version
    moved: bool = False
    merged_from: tuple[int, ...] = ()  # base block indices when more than one
    split: bool = False

    @property
    def empty(self) -> bool:
        return not self.blocks

    @property
    def muted(self) -> bool:
        """Site chrome and captions are shown quietly."""
        return self.kind in (BOILERPLATE, CAPTION)

    @property
    def changed(self) -> bool:
        """Anything a reader should stop at (next/previous change visits these)."""
        if self.state in (BASE, ABSENT, "identical"):
            return self.moved or bool(self.merged_from) or self.split
        return True


def cell(c: Comparison, row: int, version: int) -> Cell:
    """The meaning of the cell at (row, version)."""
    blocks = c.rows[row][version]
    v = c.versions[version]
    kind = v.blocks[blocks[0]].kind if blocks else None
    if version == c.base:
        return Cell(row, version, blocks, BASE, kind)
    pair = c.pair(c.base, version)
    if not blocks:
        base_blocks = c.rows[row][c.base]
        # A base block linked to a block that stands in another row (a fusion of
        # non-adjacent paragraphs) is not dropped.
        dropped = bool(base_blocks) and all(pair.link_of_a(i) is None for i in base_blocks)
        return Cell(row, version, blocks, DROPPED if dropped else ABSENT, None)
    link = pair.link_of_b(blocks[0])
    if link is None:
        return Cell(row, version, blocks, ADDED, kind)
    return Cell(row, version, blocks, link.relation, kind, link, link.moved,
                link.a if len(link.a) > 1 else (), len(link.b) > 1)


def row_cells(c: Comparison, row: int) -> list[Cell]:
    return [cell(c, row, v) for v in range(len(c.versions))]


def grid(c: Comparison) -> list[list[Cell]]:
    """Every cell, row by row."""
    return [row_cells(c, r) for r in range(len(c.rows))]


def changed_rows(c: Comparison) -> list[int]:
    """Rows holding at least one change against the base (for next/previous change)."""
    return [r for r in range(len(c.rows)) if any(x.changed for x in row_cells(c, r))]
