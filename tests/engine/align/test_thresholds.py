"""engine.align.thresholds: the link bar and how kinship eases it."""

from __future__ import annotations

import pytest

from engine.align import thresholds as t
from engine.model import Options


def test_the_link_bar_falls_as_sensitivity_rises():
    bars = [t.link_threshold(Options(sensitivity=s)) for s in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert bars == sorted(bars, reverse=True)
    assert t.link_threshold(Options()) == pytest.approx(0.40)  # the documented default


def test_kinship_ramps_from_independent_to_derived_between_the_documented_bounds():
    assert t.derived_share(0.0) == 0.0
    assert t.derived_share(t.KIN_LOW) == 0.0
    assert t.derived_share(t.KIN_HIGH) == 1.0
    assert t.derived_share(0.9) == 1.0
    mid = (t.KIN_LOW + t.KIN_HIGH) / 2
    assert t.derived_share(mid) == pytest.approx(0.5)
    # docs/architecture.md states the ramp's bounds; they must be the code's.
    assert (t.KIN_LOW, t.KIN_HIGH) == (0.04, 0.08)


def test_the_seeds_independent_reports_stay_below_the_ramp_s_top():
    # Independent reports of one event share 0.038-0.077 of their 3-grams (the seeds):
    # below the top of the ramp they are never treated as wholly derived.
    assert t.derived_share(0.038) == 0.0
    assert t.derived_share(0.077) < 1.0
