"""Normalising and tokenising article text.

Two kinds of tokens are needed:

* *diff tokens* (`diff_tokens`) cut a string into words, white-space runs and single
  other characters so that joining them gives the string back exactly. Marks that
  combine with the previous character (accents, emoji modifiers, variation selectors,
  zero-width joiners) stay attached to it, so a highlight never splits a grapheme.
* *word keys* (`word_keys`) are normalised words used to measure similarity: Unicode
  NFKC, curly quotes and dashes folded, case folded. Scripts written without spaces
  (Chinese, Japanese) fall back to one token per character.

`content_terms` goes one step further for similarity: it drops function words and
strips common English inflections so that "signed"/"signing" and "ties"/"tie" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


# Characters that continue the grapheme started by the previous character: every
# combining mark of the Unicode database (Mn, Mc, Me: accents, Indic vowel signs,
# Bengali sandhi marks...), read from it (on first need, see _Full; `mark_table` keeps a
# reading, used only under the same database version) because a hand-kept list always
# misses a script, plus ZWNJ, emoji skin tones and tag characters.
def _mark_ranges() -> list[tuple[int, int]]:
    """The mark ranges: from the generated table when it was read from this Python's
    Unicode database (the common case, instant), else read from the database now."""
    from .mark_table import MARK_RANGES, UNIDATA_VERSION

    return list(MARK_RANGES) if UNIDATA_VERSION == unicodedata.unidata_version else _scan_marks()


def _scan_marks() -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for cp in [*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)]:
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return [(a, b) for a, b in ranges]


def _class(ranges: list[tuple[int, int]]) -> str:
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


_APOS = "'\u2019"
# Scripts without spaces between words: each character is its own word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc"


class _Full:
    """The full patterns, for text beyond the fast path (see `_SPECIAL` below).

    Built on first use: compiling them costs ~10 ms (and reading the combining marks from
    the Unicode database, when `mark_table` was generated from another one, ~16 ms more),
    which Latin-script comparisons (and the app's start) never need to pay.
    """

    def __init__(self) -> None:
        # Split at the BMP: a class with only BMP characters compiles to a bitmap (one
        # lookup); astral ranges make `re` scan the ranges one by one (3x slower on 5 MB).
        marks = _mark_ranges()
        joiners_bmp = _class([r for r in marks if r[1] < 0x10000]) + "\u200c"
        joiners_astral = _class([r for r in marks if r[0] >= 0x10000]) + "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
        joiner = rf"(?:[{joiners_bmp}]|(?=[\U00010000-\U0010ffff])[{joiners_astral}])"
        # A flag is two regional indicator letters: one grapheme.
        flag = "[\U0001f1e6-\U0001f1ff]{2}"
        # What continues a grapheme after its first character: combining marks, and a
        # zero-width joiner with the character it glues on (woman + ZWJ + laptop). A
        # joiner never starts a token, so a highlight never begins or ends inside an emoji.
        tail = rf"(?:{joiner}|\u200d(?:{flag}|.|\n)?)*"
        word_char = rf"(?:(?![{_CJK}])[^\W_]|{joiner}|\u200d)"
        # In diff tokens a joiner takes the character after it, whatever it is.
        diff_word_char = rf"(?:(?![{_CJK}])[^\W_]|{joiner}|\u200d(?:{flag}|.|\n)?)"
        self.diff_token = re.compile(
            rf"[{_CJK}]{tail}"  # one CJK character (plus marks)
            rf"|{diff_word_char}+(?:[{_APOS}]{diff_word_char}+)*"  # a word, with inner apostrophes
            rf"|\s+{tail}"  # a white-space run (a stray mark after it stays with it)
            rf"|(?:{flag}|.|\n){tail}",  # any other grapheme
            re.DOTALL,
        )
        self.grapheme = re.compile(rf"(?:{flag}|.|\n){tail}", re.DOTALL)
        self.word = re.compile(rf"[{_CJK}]|{word_char}+(?:[{_APOS}]{word_char}+)*")


@lru_cache(maxsize=1)
def _full() -> _Full:
    return _Full()


_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u2026": "...",
        "\u00ad": None, "\u200b": None, "\ufeff": None, "\u2060": None,
    }
)
_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]|_")


def collapse_ws(text: str) -> str:
    """Every run of white space (no-break spaces and line breaks too) becomes one space."""
    # Most texts come here collapsed already (a block's shown text, folded again): printable
    # ASCII (no tab, line break or other control character) with single spaces only, none
    # at either end, is returned as it is, after scans in C instead of a list of its words.
    # str.split() splits at exactly what `\s` matches (str.isspace), 5x faster than re.sub.
    if text.isascii() and text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


# After curly quotes are folded: a double mark, or two single marks (TeX's ``closing''),
# is one quote mark like a single one. British copy quotes with single marks where
# agency copy uses double ones; which mark is used is house style, not a change.
_ONE_MARK = re.compile("''|\"")


def fold(text: str, *, ignore_case: bool = True, ignore_quotes: bool = True,
         ignore_punctuation: bool = False, one_quote_mark: bool = True) -> str:
    """The comparison form of a text: NFKC, folded quotes/dashes, one space between words.

    `ignore_quotes` evens out the style of quote marks: curly and straight, and (with
    `one_quote_mark`, as for deciding that two texts are identical) single and double
    too, so 'this', "this", “this”, «this» and ``this'' are one text.
    """
    if text.isascii():  # NFKC leaves ASCII alone, and the only ASCII quote to fold is "`"
        if ignore_quotes and "`" in text:
            text = text.replace("`", "'")
    else:
        text = unicodedata.normalize("NFKC", text)
        if ignore_quotes:
            text = text.translate(_QUOTES)
    if ignore_quotes and one_quote_mark and ('"' in text or "''" in text):
        text = _ONE_MARK.sub("'", text)
    if ignore_case:
        text = text.casefold()
    if ignore_punctuation:
        text = _PUNCT.sub(" ", text)
    return collapse_ws(text)


# Fast path. Text of Latin letters, ASCII and the punctuation news copy uses (curly
# quotes, dashes, currency) holds no combining mark, joiner, CJK or astral character,
# and for it the patterns above reduce to these, which `re` runs 3-5x faster.
_SPECIAL = re.compile("[^\x00-\u02ff\u2010-\u205f\u20a0-\u20cf]")
_PLAIN_WORD = re.compile(rf"[^\W_]+(?:[{_APOS}][^\W_]+)*")
_PLAIN_DIFF_TOKEN = re.compile(rf"[^\W_]+(?:[{_APOS}][^\W_]+)*|\s+|.", re.DOTALL)


def diff_tokens(text: str) -> list[str]:
    """Cut `text` into words, white-space runs and graphemes; ''.join(result) == text."""
    pattern = _full().diff_token if _SPECIAL.search(text) else _PLAIN_DIFF_TOKEN
    return pattern.findall(text)


def char_tokens(text: str) -> list[str]:
    """Cut `text` into graphemes (a character with the marks that combine with it)."""
    return _full().grapheme.findall(text) if _SPECIAL.search(text) else list(text)


@lru_cache(maxsize=16384)
def word_keys(text: str) -> tuple[str, ...]:
    """Normalised words of `text` (NFKC, case and quote folded), in order.

    Cached: splitting counts a block's words and similarity needs its keys again
    (16,384 texts: 20 versions x 200 paragraphs use ~6,000; a fuzzing run showed the
    old 65,536 holding ~60 MB of random texts).
    """
    # Quote marks are never part of a word, but an apostrophe is: the keys keep them apart.
    folded = fold(text, one_quote_mark=False)
    if folded.isascii():
        return tuple(ascii_words(folded))
    return tuple((_full().word if _SPECIAL.search(folded) else _PLAIN_WORD).findall(folded))


# ASCII text: every byte but a letter, a digit or an apostrophe becomes a space.
_ASCII_GAPS = bytes(b if chr(b).isalnum() and b < 128 or b == 0x27 else 0x20 for b in range(256))
_APOSTROPHES = re.compile("''+")


def ascii_words(text: str) -> list[str]:
    """`_PLAIN_WORD.findall(text)` for ASCII text, 5x faster: words are runs of letters
    and digits, joined by single apostrophes between them (a split on bytes, no regex)."""
    words = text.encode("ascii").translate(_ASCII_GAPS).decode("ascii").split()
    if "'" not in text:
        return words
    out: list[str] = []
    for w in words:
        if "'" not in w:
            out.append(w)
            continue
        # Only a single apostrophe with letters or digits on both sides stays inside a word.
        out.extend(x for x in (part.strip("'") for part in _APOSTROPHES.split(w)) if x)
    return out


# Function words carry no facts; leaving them out keeps "the"/"of" from linking paragraphs.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just may me might more most must my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those
    through to too under until up upon very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says say saying told
    according s t also amid amidst among though although however including include includes
    included would've we've they've i'm it's he's she's that's there's one two new""".split()
)

