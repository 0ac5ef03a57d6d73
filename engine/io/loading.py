"""Reading versions from disk (read-only): paths, texts and `Source`s in, `Source`s out.

This is the one loading path: `load` takes what a caller gave (a path, a pasted
text, a `Source`), `read_path` reads a file with a byte and time budget
(`read_bytes`, named pipes included) and hands its bytes to the reader for its
format (`engine.io.formats.extract_dated`), which decodes them (`engine.io.decode`).
Which strings count as paths is decided by the one table of formats.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .formats import extract_dated, is_version_path

# Inputs larger than this are refused before they are read (see the size guards).
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded input: its text, where it came from and how it was decoded."""

    name: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"
    fmt: str = "text"
    published: str | None = None  # ISO 8601, when the file says (agency XML)


def read_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, what: str = "file") -> bytes:
    """The bytes of a file, read-only, refusing a directory, a device or more than `max_bytes`.

    A named pipe (or `<(command)`) is read with a byte and a time budget: it may never
    end or never start, and a read must not hang. Every failure is an InputError naming
    the file (sessions are read this way too).
    """
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, e.strerror or "cannot be read") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(name, f"is a directory, not a {what}")
    if stat.S_ISFIFO(st.st_mode):
        return _read_pipe(p, name, max_bytes)
    if not stat.S_ISREG(st.st_mode):
        kind = "a socket" if stat.S_ISSOCK(st.st_mode) else "a device"
        raise InputError(name, f"is {kind}, not a {what}")
    if st.st_size > max_bytes:
        raise InputError(name, _too_large(st.st_size, max_bytes))
    try:
        with open(p, "rb") as fh:  # read-only: Storydiff never writes to the versions it compares
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, e.strerror or "cannot be read") from None
    if len(data) > max_bytes:  # it grew while being read
        raise InputError(name, _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return f"is too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)"


# A named pipe gets this long to start and to finish: a writer that never comes or never stops.
PIPE_SECONDS = 8.0


def _read_pipe(p: Path, name: str, max_bytes: int) -> bytes:
    """Read a FIFO without blocking forever: non-blocking reads polled against a deadline."""
    import select
    import time

    from ..interrupt import poll

    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO for reading blocks without this
    except OSError as e:
        raise InputError(name, e.strerror or "cannot be read") from None
    seconds = PIPE_SECONDS  # read at call time: tests shorten it
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise InputError(name, f"is a named pipe still {'being written' if size else 'empty'} "
                                       f"after {seconds:.0f} s; save it to a file first")
            poll()  # the user's Cancel: a pipe may keep us waiting
            ready, _, _ = select.select([fd], [], [], min(left, 0.2))
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:
                continue
            if not chunk:
                if size:
                    break  # the writer closed its end: done
                time.sleep(0.05)  # no writer yet (a FIFO without one reads as at its end)
                continue
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise InputError(name, f"is a named pipe delivering more than {max_bytes / 1e6:.0f} MB")
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_path(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Source:
    """Read one file, read-only, and extract its text. Every failure is an InputError naming the file."""
    p = Path(path)
    data = read_bytes(p, max_bytes)
    text, encoding, fmt, published = extract_dated(p, data)
    return Source(name=p.name, text=text, path=str(p), encoding=encoding, fmt=fmt, published=published)


def from_text(text: str, name: str = "pasted text") -> Source:
    """A version given as a string (pasted text, tests, scripts)."""
    if "\x00" in text:
        raise InputError(name, "contains NUL characters; is it binary data?")
    return Source(name=name, text=text, path=None, encoding="text")


def load(source: str | os.PathLike[str] | Source, name: str | None = None) -> Source:
    """A path, a Source, or text: a str with a line break, or that names no existing file, is text."""
    if isinstance(source, Source):
        return source
    if isinstance(source, os.PathLike):
        return read_path(source)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096 and (os.path.exists(source) or is_version_path(source)):
            return read_path(source)
        return from_text(source, name or "text")
    raise InputError(repr(source)[:60], "is neither a path nor text")

