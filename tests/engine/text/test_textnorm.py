"""Tokens that rebuild the text, graphemes kept whole, and folded comparison forms."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.text.textnorm import char_tokens, collapse_ws, content_terms, diff_tokens, fold, stem, word_keys


@given(st.text(max_size=300))
def test_diff_tokens_rebuild_any_text(text):
    assert "".join(diff_tokens(text)) == text
    assert "".join(char_tokens(text)) == text


def test_graphemes_stay_whole():
    nfd = unicodedata.normalize("NFD", "caf\u00e9")
    assert diff_tokens(nfd) == [nfd]  # the combining accent stays in the word
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert family in diff_tokens(f"a {family} b")
    thumbs = "\U0001F44D\U0001F3FD"
    assert thumbs in char_tokens(f"x{thumbs}y")


def test_cjk_falls_back_to_characters():
    assert word_keys("\u5317\u4eac\u5e02 2024") == ("\u5317", "\u4eac", "\u5e02", "2024")


def test_fold_quotes_dashes_case_and_normal_form():
    assert fold("\u201cHello\u201d \u2014 World\u2019s") == fold('"hello" - world\'s')
    assert fold(unicodedata.normalize("NFD", "Caf\u00e9")) == fold("caf\u00e9")
    assert fold("A b", ignore_case=False) != fold("a b", ignore_case=False)
    assert fold("Hello, world!", ignore_punctuation=True) == "hello world"


def test_collapse_ws():
    assert collapse_ws(" a\u00a0\u00a0b\n\tc ") == "a b c"


def test_stemming_meets_inflections_and_spellings():
    assert stem("signed") == stem("signing") == stem("signs") == "sign"
    assert stem("ties") == stem("tie")
    assert stem("criticised") == stem("criticized")
    assert stem("states") == stem("state")
    assert content_terms(["the", "bridge", "was", "reopened"]) == ["bridge", "reopen"]


plain_text = st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from("\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac"),
                     max_size=200)


@given(plain_text)
def test_fast_path_tokenises_like_the_full_patterns(text):
    from engine.text import textnorm

    assert not textnorm._SPECIAL.search(text)
    full = textnorm._full()
    assert textnorm._PLAIN_DIFF_TOKEN.findall(text) == full.diff_token.findall(text)
    assert textnorm._PLAIN_WORD.findall(text) == full.word.findall(text)
    assert list(text) == full.grapheme.findall(text)


def test_collapse_ws_treats_every_unicode_space_as_the_pattern_does():
    import re
    import sys

    from engine.text.textnorm import collapse_ws

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c)))
    text = f"{spaces}a{spaces}b\u200bc{spaces}"
    assert collapse_ws(text) == re.sub(r"\s+", " ", text).strip() == "a b\u200bc"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)), st.booleans(), st.booleans(), st.booleans())
def test_fold_fast_path_for_ascii_matches_the_full_normalisation(text, case, quotes, punct):
    import unicodedata

    from engine.text.textnorm import _ONE_MARK, _PUNCT, _QUOTES, collapse_ws, fold

    full = unicodedata.normalize("NFKC", text)
    if quotes:
        full = _ONE_MARK.sub("'", full.translate(_QUOTES))
    if case:
        full = full.casefold()
    if punct:
        full = _PUNCT.sub(" ", full)
    assert fold(text, ignore_case=case, ignore_quotes=quotes, ignore_punctuation=punct) == collapse_ws(full)


ascii_text = st.text(alphabet=st.characters(max_codepoint=0x7F) | st.sampled_from(["'", "'", "a", "b"]), max_size=120)


@given(ascii_text)
def test_ascii_word_split_finds_the_words_the_pattern_finds(text):
    # the byte-table split must cut exactly where the word pattern does, apostrophes
    # included ("don't" one word; "'tis", "o''clock", "rock 'n' roll" cut as re does)
    from engine.text import textnorm

    assert textnorm.ascii_words(text) == textnorm._PLAIN_WORD.findall(text)


def test_ascii_word_split_keeps_inner_apostrophes_only():
    from engine.text.textnorm import ascii_words

    assert ascii_words("don't 'tis o''clock rock 'n' roll x_y 3.5") == \
        ["don't", "tis", "o", "clock", "rock", "n", "roll", "x", "y", "3", "5"]


@given(st.text(alphabet="ab .\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x01\x7f\u00a0\u2003\u3000\x85\u2028", max_size=12))
def test_collapse_ws_is_one_space_between_words_whatever_the_text(text):
    # the shortcut for text that is collapsed already must agree with splitting it
    assert collapse_ws(text) == " ".join(text.split())
