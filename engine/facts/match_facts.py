"""Figures, dates, names, job titles and negations across a pair's linked blocks.

For each link that is not identical, the facts of both sides are first matched by
value (the same figure, day or name written any way); what is left is placed in the
link's word diff. A fact of a and a fact of b of the same kind in one changed stretch
(changed places a word or two apart count as one) are one fact **changed** ("2,300" ->
"23,000", "more than half" -> "nearly half", "Saturday 13 February" -> "Saturday 20
February"). A fact left alone is **added** or **dropped** when the other version
states it nowhere (a figure a paper moved to another paragraph is not dropped);
relative days ("yesterday") are never listed alone, and neither are names that merely
lose a title. A negation ("not", "never", "n't") put into or taken out of a short
changed stretch outside quotation marks is listed too; inside a quotation the
quote's own entry says it.

Names are shown with their changed stretch ("Universities of Liverpool and Oxford"),
since a list that gained a name reads only in its words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..ledger import FactChange
from ..model import DELETE, EQUAL, INSERT, Link, Pair
from ..vocabulary import ADDED_FACT, CHANGED, DATE, DROPPED_FACT, NAME, NEGATION, NUMBER, TITLE_FACT
from .dates import When, comparable, same_when
from .extract import Fact, VersionFacts
from .names import Name, Title, same_title
from .numbers import Figure, same_figure, same_person
from .words import keys

NEGATIONS = frozenset(("not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "nt",
                       "didnt", "doesnt", "dont", "wont", "wouldnt", "isnt", "wasnt", "arent", "werent",
                       "hasnt", "havent", "hadnt", "couldnt", "shouldnt", "cant", "mustnt"))
_JOIN_WORDS = 2  # changed places this few words apart are one changed stretch
_NAME_STRETCH = 10  # words: a longer changed stretch shows the name alone
_SMALL = 12  # words: a changed stretch of an edit this short changes a statement rather than adds one
Hunk = tuple[int, int, int, int]  # a_start, a_end, b_start, b_end in the link's texts


def hunks(link: Link) -> list[Hunk]:
    """Changed stretches of a link's diff, in text offsets, joining those a word or two apart."""
    out: list[list[int]] = []
    pa = pb = 0
    gap_words = _JOIN_WORDS + 1
    for op, text in link.diff:
        n = len(text)
        if op == EQUAL:
            pa += n
            pb += n
            # words in the gap, counted up to one past the join limit (all the test below
            # needs): an unchanged stretch can be a whole paragraph, split for nothing
            gap_words = len(text.split(None, _JOIN_WORDS))
            continue
        if out and gap_words <= _JOIN_WORDS:
            h = out[-1]
        else:
            h = [pa, pa, pb, pb]
            out.append(h)
        if op == DELETE:
            pa += n
            h[1] = pa
        elif op == INSERT:
            pb += n
            h[3] = pb
        gap_words = 0
        h[1], h[3] = max(h[1], pa), max(h[3], pb)
    return [(a0, a1, b0, b1) for a0, a1, b0, b1 in out]


def _offsets(pair_versions: tuple, side: int, blocks: tuple[int, ...]) -> dict[int, int]:
    """Where each block's display starts in a link's joined text."""
    pos = 0
    out = {}
    for i in blocks:
        out[i] = pos
        pos += len(pair_versions[side].blocks[i].display) + 1
    return out


def same_fact(x: Fact, y: Fact, fa: VersionFacts, fb: VersionFacts) -> bool:
    """One fact written two ways (the same value, day, name or title)."""
    if x.kind != y.kind:
        return False
    a, b = x.item, y.item
    if isinstance(a, Figure) and isinstance(b, Figure):
        return same_figure(a, b)
    if isinstance(a, When) and isinstance(b, When):
        return same_when(a, b, fa.published, fb.published)
    if isinstance(a, Name) and isinstance(b, Name):
        return a.key == b.key or a.surname == b.surname or a.key in b.key or b.key in a.key or \
            _abbreviation(a.surname, b.surname)
    if isinstance(a, Title) and isinstance(b, Title):
        return a.person == b.person and same_title(a, b)
    return False


def _abbreviation(x: str, y: str) -> bool:
    """"lancs" for "lancashire", "herts" for "hertfordshire": a short form sharing four first letters."""
    short, full = sorted((x, y), key=len)
    return 4 <= len(short) <= 5 < len(full) and short[:4] == full[:4]


