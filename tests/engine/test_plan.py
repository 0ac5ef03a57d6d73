"""The one planning step (engine.plan): which versions, at what size, asking what.

`compare`, the CLI and the window's worker all plan through it, and the file stage
(`engine.io`) imports nothing of a later stage (the size policy used to sit in
`io.guards`, which imported the sentence splitter).
"""

from __future__ import annotations

import pytest

from engine.errors import StorydiffError
from engine.io.guards import Limits, TooLarge
from engine.model import Options
from engine.plan import Plan, enforce, plan
from engine.text.blocks import build_version
from tests.import_graph import ROOT, import_graph

FEW = Limits(max_versions=3)


def test_a_comparison_within_the_limits_keeps_every_version_and_its_base():
    p = plan(3, base=2, limits=FEW)
    assert p == Plan(keep=(0, 1, 2), base=2, findings=())


def test_too_many_versions_raise_before_any_is_read_and_hand_the_sources_back():
    sources = ["a", "b", "c", "d"]
    with pytest.raises(TooLarge) as e:
        plan(4, base=0, on_large="raise", limits=FEW, sources=sources)
    assert e.value.versions == sources
    assert "4 versions" in str(e.value) and "limit 3" in str(e.value)


def test_coarsen_keeps_the_first_versions_and_always_the_base():
    p = plan(6, base=5, on_large="coarsen", limits=FEW)
    assert p.keep == (0, 1, 5)
    assert p.base == 2  # the base's place among the kept
    assert [f.code for f in p.findings] == ["versions"] and not p.findings[0].blocking
    assert "first 3 of 6" in p.findings[0].message


def test_ignore_keeps_every_version():
    assert plan(6, base=1, on_large="ignore", limits=FEW).keep == tuple(range(6))


def test_subset_takes_the_kept_entries_and_fills_a_short_list():
    p = Plan(keep=(0, 2, 3), base=0)
    assert p.subset(["a", "b", "c", "d"]) == ["a", "c", "d"]
    assert p.subset(["a", "b", "c"]) == ["a", "c", None]  # names may be fewer than sources


@pytest.mark.parametrize("count, base, on_large, says", [
    (3, 0, "sometimes", "on_large must be"),
    (3, 3, "raise", "base must be a version number from 0 to 2"),
    (3, -1, "raise", "base must be"),
    (1, 0, "raise", "at least two versions"),
])
def test_a_bad_plan_is_one_clear_error(count, base, on_large, says):
    with pytest.raises(StorydiffError, match=says):
        plan(count, base, on_large)


def test_enforce_merges_blocks_into_sections_when_asked_to_coarsen():
    text = "\n\n".join(f"Paragraph {k} of the council's budget story." for k in range(40))
    versions = [build_version(k, f"v{k}", text, None, "utf-8", "text", None) for k in range(2)]
    small = Limits(max_blocks=10)
    with pytest.raises(TooLarge):
        enforce(versions, Options(), "raise", small)
    out, _, notes = enforce(versions, Options(), "coarsen", small)
    assert all(len(v.blocks) <= 10 for v in out)
    assert any(n.code == "merged" for n in notes)
    assert out[0].blocks[0].text == text[out[0].blocks[0].start:out[0].blocks[0].end]  # offsets stay exact


def test_compare_the_cli_and_the_window_plan_through_engine_plan():
    graph = import_graph(ROOT, ("engine", "gui"))
    users = {m for m, deps in graph.items() if "engine.plan" in deps}
    assert {"engine.compare", "engine.cli", "gui.worker"} <= users


def test_the_file_stage_imports_no_later_stage():
    graph = import_graph(ROOT, ("engine",))
    allowed = ("engine.io", "engine.model", "engine.errors", "engine.interrupt", "engine.vocabulary")
    later = {m: sorted(d for d in deps if not d.startswith(allowed) and d != "engine")
             for m, deps in graph.items() if m.startswith("engine.io")}
    assert not {m: d for m, d in later.items() if d}, later
