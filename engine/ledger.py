"""The fact ledger of a pair of versions: which quotations, figures, dates, names, job
titles and negations changed between them (`Pair.facts`, storydiff/1 `pairs[].facts`).

Data only, like `engine.model` (which imports this leaf): `engine.facts` finds the
changes, these frozen dataclasses hold them. A ledger is computed once per pair of
versions, on first use, and read from the other side through `Ledger.swapped()`, so
`c.pair(a, b).facts` and `c.pair(b, a).facts` always tell the same story.

Spans are character offsets into the block's `display` text (what the window shows
and the diffs rebuild), so a view can highlight the fact where it stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .vocabulary import (
    ALTERED,
    CHANGED,
    DROPPED_FACT,
    EXTENDED,
    FACT_INVERSE,
    FACT_KINDS,
    FACT_NOUN,
    NEGATION,
    NUMBER,
    QUOTE,
    REATTRIBUTED,
    TRIMMED,
    FactBadge,
    fact_badge,
)

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FactChange:
    """One changed fact between version a (old) and version b (new).

    `old` / `new`: the exact words of each version ("" where one lacks the fact);
    `a_block` / `b_block`: the block index holding them (for a fact added to or dropped from
    a linked paragraph, the other side's index is its linked paragraph; None when the fact
    stands in a paragraph the other version lacks);
    `a_span` / `b_span`: their offsets in that block's display text. For quotes,
    `speaker_old` / `speaker_new` name who says them ("" when nobody is named), and
    `diff_old` / `diff_new` the words that differ, with a little context. For figures,
    `value_old` / `value_new` are the numbers compared (for the ×10 of a description).
    """

    kind: str
    change: str
    old: str
    new: str
    a_block: int | None
    b_block: int | None
    a_span: Span | None = None
    b_span: Span | None = None
    speaker_old: str = ""
    speaker_new: str = ""
    diff_old: str = ""
    diff_new: str = ""
    value_old: float | None = None
    value_new: float | None = None
    # for an altered quote: its named speaker changed too (speaker_old / speaker_new name two people)
    speaker_changed: bool = False

    @property
    def badge(self) -> FactBadge:
        """Its badge and explanation from the one vocabulary (QUOTE ALTERED, FIGURE CHANGED...)."""
        return fact_badge(self.kind, self.change)

    @property
    def description(self) -> str:
        """One line a reader understands: "figure changed: 2,300 → 23,000 (×10)"."""
        return describe(self)

    def swapped(self) -> FactChange:
        """The same change read from version b to version a."""
        return FactChange(self.kind, FACT_INVERSE.get(self.change, self.change), self.new, self.old,
                          self.b_block, self.a_block, self.b_span, self.a_span, self.speaker_new,
                          self.speaker_old, self.diff_new, self.diff_old, self.value_new, self.value_old,
                          self.speaker_changed)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "change": self.change, "old": self.old, "new": self.new,
                               "a_block": self.a_block, "b_block": self.b_block,
                               "a_span": list(self.a_span) if self.a_span else None,
                               "b_span": list(self.b_span) if self.b_span else None}
        if self.kind == QUOTE:
            out["speaker_old"] = self.speaker_old
            out["speaker_new"] = self.speaker_new
        out["description"] = self.description
        return out


def _q(text: str) -> str:
    return f"\u201c{text}\u201d"


def _factor(old: float | None, new: float | None) -> str:
    """"×10", "÷4", "+15%": how much a figure moved (empty when it cannot be said)."""
    if not old or new is None or old < 0 or new < 0:
        return ""
    r = new / old
    if r >= 1.5:
        return f" (\u00d7{r:.3g})"
    if 0 < r <= 1 / 1.5:
        return f" (\u00f7{1 / r:.3g})"
    if r != 1:
        return f" ({(r - 1) * 100:+.3g}%)"
    return ""


def describe(f: FactChange) -> str:
    """The one-line description of a change (see `FactChange.description`)."""
    noun = FACT_NOUN.get(f.kind, f.kind)
    if f.kind == QUOTE:
        who_old, who_new = f.speaker_old or "no speaker named", f.speaker_new or "no speaker named"
        who = f" ({f.speaker_new or f.speaker_old})" if (f.speaker_new or f.speaker_old) else ""
        if f.change == REATTRIBUTED:
            return f"speaker changed: {who_old} \u2192 {who_new}: {_q(f.new)}"
        if f.change == ALTERED:
            head = f"quote altered{who}: {_q(f.diff_old or f.old)} \u2192 {_q(f.diff_new or f.new)}"
            if f.speaker_changed:
                head += f"; speaker {who_old} \u2192 {who_new}"
            return head
        if f.change in (TRIMMED, EXTENDED):
            n_old, n_new = len(f.old.split()), len(f.new.split())
            return f"quote {f.change}{who}: {n_old} \u2192 {n_new} words, {_q(f.new)}"
        return f"quote {f.change}{who}: {_q(f.new or f.old)}"
    if f.change == CHANGED:
        extra = _factor(f.value_old, f.value_new) if f.kind == NUMBER else ""
        if extra and f.value_old is not None and f.value_new is not None and \
                all(("%" in t or "per cent" in t or "percent" in t) for t in (f.old, f.new)):
            extra = f" ({f.value_new - f.value_old:+.3g} points)"  # percentages move by points
        return f"{noun} changed: {f.old} \u2192 {f.new}{extra}"
    if f.kind == NEGATION:
        return f"{noun} {f.change}: {_q(f.diff_old or f.old)} \u2192 {_q(f.diff_new or f.new)}"
    shown = f.old if f.change == DROPPED_FACT else f.new or f.old
    return f"{noun} {f.change}: {shown}"


@dataclass(frozen=True)
class Ledger:
    """The changed facts of a pair of versions, in reading order of version b (then a)."""

    changes: tuple[FactChange, ...] = ()

    def __iter__(self):
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def swapped(self) -> Ledger:
        return Ledger(tuple(f.swapped() for f in self.changes))

    @cached_property
    def _by_a(self) -> dict[int, tuple[FactChange, ...]]:
        out: dict[int, list[FactChange]] = {}
        for f in self.changes:
            if f.a_block is not None:
                out.setdefault(f.a_block, []).append(f)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _by_b(self) -> dict[int, tuple[FactChange, ...]]:
        out: dict[int, list[FactChange]] = {}
        for f in self.changes:
            if f.b_block is not None:
                out.setdefault(f.b_block, []).append(f)
        return {k: tuple(v) for k, v in out.items()}

    def of_a(self, block: int) -> tuple[FactChange, ...]:
        """The changes whose old words stand in block `block` of version a."""
        return self._by_a.get(block, ())

    def of_b(self, block: int) -> tuple[FactChange, ...]:
        """The changes whose new words stand in block `block` of version b."""
        return self._by_b.get(block, ())

    def by_kind(self) -> dict[str, tuple[FactChange, ...]]:
        """Changes grouped by kind of fact, kinds in the vocabulary's order, empty kinds left out."""
        return {k: grouped for k in FACT_KINDS if (grouped := tuple(f for f in self.changes if f.kind == k))}

    def to_list(self) -> list[dict[str, Any]]:
        return [f.to_dict() for f in self.changes]

