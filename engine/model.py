"""The immutable result of a comparison, and the options that shaped it.

Every view of the app, every report and the CLI read one `Comparison`: frozen
dataclasses holding tuples, so a worker thread can hand it to the GUI thread and
nobody can change it under another reader (Meld's chunk tuples are the model).

The model is a leaf: it imports no analysis. The lazy properties below (inline
diffs, fact ledgers, lineage, the reuse matrix, sentence matches, unique content,
the heat map) ask the `analyses` each object is given by the code that builds it
(`engine.compare` hands over `engine.on_demand`), so the analyses import the model
and never the reverse, and no global is set at import.

Vocabulary:
    Version  one text being compared, split into `Block`s.
    Link     "these blocks of version a correspond to those blocks of version b".
    Pair     everything known about two versions: links, added/dropped blocks, reuse.
    rows     the N-way table: each row holds, per version, the block indices that
             stand side by side with the base version's block(s) of that row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Protocol

from .errors import Cancelled, StorydiffError
from .gc_pause import gc_paused
from .kinds import BlockKind, Relation
from .ledger import FactChange as FactChange  # re-exported: the ledger's types are the model's
from .ledger import Ledger as Ledger

SCHEMA = "storydiff/1"

# Block kinds and link relations (engine.kinds), by their short names.
TITLE, HEADING, PARAGRAPH, CAPTION, BOILERPLATE, HEADER, BYLINE, SIGNOFF = BlockKind
KINDS = tuple(BlockKind)
# Kinds that are not the article's content: they only pair with each other and count for nothing.
CHROME_KINDS = frozenset((BOILERPLATE, HEADER, SIGNOFF))
IDENTICAL, EDITED, PARAPHRASED = Relation
RELATIONS = tuple(Relation)

# Diff operations, as diff-match-patch numbers them.
DELETE, EQUAL, INSERT = -1, 0, 1

Diff = tuple[tuple[int, str], ...]


class Analyses(Protocol):
    """What the model's lazy properties need computed; `engine.on_demand` provides it."""

    def word_diff(self, text_a: str, text_b: str, granularity: str, ignore_case: bool) -> Diff: ...
    def lineage(self, c: Comparison) -> list: ...
    def reuse_matrix(self, c: Comparison) -> list[list[float]]: ...
    def sentence_index(self, c: Comparison) -> Any: ...
    def unique(self, c: Comparison, index: Any) -> list: ...
    def heatmap(self, c: Comparison, index: Any) -> list: ...
    def pair_facts(self, p: Pair) -> Ledger: ...


def _given(analyses: Analyses | None, what: str) -> Analyses:
    """The analyses an object was built with; one clear error for an object built without."""
    if analyses is None:
        raise StorydiffError(f"{what} needs the engine's analyses: build it with engine.compare, "
                             "or pass analyses=engine.on_demand")
    return analyses


