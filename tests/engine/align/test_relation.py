"""engine.align.relation: identical, edited or paraphrased, and facts that differ."""

from __future__ import annotations

import pytest

from engine.align.relation import _is_edit, facts_differ


def w(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


@pytest.mark.parametrize("old, new", [
    ("the council will close 12 libraries next year", "the council will close 3 libraries next year"),
    ("the minister said the bridge would reopen in may", "the minister said the bridge would not reopen in may"),
])
def test_a_short_change_of_a_number_or_a_negation_is_a_fact(old, new):
    assert facts_differ(w(old), w(new))


def test_a_changed_name_counts_only_when_the_corpus_knows_it_as_a_name():
    a, b = w("mayor lund opened the new ferry terminal"), w("mayor berg opened the new ferry terminal")
    assert not facts_differ(a, b)
    assert facts_differ(a, b, frozenset({"lund", "berg"}))


def test_a_title_swap_or_a_moved_date_is_no_fact():
    assert not facts_differ(w("mr lund opened the terminal"), w("dr lund opened the terminal"),
                            frozenset({"lund", "mr", "dr"}))
    assert not facts_differ(w("it opens on may 3 at noon"), w("it opens on 3 may at noon"))


def test_a_long_insertion_with_a_not_adds_a_statement_it_changes_none():
    a = w("the ferry runs every hour from the north quay")
    b = w("the ferry runs every hour from the north quay but it does not run on sundays at all")
    assert not facts_differ(a, b)


def test_one_side_inside_the_other_is_an_edit():
    a = w("the harbour board voted to close the north quay on friday")
    b = w("the harbour board voted to close the north quay on friday after a long debate")
    assert _is_edit(a, b, sim=0.8, contained=1.0)


def test_a_rewording_all_through_is_not_an_edit():
    a = w("the harbour board voted to close the north quay on friday evening")
    b = w("on friday evening members of the board chose to shut the quay in the north")
    assert not _is_edit(a, b, sim=0.45, contained=0.5)
