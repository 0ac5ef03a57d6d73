"""Reading saved web pages, Markdown, Word and PDF files into comparable text."""

from __future__ import annotations

import io
import socket
import zipfile
from pathlib import Path

import pytest

from engine import compare
from engine.errors import InputError
from engine.io.formats import extract
from engine.io.loading import read_path
from engine.io.read_markdown import markdown_to_text
from engine.io.read_pdf import Line, pdf_blocks

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Page chrome of the two saved pages: never article text.
CHROME = {
    "ferry": ["Most read", "Leave a Reply", "Post Comment", "Privacy policy", "Related stories",
              "Harbour bridge closed", "Previous post", "cookie", "Back To Top", "Newsletter",
              "Share on Facebook", "Advertisement", "Skip to content", "Tags:", "Weather"],
    "orchestra": ["Front page", "More from Arts", "Harbour film festival", "About time they hired",
                  "I heard her in Porto", "Post a comment", "Most popular", "All rights reserved",
                  "Share this article", "INJECTED PROMO TEXT", "enable JavaScript", "Light rain"],
}


def _read(path: Path) -> tuple[str, str, str]:
    return extract(path, path.read_bytes())


@pytest.mark.parametrize("story", ["ferry", "orchestra"])
def test_saved_web_page_matches_its_plain_copy(story):
    page, plain = FIXTURES / f"{story}-page.html", FIXTURES / f"{story}-plain.txt"
    c = compare([plain, page])
    pair = c.pair(0, 1)
    web = c.versions[1]
    # Every block of the plain copy is linked, word for word, to the page.
    for block in c.versions[0].blocks:
        link = pair.link_of_a(block.index)
        assert link is not None and link.relation == "identical", block.display
        assert not link.moved
    # Whatever else the page yields is not page chrome passed off as article text.
    for block in web.blocks:
        for chrome in CHROME[story]:
            assert chrome.lower() not in block.display.lower() or block.kind == "boilerplate", (chrome, block)
    assert web.blocks[0].kind == "title"
    # Offsets point into the extracted text the result carries.
    assert all(web.text[b.start:b.end] == b.text for b in web.blocks)


def test_web_page_structure_headline_subheadings_caption():
    text, encoding, fmt = _read(FIXTURES / "ferry-page.html")
    assert fmt == "html" and encoding == "utf-8"
    c = compare([FIXTURES / "ferry-page.html", FIXTURES / "ferry-plain.txt"])
    kinds = {b.display: b.kind for b in c.versions[0].blocks}
    assert kinds["Lakeside ferry service to resume after engine fire, operator says"] == "title"
    assert kinds["A cracked fuel line"] == "heading"
    assert kinds["New safety systems"] == "heading"
    caption = [d for d in kinds if d.startswith("The ferry Marnlight")]
    assert caption and kinds[caption[0]] == "caption"
    # The headline appears once, though the page prints it in <title>, og:title and <h1>.
    assert text.count("Lakeside ferry service") == 1


def test_declared_legacy_charset_is_honoured():
    text, encoding, _ = _read(FIXTURES / "orchestra-page.html")
    assert encoding == "cp1252"
    assert "matin\u00e9es" in text


def test_scripts_are_never_text_and_escaped_markup_is(tmp_path):
    page = tmp_path / "x.html"
    page.write_text(
        "<html><head><title>T</title><script>var evil = 'SCRIPT BODY';</script></head><body><article>"
        "<h1>Security researchers warn about a browser flaw</h1>"
        "<p>The attack hides <code>&lt;script&gt;alert(1)&lt;/script&gt;</code> in a comment field, and "
        "sometimes <code>&lt;img src=x onerror=alert(2)&gt;</code> or an "
        "<code>&lt;iframe src=//evil.example&gt;</code>, researchers said on Tuesday.</p>"
        "<script>document.write('LIVE SCRIPT OUTPUT')</script><iframe src='https://x.example'>IFRAME FALLBACK</iframe>"
        "<p>Browser makers said a fix would ship within a month, and urged users to update.</p>"
        "<style>p { color: red } STYLE TEXT</style></article></body></html>", encoding="utf-8")
    text, _, _ = _read(page)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert "<iframe src=//evil.example>" in text
    for hidden in ("SCRIPT BODY", "LIVE SCRIPT OUTPUT", "IFRAME FALLBACK", "STYLE TEXT"):
        assert hidden not in text


def test_reading_a_page_touches_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for name in ("ferry-page.html", "orchestra-page.html"):
        text, _, _ = _read(FIXTURES / name)
        assert text


def test_pages_without_text_are_clear_errors(tmp_path):
    for data in (b"", b"<html><body><nav><a href='/'>  </a></nav></body></html>", b"\x00\x01\x02binary\x00" * 20):
        p = tmp_path / "empty.htm"
        p.write_bytes(data)
        with pytest.raises(InputError) as e:
            read_path(p)
        assert "empty.htm" in str(e.value) and "\n" not in str(e.value)


