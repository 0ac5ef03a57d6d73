"""Names of people and places: the words a story writes capitalised inside sentences.

Independent reports of one event share these in nearly every paragraph, so the
aligner never lets shared names alone make two paragraphs "the same fact", and the
relation rules treat one name put in place of another as another fact.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..model import Version
from .textnorm import fold, stem

# A word, with the sentence-opening punctuation (or the block's start) right before it, if any.
# findall gives the word, or "" when the lead is there (one pattern, so `re` does the
# filtering: a word after a lead is matched whole by the first branch, never by the second).
_MID_WORD = re.compile(r"(?:^ |[.!?:\u201c\"]\s*)(?<![\w'\u2019-])[^\W\d_][\w'\u2019-]*"
                       r"|(?<![\w'\u2019-])([^\W\d_][\w'\u2019-]*)")


@lru_cache(maxsize=200_000)
def _name_key(word: str) -> str:
    """The term a word (as written) stands for: cached, names recur in every paragraph."""
    return stem(fold(word))


def _name_terms(versions: list[Version]) -> frozenset[str]:
    """Terms written capitalised wherever they occur inside a sentence: names of people and places.

    Independent reports of one event share these in nearly every paragraph, so shared
    names alone never make two paragraphs "the same fact". Headlines in Title Case
    are skipped: their capitals say nothing.
    """
    upper: dict[str, int] = {}
    lower: dict[str, int] = {}
    seen: Counter[str] = Counter()
    texts = dict.fromkeys(b.display for v in versions for b in v.blocks if b.kind in ("paragraph", "caption"))
    for display in texts:  # each distinct paragraph once: copies say nothing new about case
        # words not preceded by sentence-opening punctuation (or the block start); those
        # that are come back as "" (counted in C, no generator: this runs on every pair)
        seen.update(_MID_WORD.findall(" " + display))
    seen.pop("", None)
    for word, n in seen.items():
        for part in word.split("-") if "-" in word else (word,):
            if part:
                # fold() of an ASCII word is its lower case (no space, no quote mark to even
                # out but a doubled apostrophe): the stem cache alone, no fold per new word
                key = stem(part.lower()) if part.isascii() and "''" not in part else _name_key(part)
                counts = upper if part[0].isupper() else lower
                counts[key] = counts.get(key, 0) + n
    return frozenset(t for t, n in upper.items() if n >= 1 and lower.get(t, 0) * 3 <= n)
