"""The model reaches its analyses explicitly: each object is given them by whoever builds it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from engine import compare, on_demand
from engine.errors import StorydiffError
from engine.model import EDITED, Link, Pair
from tests.import_graph import ROOT


def test_compare_hands_the_analyses_to_every_object_it_builds():
    c = compare(["The quay closes on Friday.\n\nRepairs cost a lot.", "The quay shuts on Friday.\n\nRepairs cost a lot."])
    assert c.analyses is on_demand
    for p in c.pairs:
        assert p.analyses is on_demand and p.swapped().analyses is on_demand
        assert all(link.analyses is on_demand and link.swapped().analyses is on_demand for link in p.links)
    assert c.pair(0, 1).links[0].diff  # computed through them
    assert c.lineage and c.heatmap is not None


def test_an_object_built_without_analyses_says_so_in_one_line():
    link = Link((0,), (0,), EDITED, False, 0.8, "the quay closes", "the quay shuts")
    with pytest.raises(StorydiffError, match="needs the engine's analyses"):
        _ = link.diff
    given = Link((0,), (0,), EDITED, False, 0.8, "the quay closes", "the quay shuts", analyses=on_demand)
    assert [op for op, _ in given.diff] == [0, -1, 1]
    pair = Pair(0, 1, 0.5, 0.0, 0.0, (), (), ())
    assert not pair.facts  # no texts to read: an empty ledger, no analyses needed


def test_importing_the_model_sets_nothing_up():
    """No import-time installation: the model module alone has no analyses to reach."""
    code = textwrap.dedent("""
        import engine.model as m
        print(hasattr(m, "use_analyses"), hasattr(m, "_analyses"))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]
