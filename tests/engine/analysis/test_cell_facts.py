"""Which cell a changed fact belongs to and which badges a part gets for it
(`engine.analysis.cell_facts`): the one reading the window's cells, its Facts list and
filter, and the HTML report's table share."""

from __future__ import annotations

import re

from engine import compare
from engine.analysis.cell_facts import cell_facts, fact_badges, fact_cell, fact_rows, part_facts, version_facts
from engine.analysis.cells import grid
from engine.reports import render

DRAFT = """Bridge repairs to run into next year

The council said 2,300 homes on the east bank would stay without a road link while the bridge is rebuilt.

"We will not reopen the bridge this year," said Ruth Ashdown, the council's chief engineer.

Residents packed the town hall on Monday evening to hear the plans.

"The detour adds forty minutes to every school run," said Mara Lindqvist, who chairs the residents' association.

"Nobody asked the families on the east bank what they need," said Mara Lindqvist.
"""
EDIT = (DRAFT.replace("2,300", "23,000").replace("will not reopen", "will reopen")
        .replace("run,\" said Mara Lindqvist", "run,\" said Tom Lund")
        .replace("\n\"Nobody asked the families on the east bank what they need,\" said Mara Lindqvist.\n", ""))


def _badges(c, row: int, version: int) -> list[str]:
    x = grid(c)[row][version]
    return [b.badge for p in x.parts for b in fact_badges(part_facts(c, version, p))]


def test_each_changed_fact_belongs_to_the_cell_of_its_new_words():
    c = compare([DRAFT, EDIT], names=["draft", "edit"])
    changes = {(f.kind, f.change): fact_cell(c, 1, f) for f in version_facts(c, 1)}
    assert changes == {("number", "changed"): (1, 1), ("quote", "altered"): (2, 1),
                       ("quote", "reattributed"): (4, 1), ("quote", "dropped"): (5, 1)}
    assert fact_rows(c) == {1, 2, 4, 5}
    assert [_badges(c, r, 1) for r in range(5)] == [[], ["FIGURE CHANGED"], ["QUOTE ALTERED"], [],
                                                   ["SPEAKER CHANGED"]]
    # A quotation dropped with its paragraph belongs to the empty (dropped) cell of its row.
    dropped = grid(c)[5][1]
    assert dropped.empty and [f.change for f in cell_facts(c, dropped)] == ["dropped"]
    # The base carries none: it is what the others are read against.
    assert version_facts(c, 0) == () and all(not cell_facts(c, row[0]) for row in grid(c))


def test_the_html_report_badges_the_same_cells_as_the_window():
    c = compare([DRAFT, EDIT], names=["draft", "edit"])
    html = render(c, "html")
    assert isinstance(html, str)
    start = html.index('<table class="cols">')
    table = html[start:html.index("</table>", start)]
    legend = re.search(r'<h2 id="legend">.*?</ul>', html, flags=re.S)
    assert legend is not None and ">FIGURE CHANGED<" in legend.group()  # the legend's example of a fact badge
    body = html.replace(legend.group(), "")
    for badge in ("FIGURE CHANGED", "QUOTE ALTERED", "SPEAKER CHANGED"):
        # once in the "Facts that changed" section and once on its cell in the table
        assert len(re.findall(f">{badge}<", body)) == 2, badge
        assert f">{badge}<" in table


def test_the_markdown_report_tags_the_same_paragraphs():
    c = compare([DRAFT, EDIT], names=["draft", "edit"])
    md = render(c, "md")
    assert isinstance(md, str)
    changes = md[md.index("## Summary"):]  # after "Facts that changed", which names every badge too
    for row, badge in ((2, "FIGURE CHANGED"), (3, "QUOTE ALTERED"), (5, "SPEAKER CHANGED")):
        line = next(x for x in changes.splitlines() if x.startswith(f"**Row {row}:"))
        assert line.endswith(badge), line


def test_one_badge_per_kind_of_change():
    c = compare([DRAFT, EDIT], names=["draft", "edit"])
    facts = version_facts(c, 1)
    quotes = [f for f in facts if f.kind == "quote" and f.change == "altered"] * 2
    assert [b.badge for b in fact_badges(quotes)] == ["QUOTE ALTERED"]
