"""Unique content: the blocks and sentences only one version has."""

import pytest

from engine import compare
from engine.analysis.unique import UniqueBlock, UniqueSentence, unique_content
from tests.engine.analysis.test_lineage import COPY, OTHER, REWRITE, UNRELATED, WIRE

NEW_SENTENCE = "The council will also hire two extra inspectors to check the city's other bridges every month."
EDITED_WIRE = WIRE.replace("seeped into the casings.", "seeped into the casings. " + NEW_SENTENCE)


@pytest.fixture(scope="module")
def result():
    c = compare([WIRE, COPY, REWRITE, OTHER, EDITED_WIRE])
    return c, unique_content(c)


def test_shapes_and_offsets(result):
    c, uniq = result
    assert [u.version for u in uniq] == list(range(len(c.versions)))
    for u in uniq:
        text = c.versions[u.version].text
        for b in u.blocks:
            assert isinstance(b, UniqueBlock)
            assert text[b.start:b.end] == b.text == c.versions[u.version].blocks[b.block].text
        for s in u.sentences:
            assert isinstance(s, UniqueSentence)
            assert text[s.start:s.end] == s.text
            blk = c.versions[u.version].blocks[s.block]
            assert blk.start <= s.start < s.end <= blk.end
        assert 0.0 <= u.share <= 1.0
        d = u.to_dict()
        assert d["version"] == u.version and len(d["blocks"]) == len(u.blocks)


def test_independent_report_has_its_own_paragraphs(result):
    c, uniq = result
    other = uniq[3]
    texts = [b.text for b in other.blocks]
    assert any("Tom Briggs" in t for t in texts)
    assert any("petition" in t for t in texts)
    # the shared quotation is not unique
    assert not any("our own inspectors say is failing" in t for t in texts)
    assert not any("our own inspectors" in s.text for s in other.sentences)


def test_new_sentence_inside_shared_paragraph(result):
    c, uniq = result
    edited = uniq[4]
    assert [s.text for s in edited.sentences] == [NEW_SENTENCE]
    assert edited.blocks == ()


def test_shared_text_is_not_unique(result):
    c, uniq = result
    # the wire's every paragraph stands in the copy; the copy's added sentence is in the rewrite
    assert uniq[0].empty
    assert not any("historians" in s.text for s in uniq[1].sentences)
    assert not any("historians" in b.text for b in uniq[1].blocks)


def test_boilerplate_and_headings_never_listed(result):
    c, uniq = result
    for u in uniq:
        for b in u.blocks:
            assert b.kind in ("paragraph", "caption")
    listed = " ".join(b.text for u in uniq for b in u.blocks) + " ".join(s.text for u in uniq for s in u.sentences)
    assert "Leave a Reply" not in listed and "subscribe" not in listed
    assert "A difficult vote" not in listed


def test_unrelated_story_is_all_unique():
    c = compare([WIRE, UNRELATED])
    uniq = unique_content(c)
    assert uniq[1].share > 0.9
    assert len(uniq[1].blocks) == 3


def test_sentence_matching_in_small_chunks_gives_the_same_answers(monkeypatch):
    """`SentenceIndex.match` builds its sentence-pair matrices a few rows at a time (two 1 MB
    versions hold 65M pairs): any chunk size must give the states, counterparts and scores
    of one whole matrix."""
    from engine.align import sentence_match
    from engine.align.sentence_match import DROPPED, SentenceIndex

    c = compare([WIRE, COPY, REWRITE, OTHER, EDITED_WIRE])
    whole = SentenceIndex(c)
    n = len(c.versions)
    expected = {(a, b): whole.match(a, b) for a in range(n) for b in range(n) if a != b}
    assert {s for got in expected.values() for s, _j, _score in got} > {DROPPED}  # more than drops to compare
    for cells in (1, 7, 40):
        monkeypatch.setattr(sentence_match, "_CHUNK_CELLS", cells)
        chunked = SentenceIndex(c)
        assert {(a, b): chunked.match(a, b) for a, b in expected} == expected
