"""The fact ledger of a pair of versions (`Pair.facts`): quotations, then each link's
figures, dates, names, titles and negations, then short fact-only blocks.

Facts of a paragraph only one version has come with that paragraph and are not
listed one by one, with two exceptions: quotations (always listed, see
`match_quotes`), and blocks that are nothing but a fact, as table cells and list
items are ("Mid-February 2021", "Netherlands"): a dropped one and an added one of the
same kind between the same two links are that fact changed, and a name added to or
dropped from a list of names is listed.
"""

from __future__ import annotations

from ..ledger import FactChange, Ledger
from ..model import Pair
from ..vocabulary import ADDED_FACT, CHANGED, DATE, DROPPED_FACT, NAME, NUMBER, QUOTE, REATTRIBUTED
from .dates import When, comparable
from .extract import Fact, VersionFacts, version_facts
from .match_facts import match_link, same_fact
from .match_quotes import match_quotes
from .names import Name
from .numbers import Figure

_CELL_WORDS = 6  # a block this short that is mostly one fact is a table cell or a list item


def pair_ledger(pair: Pair) -> Ledger:
    """Every changed fact from version a to version b, in reading order of b (then a)."""
    if pair.versions is None:
        return Ledger()
    va, vb = pair.versions
    fa, fb = version_facts(va), version_facts(vb)
    changes = match_quotes(pair, fa, fb)
    for link in pair.links:
        if link.relation == "identical" and not link.merged:
            continue
        changes += match_link(pair, link, fa, fb)
    changes += _cells(pair, fa, fb)
    changes = _without_speaker_names(changes)
    changes.sort(key=lambda f: (f.b_block if f.b_block is not None else _near_b(pair, f.a_block),
                                f.b_span[0] if f.b_span else -1, f.a_block if f.a_block is not None else -1))
    return Ledger(tuple(_dedupe(changes)))


def _near_b(pair: Pair, a_block: int | None) -> float:
    """Where a fact only version a has would stand in b: after b's counterpart of the last linked block before it."""
    if a_block is None:
        return -1
    best = -1.0
    for link in pair.links:
        if max(link.a) < a_block:
            best = max(best, max(link.b) + 0.5)
    return best


def _without_speaker_names(changes: list[FactChange]) -> list[FactChange]:
    """A quote's new speaker is its entry's news: the name changed in its attribution is not
    listed again ("Ms Ashdown said" -> "Mr Lund said")."""
    speakers: dict[tuple[int | None, int | None], set[str]] = {}
    for f in changes:
        if f.kind == QUOTE and (f.change == REATTRIBUTED or f.speaker_changed):
            words = {w for w in (f.speaker_old + " " + f.speaker_new).split() if w[:1].isupper()}
            speakers.setdefault((f.a_block, f.b_block), set()).update(words)
    if not speakers:
        return changes
    return [f for f in changes if not (f.kind == NAME and any(w in f.old or w in f.new
                                                              for w in speakers.get((f.a_block, f.b_block), ())))]


def _dedupe(changes: list[FactChange]) -> list[FactChange]:
    seen = set()
    out = []
    for f in changes:
        k = (f.kind, f.change, f.old, f.new, f.a_block, f.b_block)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _cell_fact(facts: tuple[Fact, ...], display: str) -> Fact | None:
    """The one fact a short block is made of, if it is one."""
    if not display or len(display.split()) > _CELL_WORDS:
        return None
    main = [f for f in facts if f.kind in (NUMBER, DATE, NAME)]
    if len(main) != 1:
        return None
    f = main[0]
    rest = (display[:f.start] + display[f.end:]).strip(" .,:;()")
    return f if len(rest.split()) <= 1 else None


def _gap(pair: Pair, a_block: int) -> tuple[int, int]:
    """The blocks of b between the counterparts of the links around block `a_block` of a."""
    lo, hi = -1, 10 ** 9
    for link in pair.links:
        if max(link.a) < a_block:
            lo = max(lo, max(link.b))
        elif min(link.a) > a_block:
            hi = min(hi, min(link.b))
    return lo, hi


def _cells(pair: Pair, fa: VersionFacts, fb: VersionFacts) -> list[FactChange]:
    assert pair.versions is not None
    va, vb = pair.versions
    out = []
    added = {j: f for j in pair.added if (f := _cell_fact(fb.blocks[j], fb.displays[j]))}
    for i in pair.dropped:
        x = _cell_fact(fa.blocks[i], fa.displays[i])
        if x is None:
            continue
        lo, hi = _gap(pair, i)
        twin = next((j for j, y in added.items() if lo < j < hi and y.kind == x.kind and _changed(x, y, fa, fb)), None)
        if twin is not None:
            y = added.pop(twin)
            out.append(FactChange(_kind(x), CHANGED, x.text, y.text, i, twin, (x.start, x.end), (y.start, y.end),
                                  value_old=_num(x), value_new=_num(y)))
        elif x.kind == NAME and _in_list(fa, i) and not _named(x, fb):
            out.append(FactChange(NAME, DROPPED_FACT, x.text, "", i, None, (x.start, x.end), None))
    for j, y in added.items():
        if y.kind == NAME and _in_list(fb, j) and not _named(y, fa):
            out.append(FactChange(NAME, ADDED_FACT, "", y.text, None, j, None, (y.start, y.end)))
    return out


def _changed(x: Fact, y: Fact, fa: VersionFacts, fb: VersionFacts) -> bool:
    if same_fact(x, y, fa, fb):
        return False
    if isinstance(x.item, When) and isinstance(y.item, When):
        return comparable(x.item, y.item)
    if isinstance(x.item, Figure) and isinstance(y.item, Figure):
        return x.item.unit == y.item.unit
    return isinstance(x.item, Name) and isinstance(y.item, Name)


def _in_list(f: VersionFacts, block: int) -> bool:
    """Is this one-name block an item of a list of names (a neighbour is one too)?"""
    for k in (block - 1, block + 1):
        if 0 <= k < len(f.blocks):
            other = _cell_fact(f.blocks[k], f.displays[k])
            if other is not None and other.kind == NAME and other.end - other.start >= len(f.displays[k]) - 1:
                return True
    return False


def _named(f: Fact, other: VersionFacts) -> bool:
    return isinstance(f.item, Name) and (f.item.key in other.name_keys or f.item.key in other.text_keys)


def _kind(f: Fact) -> str:
    return {"number": NUMBER, "date": DATE, "name": NAME}.get(f.kind, f.kind)


def _num(f: Fact) -> float | None:
    return f.item.value if isinstance(f.item, Figure) else None
