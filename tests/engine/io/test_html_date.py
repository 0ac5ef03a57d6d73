"""Publication dates in saved web pages: read within bounds, used by lineage."""

import time

from engine.io.read_html import date_from_markup


def test_meta_published_time_is_read():
    page = b'<html><head><meta property="article:published_time" content="2024-06-19T08:30:00Z"></head>'
    assert date_from_markup(page).isoformat() == "2024-06-19"


def test_content_before_property_and_json_ld_and_time_element():
    assert str(date_from_markup(b'<meta content="2023-01-02" name="date">')) == "2023-01-02"
    assert str(date_from_markup(b'<script>{"datePublished": "2022-12-31T23:00"}</script>')) == "2022-12-31"
    assert str(date_from_markup(b'<p><time datetime="2021-05-04">May 4</time></p>')) == "2021-05-04"
    assert date_from_markup(b'<meta name="date" content="2021-02-30">') is None  # no such day


def test_many_unclosed_meta_tags_do_not_rescan_the_page():
    hostile = b"<meta name=x " * 15_000  # no '>' anywhere: an unbounded [^>]+ rescans the rest each time
    t = time.perf_counter()
    assert date_from_markup(hostile) is None
    assert time.perf_counter() - t < 5  # quadratic scanning took minutes; bounded, well under a second
