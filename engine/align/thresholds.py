"""Every tuning figure of the alignment stage, in one place: what each decides and what it
was measured on.

"Measured on" names the data a figure was set or last changed against:
- the seeds: five real versions of one story (copies, a rewrite, two independent
  reports), with hand labels in `bench/eval_alignment.py` (precision 1.00, recall 0.80);
- generated rewrites: `bench/eval_generated.py` (60 rewrites whose provenance the
  generator records; link precision 1.00, recall 1.00);
- METER: the real wire/newspaper development set and its scorer (links P 0.946,
  R 0.782); the steps that moved its recall are in docs/benchmarks.md;
- MRPC: the paraphrase corpus of `bench/eval_paraphrase.py`.
A figure given with no measurement of its own was set with the others of its group
and has been held since by all of the checks above (a change to it moves them).
Size budgets (how much work a step may do) are not tuning: they live beside the code
they bound and in `engine.io.guards.Limits`.
"""

from __future__ import annotations

from ..model import Options

# -- Candidate links (pairwise.PairAligner.candidates) ----------------------------------

# Below this Dice a block pair is not even looked at (seeds, generated rewrites).
MIN_DICE = 0.12
# A pair whose overlap is under this share of the link bar cannot reach it on word order either.
PREFILTER_SHARE = 0.5
# Two blocks share at least this many content terms to be linked at all, and a pair with
# fewer shared terms besides names is "named only" (people, places: no shared fact).
MIN_SHARED_TERMS = 2
# A named-only pair needs this score, eased by NAMED_EASE between related versions.
NAMED_ONLY_SCORE = 0.8
NAMED_EASE = 0.45
# A link out of reading order (a move) needs this much more than the link bar (generated
# rewrites: 51 of 54 moved paragraphs flagged, 3 of 2,157 unmoved ones).
MOVE_MARGIN = 0.08


def link_threshold(options: Options) -> float:
    """Score a pair needs to be linked in order; sensitivity 0.5 gives 0.40 (seeds,
    generated rewrites; `bench/eval_alignment.py` sweeps the sensitivity)."""
    return 0.60 - 0.40 * options.sensitivity


# -- Kinship: how related two versions are (kinship.Kinship) -------------------------

# Between kinship KIN_LOW and KIN_HIGH the link bar eases by up to KIN_EASE. KIN_LOW: the
# seeds' independent reports share 0.038-0.077 of their narrative 3-grams; KIN_HIGH was
# 0.10 until METER (recall 0.767 -> 0.791 at 0.08).
KIN_LOW = 0.04
KIN_HIGH = 0.08
KIN_EASE = 0.25
# Fewest separate passages of narration two versions share before kinship counts (one
# shared passage is chance or a stock phrase), checked below KIN_COUNT_BELOW shared 3-grams.
KIN_MIN_PASSAGES = 2
KIN_COUNT_BELOW = 40
# Quotations count towards kinship at this share of theirs, when many are shared (a long
# statement carried whole; METER recall 0.738 -> 0.748).
QUOTED_KIN = 0.5
# Near copies (kinship above this) keep their paragraphs' wording: their overall overlap
# says which block is which, sentence checks are skipped and captions may cross kinds.
NEAR_COPY = 0.5

# -- Sentence evidence: one fact in one sentence (sentence_evidence, pairwise, link_repairs) --

# Same-fact sentences are looked for when some block pair overlaps above FACT_MIN_DICE; a
# sentence pair links its blocks at FACT_MARGIN below the link bar (the seeds' independent
# reports: the same-fact links; generated rewrites: 7 false links in 2,400 paragraphs of
# unrelated word salad).
FACT_MIN_DICE = 0.05
FACT_MARGIN = 0.10
# A sentence pair shares at least this many content terms besides names.
FACT_PLAIN_TERMS = 3
# Candidates scoring below this are checked for a sentence carried over whole.
SENTENCE_CHECK_BELOW = 0.8
# Best sentence-pair overlap that links a free paragraph wherever its partner stands.
SENTENCE_JOIN = 0.25
# The same between versions no more alike than independent reports: only a sentence carried
# over nearly whole says where the paragraph went (METER recall 0.728 -> 0.738).
SENTENCE_ALONE = 0.6
# Shared terms within (their count + PHRASE_SLACK) content terms of each block are one phrase
# (`PairAligner.one_phrase`): an actor's name, not a fact stated of it (the seeds'
# independent reports; METER unchanged).
PHRASE_SLACK = 1

