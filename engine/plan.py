"""The one planning step before a comparison: which versions, at what size, asking what.

`compare`, the command line and the window's worker all plan here, so a comparison
over a limit is asked about, coarsened or refused the same way wherever it starts:

1. `plan(count, base, on_large, ...)`, before any file is read: too many versions
   (pairs grow as n^2) are asked about ("raise" -> `TooLarge`), cut to the first ones
   and the base ("coarsen"), or kept ("ignore"). The `Plan` says which sources to read
   (`Plan.subset`) and where the base is among them.
2. `enforce(versions, options, on_large)`, after reading, before aligning: blocks,
   block pairs, sentence mode and character diffs against `Limits`
   (`assess` lists what crosses them, `suggest` the coarser options, `merge_blocks`
   the sections when even paragraphs are too many).

The limits, findings and refusals of single files are `engine.io.guards`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from .errors import StorydiffError
from .io.guards import DEFAULT_LIMITS, Finding, Limits, TooLarge
from .model import BOILERPLATE, PARAGRAPH, Block, Options, Version

ON_LARGE = ("raise", "coarsen", "ignore")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Plan:
    """Which of the sources to compare (`keep`, indices in order), the base among them,
    and what the planning did (non-blocking findings, listed in the result's extras)."""

    keep: tuple[int, ...]
    base: int
    findings: tuple[Finding, ...] = ()

    def subset(self, items: Sequence[T], fill: T | None = None) -> list[T | None]:
        """The kept entries of `items` (sources, names); `fill` where `items` is shorter."""
        return [items[k] if k < len(items) else fill for k in self.keep]


def check_on_large(on_large: str) -> None:
    if on_large not in ON_LARGE:
        raise StorydiffError(f"on_large must be 'raise', 'coarsen' or 'ignore', not {on_large!r}")


def plan(count: int, base: int = 0, on_large: str = "raise", limits: Limits = DEFAULT_LIMITS,
         options: Options | None = None, sources: Sequence = ()) -> Plan:
    """Plan a comparison of `count` sources against `base`, before any is read.

    Raises `StorydiffError` for a bad `on_large` or `base`, and `TooLarge` (its
    `versions` are `sources`, to hand back) when there are too many versions and
    `on_large` is "raise".
    """
    check_on_large(on_large)
    if count < 2:
        raise StorydiffError("compare needs at least two versions")
    if not 0 <= base < count:
        raise StorydiffError(f"base must be a version number from 0 to {count - 1}, not {base}")
    keep, notes = _version_plan(count, base, on_large, limits, options, sources)
    return Plan(tuple(keep), keep.index(base), tuple(notes))


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


def _version_plan(count: int, base: int, on_large: str, limits: Limits,
                  options: Options | None, sources: Sequence) -> tuple[list[int], list[Finding]]:
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
    check_on_large(on_large)
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
        from .text.sentences import sentence_versions

        return sentence_versions(versions)
    return versions
