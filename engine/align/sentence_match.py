"""What became of one version's sentences in another: kept verbatim, edited, paraphrased or gone.

Shared by the unique-content finder and the base heat map. Each version's blocks are
cut into sentences (`engine.text.sentences`); a `Corpus` over those sentences gives content
terms, rarity weights and the names of people and places. For a sentence s of
version a and version b:

* verbatim     s's words, in order, stand inside one block of b (case, quotes, dashes
               and white space normalised);
* edited       one sentence t of b has nearly the same word sequence: normalised LCS
               >= 0.7, or >= 0.9 of the shorter side in order (s split or extended);
* paraphrased  one sentence t of b holds at least half of s's content weight and at
               least two shared content terms that are not names — independent reports
               of one event share names in every sentence, so names alone never count;
               when `linked` is given, t must also lie in a block linked to s's block
               unless the overlap is strong (>= 0.7 of s's weight); inside a link,
               whose paragraphs the aligner already judged to say the same, a third
               of s's weight is enough;
* dropped      none of these.

Word sequences are compared as strings of one character per distinct word (the
lines-to-chars trick applied to words), so rapidfuzz and `in` do the work in C.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from ..model import CHROME_KINDS, Comparison, Version
from ..text.sentences import sentence_versions
from .similarity import Corpus
from .thresholds import (
    MATCH_EDIT_CONTAINED,
    MATCH_EDIT_SIM,
    MATCH_MIN_SHARED,
    MATCH_PARA_CONTAINED,
    MATCH_PARA_LINKED,
    MATCH_PARA_STRONG,
)

VERBATIM, EDITED, PARAPHRASED, DROPPED = "verbatim", "edited", "paraphrased", "dropped"
STATES = (VERBATIM, EDITED, PARAPHRASED, DROPPED)



@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: offsets into its version's text and the block (of the comparison) holding it."""

    version: int
    index: int  # position among the version's sentences
    block: int  # index of the comparison's block that holds the sentence start
    kind: str
    start: int
    end: int
    text: str
    words: int


