"""Property tests: arbitrary bytes and Unicode through decoding, splitting, aligning and diffing.

Invariants (shared with the long-running fuzzer, bench/fuzz_engine.py):
* nothing raises except an `InputError` for bytes that are not text;
* every block is the exact slice of its version's text its offsets name, in order;
* every block of every version sits in exactly one row, and in each pair either in
  one link or among the dropped/added blocks;
* each link's diff rebuilds both texts, and no diff part starts with a mark that
  combines with the previous character (a highlight never splits a grapheme).

Kept fast (a few seconds): small examples, no deadline surprises on a busy machine.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import compare
from engine.align.inline_diff import rebuild, word_diff
from engine.errors import InputError
from engine.io.decode import decode
from engine.io.loading import Source
from engine.model import Comparison, Version
from engine.text.blocks import build_version
from engine.text.textnorm import char_tokens, diff_tokens

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- invariants ------------------------------------------------------------------------

_EXTENDERS = {"\u200d", "\u20e3"} | {chr(c) for c in range(0xFE00, 0xFE10)} | {chr(c) for c in range(0x1F3FB, 0x1F400)}


def extends_grapheme(ch: str) -> bool:
    """A character that never starts a grapheme: a combining mark, ZWJ, variation selector, skin tone."""
    return unicodedata.category(ch) in ("Mn", "Me") or ch in _EXTENDERS


def _is_ri(ch: str) -> bool:
    return "\U0001F1E6" <= ch <= "\U0001F1FF"


def _ri_run(text: str, pos: int) -> int:
    """Regional indicators right before `pos` (an odd count means a flag is cut in half)."""
    k = pos
    while k and _is_ri(text[k - 1]):
        k -= 1
    return pos - k


def check_version(v: Version) -> None:
    last = 0
    for k, b in enumerate(v.blocks):
        assert b.index == k
        assert last <= b.start < b.end <= len(v.text), (b.start, b.end, last)
        assert b.text == v.text[b.start:b.end]
        last = b.end


def check_split_safe(parts: list[str], whole: str) -> None:
    """Parts join to `whole` and none but the first starts with a grapheme extender."""
    assert "".join(parts) == whole
    pos = 0
    for p in parts:
        if pos and p:
            # a boundary after a ZWJ or before a mark would cut an emoji or an accent
            assert not extends_grapheme(p[0]) or whole[pos - 1] in "\n\r", (whole[pos - 1:pos + 1], p)
            # a ZWJ glues the next emoji to the previous one (woman + ZWJ + laptop)
            assert not (whole[pos - 1] == "\u200d" and unicodedata.category(p[0]) == "So"), whole[pos - 1:pos + 1]
            # a flag is two regional indicators
            assert not (_is_ri(whole[pos - 1]) and _is_ri(p[0]) and _ri_run(whole, pos) % 2), whole[pos - 1:pos + 1]
        pos += len(p)


def check_diff(diff, a: str, b: str) -> None:
    assert rebuild(diff, -1) == a
    assert rebuild(diff, 1) == b
    # each side's parts must not split a grapheme either
    check_split_safe([s for op, s in diff if op <= 0], a)
    check_split_safe([s for op, s in diff if op >= 0], b)


def check_comparison(c: Comparison) -> None:
    for version in c.versions:
        check_version(version)
    seen: list[dict[int, int]] = [{} for _ in c.versions]
    for r, row in enumerate(c.rows):
        assert len(row) == len(c.versions)
        for v, cell in enumerate(row):
            for i in cell:
                assert i not in seen[v], f"block {i} of version {v} in two rows"
                seen[v][i] = r
    for v, version in enumerate(c.versions):
        assert set(seen[v]) == set(range(len(version.blocks))), "a block is missing from the rows"
    for p in c.pairs:
        na, nb = len(c.versions[p.a].blocks), len(c.versions[p.b].blocks)
        in_a = [i for link in p.links for i in link.a] + list(p.dropped)
        in_b = [j for link in p.links for j in link.b] + list(p.added)
        assert sorted(in_a) == list(range(na))
        assert sorted(in_b) == list(range(nb))
        for link in p.links:
            check_diff(link.diff, link.text_a, link.text_b)


# -- strategies ------------------------------------------------------------------------

# Letters of many scripts, marks, emoji pieces, spaces and every kind of line break.
_ALPHABET = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
_PIECES = st.sampled_from([
    "the ", "minister ", "said ", ". ", "\n", "\n\n", "\r\n", "\u2028", "e\u0301", "\u00e9",
    "\U0001F469\u200d\U0001F4BB", "\U0001F44D\U0001F3FD", "\u2764\ufe0f", "\U0001F1EB\U0001F1F7", "\u0995\u09be\u09fe", "1\ufe0f\u20e3", "\u4e2d\u6587", "\u65e5\u672c\u8a9e",
    "\u0645\u0631\u062d\u0628\u0627 ", "\u05e9\u05dc\u05d5\u05dd ", "# ", "> ", "- ", "\u200b", "\t", "\ufeff",
])
TEXT = st.lists(st.one_of(_PIECES, st.text(_ALPHABET, max_size=12)), max_size=30).map("".join)


def edited(text: str, data) -> str:
    """A version of `text` with a few pieces inserted, deleted or replaced."""
    out = text
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(0, len(out)))
        cut = data.draw(st.integers(0, min(8, len(out) - at)))
        out = out[:at] + data.draw(TEXT.map(lambda s: s[:10])) + out[at + cut:]
    return out


# -- properties ------------------------------------------------------------------------

@FAST
@given(st.binary(max_size=400))
def test_decode_never_crashes(data):
    try:
        text, encoding = decode(data)
    except InputError as e:
        assert str(e).count("\n") == 0  # one line for the user
        return
    assert isinstance(text, str) and encoding


@FAST
@given(TEXT)
def test_split_blocks_are_exact_slices(text):
    check_version(build_version(0, "v", text))
    check_split_safe(diff_tokens(text), text)
    check_split_safe(char_tokens(text), text)


@FAST
@given(TEXT, st.data(), st.sampled_from(["word", "char"]), st.booleans())
def test_diffs_rebuild_both_texts(a, data, granularity, ignore_case):
    b = edited(a, data)
    diff, _ = word_diff(a, b, granularity=granularity, ignore_case=ignore_case)
    check_diff(diff, a, b)


@FAST
@given(st.lists(TEXT, min_size=2, max_size=4), st.data())
def test_compare_accounts_for_every_block(texts, data):
    # later versions are edits of the first, so links (and diffs) actually occur
    texts = [texts[0]] + [edited(texts[0], data) if data.draw(st.booleans()) else t for t in texts[1:]]
    base = data.draw(st.integers(0, len(texts) - 1))
    unit = data.draw(st.sampled_from(["paragraph", "sentence"]))
    c = compare([Source(f"v{k}", t) for k, t in enumerate(texts)], base=base, unit=unit,
                granularity=data.draw(st.sampled_from(["word", "char"])))
    check_comparison(c)


@FAST
@given(TEXT)
def test_nfc_and_nfd_are_identical(text):
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    c = compare([Source("nfc", nfc), Source("nfd", nfd)])
    check_comparison(c)
    for link in c.pairs[0].links:
        assert link.relation == "identical"
