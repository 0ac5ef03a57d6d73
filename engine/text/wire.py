"""Wire copy: news-agency layout in plain text files.

Agency feeds (IPTC 7901 / ANPA-style, and the archives built from them) lay a story
out in a way no word processor does:

* a header of dashed or doubled rules around a slug line
  (``13:33 13/08/99: Page 1 (HHH) SHOWBIZ Spice``: time, date, page, desk, catchline);
* a control character opening each paragraph (SOH, STX, ETX, EOT, 0x19 or another
  C0 mark) and often ``<`` closing it;
* hard-wrapped lines at ~70-80 columns with no blank line between paragraphs;
* a byline paragraph (``By Jo Bloggs, Crime Correspondent, PA News``), editorial
  notes to the desk (``(with pics)``, ``(Pic later)``), TeX-style ````quotes''``,
  and a sign-off (``end``, ``ends``, ``mfl``, ``more``, ``-30-``, ``###``).

`wire_spans` recognises the layout from the file's own line statistics and cuts it
into spans whose offsets slice the source exactly but leave the markers out (they
are never shown or diffed), each with the kind its role gives it (`header`,
`byline`, `signoff`, or None for "classify as usual"). A file without the layout
gives None and is split by the generic rules in `engine.text.blocks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..model import BYLINE, HEADER, SIGNOFF

# Paragraph marks: C0 controls used by wire formats at the start of a paragraph.
# Tab, line feed, carriage return, form feed and escape are ordinary text.
PARAGRAPH_MARKS = "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1c\x1d\x1e\x1f"
_MARKS_CLASS = "[" + re.escape(PARAGRAPH_MARKS) + "]"
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_RULE = re.compile(r"^\s*(?:[-=_*~]\s*){8,}$")
# "16:54 01/03/00: Page 1 (ZSM) COURTS Burstein" and kin: a time and a date, then the slug.
_SLUG = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s+(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_SIGNOFF = re.compile(r"^(?:(?:ends?|mf[a-z]{0,2}|more|uns|nnnn|eom|xxx)\b|-+\s*30\s*-+|#{3,})[\s.\-:<>a-z0-9/]*$", re.I)
_BYLINE = re.compile(r"^by\s+[A-Z][\w.'\u2019-]*(?:\s+[\w.'\u2019-]+){0,5}\s*(?:,|$)", re.I)
_NOTE = re.compile(r"^\((?:[^()]{1,60})\)$")


@dataclass(frozen=True, slots=True)
class WireSpan:
    start: int
    end: int
    kind: str | None = None  # a kind fixed by the layout, None: classify the text as usual


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its line break (\\r\\n, \\n or \\r)."""
    out = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        stop = end - 1 if end > pos and text[end - 1] == "\r" else end
        out.append((pos, stop))
        if nl < 0:
            break
        pos = nl + 1
    return out


def looks_like_wire(text: str) -> bool:
    """Does this file use wire layout? Judged on its own lines: paragraph marks at line
    starts, or ``<`` closing many lines, on a good share of the non-blank lines."""
    lines = [text[s:e] for s, e in _lines(text[:200_000])]
    nonblank = [ln for ln in lines if ln.strip(" \t" + PARAGRAPH_MARKS)]
    if len(nonblank) < 2:
        return False
    marked = sum(1 for ln in lines if ln[:1] and ln[0] in PARAGRAPH_MARKS)
    closed = sum(1 for ln in nonblank if ln.rstrip().endswith("<") and not ln.rstrip().endswith("<<"))
    share = len(nonblank)
    return (marked >= 2 and marked >= 0.15 * share) or (closed >= 3 and closed >= 0.2 * share)


def slug_time(text: str) -> datetime | None:
    """When a wire story was filed: the time and date (day/month/year) of the slug line
    in its header, if it has one."""
    for s, e in _lines(text[:4000])[:20]:
        m = _SLUG.match(text[s:e])
        if m:
            hour, minute, day, month, year = (int(m.group(k)) for k in range(1, 6))
            if year < 100:
                year += 1900 if year >= 70 else 2000
            try:
                return datetime(year, month, day, hour, minute)
            except ValueError:
                return None
    return None


def slug_date(text: str) -> date | None:
    """The day of the slug line (see `slug_time`)."""
    t = slug_time(text)
    return t.date() if t else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in PARAGRAPH_MARKS):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == "<":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def wire_spans(text: str) -> list[WireSpan] | None:
    """Spans of a wire-layout text, or None when the text is not in wire layout."""
    if not looks_like_wire(text):
        return None
    lines = _lines(text)
    spans: list[WireSpan] = []
    k = 0
    # The header: rules, blank lines and slug lines before the first text line.
    header: list[tuple[int, int]] = []
    while k < len(lines):
        s, e = lines[k]
        line = text[s:e]
        if not line.strip() or _RULE.match(line):
            k += 1
            continue
        if _SLUG.match(line) and not line.rstrip().endswith("<"):
            header.append(_trim(text, s, e))
            k += 1
            continue
        break
    for s, e in header:
        if s < e:
            spans.append(WireSpan(s, e, HEADER))

    current: list[tuple[int, int]] = []

    def flush() -> None:
        if not current:
            return
        s, e = _trim(text, current[0][0], current[-1][1])
        current.clear()
        if s >= e:
            return  # an empty paragraph mark
        spans.append(WireSpan(s, e, _kind(text[s:e], spans)))

    for s, e in lines[k:]:
        line = text[s:e]
        bare = line.strip()
        if not bare.strip(PARAGRAPH_MARKS + "<"):
            flush()  # a blank line, or a mark alone: a paragraph boundary
            continue
        if _RULE.match(line):
            flush()
            continue
        if line[:1] in PARAGRAPH_MARKS or (line[:1].isspace() and bare[:1] in PARAGRAPH_MARKS):
            flush()
        current.append((s, e))
        if line.rstrip().endswith("<"):
            flush()
    flush()
    return spans


def is_rule(line: str) -> bool:
    """A header rule: a line of eight or more dashes, equals signs, underscores, stars or tildes."""
    return _RULE.match(line) is not None


def is_slug(line: str) -> bool:
    """An agency slug line: a time and a date, then page, desk and catchline."""
    return _SLUG.match(line) is not None


def is_signoff(line: str) -> bool:
    """A sign-off (`ends`, `mfl`, `more`, `-30-`, `###` and what desks append to them)."""
    one_line = " ".join(line.split())
    return len(one_line) <= 40 and _SIGNOFF.match(one_line) is not None


def is_byline(line: str) -> bool:
    """`By Jo Bloggs, Crime Correspondent, PA News`: short, and not a sentence ("By then, ... .")."""
    one_line = " ".join(line.split())
    return (len(one_line) <= 120 and _BYLINE.match(one_line) is not None
            and not one_line.endswith((".", "?", "!")))


def _kind(shown: str, before: list[WireSpan]) -> str | None:
    one_line = " ".join(shown.split())
    if is_signoff(one_line):
        return SIGNOFF
    if is_byline(one_line):
        return BYLINE
    content = [sp for sp in before if sp.kind not in (HEADER,)]
    if len(one_line) <= 60 and _NOTE.match(one_line) and len(content) <= 2:
        return HEADER  # an editorial note to the desk before the story: "(with pics)"
    return None
