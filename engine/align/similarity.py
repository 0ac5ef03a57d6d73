"""How alike two blocks are: weighted content-word overlap and verbatim word order.

Each block becomes a set of content terms (stems of words that are not function
words). A term's weight is its rarity: terms that fill many blocks of each version
("Putin", "Korea" in a story about Putin in Korea) say little about which
paragraph is which, rare ones ("Aurus", "1961", "mounted") say a lot. Rarity is
measured per version and averaged, so a paragraph copied into five versions does
not make its own words look common.

For two versions the weighted overlap of every block pair is one sparse product,
done with NumPy by joining the two versions' (term, block) postings — no Python
loop over block pairs, which keeps 20 versions x 200 paragraphs fast.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from math import fsum

import numpy as np

from ..model import CHROME_KINDS, Options, Version
from ..text.textnorm import content_terms, fold, narrative_ngrams, stem, word_keys


# Rarity prior: this many pseudo-blocks in which a term appears at this rate.
_PRIOR_BLOCKS = 8.0
_PRIOR_SHARE = 0.05
# Terms whose postings cross into more pairs than this go through a dense product
# (in `cross`, at least _DENSE_MIN; sentence evidence leaves such terms out).
_DENSE_PAIRS = 20_000
_DENSE_MIN = 200
# Most posting pairs crossed for sentence-level evidence between two versions.
_SENTENCE_BUDGET = 3_000_000
# Fewest separate passages of narration two versions must share before kinship counts.
KIN_MIN_PASSAGES = 2
_QUOTE_CHARS = frozenset('"\u201c\u201d')
_KIN_COUNT_BELOW = 40
_QUOTED_KIN = 0.5
# A pick of at least this share of a version's blocks splits (and keeps) the whole version.
_SPLIT_ALL = 0.25
# Postings crossed per step of the sparse product (bounds the temporary arrays).
_CHUNK_PAIRS = 4_000_000


@dataclass(frozen=True)
class BlockFeatures:
    keys: tuple[str, ...]  # normalised words, in order (for verbatim measures)
    terms: frozenset[str]  # content terms (for overlap)
    folded: str  # comparison form of the whole block (for identity)

    @property
    def sorted_terms(self) -> list[str]:
        """The terms in a fixed order (a frozenset's order depends on string hashing)."""
        return sorted(self.terms)


@dataclass
class VersionFeatures:
    blocks: list[BlockFeatures]
    kinds: list[str]
    term_ids: np.ndarray  # posting term ids, sorted
    block_ids: np.ndarray  # posting block ids, aligned with term_ids
    weight: np.ndarray | None = None  # per block: sum of its terms' weights
    uniq: np.ndarray | None = None  # distinct term ids, with where their postings start and how many
    starts: np.ndarray | None = None
    counts: np.ndarray | None = None
    owner: np.ndarray | None = None  # for sentence postings: the block each sentence belongs to
    size: int = 0  # number of units (blocks or sentences)


def block_features(text: str, options: Options) -> BlockFeatures:
    keys = word_keys(text)  # case-folded: similarity never depends on case
    folded = fold(text, ignore_case=options.ignore_case, ignore_quotes=options.ignore_quotes,
                  ignore_punctuation=options.ignore_punctuation)
    return BlockFeatures(tuple(keys), frozenset(content_terms(keys)), folded)


def _runs(sorted_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct values of a sorted array, where each run starts and how long it is
    (what np.unique returns, without sorting again)."""
    if not len(sorted_ids):
        return sorted_ids[:0], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = _run_starts(sorted_ids)
    lengths = np.empty_like(starts)
    np.subtract(starts[1:], starts[:-1], out=lengths[:-1])
    lengths[-1] = len(sorted_ids) - starts[-1]
    return sorted_ids[starts], starts, lengths


def _run_starts(sorted_ids: np.ndarray) -> np.ndarray:
    """Where each run of equal values of a sorted (non-empty) array starts."""
    # (not np.r_: its index tricks cost more than the comparison on arrays this small)
    change = np.empty(len(sorted_ids), dtype=bool)
    change[0] = True
    np.not_equal(sorted_ids[1:], sorted_ids[:-1], out=change[1:])
    return np.flatnonzero(change)


def _postings(term_ids: np.ndarray, unit_ids: np.ndarray, owner: np.ndarray, size: int) -> VersionFeatures:
    """Term/unit postings sorted by term (units: sentences; `owner`: each one's block)."""
    order = np.argsort(term_ids, kind="stable")
    vf = VersionFeatures([], [], term_ids[order], unit_ids[order])
    vf.uniq, vf.starts, vf.counts = _runs(vf.term_ids)
    vf.owner = owner
    vf.size = size
    return vf


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated aranges: starts[0]..starts[0]+lengths[0]-1, then the next, ..."""
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    return np.arange(total) + np.repeat(starts - (ends - lengths), lengths)


def _pair_cells(blocks_a: np.ndarray, blocks_b: np.ndarray, sa: np.ndarray, ca: np.ndarray,
                sb: np.ndarray, cb: np.ndarray, nb: int) -> tuple[np.ndarray, np.ndarray]:
    """Cross the postings of each term (a's postings sa[t]..+ca[t], b's sb[t]..+cb[t]):
    the flat cell (block of a x nb + block of b) of every pair, and each pair's term.

    Built from repeats and aranges only (no division per pair): one row of pairs per
    posting of a, holding that term's postings of b in order.
    """
    a_post = _ranges(sa, ca)  # every posting of a, term after term
    reps = np.repeat(cb, ca)  # how many b postings each a posting meets
    flat = np.repeat(blocks_a[a_post] * nb, reps)
    flat += blocks_b[_ranges(np.repeat(sb, ca), reps)]
    return flat, np.repeat(np.arange(len(ca)), ca * cb)


class Corpus:
    """Term ids and rarity weights shared by every version of one comparison."""

    def __init__(self, versions: list[Version], options: Options) -> None:
        self.options = options
        self.versions = versions
        self._sentences: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        # Per pair of distinct block texts (BlockFeatures are shared by equal texts, so
        # their ids identify a text): measures that do not depend on which versions hold
        # them, kept because one paragraph recurs in many pairs of versions.
        self.pair_cache: dict[tuple[str, int, int], object] = {}
        self._per_version: dict[tuple[str, int], object] = {}
        self._term_weight: dict[str, float] | None = None
        self.vocab: dict[str, int] = {}
        self.features: list[VersionFeatures] = []
        cache: dict[str, BlockFeatures] = {}  # versions share many paragraphs verbatim
        for v in versions:
            feats = []
            for b in v.blocks:
                f = cache.get(b.display)
                if f is None:
                    f = cache[b.display] = block_features(b.display, options)
                feats.append(f)
            # Postings (term id, block), term ids in first-seen order; vectorised because
            # a 1 MB version has ~150k of them. A block's terms are taken sorted, not in
            # set order: that order changes with Python's string hashing, and through the
            # ids it would change the order of the weight sums below, their last bits, and
            # so a tie at a threshold from one run to the next.
            all_terms = [t for f in feats for t in f.sorted_terms]
            new = [t for t in dict.fromkeys(all_terms) if t not in self.vocab]
            self.vocab.update(zip(new, range(len(self.vocab), len(self.vocab) + len(new))))
            t_arr = np.fromiter(map(self.vocab.__getitem__, all_terms), dtype=np.int64, count=len(all_terms))
            b_arr = np.repeat(np.arange(len(feats), dtype=np.int64),
                              np.fromiter(map(len, (f.terms for f in feats)), dtype=np.int64, count=len(feats)))
            order = np.argsort(t_arr, kind="stable")
            vf = VersionFeatures(feats, [b.kind for b in v.blocks], t_arr[order], b_arr[order])
            vf.uniq, vf.starts, vf.counts = _runs(vf.term_ids)
            vf.size = len(feats)
            self.features.append(vf)
        # Rarity: the share of blocks containing the term, per version, averaged over
        # versions. A prior of _PRIOR_BLOCKS pseudo-blocks at _PRIOR_SHARE keeps short
        # inputs (two one-sentence versions: every shared word in "all" blocks) from
        # making shared words look common; long articles barely feel it.
        share = np.zeros(len(self.vocab), dtype=np.float64)
        prior = 0.0
        for v, vf in zip(versions, self.features):
            n = len(v.blocks) + _PRIOR_BLOCKS
            prior += _PRIOR_BLOCKS * _PRIOR_SHARE / n
            # a block's terms are a set, so a term's postings count the blocks holding it
            share[vf.uniq] += vf.counts / n
        share = (share + prior) / max(1, len(versions))
        self.names = _name_terms(versions)
        self.is_name = np.zeros(len(self.vocab), dtype=bool)
        for t in self.names:
            if t in self.vocab:
                self.is_name[self.vocab[t]] = True
        self.idf = np.maximum(0.1, -np.log(share + 0.01)).astype(np.float64)
        for vf in self.features:
            vf.weight = np.bincount(vf.block_ids, weights=self.idf[vf.term_ids],
                                    minlength=len(vf.blocks)).astype(np.float64)

    def blocks_by_text(self, v: int) -> dict[str, list[int]]:
        """Version v's block indices by folded text (for identical-text links)."""
        key = ("by_text", v)
        got = self._per_version.get(key)
        if got is None:
            got = {}
            for j, f in enumerate(self.features[v].blocks):
                got.setdefault(f.folded, []).append(j)
            self._per_version[key] = got
        return got  # type: ignore[return-value]

    def chrome(self, v: int) -> np.ndarray:
        """Which blocks of version v are site chrome (boilerplate)."""
        key = ("chrome", v)
        got = self._per_version.get(key)
        if got is None:
            got = self._per_version[key] = np.array([k in CHROME_KINDS for k in self.features[v].kinds],
                                                    dtype=bool)
        return got  # type: ignore[return-value]

    def shared(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Block-pair matrices of versions a and b; see `cross`."""
        return self.cross(self.features[a], self.features[b])

    def cross(self, fa: VersionFeatures, fb: VersionFeatures) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Three matrices over block pairs (i of version a, j of version b): the summed
        weight of the content terms they share, how many terms they share, and how
        many of those are not names.

        It is the sparse product of the two versions' block-term matrices: postings of
        each common term are crossed, in chunks that bound memory. Terms that fill many
        blocks of both versions would cross into millions of pairs; their share is a
        small dense matrix product instead.
        """
        na, nb = fa.size, fb.size
        weight = np.zeros(na * nb, dtype=np.float64)
        count = np.zeros(na * nb, dtype=np.float64)
        names = np.zeros(na * nb, dtype=np.float64)  # shared terms that are names

        def result() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            np.subtract(count, names, out=names)  # now: shared terms that are not names
            return weight.reshape(na, nb), count.reshape(na, nb), names.reshape(na, nb)

        common = np.zeros(0, dtype=np.int64)
        if len(fa.term_ids) and len(fb.term_ids):
            common, ia, ib = np.intersect1d(fa.uniq, fb.uniq, assume_unique=True, return_indices=True)
        if not len(common):
            return result()
        ca, cb, sa, sb = fa.counts[ia], fb.counts[ib], fa.starts[ia], fb.starts[ib]
        idf, is_name = self.idf[common], self.is_name[common]
        pairs = ca * cb
        # A term crossing into more pairs than this costs less as a column of a dense
        # product (BLAS) than as postings: about 1% of the matrix, measured here.
        dense = pairs > max(_DENSE_MIN, na * nb // 100)
        if dense.any():
            cols = np.nonzero(dense)[0]
            da = np.zeros((na, len(cols)), dtype=np.float64)
            db = np.zeros((nb, len(cols)), dtype=np.float64)
            for col, t in enumerate(cols.tolist()):
                da[fa.block_ids[sa[t]:sa[t] + ca[t]], col] = 1.0
                db[fb.block_ids[sb[t]:sb[t] + cb[t]], col] = 1.0
            # straight into the (still zero) accumulators: no 3 x na x nb temporaries
            np.matmul(da * idf[cols], db.T, out=weight.reshape(na, nb))
            np.matmul(da, db.T, out=count.reshape(na, nb))
            named = is_name[cols]
            if named.any():
                np.matmul(da[:, named], db[:, named].T, out=names.reshape(na, nb))
        sparse = np.nonzero(~dense)[0]
        cum = np.cumsum(pairs[sparse])
        begin = 0
        while begin < len(sparse):
            base = cum[begin - 1] if begin else 0
            end = max(int(np.searchsorted(cum, base + _CHUNK_PAIRS, side="right")), begin + 1)
            t = sparse[begin:end]
            flat, k = _pair_cells(fa.block_ids, fb.block_ids, sa[t], ca[t], sb[t], cb[t], nb)
            weight += np.bincount(flat, weights=idf[t][k], minlength=na * nb)
            count += np.bincount(flat, minlength=na * nb)
            named = is_name[t][k]
            if named.any():
                names += np.bincount(flat[named], minlength=na * nb)
            begin = end
        return result()

    def sentence_terms(self, display: str) -> tuple[np.ndarray, np.ndarray]:
        """Term ids of each sentence of a block's text, as (ids of all sentences one after
        the other, number of ids per sentence); cached per text."""
        got = self._sentences.get(display)
        if got is None:
            from ..text.sentences import sentence_keys

            ids: list[int] = []
            lengths: list[int] = []
            vocab = self.vocab
            for keys in sentence_keys(display):
                terms = [vocab[t] for t in dict.fromkeys(content_terms(keys)) if t in vocab]  # in text order
                if terms:
                    ids.extend(terms)
                    lengths.append(len(terms))
            got = self._sentences[display] = (np.asarray(ids, dtype=np.int64), np.asarray(lengths, dtype=np.int64))
        return got

    def _sentences_of(self, v: int, blocks: np.ndarray | None = None) -> VersionFeatures:
        """Sentence postings of version v's blocks (all, or those a boolean mask picks);
        `owner` gives each sentence's block. A small pick splits only the blocks asked for;
        a large one (or any, once the whole version was split) filters the whole
        version's postings, which are kept: they are already sorted by term."""
        full: VersionFeatures | None = self._per_version.get(("sentences", v))  # type: ignore[assignment]
        if blocks is not None and full is None and blocks.sum() >= _SPLIT_ALL * len(blocks):
            full = self._per_version[("sentences", v)] = self._split_sentences(v, None)
        if full is None or blocks is None:
            return full if full is not None else self._split_sentences(v, blocks)
        keep_s = blocks[full.owner]  # type: ignore[index]
        keep_p = keep_s[full.block_ids]
        renumber = np.cumsum(keep_s) - 1
        vf = VersionFeatures([], [], full.term_ids[keep_p], renumber[full.block_ids[keep_p]])
        vf.uniq, vf.starts, vf.counts = _runs(vf.term_ids)
        vf.owner = full.owner[keep_s]  # type: ignore[index]
        vf.size = int(keep_s.sum())
        vf.weight = full.weight[keep_s]  # type: ignore[index]
        return vf

    def _split_sentences(self, v: int, blocks: np.ndarray | None) -> VersionFeatures:
        """`_sentences_of`, built by splitting the blocks picked."""
        vb = self.versions[v].blocks
        picked = np.arange(len(vb)) if blocks is None else np.flatnonzero(blocks)
        parts = [self.sentence_terms(vb[bi].display) for bi in picked.tolist()]
        ids = [t for t, _ in parts]
        lengths = [n for _, n in parts]
        per_block = np.fromiter(map(len, lengths), dtype=np.int64, count=len(lengths))
        if not per_block.sum():
            empty = np.zeros(0, dtype=np.int64)
            vf = _postings(empty, empty, empty, 0)
            vf.weight = np.zeros(0)
            return vf
        term_ids = np.concatenate(ids)
        per_sentence = np.concatenate(lengths)
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
        sa, sb = self._sentences_of(a, only_a), self._sentences_of(b, only_b)
        na, nb = len(self.versions[a].blocks), len(self.versions[b].blocks)
        out = np.zeros(na * nb, dtype=np.float64)
        if not sa.size or not sb.size or not len(sa.uniq) or not len(sb.uniq):
            return out.reshape(na, nb)
        common, ia, ib = np.intersect1d(sa.uniq, sb.uniq, assume_unique=True, return_indices=True)
        ca, cb, st_a, st_b = sa.counts[ia], sb.counts[ib], sa.starts[ia], sb.starts[ib]
        pairs = ca * cb
        keep = pairs <= _DENSE_PAIRS
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

    def trigrams(self, v: int, quotes: bool = False) -> frozenset[int]:
        """Version v's narrative word 3-grams (content blocks, quotations left out), as
        hashes (see `kinship`); with `quotes`, every word 3-gram of its content blocks."""
        key = ("trigrams", v, quotes)
        got = self._per_version.get(key)
        if got is None:
            chrome = self.chrome(v)
            grams: set[tuple[str, ...]] = set()
            for bi, b in enumerate(self.versions[v].blocks):
                if chrome[bi]:
                    continue
                if quotes or _QUOTE_CHARS.isdisjoint(b.display):
                    k = self.features[v].blocks[bi].keys  # no quotation: the block's words as they are
                    grams.update(zip(k, k[1:], k[2:]))
                else:
                    grams |= narrative_ngrams(b.display, 3)
            # hashes, not tuples: intersecting sets of ints is several times faster
            got = self._per_version[key] = frozenset(map(hash, grams))
            self._per_version[("trigram_tuples", v, quotes)] = grams
        return got  # type: ignore[return-value]

    def kinship(self, a: int, b: int) -> float:
        """How much two versions share as wording: the share of the smaller one's
        narrative word 3-grams found in the other. A rewrite keeps phrases of its source even
        where it rewords; two independent reports of one event share names and the
        quotes both reporters heard, so a few percent. Quotations count only when many
        3-grams are shared (a long statement carried whole, not a quote or two), and then
        at `_QUOTED_KIN` of their share: a rewrite that keeps its source's quoted statement
        but rewords the rest is still kin, just less surely."""
        narrative = self._shared_share(a, b, False)
        if narrative >= _QUOTED_KIN:  # a share is at most 1: the quotations cannot count for more
            return narrative
        return max(narrative, _QUOTED_KIN * self._shared_share(a, b, True))

    def _shared_share(self, a: int, b: int, quotes: bool) -> float:
        ta, tb = self.trigrams(a, quotes), self.trigrams(b, quotes)
        if not ta or not tb:
            return 0.0
        small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        shared = small & large
        # One shared passage is chance or a stock phrase, whatever the share:
        # count the passages (runs of overlapping 3-grams: a run starts at a 3-gram
        # that no shared 3-gram leads into). Many shared 3-grams need no count: even
        # one long passage copied word for word is kinship.
        if len(shared) < _KIN_COUNT_BELOW:
            if quotes:  # a quote or two both reporters heard: no kinship
                return 0.0
            grams = [g for g in self._per_version[("trigram_tuples", a, quotes)] if hash(g) in shared]  # type: ignore[attr-defined]
            tails = {g[1:] for g in grams}
            if sum(1 for g in grams if g[:2] not in tails) < KIN_MIN_PASSAGES:
                return 0.0
        return len(shared) / len(small)

    def weight_of(self, terms: frozenset[str] | set[str]) -> float:
        """Summed rarity weight of terms (a plain dict: NumPy scalar indexing is slow here).
        `fsum` rounds once, so the sum does not depend on the set's (hash-seeded) order."""
        tw = self._term_weight
        if tw is None:
            tw = self._term_weight = dict(zip(self.vocab, self.idf.tolist()))
        try:
            return fsum(map(tw.__getitem__, terms))  # block terms are all in the vocabulary
        except KeyError:
            return fsum(tw.get(t, 0.0) for t in terms)


# A word, with the sentence-opening punctuation (or the block's start) right before it, if any.
# findall gives the word, or "" when the lead is there (one pattern, so `re` does the
# filtering: a word after a lead is matched whole by the first branch, never by the second).
_MID_WORD = re.compile(r"(?:^ |[.!?:\u201c\"]\s*)(?<![\w'\u2019-])[^\W\d_][\w'\u2019-]*"
                       r"|(?<![\w'\u2019-])([^\W\d_][\w'\u2019-]*)")


@lru_cache(maxsize=200_000)
def _name_key(word: str) -> str:
    """The term a word (as written) stands for: cached, names recur in every paragraph."""
    return stem(fold(word))


def _name_terms(versions: list[Version]) -> frozenset[str]:
    """Terms written capitalised wherever they occur inside a sentence: names of people and places.

    Independent reports of one event share these in nearly every paragraph, so shared
    names alone never make two paragraphs "the same fact". Headlines in Title Case
    are skipped: their capitals say nothing.
    """
    upper: dict[str, int] = {}
    lower: dict[str, int] = {}
    seen: Counter[str] = Counter()
    texts = dict.fromkeys(b.display for v in versions for b in v.blocks if b.kind in ("paragraph", "caption"))
    for display in texts:  # each distinct paragraph once: copies say nothing new about case
        # words not preceded by sentence-opening punctuation (or the block start); those
        # that are come back as "" (counted in C, no generator: this runs on every pair)
        seen.update(_MID_WORD.findall(" " + display))
    seen.pop("", None)
    for word, n in seen.items():
        for part in word.split("-") if "-" in word else (word,):
            if part:
                key = _name_key(part)
                counts = upper if part[0].isupper() else lower
                counts[key] = counts.get(key, 0) + n
    return frozenset(t for t, n in upper.items() if n >= 1 and lower.get(t, 0) * 3 <= n)


def dice(shared: float, wa: float, wb: float) -> float:
    total = wa + wb
    return 2.0 * shared / total if total > 0 else 0.0

