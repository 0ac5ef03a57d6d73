"""Who copied whom: the reuse matrix of N versions and each version's most likely source.

Reuse matrix. `reuse_matrix(c)[a][b]` is the share of version b's words that stand
verbatim in version a (runs of >= 6 normalised words, site chrome left out: see
`engine.align.reuse`) — the issue's "share of version b's words that stand in version a".
Read a column to see where b's words come from; read a row to see who reuses a.
The diagonal is 1.0. The figures are those `compare` stored in `c.pairs`
(`pair(a, b).reuse_b_from_a`); nothing is recomputed.

Lineage. Each version gets its most likely source among the others, or None. The
evidence is *narrative wording*: word 4-grams of content blocks outside quotation
marks. Independent reports of one event share names and the quotes both reporters
heard, but rarely four words of each other's narration; a rewrite made from a wire
story keeps such phrases even where it rewords ("walked free from the Old Bailey").

1. Order. Versions are ranked as possible sources: a dated version (wire slug lines)
   before a later one; otherwise the version holding most of the others' narrative
   wording first — the wire a family was written from holds the material all its
   rewrites share, so it is never derived from them. Two near-copies (each holding
   most of the other): a page wrapped in a site's chrome (boilerplate) republishes
   the bare text, so the bare one came first; otherwise the one holding more of the
   other did (a copy cuts what it takes: pasted answers, trimmed web copies).
   Then the first place: where two texts word a sentence differently, versions
   written from the original keep its wording there, while a rewrite's (or a fuller
   text's) own wording stays its own. A version of the same filing time (both undated,
   as a rule) that `FOLLOWERS` or more other versions follow where it and the
   first-ranked version differ, twice as many as follow the first-ranked one, ranks
   first instead (a given source among many
   answers written from it, even when a fuller text it was cut from holds more of them).
2. Source. Each version takes, among the versions ranked before it, the one holding
   most of its narrative wording — when that share goes beyond a quote or two
   (`DERIVED`); else it is independent. An undated candidate (another paper, another
   answer, a source among many versions) needs more: more than one short phrase
   (a stock phrase), and enough wording beyond what the version shares with versions
   found independent (a topic's terms: found again, `TOPIC_PASSES` times at most, as
   each version found independent can free another); ranked after others none of
   which qualifies, it counts only wording no version ranked before it holds (what it
   took from its own sources is no evidence of copying it). A version left with
   undated candidates only, none qualifying, that shares wording with agency copy
   was written from that copy.
3. Siblings. Two papers written from one wire share wording through the wire. A
   version hangs under a sibling only if it shares wording the sibling added to its
   own source (`NOVEL` 4-grams or more); otherwise it moves up to that source.
   Wording a third version holds too does not count when that third version has
   wording of the source the sibling lacks (it was not written from the sibling
   alone): wording several versions share beyond the source is a common source's,
   possibly one the comparison does not hold. Copying a sibling shows as wording
   only the two share, or that the sibling's own copies share.

`LineageEntry.reuse` is the share of the version's words that stand verbatim in its
source (0.0 without a source); `similarity` is the pair's link-based similarity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, cmp_to_key
from typing import Any

from ..model import BOILERPLATE, BYLINE, Comparison
from ..text.sentences import split_sentences
from ..text.textnorm import narrative_ngrams

# Narrative wording: word 4-grams outside quotation marks.
GRAM = 4
# A version derives from another when this share of its narrative 4-grams (and at
# least MIN_SHARED of them) stand in it: beyond what independent reports share.
DERIVED = 0.035
MIN_SHARED = 4
# Wording a sibling added to its own source that a version must share to hang under it.
NOVEL = 3
# Two versions each holding this share of the other are copies of one text.
NEAR_COPY = 0.8
# Versions following one text's wording where two texts word a sentence differently:
# this many (and twice as many as follow the other) say the followed one came first.
FOLLOWERS = 4
# Passes that leave out wording shared with versions found independent (each can free more).
TOPIC_PASSES = 2


@dataclass(frozen=True, slots=True)
class LineageEntry:
    """One version's most likely source (None: independent) and how much it reuses from it."""

    version: int
    source: int | None
    reuse: float
    similarity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "source": self.source, "reuse": round(self.reuse, 4)}


def reuse_matrix(c: Comparison) -> list[list[float]]:
    """m[a][b] = share of version b's words that stand verbatim in version a (diagonal 1.0)."""
    n = len(c.versions)
    m = [[1.0] * n for _ in range(n)]
    for p in c.pairs:
        m[p.a][p.b] = p.reuse_b_from_a  # b's words found in a
        m[p.b][p.a] = p.reuse_a_from_b  # a's words found in b
    return m


def narrative_grams(c: Comparison, v: int) -> frozenset[tuple[str, ...]]:
    """Word 4-grams of version v's content blocks, quotations left out."""
    out: set[tuple[str, ...]] = set()
    for b in c.versions[v].blocks:
        if b.is_content and b.kind != BYLINE:
            out |= narrative_ngrams(b.display, GRAM)
    return frozenset(out)


