"""Which cells stand for the same text as a selected cell.

Usually that is the selected cell's row. A fusion of paragraphs that are not
neighbours can leave a counterpart in another row, so the engine's links from the
base are followed too.
"""

from __future__ import annotations

from engine.analysis.cells import BASE, Cell
from engine.model import Comparison


def counterparts(c: Comparison, cells: list[list[Cell]], row: int, col: int) -> set[tuple[int, int]]:
    """(row, version) of every non-empty cell holding a counterpart of cell (row, col), itself included."""
    out = {(row, v) for v, x in enumerate(cells[row]) if not x.empty}
    out.add((row, col))
    sel = cells[row][col]
    base_blocks: set[int] = set(c.rows[row][c.base])
    for p in sel.parts:
        if p.state != BASE and p.link is not None:
            base_blocks.update(p.link.a)
    for w in range(len(c.versions)):
        if w == c.base:
            for i in base_blocks:
                out.add((c.row_of[w][i], w))
            continue
        pair = c.pair(c.base, w)
        for i in base_blocks:
            link = pair.link_of_a(i)
            if link is not None:
                for j in link.b:
                    out.add((c.row_of[w][j], w))
    return out
