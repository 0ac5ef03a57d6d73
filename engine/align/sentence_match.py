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

from bisect import bisect_right
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

# Sentence pairs per chunk of `SentenceIndex.match`'s matrices (8 MB each as float64).
_CHUNK_CELLS = 1_000_000
# From this many sentence pairs, their word-order distances are computed on every core.
_THREADED_CELLS = 250_000



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
        The sentence-pair matrices are built `_CHUNK_CELLS` at a time: two 1 MB versions
        hold 65 million sentence pairs, and every matrix of that size costs 500 MB.
        """
        fa, fb = self.corpus.features[a], self.corpus.features[b]
        na, nb = len(fa.blocks), len(fb.blocks)
        out: list[tuple[str, int | None, float]] = [(DROPPED, None, 0.0)] * na
        rows = list(range(na)) if rows is None else rows
        if na == 0 or not rows:
            return out
        keep_b = np.array([s.kind not in CHROME_KINDS for s in self.sentences[b]], dtype=bool)
        eb = self.encoded[b]
        joined_b = self.joined[b]  # verbatim: inside one content block of b
        compared = bool(nb and keep_b.any())
        lb = np.array([len(x) for x in eb], dtype=np.float64)
        shared = self.corpus.shared(a, b)[0] if compared else None  # whole, once: its sums stay exact
        step = max(1, _CHUNK_CELLS // max(1, nb))
        for c0 in range(0, len(rows), step):
            chunk = rows[c0:c0 + step]
            ea = [self.encoded[a][i] for i in chunk]
            if shared is not None:
                sim, contained, cover = self._measures(ea, eb, lb, shared[chunk], fa.weight[chunk], ~keep_b)
            else:
                sim = contained = cover = np.zeros((len(chunk), max(nb, 1)))
            self._decide(a, b, chunk, ea, joined_b, nb, sim, contained, cover, linked, out)
        return out

    @staticmethod
    def _measures(ea: list[str], eb: list[str], lb: np.ndarray, shared: np.ndarray, wa: np.ndarray,
                  chrome: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Word-order similarity, containment and content cover of sentences `ea` (rows)
        against every sentence of b (columns); 0 in b's site chrome."""
        dist = _distances(ea, eb)
        la = np.array([len(x) for x in ea], dtype=np.float64)
        # In place where it can be: each matrix of a chunk is 8 MB, and a fresh one costs its
        # page faults. The figures are bit for bit those of the plain formulas: with
        # lcs = (total - dist) / 2, 2 * lcs / total is (total - dist) / total, and every
        # quotient whose divisor is clamped to 1 has a zero numerator or is zeroed after.
        total = la[:, None] + lb[None, :]
        num = total - dist  # twice the longest common subsequence
        np.maximum(total, 1.0, out=total)
        sim = num / total
        lcs = np.multiply(num, 0.5, out=num)
        shorter = np.minimum(la[:, None], lb[None, :], out=total)
        too_short = shorter < 6
        np.maximum(shorter, 1.0, out=shorter)
        contained = np.divide(lcs, shorter, out=lcs)
        contained[too_short] = 0.0
        cover = shared / np.where(wa > 0, wa, 1.0)[:, None]
        cover[wa <= 0] = 0.0
        if chrome.any():
            sim[:, chrome] = 0.0
            contained[:, chrome] = 0.0
            cover[:, chrome] = 0.0
        return sim, contained, cover

    def _decide(self, a: int, b: int, chunk: list[int], ea: list[str], joined_b: str, nb: int, sim: np.ndarray,
                contained: np.ndarray, cover: np.ndarray, linked: Callable[[int, int], bool] | None,
                out: list[tuple[str, int | None, float]]) -> None:
        """The state of each sentence of a in `chunk` (rows of the matrices), into `out`."""
        fa, fb = self.corpus.features[a], self.corpus.features[b]
        names = self.corpus.names
        floor = MATCH_PARA_CONTAINED if linked is None else MATCH_PARA_LINKED
        # Whole-chunk steps, the same numbers per row: the best edit and where it is (argmax
        # takes the first of equal values, as per row), and which pairs may be paraphrases.
        edit = np.maximum(np.where(sim >= MATCH_EDIT_SIM, sim, 0.0),
                          np.where(contained >= MATCH_EDIT_CONTAINED, contained, 0.0))
        best_edit = edit.argmax(axis=1).tolist()
        best_sim = sim.argmax(axis=1).tolist()
        open_rows, open_cols = np.nonzero(cover >= floor)
        starts = np.searchsorted(open_rows, np.arange(len(chunk) + 1)).tolist()
        open_cols_list = open_cols.tolist()
        for r, i in enumerate(chunk):
            code = ea[r]
            if code and code in joined_b:  # never across blocks: "\x00" is no word code
                out[i] = (VERBATIM, best_sim[r] if nb else None, 1.0)
                continue
            if not nb:
                continue
            j = best_edit[r]
            if edit[r, j] > 0:
                out[i] = (EDITED, j, float(edit[r, j]))
                continue
            best: tuple[float, int] | None = None
            for j in open_cols_list[starts[r]:starts[r + 1]]:
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
    # Many pairs (long versions) on every core: rapidfuzz's own threads, each cell on its own.
    workers = -1 if len(ea) * len(eb) >= _THREADED_CELLS else 1
    if not big:
        return process.cdist(ea, eb, scorer=Indel.distance, dtype=np.int32, workers=workers)
    dist = np.zeros((len(ea), len(eb)), dtype=np.int32)
    bigset = set(big)
    small = [r for r in range(len(ea)) if r not in bigset]
    if small:
        dist[small] = process.cdist([ea[r] for r in small], eb, scorer=Indel.distance, dtype=np.int32,
                                    workers=workers)
    for r in big:
        for j, y in enumerate(eb):
            lcs, _exact = bounded_lcs(ea[r], y)
            dist[r, j] = int(len(ea[r]) + len(y) - 2 * lcs)
    return dist


def _owner(version: Version) -> Callable[[int], int]:
    """offset -> index of the block of `version` holding it (nearest block before)."""
    starts = [b.start for b in version.blocks]

    def find(offset: int) -> int:
        # bisect on the list itself: np.searchsorted would convert the whole list per call
        return max(0, bisect_right(starts, offset) - 1)

    return find
