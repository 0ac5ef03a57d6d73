"""Wire copy (agency layout) and versions derived from it, on invented stories."""

import textwrap
from datetime import datetime

from engine import compare
from engine.analysis.lineage import lineage
from engine.io.decode import decode
from engine.text.blocks import build_version
from engine.text.wire import looks_like_wire, slug_time, wire_spans

RULE = "  " + "-" * 72


def wire(paragraphs: list[str], slug: str = "14:05 03/02/01: Page 1 (HHH) NEWS Lighthouse",
         headline: str = "LIGHTHOUSE KEEPER'S COTTAGE SAVED BY VILLAGERS", signoff: str = "end") -> str:
    """An agency story in wire layout: rules, slug, headline, 0x19-marked hard-wrapped paragraphs."""
    out = [RULE, "", RULE, "", "            " + slug, RULE, headline + "<"]
    for p in paragraphs + [signoff]:
        lines = textwrap.wrap(p, 78)
        lines[0] = "\x19" + lines[0]
        lines[-1] += "<"
        out.extend(lines)
    out.append("\x19")
    return "\n".join(out) + "\n"


STORY = [
    "By Ruth Calloway, PA News",
    "Villagers in Porthkennick have raised ``every penny'' of the 212,000 pounds needed to buy the "
    "lighthouse keeper's cottage on the headland and keep it out of the hands of developers, the parish "
    "council said today.",
    "The cottage, built in 1871 for the keepers of the Gurnard Point light, had been put up for auction "
    "by the lighthouse authority after the light was automated.",
    "Parish council chairman Oswald Penrose said: ``We sold cakes, we sold raffle tickets, we sold a "
    "painting of the light itself. Nobody wanted to see it turned into a holiday let.''",
    "The cottage will open next spring as a small museum of the keepers' lives, with a room kept for "
    "visiting school groups.",
    "A retired keeper, Walter Hosking, 84, who lived there from 1952 to 1968, is to cut the ribbon.",
]


def test_wire_layout_splits_at_paragraph_marks_and_drops_the_markers():
    text = wire(STORY)
    assert looks_like_wire(text)
    v = build_version(0, "wire", text)
    kinds = [b.kind for b in v.blocks]
    assert kinds[0] == "header" and "14:05 03/02/01" in v.blocks[0].display
    assert kinds[1] == "title"
    assert kinds[2] == "byline"
    assert kinds[-1] == "signoff" and v.blocks[-1].display == "end"
    body = [b for b in v.blocks if b.kind == "paragraph"]
    assert len(body) == len(STORY) - 1  # one block per wire paragraph, hard wraps joined
    for b in v.blocks:
        assert b.text == text[b.start:b.end]  # offsets slice the source exactly
        assert "\x19" not in b.display and not b.display.endswith("<")
    # ``TeX quotes'' are shown as the curly quotes they stand for
    assert "\u201cevery penny\u201d" in body[0].display


def test_wire_header_sign_off_and_byline_are_not_content():
    v = build_version(0, "wire", wire(STORY))
    by_kind = {b.kind: b for b in v.blocks}
    assert not by_kind["header"].is_content and not by_kind["signoff"].is_content
    assert by_kind["byline"].is_content


def test_slug_line_gives_the_filing_time():
    assert slug_time(wire(STORY)) == datetime(2001, 2, 3, 14, 5)
    assert slug_time("No slug here.\n") is None


def test_short_wire_item_full_of_paragraph_marks_is_text_not_binary():
    item = wire(["Ferry cancelled.", "Storm expected.", "More later."] * 5).encode("cp1252")
    text, _ = decode(item, "item.txt")
    assert text.count("\x19") >= 16
    assert len(wire_spans(text)) >= 16


def test_plain_prose_is_not_wire():
    assert not looks_like_wire("A normal paragraph.\n\nAnother one < this one has a sign.\n")
    assert wire_spans("One line.\nTwo lines.\n") is None


def test_hard_wrapped_text_without_blank_lines_splits_into_paragraphs():
    para = ("The harbour board met on Monday evening to discuss the dredging contract, which "
            "has been delayed twice since the spring because of a dispute over spoil disposal "
            "at sea.")
    lines = [ln for day in ("Monday", "Tuesday", "Friday") for ln in textwrap.wrap(para.replace("Monday", day), 70)]
    v = build_version(0, "x", "\n".join(lines) + "\n")
    assert len(v.blocks) == 3
    assert all(b.display.startswith("The harbour board met on") for b in v.blocks)


