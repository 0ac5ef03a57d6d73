"""A fetched page as a version: its article, its name (site and fetch time) and the kept page.

The bytes go through the same readers as a file (`engine.io.formats`, one loading path):
content sniffing first (`engine.io.sniff`: a PDF or Word file under any content type goes
to its reader, an image or an archive is refused in one line), then the content type
decides between a web page, plain text and agency XML; anything else is "not a page".
HTML is decoded with the HTTP header's charset before the page's own meta tag.

The fetched page is kept: its raw bytes are written once, content-addressed, to the
page cache (`$STORYDIFF_CACHE`, else `$XDG_CACHE_HOME/storydiff`, else
`~/.cache/storydiff`, in `pages/`), and the version's `path` points there, so a saved
session or a storydiff/1 document names the very bytes that were compared. The tracking
store keeps its pages in the archive file instead (`engine.track.store`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..io.formats import extract_dated
from ..io.loading import Source
from ..io.read_html import read_html
from ..io.safe_write import write_atomic
from ..io.sniff import Refused, sniff
from .client import Fetched, FetchError

_HTML_TYPES = ("text/html", "application/xhtml+xml", "")
_TEXT_TYPES = {"text/plain": ".txt", "text/markdown": ".md", "application/pdf": ".pdf",
               "application/xml": ".xml", "text/xml": ".xml",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


def site_of(url: str) -> str:
    """The site a URL belongs to, as people write it: the host without `www.`."""
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")


def version_name(url: str, when: dt.datetime) -> str:
    """A fetched version's name: its site and fetch time (UTC), e.g. "example.org 2024-05-01 14:03:07Z"."""
    return f"{site_of(url)} {when.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S}Z"


def suffix_for(f: Fetched) -> str:
    """The reader suffix of a fetched body, from its content and its content type."""
    try:
        kind = sniff(f.body)
    except Refused as e:
        raise FetchError(f.url, e.problem()) from None
    if kind:
        return kind
    ctype = f.content_type
    if ctype in _HTML_TYPES or _looks_like_html(f.body):
        return ".html"
    if ctype in _TEXT_TYPES:
        return _TEXT_TYPES[ctype]
    raise FetchError(f.url, f"is {ctype}, not a web page Storydiff reads")


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<main"))


def text_of_page(f: Fetched, name: str | None = None) -> tuple[str, str, str, str | None]:
    """(text, encoding, format, published) of a fetched body, through the readers of files."""
    suffix = suffix_for(f)
    label = name or f.final_url
    try:
        if suffix == ".html":
            return read_html(Path(label), f.body, host=urlsplit(f.final_url).hostname, charset=f.charset)
        return extract_dated(Path(label + suffix), f.body)
    except InputError as e:
        raise FetchError(f.url, e.problem) from None


def cache_dir() -> Path:
    base = os.environ.get("STORYDIFF_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "storydiff")
    return Path(base)


def keep_page(body: bytes, suffix: str) -> Path:
    """Write a fetched body to the page cache (once: the name is its SHA-256) and return its path."""
    digest = hashlib.sha256(body).hexdigest()
    path = cache_dir() / "pages" / digest[:2] / f"{digest}{suffix}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, body)
    return path


def page_source(f: Fetched, keep: bool = True) -> Source:
    """The version a fetched page gives: named by site and fetch time, its raw page kept."""
    name = version_name(f.final_url, f.fetched)
    text, encoding, fmt, published = text_of_page(f, name)
    path = str(keep_page(f.body, suffix_for(f))) if keep else None
    return Source(name=name, text=text, path=path, encoding=encoding, fmt=fmt, published=published)


def fetch_source(url: str, keep: bool = True, fetcher=None) -> Source:
    """Fetch `url` and read it as a version (`storydiff-cli compare URL`, File › Open URL…)."""
    from .client import Fetcher

    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        return page_source(fetcher.get(url), keep)
    finally:
        if own:
            fetcher.close()
