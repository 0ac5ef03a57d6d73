"""Words of a block as facts compare them: folded, with their offsets, and number words read.

A quotation is compared word by word: case, accents written two ways, curly or
straight apostrophes and hyphens ("re-opened" / "reopened") do not make two words
differ, and neither do "four" and "4".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

# A word: letters and digits, with inner apostrophes, hyphens and decimal points/commas.
WORD = re.compile(r"[^\W_]+(?:[-'\u2019.,/][^\W_]+)*")

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
# Words before a figure that are part of it, and what they say ("more than half" is not "nearly half").
QUALIFIERS = {
    "more than": ">", "over": ">", "above": ">", "in excess of": ">", "just over": ">", "upwards of": ">",
    "less than": "<", "fewer than": "<", "under": "<", "below": "<", "just under": "<~",
    "nearly": "<~", "almost": "<~", "close to": "<~", "not quite": "<~",
    "about": "~", "around": "~", "approximately": "~", "roughly": "~", "some": "~", "an estimated": "~",
    "estimated": "~", "up to": "<=", "as much as": "<=", "at most": "<=", "no more than": "<=", "as many as": "<=",
    "at least": ">=", "no fewer than": ">=", "no less than": ">=", "only": "only", "just": "only",
}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}


def number_word(word: str) -> float | None:
    """The value of one spelled number word ("four", "twenty-one", "hundred"), else None."""
    w = word.lower()
    if w in UNITS:
        return UNITS[w]
    if w in TENS:
        return TENS[w]
    if "-" in w:
        head, _, tail = w.partition("-")
        if head in TENS and tail in UNITS and 0 < UNITS[tail] < 10:
            return TENS[head] + UNITS[tail]
    return None


def plain_number(token: str) -> float | None:
    """A figure written in digits ("2,300", "4.5", "1,750.00"), else None."""
    t = token.replace(",", "")
    if not t or not (t[0].isdigit() or (t[0] == "." and t[1:2].isdigit())):
        return None
    try:
        return float(t)
    except ValueError:
        return None


_MONTH_ABBR = {"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
               "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
               "dec": "december"}


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def key(word: str) -> str:
    """The comparison form of one word: folded, no accents, apostrophes or hyphens; numbers as digits."""
    w = _strip_accents(word).casefold().replace("\u2019", "").replace("'", "").replace("-", "")
    if w.endswith(".") or w.endswith(","):
        w = w.rstrip(".,")
    w = _MONTH_ABBR.get(w, w)
    value = number_word(word)
    if value is None:
        value = plain_number(w)
    if value is not None:
        return f"{value:g}"
    return w


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(key, start, end) of each word of text[start:end] (offsets in `text`)."""
    out = []
    for m in WORD.finditer(text, start, len(text) if end is None else end):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in ".,":  # a sentence's full stop is not part of its last word
            e -= 1
        out.append((key(text[s:e]), s, e))
    return out


def keys(text: str) -> tuple[str, ...]:
    """The word keys of a text (see `key`)."""
    return tuple(k for k, _, _ in tokens(text))


# Sentence ends: . ! ? (and a closing quote after them), before white space and a capital or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence of `text` holding offset `pos`."""
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def fold(text: str) -> str:
    """Words joined by single spaces, in comparison form."""
    return " ".join(keys(text))


def _starts_before(text: str, p: int, back: int, floor: int) -> list[int]:
    """Where the `back` words before offset `p` start (not before `floor`), in reading order."""
    out = []
    k = p
    for _ in range(back):
        j = k - 1
        while j >= floor and text[j].isspace():
            j -= 1
        if j < floor:
            break
        while j >= floor and not text[j].isspace():
            j -= 1
        k = j + 1
        start = k
        while start < p and not text[start].isalnum() and text[start] not in "\u00a3$\u20ac#":
            start += 1  # a quote mark or a bracket before the word
        out.append(start)
    return out[::-1]


_TOKEN = re.compile(r"[\u00a3$\u20ac\u00a5#]|[^\W_]+")  # "mid-February" is "mid" and "February"
_OPENS_FIGURE = frozenset("0123456789\u00a3$\u20ac\u00a5#")


@lru_cache(maxsize=8192)
def _tokens_of(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Offsets and lower-case forms of the words (and currency signs) of `text`."""
    found = list(_TOKEN.finditer(text))
    if not text.isascii():
        return tuple(m.start() for m in found), tuple(m.group().lower() for m in found)
    low = text.lower()  # once: lowering the whole text per word made a paragraph cost its length squared
    return tuple(m.start() for m in found), tuple(low[m.start():m.end()] for m in found)


def candidates(text: str, words: frozenset[str]) -> list[int]:
    """Offsets of the words of `text` a fact can hold: a digit or currency sign, or one of `words`
    (a scan of the text's words, shared by every kind of fact: cheaper than a pattern of them)."""
    starts, heads = _tokens_of(text)
    return [k for k, head in zip(starts, heads) if head[0] in _OPENS_FIGURE or head in words]


def anchored_search(rx: re.Pattern[str], cands: list[int], text: str, pos: int = 0,
                    back: int = 0, lead: re.Pattern[str] | None = None) -> re.Match[str] | None:
    """The first match of `rx` at or after `pos` holding one of the offsets `cands` (where the
    tokens every match must hold stand: digits, month names...). `rx` is tried only there and at
    the `back` words before them that `lead` matches (the words a match can open on: "more
    than", "the"), so a paragraph costs about one look at each of its words."""
    for p in cands[bisect_left(cands, pos):]:
        for q in _starts_before(text, p, back, pos) if back else ():
            if lead is not None and lead.match(text, q) is None:
                continue
            m = rx.match(text, q)
            if m is not None and m.end() > p:
                return m
        m = rx.match(text, p)
        if m is not None:
            return m
    return None

