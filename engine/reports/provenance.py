"""The provenance sections every report shares, as plain (unescaped) text and numbers:
the reuse matrix, the lineage list and what is new in each version.

Each writer escapes this text its own way (HTML, Markdown, Qt rich text).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Comparison
from ..text.blocks import shown
from ..vocabulary import pct

MATRIX_NOTE = ("Each cell: the share of the row version's words that stand verbatim (runs of six words "
               "or more) in the column version. Marked (*): the row version's likely source.")


def share(x: float) -> str:
    """A share as people read it: '<1%' rather than '0%' for a trace."""
    return pct(x)


def matrix_rows(c: Comparison) -> list[list[float | None]]:
    """rows[r][k]: share of version r's words found verbatim in version k (None on the diagonal)."""
    m = c.reuse_matrix
    n = len(c.versions)
    return [[None if r == k else m[k][r] for k in range(n)] for r in range(n)]


# A version that derives from its source (it shares the source's narrative phrasing, see
# engine.analysis.lineage) but holds less than this share of its words in runs of six or
# more: written from the source in other words, not copied from it.
REWORDED_BELOW = 0.10


def derivation(reuse: float) -> str:
    """How a derived version took its source: '33% verbatim', or 'a paraphrased rewrite
    (0% verbatim)' when it kept the source's phrasing but copied few whole runs."""
    if reuse < REWORDED_BELOW:
        return f"a paraphrased rewrite ({share(reuse)} verbatim)"
    return f"{share(reuse)} verbatim"


DERIVES_NOTE = ("A version derives from another when it shares that version's narrative phrasing (word "
                "four-grams outside quotation marks); the percent is the share of its words that stand "
                "verbatim there, in runs of six words or more. A paraphrased rewrite keeps the source's facts "
                "and order in its own words: few such runs, so a low percent.")


def lineage_lines(c: Comparison) -> list[str]:
    """One sentence per version: '002 derives from 001 — 33% verbatim', '003: independent'."""
    names = [v.name for v in c.versions]
    out = []
    for e in c.lineage:
        kids = [names[x.version] for x in c.lineage if x.source == e.version]
        if e.source is not None:
            line = f"{names[e.version]} derives from {names[e.source]} \u2014 {derivation(e.reuse)}"
            if kids:
                line += f"; source of {', '.join(kids)}"
        elif kids:
            line = f"{names[e.version]}: the original \u2014 source of {', '.join(kids)}"
        else:
            line = f"{names[e.version]}: independent"
        out.append(line)
    return out


@dataclass(frozen=True)
class NewItem:
    kind: str  # "paragraph" or "sentence"
    block: int
    text: str  # as the views show it (white space collapsed, wire quotes curly)
    words: int


def new_items(c: Comparison, version: int) -> list[NewItem]:
    """A version's unique paragraphs and sentences, in reading order."""
    u = c.unique[version]
    v = c.versions[version]
    items = [(b.start, NewItem("paragraph", b.block, shown(v, b.text), b.words)) for b in u.blocks]
    items += [(s.start, NewItem("sentence", s.block, shown(v, s.text), s.words)) for s in u.sentences]
    return [x for _, x in sorted(items, key=lambda t: t[0])]


def origin(c: Comparison, version: int) -> str:
    """'derives from NAME', 'the original' (others derive from it) or 'independent'."""
    e = c.lineage[version]
    if e.source is not None:
        return f"derives from {c.versions[e.source].name}"
    if any(x.source == version for x in c.lineage):
        return "the original"
    return "independent"


def new_counts(c: Comparison, version: int, joiner: str = " and ") -> str:
    """'2 paragraphs and 1 sentence', or '' when the version has nothing of its own."""
    u = c.unique[version]
    parts = []
    if u.blocks:
        parts.append(f"{len(u.blocks)} paragraph{'s' if len(u.blocks) != 1 else ''}")
    if u.sentences:
        parts.append(f"{len(u.sentences)} sentence{'s' if len(u.sentences) != 1 else ''}")
    return joiner.join(parts)


def new_heading(c: Comparison, version: int) -> str:
    what = new_counts(c, version) or "nothing no other version has"
    return f"{c.versions[version].name}: {what} ({share(c.unique[version].share)} of its words)"