@dataclass(frozen=True, slots=True)
class Options:
    """What counts as a difference, and how eagerly reworded paragraphs are linked.

    sensitivity: 0..1, higher links looser paraphrases (0.5 is the default balance
    between missing a rewrite and linking two paragraphs that state different facts).
    granularity: "word" or "char" for the inline diffs.
    """

    # Letter case is house style ("Court Office" / "court office", headline capitals), not
    # a change to the story: ignored unless asked (CLI --strict-case, Options).
    ignore_case: bool = True
    ignore_punctuation: bool = False
    ignore_quotes: bool = True
    sensitivity: float = 0.5
    granularity: str = "word"
    unit: str = "paragraph"

    def __post_init__(self) -> None:
        if not 0.0 <= float(self.sensitivity) <= 1.0:
            raise StorydiffError(f"sensitivity must be between 0 and 1, not {self.sensitivity}")
        if self.granularity not in ("word", "char"):
            raise StorydiffError(f"granularity must be 'word' or 'char', not {self.granularity!r}")
        if self.unit not in ("paragraph", "sentence"):
            raise StorydiffError(f"unit must be 'paragraph' or 'sentence', not {self.unit!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "ignore_case": self.ignore_case,
            "ignore_punctuation": self.ignore_punctuation,
            "ignore_quotes": self.ignore_quotes,
            "sensitivity": self.sensitivity,
            "granularity": self.granularity,
            "unit": self.unit,
        }


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, heading, title, caption or piece of boilerplate of a version.

    `text` is exactly `version.text[start:end]`; `display` is the same text with every
    run of white space (line breaks of hard-wrapped paragraphs, no-break spaces) shown
    as one space, which is what the views show and the inline diffs rebuild.
    """

    index: int
    kind: BlockKind
    start: int
    end: int
    text: str
    display: str
    words: int

    @property
    def is_content(self) -> bool:
        """Article content, as opposed to site chrome, wire headers and sign-offs."""
        return self.kind not in CHROME_KINDS


@dataclass(frozen=True)
class Version:
    """One text being compared."""

    id: int
    name: str
    path: str | None
    text: str
    encoding: str
    blocks: tuple[Block, ...]
    fmt: str = "text"
    # When the version was filed or published (ISO 8601), if the file says: a wire
    # slug line, agency XML. Lineage lets an earlier version be the source of a later one.
    published: str | None = None

    @cached_property
    def words(self) -> int:
        return sum(self.content_words)

    @cached_property
    def content_words(self) -> tuple[int, ...]:
        """Per block: its word count if it is content (not site chrome), else 0."""
        return tuple(b.words if b.is_content else 0 for b in self.blocks)


@dataclass(frozen=True, eq=False)
class Link:
    """Blocks `a` of one version correspond to blocks `b` of another (1:1, n:1 or 1:n).

    `text_a` / `text_b` are the linked blocks' display texts (joined by a line break
    when a side has several blocks). The word-level `diff` between them is computed
    on first use and kept: aligning 20 versions needs thousands of links, but a view
    shows a few dozen diffs at a time (`Comparison.materialize` computes them ahead,
    off the GUI thread).
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    relation: Relation
    moved: bool
    score: float
    text_a: str = field(default="", repr=False)
    text_b: str = field(default="", repr=False)
    granularity: str = field(default="word", repr=False)
    ignore_case: bool = field(default=False, repr=False)
    _mirror: Link | None = field(default=None, repr=False)
    analyses: Analyses | None = field(default=None, repr=False, compare=False)

    @cached_property
    def diff(self) -> Diff:
        """Word-level diff from text_a to text_b: (op, text) parts, op -1/0/1."""
        if self._mirror is not None:
            return tuple((-op, s) for op, s in self._mirror.diff)
        if self.text_a == self.text_b:
            return ((EQUAL, self.text_a),) if self.text_a else ()
        return _given(self.analyses, "a link's diff").word_diff(self.text_a, self.text_b, self.granularity,
                                                                 self.ignore_case)

    def swapped(self) -> Link:
        """The same link seen from the other version (shares this link's diff)."""
        return Link(self.b, self.a, self.relation, self.moved, self.score, self.text_b,
                    self.text_a, self.granularity, self.ignore_case, self, self.analyses)

    @property
    def merged(self) -> bool:
        return len(self.a) > 1 or len(self.b) > 1

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Link):
            return NotImplemented
        return (self.a, self.b, self.relation, self.moved, self.score, self.text_a, self.text_b) == \
            (other.a, other.b, other.relation, other.moved, other.score, other.text_a, other.text_b)

    def __hash__(self) -> int:
        return hash((self.a, self.b, self.relation, self.score))


@dataclass(frozen=True)
class Pair:
    """Two versions: their links, the blocks of `a` not in `b` (dropped) and of `b` not in `a` (added)."""

    a: int
    b: int
    similarity: float
    reuse_a_from_b: float
    reuse_b_from_a: float
    links: tuple[Link, ...]
    dropped: tuple[int, ...]
    added: tuple[int, ...]
    # The two versions (a, b): what the fact ledger reads. Not compared, not printed.
    versions: tuple[Version, Version] | None = field(default=None, repr=False, compare=False)
    _mirror: Pair | None = field(default=None, repr=False, compare=False)
    analyses: Analyses | None = field(default=None, repr=False, compare=False)

    def swapped(self) -> Pair:
        """The same pair seen from b (shares the fact ledger, read the other way)."""
        return Pair(self.b, self.a, self.similarity, self.reuse_b_from_a, self.reuse_a_from_b,
                    tuple(link.swapped() for link in self.links), self.added, self.dropped,
                    (self.versions[1], self.versions[0]) if self.versions else None, self, self.analyses)

    @cached_property
    def facts(self) -> Ledger:
        """The facts that changed from version a to version b (engine.facts), found on first use."""
        if self._mirror is not None:
            return self._mirror.facts.swapped()
        if self.versions is None:  # a pair built without its versions has no texts to read
            return Ledger()
        return _given(self.analyses, "a pair's facts").pair_facts(self)

    @cached_property
    def _by_a(self) -> dict[int, Link]:
        return {i: link for link in self.links for i in link.a}

    @cached_property
    def _by_b(self) -> dict[int, Link]:
        return {j: link for link in self.links for j in link.b}

    def link_of_a(self, index: int) -> Link | None:
        """The link holding block `index` of version a, if any."""
        return self._by_a.get(index)

    def link_of_b(self, index: int) -> Link | None:
        """The link holding block `index` of version b, if any."""
        return self._by_b.get(index)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "similarity": round(self.similarity, 4),
            "reuse": {"a_from_b": round(self.reuse_a_from_b, 4),
                      "b_from_a": round(self.reuse_b_from_a, 4)},
            "links": [
                {"a": list(l.a), "b": list(l.b), "relation": l.relation, "moved": l.moved,
                 "score": round(l.score, 4), "diff": [[op, s] for op, s in l.diff]}
                for l in self.links
            ],
            "dropped": list(self.dropped),
            "added": list(self.added),
            "facts": self.facts.to_list(),
        }


