"""HTML, Markdown, JSON and PDF reports: complete, self-contained, and safe with hostile text."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from engine import compare
from engine.cli import main
from engine.reports import WRITERS, render
from engine.reports.html_report import to_html
from engine.reports.markdown_report import md_escape, to_markdown
from tests.engine.articles import text

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"

HOSTILE = [
    "Browser flaw lets attackers run code, researchers say",
    "The attack hides <script>alert('x')</script> in a comment field, researchers said on Tuesday, "
    "and a second variant uses <img src=x onerror=alert(1)> to run when the page loads.",
    "A third trick wraps the page in <iframe src=\"https://evil.example/\"></iframe> and "
    "<a href=\"javascript:alert(3)\">a link</a>, with &amp; entities and **stars** and [links](http://x).",
    "Browser makers said a fix would ship within a month.",
]
HOSTILE_EDIT = [
    HOSTILE[0],
    HOSTILE[1].replace("researchers said on Tuesday", "security researchers said on Wednesday")
    + " <svg onload=alert(4)>",
    HOSTILE[2].replace("A third trick", "Another trick"),
    "Browser makers said a fix would ship within weeks. <object data=x></object>",
    "<style>body{display:none}</style> A new closing paragraph <b>bold</b> appears.",
]
LIVE = re.compile(r"<\s*(script|img|iframe|svg|object|embed|link|a|b|style|meta\s+http-equiv=\"?refresh)\b",
                  re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile():
    return compare([text(HOSTILE), text(HOSTILE_EDIT)], names=["wire <b>copy</b>.txt", "edit \"2\".txt"])


@pytest.fixture(scope="module")
def samples():
    return compare(sorted(SAMPLES.glob("*.txt")))


class _Tags(HTMLParser):
    """Every start tag and attribute of a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    return p


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "b", "table", "thead",
                "tbody", "tr", "th", "td", "div", "span", "ul", "li", "ins", "del", "footer",
                "wbr"}  # wbr: where a version name in a table head may wrap


def test_html_report_has_no_live_markup_from_article_text(hostile):
    html = to_html(hostile)
    parsed = _parse(html)
    assert {t for t, _ in parsed.tags} <= ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        assert not any(a in ("src", "href", "action", "data") for a in attrs), (tag, attrs)
    shown = "".join(parsed.text)
    # The hostile text is there, literally, as the reader should see it.
    for literal in ("<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
                    "<iframe src=\"https://evil.example/\"></iframe>", "<svg onload=alert(4)>",
                    "<object data=x></object>", "wire <b>copy</b>.txt", "&amp; entities"):
        assert literal in shown, literal


def test_html_report_is_self_contained(samples):
    html = to_html(samples)
    assert "<script" not in html.lower()
    assert not re.search(r"(src|href)\s*=", html, re.IGNORECASE)
    assert "@import" not in html and "url(" not in html
    assert "http://" not in html and "https://" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "@media print" in html


def test_html_report_content(samples):
    html = to_html(samples)
    parsed = _parse(html)
    shown = "".join(parsed.text)
    for v in samples.versions:
        assert v.name in shown
    # Summary, legend, columns (one row per table row) and redline are all there.
    assert 'class="summary"' in html and 'class="legend"' in html and 'class="cols"' in html
    assert html.count('<td class="rowno">') == len(samples.rows)
    for colour in ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7"):  # Okabe-Ito
        assert colour in html
    # A second cue besides colour: symbols and words in badges.
    for cue in ("~ edited", "\u2248 paraphrased", "+ added", "\u2212 dropped"):
        assert cue in shown
    changed = [l for p in samples.pairs if samples.base in (p.a, p.b) for l in p.links
               if l.relation != "identical"]
    assert changed and html.count('class="redline') >= len(changed)
    assert "<ins>" in html and "<del>" in html


def test_html_highlights_follow_engine_cells(hostile):
    from engine.analysis.cells import grid

    html = to_html(hostile)
    states = [cell.state for row in grid(hostile) for cell in row]
    for state in set(states) - {"absent"}:
        assert f"s-{state}" in html
    assert html.count("s-added") >= states.count("added")


def test_markdown_report_renders_without_live_markup(hostile):
    import markdown

    md = to_markdown(hostile)
    rendered = markdown.markdown(md, extensions=["tables"])
    assert not LIVE.search(rendered), LIVE.search(rendered)
    parsed = _parse(rendered)
    shown = "".join(parsed.text)
    for literal in ("<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "**stars**",
                    "[links](http://x)", "&amp; entities", "wire <b>copy</b>.txt"):
        assert literal in shown, literal
    assert "<table>" in rendered  # the summary is a real table


