"""The N-way alignment table: rows of blocks that stand side by side with the base.

The base version's blocks, in order, are the spine: one row each. Every other
version's linked blocks go into the row of their base counterpart (a block linked
to two adjacent base blocks merges their rows). Blocks the base lacks get rows of
their own, inserted after the row of the version's previous block (or above its
first counterpart) so each column still reads in order; when another version already added a block linked to this
one at that place, both share the row, so boilerplate or a new paragraph present
in several versions lines up too. Every block of every version is in exactly one row.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from ..model import Pair, Row


class _Row:
    __slots__ = ("cells", "anchored")

    def __init__(self, n: int, anchored: bool) -> None:
        self.cells: list[list[int]] = [[] for _ in range(n)]
        self.anchored = anchored  # holds a base block


def build_rows(block_counts: list[int], base: int, pair: Callable[[int, int], Pair]) -> tuple[Row, ...]:
    """Rows for versions with `block_counts` blocks; `pair(x, y)` gives the pair oriented x -> y."""
    n = len(block_counts)
    rows: list[_Row] = []
    where: list[dict[int, _Row]] = [dict() for _ in range(n)]  # version -> block -> row
    for i in range(block_counts[base]):
        r = _Row(n, True)
        r.cells[base].append(i)
        rows.append(r)
        where[base][i] = r

    # Pass 1: linked blocks join their base counterparts' rows. All versions first, so
    # rows of adjacent base blocks are still adjacent when a fusion merges them.
    moved: list[set[int]] = [set() for _ in range(n)]
    for v in range(n):
        if v == base:
            continue
        for link in pair(base, v).links:
            targets = []
            for i in link.a:
                if where[base][i] not in targets:
                    targets.append(where[base][i])
            target = targets[0]  # most links: one base block, one row, nothing to look up
            idx = sorted(rows.index(t) for t in targets) if len(targets) > 1 else []
            if idx:
                target = rows[idx[0]]
            if len(idx) > 1 and idx == list(range(idx[0], idx[-1] + 1)):
                for k in idx[:0:-1]:  # fold the later rows into the first
                    other = rows.pop(k)
                    for w in range(n):
                        for blk in other.cells[w]:
                            target.cells[w].append(blk)
                            where[w][blk] = target
            for j in link.b:
                target.cells[v].append(j)
                where[v][j] = target
            if link.moved:
                moved[v].update(link.b)

    # Pass 2: blocks the base lacks get rows after their version's previous block.
    # Row positions are looked up for every block; `rows.index` made that rows x blocks.
    position = _Positions(rows)
    for v in range(n):
        if v == base:
            continue
        added = set(pair(base, v).added)
        # Index of the row after which this version's next new block goes. New blocks
        # before the version's first counterpart go just above that counterpart's row;
        # a version with no counterpart at all goes after everything else.
        anchors = [where[v][j] for j in range(block_counts[v]) if j not in added and j not in moved[v]
                   and j in where[v]]
        cursor = (position(anchors[0]) - 1) if anchors else len(rows) - 1
        for j in range(block_counts[v]):
            if j not in added:
                if j not in moved[v] and j in where[v]:
                    cursor = max(cursor, position(where[v][j]))
                continue
            row = _shared_row(rows, cursor, v, j, where, pair, base)
            if row is None:
                # after other versions' new rows in this gap: versions stay in their order
                at = cursor + 1
                while at < len(rows) and not rows[at].anchored and not rows[at].cells[v]:
                    at += 1
                row = _Row(n, False)
                position.insert(at, row)
            row.cells[v].append(j)
            where[v][j] = row
            cursor = position(row)

    return tuple(tuple(tuple(sorted(c)) for c in r.cells) for r in rows)


class _Positions:
    """Where each row stands in `rows`: a map built once, and the rows inserted since.

    Within one version's pass rows are inserted at increasing places (each after the
    cursor, which only moves on), so a mapped row's place is its mapped place plus the
    insertions at or before it: the k-th insertion (from 0) at place i_k shifts the rows
    whose mapped place s is at least i_k - k. An inserted row keeps its own place, as
    later ones go after it. An insertion out of that order rebuilds the map.
    """

    def __init__(self, rows: list[_Row]) -> None:
        self.rows = rows
        self.at: dict[int, int] | None = None
        self.shifts: list[int] = []  # i_k - k of each insertion since the map was built
        self.inserted: dict[int, int] = {}  # id of a row inserted since -> its place
        self.last = -1  # place of the last insertion

    def insert(self, place: int, row: _Row) -> None:
        """Insert `row` into the rows at `place`."""
        self.rows.insert(place, row)
        if self.at is None:
            return
        if self.shifts and place <= self.last:
            self.at = None  # out of order: built afresh on the next look-up
            return
        self.shifts.append(place - len(self.shifts))
        self.inserted[id(row)] = self.last = place

    def __call__(self, row: _Row) -> int:
        if self.at is None:
            self.at = {id(r): k for k, r in enumerate(self.rows)}
            self.shifts, self.inserted = [], {}
        key = id(row)
        got = self.inserted.get(key)
        if got is not None:
            return got
        mapped = self.at[key]
        return mapped + bisect_right(self.shifts, mapped)


def _shared_row(rows: list[_Row], cursor: int, v: int, j: int, where, pair, base: int) -> _Row | None:
    """An unanchored row just after `cursor` holding a block of another version linked to j."""
    k = cursor + 1
    while k < len(rows) and not rows[k].anchored:
        row = rows[k]
        if not row.cells[v]:
            for w, cell in enumerate(row.cells):
                if w in (v, base) or not cell:
                    continue
                link = pair(v, w).link_of_a(j)
                if link is not None and set(link.b) & set(cell):
                    return row
        k += 1
    return None
