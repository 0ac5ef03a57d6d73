"""The archive's parts: story text, dates, the date window, families and lineage."""

import datetime as dt

import pytest

from engine.archive import dates
from engine.archive.families import build, components, lineage
from engine.archive.linking import DocLink, LinkParams
from engine.archive.shingles import shingle_file, story_text, words
from engine.archive.store import Archive
from engine.errors import StorydiffError

from ..engine.articles import UNRELATED, WIRE

SLUG = "  " + "-" * 72 + "\n\n     13:33 13/08/99: Page 1 (HHH) SHOWBIZ Spice\n  " + "-" * 72 + "\n"


def test_wire_header_byline_signoff_and_chrome_are_left_out():
    text = (SLUG + "\x19By Anna Field, PA News<\n\x19The band will tour in May, its manager said.<\n"
            "\x19Advertisement\n\x19Share this article\n\x19By the end of the year they will have played forty towns.<\n"
            "\x19mfl\n")
    kept = story_text(text)
    assert kept.splitlines() == ["The band will tour in May, its manager said.",
                                 "By the end of the year they will have played forty towns."]
    assert words("``Quoted,'' she said.") == words("\u201cQuoted,\u201d she said.") == ["quoted", "she", "said"]


def test_a_wire_file_dense_with_0x19_marks_is_shingled_with_its_slug_date(tmp_path):
    # cp1252 wire copy: 0x19 opens every paragraph, empty paragraphs too (as PA files do).
    body = SLUG + "".join(f"\x19   {p}<\n\x19   <\n" for p in WIRE) + "\x19end\n"
    p = tmp_path / "wire.txt"
    p.write_bytes(body.encode("cp1252"))
    d = shingle_file(str(p))
    assert d.error is None
    assert d.words == len(words(_text(WIRE)))  # the story's words, none of the layout's
    assert d.date == dt.date(1999, 8, 13) and d.date_source == dates.TEXT


@pytest.mark.parametrize("raw, expected", [
    (b'<meta property="article:published_time" content="2021-06-02T10:00:00+01:00">', dt.date(2021, 6, 2)),
    (b'<meta content="2020-02-29" name="date">', dt.date(2020, 2, 29)),
    (b'<script type="application/ld+json">{"datePublished": "2019-12-31T23:00Z"}</script>', dt.date(2019, 12, 31)),
    (b'<meta name="date" content="2021-02-30">', None),  # not a real day
    (b"no markup 2021-06-02", None),
])
def test_dates_from_markup(raw, expected):
    assert dates.date_from_markup(raw) == expected


def test_agency_xml_is_shingled_from_its_story_with_its_publication_date(tmp_path):
    nitf = ("<?xml version='1.0' encoding='UTF-8'?><nitf><head><docdata>"
            "<date.issue norm='20000126T154900'/></docdata></head><body><body.head><hedline><hl1>"
            + WIRE[0] + "</hl1></hedline></body.head><body.content>"
            + "".join(f"<p>{p}</p>" for p in WIRE[1:]) + "</body.content></body></nitf>")
    p = tmp_path / "story.xml"
    p.write_text(nitf, encoding="utf-8")
    d = shingle_file(str(p))
    assert d.error is None and d.date == dt.date(2000, 1, 26) and d.date_source == dates.TEXT
    assert d.words == len(words(_text(WIRE)))  # the story's words: no tag or attribute 3-grams


def test_manifest(tmp_path):
    m = tmp_path / "m.csv"
    m.write_text("path,date\nsub/a.txt,2001-09-10\n", encoding="utf-8")
    assert dates.read_manifest(m).get(str(tmp_path / "sub" / "a.txt")) == dt.date(2001, 9, 10)
    m.write_text("a.txt,2001-09-10\nb.txt,yesterday\n", encoding="utf-8")
    with pytest.raises(StorydiffError, match=r"m.csv:2: 'yesterday' is not a YYYY-MM-DD date"):
        dates.read_manifest(m)


def _archive(tmp_path, texts_and_dates):
    """Index texts (name -> (text, date or None)); dates go in through a manifest."""
    manifest = {}
    for name, (text, when) in texts_and_dates.items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        if when:
            manifest[str(p)] = when
    a = Archive.open(tmp_path / "a.duckdb")
    a.index([str(tmp_path / n) for n in texts_and_dates], manifest=manifest)
    return a


def _text(paragraphs):
    return "\n\n".join(paragraphs) + "\n"


