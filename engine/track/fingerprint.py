"""What counts as a change of an article, and one line saying what changed between two versions.

A fetched page is reduced to its article text (`engine.io.article`: no markup, no page
chrome), then to a *fingerprint*: its blocks with white space evened out, without the
lines that only date or count (a "Published ..." or "Updated 5 minutes ago" line, "12
comments", "1,204 views") and without relative times anywhere ("3 hours ago"). Two
fetches with the same fingerprint are the same version; a new version is stored only
when the fingerprint changes. Words, numbers, names, punctuation and letter case of the
article all count.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata

from ..io.page_chrome import DATE_LINE

_WS = re.compile(r"\s+")
_RELATIVE = re.compile(r"\b(?:(?:updated|published|posted|edited)\s+)?(?:about\s+)?(?:\d+|an?|one)\s+"
                       r"(?:second|sec|minute|min|hour|hr|day|week|month)s?\s+ago\b", re.IGNORECASE)
# A block that is only a clock time or a date in figures: "14:05 BST", "2:05pm", "03/05/2024 09:12".
_TIME_ONLY = re.compile(r"^\W*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s*)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*"
                        r"(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,4})?)?\W*$", re.IGNORECASE)
_COUNTER = re.compile(r"^\W*(?:[\d.,]+[km]?\s+(?:comments?|replies|views?|reads?|shares?|likes?|reactions?)"
                      r"|(?:comments?|replies|views?|shares?)\s*[:(]?\s*[\d.,]+[km]?\s*\)?)\W*$", re.IGNORECASE)


def blocks_of(text: str) -> list[str]:
    """The blocks of an extracted article text (blank-line separated), white space evened out."""
    out = []
    for raw in re.split(r"\n\s*\n", text):
        block = _WS.sub(" ", unicodedata.normalize("NFC", raw).replace("\u200b", "")).strip()
        if block:
            out.append(block)
    return out


def normalised(text: str) -> list[str]:
    """The blocks that count for change (see the module docstring)."""
    out = []
    for block in blocks_of(text):
        words = len(block.split())
        if (words <= 12 and DATE_LINE.search(block.lstrip("# "))) or (words <= 6 and _COUNTER.match(block)) \
                or (words <= 4 and _TIME_ONLY.match(block)):
            continue
        block = _WS.sub(" ", _RELATIVE.sub("", block)).strip()
        if block:
            out.append(block)
    return out


def fingerprint(text: str) -> str:
    """A digest of the article text that changes only when the article does."""
    return hashlib.sha256("\n".join(normalised(text)).encode("utf-8")).hexdigest()


def title_of(text: str) -> str:
    """The headline: the first block, without its Markdown mark."""
    blocks = blocks_of(text)
    return blocks[0].lstrip("#").strip() if blocks else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def change_line(old: str | None, new: str) -> str:
    """One line on what changed from `old` to `new` (article texts): headline, paragraphs edited,
    added, removed, moved."""
    if old is None:
        return "first version"
    a, b = normalised(old), normalised(new)
    if a == b:
        return "no change in the article text"
    parts = []
    if title_of(old) != title_of(new):
        parts.append(f"headline changed: “{title_of(old)[:60]}” → “{title_of(new)[:60]}”")
        a, b = a[1:], b[1:]
    edited = added = removed = 0
    gone: list[str] = []
    came: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            gone += a[i1:i2]
        if op in ("replace", "insert"):
            came += b[j1:j2]
    moved = len(set(gone) & set(came))  # the same paragraph gone from one place and back in another
    gone = [x for x in gone if x not in set(came)]
    came = [x for x in came if x not in set(a)]
    edited = min(len(gone), len(came))
    added, removed = len(came) - edited, len(gone) - edited
    for n, word in ((edited, "edited"), (added, "added"), (removed, "removed"), (moved, "moved")):
        if n:
            parts.append(f"{_plural(n, 'paragraph')} {word}")
    return "; ".join(parts) or "paragraph breaks changed"
