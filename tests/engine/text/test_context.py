"""Boilerplate and captions are context, not change: not counted, not a stop
for next/previous change, never dropped, never 'new' — unless asked for."""

from __future__ import annotations

from engine import compare
from engine.analysis.cells import DROPPED, changed_rows, dropped_blocks, grid
from engine.analysis.summary import changed_links, summarize
from engine.reports import render
from tests.engine.articles import WIRE, text

CAPTION_BASE = "The ferry Marn Star at its berth in Ostby. (Photo: Nordlake Lines)"
CAPTION_NEW = "Photo by Jens Holm / Ostby Daily"
# The base prints its headline twice (a page title and the article's own heading),
# carries a "Leave A Reply" box and a photo caption.
BASE = [WIRE[0], WIRE[0], "Leave A Reply", *WIRE[1:4], CAPTION_BASE, *WIRE[4:]]
# The copy: one headline, "Leave a Reply" in other case, a comment counter, another photo credit.
COPY = [WIRE[0], "Leave a Reply", "17", *WIRE[1:4], *WIRE[4:], CAPTION_NEW]


def _comparison():
    # Case counts here, so "Leave A Reply" -> "Leave a Reply" is an edit (of site chrome).
    c = compare([text(BASE), text(COPY)], names=["wire", "copy"], ignore_case=False)
    kinds = [b.kind for b in c.versions[1].blocks]
    assert kinds.count("boilerplate") == 2 and kinds.count("caption") == 1  # the fixture is what it says
    return c


def test_context_is_not_counted_by_default():
    c = _comparison()
    s = summarize(c)[1]
    assert s.counts["edited"] == 0  # "Leave A Reply" -> "Leave a Reply" is no edit to the story
    assert s.counts["added"] == 0  # the counter "17" and the new photo credit
    assert s.counts["dropped"] == 0  # the old caption, and the headline printed twice
    shown = summarize(c, context=True)[1]
    assert shown.counts["edited"] == 1 and shown.counts["added"] == 2 and shown.counts["dropped"] == 1  # the caption; the repeat never


def test_context_is_no_stop_and_never_dropped():
    c = _comparison()
    assert changed_rows(c) == []  # F7 has nowhere to go: the story is the same
    assert changed_rows(c, context=True)
    assert not any(cell.state == DROPPED for row in grid(c) for cell in row)
    assert dropped_blocks(c, 1) == []
    # Counted as change on request, the caption is dropped; the repeated headline never is
    # (the copy keeps the same text).
    assert [c.versions[0].blocks[i].kind for i in dropped_blocks(c, 1, context=True)] == ["caption"]
    assert changed_links(c, 1) == [] and len(changed_links(c, 1, context=True)) == 1


def test_captions_are_not_new():
    c = _comparison()
    assert not c.unique[1].blocks
    assert CAPTION_NEW not in render(c, "md").split("## What is new")[1]


def test_reports_leave_context_out():
    c = _comparison()
    out = render(c, "text")
    assert "no differences" in out and "2 added boilerplate or caption blocks not listed" in out
    html = render(c, "html")
    assert "s-dropped" not in html.split("<h2>Aligned versions</h2>")[1]


def test_a_headline_printed_twice_is_dropped_once():
    c = compare([text(BASE), text(WIRE[1:])], names=["wire", "no headline"])
    dropped = dropped_blocks(c, 1)
    titles = [i for i in dropped if c.versions[0].blocks[i].display == WIRE[0]]
    assert titles == [0]  # the first copy only
    assert sum(cell.state == DROPPED for row in grid(c) for cell in row) == len(dropped)


def test_an_exact_copy_reuses_all_of_its_words():
    """Short blocks (a five-word headline) hold no six-word run; an exact copy still reuses 100%."""
    short = ["Ferry back on Friday", *WIRE[1:], "Ends."]
    c = compare([text(short), text(short)])
    assert c.pair(0, 1).reuse_b_from_a == 1.0 and c.pair(0, 1).reuse_a_from_b == 1.0
    other = compare([text(short), text(["Orchestra back on Friday", *WIRE[1:]])])
    assert other.pair(0, 1).reuse_b_from_a < 1.0  # a different short block is not reused


def test_reports_mark_context_as_context_not_as_an_edit():
    from engine.reports.html_report import to_html

    c = _comparison()
    page = to_html(c).split("<h2>Aligned versions</h2>")[1]
    reply = page[page.index("Leave a Reply") - 600: page.index("Leave a Reply")]
    assert "s-context" in reply and "edited" not in reply
    pdf_page = to_html(c, qt=True).split("Aligned versions")[1]  # the variant Qt prints to PDF
    reply = pdf_page[pdf_page.index("Leave a Reply") - 400: pdf_page.index("Leave a Reply")]
    assert "edited" not in reply
