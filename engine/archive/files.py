"""Which files `archive index` reads: the walk of the folders named, and the batches of work.

The walk reports what it leaves out rather than dropping it silently: a folder it
cannot read, a file that is not a regular file (a named pipe would make a read wait,
a device never ends), a file name that is not valid UTF-8 (it cannot be stored as
text, and one such name must not block the others), a link to nothing.

Symbolic links to folders are followed: what the user sees inside a folder is what
gets indexed, and an archive often gathers feeds that live on other disks through
links. Every file is keyed by its resolved path, so a file reached by two routes is
indexed once, and a folder already on the way down (a link back to a parent) is
reported once and not entered again, so a loop ends.

Batches (the unit of work a runner hands out and of one insert) are bounded by count
and by bytes: 64 files of 4 MB in one batch held 1.2 GB of 3-grams at once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field

BATCH = 256  # files per unit of shingling work and per insert (64 cost ~15% more CPU in inserts)
BATCH_BYTES = 16 * 1024 * 1024  # and at most this much file content per batch (3-grams take ~3x the text)


@dataclass(frozen=True, slots=True)
class Found:
    """A file to index: the path as given (shown to the user), its resolved path (its key), size, mtime."""

    path: str
    key: str
    size: int
    mtime: float


@dataclass
class Walk:
    files: list[Found] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each: "<path>: <why>"
    roots: list[str] = field(default_factory=list)  # resolved folders walked (links to folders too)


def shown(name: str) -> str:
    """A file name for a message: bytes that are not UTF-8 as \\xff escapes (not lone surrogates)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes come back from the OS as lone surrogates
        return False
    return True


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def walk(paths: Iterable[str], leave_out: Iterable[str] = ()) -> Walk:
    """The regular files named and under the folders named, as given, in order: a folder's own
    files (sorted) before its sub-folders (sorted); hidden ones are skipped.

    `leave_out`: resolved paths never indexed (the archive and its journal).
    """
    out = Walk()
    skip = set(leave_out)
    seen: set[str] = set()
    for p in paths:
        folder = _file_or_folder(p, out, skip, seen)
        if folder is not None:
            _walk_folder(p, folder, out, skip, seen)
    return out


def _file_or_folder(path: str, out: Walk, skip: set[str], seen: set[str], parent_key: str | None = None,
                    entry: os.DirEntry | None = None) -> str | None:
    """List `path` if it is a file to index; its resolved path if it is a folder to enter.

    Inside a folder already resolved (`parent_key`), an entry that is not a link resolves
    to parent_key/name without `realpath`, which re-reads every folder of the path (a folder
    1,200 deep took 26 s of lstat calls that way).
    """
    if not _utf8(path):
        out.skipped.append(f"{shown(path)}: the file name is not valid UTF-8 (rename it to index it)")
        return None
    try:
        if entry is not None and parent_key is not None and not entry.is_symlink():
            st = entry.stat()
            key = os.path.join(parent_key, entry.name)
        else:
            st = os.stat(path)
            key = os.path.realpath(path)
    except FileNotFoundError:
        out.skipped.append(f"{path}: a link to a file that does not exist" if os.path.islink(path)
                           else f"{path}: no such file")
        return None
    except OSError as e:
        out.skipped.append(f"{path}: {e.strerror or e}")
        return None
    if stat.S_ISDIR(st.st_mode):
        return key
    if key in skip or key in seen:
        return None
    seen.add(key)
    if not stat.S_ISREG(st.st_mode):
        out.skipped.append(f"{path}: is {_kind(st.st_mode)}, not a file to index")
        return None
    out.files.append(Found(path, key, st.st_size, st.st_mtime))
    return None


def _walk_folder(top: str, top_key: str, out: Walk, skip: set[str], seen: set[str]) -> None:
    """Every file under `top` (a loop of links ends: a folder is entered once, by its resolved path).
    An explicit stack, not recursion: folders nest deeper than Python's recursion limit."""
    stack: list[tuple[str, str, frozenset[str]]] = [(top, top_key, frozenset())]
    while stack:
        path, key, above = stack.pop()
        if key in above:
            out.skipped.append(f"{path}: a link back to a folder above it; not followed again")
            continue
        if key in seen:
            continue  # the same folder reached by another route: its files are listed already
        seen.add(key)
        out.roots.append(key)
        try:
            with os.scandir(path) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as e:
            out.skipped.append(f"{path}: cannot read this folder ({e.strerror or e})")
            continue
        below = above | {key}
        folders = []
        for entry in entries:
            child = os.path.join(path, entry.name)
            sub = _file_or_folder(child, out, skip, seen, key, entry)
            if sub is not None:
                folders.append((child, sub, below))
        stack.extend(reversed(folders))  # popped in sorted order


def batches(items: list, sizes: list[int], count: int = BATCH, max_bytes: int = BATCH_BYTES) -> list[list]:
    """`items` cut into runs of at most `count` items and `max_bytes` (by `sizes`); a larger item goes alone."""
    out: list[list] = []
    run: list = []
    total = 0
    for item, size in zip(items, sizes):
        if run and (len(run) >= count or total + size > max_bytes):
            out.append(run)
            run, total = [], 0
        run.append(item)
        total += size
    if run:
        out.append(run)
    return out
