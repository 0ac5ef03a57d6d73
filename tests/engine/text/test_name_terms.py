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


@given(st.text(alphabet="aBcD'`\"-_1 .\u00e9\u0130", min_size=1, max_size=8))
def test_a_words_key_is_the_stem_of_its_folded_form(word):
    # the shortcut for ASCII words (lower case, then the stem) gives what fold() and stem() give
    from engine.text.textnorm import fold, stem

    part = word.strip()
    if part and part.isascii() and "''" not in part and " " not in part and '"' not in part and "`" not in part:
        assert stem(part.lower()) == stem(fold(part))
    assert similarity._name_key(part) == stem(fold(part))


@given(st.lists(st.sampled_from(["Ab", "ab", "AB's", "O''Neil", "o''neil", "\u00c9tat", "\u00e9tat", "x-Y", "Y",
                                 "y", "Kim-jong", ". ", ", ", " "]), max_size=16))
def test_names_match_keys_from_fold_and_stem_for_every_word(parts):
    from collections import Counter

    v = build_version(0, "a", "Lead " + " ".join(parts) + " end.\n")
    texts = [b.display for b in v.blocks if b.kind in ("paragraph", "caption")]
    seen = Counter(w for t in texts for w in similarity._MID_WORD.findall(" " + t) if w)
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for word, n in seen.items():
        for part in filter(None, word.split("-")):
            (upper if part[0].isupper() else lower)[similarity._name_key(part)] += n
    assert similarity._name_terms([v]) == {t for t, n in upper.items() if n >= 1 and lower[t] * 3 <= n}
