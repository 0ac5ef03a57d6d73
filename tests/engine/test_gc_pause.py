"""The cyclic collector is paused while a comparison runs and restored after (engine.gc_pause)."""

from __future__ import annotations

import gc

import pytest

from engine import compare
from engine.gc_pause import gc_paused

A = "The ferry to Holm sails at nine.\n\nTickets cost four crowns at the harbour office."
B = "The ferry to Holm now sails at ten.\n\nTickets cost four crowns at the harbour office."


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_compare_runs_with_the_collector_paused_and_turns_it_back_on(collector_on):
    seen: list[bool] = []
    c = compare([A, B], progress=lambda done, total, msg: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
    c.materialize("all", facts=True, cancel=lambda: gc.isenabled())  # would raise Cancelled if on
    assert gc.isenabled()


def test_a_caller_that_turned_the_collector_off_keeps_it_off(collector_on):
    gc.disable()
    compare([A, B]).materialize("all")
    assert not gc.isenabled()


def test_nested_pauses_resume_only_at_the_outermost(collector_on):
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_resumes_the_collector(collector_on):
    with pytest.raises(ValueError):
        with gc_paused():
            raise ValueError("bad input")
    assert gc.isenabled()
