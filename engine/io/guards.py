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
  live in `engine.align.bounded_diff`. This module holds the limits, the findings and
  the refusals; the questions and the coarsening are the planning step, `engine.plan`.

    >>> try:
    ...     c = compare(paths)                      # on_large="raise" is the default
    ... except TooLarge as e:
    ...     print(e)                                # one line with the figures
    ...     c = compare(e.versions, options=e.options, on_large="coarsen")  # user said continue
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, StorydiffError
from ..model import Options, Version
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
    if size > limits.max_text_bytes and size_is_text(p) and p.is_file():  # the size first: it is at hand
        raise InputError(str(path), f"is too large to {verb} ({size / 1e6:.1f} MB; the limit for text files "
                         f"is {limits.max_text_bytes / 1e6:.0f} MB): split it or {verb} an excerpt")


def check_text(name: str, text: str, limits: Limits = DEFAULT_LIMITS, verb: str = "compare") -> None:
    """Refuse a decoded text that is too long (a PDF or Word file with a huge text layer)."""
    if len(text) > limits.max_chars:
        raise InputError(name, f"is too large to {verb} ({len(text):,} characters; the limit is "
                         f"{limits.max_chars:,}): split it or {verb} an excerpt")