def test_suffixes_are_case_insensitive_and_reach_loading(tmp_path):
    p = tmp_path / "Copy.HTM"
    p.write_bytes((FIXTURES / "ferry-page.html").read_bytes())
    s = read_path(p)
    assert s.fmt == "html" and s.text.startswith("# Lakeside ferry")


# --- Markdown --------------------

def test_markdown_renders_inline_markup_and_keeps_headings():
    md = ("Ferry to resume\n===============\n\nThe *passenger* ferry [between](https://x.example/a_(b)) "
          "**Ostby** and `Marn` will resume_sailings.\n\n## A cracked fuel line\n\n"
          "> \u201cWe owe our passengers an apology,\u201d Brook said.\n\n[ref]: https://x.example\n\n"
          "Costs: 2 * 3 * 4 \\*million\\* ![a photo](p.jpg)\n")
    out = markdown_to_text(md)
    assert out.splitlines()[0] == "# Ferry to resume"
    assert "The passenger ferry between Ostby and Marn will resume_sailings." in out
    assert "## A cracked fuel line" in out
    assert "\u201cWe owe our passengers an apology,\u201d Brook said." in out
    assert "https://" not in out
    assert "Costs: 2 * 3 * 4 *million* a photo" in out


def test_markdown_version_identical_to_plain_copy(tmp_path):
    plain = (FIXTURES / "ferry-plain.txt").read_text(encoding="utf-8")
    paras = plain.strip().split("\n\n")
    md = [f"# {paras[0]}"] + [f"## {p}" if p in ("A cracked fuel line", "New safety systems")
                              else p.replace("Nordlake Lines", "[Nordlake Lines](https://n.example)")
                              .replace("nearly twice", "*nearly* twice") for p in paras[1:]]
    p = tmp_path / "ferry.md"
    p.write_text("\n\n".join(md) + "\n", encoding="utf-8")
    c = compare([FIXTURES / "ferry-plain.txt", p])
    assert all(l.relation == "identical" for l in c.pair(0, 1).links)
    assert not c.pair(0, 1).added and not c.pair(0, 1).dropped
    kinds = [b.kind for b in c.versions[1].blocks]
    assert kinds[0] == "title" and kinds.count("heading") == 2


# --- Word --------------------

def test_docx_made_by_python_docx_matches_plain_copy():
    c = compare([FIXTURES / "ferry.docx", FIXTURES / "ferry-plain.txt"])
    pair = c.pair(0, 1)
    assert len(pair.links) == 10 and all(l.relation == "identical" for l in pair.links)
    assert not pair.added and not pair.dropped  # page header and footer are not body text
    kinds = [b.kind for b in c.versions[0].blocks]
    assert kinds[0] == "title" and kinds.count("heading") == 2
    assert c.versions[0].fmt == "docx"


_DOC = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{}</w:body></w:document>')
_STYLES = ('<?xml version="1.0" encoding="UTF-8"?><w:styles '
           'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>'
           '<w:style w:type="paragraph" w:styleId="Zwischentitel"><w:name w:val="Zwischentitel"/>'
           '<w:basedOn w:val="berschrift2"/></w:style></w:styles>')


def _docx(body: str, styles: str | None = _STYLES) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", _DOC.format(body))
        if styles:
            z.writestr("word/styles.xml", styles)
    return buf.getvalue()


