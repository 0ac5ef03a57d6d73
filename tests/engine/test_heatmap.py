"""The base heat map: what each other version did with each base sentence."""

import pytest

from engine import compare
from engine.analysis.heatmap import HeatSentence, heatmap
from tests.engine.test_lineage import COPY, OTHER, REWRITE, WIRE


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