Row = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Comparison:
    """Everything the engine found about a set of versions. Read-only."""

    versions: tuple[Version, ...]
    base: int
    pairs: tuple[Pair, ...]
    rows: tuple[Row, ...]
    options: Options = field(default_factory=Options)
    elapsed: float = 0.0
    # More top-level keys of the JSON document (e.g. "guards": what the size guards did),
    # given when the comparison is built and read-only like the rest.
    extras: Mapping[str, Any] = field(default_factory=dict, compare=False)
    # What the lazy properties below compute with (engine.compare gives engine.on_demand).
    analyses: Analyses | None = field(default=None, repr=False, compare=False)

    @property
    def _analyses(self) -> Analyses:
        return _given(self.analyses, "this comparison's analyses")

    @cached_property
    def _pair_index(self) -> dict[tuple[int, int], Pair]:
        index: dict[tuple[int, int], Pair] = {}
        for p in self.pairs:
            index[(p.a, p.b)] = p
            index[(p.b, p.a)] = p.swapped()
        return index

    def pair(self, a: int, b: int) -> Pair:
        """The pair of versions a and b, oriented so that `.a == a` (a != b)."""
        try:
            return self._pair_index[(a, b)]
        except KeyError:
            raise KeyError(f"no pair of versions {a} and {b}") from None

    @cached_property
    def row_of(self) -> tuple[dict[int, int], ...]:
        """Per version, block index -> row index."""
        maps: list[dict[int, int]] = [dict() for _ in self.versions]
        for r, row in enumerate(self.rows):
            for v, cell in enumerate(row):
                for i in cell:
                    maps[v][i] = r
        return tuple(maps)

    @cached_property
    def lineage(self) -> list:
        """Each version's most likely source (engine.analysis.lineage)."""
        return self._analyses.lineage(self)

    @cached_property
    def reuse_matrix(self) -> list[list[float]]:
        """m[a][b]: share of version b's words that stand verbatim in version a."""
        return self._analyses.reuse_matrix(self)

    @cached_property
    def sentence_index(self):
        """Every version's sentences, ready to match across versions (engine.align.sentence_match)."""
        return self._analyses.sentence_index(self)

    @cached_property
    def unique(self) -> list:
        """Per version, the blocks and sentences no other version has (engine.analysis.unique)."""
        return self._analyses.unique(self, self.sentence_index)

    @cached_property
    def heatmap(self) -> list:
        """The base's sentences with how many versions keep, edit, paraphrase or drop each."""
        return self._analyses.heatmap(self, self.sentence_index)

    def materialize(self, which: str = "all", cancel: Callable[[], bool] | None = None,
                    facts: bool = False) -> None:
        """Compute the inline diffs ahead of use: "base" (pairs with the base) or "all";
        with `facts`, those pairs' fact ledgers too (a worker thread does this for the window)."""
        with gc_paused():  # see engine.gc_pause: thousands of diffs, no cycles
            self._materialize(which, cancel, facts)

    def _materialize(self, which: str, cancel: Callable[[], bool] | None, facts: bool) -> None:
        for p in self.pairs:
            if which == "base" and self.base not in (p.a, p.b):
                continue
            for link in p.links:
                if cancel is not None and cancel():
                    raise Cancelled()
                link.diff  # noqa: B018 - computes and caches
            if facts:
                p.facts  # noqa: B018 - computes and caches

    def with_names(self, names: list[str]) -> Comparison:
        """A copy whose versions carry other display names (names are not compared)."""
        versions = tuple(replace(v, name=n) for v, n in zip(self.versions, names))
        return replace(self, versions=versions)

    def to_dict(self) -> dict[str, Any]:
        """The `storydiff/1` JSON document."""
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "base": self.base,
            "options": self.options.to_dict(),
            "elapsed": round(self.elapsed, 4),
            "versions": [
                {"id": v.id, "name": v.name, "path": v.path, "encoding": v.encoding,
                 "published": v.published, "words": v.words,
                 "blocks": [{"index": b.index, "kind": b.kind, "start": b.start, "end": b.end,
                             "text": b.text} for b in v.blocks]}
                for v in self.versions
            ],
            "pairs": [p.to_dict() for p in self.pairs],
            "rows": [[list(cell) for cell in row] for row in self.rows],
            "reuse_matrix": [[round(x, 4) for x in row] for row in self.reuse_matrix],
            "lineage": [entry.to_dict() for entry in self.lineage],
            "unique": [u.to_dict() for u in self.unique],
        }
        out.update(self.extras)
        return out
