"""Sentence postings filtered from a whole version equal those split for the blocks asked for."""

import numpy as np

from engine.align.similarity import Corpus
from engine.compare import load_versions
from engine.model import Options
from tests.engine.articles import UNRELATED, WIRE, text


def test_filtered_sentence_postings_match_a_fresh_split(monkeypatch):
    import engine.align.sentence_evidence as similarity

    rewrite = [p.replace("said", "told reporters").replace(". ", ". Indeed, ") for p in WIRE]
    versions = load_versions([text(WIRE + UNRELATED), text(rewrite + UNRELATED[:2])])
    rng = np.random.default_rng(7)
    for _ in range(20):
        a_mask = rng.random(len(versions[0].blocks)) < 0.5
        b_mask = rng.random(len(versions[1].blocks)) < 0.5
        fresh = Corpus(versions, Options())  # nothing cached: splits only what is asked
        kept = Corpus(versions, Options())
        kept.sentences._sentences_of(0, np.ones(len(versions[0].blocks), dtype=bool))  # whole versions kept
        kept.sentences._sentences_of(1, np.ones(len(versions[1].blocks), dtype=bool))
        x = fresh.sentences._split_sentences(0, a_mask)
        y = kept.sentences._sentences_of(0, a_mask)
        assert x.size == y.size
        assert np.array_equal(x.owner, y.owner) and np.allclose(x.weight, y.weight)
        assert np.array_equal(x.term_ids, y.term_ids)
        # same units per term, whatever order ties had
        for t in np.unique(x.term_ids):
            assert sorted(x.block_ids[x.term_ids == t]) == sorted(y.block_ids[y.term_ids == t])
        with monkeypatch.context() as m:
            m.setattr(similarity, "_SPLIT_ALL", 2.0)  # never split whole: the blocks asked for only
            m.setattr(similarity, "_WHOLE_PAIR_CELLS", 0)  # nor join the small pair whole
            split = Corpus(versions, Options()).best_sentences(0, 1, only_a=a_mask, only_b=b_mask)
        assert np.allclose(split, kept.best_sentences(0, 1, only_a=a_mask, only_b=b_mask))


def test_picks_read_from_a_whole_small_pair_equal_joining_each_pick(monkeypatch):
    import engine.align.sentence_evidence as evidence

    rewrite = [p.replace("said", "told reporters").replace(". ", ". Indeed, ") for p in WIRE]
    versions = load_versions([text(WIRE + UNRELATED), text(rewrite + UNRELATED[:2])])
    rng = np.random.default_rng(11)
    whole = Corpus(versions, Options())
    assert len(versions[0].blocks) * len(versions[1].blocks) <= evidence._WHOLE_PAIR_CELLS
    for _ in range(20):
        a_mask = rng.random(len(versions[0].blocks)) < 0.5
        b_mask = rng.random(len(versions[1].blocks)) < 0.5
        with monkeypatch.context() as m:
            m.setattr(evidence, "_WHOLE_PAIR_CELLS", 0)  # every pick joined on its own
            alone = Corpus(versions, Options()).best_sentences(0, 1, only_a=a_mask, only_b=b_mask)
        picked = whole.best_sentences(0, 1, only_a=a_mask, only_b=b_mask)
        assert whole.sentences._whole is not None  # read from the pair's whole join
        assert np.array_equal(picked, alone)  # bit for bit, zero outside the pick
        assert picked.any() or not alone.any()
    assert whole.best_sentences(0, 1).any()  # the versions do share sentences


def test_common_terms_are_what_intersect1d_gives():
    from engine.align.features import _common

    rng = np.random.default_rng(3)
    for _ in range(300):
        x = np.unique(rng.integers(0, 40, rng.integers(0, 25)))
        y = np.unique(rng.integers(0, 40, rng.integers(0, 25)))
        want = np.intersect1d(x, y, assume_unique=True, return_indices=True)
        got = _common(x, y)
        for w, g in zip(want, got):
            assert w.dtype == g.dtype and np.array_equal(w, g)


def test_a_whole_join_that_would_drop_a_term_leaves_each_pick_to_its_own_join(monkeypatch):
    import engine.align.sentence_evidence as evidence

    rewrite = [p.replace("said", "told reporters") for p in WIRE]
    versions = load_versions([text(WIRE + UNRELATED), text(rewrite + UNRELATED[:2])])
    a_mask = np.zeros(len(versions[0].blocks), dtype=bool)
    a_mask[:2] = True
    b_mask = np.ones(len(versions[1].blocks), dtype=bool)
    monkeypatch.setattr(evidence, "_DENSE_PAIRS", 1)  # a term in two sentences of each is "dense"
    with monkeypatch.context() as m:
        m.setattr(evidence, "_WHOLE_PAIR_CELLS", 0)
        alone = Corpus(versions, Options()).best_sentences(0, 1, only_a=a_mask, only_b=b_mask)
    corpus = Corpus(versions, Options())
    got = corpus.best_sentences(0, 1, only_a=a_mask, only_b=b_mask)
    assert corpus.sentences._whole == ((0, 1, 3), None)  # the whole join gave up
    assert np.array_equal(got, alone)
