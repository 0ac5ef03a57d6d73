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
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write `data` to `path`: atomically for a regular file, through a device or pipe."""
    given = os.fspath(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(given))  # through symlinks: replace the file, keep the link
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
