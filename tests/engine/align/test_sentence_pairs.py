"""Sentence by sentence inside a link (engine.align.sentence_pairs): a paraphrased or
joined link's small changes ("today" -> "yesterday") show inside sentence pairs."""

from __future__ import annotations

from engine.align.sentence_pairs import MAX_CELLS, align_sentences
from engine.model import DELETE, EQUAL, INSERT, Options
from engine.text.sentences import split_sentences

A = ("The repairs had cost 2.3 million crowns, about 40 percent more than first estimated, council leader "
     "Mira Ostrand said today. Replacement glass had to be made to order in Bremen. Nobody was hurt.")
B = ("Replacement glass had to be specially made in Bremen, she added. Council leader Mira Ostrand said "
     "yesterday that the repairs cost 2.3 million crowns, roughly 40 percent above the first estimate. "
     "The bridge reopens on Friday.")


def _side(diff, op):
    return "".join(t for o, t in diff if o == op)


def test_a_word_changed_inside_a_reworded_sentence_is_a_word_change():
    pairs = align_sentences(A, B)
    [cost] = [p for p in pairs if "2.3 million" in p.text_a]
    assert "2.3 million" in cost.text_b
    assert "today" in _side(cost.diff, DELETE) and "yesterday" in _side(cost.diff, INSERT)
    # Most of the sentence stays: the diff is not "strike all, insert all".
    assert len(_side(cost.diff, EQUAL).split()) >= 8


def test_every_sentence_appears_once_on_its_side_and_lone_ones_are_named():
    pairs = align_sentences(A, B)
    a_sents = [A[s:e] for s, e in split_sentences(A)]
    b_sents = [B[s:e] for s, e in split_sentences(B)]
    assert sorted(x for p in pairs if p.text_a for x in [p.text_a]) == sorted(a_sents)
    assert [p.text_b for p in pairs if p.text_b] == b_sents  # in this version's reading order
    assert {p.relation for p in pairs if not p.text_b} == {"dropped"}
    assert {p.relation for p in pairs if not p.text_a} == {"added"}
    assert [p.text_a for p in pairs if p.relation == "dropped"] == ["Nobody was hurt."]


def test_a_sentence_moved_within_the_paragraph_is_paired_and_flagged():
    pairs = align_sentences(A, B)
    [glass] = [p for p in pairs if p.text_a.startswith("Replacement glass")]
    assert glass.text_b.startswith("Replacement glass") and glass.moved


def test_two_sentences_joined_into_one_pair_with_it():
    a = "The ferry will resume sailings on Friday. It was out of service for three weeks after an engine fire."
    b = "The ferry, out of service for three weeks after an engine fire, will resume sailings on Friday."
    [pair] = align_sentences(a, b)
    assert pair.text_a == a and pair.text_b == b and pair.relation in ("edited", "paraphrased")


def test_identical_sentences_follow_the_options():
    a, b = "The Harbour Office said no. Fees rise in May.", "The harbour office said no. Fees rise in June."
    pairs = align_sentences(a, b)
    assert [p.relation for p in pairs] == ["identical", "edited"]
    assert align_sentences(a, b, Options(ignore_case=False))[0].relation == "edited"


def test_the_blocks_of_a_joined_link_are_never_one_sentence():
    # A joined link's sides hold several blocks, one per line: a heading without a full stop
    # must not run into the paragraph after it.
    pairs = align_sentences("Costs rise\nThe repairs cost more than planned.", "The repairs cost more than planned.")
    assert [p.text_a for p in pairs] == ["Costs rise", "The repairs cost more than planned."]
    assert [p.relation for p in pairs] == ["dropped", "identical"]


def test_too_many_sentences_give_no_pairing():
    many = " ".join(f"Sentence number {k} says something about item {k}." for k in range(int(MAX_CELLS ** 0.5) + 1))
    assert align_sentences(many, many) == ()
