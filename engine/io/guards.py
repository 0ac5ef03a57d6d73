"""Size guards: refuse what cannot be read, ask before what would freeze, bound the rest.

Three kinds of limit, from hardest to softest:

* **Refused** (an `InputError`, so the other versions still load): a text file
  larger than `Limits.max_text_bytes` (checked with `stat`, before a byte is
  read) or a decoded text longer than `Limits.max_chars` (6 MB / 6 million). Splitting
  and weighing words cost 1-2 s and ~40 MB per million characters per version, and two
  15 MB dumps took 35 s just to split and 4 minutes / 1.7 GB in all even merged into
  sections, so beyond that nothing coarser is quick either; the message says to
  split the file. A 5 MB single line is still compared (about 15 s).
* **Asked** (a `TooLarge` carrying the figures and a coarser plan): too many blocks
  in a version, too many block pairs for one pair of versions or for all of them,
  sentence mode on long texts, character diffs of giant blocks. Alignment memory
  grows with blocks(a) x blocks(b) (about 50 bytes a pair: 8,000 x 8,000 blocks took
  3 GB and 17 s), so the caller chooses: continue at a coarser granularity
  (`compare(..., on_large="coarsen")`: paragraphs instead of sentences, word
  instead of character diffs, consecutive blocks merged into sections), or cancel.
* **Bounded** silently but reported as a non-blocking `Finding`: the word-order
  measure and the inline diff of giant blocks (one 5 MB line) run exactly on the
  part between the common prefix and suffix when that is small enough, otherwise
  at a coarser unit; neither can exhaust memory (rapidfuzz's LCS traceback keeps
  one bit per cell: 100k x 100k tokens would be 1.2 GB). The bounded algorithms
  live in `engine.align.bounded_diff`; this module holds the policy: the limits, the
  refusals, the questions and the coarsening.

    >>> try:
    ...     c = compare(paths)                      # on_large="raise" is the default
    ... except TooLarge as e:
    ...     print(e)                                # one line with the figures
    ...     c = compare(e.versions, options=e.options, on_large="coarsen")  # user said continue
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError, StorydiffError
from ..model import BOILERPLATE, PARAGRAPH, Block, Options, Version
from .formats import size_is_text


@dataclass(frozen=True, slots=True)
class Limits:
    """The figures the guards compare against; defaults keep a comparison under ~30 s and ~1 GB."""

    max_text_bytes: int = 6_000_000  # a text file above this is refused before reading
    max_chars: int = 6_000_000  # decoded characters per version
    max_blocks: int = 2_500  # blocks per version
    max_pair_cells: int = 6_250_000  # blocks(a) x blocks(b) of any one pair (~300 MB, ~2 s)
    max_total_cells: int = 60_000_000  # summed over all pairs of versions (time)
    max_char_diff_chars: int = 100_000  # a block longer than this gets word diffs, not char diffs
    diff_cells: int = 400_000_000  # tokens(a) x tokens(b) diffed exactly (bit matrix ~50 MB)
    verbatim_cells: int = 2_000_000_000  # words(a) x words(b) for the exact LCS length (~1 s)
    max_versions: int = 50  # versions in one comparison: pairs, reports and the reuse matrix grow as n^2


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Finding:
    """One guard that fired: what, where, the figure and the limit it crossed."""

    code: str  # "blocks", "pair", "total", "sentences", "char-diff", "coarse-diff", "merged"
    message: str
    figure: int
    limit: int
    blocking: bool = True  # False: the comparison proceeds, the caller may want to say so
    version: int | None = None

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "figure": self.figure,
                "limit": self.limit, "blocking": self.blocking, "version": self.version}


class TooLarge(StorydiffError):
    """The comparison would be too big at the requested granularity; a coarser one is offered.

    `findings` hold the figures, `options` the coarser options to continue with, and
    `versions` the versions already read and split (pass them back to `compare` so
    the files are not read twice).
    """

    def __init__(self, findings: list[Finding], options: Options, versions: list[Version]) -> None:
        self.findings = findings
        self.options = options
        self.versions = versions
        blocking = [f for f in findings if f.blocking]
        super().__init__("; ".join(f.message for f in blocking)
                         + " - continue at a coarser granularity, or cancel")


# -- refusals --------------------------------------------------------------------------

def check_path(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS, verb: str = "compare") -> None:
    """Refuse a text file that is too large, from its size alone (nothing is read).
    `verb` says what it is too large for (the archive indexes with the same limits)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        return  # read_path names the problem (missing, permission denied)
    # Only files whose size is their text's (engine.io.formats): a PDF's images do not count.
    if size_is_text(p) and size > limits.max_text_bytes and p.is_file():
        raise InputError(str(path), f"is too large to {verb} ({size / 1e6:.1f} MB; the limit for text files "
                         f"is {limits.max_text_bytes / 1e6:.0f} MB): split it or {verb} an excerpt")


