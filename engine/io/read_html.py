"""The article of a saved web page: headline, subheadings, paragraphs and captions.

readability-lxml picks the element that holds the article (it scores text density
and class names the way Firefox's Reader View does) and drops navigation, sidebars,
comment forms and footers. This module then walks what it kept, in document order,
turning each block element into one block of text: `h1`-`h6` become Markdown
headings (the page's headline is the one `#` heading, first), paragraphs, list
items, quotes and figure captions become paragraphs. Chrome that survives inside
the article (share buttons, ad labels, "related" boxes) is recognised by its class
names and left out.

Safety: the page is only parsed. lxml does not run scripts or load anything (the
parser is told not to touch the network), `script`, `style`, `iframe`, `object`
and form controls contribute no text, and nothing here follows a URL. Size is
bounded before the article is scored: the file by the text-size guard, the page
by its element count (`MAX_ELEMENTS`), its nesting by libxml2's 255 levels (a page
nested deeper is refused, not silently cut).
"""

from __future__ import annotations

import codecs
import datetime as _dt
import logging
import re
from pathlib import Path

from ..errors import InputError
from .block_text import join_blocks
from .decode import decode

# Elements whose content is never article text.
_SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset",
    "object", "embed", "applet", "canvas", "video", "audio", "head", "button", "select",
    "textarea", "input", "option", "form", "map", "dialog",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that start a new block; everything else is inline and joins its neighbours.
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "figcaption", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "caption", "pre", "address", "details", "summary", "hr", "body",
    "html", "center", "fieldset", "legend", *_HEADINGS,
})
# Class or id words of page chrome that readability sometimes keeps inside the article.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|sharedaddy|ad|ads|advert|advertisement|ad-slot|"
    r"adslot|dfp|gpt|sponsor|sponsored|promo|newsletter|subscribe|related|recommended|"
    r"comments?|respond|reply|breadcrumbs?|byline-share|tags?-links|cookie|paywall|"
    r"screen-reader-text|sr-only|visually-hidden)(?:$|[\s_-])", re.IGNORECASE)
_ASCII_WS = re.compile(r"[ \t\n\r\f]+")  # HTML collapses only ASCII white space, not no-break spaces
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# C0 controls other than tab and line breaks: XML-incompatible, so lxml refuses them in
# the text readability moves around (it then logged a traceback to the terminal and
# gave up on the article; found by fuzzing). Vertical tab and form feed become spaces.
_CONTROLS = str.maketrans({**{chr(c): None for c in [*range(0, 9), *range(14, 32)]}, "\x0b": " ", "\x0c": " "})
# A news page has a few thousand elements; 100,000 take readability about 4 s.
MAX_ELEMENTS = 100_000
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                  "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}


# Codecs a page may really be written in (Python's names after `codecs.lookup`). A label
# naming anything else (rot13, zlib, base64, hex, idna, undefined...) is ignored like an
# unknown one: those are transformations, not text encodings.
_TEXT_CODEC = re.compile(r"^(?:utf-8|utf-16(?:-[bl]e)?|utf-32(?:-[bl]e)?|ascii|latin-1|iso8859-\d+|cp\d+|"
                         r"mac-[a-z]+|koi8-[a-z]+|kz1048|ptcp154|tis-620|gb2312|gbk|gb18030|hz|big5(?:hkscs)?|"
                         r"euc_[a-z0-9_]+|shift_jis(?:_2004|x0213)?|iso2022_[a-z0-9_]+|johab)$")


def _text_codec(label: str) -> str | None:
    """Python's codec for a declared charset label, when it names a text encoding."""
    label = _LABEL_ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return codec if _TEXT_CODEC.match(codec) else None


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """The page's text: a byte-order mark wins, then a declared charset the bytes agree with,
    then detection (`engine.io.decode`).

    The declaration loses when the bytes contradict it: UTF-16 or UTF-32 declared on a
    page without zero bytes (WHATWG reads those as UTF-8 too), a legacy code page
    declared on a page that is valid UTF-8 with non-ASCII letters, or bytes that are not
    valid in the declared encoding at all.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, name)
    m = _META_CHARSET.search(data[:4096])
    codec = _text_codec(m.group(1).decode("ascii", "replace").lower()) if m else None
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        return decode(data, name)
    if codec != "utf-8" and not data.isascii():
        try:
            data.decode("utf-8")
            return decode(data, name)  # valid multi-byte UTF-8: the label is stale
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return decode(data, name)  # not that encoding after all: detection decides


def _text_of(el) -> str:
    """The inline text of an element, skipping unreadable children; `br` is a space."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "br":
            parts.append(" ")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _ASCII_WS.sub(" ", "".join(parts)).strip()


def _is_chrome(el) -> bool:
    label = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}".strip()
    return bool(label) and bool(_CHROME.search(label))


