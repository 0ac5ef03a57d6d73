"""The reuse index's per-version bit masks equal what sets of word runs say."""

from engine.align.reuse import MIN_RUN, ReuseIndex, _run_hashes, content_words
from engine.compare import load_versions
from tests.engine.articles import UNRELATED, WIRE, text


def _runs(words: list[str]) -> list[tuple[str, ...] | None]:
    """Every run of MIN_RUN words from each position (None where it crosses a block end)."""
    out = []
    for k in range(len(words) - MIN_RUN + 1):
        run = tuple(words[k:k + MIN_RUN])
        out.append(None if "\x00" in run else run)
    return out


def test_masks_say_which_versions_hold_each_run():
    reworded = [p.replace("said", "told reporters") for p in WIRE]
    versions = load_versions([text(WIRE), text(reworded), text(UNRELATED + WIRE[:3]), text(UNRELATED)])
    index = ReuseIndex(versions)
    runs = [_runs(content_words(v)) for v in versions]
    held = [set(r for r in rs if r is not None) for rs in runs]
    assert index.masks is not None
    for k, rs in enumerate(runs):
        assert len(index.masks[k]) == len(_run_hashes(content_words(versions[k]), MIN_RUN)) == len(rs)
        for mask, run in zip(index.masks[k].tolist(), rs):
            want = 0 if run is None else sum(1 << v for v in range(len(versions)) if run in held[v])
            assert mask == want
    assert 0 < index.share(2, 0) < 1 and index.share(3, 0) == 0.0  # the shared paragraphs only
