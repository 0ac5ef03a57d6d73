"""The block-pair matrices of `Corpus.cross`: what they count, and that the row steps they
are built in change no bit of them."""

import numpy as np

import engine.align.similarity as similarity
from engine.align.similarity import Corpus
from engine.compare import load_versions
from engine.model import Options
from tests.engine.articles import UNRELATED, WIRE, text


def _versions():
    """Two long versions: the wire story's paragraphs many times over, each with a harbour
    word (in every block of both versions: a dense term of the product) and a numbered
    word of its own (rare: crossed as postings)."""
    a = [f"{p} Harbour note {k}: berth{k % 7} Ostby." for k in range(6) for p in WIRE + UNRELATED]
    b = [f"{p.replace('said', 'told reporters')} Harbour berth{k % 5}." for k in range(5) for p in WIRE]
    return load_versions([text(a), text(b)])


def _naive(corpus, a, b):
    """Every block pair's shared terms as Python sets: weight, count, count besides names."""
    fa, fb = corpus.features[a], corpus.features[b]
    weight = np.zeros((fa.size, fb.size))
    count = np.zeros((fa.size, fb.size), dtype=np.int64)
    plain = np.zeros_like(count)
    for i, x in enumerate(fa.blocks):
        for j, y in enumerate(fb.blocks):
            both = x.terms & y.terms
            weight[i, j] = corpus.weight_of(both)
            count[i, j] = len(both)
            plain[i, j] = len(both - corpus.names)
    return weight, count, plain


def test_block_pairs_count_the_terms_two_blocks_share():
    versions = _versions()
    corpus = Corpus(versions, Options())
    got = corpus.block_pairs(0, 1)
    weight, count, plain = _naive(corpus, 0, 1)
    assert got.terms.dtype.kind == "u" and got.plain.dtype.kind == "u"  # exact integers, small
    assert np.array_equal(got.terms, count) and np.array_equal(got.plain, plain)
    assert (plain < count).any()  # the fixture shares names ("Ostby"): plain is its own matrix
    assert np.allclose(got.weight, weight, rtol=1e-12, atol=0)
    fa, fb = corpus.features[0], corpus.features[1]
    assert np.allclose(got.dice, 2 * weight / (fa.weight[:, None] + fb.weight[None, :]), rtol=1e-12, atol=0)
    assert np.array_equal(corpus.shared(0, 1)[0], got.weight)


def test_row_steps_change_no_bit_of_the_matrices(monkeypatch):
    """Rows are crossed a few at a time; how many (and how the old term-by-term steps fall)
    must not change a last bit, or a tie at a threshold could flip a link."""
    versions = _versions()
    whole = Corpus(versions, Options()).block_pairs(0, 1)
    for cells, pairs in ((7, 1_000_000), (10_000, 50), (1, 1)):
        monkeypatch.setattr(similarity, "_STEP_CELLS", cells)
        monkeypatch.setattr(similarity, "_STEP_PAIRS", pairs)
        got = Corpus(versions, Options()).block_pairs(0, 1)
        for x, y in zip(got, whole):
            assert x.dtype == y.dtype and x.tobytes() == y.tobytes()


def test_several_term_steps_add_their_sums_in_order(monkeypatch):
    """With the term-by-term product's steps small, each step's sum is added on its own:
    the result still counts the same terms and weighs them the same, to rounding."""
    versions = _versions()
    whole = Corpus(versions, Options()).block_pairs(0, 1)
    monkeypatch.setattr(similarity, "_CHUNK_PAIRS", 40)
    stepped = Corpus(versions, Options()).block_pairs(0, 1)
    assert np.array_equal(stepped.terms, whole.terms)
    assert np.allclose(stepped.weight, whole.weight, rtol=1e-12, atol=0)


def test_popcount_without_numpy_bitwise_count(monkeypatch):
    words = np.array([0, 1, 2**63, 2**64 - 1, 0x0F0F_0000_0000_00FF], dtype=np.uint64)
    want = [0, 1, 1, 64, 16]
    assert similarity._popcount(words).tolist() == want
    monkeypatch.setattr(similarity, "_BITWISE_COUNT", None)  # NumPy 1.x has no bitwise_count
    assert similarity._popcount(words).tolist() == want


def test_stable_order_is_numpys_stable_argsort():
    """The postings' order (which fixes term ids, so the order of weight sums) is exactly a
    stable argsort, whether the ids fit the 16-bit radix sort or not."""
    from engine.align.features import stable_order

    rng = np.random.default_rng(3)
    for high in (1, 300, 65_536, 70_000, 2**40):
        ids = rng.integers(0, high, 5_000)
        assert np.array_equal(stable_order(ids), np.argsort(ids, kind="stable"))
    assert len(stable_order(np.zeros(0, dtype=np.int64))) == 0


def test_blocks_without_content_terms_have_zero_dice():
    """Two blocks of function words only weigh nothing: their Dice is 0, not NaN."""
    versions = load_versions([text(["It was as it is.", *WIRE[:3]]), text(["And so it was.", *WIRE[:2]])])
    corpus = Corpus(versions, Options())
    fa, fb = corpus.features
    assert fa.weight[0] == 0 and fb.weight[0] == 0
    got = corpus.block_pairs(0, 1)
    assert got.dice[0, 0] == 0.0 and not np.isnan(got.dice).any()
    assert got.dice[1, 1] > 0.5  # the shared headline
