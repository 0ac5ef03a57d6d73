"""A family's headline for the archive list: the first title or paragraph of its lineage root.

A list of families named by file names alone ("a1043.txt, a1044.txt") does not say
which story each is. The root's headline does. It is read through the one loading
path (`engine.compare.load_versions`, with its size guards: a huge or binary file is
refused, not read) and cut to one short line; a file that cannot be read gives ''.
"""

from __future__ import annotations

from pathlib import Path

from ..model import HEADING, PARAGRAPH, TITLE

MAX_CHARS = 110


def headline(path: str) -> str:
    """The first title, heading or paragraph of three words or more of the file at `path`."""
    from ..compare import load_versions

    errors: list = []
    versions = load_versions([Path(path)], errors=errors)
    if not versions:
        return ""
    for b in versions[0].blocks:
        if b.kind in (TITLE, HEADING, PARAGRAPH) and b.words >= 3:
            text = b.display
            return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
    return ""
