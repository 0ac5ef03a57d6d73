"""Which changed facts (the pair ledger, `Pair.facts`) belong to which cell of the N-way
table, and which badges a cell's part gets for them: the one reading the window's cells,
its Facts list, its "fact changes only" filter and the HTML report's cells share.

A fact of version v against the base belongs to the cell that holds its new words
(`b_block`, in v's column); a fact whose new side stands nowhere (a quotation dropped with
its paragraph) belongs to the row of its old words (`a_block`, the base's block), in v's
column. The base's own cells carry no fact: the base is what the others are read against.
"""

from __future__ import annotations

from ..ledger import FactChange
from ..model import Comparison
from ..vocabulary import FactBadge
from .cells import Cell, Part


def version_facts(c: Comparison, version: int) -> tuple[FactChange, ...]:
    """The facts `version` changed against the base (none for the base itself)."""
    if version == c.base:
        return ()
    return tuple(c.pair(c.base, version).facts)


def fact_cell(c: Comparison, version: int, f: FactChange) -> tuple[int, int] | None:
    """The (row, column) a fact of `version` belongs to, or None if neither side has a row."""
    if f.b_block is not None and (row := c.row_of[version].get(f.b_block)) is not None:
        return row, version
    if f.a_block is not None and (row := c.row_of[c.base].get(f.a_block)) is not None:
        return row, version
    return None


def part_facts(c: Comparison, version: int, part: Part) -> tuple[FactChange, ...]:
    """The changed facts whose new words stand in this part's block."""
    if version == c.base:
        return ()
    return c.pair(c.base, version).facts.of_b(part.block)


def cell_facts(c: Comparison, cell: Cell) -> tuple[FactChange, ...]:
    """Every changed fact of a cell: those of its parts, and for an empty cell those its
    version lost from the base's blocks of that row (a dropped quotation)."""
    if cell.version == c.base:
        return ()
    if cell.parts:
        return tuple(f for p in cell.parts for f in part_facts(c, cell.version, p))
    ledger = c.pair(c.base, cell.version).facts
    return tuple(f for i in c.rows[cell.row][c.base] for f in ledger.of_a(i) if f.b_block is None)


def fact_badges(facts: tuple[FactChange, ...] | list[FactChange]) -> tuple[FactBadge, ...]:
    """The badges for these facts: one per kind of change (two altered quotes, one QUOTE
    ALTERED badge), in the order the facts come."""
    out: list[FactBadge] = []
    for f in facts:
        if f.badge not in out:
            out.append(f.badge)
    return tuple(out)


def fact_rows(c: Comparison) -> frozenset[int]:
    """The rows holding at least one changed fact of some version (the window's filter)."""
    rows = set()
    for v in range(len(c.versions)):
        for f in version_facts(c, v):
            where = fact_cell(c, v, f)
            if where is not None:
                rows.add(where[0])
    return frozenset(rows)
