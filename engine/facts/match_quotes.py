"""Quotations across two versions: the same, trimmed, altered, reattributed, unquoted, added, dropped.

Each quoted segment of version b is aligned word by word against the quotations of
version a (those of the blocks linked to its block first, then any in the version,
with the segments around the best one, so a quote split in two or two merged into
one still meet their words). Then:

* words of b inside the quote marks that a does not have there, or words of a cut
  from inside the excerpt without an ellipsis ("would not reopen" -> "would reopen"):
  **altered** (old: the words of a the excerpt spans; new: b's quote);
* a shorter excerpt of the same words (papers cut quotes): **trimmed**, listed once per
  quotation of a, old its whole words, new what b kept;
* the same words given another named speaker: **reattributed**;
* a quotation of a that b has nowhere in quote marks: **unquoted** when its words stand
  in b's narrative (reported speech), else **dropped**; a quotation of b that a lacks:
  **quoted** (a's narrative put in quote marks) or **added**. Added and dropped
  quotations are listed whole, with their speaker: a new statement is news.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from ..ledger import FactChange
from ..model import Pair
from ..vocabulary import ADDED_FACT, ALTERED, DROPPED_FACT, QUOTE, QUOTED, REATTRIBUTED, TRIMMED, UNQUOTED
from .extract import Quote, VersionFacts

STOPWORDS = frozenset("i me my we our us you your he him his she her it its they them their a an the and or but "
                      "of to in on at for with by from as is was are were be been am do did does have has had "
                      "that this there not no so if it's i'm we're".replace("'", "").split())
MIN_WORDS = 3  # a quotation this short (a scare-quoted word or two) is never listed added or dropped
MATCH_SHARE = 0.5  # share of a quote's words found in order in the other version's quotes to be "the same"
_ELLIPSIS = ("\u2026", "...", "[", "(")


@dataclass
class _Hit:
    """Where one quote of b comes from in a: the stream words it matched, and how."""

    b: Quote
    covered: list[tuple[int, int]] = field(default_factory=list)  # (a quote index, word index) matched
    inserted: list[int] = field(default_factory=list)  # indices of b's words a lacks
    cut: list[tuple[int, int]] = field(default_factory=list)  # a words cut from inside the excerpt
    cut_at: list[int] = field(default_factory=list)  # where in b's words those cuts are
    inserted_at: list[tuple[int, int]] = field(default_factory=list)  # where in a's words b inserted
    a_quotes: list[int] = field(default_factory=list)


def _stream(quotes: tuple[Quote, ...], around: list[int]) -> list[tuple[int, int, str]]:
    return [(k, i, w) for k in around for i, w in enumerate(quotes[k].words)]


def _align(qb: Quote, quotes: tuple[Quote, ...], around: list[int]) -> _Hit:
    stream = _stream(quotes, around)
    hit = _Hit(qb)
    if not stream:
        hit.inserted = list(range(len(qb.words)))
        return hit
    # Longest common runs first (difflib), so an excerpt is aligned where it stands whole,
    # not scattered over earlier words it happens to share ("to" ... "to go about").
    matcher = SequenceMatcher(None, [w for _, _, w in stream], list(qb.words), autojunk=False)
    ops = matcher.get_opcodes()
    equal = [op for op in ops if op[0] == "equal"]
    if not equal:
        hit.inserted = list(range(len(qb.words)))
        return hit
    first, last = equal[0][1], equal[-1][2]
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            hit.covered += [(stream[i][0], stream[i][1]) for i in range(i1, i2)]
            continue
        hit.inserted += [j for j in range(j1, j2) if not _bracketed(qb, j)]
        if j2 > j1 and first <= i1 <= last:
            k = stream[min(i1, len(stream) - 1)]
            hit.inserted_at.append((k[0], k[1]))
        if i1 >= first and i2 <= last and i2 > i1:
            cut = [(stream[i][0], stream[i][1]) for i in range(i1, i2)]
            same_quote = {k for k, _ in cut} | {stream[max(first, i1 - 1)][0], stream[min(last - 1, i2)][0]}
            if len(same_quote) == 1 and not _marked_gap(qb, j1):
                hit.cut += cut  # words cut from inside one quote, no ellipsis: an alteration
                hit.cut_at.append(j1)
    hit.a_quotes = sorted({k for k, _ in hit.covered})
    return hit


def _bracketed(qb: Quote, j: int) -> bool:
    """Is b's word `j` an editor's insertion in square brackets ("[the minister]")?"""
    before = qb.text[:qb.offsets[j][0] - qb.start]
    return before.rfind("[") > before.rfind("]") or (before.rfind("[") < 0 and "]" in
                                                     qb.text[qb.offsets[j][1] - qb.start:] and
                                                     "[" not in qb.text[qb.offsets[j][1] - qb.start:].split("]")[0])


def _marked_gap(qb: Quote, at: int) -> bool:
    """Does b mark a cut at word `at` with an ellipsis or brackets?"""
    if at <= 0 or at >= len(qb.offsets):
        return True  # at an end of the excerpt: trimming, not altering
    gap = qb.text[qb.offsets[at - 1][1] - qb.start:qb.offsets[at][0] - qb.start]
    return any(m in gap for m in _ELLIPSIS)


def _candidates(qb: Quote, fa: VersionFacts, linked: set[int], used: set[int]) -> list[int]:
    """a's quotes ordered by how many of qb's words they hold; on ties the same words first,
    then one no other quote of b took yet, then one in a linked block."""
    words = set(qb.words)
    scored = []
    for k, qa in enumerate(fa.quotes):
        shared = len(words & set(qa.words))
        if shared:
            scored.append((-shared, qa.words != qb.words, k in used, qa.block not in linked, k))
    return [k for *_, k in sorted(scored)]


def _hit(qb: Quote, fa: VersionFacts, linked: set[int], used: set[int]) -> _Hit | None:
    cands = _candidates(qb, fa, linked, used)
    if not cands:
        return None
    best = cands[0]
    hit = _align(qb, fa.quotes, [best])
    if hit.inserted and not _content_match(qb, hit):
        return None
    if hit.inserted:  # words from elsewhere: a quote merged from several of a, or altered
        around = [k for k in range(best - 2, best + 3) if 0 <= k < len(fa.quotes)
                  and abs(fa.quotes[k].block - fa.quotes[best].block) <= 2]
        wider = _align(qb, fa.quotes, around)
        if len(wider.inserted) + len(wider.cut) < len(hit.inserted) + len(hit.cut):
            hit = wider
    if len(hit.covered) < max(1, MATCH_SHARE * len(qb.words)) or (len(qb.words) >= 3 and len(hit.covered) < 2) \
            or not _content_match(qb, hit):
        return None
    return hit


def _content_match(qb: Quote, hit: _Hit) -> bool:
    """Do the matched words carry the quote (not "I", "it", "the" alone)? Half of b's content
    words, and at least two of them when it has two."""
    content = [i for i, w in enumerate(qb.words) if w not in STOPWORDS]
    inserted = set(hit.inserted)
    if not content:
        return not inserted  # "have him": only the very words
    matched = sum(1 for i in content if i not in inserted)
    if any(i in inserted for i in content) and matched < 3:
        return False  # new words around two shared ones: another statement, not this one altered
    return matched >= max(min(2, len(content)), MATCH_SHARE * len(content))


def _span(q: Quote, first: int, last: int) -> tuple[int, int]:
    return q.offsets[first][0], q.offsets[last][1]


def _words_in(fa: VersionFacts, words: tuple[str, ...]) -> bool:
    """Do these quote words stand, mostly in order, in the narrative (outside quote marks) of a version?"""
    need = max(MIN_WORDS, int(0.6 * len(words) + 0.5))
    wanted = set(words)
    for narrative in fa.narrative:
        if len(narrative) < need or sum(1 for k, _, _ in narrative if k in wanted) < need:
            continue  # a quick count first: most paragraphs share too few of the words
        ops = Indel.opcodes(list(words), [k for k, _, _ in narrative])
        if sum(op.src_end - op.src_start for op in ops if op.tag == "equal") >= need:
            return True
    return False


def _group_text(quotes: list[Quote]) -> str:
    return " ".join(q.text for q in quotes)


def match_quotes(pair: Pair, fa: VersionFacts, fb: VersionFacts) -> list[FactChange]:
    """The quotation changes from version a to version b (see the module docstring)."""
    out: list[FactChange] = []
    covered: dict[int, set[int]] = {}  # a quote -> its words b kept in quote marks
    altered_a: set[int] = set()
    unmatched_b: list[Quote] = []
    for qb in fb.quotes:
        link = pair.link_of_b(qb.block)
        hit = _hit(qb, fa, set(link.a) if link else set(), set(covered))
        if hit is None:
            unmatched_b.append(qb)
            continue
        for k, i in hit.covered:
            covered.setdefault(k, set()).add(i)
        main = fa.quotes[hit.a_quotes[0]]
        sa, sb = main.speaker, qb.speaker
        if hit.inserted or hit.cut:
            altered_a.update(hit.a_quotes)
            out.append(_altered(hit, fa))
        elif sa.sure and sb.sure and sa.key != sb.key:
            out.append(FactChange(QUOTE, REATTRIBUTED, main.text, qb.text, main.block, qb.block,
                                  (main.start, main.end), (qb.start, qb.end), sa.text, sb.text))
    # a's quotations: trimmed (some words kept in quote marks), else unquoted or dropped, whole.
    groups: dict[int, list[int]] = {}
    for k, qa in enumerate(fa.quotes):
        groups.setdefault(qa.group, []).append(k)
    for members in groups.values():
        kept = sum(len(covered.get(k, ())) for k in members)
        total = sum(len(fa.quotes[k].words) for k in members)
        quotes = [fa.quotes[k] for k in members]
        first = quotes[0]
        if kept == 0:
            if total < MIN_WORDS or _inside_a_quote(quotes, fb):
                continue
            change = UNQUOTED if _words_in(fb, tuple(w for q in quotes for w in q.words)) else DROPPED_FACT
            out.append(FactChange(QUOTE, change, _group_text(quotes), "", first.block, None,
                                  (first.start, first.end), None, first.speaker.text, ""))
        elif kept < total and not altered_a.intersection(members):
            b_parts = [qb for qb in fb.quotes if qb not in unmatched_b and _kept_from(qb, quotes)]
            b0 = b_parts[0] if b_parts else None
            out.append(FactChange(QUOTE, TRIMMED, _group_text(quotes), " \u2026 ".join(q.text for q in b_parts),
                                  first.block, b0.block if b0 else None, (first.start, first.end),
                                  (b0.start, b0.end) if b0 else None, first.speaker.text,
                                  b0.speaker.text if b0 else ""))
    # A quotation of a dropped and one of b added that share a good part of their words and
    # their speaker are one quotation reworded (a misquote, not a new statement).
    out = _reworded(out, fa, unmatched_b)
    # b's quotations a never quoted: added, or a's narrative put in quote marks.
    seen_groups: set[int] = set()
    for qb in unmatched_b:
        if qb.group in seen_groups:
            continue
        seen_groups.add(qb.group)
        parts = [q for q in unmatched_b if q.group == qb.group]
        words = tuple(w for q in parts for w in q.words)
        if len(words) < MIN_WORDS:
            continue
        change = QUOTED if _words_in(fa, words) else ADDED_FACT
        out.append(FactChange(QUOTE, change, "", _group_text(parts), None, qb.block, None,
                              (qb.start, qb.end), "", qb.speaker.text))
    return out


def _inside_a_quote(quotes: list[Quote], fb: VersionFacts) -> bool:
    """Is this quotation in one of b's all the same: its words (less a leading or trailing "a",
    "the") in order inside a longer one, or nearly the same words (a phrase the version quoted
    twice, b once: "the biggest crook in town" / "the biggest bloody crook in this town")?"""
    words = [w for q in quotes for w in q.words]
    while words and words[0] in STOPWORDS:
        words = words[1:]
    while words and words[-1] in STOPWORDS:
        words = words[:-1]
    n = len(words)
    if not n:
        return True
    wanted = set(words)
    for qb in fb.quotes:
        shared = sum(1 for w in qb.words if w in wanted)
        if shared < n and 2 * shared < 0.75 * (n + len(qb.words)):
            continue  # too few of the words to hold them, or to be nearly the same
        if any(qb.words[i:i + n] == tuple(words) for i in range(len(qb.words) - n + 1)):
            return True
        if SequenceMatcher(None, words, list(qb.words), autojunk=False).ratio() >= 0.75:
            return True
    return False


def _kept_from(qb: Quote, quotes: list[Quote]) -> bool:
    words = set(qb.words)
    return any(len(words & set(q.words)) >= max(1, MATCH_SHARE * len(qb.words)) for q in quotes)


def _altered(hit: _Hit, fa: VersionFacts) -> FactChange:
    """An altered quote: old is the stretch of a's quote(s) the excerpt spans, new is b's quote;
    the diff fields carry the changed words with a word of context each side."""
    qb = hit.b
    main_k = hit.a_quotes[0]
    main = fa.quotes[main_k]
    idx = [i for k, i in hit.covered if k == main_k] + [i for k, i in hit.cut if k == main_k]
    lo, hi = (min(idx), max(idx)) if idx else (0, len(main.words) - 1)
    a_span = _span(main, lo, hi)
    text_a = main.text[a_span[0] - main.start:a_span[1] - main.start]
    if len(hit.a_quotes) > 1:  # one quote of b made of several of a
        text_a = _group_text([fa.quotes[k] for k in hit.a_quotes])
        a_span = (main.start, main.end)
    diff_old = _context(main, [i for k, i in hit.cut if k == main_k], [i for k, i in hit.inserted_at if k == main_k])
    diff_new = _context(qb, hit.inserted, hit.cut_at)
    moved = main.speaker.sure and qb.speaker.sure and main.speaker.key != qb.speaker.key
    return FactChange(QUOTE, ALTERED, text_a, qb.text, main.block, qb.block, a_span, (qb.start, qb.end),
                      main.speaker.text, qb.speaker.text, diff_old or "\u2026", diff_new or "\u2026",
                      speaker_changed=moved)


def _context(q: Quote, changed: list[int], gaps: Sequence[int] = ()) -> str:
    """The changed words of a quote (and the places where the other side has words it
    lacks) with one word of context each side, "…" between runs."""
    if not changed and not gaps:
        return ""
    keep = sorted({j for i in changed for j in (i - 1, i, i + 1) if 0 <= j < len(q.words)}
                  | {j for g in gaps for j in (g - 1, g) if 0 <= j < len(q.words)})
    runs: list[list[int]] = []
    for j in keep:
        if runs and j == runs[-1][-1] + 1:
            runs[-1].append(j)
        else:
            runs.append([j])
    parts = [q.text[q.offsets[r[0]][0] - q.start:q.offsets[r[-1]][1] - q.start] for r in runs]
    return " \u2026 ".join(parts)


REWORDED_SHARE = 0.35  # share of content words two quotes of one speaker share to be one quote reworded


def _content(words: tuple[str, ...]) -> set[str]:
    return {w for w in words if w not in STOPWORDS}


def _reworded(out: list[FactChange], fa: VersionFacts, unmatched_b: list[Quote]) -> list[FactChange]:
    """Turn a dropped quotation of a and an unmatched one of b into one altered quotation
    when they share enough words (and no two named speakers differ)."""
    dropped = [k for k, f in enumerate(out) if f.change in (DROPPED_FACT, UNQUOTED)]
    for k in dropped:
        f = out[k]
        qas = [q for q in fa.quotes if q.block == f.a_block and f.a_span and q.start == f.a_span[0]]
        if not qas:
            continue
        qa = qas[0]
        group_a = [q for q in fa.quotes if q.group == qa.group]
        wa = _content(tuple(w for q in group_a for w in q.words))
        best, score = None, 0.0
        for qb in unmatched_b:
            wb = _content(qb.words)
            if not wa or not wb:
                continue
            share = len(wa & wb) / min(len(wa), len(wb))
            if qa.speaker.key and qb.speaker.key and qa.speaker.key != qb.speaker.key:
                continue
            if share > score:
                best, score = qb, share
        if best is None or score < REWORDED_SHARE or len(wa & _content(best.words)) < 3:
            continue
        unmatched_b.remove(best)
        out[k] = FactChange(QUOTE, ALTERED, f.old, best.text, f.a_block, best.block, f.a_span,
                            (best.start, best.end), qa.speaker.text, best.speaker.text,
                            f.old, best.text)
    return out
