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


@settings(max_examples=200, deadline=None)
@given(words, words, st.booleans(), st.sampled_from(["word", "char"]))
def test_shared_codec_gives_the_same_diff_as_a_private_encoding(a, b, ignore_case, granularity):
    """Texts are encoded once with a process-wide table; a diff encoded on its own must match."""
    import engine.inline_diff as inline

    shared = inline._word_diff(a, b, granularity, ignore_case, True, "rapidfuzz")
    saved = inline._CODECS
    inline._CODECS = {k: _NoCodec() for k in (False, True)}
    inline._prepared_cached.cache_clear()
    try:
        alone = inline._word_diff(a, b, granularity, ignore_case, True, "rapidfuzz")
    finally:
        inline._CODECS = saved
        inline._prepared_cached.cache_clear()
    assert shared == alone


class _NoCodec:
    """A full shared table: every text falls back to its own encoding."""

    def encode(self, tokens):
        return None


def test_codec_full_falls_back_to_exact_private_encoding(monkeypatch):
    import engine.inline_diff as inline

    codec = inline._Codec(False)
    monkeypatch.setattr(codec, "MAX_TOKENS", 3)
    monkeypatch.setattr(inline, "_CODECS", {False: codec, True: inline._Codec(True)})
    inline._prepared_cached.cache_clear()
    inline._word_diff_cached.cache_clear()
    try:
        a, b = "one two three four five", "one two six four five seven"
        diff, exact = word_diff(a, b)
        assert exact and rebuild(diff, -1) == a and rebuild(diff, 1) == b
        assert (-1, "three") in diff and (1, "six") in diff
        assert codec.encode(a.split(" ")) is None  # the table really was full
    finally:
        inline._prepared_cached.cache_clear()
        inline._word_diff_cached.cache_clear()


def test_semantic_cleanup_is_skipped_only_where_it_cannot_change_the_diff():
    from diff_match_patch import diff_match_patch

    import engine.inline_diff as inline

    # one replacement between equal runs; an edit at each end; two runs; a lone insertion
    for a, b in [("a b c d", "a b x d"), ("x b c", "y b c"), ("a b c", "a b d"),
                 ("the cat sat on the mat", "the dog sat on a mat"), ("the cat", "the big cat"),
                 ("a a a", "a a a a")]:
        ea, eb = inline._encode(inline.diff_tokens(a), inline.diff_tokens(b), False)
        diffs, runs = inline._rapidfuzz_diff(ea, eb)
        cleaned = list(diffs)
        diff_match_patch().diff_cleanupSemantic(cleaned)
        if not inline._needs_cleanup(diffs, runs):
            # skipping is safe only if cleanup would have changed nothing but the order
            # of a deletion and an insertion (which the decoder puts right anyway)
            assert sorted(cleaned) == sorted(diffs), (a, b)


small_text = st.text(alphabet="ab c.\n", max_size=50)


@settings(max_examples=1500, deadline=None)
@given(small_text, small_text, st.sampled_from(["rapidfuzz", "dmp"]))
def test_semantic_cleanup_equals_diff_match_patch(a, b, source):
    """Our cleanup must give exactly what diff-match-patch's diff_cleanupSemantic gives."""
    from diff_match_patch import diff_match_patch

    import engine.inline_diff as inline

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = inline._rapidfuzz_diff(a, b)[0] if source == "rapidfuzz" else dmp.diff_main(a, b, False)
    want = list(diffs)
    dmp.diff_cleanupSemantic(want)
    assert inline.semantic_cleanup(list(diffs)) == want
