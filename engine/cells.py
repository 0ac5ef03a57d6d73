"""What each cell of the N-way table means against the base: the one reading of a
`Comparison` that the window, the HTML/Markdown reports and the CLI all share.

A cell is (row, version). Its `state` is one of:

    base         the base version's own block(s)
    identical    equal to the base after normalising space, quotes and dashes
    edited       same wording with word-level changes
    paraphrased  same content, reworded
    added        a block the base lacks (see `kind`: heading, paragraph, boilerplate...)
    dropped      empty: the base has a block here that this version lacks
    absent       empty: another version added this row, or the base's block here is
                 site chrome (boilerplate), whose absence is no change to the story

Each block of a cell is a `Part` with its own state, `moved` (the block stands elsewhere in this version's order), `merged_from`
(several base blocks fused into this one), `split` (one base block split into
several here) and the `link` with its score and inline diff.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import CAPTION, CHROME_KINDS, Comparison, Link

BASE, ADDED, DROPPED, ABSENT = "base", "added", "dropped", "absent"


@dataclass(frozen=True)
class Part:
    """One block of a cell and its relation to the base."""

    block: int
    state: str
    kind: str
    link: Link | None = None  # oriented base -> this version
    moved: bool = False
    merged_from: tuple[int, ...] = ()  # base block indices when more than one
    split: bool = False

    @property
    def muted(self) -> bool:
        """Site chrome and captions are shown quietly."""
        return self.kind in CHROME_KINDS or self.kind == CAPTION

    @property
    def changed(self) -> bool:
        if self.state in (BASE, "identical"):
            return self.moved or bool(self.merged_from) or self.split
        return True


@dataclass(frozen=True)
class Cell:
    """A (row, version) cell: its blocks (`parts`, usually one) or why it is empty."""

    row: int
    version: int
    state: str  # the first part's state, or dropped / absent for an empty cell
    parts: tuple[Part, ...] = ()

    @property
    def blocks(self) -> tuple[int, ...]:
        return tuple(p.block for p in self.parts)

    @property
    def empty(self) -> bool:
        return not self.parts

    @property
    def kind(self) -> str | None:
        return self.parts[0].kind if self.parts else None

    @property
    def changed(self) -> bool:
        """Anything a reader should stop at (next/previous change visits these)."""
        return self.state == DROPPED or any(p.changed for p in self.parts)


def cell(c: Comparison, row: int, version: int) -> Cell:
    """The meaning of the cell at (row, version)."""
    blocks = c.rows[row][version]
    v = c.versions[version]
    if version == c.base:
        parts = tuple(Part(i, BASE, v.blocks[i].kind) for i in blocks)
        return Cell(row, version, BASE if blocks else ABSENT, parts)
    pair = c.pair(c.base, version)
    if not blocks:
        base_blocks = c.rows[row][c.base]
        # A base block linked to a block that stands in another row (a fusion of
        # non-adjacent paragraphs) is not dropped; nor is the base's site chrome, whose
        # absence elsewhere is no change to the story.
        base_version = c.versions[c.base]
        dropped = bool(base_blocks) and all(pair.link_of_a(i) is None for i in base_blocks) \
            and not all(base_version.blocks[i].kind in CHROME_KINDS for i in base_blocks)
        return Cell(row, version, DROPPED if dropped else ABSENT)
    parts = []
    for j in blocks:
        link = pair.link_of_b(j)
        kind = v.blocks[j].kind
        if link is None:
            parts.append(Part(j, ADDED, kind))
        else:
            parts.append(Part(j, link.relation, kind, link, link.moved,
                              link.a if len(link.a) > 1 else (), len(link.b) > 1))
    return Cell(row, version, parts[0].state, tuple(parts))


def row_cells(c: Comparison, row: int) -> list[Cell]:
    return [cell(c, row, v) for v in range(len(c.versions))]


def grid(c: Comparison) -> list[list[Cell]]:
    """Every cell, row by row."""
    return [row_cells(c, r) for r in range(len(c.rows))]


def changed_rows(c: Comparison) -> list[int]:
    """Rows holding at least one change against the base (for next/previous change)."""
    return [r for r in range(len(c.rows)) if any(x.changed for x in row_cells(c, r))]