def _alone(x: Fact, xs: list[Fact], ys: list[Fact]) -> bool:
    """In a long changed stretch, a figure pairs by its unit only when it is the one figure of
    that unit on each side ("up to £80,000" -> "£72,000"), or by the noun it counts."""
    if not isinstance(x.item, Figure):
        return True
    unit = x.item.unit
    same_a = [f for f in xs if isinstance(f.item, Figure) and f.item.unit == unit]
    same_b = [f for f in ys if isinstance(f.item, Figure) and f.item.unit == unit]
    nouns = {f.item.noun for f in same_b if isinstance(f.item, Figure)}
    return (len(same_a) == 1 and len(same_b) == 1) or bool(x.item.noun and x.item.noun in nouns)


def _pairable(x: Fact, y: Fact, small: bool, known: bool = False, edit: bool = False) -> bool:
    """Could y be x changed? In an edit, figures of one unit (or counting one noun), and in its
    short changed stretches dates and names too; in a rewording only ages, or figures counting
    one noun: the dates and names of a rewritten paragraph are too often other facts."""
    a, b = x.item, y.item
    if isinstance(a, Figure) and isinstance(b, Figure):
        if a.unit == "age" == b.unit and a.noun != b.noun:
            return False  # two people's ages
        if edit:
            return a.unit == b.unit or bool(a.noun and a.noun == b.noun)
        if a.unit == "age" == b.unit:  # the same person's age (as far as the text says whose)
            return a.noun == b.noun or bool(a.noun and b.noun and same_person(a.noun, b.noun))
        return bool(a.noun and a.noun == b.noun and a.unit == b.unit)
    if isinstance(a, When) and isinstance(b, When):
        return (small or edit) and comparable(a, b, known)
    if isinstance(a, Title) and isinstance(b, Title):
        return a.person == b.person
    return small and isinstance(a, Name) and isinstance(b, Name)


_LISTED = re.compile(r"[A-Z0-9][\w\u2019'-]*\s*(?:,|\band\b|\bor\b|&)\s*$")


def _in_list(f: Fact, facts: VersionFacts) -> bool:
    """A name the other version mentions elsewhere is listed only when it joins or leaves a
    list of names in an edit's short change ("Liverpool and Oxford", "TS7 and TS8"); any other
    fact the other version states elsewhere was only moved."""
    return f.kind == "name" and bool(_LISTED.search(facts.displays[f.block][:f.start]))


def _substituted(x: Fact, y: Fact, fa: VersionFacts, fb: VersionFacts) -> bool:
    """Names pair as changed only when each is absent from the other version (a real swap)."""
    if x.kind != "name":
        return True
    return not _anywhere(x, fb, fa, True) and not _anywhere(y, fa, fb, False)


def _anywhere(f: Fact, other: VersionFacts, mine: VersionFacts, a_side: bool) -> bool:
    """Does the other version state this fact anywhere (moved, not dropped)?"""
    if isinstance(f.item, Name):
        return f.item.key in other.name_keys or f.item.surname in other.name_keys or f.item.key in other.text_keys
    if isinstance(f.item, Figure):  # the value stated at all, whatever its qualifier or whose age: not dropped
        a = f.item
        units = other.figure_values.get((a.value, a.high), frozenset())
        if a.unit in units or (a.unit in ("", "age") and units & {"", "age"}):
            return True  # the same value in the same terms: the usual case, found at once
        return any(same_figure(a, g, loose=True) for g in other.figures_near(a.value))
    fa, fb = (mine, other) if a_side else (other, mine)
    for g in other.all_facts:
        if g.kind == f.kind and (same_fact(f, g, fa, fb) if a_side else same_fact(g, f, fa, fb)):
            return True
    return False


def _listable(f: Fact, small: bool) -> bool:
    """Is a fact worth listing alone (added or dropped)? Names only in an edit's short changed
    stretch (a rewording names people differently without changing who they are)."""
    if isinstance(f.item, Name):
        return small  # and, like every fact listed alone, one the other version states nowhere
    if isinstance(f.item, When):
        return any(p[1] is not None and p[2] is not None for p in f.item.parts)  # a dated day
    if isinstance(f.item, Title):
        return False  # a title lost with its sentence is not a changed title
    if isinstance(f.item, Figure):
        return f.item.value != 1 or bool(f.item.unit)
    return True


def _kind(f: Fact) -> str:
    return {"number": NUMBER, "date": DATE, "name": NAME, "title": TITLE_FACT}[f.kind]


def _value(f: Fact) -> float | None:
    return f.item.value if isinstance(f.item, Figure) else None


