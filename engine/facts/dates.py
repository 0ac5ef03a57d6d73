"""Dates and times, and when two of them name the same day.

Found: weekdays ("on Tuesday", "Tuesday night"), dates ("20 February", "February 20th,
2021", "Saturday 13 March"), periods ("mid-February 2021", "June/July 2021", "the
first half of 2021", "spring 2020", years standing alone), times ("5pm", "8.30am",
"11:59pm", "noon") and relative days ("today", "yesterday", "last night", "this
morning"). Dates joined by "and", "or", "to", "until" or a dash are one fact
("Saturday 13 March and Sunday 14 March", "6am to 5pm").

The same day named two ways is not a change: a wire filed on a Tuesday says
"today", the next morning's paper says "yesterday" or "on Tuesday". With the versions'
`published` dates the relative words and weekdays are resolved to days and compared;
without them, a shift of one day between relative words, or a weekday against a
relative word, is taken as the same day (it can be; a reader would not call it wrong).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .words import anchored_search, candidates

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
             "sun": 6}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MO_SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
             "oct": 10, "nov": 11, "dec": 12}
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun)\.?"
_MO = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
       r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_DATE = (rf"(?:(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MO}(?:,?\s+{_YEAR})?"
         rf"|(?:{_WD},?\s+)?{_MO}\s+{_DAY}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?"
         rf"|(?:(?:early|mid|late)[\s-]+)?{_MO}(?:\s*/\s*{_MO})?\s+{_YEAR}"
         rf"|(?:[Mm]id|[Ee]arly|[Ll]ate)[\s-]+{_MO}"
         rf"|(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ll]ast)\s+(?:half|quarter)\s+of\s+{_YEAR}"
         rf"|(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)\s+(?:of\s+)?{_YEAR}|Q[1-4]\s+{_YEAR}"
         rf"|{_WD}{_PART}"
         rf"|(?<![\d,.£$#-]){_YEAR}(?![\d,.]\d))")
_REL = (r"(?:today|tonight|yesterday(?:\s+(?:morning|afternoon|evening))?|tomorrow(?:\s+(?:morning|afternoon|"
        r"evening|night))?|last\s+night|this\s+(?:morning|afternoon|evening))")
_TIME = r"(?:(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)|(?:[01]?\d|2[0-3]):[0-5]\d|noon|midday|midnight)"
_ONE_DAY = rf"(?:{_DATE}|{_REL})"
_JOIN = r"(?:\s*(?:,|and|or|to|until|till|through|-|\u2013|\u2014)\s+(?:on\s+)?|\s*[-\u2013]\s*)"
DAYS = re.compile(rf"\b{_ONE_DAY}(?:{_JOIN}{_ONE_DAY})*\b", re.I)
TIMES = re.compile(rf"\b{_TIME}(?:{_JOIN}{_TIME})*(?![\w])", re.I)
# Tokens every date or time holds: the patterns are tried only there (and one word before: "the 13th").
_DAY_CANDIDATE = frozenset((
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec early mid late half quarter spring summer autumn winter q1 q2 q3 q4 today "
    "tonight yesterday tomorrow night morning afternoon evening").split())
_TIME_CANDIDATE = frozenset(("noon", "midday", "midnight"))
_DAY_LEAD = re.compile(rf"(?:the|first|second|third|last|this|early|mid|late|yesterday|tomorrow|{_WD})\b", re.I)
_REL_OFFSET = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}


@dataclass(frozen=True, slots=True)
class When:
    """One date or time fact. `parts`: for each day named, (weekday, day, month, year, relative
    offset, period text); for a time, `minutes` of each time named."""

    start: int
    end: int
    text: str
    kind: str  # "day" or "time"
    parts: tuple[tuple[int | None, int | None, int | None, int | None, int | None, str], ...] = ()
    minutes: tuple[int, ...] = ()


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _MONTHS:
        return _MONTHS.index(w) + 1
    return _MO_SHORT.get(w)


def _weekday(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _WEEKDAYS:
        return _WEEKDAYS.index(w)
    return _WD_SHORT.get(w)


_ONE_DAY_RX = re.compile(_ONE_DAY, re.I)


def _day_parts(text: str) -> tuple:
    parts = []
    for m in _ONE_DAY_RX.finditer(text):
        words = re.findall(r"[A-Za-z]+|\d+", m.group())
        wd = day = mo = yr = rel = None
        for w in words:
            if w.isdigit():
                n = int(w)
                if len(w) == 4:
                    yr = n
                elif day is None:
                    day = n
            elif (x := _month(w)) is not None and not (w.lower() == "may" and w[0].islower()):
                mo = x
            elif (x := _weekday(w)) is not None:
                wd = x
            elif w.lower() in _REL_OFFSET and rel is None:
                rel = _REL_OFFSET[w.lower()]
        period = "" if (day or wd is not None or rel is not None) else m.group().lower()
        if mo is None and day is not None and wd is None:
            day = None  # "the 13" is not a date
        parts.append((wd, day, mo, yr, rel, re.sub(r"[\s-]+", " ", period)))
    return tuple(parts)


def _minutes(text: str) -> tuple[int, ...]:
    out = []
    for m in re.finditer(_TIME, text, re.I):
        t = m.group().lower().replace(".", ":").replace(" ", "")
        if t in ("noon", "midday"):
            out.append(720)
            continue
        if t == "midnight":
            out.append(0)
            continue
        pm = "pm" in t or "p:m:" in t
        am = "am" in t or "a:m:" in t
        digits = re.match(r"(\d+)(?::(\d+))?", t)
        if not digits:
            continue
        h, mi = int(digits.group(1)), int(digits.group(2) or 0)
        if pm and h < 12:
            h += 12
        if am and h == 12:
            h = 0
        out.append(h * 60 + mi)
    return tuple(out)


def find_dates(text: str) -> list[When]:
    """The day and time facts of a block's display text."""
    out: list[When] = []
    pos = 0
    # one word back: "the 13th", "first half", "last night", "this morning"
    cands = candidates(text, _DAY_CANDIDATE)
    while (m := anchored_search(DAYS, cands, text, pos, back=1, lead=_DAY_LEAD)) is not None:
        pos = max(m.end(), m.start() + 1)
        g = m.group()
        if re.fullmatch(r"(?:may|march|sun|sat|wed|mar|jan)", g, re.I) and g[0].islower():
            continue  # a verb or a noun that spells a month or a weekday
        if re.fullmatch(_YEAR, g) and not re.search(r"\b(?:in|since|of|until|by|from|to)\s+$", text[:m.start()]):
            continue  # a bare four-digit number not said as a year
        if g in ("May", "March", "Sun", "Sat", "Wed") and not re.search(r"\b(?:on|in|by|until|from)\s+$",
                                                                        text[:m.start()]):
            continue
        parts = _day_parts(g)
        if parts:
            out.append(When(m.start(), m.end(), g, "day", parts))
    pos = 0
    cands = candidates(text, _TIME_CANDIDATE)
    while (m := anchored_search(TIMES, cands, text, pos)) is not None:
        pos = max(m.end(), m.start() + 1)
        if any(w.start <= m.start() < w.end for w in out):
            continue
        out.append(When(m.start(), m.end(), m.group(), "time", minutes=_minutes(m.group())))
    return sorted(out, key=lambda w: w.start)


