"""The whole article of a web page (engine.io.article) on invented pages in the shapes of real sites."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine import compare
from engine.io import page_chrome
from engine.io.read_html import html_blocks

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "web"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def _flat(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


@pytest.mark.parametrize("name", PAGES)
def test_every_block_of_the_article_is_read_in_order(name):
    spec = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    got = html_blocks((FIXTURES / f"{name}.html").read_text(encoding="utf-8"), name)
    texts = [t for _, t in got]
    positions = []
    for level, text in spec["blocks"]:
        assert (level, text) in got, f"{name}: missing {level} {text!r}"
        positions.append(got.index((level, text)))
    assert positions == sorted(positions), f"{name}: blocks out of document order"
    assert got[0][0] == 1 and sum(1 for lv, _ in got if lv == 1) == 1  # one headline, first
    flat = _flat(" ".join(texts))
    for phrase in spec["never"]:
        assert _flat(phrase) not in flat, f"{name}: page chrome {phrase!r} in the article"


def test_captions_are_captions_and_chrome_is_not_compared():
    c = compare([FIXTURES / "record.html", FIXTURES / "broadcaster.html"])
    kinds = {b.display: b.kind for b in c.versions[0].blocks}
    assert kinds["A cargo ship waits outside the harbour at low tide. Photo: Ian Vell for The Harbour Times"] == "caption"
    assert kinds["Harbour dredging plan wins approval after two-year review"] == "title"
    assert all("\u200b" not in b.text for v in c.versions for b in v.blocks)  # the mark stays outside blocks


def _page(body: str, head: str = "") -> list[tuple[int, str]]:
    return html_blocks(f"<html><head>{head}</head><body>{body}</body></html>")


LONG = "The council voted on Tuesday to keep the library open, after a petition signed by 4,000 residents, " \
       "and to review its hours in the spring."


def test_an_update_history_larger_than_the_article_is_left_out():
    history = "".join(f"<li><time>{d} March 2021</time><p>Maintenance on Saturday {d} March, services back by 8pm, "
                      f"as announced.</p></li>" for d in range(1, 29))
    got = _page(f"<main><h1>Library stays open</h1><div class='body'><p>{LONG}</p></div>"
                f"<div class='change-history'><ol>{history}</ol></div></main>")
    assert got == [(1, "Library stays open"), (0, LONG)]


def test_a_theme_class_on_the_page_wrapper_does_not_hide_the_article():
    got = html_blocks(f"<html><body class='single has-sidebar'><div class='wrap footer-widgets'><h1>Library stays "
                      f"open</h1><div class='entry'><p>{LONG}</p><p>{LONG[::-1]}</p></div></div></body></html>")
    assert (0, LONG) in got and got[0] == (1, "Library stays open")


def test_hidden_text_date_lines_and_cookie_notices_are_left_out():
    got = _page(f"<article><h1>Library stays open</h1><p>Updated 5 minutes ago</p><p>Published 3 March 2021</p>"
                f"<div><p>{LONG}</p><p hidden>Draft note to the editor</p>"
                f"<p style='display: none'>Also hidden</p><p aria-hidden='true'>Decorative</p>"
                f"<p>We use cookies to improve this site. Accept all cookies.</p>"
                f"<p>She said the library was <span class='sr-only'>(opens in a new tab) </span>busy.</p></div>"
                f"</article>")
    texts = [t for _, t in got]
    assert texts == ["Library stays open", LONG, "She said the library was busy."]


def test_table_rows_are_one_block_each_and_layout_tables_are_walked():
    got = _page(f"<article><h1>Results</h1><p>{LONG}</p><table><tr><th>Ward</th><th>Votes</th></tr>"
                "<tr><td>North</td><td>1,204</td></tr></table></article>")
    assert (0, "Ward | Votes") in got and (0, "North | 1,204") in got
    layout = _page(f"<table><tr><td><h1>Results</h1><p>{LONG}</p></td><td><p>Menu</p></td></tr></table>")
    assert (0, LONG) in layout and layout[0] == (1, "Results")


def test_a_page_without_h1_takes_its_title_from_the_metadata():
    got = _page(f"<div class='story'><p>{LONG}</p><p>{LONG.upper()}</p></div>",
                head="<meta property='og:title' content='Library stays open'>")
    assert got[0] == (1, "Library stays open") and (0, LONG) in got


def test_site_rules_are_data(tmp_path, monkeypatch):
    rules = tmp_path / "site_rules.json"
    rules.write_text(json.dumps({"sites": [{"hosts": ["news.example"], "drop_classes": ["puff"]}]}))
    monkeypatch.setattr(page_chrome, "RULES_FILE", rules)
    page_chrome._site_rules.cache_clear()
    try:
        page = f"<html><body><article><h1>Library</h1><p>{LONG}</p><p class='puff'>Our podcast is out now</p>" \
               f"</article></body></html>"
        assert (0, "Our podcast is out now") in html_blocks(page)
        assert (0, "Our podcast is out now") not in html_blocks(page, host="www.news.example")
    finally:
        monkeypatch.undo()
        page_chrome._site_rules.cache_clear()


def test_class_words_are_whole_words():
    # An opinion column's body and a business desk's box are not comments or share bars.
    got = _page(f"<article><h1>Why the library matters</h1><div class='commentary-body'><p>{LONG}</p>"
                f"<div class='shareholder-update'><p>Shareholders backed the plan at the annual meeting.</p></div>"
                f"<div class='comments'><p>First! Great article.</p></div></div></article>")
    texts = [t for _, t in got]
    assert LONG in texts and "Shareholders backed the plan at the annual meeting." in texts
    assert "First! Great article." not in texts


def test_a_logo_in_an_h1_is_not_the_headline():
    got = _page(f"<div class='masthead'><h1><a href='/'>Valley Echo</a></h1></div><main><h2>Library stays open after "
                f"vote</h2><div class='story'><p>{LONG}</p><p>{LONG[::-1]}</p></div></main>",
                head="<title>Library stays open after vote | Valley Echo</title>")
    assert got[0] == (1, "Library stays open after vote") and (0, LONG) in got
    assert "Valley Echo" not in [t for _, t in got]
