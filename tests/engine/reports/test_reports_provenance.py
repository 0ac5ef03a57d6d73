"""Reports carry the reuse matrix, the lineage list and what is new in each version,
with article text and version names escaped."""

from __future__ import annotations

import re

import pytest

from engine import compare
from engine.reports import render
from engine.reports.html_qt import to_qt_html
from tests.gui.provenance_fixtures import NAMES, VERSIONS

HOSTILE_NAME = '<img src=x onerror="alert(1)">.txt'


@pytest.fixture(scope="module")
def family():
    return compare(VERSIONS, names=NAMES[:3] + [HOSTILE_NAME])


def test_html_report_has_matrix_lineage_and_new_content(family):
    h = render(family, "html")
    assert "<h2>Reuse matrix</h2>" in h and "<h2>Lineage</h2>" in h
    assert "<h2>What is new in each version</h2>" in h
    assert "copy.txt derives from wire.txt \u2014 97% verbatim" in h
    assert "rewrite.txt derives from wire.txt \u2014 52% verbatim" in h
    assert "wire.txt: the original \u2014 source of copy.txt, rewrite.txt" in h
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.txt: independent" in h
    # The matrix: the copy's row holds 97% in the wire's column, framed as its source.
    row = re.search(r"<tr><th class=\"row\">copy\.<wbr>txt\u2019s words</th>(.*?)</tr>", h).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[0] == "97% *" and cells[1] == "\u2014"
    assert 'class="src"' in row
    new = h.split("<h2>What is new in each version</h2>")[1].split("<h2>")[0]
    assert "Engineers blamed a collision with a submerged container" in new
    assert "rewrite.txt: 1 sentence" in new
    # Hostile text in a unique paragraph is shown, not run.
    assert "said &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; his catch" in new
    assert "<script" not in h and "<img" not in h


def test_markdown_report_has_the_sections_and_renders_safely(family):
    import markdown

    md = render(family, "md")
    assert "## Reuse matrix" in md and "## Lineage" in md and "## What is new in each version" in md
    assert "- rewrite.txt derives from wire.txt \u2014 52% verbatim" in md
    assert "| copy.txt | 97% \\* | \u2014 |" in md
    assert "### rewrite.txt: 1 sentence" in md
    html = markdown.markdown(md, extensions=["tables"])
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert" in html
    assert "Engineers blamed a collision with a submerged container" in html
    # The matrix renders as a table with one row per version.
    matrix = html.split("Reuse matrix</h2>")[1].split("</table>")[0]
    assert matrix.count("<tr>") == 1 + len(family.versions)


def test_pdf_html_has_the_sections_escaped(family):
    q = to_qt_html(family)
    assert "<h3>Reuse matrix</h3>" in q and "<h3>Lineage</h3>" in q and "<h3>What is new in each version</h3>" in q
    assert "<li>rewrite.txt derives from wire.txt \u2014 52% verbatim</li>" in q
    assert "<script" not in q and "<img" not in q
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in q