def sentence_grams(c: Comparison, v: int) -> list[frozenset[tuple[str, ...]]]:
    """Narrative 4-grams of each sentence of version v's content blocks (quotations left
    out; sentences without one are skipped)."""
    out = []
    for b in c.versions[v].blocks:
        if b.is_content and b.kind != BYLINE:
            for start, end in split_sentences(b.display):
                grams = narrative_ngrams(b.display[start:end], GRAM)
                if grams:
                    out.append(frozenset(grams))
    return out


def version_time(c: Comparison, v: int) -> datetime | None:
    """When version v was filed or published, if its file says (wire slug line, agency
    XML), as a naive UTC-less time so all versions compare."""
    published = c.versions[v].published
    if not published:
        return None
    try:
        t = datetime.fromisoformat(published)
    except ValueError:
        return None
    return t.replace(tzinfo=None) - (t.utcoffset() or timedelta(0)) if t.tzinfo else t


def _one_phrase(shared: frozenset | set) -> bool:
    """Whether the 4-grams `shared` are one short run of words (fewer than
    2 * MIN_SHARED overlapping 4-grams): a stock phrase, not copied wording."""
    if len(shared) >= 2 * MIN_SHARED:
        return False
    tails = {q[1:] for q in shared}
    return sum(q[:-1] not in tails for q in shared) <= 1


