"""Reading an archived document again, only as it was indexed.

An archive can come from someone else, and its stored paths can be edited: a
family whose member's key was changed to `/home/you/.ssh/id_rsa` must not put
that file into a comparison. So `--compare` and the window's Open as Comparison
read a member only through this check: the key must be a resolved absolute path to
a regular file, of the size indexed, whose bytes (read once, through the loading
path's budget) hash to the BLAKE2b digest stored when it was indexed. A file
changed since, or named by an edited key, is left out with a one-line reason; the
text compared is the text of those very bytes, never a second read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InputError
from ..io.formats import extract_dated
from ..io.loading import MAX_BYTES, Source, read_bytes
from .shingles import content_digest
from .store import Member

_AGAIN = "run `storydiff-cli archive index` on it again"


def read_member(name: str, member: Member) -> Source:
    """The document `name` as indexed, or an InputError saying why it is not read."""
    key = member.key
    if not isinstance(key, str) or not os.path.isabs(key) or os.path.normpath(key) != key:
        raise InputError(name, "the archive names it by a path that is not absolute; not read")
    if member.digest is None:
        raise InputError(name, f"indexed by an older Storydiff, its content cannot be checked ({_AGAIN})")
    try:
        st = os.stat(key)
    except FileNotFoundError:
        raise InputError(name, "no longer exists (`storydiff-cli archive prune` forgets it)") from None
    except OSError as e:
        raise InputError(name, e.strerror or "cannot be read") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(name, "the archive names something that is not a file; not read")
    if st.st_size != member.size:
        raise InputError(name, f"changed since it was indexed ({_AGAIN})")
    data = read_bytes(key, MAX_BYTES)
    if content_digest(data) != member.digest:
        raise InputError(name, f"changed since it was indexed ({_AGAIN})")
    text, encoding, fmt, published = extract_dated(Path(key), data)
    return Source(name=name, text=text, path=key, encoding=encoding, fmt=fmt, published=published)


def read_members(members: list[tuple[str, Member]]) -> tuple[list[Source], list[str]]:
    """The members still as indexed, in order, and one line for each left out."""
    sources: list[Source] = []
    problems: list[str] = []
    for name, member in members:
        try:
            sources.append(read_member(name, member))
        except InputError as e:
            problems.append(str(e))
    return sources, problems
