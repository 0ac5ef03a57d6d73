"""How a link is named: identical, edited or paraphrased (the rules behind
`engine.vocabulary.RULE_EDITED`, which must say the same).

`_is_edit` tells same wording with word-level changes from a rewording;
`facts_differ` finds the same frame stating another number or name, or negating.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from ..text.textnorm import stem
from .bounded_diff import bounded_hunks, bounded_lcs
from .thresholds import (
    EDIT_CONTAINED,
    EDIT_FRAME,
    EDIT_MIN_WORDS,
    EDIT_PLACES,
    EDIT_PLACES_PER_WORD,
    EDIT_SAME,
    FACT_SPAN,
)


def _verbatim(ka: tuple[str, ...], kb: tuple[str, ...]) -> tuple[float, float]:
    """(normalised LCS similarity, LCS / shorter length) of two word sequences."""
    if not ka or not kb:
        return 0.0, 0.0
    lcs, _ = bounded_lcs(ka, kb)  # exact unless two giant blocks differ all through (guards)
    return 2 * lcs / (len(ka) + len(kb)), lcs / min(len(ka), len(kb))


def _hunks(ka: tuple[str, ...], kb: tuple[str, ...]) -> int:
    """Number of separate changed places in a minimal word diff (memory-bounded, see guards)."""
    return bounded_hunks(ka, kb)


def _is_edit(ka: tuple[str, ...], kb: tuple[str, ...], sim: float, contained: float,
             names: frozenset[str] = frozenset()) -> bool:
    """Same wording with word-level changes (edited), as opposed to reworded (paraphrased).

    An edit adds or cuts text without rewording the rest (one side nearly all inside
    the other), or changes words in a few places: at most two, or at most one place
    per 20 words of a text that stays 90% the same. Two texts in the same frame (60%
    of the words in order) that state other numbers or names (`names`: stems of the
    corpus's names) or negate each other are edits too: "paraphrased" promises the same content, and the diff marks the facts. A rewrite that swaps phrases all
    through the paragraph is a paraphrase even when much of its wording survives.
    """
    if contained >= EDIT_CONTAINED and min(len(ka), len(kb)) >= EDIT_MIN_WORDS:
        return True
    if sim < EDIT_FRAME:
        return False
    if facts_differ(ka, kb, names):
        return True  # the same frame with other facts is not a paraphrase: an edit of them
    hunks = _hunks(ka, kb)
    return hunks <= EDIT_PLACES or (sim >= EDIT_SAME and hunks <= EDIT_PLACES_PER_WORD * max(len(ka), len(kb)))


_NEGATIONS = frozenset(("not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
                        "cannot", "n't", "didn't", "doesn't", "don't", "won't", "wouldn't", "isn't",
                        "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", "couldn't", "shouldn't"))


# Titles are written capitalised but name nobody: "Mr" -> "Dr" is not another person.
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor",
                     "rev", "st", "judge", "president", "minister", "mayor", "councillor", "inspector"))
_FACT_MAX_WORDS = 2000  # beyond this the check is skipped (it is one diff per linked pair)


def _has_digit(w: str) -> bool:
    """Any character of `w` a digit (`str.isdigit`). Most words are all letters, and a letter is
    never a digit: that C-level test answers first, where a loop over characters is slow."""
    return not w.isalpha() and any(map(str.isdigit, w))


def facts_differ(ka: tuple[str, ...], kb: tuple[str, ...], names: frozenset[str] = frozenset()) -> bool:
    """Does one word sequence change the other's numbers or names, or negate what it says?

    Only short changes count ("12" -> "3", "would reopen" -> "would not reopen",
    "Mayor Lund" -> "Mayor Berg"): a sentence added with a "not" in it says something
    new, it contradicts nothing; a name dropped or added ("Mr Lund" -> "Lund") changes
    no fact. `names` are stems of words the corpus writes capitalised (people, places).
    """
    if max(len(ka), len(kb)) > _FACT_MAX_WORDS:
        return False
    set_a, set_b = set(ka), set(kb)

    def is_name(w: str) -> bool:
        return w not in _TITLES and stem(w) in names

    if not any(w in _NEGATIONS or _has_digit(w) for w in set_a ^ set_b) and \
            not any(ka.count(w) != kb.count(w) for w in _NEGATIONS & set_a) and \
            not (names and any(is_name(w) for w in set_a ^ set_b)):
        return False  # no number, name or negation differs at all: no diff needed
    # Changed regions between runs of equal words (LCS opcodes: deletes and inserts).
    regions: list[tuple[list[str], list[str]]] = []
    gap: tuple[list[str], list[str]] | None = None
    for op in Indel.opcodes(list(ka), list(kb)):
        if op.tag == "equal":
            gap = None
            continue
        if gap is None:
            gap = ([], [])
            regions.append(gap)
        gap[0].extend(ka[op.src_start:op.src_end])
        gap[1].extend(kb[op.dest_start:op.dest_end])
    for old, new in regions:
        if len(old) > FACT_SPAN or len(new) > FACT_SPAN:
            continue
        # a number one side states and the other lacks ("May 3" -> "3 May" moves one)
        if any(_has_digit(w) and w not in set_b for w in old) or \
                any(_has_digit(w) and w not in set_a for w in new):
            return True
        if any(w in _NEGATIONS and ka.count(w) != kb.count(w) for w in old + new):
            return True
        # one name put in place of another that the other text never mentions (in any form:
        # "Carrow" -> "Carrow's" is one place)
        if names and any(is_name(w) for w in old) and any(is_name(w) for w in new):
            stems_a, stems_b = {stem(w) for w in set_a}, {stem(w) for w in set_b}
            if any(is_name(w) and stem(w) not in stems_b for w in old) and \
                    any(is_name(w) and stem(w) not in stems_a for w in new):
                return True
    return False