def _resolve(part: tuple, published: dt.date | None) -> set[dt.date] | None:
    """The days a part can name, given the version's publication day; None when unknown."""
    wd, day, mo, yr, rel, period = part
    if period:
        return None
    if day is not None and mo is not None:
        years = [yr] if yr else ([published.year, published.year - 1, published.year + 1] if published else [])
        got = set()
        for y in years:
            try:
                got.add(dt.date(y, mo, day))
            except ValueError:
                pass
        return got or None
    if published is None:
        return None
    if rel is not None:
        return {published + dt.timedelta(days=rel)}
    if wd is not None:
        return {published + dt.timedelta(days=k) for k in range(-7, 8) if (published.weekday() + k) % 7 == wd}
    return None


def _qualifier(period: str) -> str:
    """What a period says besides its months and year: "first half of", "mid", "spring"."""
    return " ".join(w for w in re.split(r"[\s/]+", period)
                    if w and not w.isdigit() and _month(w) is None and w != "of")


def _same_part(a: tuple, b: tuple, pa: dt.date | None, pb: dt.date | None) -> bool:
    ra, rb = _resolve(a, pa), _resolve(b, pb)
    if ra is not None and rb is not None:
        return bool(ra & rb)
    wa, da, ma, ya, rela, pera = a
    wb, db, mb, yb, relb, perb = b
    if pera or perb:  # a period: the same, or one says less ("1997" and "June 1997")
        if pera == perb:
            return True
        qa, qb = _qualifier(pera), _qualifier(perb)
        return (da is None and db is None and wa is None and wb is None and rela is None and relb is None
                and (ya is None or yb is None or ya == yb) and (ma is None or mb is None or ma == mb)
                and not (ya is None and yb is None) and (qa == qb or not qa or not qb))
    if da is not None and db is not None and ma is not None and mb is not None:
        return (da, ma) == (db, mb) and (ya is None or yb is None or ya == yb)
    if wa is not None and wb is not None:
        return wa == wb
    if rela is not None and relb is not None:
        return abs(rela - relb) <= 1  # "today" filed one day, "yesterday" printed the next
    return True  # a weekday or a date against a relative day: can be the same day


def same_when(a: When, b: When, published_a: dt.date | None = None, published_b: dt.date | None = None) -> bool:
    """Do two date or time facts name the same days or times (see the module docstring)?"""
    if a.kind != b.kind:
        return False
    if a.kind == "time":
        return a.minutes == b.minutes
    if len(a.parts) != len(b.parts):
        return False
    return all(_same_part(x, y, published_a, published_b) for x, y in zip(a.parts, b.parts))


def comparable(a: When, b: When, known: bool = False) -> bool:
    """Could one be the other changed: both times, or both days of the same sort (a date with a
    day number, a weekday, a period); relative words ("today") only when both versions' days
    are `known` (then every day word names a day)."""
    if a.kind != b.kind:
        return False
    if a.kind == "time":
        return True
    sort = [{("date" if p[1] is not None else "weekday" if p[0] is not None else "period" if p[5] else "rel")
             for p in w.parts} for w in (a, b)]
    if known and not (sort[0] | sort[1]) & {"period"}:
        return True
    return bool(sort[0] & sort[1]) and "rel" not in sort[0] | sort[1]


def published_day(published: str | None) -> dt.date | None:
    """The day of a version's `published` (ISO 8601) stamp."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def spans(found: Sequence[When]) -> list[tuple[int, int]]:
    return [(w.start, w.end) for w in found]
