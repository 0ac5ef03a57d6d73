"""Names: words written capitalised inside sentences, found by one pattern in one pass."""

import re

from hypothesis import given
from hypothesis import strategies as st

from engine.text import names as similarity
from engine.text.blocks import build_version

# The rule as first written: a word with an optional lead (sentence-opening punctuation or
# the block start), kept when there is no lead. The pattern in use filters inside `re`.
REFERENCE = re.compile(r"(^ |[.!?:\u201c\"]\s*)?(?<![\w'\u2019-])([^\W\d_][\w'\u2019-]*)")

pieces = st.lists(st.sampled_from(["a", "B", "\u00e9", "1", "_", "'", "\u2019", "-", ".", "!", "?", ":",
                                   "\u201c", '"', " ", "  ", "\n", "Ab", "cd", "x-y", ",", "("]), max_size=14)


@given(pieces)
def test_mid_sentence_words_are_the_reference_rules_words(parts):
    text = " " + "".join(parts)
    expected = [w for lead, w in REFERENCE.findall(text) if not lead]
    assert [w for w in similarity._MID_WORD.findall(text) if w] == expected


def test_names_are_words_capitalised_inside_sentences():
    v = build_version(0, "a", "The mayor of Dunmore met Orla Quigg. Bridges were shut in Dunmore, "
                              "the mayor said.\n\nThen Quigg-Baird spoke. Green fields; the green party.\n")
    names = similarity._name_terms([v])
    assert {"dunmore", "orla", "quigg", "baird"} <= names
    # sentence openers say nothing ("The", "Bridges", "Then"); "green" is mostly lower case
    assert not names & {"the", "bridge", "then", "green", "mayor"}
