"""Do two linked texts state other facts? The relation rules ask before calling a link
"paraphrased", which promises the same content reworded.

A reworded paragraph that gives the same thing another figure ("shares rose 5%" /
"shares rose 3%", "jailed for four years" / "jailed for five years") or another date
("on 12 May" / "on 21 May") says something else: the link is an edit of that fact, and
the ledger lists it. A paragraph that only says *more* (a figure or a date the other
lacks) is still a paraphrase of what both say; the ledger lists what it adds.
Figures are compared as the ledger compares them (`numbers.same_figure`: 4 = four,
£4.5m = £4,500,000, roundings), dates as days (`dates.same_when`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .words import QUALIFIERS

if TYPE_CHECKING:
    from .dates import When
    from .numbers import Figure

_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())


@lru_cache(maxsize=20_000)
def _facts(text: str) -> tuple[tuple[Figure, ...], tuple[When, ...]]:
    # Imported here: their patterns take ~50 ms to compile, which a comparison whose linked
    # paragraphs state the same numbers (or `import engine`) never needs to pay.
    from .numbers import find_figures

    # only a date with a day and a month can conflict: no month named, no dates to read
    whens: list[When] = []
    if _MONTHS.intersection(_LETTERS.findall(text.lower())):
        from .dates import find_dates

        whens = find_dates(text)
    figures = find_figures(text, [(w.start, w.end) for w in whens], pound_hash="\u00a3" not in text)
    return tuple(figures), tuple(w for w in whens if w.kind == "day" and any(p[1] and p[2] for p in w.parts))


# Numbers as written, for a cheap first look: most linked paragraphs state the same numbers, or
# one states nothing the other lacks, and then no figure or date can conflict.
_DIGITS = re.compile(r"\d[\d,.]*")
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                          "sixty seventy eighty ninety hundred thousand million billion half dozen".split())


# a qualifier before a number is part of the figure ("nearly £22,000" / "£22,000")
_QUALIFIED = re.compile(rf"\b({'|'.join(sorted(QUALIFIERS, key=len, reverse=True))})\s+(?=[\u00a3$\u20ac\u00a5#]?\d)",
                        re.I)


@lru_cache(maxsize=20_000)
def _numbers(text: str) -> frozenset[str]:
    found = _DIGITS.findall(text)
    digits = {d.rstrip(",.").replace(",", "") for d in found}
    # "about 40" and "roughly 40" say the same: qualifiers compared by what they say. A
    # qualifier is read before a digit, so a text without one (most) skips that long pattern.
    qualified = {"~" + QUALIFIERS.get(" ".join(q.lower().split()), q) for q in _QUALIFIED.findall(text)} \
        if found else set()
    return frozenset(digits | qualified | _NUMBER_WORDS.intersection(_letter_runs(text.lower())))


# ASCII text: every byte but a-z becomes a space (lower case is taken first).
_NOT_A_TO_Z = bytes(b if 0x61 <= b <= 0x7A else 0x20 for b in range(256))


def _letter_runs(low: str) -> list[str]:
    """`_LETTERS.findall(low)`: the runs of a-z. For ASCII text a split of the bytes with
    every other byte made a space (several times faster than the pattern; other text may
    hold letters that lower case turns into a-z, and goes through the pattern)."""
    if not low.isascii():
        return _LETTERS.findall(low)
    return low.encode("ascii").translate(_NOT_A_TO_Z).decode("ascii").split()


def facts_conflict(text_a: str, text_b: str) -> bool:
    """Does one text give a figure or a date of the same thing another value than the other?

    Figures of the same thing: the same currency, percentage or age, or counting the same
    noun. Only figures and dates that the other text states in no form count."""
    na, nb = _numbers(text_a), _numbers(text_b)
    if not (na - nb and nb - na) and not any(t[0] == "~" for t in na ^ nb):
        return False  # no number (or qualifier of one) only one side writes: nothing can conflict
    from .numbers import same_figure

    figs_a, days_a = _facts(text_a)
    figs_b, days_b = _facts(text_b)
    lone_a = [f for f in figs_a if not any(same_figure(f, g) for g in figs_b)]
    lone_b = [g for g in figs_b if not any(same_figure(f, g) for f in figs_a)]
    for f in lone_a:
        for g in lone_b:
            if (f.unit and f.unit == g.unit) or (f.noun and f.noun == g.noun and f.unit == g.unit):
                return True
    if not (days_a and days_b):
        return False
    from .dates import same_when

    lone_days_a = [w for w in days_a if not any(same_when(w, x) for x in days_b)]
    lone_days_b = [x for x in days_b if not any(same_when(w, x) for w in days_a)]
    return bool(lone_days_a and lone_days_b)
