"""Next / Previous Change (F7, Shift+F7): the order in which the columns' changes are visited.

Every changed cell is a stop, and each is visited once per round, row by row from the
top. Within a row the reader's own column comes first (the version they last chose a
cell in), then the other versions' columns left to right, so stepping stays in one
version's column wherever that version has a change. A folded run is one stop per
version that has a change in it (choosing it unfolds it); rows hidden by a filter are
not stops. Past the last stop the round starts again at the first, and the caller
says so (and the other way round for Previous).
"""

from __future__ import annotations

from collections.abc import Callable

Stop = tuple[int, int]  # row, column


def changed_cell(model, row: int, col: int) -> bool:
    """A stop? `model` is the columns' ComparisonModel; a folded row stands for its whole run."""
    if model.folded(row):
        return any(model.cells[r][col].changed for r in range(row, model.runs[row][0] + 1))
    return model.cells[row][col].changed


def stops(changed: Callable[[int, int], bool], rows: int, cols: int, hidden: Callable[[int], bool],
          home: int | None) -> list[Stop]:
    """Every change to visit, in order (see the module docstring)."""
    out: list[Stop] = []
    for r in range(rows):
        if hidden(r):
            continue
        found = [c for c in range(cols) if changed(r, c)]
        out.extend((r, c) for c in sorted(found, key=lambda c: (c != home, c)))
    return out


def _key(stop: Stop, home: int | None) -> tuple[int, int]:
    r, c = stop
    return r, (0 if c == home else 1 + c)


def step_to(all_stops: list[Stop], here: Stop | None, step: int, home: int | None) -> tuple[Stop | None, bool]:
    """The stop after (step 1) or before (step -1) `here`, and whether the round wrapped."""
    if not all_stops:
        return None, False
    if here is None:
        return (all_stops[0] if step > 0 else all_stops[-1]), False
    key = _key(here, home)
    if step > 0:
        after = [s for s in all_stops if _key(s, home) > key]
        return (after[0], False) if after else (all_stops[0], True)
    before = [s for s in all_stops if _key(s, home) < key]
    return (before[-1], False) if before else (all_stops[-1], True)