class SentenceIndex:
    """Sentences of every version of a comparison, ready to be matched across versions."""

    def __init__(self, c: Comparison) -> None:
        self.c = c
        self.versions: list[Version] = sentence_versions(list(c.versions))
        self.corpus = Corpus(self.versions, c.options)
        self.sentences: list[list[Sentence]] = []
        self._codes: dict[str, str] = {}
        self.encoded: list[list[str]] = []
        self.block_codes: list[list[str]] = []  # per version: encoded words of each content block
        self.joined: list[str] = []
        for pos, (orig, sv) in enumerate(zip(c.versions, self.versions)):
            owner = _owner(orig)
            feats = self.corpus.features[pos].blocks
            self.sentences.append([
                Sentence(pos, b.index, owner(b.start), b.kind, b.start, b.end, b.text, b.words)
                for b in sv.blocks])
            self.encoded.append([self._encode(f.keys) for f in feats])
            per_block: dict[int, list[str]] = {}
            for sent, f in zip(self.sentences[-1], feats):
                if sent.kind not in CHROME_KINDS:
                    per_block.setdefault(sent.block, []).extend(f.keys)
            # Verbatim checks run against whole blocks, so sentence cuts that differ between
            # versions do not hide a sentence kept word for word.
            self.block_codes.append([self._encode(tuple(keys)) for keys in per_block.values()])
            # all of them in one string: one C-level substring search per sentence
            self.joined.append("\x00".join(self.block_codes[-1]))

    def _encode(self, keys: tuple[str, ...]) -> str:
        codes = self._codes
        out = []
        for k in keys:
            ch = codes.get(k)
            if ch is None:
                n = len(codes) + 0x100
                ch = codes[k] = chr(n if n < 0xD800 else n + 0x800)  # skip surrogates
            out.append(ch)
        return "".join(out)

    def content(self, v: int) -> list[int]:
        """Indices of v's sentences that carry article content (no site chrome)."""
        return [s.index for s in self.sentences[v] if s.kind not in CHROME_KINDS]

    def match(self, a: int, b: int, linked: Callable[[int, int], bool] | None = None,
              rows: list[int] | None = None) -> list[tuple[str, int | None, float]]:
        """For each sentence of a: (state, best sentence index of b or None, score) in b.

        `rows` limits the work to those sentences of a (the others come back dropped).
        """
        fa, fb = self.corpus.features[a], self.corpus.features[b]
        na, nb = len(fa.blocks), len(fb.blocks)
        out: list[tuple[str, int | None, float]] = [(DROPPED, None, 0.0)] * na
        rows = list(range(na)) if rows is None else rows
        if na == 0 or not rows:
            return out
        keep_b = np.array([s.kind not in CHROME_KINDS for s in self.sentences[b]], dtype=bool)
        ea, eb = [self.encoded[a][i] for i in rows], self.encoded[b]
        # Verbatim: inside one content block of b.
        joined_b = self.joined[b]
        if nb and keep_b.any():
            dist = _distances(ea, eb)
            la = np.array([len(x) for x in ea], dtype=np.float64)
            lb = np.array([len(x) for x in eb], dtype=np.float64)
            total = la[:, None] + lb[None, :]
            lcs = (total - dist) / 2
            with np.errstate(invalid="ignore", divide="ignore"):
                sim = np.where(total > 0, 2 * lcs / np.where(total > 0, total, 1), 0.0)
                shorter = np.minimum(la[:, None], lb[None, :])
                contained = np.where(shorter > 0, lcs / np.where(shorter > 0, shorter, 1), 0.0)
                contained[shorter < 6] = 0.0
                shared = self.corpus.shared(a, b)[0][rows]
                wa = fa.weight[rows]
                cover = np.where(wa[:, None] > 0, shared / np.where(wa[:, None] > 0, wa[:, None], 1), 0.0)
            sim[:, ~keep_b] = 0.0
            contained[:, ~keep_b] = 0.0
            cover[:, ~keep_b] = 0.0
        else:
            sim = contained = cover = np.zeros((len(rows), max(nb, 1)))
        names = self.corpus.names
        for r, i in enumerate(rows):
            code = ea[r]
            if code and code in joined_b:  # never across blocks: "\x00" is no word code
                j = int(np.argmax(sim[r])) if nb else None
                out[i] = (VERBATIM, j, 1.0)
                continue
            if not nb:
                continue
            edit = np.maximum(np.where(sim[r] >= MATCH_EDIT_SIM, sim[r], 0.0),
                              np.where(contained[r] >= MATCH_EDIT_CONTAINED, contained[r], 0.0))
            j = int(np.argmax(edit))
            if edit[j] > 0:
                out[i] = (EDITED, j, float(edit[j]))
                continue
            best: tuple[float, int] | None = None
            floor = MATCH_PARA_CONTAINED if linked is None else MATCH_PARA_LINKED
            for j in np.nonzero(cover[r] >= floor)[0].tolist():
                common = fa.blocks[i].terms & fb.blocks[j].terms
                if len(common) < MATCH_MIN_SHARED or len(common - names) < MATCH_MIN_SHARED:
                    continue
                score = float(cover[r, j])
                if linked is not None and score < MATCH_PARA_STRONG:
                    if not linked(self.sentences[a][i].block, self.sentences[b][j].block):
                        continue
                if best is None or score > best[0]:
                    best = (score, j)
            if best is not None:
                out[i] = (PARAPHRASED, best[1], best[0])
        return out


def _distances(ea: list[str], eb: list[str]) -> np.ndarray:
    """Indel distances of every sentence pair, within the guards' size plan.

    rapidfuzz's bit-parallel LCS costs la x lb / 64 per pair: two 5 MB one-line
    versions (560k words each) took 19 s per direction, several minutes for a report.
    Pairs above `Limits.verbatim_cells` get `bounded_diff.bounded_lcs` (exact between the
    common prefix and suffix when that is small, else a multiset estimate) instead.
    """
    from ..io.guards import DEFAULT_LIMITS
    from .bounded_diff import bounded_lcs

    limit = DEFAULT_LIMITS.verbatim_cells
    longest_b = max((len(x) for x in eb), default=0)
    big = [r for r, x in enumerate(ea) if len(x) * longest_b > limit]
    if not big:
        return process.cdist(ea, eb, scorer=Indel.distance, dtype=np.int32, workers=1)
    dist = np.zeros((len(ea), len(eb)), dtype=np.int32)
    bigset = set(big)
    small = [r for r in range(len(ea)) if r not in bigset]
    if small:
        dist[small] = process.cdist([ea[r] for r in small], eb, scorer=Indel.distance, dtype=np.int32, workers=1)
    for r in big:
        for j, y in enumerate(eb):
            lcs, _exact = bounded_lcs(ea[r], y)
            dist[r, j] = int(len(ea[r]) + len(y) - 2 * lcs)
    return dist


def _owner(version: Version) -> Callable[[int], int]:
    """offset -> index of the block of `version` holding it (nearest block before)."""
    starts = [b.start for b in version.blocks]

    def find(offset: int) -> int:
        k = int(np.searchsorted(starts, offset, side="right")) - 1
        return max(0, k)

    return find
