"""The base heat map: what each other version did with each base sentence."""

import pytest

from engine import compare
from engine.analysis.heatmap import HeatSentence, heatmap
from tests.engine.analysis.test_lineage import COPY, OTHER, REWRITE, WIRE


@pytest.fixture(scope="module")
def heat():
    c = compare([WIRE, COPY, REWRITE, OTHER])
    return c, heatmap(c)


def find(hs, words):
    [h] = [h for h in hs if words in h.text]
    return h


def test_offsets_and_counts(heat):
    c, hs = heat
    base = c.versions[c.base]
    assert hs and all(isinstance(h, HeatSentence) for h in hs)
    starts = [h.start for h in hs]
    assert starts == sorted(starts)
    for h in hs:
        assert base.text[h.start:h.end] == h.text
        assert h.states[c.base] is None
        assert h.verbatim + h.edited + h.paraphrased + h.dropped == len(c.versions) - 1
        assert 0.0 <= h.kept <= 1.0
    d = hs[0].to_dict()
    assert set(d) >= {"start", "end", "verbatim", "edited", "paraphrased", "dropped"}


def test_verdicts_per_version(heat):
    c, hs = heat
    quote = find(hs, "We cannot ask people")
    assert quote.states[1] == "verbatim"
    assert quote.states[2] == "edited"  # "she told reporters" became "she said"
    assert quote.states[3] == "edited"  # the independent report quotes it too
    cables = find(hs, "Inspectors found last spring")
    assert cables.states[1] == "verbatim"
    assert cables.states[2] in ("edited", "paraphrased")
    assert cables.states[3] == "dropped"
    opened = find(hs, "The bridge opened in 1962")
    assert opened.states[1] == "verbatim" and opened.states[2] == "dropped"
    chamber = find(hs, "The chamber of commerce has asked")
    assert chamber.states[2] == "paraphrased"
    assert find(hs, "Ferry operators").states[2] == "paraphrased"


def test_independent_report_does_not_light_up(heat):
    c, hs = heat
    kept = [h for h in hs if h.states[3] != "dropped"]
    assert len(kept) <= 2


def test_other_base():
    c = compare([WIRE, COPY], base=1)
    hs = heatmap(c)
    base = c.versions[1]
    assert all(base.text[h.start:h.end] == h.text for h in hs)
    added = find(hs, "Local historians")
    assert added.states == ("dropped", None)
    assert not any("Leave a Reply" in h.text for h in hs)


CARRIED_BASE = """Harbour bridge to close for repairs

The harbour bridge in Ostby will close for six weeks from June 2 while engineers replace corroded cables, the city council said on Tuesday.

Inspectors found last spring that salt water had eaten into the steel anchors on the northern side of the span. The council's engineering chief, Petra Lund, said the anchors could fail within five years if nothing was done. Nobody was hurt.

The bridge opened in 1962 and carries about 18,000 vehicles a day between the old town and the port district.
"""
# The inspectors' paragraph is gone; its last sentence now ends another paragraph.
CARRIED_VERSION = """Bridge shuts for six weeks

The harbour bridge in Ostby will close for six weeks from June 2 while engineers replace corroded cables, the city council said on Tuesday.

The bridge opened in 1962 and carries about 18,000 vehicles a day between the old town and the port district. Nobody was hurt.
"""


def test_the_heat_map_drops_what_the_columns_drop():
    """One rule for every view: a sentence of a paragraph the columns and reports mark
    DROPPED is dropped in the heat map, even where its words stand in another paragraph."""
    from engine.analysis.cells import DROPPED, grid
    from engine.io.loading import from_text

    for c in (compare([from_text(CARRIED_BASE, "base"), from_text(CARRIED_VERSION, "version")]),
              compare([WIRE, COPY, REWRITE, OTHER])):
        dropped = {(v, i) for row in grid(c) for cell in row if cell.state == DROPPED
                   for v in [cell.version] for i in c.rows[cell.row][c.base]}
        assert dropped
        for h in heatmap(c):
            for v, state in enumerate(h.states):
                if (v, h.block) in dropped:
                    assert state == "dropped", (v, h.text)
    c = compare([from_text(CARRIED_BASE, "base"), from_text(CARRIED_VERSION, "version")])
    hurt = [h for h in heatmap(c) if h.text == "Nobody was hurt."]
    assert hurt and hurt[0].states[1] == "dropped"
