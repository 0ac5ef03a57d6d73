"""What aligning two versions reads: one pair's state, built whole, and the rules on it.

`PairState.build` gathers everything both passes of pairwise alignment read about
versions `a` and `b` of a corpus, in one constructor: their blocks and features, how
much they share as wording (kinship) and how far that eases the link bar, and the
block-pair matrices of shared content (weight, Dice, terms besides names). The rules
both passes apply to a block pair (photo captions, denials) are its methods.

`Side` sees the pair from one version: "mine" and "theirs", so a repair written once
serves both directions (no `if side == "a"` branches).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model import CAPTION, Options, Version
from ..text.textnorm import stem
from .chain import Group
from .features import BlockFeatures, VersionFeatures
from .similarity import Corpus
from .thresholds import KIN_EASE, NEAR_COPY, derived_share, link_threshold

# Content terms (stems) of a denial: a counter-statement, not part of what it answers.
_DENIAL = frozenset(map(stem, ("deny", "denied", "denies", "denying", "denial", "denials", "refute", "refuted",
                               "refutes")))


@dataclass(frozen=True, eq=False)
class PairState:
    """Versions `a` and `b` of a corpus as pairwise alignment reads them (see the module docstring)."""

    corpus: Corpus
    options: Options
    a: int
    b: int
    va: Version
    vb: Version
    fa: VersionFeatures
    fb: VersionFeatures
    kinship: float  # share of the smaller version's narrative 3-grams the other holds
    kin_weight: float  # 0..1: how far kinship eases this pair's bars (0 for independent versions)
    plain_bar: float  # the link threshold of the sensitivity alone
    bar: float  # the link threshold, eased by kinship
    shared_weight: np.ndarray = field(repr=False)  # block pairs: summed rarity of the terms they share
    shared_plain: np.ndarray = field(repr=False)  # block pairs: how many shared terms are not names (unsigned)
    shared_count: np.ndarray = field(repr=False)  # block pairs: how many terms they share (unsigned)
    dice: np.ndarray = field(repr=False)  # block pairs: weighted Dice of their terms

    @classmethod
    def build(cls, corpus: Corpus, versions: list[Version], a: int, b: int, options: Options) -> PairState:
        fa, fb = corpus.features[a], corpus.features[b]
        kinship = corpus.kinship(a, b)
        # Sensitivity 0 asks for the text's own evidence only; kinship eases from there.
        kin_weight = derived_share(kinship) * min(1.0, 2 * options.sensitivity)
        plain_bar = link_threshold(options)
        m = corpus.block_pairs(a, b)
        return cls(corpus, options, a, b, versions[a], versions[b], fa, fb, kinship, kin_weight, plain_bar,
                   plain_bar - KIN_EASE * kin_weight, m.weight, m.plain, m.terms, m.dice)

    @property
    def near_copy(self) -> bool:
        """Versions that keep each other's wording: their overall overlap says which block is which."""
        return self.kinship >= NEAR_COPY

    def caption(self, i: int, j: int) -> bool:
        """Is a.i or b.j a photo caption?"""
        return CAPTION in (self.fa.kinds[i], self.fb.kinds[j])

    def caption_apart(self, i: int, j: int) -> bool:
        """A caption describes one photo: it links only to a caption (of the same scene,
        see `PairAligner.bar_of`), never to a paragraph that tells of the same moment in
        other words. Near copies are exempt: there a block classified one way in one
        version and another way in the other is still the same text."""
        kinds = (self.fa.kinds[i], self.fb.kinds[j])
        return CAPTION in kinds and kinds[0] != kinds[1] and not self.near_copy

    def sides(self, used_a: set[int], used_b: set[int]) -> tuple[Side, Side]:
        """The pair seen from a, then from b."""
        return (Side(self, True, self.fa, self.fb, used_a, used_b),
                Side(self, False, self.fb, self.fa, used_b, used_a))


def adds_denial(joining: BlockFeatures, partner: BlockFeatures) -> bool:
    """Does a block joining a link deny something its partner reports without the denial?
    "Moscow and Pyongyang have denied weapons transfers" is a statement of its own, not
    part of a paragraph about concerns over arms transfers; next to "a charge both
    countries have denied" it is the same fact."""
    return not _DENIAL.isdisjoint(joining.terms) and _DENIAL.isdisjoint(partner.terms)


@dataclass(frozen=True, eq=False)
class Side:
    """The pair seen from one version: its blocks are "mine", the other's "theirs"; block-pair
    matrices read as mine x theirs, and links are read and made in those terms."""

    pair: PairState
    from_a: bool
    mine: VersionFeatures
    theirs: VersionFeatures
    used: set[int]  # my blocks already linked
    used_theirs: set[int]

    @property
    def version(self) -> int:
        return self.pair.a if self.from_a else self.pair.b

    def rows(self, matrix: np.ndarray) -> np.ndarray:
        """A block-pair matrix (a x b) as mine x theirs."""
        return matrix if self.from_a else matrix.T

    def ij(self, x: int, y: int) -> tuple[int, int]:
        """My block x and their block y as (block of a, block of b)."""
        return (x, y) if self.from_a else (y, x)

    def own(self, g: Group) -> list[int]:
        return g.a if self.from_a else g.b

    def other(self, g: Group) -> list[int]:
        return g.b if self.from_a else g.a

    def new_group(self, x: int, y: int) -> Group:
        i, j = self.ij(x, y)
        return Group([i], [j])

    def caption_apart(self, x: int, y: int) -> bool:
        return self.pair.caption_apart(*self.ij(x, y))

    def adds_denial(self, x: int, y: int) -> bool:
        """Would my block x, joining their block y's link, add a denial y does not report?"""
        return adds_denial(self.mine.blocks[x], self.theirs.blocks[y])
