"""Badges are decided once (engine.analysis.badges); the window and every report only format them."""

from __future__ import annotations

import pytest

from engine import compare
from engine.analysis import cells as cellmod
from engine.analysis.badges import Badge, part_badges
from engine.reports import html_qt, html_report, markdown_report
from engine.reports.legend import MARKS
from tests.engine.articles import QUAY, QUAY_SPLIT
from tests.import_graph import ROOT

SAMPLES = sorted(str(p) for p in (ROOT / "resources" / "samples").glob("*.txt"))

BASE = "\n\n".join(["Quay closes", *QUAY[1:4]])
EDIT = "\n\n".join(["Quay closes", *QUAY_SPLIT, "What happens next", QUAY[2] + " " + QUAY[3]])


def _parts(c):
    for r in range(len(c.rows)):
        for v in range(len(c.versions)):
            if v == c.base:
                continue
            cell = cellmod.cell(c, r, v)
            for part in cell.parts:
                yield v, cell, part


def test_the_rules_name_splits_joins_headings_and_leave_unchanged_blocks_bare():
    c = compare([BASE, EDIT])
    got = {part.block: part_badges(part) for _, _, part in _parts(c)}
    assert got[0] == ()  # the same title: no badge means unchanged
    assert [b.key for b in got[1]] == [b.key for b in got[2]] and got[1][-1] == Badge("split", blocks=(1,))
    assert got[3] == (Badge("heading"),)
    assert got[4][-1] == Badge("merged", blocks=(2, 3))


@pytest.mark.parametrize("sources", [SAMPLES, [BASE, EDIT]], ids=["samples", "split-and-join"])
def test_every_renderer_shows_the_badges_decided_once(qapp, sources):
    from gui.theme import part_tags

    c = compare(sources)
    seen = 0
    for v, cell, part in _parts(c):
        badges = part_badges(part)
        assert part_tags(part) == [b.key for b in badges]  # the window's tags, colours and filter
        if part.quiet:
            continue
        html = html_report._part_html(c, cell, part)
        qt = html_qt._part(c, cell, part)
        md = markdown_report._tags(c, v, part)
        for b in badges:
            label = f"{MARKS[b.key].symbol} {MARKS[b.key].label}"
            assert label in html and label in qt, (b, html)
            assert f"{MARKS[b.key].symbol} {b.key}" in md, (b, md)
            seen += 1
        if not badges:  # unchanged: no relation badge in any of them
            assert 'class="badge"' not in html.split('<div class="txt">')[0] or part_facts_only(c, v, part)
    assert seen > 0


def part_facts_only(c, v, part) -> bool:
    from engine.analysis.cell_facts import part_facts

    return bool(part_facts(c, v, part))
