"""Word-level (or character-level) diffs of two linked blocks, in diff-match-patch form.

diff-match-patch diffs characters. To diff words, every distinct token (word,
white-space run, punctuation grapheme) is mapped to one private character — the
"lines to chars" trick applied to words — the two character strings are diffed,
diff-match-patch's semantic cleanup merges scattered tiny edits into readable
phrases, and the characters are mapped back to tokens. The result rebuilds both
texts exactly: joining the EQUAL and DELETE parts gives the first text, EQUAL and
INSERT the second.

The minimal diff of the two character strings comes from rapidfuzz's LCS opcodes
(C++, exact, no time limit) by default: measured on generated rewrites it is 10x
faster than diff-match-patch's pure-Python bisection (0.21 ms against 2.2 ms per
edited paragraph), and it can never hit the library's silent 1 s timeout that
returns a coarse diff. `core="dmp"` runs diff-match-patch's own `diff_main` with
the timeout off instead (large blocks get a bounded time and are reported as
not exact).
"""

from __future__ import annotations

import time

from diff_match_patch import diff_match_patch

from .guards import DEFAULT_LIMITS, diff_plan
from .model import DELETE, EQUAL, INSERT, Diff
from .textnorm import char_tokens, diff_tokens, fold

# Token counts above which a diff is given a time budget instead of running unbounded.
LARGE_TOKENS = 40_000
LARGE_TIMEOUT = 2.0

# Guards for giant blocks (see engine.guards): above LARGE_CELLS token pairs the equal
# ends are split off first; at most MAX_UNITS units are diffed (the private planes hold
# 131,068 distinct ones, and rapidfuzz's traceback keeps one bit per unit pair).
LARGE_CELLS = DEFAULT_LIMITS.diff_cells
MAX_UNITS = 100_000

# Private-use planes: 2 x 65,534 code points, far above any block's vocabulary, and
# never surrogates (which a Python str could hold but diff-match-patch mishandles).
_PRIVATE = [*range(0xF0000, 0xFFFFE), *range(0x100000, 0x10FFFE)]


def _encode(tokens_a: list[str], tokens_b: list[str], key) -> tuple[str, str, list[str], list[str]]:
    """Map each distinct token key to one character; return both strings and the decoders."""
    ids: dict[str, int] = {}
    for tok in tokens_a:
        ids.setdefault(key(tok), len(ids))
    for tok in tokens_b:
        ids.setdefault(key(tok), len(ids))
    if len(ids) > len(_PRIVATE):  # cannot happen below ~130k distinct words
        raise ValueError("too many distinct tokens for a word diff")
    enc_a = "".join(chr(_PRIVATE[ids[key(t)]]) for t in tokens_a)
    enc_b = "".join(chr(_PRIVATE[ids[key(t)]]) for t in tokens_b)
    return enc_a, enc_b, tokens_a, tokens_b


def _rapidfuzz_diff(enc_a: str, enc_b: str) -> list[tuple[int, str]]:
    from rapidfuzz.distance import Indel

    out: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(enc_a, enc_b):
        if tag == "equal":
            out.append((EQUAL, enc_a[i1:i2]))
        else:
            if i2 > i1:
                out.append((DELETE, enc_a[i1:i2]))
            if j2 > j1:
                out.append((INSERT, enc_b[j1:j2]))
    return out