def choose_sources(g: list[frozenset], sentences: Callable[[int], list[frozenset]],
                   times: list[datetime | None], site: list[bool]) -> dict[int, int]:
    """Each version's source by the rules of the module docstring, from the versions'
    narrative 4-grams `g` (per sentence: `sentences(v)`, asked only where needed), filing
    times and whether each is a page in site chrome. Versions without a source are left out."""
    n = len(g)
    common = [[len(g[x])] * n for x in range(n)]  # common[x][y]: 4-grams x and y share
    for x in range(n):
        for y in range(x + 1, n):
            common[x][y] = common[y][x] = len(g[x] & g[y])
    # held[x][y]: share of x's narrative 4-grams that y holds too
    held = [[common[x][y] / len(g[x]) if g[x] else 0.0 for y in range(n)] for x in range(n)]
    for x in range(n):
        held[x][x] = 1.0
    hub = [sum(held[x][v] for x in range(n) if x != v) for v in range(n)]
    followed: dict[tuple[int, int], int] = {}

    def followers(u: int, v: int) -> int:
        """How many other versions keep u's wording where u and v word a sentence
        differently (NOVEL or more 4-grams of u's sentences that share wording with v,
        not in v)."""
        if (u, v) not in followed:
            own: set[tuple[str, ...]] = set()
            for sent in sentences(u):
                if not sent.isdisjoint(g[v]):
                    own |= sent - g[v]
            followed[u, v] = sum(len(own & g[x]) >= NOVEL for x in range(n) if x != u and x != v)
        return followed[u, v]

    def before(u: int, v: int) -> int:
        """-1 when u ranks before v as a possible source."""
        tu, tv = times[u], times[v]
        if (tu is None) != (tv is None):
            return -1 if tu is not None else 1  # agency copy carries its filing time
        if tu is not None and tv is not None and tu != tv:
            return -1 if tu < tv else 1
        if min(held[u][v], held[v][u]) >= NEAR_COPY:
            if site[u] != site[v]:
                return 1 if site[u] else -1  # a site's page republishes; the bare text came first
            if held[u][v] != held[v][u]:
                return -1 if held[v][u] > held[u][v] else 1  # the one containing the other
        if abs(hub[u] - hub[v]) > 1e-9:
            return -1 if hub[u] > hub[v] else 1
        return -1 if u < v else 1

    order = sorted(range(n), key=cmp_to_key(before))
    # Many versions written from one text keep its wording where a rewrite of it (a text
    # cut from a fuller one, an edited copy) words a sentence its own way: a version
    # that more of them follow there than follow the first-ranked one ranks first.
    top = order[0]
    for v in order[1:] if n - 2 >= FOLLOWERS else ():
        if times[v] != times[top] or common[v][top] < MIN_SHARED \
                or min(held[v][top], held[top][v]) >= NEAR_COPY:
            continue  # filing times and the near-copy rules decide
        fv = followers(v, top)
        if fv >= FOLLOWERS and fv >= 2 * followers(top, v):
            order.remove(v)
            order.insert(0, v)
            break
    rank = {v: k for k, v in enumerate(order)}
    earlier_wording: dict[int, frozenset] = {}

    def ranked_before(e: int) -> frozenset:
        """The wording of every version ranked before e."""
        if e not in earlier_wording:
            earlier_wording[e] = frozenset().union(*(g[w] for w in order[:rank[e]]))
        return earlier_wording[e]

    def enough(x: int, shared: int) -> bool:
        return shared >= MIN_SHARED and shared >= DERIVED * len(g[x])

    def undated_ok(x: int, e: int, stock: frozenset) -> bool:
        """Whether undated e shares more than a stock phrase of x's wording, and enough
        of it beyond `stock`."""
        if common[x][e] >= 2 * MIN_SHARED and not stock:
            return True  # the common case, without building the shared set
        shared = g[x] & g[e]
        return not _one_phrase(shared) and enough(x, len(shared - stock))

    def assign(stock: list[frozenset]) -> dict[int, int]:
        """Sources with `stock[x]`: wording x shares with versions found independent."""
        source: dict[int, int] = {}
        for x in order:
            earlier = order[:rank[x]]
            if not earlier or not g[x]:
                continue
            plain = [e for e in earlier if held[x][e] >= DERIVED and common[x][e] >= MIN_SHARED]
            # An undated candidate (another paper, another answer, or a source that is
            # one of many versions) must share more than one short phrase of x's wording
            # (that is a stock phrase), and enough of it beyond what x shares with
            # versions found independent (a topic's terms).
            qualified = [e for e in plain if times[e] is not None or undated_ok(x, e, stock[x])]
            # An undated candidate ranked after others none of which qualifies counts only
            # wording no version ranked before it holds: what it took from its own
            # sources is no evidence that x took it from the candidate.
            qualified = [e for e in qualified if times[e] is not None or rank[e] == 0
                         or any(rank[p] < rank[e] for p in qualified)
                         or enough(x, len((g[x] & g[e]) - ranked_before(e)))]
            filed = [e for e in earlier if times[e] is not None and common[x][e] >= MIN_SHARED]
            if not qualified:
                if plain and times[x] is None and filed:
                    # Resembles only undated versions, on wording shared with agency
                    # copy too: written from that copy (as below).
                    source[x] = max(filed, key=lambda e: (held[x][e], -rank[e]))
                continue
            # Agency copy (with a filing time) that holds x's wording beyond a quote is its
            # source: same-day rewrites resemble each other through it, and through other
            # sources the comparison may not hold.
            dated = [e for e in qualified if times[e] is not None]
            if dated and times[x] is None:
                qualified = dated
            y = max(qualified, key=lambda e: (held[x][e], -rank[e]))
            # Shared only through versions ranked before y (its sources)? Then x derives
            # from the best of those instead. Wording x shares with y that a third version
            # holds too, one that has wording of those sources y lacks (so it was not
            # written from y alone), came from a common source the comparison may not
            # hold: copying y shows as wording y added that only x took.
            while True:
                prior = [e for e in qualified if rank[e] < rank[y]]
                if not prior:
                    break
                seen = ranked_before(y)
                novel = (g[x] & g[y]) - seen
                for z in range(n):
                    if len(novel) < NOVEL:
                        break
                    if z != x and z != y and not novel.isdisjoint(g[z]) and not (g[z] - g[y]).isdisjoint(seen):
                        novel -= g[z]
                if len(novel) >= NOVEL:
                    break
                y = max(prior, key=lambda e: (held[x][e], -rank[e]))
            if times[x] is None and times[y] is None and filed:
                # x resembles an undated sibling; if it shares narrative wording (more
                # than a phrase or two) with agency copy too, the two were both written from it.
                y = max(filed, key=lambda e: (held[x][e], -rank[e]))
            source[x] = y
        return source

    # Wording x shares with versions found independent (undated, no source, not ranked
    # first) is a topic's, not copying: found again until the answer holds (a version
    # found independent can free another).
    nothing: frozenset = frozenset()
    source = assign([nothing] * n)
    for _ in range(TOPIC_PASSES):
        alone = [v for v in order[1:] if v not in source and times[v] is None and g[v]]
        if not alone:
            break
        stock = [frozenset().union(*(g[x] & g[z] for z in alone if z != x)) for x in range(n)]
        again = assign(stock)
        if again == source:
            break
        source = again
    return source


def lineage(c: Comparison) -> list[LineageEntry]:
    """For each version (in order) its most likely source, or None when independent."""
    m = reuse_matrix(c)
    n = len(c.versions)
    g = [narrative_grams(c, v) for v in range(n)]
    sentences = cache(lambda v: sentence_grams(c, v))
    times = [version_time(c, v) for v in range(n)]
    site = [any(b.kind == BOILERPLATE for b in c.versions[v].blocks) for v in range(n)]
    source = choose_sources(g, sentences, times, site)
    out = []
    for v in range(n):
        s = source.get(v)
        if s is None:
            out.append(LineageEntry(v, None, 0.0, 0.0))
        else:
            out.append(LineageEntry(v, s, m[s][v], c.pair(s, v).similarity))
    return out


def lineage_dicts(c: Comparison) -> list[dict[str, Any]]:
    """`lineage(c)` as the JSON list `[{"version": 3, "source": 1, "reuse": 0.82}, ...]`."""
    return [e.to_dict() for e in lineage(c)]