def check_text(name: str, text: str, limits: Limits = DEFAULT_LIMITS, verb: str = "compare") -> None:
    """Refuse a decoded text that is too long (a PDF or Word file with a huge text layer)."""
    if len(text) > limits.max_chars:
        raise InputError(name, f"is too large to {verb} ({len(text):,} characters; the limit is "
                         f"{limits.max_chars:,}): split it or {verb} an excerpt")


# -- questions -------------------------------------------------------------------------

def assess(versions: Sequence[Version], options: Options, limits: Limits = DEFAULT_LIMITS) -> list[Finding]:
    """Every guard the versions (as they will be aligned) cross under `options`."""
    found: list[Finding] = []
    counts = [len(v.blocks) for v in versions]
    unit = "sentences" if options.unit == "sentence" else "blocks"
    for v, n in zip(versions, counts):
        if n > limits.max_blocks:
            found.append(Finding("blocks", f"{v.name} has {n:,} {unit} (limit {limits.max_blocks:,})",
                                 n, limits.max_blocks, True, v.id))
    order = sorted(range(len(counts)), key=counts.__getitem__)
    if len(order) >= 2:
        x, y = order[-1], order[-2]
        cells = counts[x] * counts[y]
        if cells > limits.max_pair_cells and not found:
            found.append(Finding("pair", f"{versions[y].name} x {versions[x].name} is {cells:,} {unit} "
                                 f"pairs (limit {limits.max_pair_cells:,})", cells, limits.max_pair_cells))
    total = _total_cells(counts)
    if total > limits.max_total_cells and not found:
        found.append(Finding("total", f"{len(versions)} versions make {total:,} {unit} pairs to weigh "
                             f"(limit {limits.max_total_cells:,})", total, limits.max_total_cells))
    if found and options.unit == "sentence":
        found.append(Finding("sentences", "sentence mode multiplies the blocks to align",
                             sum(counts), limits.max_blocks))
    chars, where = max(((len(b.display), v.id) for v in versions for b in v.blocks), default=(0, None))
    if options.granularity == "char" and where is not None and chars > limits.max_char_diff_chars:
        found.append(Finding("char-diff", f"{versions[where].name} has a block of {chars:,} "
                             f"characters (character diffs up to {limits.max_char_diff_chars:,})",
                             chars, limits.max_char_diff_chars, True, where))
    # Not blocking: giant blocks get a coarser inline diff (see bounded_diff_plan).
    giant = math.isqrt(limits.diff_cells) * 2  # rough characters per token x tokens
    for v in versions:
        for b in v.blocks:
            if len(b.display) > giant:
                found.append(Finding("coarse-diff", f"{v.name}: block {b.index + 1} has {len(b.display):,} "
                                     "characters; its inline diff may be shown in coarser pieces",
                                     len(b.display), giant, False, v.id))
                break
    return found


def version_plan(count: int, base: int, on_large: str, limits: Limits = DEFAULT_LIMITS,
                 options: Options | None = None, sources: Sequence = ()) -> tuple[list[int], list[Finding]]:
    """Which of `count` versions to compare, before any is read.

    Every pair of versions is aligned and every report lists the pairs, so time,
    memory and report size grow with the square of the count (200 versions: 54 s,
    1.1 GB, a 101 MB JSON). Above `limits.max_versions` the caller is asked, as for
    the other guards: "raise" raises `TooLarge` (its `versions` are `sources`, to hand
    back), "coarsen" keeps the first versions and the base, "ignore" keeps all.
    """
    keep = list(range(count))
    if count <= limits.max_versions or on_large == "ignore":
        return keep, []
    finding = Finding("versions", f"{count:,} versions make {count * (count - 1) // 2:,} pairs to compare "
                      f"(limit {limits.max_versions:,} versions)", count, limits.max_versions)
    if on_large == "raise":
        raise TooLarge([finding], options or Options(), list(sources))
    keep = keep[:limits.max_versions]
    if base not in keep:
        keep = keep[:-1] + [base]
    note = replace(finding, blocking=False, message=f"compared the first {len(keep):,} of {count:,} versions "
                   f"(limit {limits.max_versions:,})")
    return keep, [note]


