"""Sentence splitting (offsets, abbreviations, quotes) and sentence-mode comparison."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import compare
from engine.text import sentences
from engine.text.blocks import build_version
from engine.text.sentences import sentence_blocks, sentence_versions, split_sentences
from engine.text.textnorm import word_keys


def cut(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Mr. Smith met Gen. Jones. They talked.", ["Mr. Smith met Gen. Jones.", "They talked."]),
    ("U.S. officials agreed. The talks ended.", ["U.S. officials agreed.", "The talks ended."]),
    ("It rained in the U.S. The game was off.", ["It rained in the U.S.", "The game was off."]),
    ("President John F. Kennedy spoke. Crowds cheered.",
     ["President John F. Kennedy spoke.", "Crowds cheered."]),
    ("Growth was 3.5 per cent. Prices rose 0.2 points.",
     ["Growth was 3.5 per cent.", "Prices rose 0.2 points."]),
    ("\u201cWe will help,\u201d he said. \u201cIt is a breakthrough.\u201d Kim agreed.",
     ["\u201cWe will help,\u201d he said.", "\u201cIt is a breakthrough.\u201d", "Kim agreed."]),
    ('"Stop!" he shouted. Nobody did.', ['"Stop!" he shouted.', "Nobody did."]),
    ("Is it over? Not yet! Wait...", ["Is it over?", "Not yet!", "Wait..."]),
    ("No. 5 won on Jan. 19. It was close.", ["No. 5 won on Jan. 19.", "It was close."]),
    ("He left (for good.) She stayed.", ["He left (for good.)", "She stayed."]),
    ("Talks resumed at 9 a.m. on Monday.", ["Talks resumed at 9 a.m. on Monday."]),
    ("Visit example.com today. Then call.", ["Visit example.com today.", "Then call."]),
    ("A heading without a stop\n\nThen a paragraph.", ["A heading without a stop", "Then a paragraph."]),
    ("One line\ncontinues here. Next.", ["One line\ncontinues here.", "Next."]),
    ("会议结束了。双方签署了协议。", ["会议结束了。", "双方签署了协议。"]),
    ("", []),
    ("   \n ", []),
])
def test_split(text, expected):
    assert cut(text) == expected


def _check_spans(text):
    spans = split_sentences(text)
    prev = 0
    covered = bytearray(len(text))
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        covered[s:e] = b"\x01" * (e - s)
        prev = e
    for k, ch in enumerate(text):
        if not ch.isspace():
            assert covered[k], (k, ch, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZ .!?\"'\u201d\u201c()\n\t3\u00a0\u3002") +
                                ["Mr.", "Gen. ", "U.S. ", " The ", "\n\n", "...", "F. ", "3.5"]),
                max_size=60).map("".join))
def test_spans_are_ordered_trimmed_disjoint_and_cover_all_text(text):
    _check_spans(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_spans_hold_for_any_unicode(text):
    _check_spans(text)


def test_sentence_blocks_slice_the_text_and_keep_headings_whole():
    text = ("Harbour bridge closes\n\nThe council voted on Tuesday. Mr. Okafor said it was hard.\n\n"
            "Getting across\n\nFerries will run more often. Buses too.\n")
    v = build_version(0, "v", text)
    blocks = sentence_blocks(v)
    assert [b.index for b in blocks] == list(range(len(blocks)))
    for b in blocks:
        assert text[b.start:b.end] == b.text
        assert b.display == " ".join(b.text.split())
    shown = [b.display for b in blocks]
    assert shown == ["Harbour bridge closes", "The council voted on Tuesday.", "Mr. Okafor said it was hard.",
                     "Getting across", "Ferries will run more often.", "Buses too."]
    kinds = [b.kind for b in blocks]
    assert kinds[0] == "title" and kinds[3] == "heading"
    assert kinds[1] == kinds[2] == "paragraph"
    [sv] = sentence_versions([v])
    assert sv.text == v.text and sv.id == v.id and sv.blocks == blocks


A = """Port strike ends after nine days

Dock workers at the port of Ellmouth voted on Sunday to end a nine-day strike over pay. The union said members had accepted a rise of 6 per cent over two years.

Union official Ana Ruiz said the deal was fair. "Nobody wanted this to drag on into the holidays," she said.

The strike had left more than 40 container ships waiting at anchor off the coast.
"""

B = """Ellmouth dockers return to work

