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

from functools import lru_cache

from .dates import When, find_dates, same_when, spans
from .numbers import Figure, find_figures, same_figure


@lru_cache(maxsize=20_000)
def _facts(text: str) -> tuple[tuple[Figure, ...], tuple[When, ...]]:
    whens = find_dates(text)
    figures = find_figures(text, spans(whens), pound_hash="\u00a3" not in text)
    return tuple(figures), tuple(w for w in whens if w.kind == "day" and any(p[1] and p[2] for p in w.parts))


def _has_digit_or_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) or any(w in text for w in ("one", "two", "three", "four", "five",
                                                                       "six", "seven", "eight", "nine", "ten",
                                                                       "twenty", "hundred", "thousand",
                                                                       "million", "half", "dozen"))


def facts_conflict(text_a: str, text_b: str) -> bool:
    """Does one text give a figure or a date of the same thing another value than the other?

    Figures of the same thing: the same currency, percentage or age, or counting the same
    noun. Only figures and dates that the other text states in no form count."""
    if not (_has_digit_or_number(text_a) and _has_digit_or_number(text_b)):
        return False
    figs_a, days_a = _facts(text_a)
    figs_b, days_b = _facts(text_b)
    lone_a = [f for f in figs_a if not any(same_figure(f, g) for g in figs_b)]
    lone_b = [g for g in figs_b if not any(same_figure(f, g) for f in figs_a)]
    for f in lone_a:
        for g in lone_b:
            if (f.unit and f.unit == g.unit) or (f.noun and f.noun == g.noun and f.unit == g.unit):
                return True
    lone_days_a = [w for w in days_a if not any(same_when(w, x) for x in days_b)]
    lone_days_b = [x for x in days_b if not any(same_when(w, x) for w in days_a)]
    return bool(lone_days_a and lone_days_b)
