"""Writing reports and sessions safely: atomically for files, never over what is not a file.

A regular file (or a new one) is written to a temporary file beside it, then renamed
over it: a crash or a full disk mid-write leaves the old file (or none), never half a
file, and the temporary file is removed on failure. A symbolic link is followed, so
the file it points to is replaced and the link stays a link.

What is not a regular file is never renamed over: the atomic rename would replace a
device node or a named pipe with a plain file (as root, `-o /dev/null` would delete
/dev/null). A character device (`/dev/null`, a terminal) and a FIFO with a reader are
written through; a FIFO nobody reads, a socket, a block device or a directory is
refused. Every error is an `OSError` naming the path the user gave, never the
temporary file.

What a write must never replace is said by an `OutputGuard`, the one check every
writer uses (the compare command, the archive commands, sessions, the window's
Export and Save): the inputs, the documents an archive indexed, the archive itself,
and every file inside a folder an archive indexes. It compares the output's resolved
path (`realpath`, the same path the writer writes to) and, for a file that exists, its
device and inode, so neither a symbolic link, a `..`, another spelling of the path nor a
hard link gets past it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import StorydiffError

PathLike = str | os.PathLike[str]


def resolved(path: PathLike) -> str:
    """The file a write to `path` lands on: through symbolic links, `..` and relative parts."""
    return os.path.realpath(os.fspath(path))


class OutputGuard:
    """Files and folders an output must never replace, each with the reason to name.

    `protect(paths, why)`: those files (an input, an archived document, the archive);
    `protect_folders(folders, why)`: every file inside those folders (a folder an
    archive indexes: a report written there would be indexed as a document next time).
    `check(path)` raises a one-line StorydiffError when `path` is one of them.
    """

    def __init__(self) -> None:
        self._paths: dict[str, str] = {}
        self._folders: dict[str, str] = {}
        self._inodes: dict[tuple[int, int], str] | None = None  # built on first need

    def protect(self, paths: Iterable[PathLike], why: str) -> OutputGuard:
        for p in paths:
            self._paths.setdefault(resolved(p), why)
        self._inodes = None
        return self

    def protect_folders(self, folders: Iterable[PathLike], why: str) -> OutputGuard:
        for f in folders:
            self._folders.setdefault(resolved(f), why)
        return self

    def check(self, path: PathLike) -> str:
        """The resolved target of `path`, or a StorydiffError if writing there would replace a protected file."""
        given = os.fspath(path)
        target = resolved(given)
        why = self._paths.get(target) or self._same_inode(target)
        if why is not None:
            raise StorydiffError(f"{given}: refusing to overwrite {why}")
        inside = self._inside(target)
        if inside is not None:
            raise StorydiffError(f"{given}: refusing to write inside {inside} "
                                 "(write it elsewhere: it would be read as a document next time)")
        return target

    def _inside(self, target: str) -> str | None:
        parent = os.path.dirname(target)
        while True:
            why = self._folders.get(parent)
            if why is not None:
                return f"{parent}, {why}"
            up = os.path.dirname(parent)
            if up == parent:
                return None
            parent = up

    def _same_inode(self, target: str) -> str | None:
        """A hard link to a protected file (only files with more than one name need the lookup)."""
        try:
            st = os.stat(target)
        except OSError:
            return None
        if st.st_nlink < 2 or not stat.S_ISREG(st.st_mode):
            return None
        if self._inodes is None:
            self._inodes = {}
            for p, why in self._paths.items():
                try:
                    s = os.stat(p)
                except OSError:
                    continue
                self._inodes.setdefault((s.st_dev, s.st_ino), why)
        return self._inodes.get((st.st_dev, st.st_ino))


def write_atomic(path: PathLike, data: str | bytes, guard: OutputGuard | None = None) -> None:
    """Write `data` to `path`: atomically for a regular file, through a device or pipe.

    With a `guard`, a path it protects is refused (a StorydiffError) before anything is written.
    """
    given = os.fspath(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    # Through symlinks: replace the file, keep the link. The guard checks this very path.
    target = Path(guard.check(given) if guard is not None else resolved(given))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OSError(e.errno, e.strerror, given) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(given, target, st.st_mode, payload)
        return
    if not target.parent.is_dir():
        raise OSError(errno.ENOENT, "no such directory to write into", given)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise OSError(e.errno, e.strerror, given) from None
    try:
        # mkstemp creates 0600; a report is for colleagues too, so follow the user's umask
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OSError(e.errno, e.strerror, given) from None
        raise


def _write_through(given: str, target: Path, mode: int, payload: bytes) -> None:
    """Write into a character device or a read FIFO; refuse every other kind of node."""
    if stat.S_ISDIR(mode):
        raise OSError(errno.EISDIR, "is a directory, not a file to write", given)
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        kind = "a socket" if stat.S_ISSOCK(mode) else "a block device" if stat.S_ISBLK(mode) else "not a file"
        raise OSError(errno.EINVAL, f"is {kind}; refusing to write to it", given)
    try:
        # Non-blocking open: a FIFO without a reader fails at once (ENXIO) instead of hanging.
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        if e.errno == errno.ENXIO:
            raise OSError(e.errno, "is a named pipe nobody is reading; refusing to wait", given) from None
        raise OSError(e.errno, e.strerror, given) from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
    except OSError as e:
        raise OSError(e.errno, e.strerror, given) from None
    finally:
        os.close(fd)