More than 40 container ships queued at anchor off the coast while the strike lasted.

The walkout, which lasted nine days, ended when dock workers at Ellmouth approved a two-year deal worth 6 per cent on Sunday. Port managers said it would take a week to clear the backlog.

A local bakery has started selling cakes shaped like cranes to celebrate.
"""


def test_sentence_mode_links_same_fact_sentences_only():
    c = compare([A, B], unit="sentence")
    va, vb = c.versions
    assert all(va.text[b.start:b.end] == b.text for b in va.blocks)
    pair = c.pair(0, 1)
    linked = {(" ".join(va.blocks[i].display for i in l.a), " ".join(vb.blocks[j].display for j in l.b))
              for l in pair.links}
    texts_b = {tb for _, tb in linked}
    assert any("40 container ships" in ta and "40 container ships" in tb for ta, tb in linked)
    assert not any("bakery" in tb for tb in texts_b)
    assert not any("Port managers" in tb for tb in texts_b)
    d = c.to_dict()
    assert d["options"]["unit"] == "sentence"


class _WholePrefix:
    """The word-before search as it was: over the whole prefix (the reference)."""

    def __init__(self, pattern):
        self.pattern = pattern

    def search(self, text, pos, endpos):
        return self.pattern.search(text, 0, endpos)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a" * 70, "U.S." * 20, "x.", "Dr.", " ", ". ", " The ", "F. ", "no. 5",
                                 "\u2019", "-", "\n"]), max_size=30).map("".join))
def test_windowed_word_search_splits_like_the_whole_prefix_search(text):
    import engine.text.sentences as sentences

    fast = split_sentences(text)
    original = sentences._WORD_BEFORE
    sentences._WORD_BEFORE = _WholePrefix(original)
    try:
        assert split_sentences(text) == fast
    finally:
        sentences._WORD_BEFORE = original


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "Gen. ", "U.S. ", " The ", "...", "F. ", "3.5", "don't", "`tis",
                                 "it's.", "A", "b", " ", ".", "!", '"', "?", "x_y", "e.g. ", "No. 5 ", "(",
                                 ")", "'", "\u2019", "caf\u00e9", "\u201cQuote.\u201d "]),
                max_size=40).map(lambda parts: " ".join("".join(parts).split())))
def test_sentence_keys_equal_word_keys_of_each_sentence(text):
    from engine.text.sentences import sentence_keys
    from engine.text.textnorm import word_keys

    assert sentence_keys(text) == [word_keys(text[s:e]) for s, e in split_sentences(text)]



_PLAIN_END = __import__("re").compile(r"(?:\.{3}|\u2026|[.!?]+)[\"'\u201d\u2019\u00bb)\]]*(?=\s)")


@settings(max_examples=500)
@given(st.lists(st.sampled_from([".", ".", "!", "?", "\u2026", '"', "'", "\u201d", "\u2019", "\u00bb", ")",
                                 "]", " ", "\n", "a", "B", "\u00a0"]), max_size=14))
def test_sentence_end_pattern_finds_what_the_plain_pattern_finds(parts):
    # _END is written with a literal opening each branch (for speed); the stops it finds
    # must be those of the plain form, ellipses and runs of "?!" included
    from engine.text import sentences

    text = "".join(parts)
    assert [m.span() for m in sentences._END.finditer(text)] == [m.span() for m in _PLAIN_END.finditer(text)]


_RUN_BEFORE = re.compile(r"([\w.'\u2019-]+)$")
_PIECES = st.lists(st.sampled_from(["Mr", "U.S", "a.m", "word", "x", "\n", " ", "  ", ".", ". ", "!", "?", "'",
                                    "\u2019", "-", "_", '"', "(", "5", "\u00e9", "\u0663", "St", "No", "``", "''",
                                    "O'Neil", "Dr."]), max_size=24)


@given(_PIECES)
def test_the_word_before_a_stop_is_the_patterns_run(parts):
    text = "".join(parts)
    for end in range(len(text) + 1):
        m = _RUN_BEFORE.search(text, 0, end)
        assert sentences._word_before(text, end) == (m.group(1) if m else "")


@given(_PIECES)
def test_sentence_keys_are_each_sentences_word_keys(parts):
    text = " ".join("".join(parts).split())
    assert sentences.sentence_keys(text) == [word_keys(text[s:e]) for s, e in sentences.split_sentences(text)]
