"""Figures and what they count: money, percentages, counts, ages, ranges, spelled numbers.

A figure is its value with what makes it the fact it is: the currency and scale
(£4.5 million, £4.5m and £4,500,000 are one value; `#` before a digit is `£` in ASCII
wire copy that has no `£`), a percentage, an age ("Price, 26,", "the 26-year-old",
"aged 26"), the noun it counts ("2,300 homes"), a range ("between 10 and 20",
"10-20") and its qualifier: "more than", "nearly", "almost", "about", "up to", "at
least" are part of the fact, so "more than half" and "nearly half" differ.
Spelled numbers ("four", "twenty-one", "two million", "a dozen", "half") are read;
"one" and "a" count only with a scale or a qualifier ("one million", "only one"),
or they would turn every "one of the..." into a figure.

Numbers that are parts of dates, times, codes and names ("TS7", "COVID-19", "H5N8",
"1st") are not figures: `find_figures` skips the spans it is given and any digit
glued to letters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .words import FRACTIONS, QUALIFIERS, SCALES, TENS, UNITS, anchored_search, candidates, number_word, plain_number

_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_CUR = r"(?:US\$|A\$|C\$|NZ\$|HK\$|\u00a3|\$|\u20ac|\u00a5|#(?=\d))"
_DIG = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDS = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen", "half", "third", "thirds", "quarter", "quarters"],
                         key=len, reverse=True))
_TENS_RX = "|".join(TENS)
_UNITS_RX = "|".join(k for k in UNITS if k != "zero")
_SPELL = (rf"(?:(?:a|an|{_WORDS}|(?:{_TENS_RX})-(?:{_UNITS_RX}))"
          rf"(?:(?:\s+and\s+|[\s-]+)(?:{_WORDS}|(?:{_TENS_RX})-(?:{_UNITS_RX})))*)")
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|mn|m|k|tn)\b)"
_UNIT = (r"(?:\s?%|\s+per\s?cent\b|\s+percent\b|\s+percentage\s+points?\b|p\b|\s+pence\b|\s+pounds?\b(?:\s+sterling)?"
         r"|\s+dollars?\b|\s+euros?\b|\s+sterling\b)")
_ONE = (rf"(?:({_CUR})\s?)?(?:({_DIG})|\b({_SPELL})\b)({_SCALE})?({_UNIT})?(\+)?")
FIGURE = re.compile(rf"(?:\b({_QUAL})\s+)?(\bbetween\s+)?{_ONE}"
                    rf"(?:\s*(-|\u2013|to|and)\s*{_ONE})?", re.I)
# "four-day-old Matthew Young", "43-year-old Andrew Main's": a first name and a surname after the age
_NAME_AFTER = re.compile(r"\s+(?:[A-Z][\w-]*\s+){1,2}([A-Z][\w-]*)(?=[\u2019']s\b|[\s,.;:)]|$)")
_AGED = re.compile(r"[-\s](year|month|week|day)s?[-\s]old\b", re.I)
_AGE_UNIT = {"year": 1.0, "month": 1 / 12, "week": 7 / 365, "day": 1 / 365}  # ages compare in years
_AGE_AFTER = re.compile(r"\s*,\s*(?:of|from)\s|\s*\)|\s*,|\s+and\s+[A-Z]|\.?$")
# What every figure holds (a digit, a currency sign, a number word): the full pattern is tried
# only there and at the four words before (qualifiers: "no more than", "between").
_CANDIDATE = frozenset(_WORDS.split("|"))
_LEAD = re.compile(rf"(?:{_QUAL}|between|an?)\b", re.I)  # what a figure's words can open on before its number
_AGE_BEFORE = re.compile(r"(?:\baged\s+|([A-Z][\w'\u2019-]+)\s*,\s*|\(\s*)$")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]+)\b")
_NOT_NOUNS = frozenset("of the to in on at for and or but a an as by with from than per was were is are be been "
                       "has have had will would could should may might this that these those who which it its "
                       "their his her our old".split())
_SCALE_OF = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
             "trillion": 1e12, "tn": 1e12}
_CURRENCY = {"\u00a3": "GBP", "#": "GBP", "$": "USD", "us$": "USD", "\u20ac": "EUR", "\u00a5": "JPY",
             "a$": "AUD", "c$": "CAD", "nz$": "NZD", "hk$": "HKD"}


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    high: float | None  # the top of a range
    unit: str  # "GBP", "USD", "%", "age", "" for a count
    noun: str  # the noun counted ("homes"); for an age, whose ("price"); "" when none
    qualifier: str  # ">", "<", "~", "<~", "<=", ">=", "only" or ""
    digits: int  # significant digits written (for roundings)


def spelled_value(text: str) -> float | None:
    """"two hundred and fifty" -> 250, "a million" -> 1e6, "twenty-one" -> 21, "a dozen" -> 12."""
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            continue  # "a million", "a dozen", "a third": the word after says how many
        if w == "dozen":
            current = (current or 1) * 12
            seen = True
            continue
        if w in FRACTIONS:
            current = (current or 1) * FRACTIONS[w]
            seen = True
            continue
        v = number_word(w)
        if v is not None:
            current += v
            seen = True
        elif w in SCALES:
            if SCALES[w] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * SCALES[w]
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _significant(token: str) -> int:
    digits = token.replace(",", "").replace(".", "").lstrip("0").rstrip("0")
    return max(1, len(digits))


def _value(cur: str | None, dig: str | None, spell: str | None, scale: str | None, unit: str | None
           ) -> tuple[float, str, int] | None:
    if dig:
        v = plain_number(dig)
        sig = _significant(dig)
    else:
        v = spelled_value(spell or "")
        sig = 2
        low = (spell or "").lower().strip()
        if low in ("a", "an", "one", "half", "third", "quarter") and not scale and not unit:
            return None  # "a", "one", "half" alone: marked by a qualifier below, or no figure
    if v is None:
        return None
    if scale:
        v *= _SCALE_OF[scale.strip().lower()]
    kind = ""
    if cur:
        kind = _CURRENCY.get(cur.lower(), "GBP")
    elif unit:
        u = unit.strip().lower()
        if "%" in u or "cent" in u:
            kind = "pp" if "point" in u else "%"
        elif u in ("p", "pence"):
            kind, v = "GBP", v / 100
        elif u.startswith("pound") or u == "sterling":
            kind = "GBP"
        elif u.startswith("dollar"):
            kind = "USD"
        elif u.startswith("euro"):
            kind = "EUR"
    return v, kind, sig


def _noun(text: str, end: int) -> str:
    """The noun a figure counts: the last of up to three lower-case words after it ("2,300 new homes")."""
    noun = ""
    for _ in range(3):
        m = _NEXT_WORD.match(text, end)
        if not m or m.group(1) in _NOT_NOUNS:
            break
        noun, end = m.group(1), m.end()
    return noun


def _first_end(m: re.Match[str]) -> int:
    """The end of the first figure of a match (before a range's second figure)."""
    return max(m.end(k) for k in (3, 4, 5, 6, 7, 8) if m.group(k) is not None)


def find_figures(text: str, skip: Sequence[tuple[int, int]] = (), pound_hash: bool = False) -> list[Figure]:
    """The figures of a block's display text, leaving out the spans `skip` (dates, times)."""
    out: list[Figure] = []
    pos = 0
    cands = candidates(text, _CANDIDATE)
    while (m := anchored_search(FIGURE, cands, text, pos, back=4, lead=_LEAD)) is not None:
        s, e = m.span()
        pos = max(e, s + 1)
        qual, between, cur, dig, spell, scale, unit, plus = m.group(1, 2, 3, 4, 5, 6, 7, 8)
        joint, cur2, dig2, spell2, scale2, unit2 = m.group(9, 10, 11, 12, 13, 14)
        if cur == "#" and not pound_hash:
            continue
        if any(a < e and s < b for a, b in skip):
            continue
        if (s and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum() and text[e - 1].isdigit()):
            continue  # TS7, H5N8: a code, not a figure
        if s and text[s - 1] in "-/" and s > 1 and text[s - 2].isalpha():
            continue  # COVID-19
        if dig and re.match(r"(?:st|nd|rd|th)\b", text[m.end(4):m.end(4) + 3]):
            continue  # an ordinal
        if dig and len(dig) == 4 and dig.isdigit() and 1800 <= int(dig) <= 2100 and not (cur or scale or unit or qual):
            continue  # a year ("the Medicines Act 1968"): a date or a name, not a figure
        got = _value(cur, dig, spell, scale, unit)
        if got is None:
            if qual and spell and spell.lower() in ("one", "half", "a third", "a quarter", "third", "quarter"):
                got = (spelled_value(spell) or 1.0, "", 1)
            else:
                continue
        value, kind, sig = got
        high = None
        if (dig2 or spell2) and (joint.lower() != "and" or between):
            top = _value(cur2 or cur, dig2, spell2, scale2 or scale, unit2 or unit)
            if top is not None and top[0] > value:
                if not scale and scale2:
                    value *= _SCALE_OF[scale2.strip().lower()]
                high, kind = top[0], kind or top[1]
            else:  # "2 to 1": keep the first figure only
                e = pos = _first_end(m)
        elif dig2 or spell2:  # "10 and 20" outside "between": two figures; the first one here
            e = pos = _first_end(m)
        who = ""
        if kind == "" and not unit and _AGE_AFTER.match(text, e) and value < 120 and not high and \
                (before := _AGE_BEFORE.search(text[max(0, s - 40):s])):
            kind, who = "age", (before.group(1) or "").lower()  # "Price, 26,": Price's age
        elif kind == "" and (old := _AGED.match(text, e)) and value < 400:
            kind, value = "age", value * _AGE_UNIT[old.group(1).lower()]  # "three-week-old": 21 days, in years
            e = old.end()
            named = _NAME_AFTER.match(text, e)  # "four-day-old Matthew Young": Young's age
            who = named.group(1).lower() if named else ""
        noun = ""
        if kind == "age":
            noun = who
        elif kind == "":
            noun = _noun(text, e)
        q = QUALIFIERS.get(re.sub(r"\s+", " ", qual.lower())) if qual else ""
        if plus:
            q = q or ">="
        while e > s and text[e - 1] in " .,":
            e -= 1
        lead = re.match(r"(?:a|an)\s+(?=[a-z]+(?:-[a-z]+)?\b)", text[s:e], re.I)
        if lead and spell and number_word(text[s + lead.end():e].split()[0].split("-")[0]) is not None:
            s += lead.end()  # "a seven-year sentence": the figure is "seven"
        out.append(Figure(s, e, text[s:e], value, high, kind, noun, q or "", sig))
    return out


def rounding_of(x: float, y: float, digits: int) -> bool:
    """Is `x` (written with `digits` significant digits) `y` rounded? £4.5m for £4,473,000."""
    if x == y:
        return True
    if x <= 0 or y <= 0:
        return False
    unit = 10 ** (math.floor(math.log10(x)) - digits + 1)
    return abs(x - y) <= unit / 2 + 1e-9 * x


def same_person(x: str, y: str) -> bool:
    """Whose ages these are, as far as the text says: the same surname, or a spelling of it
    ("Kattab" / "Khattab"), or one not said."""
    if not x or not y or x == y or x.split("-")[-1] == y.split("-")[-1]:  # "Taylor-Lloyd" / "Lloyd"
        return True
    return x[0] == y[0] and Levenshtein.distance(x, y) <= 2


def same_figure(a: Figure, b: Figure, loose: bool = False) -> bool:
    """One fact written two ways: same value (or one a rounding of the other) of the same kind of thing.
    `loose`: the value stated at all, whatever its qualifier and whoever's age it is."""
    if loose:
        a = Figure(a.start, a.end, a.text, a.value, a.high, a.unit, b.noun, b.qualifier, a.digits)
    if a.unit == "age" == b.unit and not same_person(a.noun, b.noun):
        return False  # two people's ages
    if a.unit != b.unit and a.unit and b.unit and {a.unit, b.unit} != {"age", ""}:
        return False
    if a.unit != b.unit and not (a.value == b.value):
        return False
    if (a.high is None) != (b.high is None):
        return False
    if a.value == b.value and a.high == b.high:
        return a.qualifier == b.qualifier or {a.qualifier, b.qualifier} <= {"only", ""}
    approx = {"~", "<~", ""}
    if not (a.qualifier == b.qualifier or {a.qualifier, b.qualifier} <= approx):
        return False
    return (rounding_of(a.value, b.value, a.digits) or rounding_of(b.value, a.value, b.digits)) and \
        (a.high is None or b.high is None or rounding_of(a.high, b.high, a.digits) or
         rounding_of(b.high, a.high, b.digits))
