"""A saved or fetched web page: its decoding, its article and its publication date.

The article is taken by `engine.io.article` (headline, standfirst, body, lists, tables,
quotes, boxes and captions; never the page's chrome). This module decodes the bytes
(a byte-order mark, then a declared charset the bytes agree with, then detection) and
parses them.

Safety: the page is only parsed. lxml does not run scripts or load anything (the
parser is told not to touch the network), `script`, `style`, `iframe`, `object`
and form controls contribute no text, and nothing here follows a URL. Size is
bounded before the article is looked for: the file by the text-size guard, the page
by its element count (`MAX_ELEMENTS`), its nesting by libxml2's 255 levels (a page
nested deeper is refused, not silently cut).
"""

from __future__ import annotations

import codecs
import datetime as _dt
import re
from pathlib import Path

from ..errors import InputError
from .article import article_blocks
from .block_text import join_blocks
from .decode import decode

_ASCII_WS = re.compile(r"[ \t\n\r\f]+")  # HTML collapses only ASCII white space, not no-break spaces
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# C0 controls other than tab and line breaks: XML-incompatible, so lxml refuses them in
# the text readability moved around (it then logged a traceback to the terminal and
# gave up on the article; found by fuzzing). Vertical tab and form feed become spaces.
_CONTROLS = str.maketrans({**{chr(c): None for c in [*range(0, 9), *range(14, 32)]}, "\x0b": " ", "\x0c": " "})
# A news page has a few thousand elements; 100,000 take the article finder a few seconds.
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


def decode_html(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """The page's text: a byte-order mark wins, then a declared charset the bytes agree with
    (`declared`, the HTTP header's, before the page's own meta tag), then detection
    (`engine.io.decode`).

    The declaration loses when the bytes contradict it: UTF-16 or UTF-32 declared on a
    page without zero bytes (WHATWG reads those as UTF-8 too), a legacy code page
    declared on a page that is valid UTF-8 with non-ASCII letters, or bytes that are not
    valid in the declared encoding at all.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, name)
    m = _META_CHARSET.search(data[:4096])
    label = declared.lower() if declared else m.group(1).decode("ascii", "replace").lower() if m else None
    codec = _text_codec(label) if label else None
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


def html_blocks(text: str, name: str = "<html>", host: str | None = None) -> list[tuple[int, str]]:
    """(heading level, text) of the whole article in a page's HTML source (`engine.io.article`);
    `host`, when the page was fetched, picks the site's rules."""
    root = _parse(text, name)
    count = sum(1 for _ in root.iter())
    if count > MAX_ELEMENTS:
        raise InputError(name, f"is too large to read ({count:,} HTML elements; Storydiff reads pages of up "
                               f"to {MAX_ELEMENTS:,}): save the article alone or compare an excerpt")
    return article_blocks(root, host)


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


def read_html(path: Path, data: bytes, host: str | None = None,
              charset: str | None = None) -> tuple[str, str, str, str | None]:
    """(text, encoding, "html", published): the article of a saved web page, and the
    publication date its metadata states (ISO 8601), if any. A fetched page passes its
    `host` (for the site's rules) and the charset its HTTP header declared."""
    name = str(path)
    text, encoding = decode_html(data, name, charset)
    blocks = html_blocks(text.translate(_CONTROLS), name, host)
    if not blocks:
        raise InputError(name, "holds no readable text (is it a saved web page?)")
    published = date_from_markup(data)
    return join_blocks(blocks), encoding, "html", published.isoformat() if published else None
