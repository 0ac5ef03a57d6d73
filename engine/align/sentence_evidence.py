"""Sentence-level evidence between two versions: the best sentence pair of each block pair.

A paragraph rewritten around one sentence it keeps (or two independent reports that
state one same fact in one sentence) shows little overlap as a whole; its best
sentence pair shows it. `similarity.Corpus` holds one `SentenceEvidence`, built with
what it reads: the versions, the corpus's vocabulary and rarity weights, and its typed
per-version data (`VersionData`).
"""

from __future__ import annotations

from itertools import chain

import numpy as np

from ..model import Version
from ..text.sentences import sentence_keys
from ..text.textnorm import content_terms
from .features import _DENSE_PAIRS, VersionData, VersionFeatures, _common, _postings, _run_starts, _runs

# Most posting pairs crossed for sentence-level evidence between two versions.
_SENTENCE_BUDGET = 3_000_000
# A pick of at least this share of a version's blocks splits (and keeps) the whole version.
_SPLIT_ALL = 0.25
# Two versions with at most this many block pairs are joined whole once per pair, and each
# pick read from that (article-sized versions: a dozen NumPy calls, not a dozen per pick).
_WHOLE_PAIR_CELLS = 10_000


class SentenceEvidence:
    """Sentence postings and the best sentence pair of each block pair (see the module docstring)."""

    def __init__(self, versions: list[Version], vocab: dict[str, int], idf: np.ndarray, is_name: np.ndarray,
                 data: list[VersionData]) -> None:
        self.versions, self.vocab, self.idf, self.is_name, self.data = versions, vocab, idf, is_name, data
        self._sentences: dict[str, tuple[list[int], list[int]]] = {}  # block text -> sentence term ids
        self._whole: tuple[tuple[int, int, int], np.ndarray | None] | None = None  # the last small pair's evidence

    def sentence_terms(self, display: str) -> tuple[list[int], list[int]]:
        """Term ids of each sentence of a block's text, as (ids of all sentences one after
        the other, number of ids per sentence); cached per text. Plain lists: a version's
        blocks become one array each, not one per block (a NumPy call costs a few words' work)."""
        got = self._sentences.get(display)
        if got is None:
            ids: list[int] = []
            lengths: list[int] = []
            vocab = self.vocab
            for keys in sentence_keys(display):
                uniq = dict.fromkeys(content_terms(keys))  # in text order
                try:  # a sentence's terms are its block's, all in the vocabulary (looked up in C)
                    terms = list(map(vocab.__getitem__, uniq))
                except KeyError:
                    terms = [vocab[t] for t in uniq if t in vocab]
                if terms:
                    ids.extend(terms)
                    lengths.append(len(terms))
            got = self._sentences[display] = (ids, lengths)
        return got

    def _sentences_of(self, v: int, blocks: np.ndarray | None = None) -> VersionFeatures:
        """Sentence postings of version v's blocks (all, or those a boolean mask picks);
        `owner` gives each sentence's block. A small pick splits only the blocks asked for;
        a large one (or any, once the whole version was split) filters the whole
        version's postings, which are kept: they are already sorted by term."""
        full = self.data[v].sentences
        # Among three or more versions each one meets the others again and again: split it
        # whole at once (the postings are the same either way, only the work differs).
        if blocks is not None and full is None and (len(self.versions) >= 3 or blocks.sum() >= _SPLIT_ALL * len(blocks)):
            full = self.data[v].sentences = self._split_sentences(v, None)
        if full is None or blocks is None:
            return full if full is not None else self._split_sentences(v, blocks)
        keep_s = blocks[full.owner]
        keep_p = keep_s[full.block_ids]
        renumber = np.cumsum(keep_s) - 1
        vf = VersionFeatures([], [], full.term_ids[keep_p], renumber[full.block_ids[keep_p]])
        vf.uniq, vf.starts, vf.counts = _runs(vf.term_ids)
        vf.owner = full.owner[keep_s]
        vf.size = int(keep_s.sum())
        vf.weight = full.weight[keep_s]
        return vf

    def _split_sentences(self, v: int, blocks: np.ndarray | None) -> VersionFeatures:
        """`_sentences_of`, built by splitting the blocks picked."""
        vb = self.versions[v].blocks
        picked = np.arange(len(vb)) if blocks is None else np.flatnonzero(blocks)
        parts = [self.sentence_terms(vb[bi].display) for bi in picked.tolist()]
        lengths = list(chain.from_iterable(n for _, n in parts))
        if not lengths:
            empty = np.zeros(0, dtype=np.int64)
            vf = _postings(empty, empty, empty, 0)
            vf.weight = np.zeros(0)
            return vf
        term_ids = np.array(list(chain.from_iterable(t for t, _ in parts)), dtype=np.int64)
        per_sentence = np.array(lengths, dtype=np.int64)
        per_block = np.fromiter(map(len, (n for _, n in parts)), dtype=np.int64, count=len(parts))
        unit_ids = np.repeat(np.arange(len(per_sentence)), per_sentence)
        vf = _postings(term_ids, unit_ids, np.repeat(picked, per_block), len(per_sentence))
        vf.weight = np.bincount(unit_ids, weights=self.idf[term_ids], minlength=vf.size)
        return vf

    def best_sentences(self, a: int, b: int, min_plain: int = 3, only_a: np.ndarray | None = None,
                       only_b: np.ndarray | None = None) -> np.ndarray:
        """Block-pair matrix: the best weighted Dice of a sentence of block a.i and one of
        block b.j that share at least `min_plain` content terms besides names (0 if none).

        Sentence pairs outnumber block pairs tenfold, so this join stays sparse: very
        common terms are left out (they say little about a fact; rare terms decide),
        the crossed postings are aggregated by sorting, and when two huge versions
        would cross more than _SENTENCE_BUDGET postings the evidence is skipped.
        `only_a` / `only_b` (boolean masks over blocks) limit it to the blocks that need it.
        """
        na, nb = len(self.versions[a].blocks), len(self.versions[b].blocks)
        if na * nb <= _WHOLE_PAIR_CELLS:
            whole = self._whole_pair(a, b, min_plain)
            if whole is not None:
                return _picked(whole, only_a, only_b)
        out = self._evidence(self._sentences_of(a, only_a), self._sentences_of(b, only_b), na, nb, min_plain)
        assert out is not None  # only a whole join gives up
        return out

    def _whole_pair(self, a: int, b: int, min_plain: int) -> np.ndarray | None:
        """`best_sentences` of every block pair of two small versions, kept for the pair
        (its callers ask three or four times, about other blocks each time), or None when
        the whole join would leave out a term or exceed the budget that a smaller pick
        might not (then each pick is joined on its own, as for large versions)."""
        key = (a, b, min_plain)
        if self._whole is not None and self._whole[0] == key:
            return self._whole[1]
        sa, sb = self._whole_version(a), self._whole_version(b)
        got = self._evidence(sa, sb, len(self.versions[a].blocks), len(self.versions[b].blocks), min_plain,
                             whole=True)
        self._whole = (key, got)  # None too: this pair's picks are joined on their own
        return got

    def _whole_version(self, v: int) -> VersionFeatures:
        """Sentence postings of all of version v's blocks, split once and kept."""
        got = self.data[v].sentences
        if got is None:
            got = self.data[v].sentences = self._split_sentences(v, None)
        return got

    def _evidence(self, sa: VersionFeatures, sb: VersionFeatures, na: int, nb: int, min_plain: int,
                  whole: bool = False) -> np.ndarray | None:
        """The join of `best_sentences` over the sentence postings `sa` and `sb`. With
        `whole`, None when a term would be left out or the budget exceeded."""
        out = np.zeros(na * nb, dtype=np.float64)
        if not sa.size or not sb.size or not len(sa.uniq) or not len(sb.uniq):
            return out.reshape(na, nb)
        common, ia, ib = _common(sa.uniq, sb.uniq)
        ca, cb, st_a, st_b = sa.counts[ia], sb.counts[ib], sa.starts[ia], sb.starts[ib]
        pairs = ca * cb
        keep = pairs <= _DENSE_PAIRS
        if whole and (not keep.all() or int(pairs.sum()) > _SENTENCE_BUDGET):
            return None
        common, ca, cb, st_a, st_b, pairs = common[keep], ca[keep], cb[keep], st_a[keep], st_b[keep], pairs[keep]
        total = int(pairs.sum())
        if total == 0 or total > _SENTENCE_BUDGET:
            return out.reshape(na, nb)
        k = np.repeat(np.arange(len(common)), pairs)
        r = np.arange(total) - np.repeat(np.cumsum(pairs) - pairs, pairs)
        u = sa.block_ids[st_a[k] + r // cb[k]]
        v = sb.block_ids[st_b[k] + r % cb[k]]
        flat = u * sb.size + v
        order = np.argsort(flat, kind="stable")
        flat, weights = flat[order], self.idf[common][k][order]
        plain = (~self.is_name[common][k][order]).astype(np.int64)
        starts = _run_starts(flat)
        shared_w = np.add.reduceat(weights, starts)
        good = np.add.reduceat(plain, starts) >= min_plain
        if not good.any():
            return out.reshape(na, nb)
        pair_ids = flat[starts[good]]
        su, sv = pair_ids // sb.size, pair_ids % sb.size
        d = 2 * shared_w[good] / (sa.weight[su] + sb.weight[sv])
        np.maximum.at(out, sa.owner[su] * nb + sb.owner[sv], d)
        return out.reshape(na, nb)


def _picked(whole: np.ndarray, only_a: np.ndarray | None, only_b: np.ndarray | None) -> np.ndarray:
    """The block pairs of `whole` that the masks pick, zero elsewhere. A block pair's best
    sentence pair depends on its two blocks alone, so this equals joining the pick."""
    out = whole.copy()
    if only_a is not None:
        out[~only_a] = 0.0
    if only_b is not None:
        out[:, ~only_b] = 0.0
    return out