def page_blocks(root, skip_chrome: bool = True) -> list[tuple[int, str, str]]:
    """(heading level, tag, text) of every block of `root`, in document order.

    Inline content is gathered until the next block element, so a `div` holding
    text directly, and text between two paragraphs, are blocks too.
    """
    out: list[tuple[int, str, str]] = []
    # A class word like "comments" on the article's own wrapper must not drop the article:
    # only elements holding a minor share of the text are taken for chrome.
    total = len(_text_of(root)) or 1

    def visit(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or (skip_chrome and _is_chrome(el) and len(_text_of(el)) < 0.4 * total):
            return
        if tag in _HEADINGS or not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el.iter()
                                       if c is not el):
            text = _text_of(el)
            if text:
                out.append((_HEADINGS.get(tag, 0), tag, text))
            return
        # Mixed content: inline runs between block children are blocks of their own.
        run: list[str] = [el.text or ""]

        def flush() -> None:
            text = _ASCII_WS.sub(" ", "".join(run)).strip()
            if text:
                out.append((0, tag, text))
            run.clear()

        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag in _BLOCKS or ctag in _SKIP:
                flush()
                visit(child)
            elif ctag == "br":
                run.append(" ")
            elif ctag:
                run.append(_text_of(child))
            if child.tail:
                run.append(child.tail)
        flush()

    visit(root)
    return out


def _parse(text: str, name: str):
    import lxml.etree
    import lxml.html

    # no_network: never fetch a DTD or an entity; comments and processing instructions are dropped.
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  recover=True)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        raise InputError(name, "is not a readable web page (no HTML content)") from None
    # libxml2 stops at 256 levels of nesting and silently drops the rest of the page:
    # say so rather than compare what happened to come before.
    if any("Excessive depth" in e.message for e in parser.error_log):
        raise InputError(name, "is nested too deeply to read (over 255 levels of elements)")
    return root


def _headline(root, fallback: str) -> str:
    for h1 in root.iter("h1"):
        text = _text_of(h1)
        if text:
            return text
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            content = _ASCII_WS.sub(" ", meta.get("content") or "").strip()
            if content:
                return content
    return fallback


def article_blocks(text: str, name: str = "<html>") -> list[tuple[int, str]]:
    """(heading level, text) of the article in a page's HTML source."""
    from readability import Document

    logging.getLogger("readability").setLevel(logging.CRITICAL)  # its failures are handled below
    root = _parse(text, name)
    # Budget before readability, whose scoring costs ~40 µs an element (400k elements: 15 s).
    count = sum(1 for _ in root.iter())
    if count > MAX_ELEMENTS:
        raise InputError(name, f"is too large to read ({count:,} HTML elements; Storydiff reads pages of up "
                               f"to {MAX_ELEMENTS:,}): save the article alone or compare an excerpt")
    try:
        doc = Document(_XML_DECL.sub("", text, count=1))
        summary = doc.summary(html_partial=True)
        short_title = _ASCII_WS.sub(" ", doc.short_title() or "").strip()
    except Exception:  # readability gives up on pages without a body: fall back to the whole page
        summary, short_title = None, ""
    headline = _headline(root, short_title)
    if summary:
        body = _parse(summary, name)
    else:
        body = root.find("body") if root.find("body") is not None else root
    blocks = [(level, txt) for level, _tag, txt in page_blocks(body)]
    if not blocks and summary:  # readability kept nothing readable: take the page
        blocks = [(level, txt) for level, _tag, txt in page_blocks(root)]
    # The headline heads the article as its one level-1 heading.
    blocks = [(level if level > 1 else (2 if level == 1 else 0), txt) for level, txt in blocks
              if txt != headline]
    if headline:
        blocks.insert(0, (1, headline))
    return blocks


# Publication metadata in a saved web page: meta and time elements, JSON-LD. Every
# repetition is bounded: the page is untrusted, and an unbounded [^>]+ after each of
# many unclosed "<meta" would rescan the rest of the head every time.
_ISO = r"(\d{4})-?(\d{2})-?(\d{2})"
_MARKUP = [re.compile(p, re.I) for p in (
    r"<meta[^>]{1,400}?(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|datePublished|"
    r"pubdate|publishdate|publish-date|publication_date|date|dc\.date(?:\.issued)?|dcterms\.date|"
    r"sailthru\.date|parsely-pub-date)[\"'][^>]{0,400}?content\s*=\s*[\"']\s*" + _ISO,
    r"<meta[^>]{1,400}?content\s*=\s*[\"']\s*" + _ISO + r"[^\"']{0,80}[\"'][^>]{0,400}?(?:property|name|itemprop)\s*=\s*"
    r"[\"'](?:article:published_time|datePublished|pubdate|publishdate|date|dc\.date)[\"']",
    r"\"datePublished\"\s*:\s*\"\s*" + _ISO,
    r"<time[^>]{1,400}?datetime\s*=\s*[\"']" + _ISO,
)]


def _make(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def date_from_markup(raw: bytes) -> _dt.date | None:
    """A publication date in the head of a saved web page, or None."""
    head = raw[:200_000].decode("latin-1")
    if "<" not in head:
        return None
    for pattern in _MARKUP:
        m = pattern.search(head)
        if m:
            found = _make(*(int(g) for g in m.groups()))
            if found:
                return found
    return None


def read_html(path: Path, data: bytes) -> tuple[str, str, str, str | None]:
    """(text, encoding, "html", published): the article of a saved web page, and the
    publication date its metadata states (ISO 8601), if any."""
    name = str(path)
    text, encoding = decode_html(data, name)
    blocks = article_blocks(text.translate(_CONTROLS), name)
    if not blocks:
        raise InputError(name, "holds no readable text (is it a saved web page?)")
    published = date_from_markup(data)
    return join_blocks(blocks), encoding, "html", published.isoformat() if published else None