# Two papers rewrite the wire story the same night; each keeps phrases of the wire
# narration, not of each other.
PAPER_A = """Villagers buy lighthouse cottage

Villagers in Porthkennick have raised the 212,000 pounds needed to buy the lighthouse keeper's cottage on the headland, beating developers to it.

The cottage was built in 1871 for the keepers of the Gurnard Point light and had been put up for auction by the lighthouse authority after the light was automated.

"Nobody wanted to see it turned into a holiday let," said council chairman Oswald Penrose.

It will open next spring as a small museum of the keepers' lives.
"""

PAPER_B = """Cakes and raffles save Gurnard Point cottage

A Cornish village has bought its lighthouse keeper's cottage after months of cake sales and raffles.

The cottage, put up for auction by the lighthouse authority after the light was automated, will become a museum of the keepers' lives next spring.

Walter Hosking, 84, who lived there from 1952 to 1968, is to cut the ribbon.
"""


def test_papers_written_from_the_wire_name_the_wire_not_each_other():
    c = compare([PAPER_A, PAPER_B, wire(STORY)])
    got = {e.version: e.source for e in lineage(c)}
    assert got[2] is None  # the wire derives from no paper
    assert got[0] == 2 and got[1] == 2


def test_reworded_paragraph_between_links_of_a_rewrite_is_linked():
    c = compare([wire(STORY), PAPER_A])
    wire_v, paper = c.versions
    pair = c.pair(0, 1)
    museum = next(j for j, b in enumerate(paper.blocks) if "museum" in b.display)
    link = pair.link_of_b(museum)
    assert link is not None
    assert any("museum" in wire_v.blocks[i].display for i in link.a)


FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[2] / "fixtures"


def test_nitf_story_becomes_headline_byline_dateline_and_paragraphs():
    from engine.compare import load_versions

    v = load_versions([str(FIXTURES / "harbour.nitf")])[0]
    kinds = [(b.kind, b.display[:24]) for b in v.blocks]
    assert kinds[0] == ("title", "Crane collapses onto Kel")
    assert kinds[1][0] == "heading"
    assert ("byline", "By Nia Trevelyan, Mariti") in kinds
    body = [b.display for b in v.blocks if b.kind == "paragraph"]
    assert body[0].startswith("A 60-metre container crane") and len(body) >= 3
    assert v.fmt == "nitf" and v.published == "2001-02-03T14:05:00"
    # metadata (the <title> in <head>) is not story text
    assert not any(b.display == "Harbour crane collapse" for b in v.blocks)


def test_newsml_g2_item_reads_its_inline_nitf_and_creation_time():
    from engine.compare import load_versions

    v = load_versions([str(FIXTURES / "harbour-g2.xml")])[0]
    assert v.fmt == "newsml"
    assert v.blocks[0].kind == "title" and v.blocks[0].display.startswith("Kelmouth crane berth")
    assert any(b.display.startswith("Dock workers had been sent home") for b in v.blocks)
    assert v.published == "2001-02-03T16:10:00+00:00"


def test_later_agency_update_derives_from_the_earlier_one():
    c = compare([str(FIXTURES / "harbour-g2.xml"), str(FIXTURES / "harbour.nitf")])
    got = {e.version: e.source for e in lineage(c)}
    assert got == {0: 1, 1: None}  # 14:05 came before 16:10, whatever the input order


def test_hostile_xml_entities_are_not_expanded(tmp_path):
    from engine.compare import load_versions
    from engine.errors import InputError

    bomb = ('<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY e{k} "{f"&e{k - 1};" * 10 if k else "&a;" * 10}">' for k in range(8))
            + ']><nitf><body><body.content><p>&e7;</p><p>Plain text.</p></body.content></body></nitf>')
    f = tmp_path / "bomb.xml"
    f.write_text(bomb)
    import pytest

    with pytest.raises(InputError) as e:  # the parser stops the amplification; nothing is expanded
        load_versions([str(f)])
    message = str(e.value)
    assert message.startswith(str(f)) and "\n" not in message
    assert "aaaaaaaaaa" not in message


