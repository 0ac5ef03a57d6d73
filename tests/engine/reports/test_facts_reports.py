"""Every report opens with "Facts that changed": whole, escaped, in the vocabulary's words;
storydiff/1 carries the ledger as pairs[].facts, the same read from either side."""

from __future__ import annotations

import json

from engine import compare
from engine.cli import main
from engine.reports import render
from engine.reports.html_qt import to_qt_html
from engine.vocabulary import FACTS_TITLE

OLD = """The council will build 2,300 new homes, chief engineer Ruth Ashdown said.

"We will not reopen the Harbour Road bridge before the end of this year, whatever the traders say," said Ms Ashdown.
"""
NEW = """The council will build 23,000 new homes, spokeswoman Ruth Ashdown said.

"We will reopen the Harbour Road bridge before the end of this year, whatever the traders say <img src=x onerror=alert(1)>," said Mr Tom Lund.
"""


def _comparison():
    return compare([OLD, NEW], names=["draft", "edit"])


def test_the_ledger_is_in_storydiff_1_and_symmetric():
    c = _comparison()
    doc = json.loads(render(c, "json"))
    facts = doc["pairs"][0]["facts"]
    assert [(f["kind"], f["change"]) for f in facts] == [("number", "changed"), ("title", "changed"),
                                                         ("quote", "altered")]
    quote = facts[2]
    assert quote["speaker_old"] == "Ruth Ashdown" and quote["speaker_new"] == "Tom Lund"
    assert set(facts[0]) >= {"kind", "change", "old", "new", "a_block", "b_block", "a_span", "b_span",
                             "description"}
    assert facts[0]["description"] == "figure changed: 2,300 \u2192 23,000 (\u00d710)"
    text = c.versions[1].blocks[facts[0]["b_block"]].display
    assert text[slice(*facts[0]["b_span"])] == "23,000"
    # read from the other side: old and new swap, blocks and spans too
    back = list(c.pair(1, 0).facts)
    assert [(f.old, f.new, f.a_block, f.b_block) for f in back] == \
        [(f["new"], f["old"], f["b_block"], f["a_block"]) for f in facts]


def test_the_html_and_markdown_reports_open_with_the_facts_escaped():
    c = _comparison()
    html = render(c, "html")
    assert isinstance(html, str)
    assert html.index(FACTS_TITLE) < html.index("<h2>Summary</h2>")
    assert "FIGURE CHANGED" in html and "QUOTE ALTERED" in html and "JOB TITLE CHANGED" in html
    assert "<img" not in html and "&lt;img src=x" in html
    qt = to_qt_html(c)
    assert qt.index(FACTS_TITLE) < qt.index("<h3>Summary</h3>") and "<img" not in qt
    md = render(c, "md")
    assert isinstance(md, str)
    assert md.index(FACTS_TITLE) < md.index("## Summary")
    assert "<img" not in md and "&lt;img" in md


def test_the_cli_text_report_prints_each_fact_whole(tmp_path, capsys):
    a, b = tmp_path / "draft.txt", tmp_path / "edit.txt"
    a.write_text(OLD, encoding="utf-8")
    b.write_text(NEW, encoding="utf-8")
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert out.index(FACTS_TITLE) > out.index("[1] edit.txt against the base")  # after the changes
    flat = " ".join(out.split())
    # the new speaker's name and the whole new quote are there, not cut at a column
    assert "Tom Lund" in flat
    assert "whatever the traders say <img src=x onerror=alert(1)>" in flat
    assert "figure changed: 2,300 \u2192 23,000 (\u00d710)" in flat


def test_a_version_without_changed_facts_says_so():
    c = compare([OLD, OLD.replace("2,300", "two thousand three hundred")])
    assert list(c.pair(0, 1).facts) == []
    assert "no fact changed" in render(c, "text")


def test_a_rewording_that_states_another_figure_is_an_edit_of_that_fact():
    """MRPC-style sentence pairs: other facts are not the same content; more facts are."""
    a = "Shares in the company rose 5 per cent to 120p on Monday after its results beat forecasts."
    other = "After results that beat forecasts, the company's shares climbed 3 per cent to 120p on Monday."
    more = ("After results that beat forecasts, the company's shares climbed steeply on Monday, ending the "
            "day 5 per cent higher at 120p and lifting the index by 40 points.")
    c = compare([a, other])
    (link,) = c.pair(0, 1).links
    assert link.relation == "edited"
    assert [f.description for f in c.pair(0, 1).facts] == ["figure changed: 5 per cent \u2192 3 per cent (-2 points)"]
    c = compare([a, more])
    (link,) = c.pair(0, 1).links
    assert link.relation == "paraphrased"
    assert [(f.change, f.new) for f in c.pair(0, 1).facts] == [("added", "40")]
