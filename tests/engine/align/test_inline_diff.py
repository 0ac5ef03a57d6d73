"""Word-level diffs rebuild both texts exactly and read as whole-word changes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.align.inline_diff import changed_words, rebuild, word_diff

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
    import engine.align.inline_diff as inline

    shared = inline._word_diff(a, b, granularity, ignore_case, True, "rapidfuzz")
    saved = inline._CODECS
    inline._CODECS = {k: _NoCodec() for k in (False, True)}
    inline.clear_caches()
    try:
        alone = inline._word_diff(a, b, granularity, ignore_case, True, "rapidfuzz")
    finally:
        inline._CODECS = saved
        inline.clear_caches()
    assert shared == alone


class _NoCodec:
    """A codec that never encodes: every diff falls back to its own encoding."""

    def encode(self, tokens):
        return None, -1


def test_a_full_codec_starts_a_new_generation_and_diffs_stay_right(monkeypatch):
    import engine.align.inline_diff as inline

    codec = inline._Codec(False)
    monkeypatch.setattr(codec, "MAX_TOKENS", 7)
    monkeypatch.setattr(inline, "_CODECS", {False: codec, True: inline._Codec(True)})
    inline.clear_caches()
    try:
        a = "one two three"  # 4 distinct tokens with the space
        b = "four five six seven"  # 4 more (the space is known): over 7, generation 1 starts
        _, enc_a, gen_a = inline._prepared(a, "word", False)
        _, enc_b, gen_b = inline._prepared(b, "word", False)
        assert enc_a and enc_b and (gen_a, gen_b) == (0, 1)
        diff, exact = word_diff(a + " " + b, a + " eight " + b)
        assert exact and rebuild(diff, -1) == a + " " + b and rebuild(diff, 1) == a + " eight " + b
        mixed = word_diff(a + " nine", b + " nine")  # two generations: diffed with a private table
        monkeypatch.setattr(inline, "_CODECS", {False: _NoCodec(), True: _NoCodec()})
        inline.clear_caches()
        assert mixed == word_diff(a + " nine", b + " nine")
        assert (0, " nine") in mixed[0]
        assert codec.encode(("x",) * 3 + tuple("abcdefghij"))[0] is None  # more than a table holds
    finally:
        inline.clear_caches()


def test_sized_cache_keeps_within_its_budget_and_drops_the_oldest():
    from engine.align.sized_cache import SizedCache

    cache = SizedCache(10)
    cache.put("a", 1, 4)
    cache.put("b", 2, 4)
    assert cache.get("a") == 1  # now the most recent
    cache.put("c", 3, 4)  # over budget: the least recently used ("b") goes
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert cache.used == 8
    cache.put("huge", 4, 11)  # bigger than the budget: not kept, nothing evicted
    assert cache.get("huge") is None and len(cache) == 2


def test_semantic_cleanup_is_skipped_only_where_it_cannot_change_the_diff():
    from diff_match_patch import diff_match_patch

    import engine.align.inline_diff as inline

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

    import engine.align.inline_diff as inline

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = inline._rapidfuzz_diff(a, b)[0] if source == "rapidfuzz" else dmp.diff_main(a, b, False)
    want = list(diffs)
    dmp.diff_cleanupSemantic(want)
    assert inline.semantic_cleanup(list(diffs)) == want