def _total_cells(counts: list[int]) -> int:
    s = sum(counts)
    return (s * s - sum(n * n for n in counts)) // 2


def suggest(versions: Sequence[Version], options: Options, limits: Limits = DEFAULT_LIMITS) -> Options:
    """The coarser options to continue with (block merging is decided by `coarsen`)."""
    found = {f.code for f in assess(versions, options, limits) if f.blocking}
    unit = "paragraph" if found & {"blocks", "pair", "total"} else options.unit
    granularity = "word" if "char-diff" in found else options.granularity
    if (unit, granularity) == (options.unit, options.granularity):
        return options
    return replace(options, unit=unit, granularity=granularity)


def blocks_target(counts: Sequence[int], limits: Limits = DEFAULT_LIMITS) -> int:
    """The most blocks per version that keeps every limit (each version merged down to it)."""
    n = len(counts)
    pairs = max(1, n * (n - 1) // 2)
    by_total = math.isqrt(limits.max_total_cells // pairs)
    return max(1, min(limits.max_blocks, math.isqrt(limits.max_pair_cells), by_total))


def merge_blocks(version: Version, max_blocks: int) -> Version:
    """`version` with consecutive blocks merged into at most `max_blocks` sections.

    Offsets stay exact (a section runs from its first block's start to its last
    block's end, and its text is that slice); the display joins the blocks' displays
    with line breaks so the paragraphs still read as paragraphs. A section of only
    site chrome stays boilerplate; any other section is a paragraph.
    """
    blocks = version.blocks
    if len(blocks) <= max_blocks:
        return version
    size = -(-len(blocks) // max_blocks)
    merged: list[Block] = []
    for k in range(0, len(blocks), size):
        part = blocks[k:k + size]
        start, end = part[0].start, part[-1].end
        kind = BOILERPLATE if all(b.kind == BOILERPLATE for b in part) else PARAGRAPH
        merged.append(Block(index=len(merged), kind=kind, start=start, end=end,
                            text=version.text[start:end], display="\n".join(b.display for b in part),
                            words=sum(b.words for b in part)))
    return replace(version, blocks=tuple(merged))


def enforce(versions: list[Version], options: Options, on_large: str = "raise",
            limits: Limits = DEFAULT_LIMITS) -> tuple[list[Version], Options, list[Finding]]:
    """Apply the guards to paragraph-split versions before they are aligned.

    Returns the versions to align (sentence-split when `options.unit` asks for it),
    the options to use and the findings. `on_large`: "raise" raises `TooLarge` when a
    blocking guard fires; "coarsen" continues at the coarser granularity and reports
    what it did as non-blocking findings; "ignore" aligns as asked (tests, benchmarks).
    """
    if on_large not in ("raise", "coarsen", "ignore"):
        raise StorydiffError(f"on_large must be 'raise', 'coarsen' or 'ignore', not {on_large!r}")
    work = _units(versions, options)
    found = assess(work, options, limits)
    if on_large == "ignore" or not any(f.blocking for f in found):
        return work, options, [f for f in found if not f.blocking]
    coarse = suggest(work, options, limits)
    if on_large == "raise":
        raise TooLarge(found, coarse, versions)
    work = _units(versions, coarse)
    target = blocks_target([len(v.blocks) for v in work], limits)
    notes = [replace(f, blocking=False) for f in found if f.blocking]
    out = []
    for v in work:
        m = merge_blocks(v, target)
        if m is not v:
            notes.append(Finding("merged", f"{v.name}: {len(v.blocks):,} blocks compared as "
                                 f"{len(m.blocks):,} sections", len(v.blocks), target, False, v.id))
        out.append(m)
    notes += [f for f in assess(out, coarse, limits) if not f.blocking]
    return out, coarse, notes


def _units(versions: list[Version], options: Options) -> list[Version]:
    if options.unit == "sentence":
        from ..text.sentences import sentence_versions

        return sentence_versions(versions)
    return versions
