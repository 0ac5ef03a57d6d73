"""Splitting into blocks (offsets into the source) and giving each block a kind."""

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.text.blocks import build_version, split_spans
from engine.text.classify import classify, is_boilerplate, is_caption


def spans(text, **kw):
    return [text[s.start:s.end] for s in split_spans(text, **kw)]


def test_one_paragraph_per_line():
    text = "Headline here\nFirst paragraph is long enough to be one.\nSecond one, also a line.\n"
    assert spans(text) == ["Headline here", "First paragraph is long enough to be one.",
                           "Second one, also a line."]


def test_blank_line_separated_with_hard_wrapped_lines_joined():
    text = ("The council met on Tuesday and agreed to reopen the bridge after\n"
            "repairs that took five months and cost more than planned.\n"
            "\n"
            "Shopkeepers said trade had fallen by a third while the bridge\n"
            "was closed, and asked for help.\n")
    got = spans(text)
    assert len(got) == 2
    assert got[0].startswith("The council") and got[0].endswith("planned.")
    assert "\n" in got[0]  # offsets cover the source as written


def test_unwrapped_lines_in_a_group_stay_separate():
    long1 = "A caption that is a full line of its own describing a photograph in some detail. " * 2
    long2 = "Another long line that is a separate paragraph and not a wrapped continuation at all. " * 2
    text = f"{long1.strip()}\n{long2.strip()}\n\nNext.\n"
    assert len(spans(text)) == 3


def test_whitespace_only_lines_are_blank():
    text = "One paragraph.\n\u00a0\u00a0\nTwo paragraph.\n \t \nThree.\n\u200b\nFour."
    assert spans(text) == ["One paragraph.", "Two paragraph.", "Three.", "Four."]


def test_crlf_and_cr_newlines():
    assert spans("One.\r\n\r\nTwo.\rThree.") == ["One.", "Two.", "Three."]


def test_markdown_headings_start_blocks():
    text = "# Title\nSome text that follows.\n\n## Section two\nMore text.\n"
    v = build_version(0, "m", text, fmt="markdown")
    assert [b.kind for b in v.blocks][:2] == ["title", "paragraph"]
    assert v.blocks[2].kind == "heading" and v.blocks[2].display == "Section two"


def test_display_collapses_space_and_nbsp():
    v = build_version(0, "x", "Two\u00a0words  and\nwrapped.")
    assert v.blocks[0].display == "Two words and wrapped."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n\r\t\u00a0\u200b#-\u00e9\u4e2d"), max_size=200))
def test_offsets_slice_the_source_and_do_not_overlap(text):
    v = build_version(0, "x", text)
    last = 0
    for b in v.blocks:
        assert text[b.start:b.end] == b.text
        assert b.text.strip() and b.start >= last
        last = b.end
    # every non-blank character is inside some block
    covered = set()
    for b in v.blocks:
        covered.update(range(b.start, b.end))
    for i, ch in enumerate(text):
        if not (ch.isspace() or ch in "\u200b"):
            assert i in covered


def test_kinds_of_a_cluttered_page():
    texts = [
        "...Redefining Journalism for the Valley",
        "Mayor says bridge will reopen next month after repairs",
        "41",
        "The mayor said on Tuesday that the footbridge would reopen on March 14 after repairs.",
        "Thank you for reading this post, don't forget to subscribe!",
        "Workers lift a panel onto the bridge on February 2. (Lena Dahl/Vell Courier)",
        "What Comes Next",
        "The council will review its inspection schedule, officials said.",
        "WATCH | The mayor explains the repairs:",
        "Mayor explains the bridge repairs",
        "Source link",
        "Leave a Reply",
        "Your email address will not be published.",
        "\u00a92025 Show WordPress Theme by WPEnjoy",
        "Back To Top",
    ]
    kinds = classify(texts)
    assert kinds == ["boilerplate", "title", "boilerplate", "paragraph", "boilerplate", "caption",
                     "heading", "paragraph", "boilerplate", "boilerplate", "boilerplate",
                     "boilerplate", "boilerplate", "boilerplate", "boilerplate"]


def test_repeated_headline_is_a_title_too():
    kinds = classify(["Bridge to reopen", "Bridge to reopen", "The bridge will reopen, officials said."])
    assert kinds[:2] == ["title", "title"]


def test_long_paragraphs_are_never_boilerplate_or_captions():
    para = ("Readers who subscribe to the newsletter were told on June 19 that the photo exhibition "
            "will attend to the needs of the town, the council said in a long statement that went "
            "on to describe the repairs and their cost in some detail for everyone.")
    assert not is_boilerplate(para)
    assert not is_caption(para)


def test_caption_cues():
    assert is_caption("Russian President Vladimir Putin (R) and Kim Jong Un attend a ceremony on June 19, 2024.")
    assert is_caption("Putin, left, is welcomed at the airport. (Gavriil Grigorov/Sputnik/The Associated Press)")
    assert is_caption("North Korean leader Kim Jong Un and Putin exit a welcome ceremony in Pyongyang on June 19.")
    assert not is_caption("The bridge will reopen on March 14, the council said.")


def test_caption_cues_match_in_any_case():
    # the cue words are looked for in lower case first (a shortcut): every case still counts,
    # and so do non-ASCII letters that case-insensitive matching takes for ASCII ones
    assert is_caption("The old mill IS SHOWN before the fire")
    assert is_caption("PHOTOGRAPH BY a reader of the paper")
    assert is_caption("The old mill is \u017fhown before the fire")  # a long s
    assert not is_caption("The old mill was sold before the fire")