_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "eed", "ed", "ly")
_ES = ("sses", "shes", "ches", "xes", "zes")
_SUFFIX_ENDS = frozenset(s[-1] for s in _SUFFIXES)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English suffix stripper: enough for inflections, harmless elsewhere."""
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    if len(word) <= 3 or not word.isalpha():
        return word
    return _british(_strip(word))


def _strip(word: str) -> str:
    if word.endswith(_ES):
        return word[:-2]
    if len(word) == 4 and word.endswith("ies"):
        return word[:-1]  # ties, lies, dies
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ies")):
        word = word[:-1]
    if word[-1] not in _SUFFIX_ENDS:
        return word  # most words: no suffix can end here
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (2 if suffix == "eed" else 4):
            root = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return root + "y"
            if suffix == "eed":
                return root + "ee"
            return root
    return word


_SPELLING = {"defence": "defense", "offence": "offense", "licence": "license",
             "programme": "program", "practise": "practice", "catalogue": "catalog"}


def _british(root: str) -> str:
    """Meet British and American spellings: criticis(ed) / criticiz(ed), honour / honor."""
    root = _SPELLING.get(root, root)
    if len(root) >= 6 and root.endswith(("is", "ys")) and root[-3] not in "aeiou":
        return root[:-1] + "z"
    if len(root) >= 6 and root.endswith("our"):
        return root[:-2] + "r"
    return root


@lru_cache(maxsize=200_000)
def _content_term(word: str) -> str:
    """The content term of one word ('' for a function word, or one whose stem is one)."""
    if word in STOPWORDS:
        return ""
    s = stem(word)
    return s if s not in STOPWORDS else ""


def content_terms(words: Iterable[str]) -> list[str]:
    """Stems of the words that carry content (no function words), in order."""
    # Per word through a cache, all in C (map/filter): this runs on every block and
    # sentence of every comparison, and a news vocabulary repeats its words.
    return list(filter(None, map(_content_term, words)))



# Quoted speech: double quotes, straight or curly (single quotes double as apostrophes).
_QUOTED = re.compile(r"[\u201c\"][^\u201d\"]{0,2000}[\u201d\"]")


def narrative_ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    """Word n-grams of `text` outside quotation marks (no n-gram spans a quotation).

    Independent reports of one event share the quotes both reporters heard; wording
    of the narration shared beyond that says one text was written from the other.
    """
    out: set[tuple[str, ...]] = set()
    for part in _QUOTED.sub("\x00", text).split("\x00"):
        k = word_keys(part)
        out.update(tuple(k[x:x + n]) for x in range(len(k) - n + 1))
    return out
