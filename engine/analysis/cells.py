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
                 context (site chrome, a caption) or a repeat of another base block it
                 keeps (a headline printed twice), whose absence is no change to the story

Boilerplate and captions are context, not change (`CONTEXT_KINDS`): by default a part
of that kind is `quiet` — shown, but not counted, not a stop for next/previous change,
never dropped. `context=True` counts them like any other block (the window's
Show › Boilerplate and Captions as Changes).

Each block of a cell is a `Part` with its own state, `moved` (the block stands elsewhere in this version's order), `merged_from`
(several base blocks fused into this one), `split` (one base block split into
several here) and the `link` with its score and inline diff.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import BYLINE, CAPTION, CHROME_KINDS, Comparison, Link
from ..vocabulary import ABSENT, ADDED, BASE, DROPPED, State


@dataclass(frozen=True)
class Part:
    """One block of a cell and its relation to the base."""

    block: int
    state: State
    kind: str
    link: Link | None = None  # oriented base -> this version
    moved: bool = False
    merged_from: tuple[int, ...] = ()  # base block indices when more than one
    split: bool = False
    quiet: bool = False  # context (site chrome, a caption) not counted as change

    @property
    def muted(self) -> bool:
        """Site chrome and captions are shown quietly."""
        return self.kind in CONTEXT_KINDS

    @property
    def changed(self) -> bool:
        if self.quiet:
            return False
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


# Site chrome (boilerplate, a wire header or sign-off: engine.model.CHROME_KINDS), captions
# and bylines: who wrote a version is no change to the story it tells.
CONTEXT_KINDS = frozenset(CHROME_KINDS | {CAPTION, BYLINE})


def is_context(kind: str) -> bool:
    """Site chrome, captions and bylines: what surrounds the story, not the story."""
    return kind in CONTEXT_KINDS


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def dropped_blocks(c: Comparison, version: int, context: bool = False) -> list[int]:
    """Base blocks that `version` lacks and a reader should hear about: not context
    (unless `context`), and not a repeat of another base block."""
    pair = c.pair(c.base, version)
    base = c.versions[c.base]
    # A text the base prints twice (a page title and the article's own headline) is dropped
    # once at most: not at all when the version keeps either copy, else at its first copy.
    seen = {_key(base.blocks[i].display) for link in pair.links for i in link.a}
    out = []
    for i in pair.dropped:
        key = _key(base.blocks[i].display)
        if key in seen or (not context and is_context(base.blocks[i].kind)):
            continue
        seen.add(key)
        out.append(i)
    return out


def cell(c: Comparison, row: int, version: int, context: bool = False,
         dropped: frozenset[int] | None = None) -> Cell:
    """The meaning of the cell at (row, version); `context`: count boilerplate and captions as change."""
    blocks = c.rows[row][version]
    v = c.versions[version]
    if version == c.base:
        own = tuple(Part(i, BASE, v.blocks[i].kind) for i in blocks)
        return Cell(row, version, BASE if blocks else ABSENT, own)
    pair = c.pair(c.base, version)
    if not blocks:
        base_blocks = c.rows[row][c.base]
        # A base block linked to a block that stands in another row (a fusion of
        # non-adjacent paragraphs) is not dropped; nor is context or a repeat of a kept
        # base block, whose absence is no change to the story.
        gone = bool(base_blocks) and all(pair.link_of_a(i) is None for i in base_blocks) \
            and bool(set(base_blocks) & (dropped if dropped is not None
                                         else frozenset(dropped_blocks(c, version, context))))
        return Cell(row, version, DROPPED if gone else ABSENT)
    parts: list[Part] = []
    for j in blocks:
        link = pair.link_of_b(j)
        kind = v.blocks[j].kind
        quiet = not context and is_context(kind)
        if link is None:
            parts.append(Part(j, ADDED, kind, quiet=quiet))
        else:
            parts.append(Part(j, State(link.relation), kind, link, link.moved,
                              link.a if len(link.a) > 1 else (), len(link.b) > 1, quiet))
    return Cell(row, version, parts[0].state, tuple(parts))


def _all_dropped(c: Comparison, context: bool) -> list[frozenset[int] | None]:
    return [None if v == c.base else frozenset(dropped_blocks(c, v, context)) for v in range(len(c.versions))]


def row_cells(c: Comparison, row: int, context: bool = False,
              dropped: list[frozenset[int] | None] | None = None) -> list[Cell]:
    dropped = dropped if dropped is not None else _all_dropped(c, context)
    return [cell(c, row, v, context, dropped[v]) for v in range(len(c.versions))]


def grid(c: Comparison, context: bool = False) -> list[list[Cell]]:
    """Every cell, row by row."""
    dropped = _all_dropped(c, context)
    return [row_cells(c, r, context, dropped) for r in range(len(c.rows))]


def changed_rows(c: Comparison, context: bool = False) -> list[int]:
    """Rows holding at least one change against the base (for next/previous change)."""
    return [r for r, row in enumerate(grid(c, context)) if any(x.changed for x in row)]