def _p(text: str, style: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def test_docx_styles_tracked_changes_and_text_boxes():
    body = (_p("Ferry to resume after fire", "berschrift2")
            + '<w:p><w:r><w:t xml:space="preserve">The ferry will resume </w:t></w:r>'
              '<w:del w:id="1" w:author="ed"><w:r><w:delText>sailings </w:delText></w:r></w:del>'
              '<w:ins w:id="2" w:author="ed"><w:r><w:t>service </w:t></w:r></w:ins>'
              '<w:hyperlink><w:r><w:t>on Friday</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>.</w:t></w:r></w:p>'
            + _p("A cracked fuel line", "Zwischentitel")
            + '<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>' + _p("Box text")
            + '</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>' + _p("Box text")
            + "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>")
    text, _, fmt = extract(Path("draft.docx"), _docx(body))
    assert fmt == "docx"
    assert text == ("# Ferry to resume after fire\n\nThe ferry will resume service on Friday .\n\n"
                    "### A cracked fuel line\n\nBox text\n")


@pytest.mark.parametrize("data,problem", [
    (b"PK\x03\x04 not really a zip", "damaged"),
    (b"", "damaged"),
])
def test_damaged_docx_is_one_line_error(tmp_path, data, problem):
    p = tmp_path / "broken.docx"
    p.write_bytes(data)
    with pytest.raises(InputError, match=problem) as e:
        read_path(p)
    assert "broken.docx" in str(e.value) and "\n" not in str(e.value)


def test_docx_truncated_and_foreign_zips(tmp_path):
    good = (FIXTURES / "ferry.docx").read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(good[: len(good) // 2])
    with pytest.raises(InputError, match="damaged"):
        read_path(p)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("content.xml", "<office/>")
    p.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="not a Word document"):
        read_path(p)
    p.write_bytes(_docx("<w:p><w:r><w:t>unclosed", None))
    with pytest.raises(InputError, match="damaged Word document"):
        read_path(p)


# --- PDF --------------------

def _qt_pdf(html: str) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    from engine.reports.pdf import ensure_app as _ensure_app

    _ensure_app()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    doc = QTextDocument()
    doc.setHtml(html)
    doc.print_(writer)
    buf.close()
    return bytes(data.data())


def test_pdf_text_layer_rebuilds_paragraphs_and_headings(tmp_path):
    import html

    paras = (FIXTURES / "ferry-plain.txt").read_text(encoding="utf-8").strip().split("\n\n")
    body = "".join(f"<h1>{html.escape(p)}</h1>" if k == 0 else
                   f"<h2>{html.escape(p)}</h2>" if p in ("A cracked fuel line", "New safety systems") else
                   f"<p>{html.escape(p)}</p>" for k, p in enumerate(paras))
    pdf = tmp_path / "ferry.pdf"
    pdf.write_bytes(_qt_pdf(body))
    c = compare([FIXTURES / "ferry-plain.txt", pdf])
    pair = c.pair(0, 1)
    # Every paragraph, over two A5 pages, comes back whole and word for word (ligatures undone).
    assert len(pair.links) == 10 and all(l.relation == "identical" for l in pair.links)
    assert all(c.versions[1].blocks[j].kind == "boilerplate" for j in pair.added)  # page numbers at most
    kinds = [b.kind for b in c.versions[1].blocks]
    assert kinds[0] == "title" and kinds.count("heading") == 2


def test_scanned_pdf_without_text_layer(tmp_path):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
    from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

    from engine.reports.pdf import ensure_app as _ensure_app

    _ensure_app()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#dddddd"))
    painter = QPainter(writer)
    painter.drawImage(QRect(0, 0, 2000, 1000), image)
    painter.end()
    buf.close()
    p = tmp_path / "scan.pdf"
    p.write_bytes(bytes(data.data()))
    with pytest.raises(InputError, match="no text layer") as e:
        read_path(p)
    assert "scan.pdf" in str(e.value) and "\n" not in str(e.value)


def test_damaged_pdf_is_one_line_error(tmp_path):
    p = tmp_path / "bad.pdf"
    for data in (b"%PDF-1.7\n garbage without objects", b"not a pdf at all", b""):
        p.write_bytes(data)
        with pytest.raises(InputError) as e:
            read_path(p)
        assert "bad.pdf" in str(e.value) and "\n" not in str(e.value)


def test_pdf_paragraphs_from_line_geometry():
    # Body text 10 pt at a 12 pt pitch; paragraph gaps of 20 pt; a 16 pt headline.
    lines = [Line(0, 800, 16, "Ferry to resume"), Line(0, 770, 10, "The ferry will resume sailings"),
             Line(0, 758, 10, "on Friday, the operator said."), Line(0, 738, 10, "The fire broke out"),
             Line(0, 726, 10, "on May 3 near the"), Line(1, 800, 10, "port engine, a crew member said.")]
    assert pdf_blocks(lines) == [(1, "Ferry to resume"),
                                 (0, "The ferry will resume sailings on Friday, the operator said."),
                                 (0, "The fire broke out on May 3 near the port engine, a crew member said.")]


def test_the_format_table_drives_the_loader_the_size_guard_and_the_open_dialog(tmp_path):
    """One table (engine.io.formats.FORMATS): each listed suffix is offered by the Open dialog,
    taken as a path by the loader, and measured on disk before reading when its size is text."""
    from engine.io.formats import FORMATS, READERS, is_session_path, open_dialog_filter
    from engine.io.guards import Limits, check_path
    from engine.io.loading import load

    articles, *each, every = open_dialog_filter().split(";;")
    assert every == "All files (*)" and len(each) == len(FORMATS)
    offered = articles.removeprefix("Articles (").removesuffix(")").split()
    limits = Limits(max_text_bytes=1_000)
    for fmt, entry in zip(FORMATS, each):
        assert entry.startswith(fmt.label + " (")
        for suffix in fmt.suffixes:
            assert f"*{suffix}" in offered and f"*{suffix}" in entry, suffix
            assert READERS[suffix] is fmt.reader
            with pytest.raises(InputError, match="no such file"):  # a path, not a one-line text
                load(f"missing{suffix}")
            big = tmp_path / f"big{suffix}"
            big.write_bytes(b"word " * 400)
            if fmt.size_is_text:
                with pytest.raises(InputError, match="too large to compare"):
                    check_path(big, limits)
            else:  # a PDF's or Word file's images do not count: its text is measured after reading
                check_path(big, limits)
    assert load("notes.rtf").text == "notes.rtf"  # not a suffix of the table: a one-line text
    assert is_session_path("Story.STORYDIFF") and not is_session_path("story.txt")