def match_link(pair: Pair, link: Link, fa: VersionFacts, fb: VersionFacts) -> list[FactChange]:
    """The changed figures, dates, names, titles and negations of one link."""
    assert pair.versions is not None
    off_a = _offsets(pair.versions, 0, link.a)
    off_b = _offsets(pair.versions, 1, link.b)
    # Facts inside quotation marks are the quotation's (match_quotes lists it, once).
    facts_a = [f for i in link.a for f in fa.blocks[i] if not fa.in_quote(i, f.start, f.end)]
    facts_b = [f for j in link.b for f in fb.blocks[j] if not fb.in_quote(j, f.start, f.end)]
    # A fact stated on both sides, however often, is unchanged (a name said twice, then once).
    left_a = [x for x in facts_a if not any(same_fact(x, y, fa, fb) for y in facts_b)]
    left_b = [y for y in facts_b if not any(same_fact(x, y, fa, fb) for x in facts_a)]
    out: list[FactChange] = []
    # The word diff is read only when something is left to place: a fact, or a negation
    # one side counts more of (most links of a long comparison need neither).
    negated = _negation_count(link.text_a) != _negation_count(link.text_b)
    hs = hunks(link) if (left_a or left_b or negated) else []

    def where(f: Fact, off: dict[int, int], side: int) -> int | None:
        s, e = off[f.block] + f.start, off[f.block] + f.end
        for k, h in enumerate(hs):
            lo, hi = (h[0], h[1]) if side == 0 else (h[2], h[3])
            if s < hi and lo < e or (lo == hi and s <= lo <= e):
                return k
        return None

    # A named person's age pairs with that person's age wherever the link states it (a list of
    # people reordered: "Norah Nuttall, 65" ... "Norah Nuttall, 64").
    for x in list(left_a):
        if isinstance(x.item, Figure) and x.item.unit == "age" and x.item.noun:
            y = next((y for y in left_b if isinstance(y.item, Figure) and y.item.unit == "age"
                      and y.item.noun and same_person(x.item.noun, y.item.noun)), None)
            if y is not None:
                left_a.remove(x)
                left_b.remove(y)
                h = hs[0] if hs else (0, 0, 0, 0)
                out.append(_entry(CHANGED, x, y, h, link, off_a, off_b))
    in_a: dict[int, list[Fact]] = {}
    in_b: dict[int, list[Fact]] = {}
    for f in left_a:
        if (k := where(f, off_a, 0)) is not None:
            in_a.setdefault(k, []).append(f)
    for f in left_b:
        if (k := where(f, off_b, 1)) is not None:
            in_b.setdefault(k, []).append(f)
    known = fa.published is not None and fb.published is not None
    for k in sorted(set(in_a) | set(in_b)):
        xs, ys = in_a.get(k, []), in_b.get(k, [])
        # In an edit's short changed stretch a fact put in or taken out changes the statement,
        # even if the version names it elsewhere; in a rewording, only if it names it nowhere.
        small = link.relation == "edited" and _words(link.text_a, hs[k][0], hs[k][1]) <= _SMALL \
            and _words(link.text_b, hs[k][2], hs[k][3]) <= _SMALL
        for x in list(xs):
            y = next((y for y in ys if _pairable(x, y, small, known, link.relation == "edited")
                      and (small or _alone(x, xs, ys)) and _substituted(x, y, fa, fb)), None)
            if y is None:
                continue
            xs.remove(x)
            ys.remove(y)
            out.append(_entry(CHANGED, x, y, hs[k], link, off_a, off_b))
        if small and _pronoun(link.text_b[hs[k][2]:hs[k][3]]):
            xs = [x for x in xs if x.kind != "name"]  # "Mr Burstein" -> "He": the same person
        if small and _pronoun(link.text_a[hs[k][0]:hs[k][1]]):
            ys = [y for y in ys if y.kind != "name"]
        for x in xs:
            if _listable(x, small) and ((small and _in_list(x, fa)) or not _anywhere(x, fb, fa, True)):
                out.append(_entry(DROPPED_FACT, x, None, hs[k], link, off_a, off_b))
        for y in ys:
            if _listable(y, small) and ((small and _in_list(y, fb)) or not _anywhere(y, fa, fb, False)):
                out.append(_entry(ADDED_FACT, None, y, hs[k], link, off_a, off_b))
    if negated:
        out += _negations(link, hs, fa, fb, off_a, off_b)
    return out