# -- Link repairs (link_repairs.LinkRepairs) ------------------------------------------

# Filling a gap between in-order links: the bar eases by GAP_EASE more, never below GAP_FLOOR.
GAP_EASE = 0.08
GAP_FLOOR = 0.12
# Neighbouring links whose paragraphs share this much across (a sentence or the wording)
# become one 2:2 link: the rewrite moved a paragraph break (METER recall 0.748 -> 0.767; with
# near copies and headings keeping their breaks, 0.782 at precision 0.941). At most this
# many blocks a side take part.
RESPLIT = 0.3
RESPLIT_MAX_BLOCKS = 3
# A free block joins a link (merge or split) on terms its partner explains and the link's own
# blocks do not: at least ABSORB_FRESH_TERMS of them (MIN_SHARED_TERMS besides names); a block
# more than ABSORB_NEAR_BLOCKS away needs ABSORB_FAR_EXTRA more of its weight explained.
ABSORB_FRESH_TERMS = 3
ABSORB_NEAR_BLOCKS = 2
ABSORB_FAR_EXTRA = 0.2

# -- Relations: identical, edited or paraphrased (relation, engine.vocabulary.RULE_EDITED) --

# One block (of EDIT_MIN_WORDS words or more) standing EDIT_CONTAINED inside the other is an edit.
EDIT_CONTAINED = 0.9
EDIT_MIN_WORDS = 6
# Below EDIT_FRAME of the words in order it is a rewording; above, changes in at most
# EDIT_PLACES places, or at most EDIT_PLACES_PER_WORD per word of a text EDIT_SAME the same,
# are edits (generated rewrites: 8% of reworded paragraphs called edited; MRPC).
EDIT_FRAME = 0.6
EDIT_PLACES = 2
EDIT_SAME = 0.9
EDIT_PLACES_PER_WORD = 0.05
# A changed number, name or negation counts as a changed fact in a change of up to this many words.
FACT_SPAN = 3

# -- Rarity of terms (similarity.Corpus) ----------------------------------------------

# A prior of RARITY_PRIOR_BLOCKS pseudo-blocks holding a term at RARITY_PRIOR_SHARE keeps
# short inputs from making every shared word look common.
RARITY_PRIOR_BLOCKS = 8.0
RARITY_PRIOR_SHARE = 0.05

# -- Sentences across versions: the heat map and what is new (sentence_match) ----------

# A sentence is kept edited at MATCH_EDIT_SIM word order, or MATCH_EDIT_CONTAINED inside another.
MATCH_EDIT_SIM = 0.70
MATCH_EDIT_CONTAINED = 0.90
# Else paraphrased where a sentence covers MATCH_PARA_CONTAINED of its terms (MATCH_PARA_LINKED
# when the paragraphs' links are known, and then a match under MATCH_PARA_STRONG counts only
# inside a linked paragraph), sharing at least MATCH_MIN_SHARED terms, as many besides names.
MATCH_PARA_CONTAINED = 0.50
MATCH_PARA_STRONG = 0.70
MATCH_PARA_LINKED = 0.35
MATCH_MIN_SHARED = 2

# -- Sentence pairs inside a link: the detail pane (sentence_pairs) ---------------------

# Below PAIR_MIN two sentences are not one sentence rewritten; a 2:1 or 1:2 pair must match
# JOIN_MARGIN better than its best 1:1 part; out of order a pair needs MOVED_MIN; paired
# sentences share PAIR_MIN_SHARED content terms unless their wording agrees.
PAIR_MIN = 0.3
JOIN_MARGIN = 0.05
MOVED_MIN = 0.5
PAIR_MIN_SHARED = 2


def derived_share(kinship: float) -> float:
    """0 for independent versions, 1 for versions that clearly derive from each other."""
    return min(1.0, max(0.0, (kinship - KIN_LOW) / (KIN_HIGH - KIN_LOW)))
