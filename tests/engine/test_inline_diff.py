"""Word-level diffs rebuild both texts exactly and read as whole-word changes."""

from hypothesis import given, settings, strategies as st

from engine.inline_diff import changed_words, rebuild, word_diff

words = st.lists(st.sampled_from(["the", "bridge", "will", "reopen", "on", "March", "14", ",", ".",
                                  "\u201cquoted\u201d", "caf\u00e9", "\U0001F600", "\u5317\u4eac", " "]),
                 max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(words, words)
def test_diff_rebuilds_both_texts(a, b):
    for granularity, core in (("word", "rapidfuzz"), ("char", "rapidfuzz"), ("word", "dmp")):
        diff, exact = word_diff(a, b, granularity=granularity, core=core)
        assert exact
        assert rebuild(diff, -1) == a
        assert rebuild(diff, 1) == b


@given(st.text(max_size=200), st.text(max_size=200))
def test_diff_rebuilds_arbitrary_unicode(a, b):
    diff, _ = word_diff(a, b)
    assert rebuild(diff, -1) == a and rebuild(diff, 1) == b


def test_inserted_sentence_is_one_insertion():
    a = "The bridge will reopen on March 14."
    b = "The bridge will reopen on March 14. Its findings will be published in full."
    diff, _ = word_diff(a, b)
    assert diff == ((0, a), (1, " Its findings will be published in full."))
    assert changed_words(diff) == (0, 7)


def test_word_substitution_is_whole_words():
    diff, _ = word_diff("Putin said the deal was a breakthrough.", "Putin stated the deal was a breakthrough.")
    assert (-1, "said") in diff and (1, "stated") in diff


def test_quote_style_only_change_is_reported_as_raw_change():
    diff, _ = word_diff("\u201cHello\u201d", '"Hello"')
    assert rebuild(diff, -1) == "\u201cHello\u201d" and rebuild(diff, 1) == '"Hello"'
    assert (0, "Hello") in diff


def test_identical_texts_give_one_equal_part():
    assert word_diff("Same text.", "Same text.")[0] == ((0, "Same text."),)