def word_diff(a: str, b: str, *, granularity: str = "word", ignore_case: bool = False,
              cleanup: bool = True, core: str = "rapidfuzz") -> tuple[Diff, bool]:
    """Diff `a` into `b`; return (diff, exact). `exact` is False if a time budget cut it short.

    Tokens are compared by their folded form (quotes, dashes, Unicode form; case too
    if asked), so equal-looking words match; where the raw text still differs the
    part is reported as a deletion and an insertion, which keeps the rebuild exact.
    """
    split = char_tokens if granularity == "char" else diff_tokens
    ta, tb = split(a), split(b)
    # Giant blocks (one 5 MB line): keep the equal ends out of the diff and, if the
    # middle is still too big for an exact diff, diff it in pieces of several tokens
    # (reported as not exact). Small blocks take the plain path below unchanged.
    head: list[str] = []
    tail: list[str] = []
    coarse = False
    if len(ta) * len(tb) > LARGE_CELLS or len(ta) + len(tb) > MAX_UNITS:
        plan = diff_plan(len(ta), len(tb), ta, tb)
        head, tail = ta[:plan.prefix], ta[len(ta) - plan.suffix:]
        ta, tb = ta[plan.prefix:len(ta) - plan.suffix], tb[plan.prefix:len(tb) - plan.suffix]
        size = max(plan.chunk, -(-(len(ta) + len(tb)) // MAX_UNITS))
        if size > 1:  # distinct units must fit the private planes, and the bit matrix the budget
            ta = ["".join(ta[k:k + size]) for k in range(0, len(ta), size)]
            tb = ["".join(tb[k:k + size]) for k in range(0, len(tb), size)]
            coarse = True

    keys: dict[str, str] = {}

    def key(tok: str) -> str:
        k = keys.get(tok)
        if k is None:
            k = keys[tok] = " " if tok.isspace() else (fold(tok, ignore_case=ignore_case) or tok)
        return k

    enc_a, enc_b, _, _ = _encode(ta, tb, key)
    dmp = diff_match_patch()
    exact = True
    if core == "dmp":
        large = len(ta) + len(tb) > LARGE_TOKENS
        dmp.Diff_Timeout = LARGE_TIMEOUT if large else 0
        started = time.perf_counter()
        diffs = dmp.diff_main(enc_a, enc_b, False)
        exact = not (large and time.perf_counter() - started >= LARGE_TIMEOUT * 0.95)
    else:
        diffs = _rapidfuzz_diff(enc_a, enc_b)
    if cleanup:
        dmp.diff_cleanupSemantic(diffs)

    out: list[tuple[int, str]] = []
    _push(out, EQUAL, "".join(head))
    ia = ib = 0
    for op, chars in diffs:
        n = len(chars)
        if op == DELETE:
            _push(out, DELETE, "".join(ta[ia:ia + n]))
            ia += n
        elif op == INSERT:
            _push(out, INSERT, "".join(tb[ib:ib + n]))
            ib += n
        else:
            # Equal by key; split where the raw tokens differ (case, quote style).
            for k in range(n):
                x, y = ta[ia + k], tb[ib + k]
                if x == y:
                    _push(out, EQUAL, x)
                else:
                    _push(out, DELETE, x)
                    _push(out, INSERT, y)
            ia += n
            ib += n
    _push(out, EQUAL, "".join(tail))
    return tuple(out), exact and not coarse


def _push(out: list[tuple[int, str]], op: int, text: str) -> None:
    """Append, merging with the previous part of the same kind; deletions go before insertions."""
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    elif op == DELETE and out and out[-1][0] == INSERT:
        # keep "delete then insert" order inside a replacement run
        if len(out) >= 2 and out[-2][0] == DELETE:
            out[-2] = (DELETE, out[-2][1] + text)
        else:
            out.insert(len(out) - 1, (DELETE, text))
    else:
        out.append((op, text))


def rebuild(diff: Diff, side: int) -> str:
    """The text on one side of a diff: side -1 (first text) or 1 (second text)."""
    return "".join(s for op, s in diff if op == EQUAL or op == side)


def changed_words(diff: Diff) -> tuple[int, int]:
    """(words deleted, words inserted) in a diff."""
    from .textnorm import word_keys

    deleted = sum(len(word_keys(s)) for op, s in diff if op == DELETE)
    inserted = sum(len(word_keys(s)) for op, s in diff if op == INSERT)
    return deleted, inserted