def test_markdown_report_reads_as_plain_text(samples):
    md = to_markdown(samples)
    assert md.startswith("# Storydiff report")
    assert "## Summary" in md and "## Legend" in md
    assert re.search(r"\[-[^\]]+-\]", md) and re.search(r"\{\+[^}]+\+\}", md)  # wdiff-style redline
    for v in samples.versions:
        assert md_escape(v.name) in md


@pytest.mark.parametrize("raw", ["# not a heading", "1. not a list", "- nor this", "> nor a quote",
                                 "a | b", "<b>x</b>", "`code`", "_under_ and *star*", "&copy; x"])
def test_md_escape_round_trips_through_markdown(raw):
    import markdown

    rendered = markdown.markdown(md_escape(raw))
    parsed = _parse(rendered)
    assert {t for t, _ in parsed.tags} <= {"p"}
    assert "".join(parsed.text).strip() == raw


def test_engine_does_not_import_qt():
    code = ("import sys, engine, engine.reports, engine.cli, engine.io.formats, engine.io.session; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_registered_writer_renders_its_format(fmt):
    """Each name `render` accepts (the CLI's --format and the window's Export list) gives
    a document of that format, about the comparison it was handed."""
    c = compare([str(p) for p in sorted(SAMPLES.glob("*.txt"))])
    out = render(c, fmt)
    base = c.versions[c.base].name
    if fmt == "pdf":
        import pypdf

        assert isinstance(out, bytes) and out.startswith(b"%PDF")
        page = unicodedata.normalize("NFKC", pypdf.PdfReader(io.BytesIO(out)).pages[0].extract_text())
        assert base in " ".join(page.split())
        return
    assert isinstance(out, str)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["schema"] == "storydiff/1" and doc["versions"][c.base]["name"] == base
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and f"<title>Storydiff report: {base}</title>" in out
    elif fmt in ("md", "markdown"):
        assert out.startswith("# Storydiff report") and out == to_markdown(c)
    else:
        assert fmt == "text", f"a writer no test knows: {fmt}"
        assert base in out and not out.lstrip().startswith(("<", "{", "#"))


def test_an_unknown_report_format_is_refused_with_the_choices():
    from engine.errors import StorydiffError

    c = compare(["One paragraph.\n", "One paragraph, edited.\n"])
    with pytest.raises(StorydiffError, match="unknown report format 'docx'.*html.*json.*md.*pdf.*text"):
        render(c, "docx")


@pytest.mark.parametrize("fmt", ["html", "md", "json", "pdf"])
def test_cli_writes_each_format(tmp_path, fmt, capsys):
    out = tmp_path / f"report.{fmt}"
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    assert main(["compare", *files, "--format", fmt, "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    data = out.read_bytes()
    if fmt == "json":
        assert json.loads(data)["schema"] == "storydiff/1"
    elif fmt == "html":
        assert data.startswith(b"<!DOCTYPE html>") and b"Storydiff report" in data
    elif fmt == "md":
        assert data.startswith(b"# Storydiff report")
    else:
        import pypdf

        assert data.startswith(b"%PDF")
        reader = pypdf.PdfReader(io.BytesIO(data))
        first = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
        assert "Storydiff report" in first and "Summary" in first
        assert len(reader.pages) >= 2
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_cli_pdf_of_hostile_text(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text(HOSTILE), encoding="utf-8")
    b.write_text(text(HOSTILE_EDIT), encoding="utf-8")
    out = tmp_path / "r.pdf"
    assert main(["compare", str(a), str(b), "--format", "pdf", "-o", str(out)]) == 0
    import pypdf

    words = " ".join(unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)).split())
    assert "<img src=x onerror=alert(1)>" in words  # shown as text, not swallowed as a tag


def test_render_unknown_format(samples):
    from engine.errors import StorydiffError

    with pytest.raises(StorydiffError, match="unknown report format"):
        render(samples, "docx")


def test_reports_of_web_page_versions():
    fixtures = ROOT / "tests" / "fixtures"
    c = compare([fixtures / "ferry-plain.txt", fixtures / "ferry-page.html", fixtures / "ferry.docx"])
    html = to_html(c)
    assert "Leave a Reply" not in html and "Most read" not in html
    assert "~ edited" not in "".join(_parse(html).text).split("Aligned versions")[1]
