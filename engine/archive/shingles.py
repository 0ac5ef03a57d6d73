"""Shingling: the set of word 3-grams of a document, as stable 64-bit hashes.

Only the story's own words count. Wire copy is cut by `engine.text.wire` (the layout
the comparison uses too): its header, byline and sign-off spans and its paragraph
marks are left out. In any file, short lines that are rules, slug lines, bylines,
sign-offs or page chrome ("Advertisement", "Share this article") are left out as
well. Saved web pages reach here as their article text already (`engine.io.read_html`).

Hashes are stable across processes and machines (BLAKE2b of each word, combined
arithmetically), so a Dask worker and the local process agree on every 3-gram.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..io.formats import extract_dated
from ..io.guards import check_path, check_text
from ..io.loading import MAX_BYTES, read_bytes
from ..text.wire import PARAGRAPH_MARKS, is_byline, is_rule, is_signoff, is_slug, slug_date, wire_spans
from . import dates

_CHROME = re.compile(
    r"^\s*(?:advertisement|advert|sponsored|share (?:this|on)\b.*|related (?:articles|stories|content)|"
    r"read more\b.*|click here\b.*|sign up\b.*|subscribe\b.*|follow us\b.*|copyright\b.*|\(c\) .*|"
    r"©.*|all rights reserved\.?|comments?|print(?: this)?(?: article| page)?|email(?: this)?(?: article)?|"
    r"(?:tweet|like|share)|back to top|skip to (?:content|main content)|cookie.*|accept cookies)\s*$",
    re.I)
_WORD = re.compile(r"\w+")
_WIRE_HINT = re.compile("[" + re.escape(PARAGRAPH_MARKS) + "]|<[ \t]*\r?\n")
# Paragraph marks left in a file that is not in wire layout overall, and `<` paragraph ends.
_STRAY = str.maketrans({**{c: "\n" for c in PARAGRAPH_MARKS}, "<": " "})

# Multipliers that make (w1, w2, w3) -> one 64-bit hash order-sensitive (odd, large).
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_word_hash: dict[str, int] = {}
_CACHE_LIMIT = 2_000_000


def story_text(text: str) -> str:
    """`text` without wire headers, bylines, sign-offs and page chrome (one line per line)."""
    # Wire layout needs paragraph marks or `<` line ends; most files have neither, so one
    # regex scan spares them the layout's line statistics.
    spans = wire_spans(text) if _WIRE_HINT.search(text) else None
    if spans is not None:  # wire layout: only the spans the layout leaves as story text
        text = "\n".join(text[sp.start:sp.end] for sp in spans if sp.kind is None)
    kept = []
    for line in text.translate(_STRAY).splitlines():
        s = line.strip()
        if not s:
            continue
        # The wire's own line rules (engine.text.wire), so archive and compare agree on what
        # a header, byline or sign-off is; page chrome only the archive needs to drop.
        if len(s) < 100 and (is_rule(s) or is_slug(s) or is_signoff(s) or is_byline(s) or _CHROME.match(s)):
            continue
        kept.append(s)
    return "\n".join(kept)


def words(text: str) -> list[str]:
    """Lower-case word tokens of the story text (punctuation and quote styles ignored)."""
    return _WORD.findall(story_text(text).lower())


def _word_hashes(tokens: list[str]) -> np.ndarray:
    """Stable 64-bit hashes of `tokens` (BLAKE2b of each distinct word, cached per process)."""
    cache = _word_hash
    try:  # the common case once the cache is warm: every word already hashed
        return np.array(list(map(cache.__getitem__, tokens)), dtype=np.uint64)
    except KeyError:
        pass
    missing = set(tokens).difference(cache)
    if len(cache) + len(missing) > _CACHE_LIMIT:  # bounded memory on a huge vocabulary
        cache.clear()
        missing = set(tokens)
    for w in missing:
        cache[w] = int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
    return np.array(list(map(cache.__getitem__, tokens)), dtype=np.uint64)


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """Sorted distinct int64 hashes of the word 3-grams of `tokens`."""
    if len(tokens) < 3:
        return np.zeros(0, dtype=np.int64)
    w = _word_hashes(tokens)
    with np.errstate(over="ignore"):
        h = w[:-2] * _M1 + w[1:-1] * _M2 + w[2:]
    # Sorted, then each value kept once: np.unique's hash table took 0.4 s on a 4 MB file, this 0.03 s.
    v = np.sort(h.view(np.int64))
    first = np.empty(len(v), dtype=bool)
    first[0] = True
    np.not_equal(v[1:], v[:-1], out=first[1:])
    return v[first]


@dataclass
class DocShingles:
    """One file, shingled: where it is, its date and its 3-gram hashes (or why it failed)."""

    path: str                 # as given to `index`
    key: str                  # resolved path (realpath): the identity used for incremental indexing
    size: int = 0
    mtime: float = 0.0
    date: dt.date | None = None
    date_source: str | None = None
    hashes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    words: int = 0
    error: str | None = None
    digest: str | None = None  # BLAKE2b of the bytes read: what `--compare` checks before it reads again


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def shingle_file(path: str, manifest_date: dt.date | None = None, key: str | None = None,
                 max_bytes: int = MAX_BYTES) -> DocShingles:
    """Read (read-only) and shingle one file; failures come back in `.error`, one line.

    `key` is the resolved path to read (a worker's current folder may differ from
    the caller's); `path` is the name reported back.
    """
    key = key or os.path.realpath(path)
    doc = DocShingles(path=path, key=key)
    try:
        st = os.stat(key)
        doc.size, doc.mtime = st.st_size, st.st_mtime
        # The compare path's size limits: a 60 MB text file held 1 GB as 3-grams and words.
        check_path(key, verb="index")
        data = read_bytes(key, max_bytes)
        text, _encoding, _fmt, published = extract_dated(Path(key), data)
        check_text(key, text, verb="index")
    except InputError as e:
        doc.error = f"{path}: {e.problem}"
        return doc
    except OSError as e:
        doc.error = f"{path}: {e.strerror or e}"
        return doc
    except RecursionError:  # a reader's last resort against nesting it did not foresee
        doc.error = f"{path}: nested too deeply to read"
        return doc
    doc.digest = content_digest(data)
    # Stated dates: a wire slug line, agency XML's publication time (its reader's), HTML metadata.
    when, source = slug_date(text), dates.TEXT
    if when is None and published:
        when = dates.parse_date(published)
    if when is None:
        when = dates.date_from_markup(data)
    if when is None and manifest_date is not None:
        when, source = manifest_date, dates.MANIFEST
    if when is None:  # an absurd modification time (year 30,000) gives no date, not an error
        when, source = dates.date_from_mtime(doc.mtime), dates.MTIME
    doc.date, doc.date_source = when, source
    tokens = words(text)
    doc.words = len(tokens)
    doc.hashes = shingle_hashes(tokens)
    return doc


def shingle_batch(items: list[tuple[str, str, dt.date | None]]) -> list[DocShingles]:
    """Shingle (path, absolute path, manifest date) triples: the unit of work a runner hands out."""
    return [shingle_file(p, d, key=k) for p, k, d in items]