def test_known_dates_outside_the_window_are_not_linked(tmp_path):
    copy = _text(WIRE[1:5])
    a = _archive(tmp_path, {"wire.txt": (_text(WIRE), dt.date(2020, 5, 1)),
                            "next-day.txt": (copy, dt.date(2020, 5, 2)),
                            "month-later.txt": (copy, dt.date(2020, 6, 1)),
                            "undated.txt": (copy, None),
                            "other.txt": (_text(UNRELATED), dt.date(2020, 5, 1))})
    with a:
        docs = a.documents()
        linked = {(docs[l.a][0].rsplit("/", 1)[1], docs[l.b][0].rsplit("/", 1)[1]) for l in a.links(LinkParams())}
    assert ("wire.txt", "next-day.txt") in linked and ("wire.txt", "undated.txt") in linked
    assert ("wire.txt", "month-later.txt") not in linked  # 31 days apart, both known
    assert ("next-day.txt", "month-later.txt") not in linked
    assert not any("other.txt" in pair for pair in linked)


def _docs(spec):
    """id -> (path, date, source, n) from id -> (date or None, n)."""
    return {i: (f"d{i}", when or dt.date(2030, 1, 1), dates.MANIFEST if when else dates.MTIME, n)
            for i, (when, n) in spec.items()}


def test_an_undated_copy_does_not_chain_stories_from_different_days():
    day1, day9 = dt.date(2020, 1, 1), dt.date(2020, 1, 9)
    docs = _docs({0: (day1, 300), 1: (day9, 300), 2: (None, 100), 3: (None, 100)})
    # 2 quotes both wires (more of wire 0); 3 is a copy of wire 1 that quotes wire 0 too.
    links = [DocLink(0, 2, 40, 0.13, 0.4), DocLink(1, 2, 20, 0.07, 0.2), DocLink(1, 3, 50, 0.17, 0.5),
             DocLink(0, 3, 10, 0.03, 0.1)]
    assert components(docs, links) == [[0, 1, 2, 3]]  # without the window the links across chain them
    assert components(docs, links, window_days=1) == [[0, 2], [1, 3]]
    fams = build(docs, links, window_days=1)
    assert [l["b"] for l in fams[0]["links"]] == ["d2"]  # the link left out is not listed


def test_lineage_from_dates_when_known_else_the_fuller_document():
    day1, day2 = dt.date(2020, 1, 1), dt.date(2020, 1, 2)
    # Dated: the shorter document is older, so it is the source despite containment.
    docs = _docs({0: (day2, 400), 1: (day1, 100)})
    assert lineage([0, 1], [DocLink(0, 1, 50, 0.12, 0.5)], docs) == {1: None, 0: 1}
    # Undated: the fuller document is the source.
    docs = _docs({0: (None, 400), 1: (None, 100), 2: (None, 90)})
    links = [DocLink(0, 1, 50, 0.12, 0.5), DocLink(0, 2, 30, 0.07, 0.33), DocLink(1, 2, 60, 0.6, 0.66)]
    assert lineage([0, 1, 2], links, docs) == {0: None, 1: 0, 2: 1}


def test_find_leaves_out_the_file_itself(tmp_path):
    a = _archive(tmp_path, {"wire.txt": (_text(WIRE), None), "copy.txt": (_text(WIRE[2:6]), None),
                            "other.txt": (_text(UNRELATED), None)})
    with a:
        hits = a.find(str(tmp_path / "wire.txt"))
    assert [h["path"].rsplit("/", 1)[1] for h in hits] == ["copy.txt"]
    assert hits[0]["reused"] > 0.9 and 0.3 < hits[0]["contained"] < 0.8


def test_a_dated_source_beats_an_undated_one_and_a_stated_date_beats_a_manifest_on_the_same_day():
    day = dt.date(2020, 1, 1)
    # 0: wire (date stated in its text); 1, 2: rewrites, undated. 2 holds more of 1 than the wire does.
    docs = {0: ("wire", day, dates.TEXT, 300), 1: ("paper1", None, dates.MTIME, 100),
            2: ("paper2", None, dates.MTIME, 200)}
    links = [DocLink(0, 1, 20, 0.07, 0.2), DocLink(0, 2, 40, 0.13, 0.2), DocLink(1, 2, 60, 0.6, 0.3)]
    assert lineage([0, 1, 2], links, docs) == {0: None, 1: 0, 2: 0}
    # Same day: the manifest-dated paper, though fuller, does not become the wire's source.
    docs = {0: ("wire", day, dates.TEXT, 300), 1: ("paper", day, dates.MANIFEST, 500)}
    assert lineage([0, 1], [DocLink(0, 1, 60, 0.2, 0.12)], docs) == {0: None, 1: 0}
