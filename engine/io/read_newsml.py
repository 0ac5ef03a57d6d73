"""Agency XML: NITF and NewsML-G2 news items.

News agencies deliver stories as XML: NITF (`<nitf>`: `hedline`, `byline`,
`dateline`, `body.content` paragraphs) and IPTC NewsML-G2 (`<newsItem>`: metadata,
then the story as inline NITF or XHTML in `contentSet`). Both become the text the
block splitter reads: the headline as a `#` heading, sub-headlines and crossheads as
`##`, then byline, dateline and paragraphs as blocks of their own.

The publication time (NITF `date.issue`, NewsML `contentCreated` / `firstCreated` /
`versionCreated`) is returned so lineage can tell which version came first.

The XML is untrusted: it is parsed without DTDs, entities or network access, with
libxml2's default depth and size limits (no "huge tree"), and walked iteratively.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from ..errors import InputError
from .block_text import join_blocks

_WS = re.compile(r"\s+")
# Elements whose text is a block of its own (local names, namespaces stripped).
_HEADLINE = {"hl1", "headline"}
_SUBHEAD = {"hl2", "subheadline", "h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "byline", "by", "dateline", "abstract", "tagline", "li", "blockquote", "bibliography"}
_SKIP = {"itemMeta", "rightsInfo", "catalogRef", "docdata", "pubdata", "meta", "head", "script", "style",
         "media", "media-reference", "img", "link", "title"}
_DATES = ("date.issue", "contentCreated", "firstCreated", "versionCreated", "date.release")


def looks_like_news_xml(data: bytes) -> bool:
    """Is this an NITF or NewsML-G2 document? (Judged on its first kilobytes.)"""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and (b"<nitf" in head or b"<newsitem" in head or b"<newsmessage" in head)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()


def _parse_time(value: str) -> str | None:
    """An ISO 8601 (or NITF's compact 20010203T140500) time as ISO text, else None."""
    v = value.strip()
    for fmt in ("%Y%m%dT%H%M%S%z", "%Y%m%dT%H%M%S", "%Y%m%dT%H%M%z", "%Y%m%dT%H%M", "%Y%m%d"):
        try:
            return datetime.strptime(v, fmt).isoformat()
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def read_newsml(path: Path, data: bytes) -> tuple[str, str, str, str | None]:
    """(text, encoding, fmt, published) of an NITF or NewsML-G2 file."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise InputError(str(path), f"is not well-formed XML ({e.msg if hasattr(e, 'msg') else e})") from None
    kind = "newsml" if _local(root.tag) in ("newsItem", "newsMessage") else "nitf"
    found: dict[str, str] = {}
    for el in root.iter():
        name = _local(el.tag)
        if name in _DATES and name not in found:
            t = _parse_time(el.get("norm") or el.text or "")
            if t:
                found[name] = t
    # the first of _DATES the file has: when the content was made, before later edits
    published = next((found[d] for d in _DATES if d in found), None)
    blocks: list[tuple[int, str]] = []
    titled = False
    # Iterative walk: a stack instead of recursion, so deep nesting cannot overflow.
    stack = [root]
    while stack:
        el = stack.pop()
        name = _local(el.tag)
        if name in _SKIP:
            continue
        if name in _HEADLINE and not titled:
            text = _text(el)
            if text:
                blocks.append((1, text))
                titled = True
            continue
        if name in _HEADLINE or name in _SUBHEAD:
            text = _text(el)
            if text:
                blocks.append((2, text))
            continue
        if name in _BLOCKS:
            text = _text(el)
            if text:
                blocks.append((0, text))
            continue
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
    if not any(level == 0 for level, _ in blocks):
        raise InputError(str(path), f"is {kind.upper()} XML but holds no story text")
    encoding = (root.getroottree().docinfo.encoding or "utf-8").lower()
    return join_blocks(blocks), encoding, kind, published