def test_xml_that_is_not_news_is_refused_in_one_line(tmp_path):
    import pytest

    from engine.compare import load_versions
    from engine.errors import InputError

    f = tmp_path / "config.xml"
    f.write_text("<settings><colour>blue</colour></settings>")
    with pytest.raises(InputError, match="neither NITF nor NewsML"):
        load_versions([str(f)])


def test_a_byline_the_paper_leaves_out_is_not_dropped_story():
    from engine.analysis.cells import DROPPED, cell

    c = compare([wire(STORY), PAPER_A])
    byline_row = next(r for r, row in enumerate(c.rows)
                      if row[0] and c.versions[0].blocks[row[0][0]].kind == "byline")
    assert cell(c, byline_row, 1).state != DROPPED


def test_every_sign_off_form_is_a_sign_off():
    for mark in ("end", "ENDS", "mfl", "more", "-30-", "###", "NNNN"):
        v = build_version(0, "wire", wire(STORY, signoff=mark))
        assert v.blocks[-1].kind == "signoff", mark
    v = build_version(0, "wire", wire(STORY, signoff="Endless queues formed at the quay."))
    assert v.blocks[-1].kind == "paragraph"


# The paper moved a paragraph break: the wire's auction clause opens the paper's next paragraph.
BREAK_MOVED = """Village buys its lighthouse cottage

Villagers in Porthkennick have raised the 212,000 pounds needed to buy the lighthouse keeper's cottage on the headland, keeping it from developers.

The cottage was built in 1871 for the keepers of the Gurnard Point light.

It had been put up for auction by the lighthouse authority after the light was automated, and council chairman Oswald Penrose said: "We sold cakes, we sold raffle tickets, we sold a painting of the light itself."

The cottage will open next spring as a small museum of the keepers' lives.

A retired keeper, Walter Hosking, 84, is to cut the ribbon.
"""


def test_a_moved_paragraph_break_links_both_paragraphs_on_both_sides():
    c = compare([wire(STORY), BREAK_MOVED])
    wire_v, paper = c.versions
    pair = c.pair(0, 1)
    auction = next(j for j, b in enumerate(paper.blocks) if b.display.startswith("It had been put up"))
    link = pair.link_of_b(auction)
    assert link is not None and len(link.a) == 2 and len(link.b) == 2
    assert any("built in 1871" in wire_v.blocks[i].display for i in link.a)
    assert any("sold cakes" in wire_v.blocks[i].display for i in link.a)
    assert any(paper.blocks[j].display.startswith("The cottage was built") for j in link.b)


STATEMENT = ('"I have looked after this light for forty years and I never once thought the village would '
             'let it go to strangers. Every cake that was baked and every ticket that was sold tells me this '
             'place still belongs to the people who live beside it. I am grateful beyond words, and I will '
             'be there on opening day to show the children where we kept the logbooks," Mr Hosking said.')


def test_a_long_statement_carried_whole_is_kinship_a_shared_quote_is_not():
    from engine.align.similarity import Corpus
    from engine.compare import load_versions
    from engine.model import Options

    source = "\n\n".join([
        "Keeper thanks village for saving cottage",
        "A retired lighthouse keeper has thanked the villagers of Porthkennick, who raised the money to buy "
        "his old cottage at auction.",
        STATEMENT,
        "The parish council will run the cottage as a museum from next spring."])
    # reworded narration, the statement kept whole
    rewrite = "\n\n".join([
        "'Grateful beyond words'",
        "Walter Hosking, who kept the Gurnard Point light for four decades, spoke yesterday after "
        "Porthkennick bought the cottage he once lived in.",
        STATEMENT,
        "Councillors plan to open it to visitors in the spring."])
    # another reporter who heard one sentence of it
    independent = "\n\n".join([
        "Porthkennick celebrates",
        "Bunting went up along the harbour wall as news of the purchase spread through the fishing village.",
        '"I am grateful beyond words," said Mr Hosking, now 84.',
        "A brass band from St Ives is booked for the opening."])
    c = Corpus(load_versions([source, rewrite, independent]), Options())
    assert c.kinship(0, 1) > 0.1  # the narration alone shares nothing: the statement decides
    assert c.kinship(0, 2) == 0.0
