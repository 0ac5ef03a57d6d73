"""engine.align.multiway: the N-way table every view reads."""

from __future__ import annotations

from engine.align.multiway import build_rows
from engine.model import EDITED, Link, Pair


def _pair(a: int, b: int, links: list[tuple[tuple[int, ...], tuple[int, ...]]], dropped=(), added=()) -> Pair:
    return Pair(a, b, 0.5, 0.0, 0.0, tuple(Link(x, y, EDITED, False, 0.5) for x, y in links),
                tuple(dropped), tuple(added))


def _rows(counts, base, pairs):
    index = {(p.a, p.b): p for p in pairs}

    def pair(x, y):
        return index[(x, y)] if (x, y) in index else index[(y, x)].swapped()

    return build_rows(counts, base, pair)


def test_every_block_of_every_version_is_in_exactly_one_row():
    counts = [3, 4, 2]
    pairs = [_pair(0, 1, [((0,), (0,)), ((2,), (3,))], dropped=[1], added=[1, 2]),
             _pair(0, 2, [((1,), (1,))], dropped=[0, 2], added=[0]),
             _pair(1, 2, [], dropped=[0, 1, 2, 3], added=[0, 1])]
    rows = _rows(counts, 0, pairs)
    for v, n in enumerate(counts):
        seen = sorted(b for row in rows for b in row[v])
        assert seen == list(range(n)), (v, seen)


def test_each_column_reads_in_its_version_s_order():
    pairs = [_pair(0, 1, [((0,), (0,)), ((1,), (2,))], added=[1]), _pair(0, 2, [((0,), (0,))], dropped=[1])]
    pairs.append(_pair(1, 2, [((0,), (0,))], dropped=[1, 2]))
    rows = _rows([2, 3, 1], 0, pairs)
    column = [b for row in rows for b in row[1]]
    assert column == [0, 1, 2]
    assert rows[1][1] == (1,) and rows[1][0] == ()  # the added block has a row of its own


def test_a_block_joining_two_base_blocks_merges_their_rows():
    rows = _rows([2, 1], 0, [_pair(0, 1, [((0, 1), (0,))])])
    assert rows == (((0, 1), (0,)),)


def test_row_positions_follow_insertions():
    """`_Positions` keeps up with rows inserted after it was built (in order, then out of
    order) without rebuilding its map for each: every look-up equals `rows.index`."""
    import random

    from engine.align.multiway import _Positions, _Row

    rng = random.Random(5)
    rows = [_Row(2, True) for _ in range(40)]
    position = _Positions(rows)
    for _ in range(6):  # passes of versions: the cursor starts over
        cursor = rng.randrange(len(rows))
        for _ in range(15):
            for r in rng.sample(rows, 5):
                assert position(r) == rows.index(r)
            at = rng.randrange(cursor + 1, len(rows) + 1) if cursor < len(rows) else len(rows)
            row = _Row(2, False)
            position.insert(at, row)
            assert position(row) == at == rows.index(row)
            cursor = at
    assert all(position(r) == k for k, r in enumerate(rows))
