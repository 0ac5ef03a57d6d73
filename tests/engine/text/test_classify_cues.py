"""The classifier's cue-word tests skip only patterns that could not match."""

from hypothesis import given
from hypothesis import strategies as st

from engine.text import classify

pieces = st.lists(st.sampled_from([
    "Subscribe", "newsletter", "Sign up", "follow US", "(C) 2024", "Copyright", "\u00a9", "All Rights Reserved",
    "WordPress Theme", "powered by Foo", "theme by", "get real-time updates", "Click here", "tap here",
    "Cookies", "we accept", "policy", "said", "SAYS", "told", "according", "Will", "reported", "announced",
    "on June 19", "on Jan. 3", "attends", "walks", "\u017fays", "\u212a", "x", " ", ", ", ". ", "\"", "12",
    "\u0663", "sign", "up"]), max_size=12)


def _boilerplate_reference(text: str) -> bool:
    if classify._STRAY.match(text):
        return True
    if classify._words(text) > 30:
        return False
    return any(p.search(text) for p in classify._BOILERPLATE_SHORT)


def _caption_tail_reference(text: str) -> bool:
    return (not classify._QUOTES.search(text) and not classify._SAYS.search(text)
            and bool(classify._DATED.search(text)) and bool(classify._CAPTION_VERBS.search(text)))


def test_every_cued_pattern_is_one_of_the_boilerplate_patterns():
    assert sum(1 for cues in classify._BOILERPLATE_CUES if cues) == len(classify._CUE_WORDS_OF)


@given(pieces)
def test_boilerplate_with_cue_words_is_boilerplate_without(parts):
    text = " ".join(parts)
    assert classify.is_boilerplate(text) == _boilerplate_reference(text)


@given(pieces)
def test_dated_caption_rule_with_cue_words_is_the_rule_without(parts):
    text = "A man " + " ".join(parts)
    n = classify._words(text)
    tail = n <= 40 and _caption_tail_reference(text)
    if classify._CREDIT.search(text) or any(p.search(text) for p in classify._CAPTION_CUES):
        return  # decided by the cues before the dated rule
    assert classify.is_caption(text) == tail
