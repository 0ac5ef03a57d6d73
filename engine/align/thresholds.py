"""The thresholds of pairwise alignment, in one place, and how a pair's kinship eases them.

Every figure here was set on the seeds, generated rewrites and the real wire
development set together (README: "Real wire copy"); each says in a comment what
it decides.
"""

from __future__ import annotations

from ..model import Options

# Below this Dice a pair is not even looked at.
MIN_DICE = 0.12
# A link out of reading order (a move) needs this much more than the link threshold.
MOVE_MARGIN = 0.08
# Same-fact sentences: looked for when some paragraph pair overlaps above FACT_MIN_DICE;
# a sentence pair links its paragraphs at FACT_MARGIN below the paragraph threshold.
FACT_MIN_DICE = 0.05
FACT_MARGIN = 0.10


def link_threshold(options: Options) -> float:
    """Score a pair needs to be linked in order; sensitivity 0.5 gives 0.40."""
    return 0.60 - 0.40 * options.sensitivity


# Versions that derive from each other (a rewrite and its wire story, two papers written
# from one wire) share many phrases even where they reword; independent reports of an
# event share names and a quote. Between kinship (shared 3-gram share, see
# Corpus.kinship) KIN_LOW and KIN_HIGH the link threshold eases by up to KIN_EASE.
KIN_LOW = 0.04
KIN_HIGH = 0.08
KIN_EASE = 0.25
# Near-copies (kinship above this) keep their paragraphs' wording: their overall
# overlap already says which is which, and the sentence check is skipped.
NEAR_COPY = 0.5
# Candidates scoring below this are checked for a sentence carried over whole.
SENTENCE_CHECK_BELOW = 0.8
# Best sentence-pair overlap that links a free paragraph wherever its partner stands.
SENTENCE_JOIN = 0.25
# The same between versions that share no more wording than independent reports: only a
# sentence carried over nearly whole (a quoted statement) says where the paragraph went.
SENTENCE_ALONE = 0.6
# How far kinship lowers the bar for pairs that share names but few other terms.
NAMED_EASE = 0.45
# Filling a gap between in-order links: the bar eases by GAP_EASE more, never below GAP_FLOOR.
GAP_EASE = 0.08
GAP_FLOOR = 0.12
# Shared terms within (their count + PHRASE_SLACK) content terms of each block are one
# phrase (`PairAligner.one_phrase`): an actor's name, not a fact stated of it.
PHRASE_SLACK = 1
# Neighbouring links whose paragraphs share this much across (a sentence or the wording)
# become one 2:2 link: the rewrite moved a paragraph break.
RESPLIT = 0.3


def derived_share(kinship: float) -> float:
    """0 for independent versions, 1 for versions that clearly derive from each other."""
    return min(1.0, max(0.0, (kinship - KIN_LOW) / (KIN_HIGH - KIN_LOW)))