_NEGATION_WORD = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot)\b|n[\u2019']t\b", re.I)


@lru_cache(maxsize=50_000)
def _negation_count(text: str) -> int:
    return len(_NEGATION_WORD.findall(text))


_PRONOUNS = frozenset("he she they it him her them his hers their its i we you".split())


def _pronoun(text: str) -> bool:
    ws = keys(text)
    return bool(ws) and all(w in _PRONOUNS for w in ws)


def _words(text: str, s: int, e: int) -> int:
    return len(text[s:e].split())


def _block_at(off: dict[int, int], pos: int) -> tuple[int, int]:
    """(block, offset in its display) of a position in a link's joined text."""
    best = min(off, key=lambda i: (pos < off[i], pos - off[i] if pos >= off[i] else 0))
    return best, pos - off[best]


def _stretch(link: Link, h: Hunk) -> tuple[str, str]:
    return link.text_a[h[0]:h[1]].strip(" ,.;:"), link.text_b[h[2]:h[3]].strip(" ,.;:")


def _entry(change: str, x: Fact | None, y: Fact | None, h: Hunk, link: Link, off_a: dict[int, int],
           off_b: dict[int, int]) -> FactChange:
    f = x or y
    assert f is not None
    kind = _kind(f)
    old = x.text if x else ""
    new = y.text if y else ""
    a_block = x.block if x else _block_at(off_a, h[0])[0]
    b_block = y.block if y else _block_at(off_b, h[2])[0]
    a_span = (x.start, x.end) if x else None
    b_span = (y.start, y.end) if y else None
    if kind == NAME:
        sa, sb = _stretch(link, h)
        if len(sa.split()) <= _NAME_STRETCH and len(sb.split()) <= _NAME_STRETCH:
            wide_a, wide_b = _widen(link.text_a, h[0], h[1]), _widen(link.text_b, h[2], h[3])
            if (not x or x.text in wide_a) and (not y or y.text in wide_b):
                old, new = wide_a, wide_b
    return FactChange(kind, change, old, new, a_block, b_block,
                      a_span, b_span, value_old=_value(x) if x else None, value_new=_value(y) if y else None)


def _widen(text: str, s: int, e: int) -> str:
    """A changed stretch with the whole words around it, and the name it touches."""
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    while e < len(text) and not text[e].isspace():
        e += 1
    # take in the capitalised words right before and after ("of Liverpool and Oxford")
    words_before = text[:s].split()
    while words_before and (words_before[-1][:1].isupper() or words_before[-1] in ("of", "the")) \
            and len(text[:s].split()) - len(words_before) < 3:
        s = text.rfind(words_before[-1], 0, s)
        words_before.pop()
    return text[s:e].strip(" ,.;:")


def _negations(link: Link, hs: list[Hunk], fa: VersionFacts, fb: VersionFacts, off_a: dict[int, int],
               off_b: dict[int, int]) -> list[FactChange]:
    out = []
    for h in hs:
        old, new = link.text_a[h[0]:h[1]], link.text_b[h[2]:h[3]]
        if len(old.split()) > 3 or len(new.split()) > 3:
            continue  # a longer change adds or removes a statement; it does not negate one
        ka, kb = _short_keys(old), _short_keys(new)
        na, nb = sum(k in NEGATIONS for k in ka), sum(k in NEGATIONS for k in kb)
        if na == nb:
            continue
        ba, sa = _block_at(off_a, h[0])
        bb, sb = _block_at(off_b, h[2])
        if fa.in_quote(ba, sa, sa + len(old)) or fb.in_quote(bb, sb, sb + len(new)):
            continue  # inside a quotation: the quote's entry says it
        ctx_a = _around(link.text_a, h[0], h[1])
        ctx_b = _around(link.text_b, h[2], h[3])
        out.append(FactChange(NEGATION, ADDED_FACT if nb > na else DROPPED_FACT, ctx_a[0], ctx_b[0], ba, bb,
                              (ctx_a[1] - off_a[ba], ctx_a[2] - off_a[ba]), (ctx_b[1] - off_b[bb], ctx_b[2] - off_b[bb]),
                              diff_old=old.strip(), diff_new=new.strip()))
    return out


@lru_cache(maxsize=8192)
def _short_keys(text: str) -> tuple[str, ...]:
    """`keys` of a changed stretch of at most three words, kept: the same small edits recur
    in every pair of versions that share the edited paragraph."""
    return keys(text)


def _around(text: str, s: int, e: int, words: int = 3) -> tuple[str, int, int]:
    """A changed stretch with a few words either side, within its line (block)."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    left = s
    for _ in range(words + 1):
        k = text.rfind(" ", line_start, max(line_start, left - 1))
        if k < 0:
            left = line_start
            break
        left = k + 1
    right = e
    for _ in range(words):
        k = text.find(" ", right + 1, line_end)
        if k < 0:
            right = line_end
            break
        right = k
    return text[left:right].strip(), left, right
