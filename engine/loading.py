"""Reading versions from disk (read-only) and decoding their bytes.

Decoding never crashes: a byte-order mark decides first (UTF-8, UTF-16, UTF-32),
then strict UTF-8, then BOM-less UTF-16 recognised by its zero bytes, then the
legacy 8-bit code page newspaper archives use (cp1252), then Latin-1, which
accepts any byte. Binary files (NUL bytes in what is not UTF-16) are refused
with a one-line `InputError` rather than compared as garbage.
"""

from __future__ import annotations

import codecs
import re
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

# Inputs larger than this are refused before they are read (see the size guards).
MAX_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded input: its text, where it came from and how it was decoded."""

    name: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"
    fmt: str = "text"
    published: str | None = None  # ISO 8601, when the file says (agency XML)


def decode(data: bytes, name: str = "<text>") -> tuple[str, str]:
    """Decode `data`; return (text, encoding name). Raises InputError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError:
                raise InputError(name, f"starts with a {encoding} byte-order mark but is not {encoding}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if "\x00" in text:
            guessed = _guess_utf16(data)
            if guessed:
                return guessed
            raise InputError(name, "looks like a binary file (it contains NUL bytes), not text")
        if not _plausible(text):
            raise InputError(name, "looks like a binary file, not text")
        return text, "utf-8"
    guessed = _guess_utf16(data)
    if guessed:
        return guessed
    if b"\x00" in data:
        raise InputError(name, "looks like a binary file (it contains NUL bytes), not text")
    if _control_share(data) > 0.05:
        raise InputError(name, "looks like a binary file, not text")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _guess_utf16(data: bytes) -> tuple[str, str] | None:
    """BOM-less UTF-16: most of the high (or low) bytes of ASCII-range text are zero."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_zero = data[0::2].count(0) / (len(data) // 2)
    odd_zero = data[1::2].count(0) / (len(data) // 2)
    for share, other, encoding in ((odd_zero, even_zero, "utf-16-le"), (even_zero, odd_zero, "utf-16-be")):
        if share > 0.4 and other < 0.05:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if "\x00" not in text and _plausible(text):
                return text, encoding
    return None


# Control characters that never occur in text (tab, line breaks, form feed and escape do).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


# Wire copy opens each paragraph with a control character (IPTC 7901 / ANPA marks:
# SOH, STX, ETX, EOT, 0x19 ...). One at the start of a line is a paragraph mark, not
# binary noise; so is one before a line break (an empty paragraph).
_LINE_MARK = re.compile("(?:^|(?<=\n))[\x01-\x08\x0e-\x1a\x1c-\x1f]+|[\x01-\x08\x0e-\x1a\x1c-\x1f]+(?=\r?\n)")


_C0 = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def _stray_controls(sample: str, pattern: re.Pattern[str] = _CONTROL) -> int:
    """Control characters that never occur in text, paragraph marks at line starts aside."""
    return len(pattern.findall(_LINE_MARK.sub("", sample)))


def _plausible(text: str) -> bool:
    """Text has few control characters other than tab, line breaks, form feed and
    wire-copy paragraph marks."""
    sample = text[:65536]
    return _stray_controls(sample) <= 0.02 * len(sample)


def _control_share(data: bytes) -> float:
    """Share of C0 control bytes that never occur in text (tab, CR, LF, FF, escape and
    paragraph marks at line starts are fine)."""
    sample = data[:65536]
    if not sample:
        return 0.0
    # bytes 0x80-0x9f are letters and quotes in cp1252, so only C0 bytes count here
    return _stray_controls(sample.decode("latin-1"), _C0) / len(sample)


def read_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, what: str = "file") -> bytes:
    """The bytes of a file, read-only, refusing a directory or more than `max_bytes`.

    Every failure is an InputError naming the file (sessions are read this way too).
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
    if p.is_dir():
        raise InputError(name, f"is a directory, not a {what}")
    if st.st_size > max_bytes:
        raise InputError(name, f"is too large ({st.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    try:
        with open(p, "rb") as fh:  # read-only: Storydiff never writes to the versions it compares
            return fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, e.strerror or "cannot be read") from None


def read_path(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> Source:
    """Read one file, read-only, and extract its text. Every failure is an InputError naming the file."""
    p = Path(path)
    data = read_bytes(p, max_bytes)
    from .formats import extract_dated  # format readers load their libraries lazily

    text, encoding, fmt, published = extract_dated(p, data)
    return Source(name=p.name, text=text, path=str(p), encoding=encoding, fmt=fmt, published=published)


def from_text(text: str, name: str = "pasted text") -> Source:
    """A version given as a string (pasted text, tests, scripts)."""
    if "\x00" in text:
        raise InputError(name, "contains NUL characters; is it binary data?")
    return Source(name=name, text=text, path=None, encoding="text")


def load(source: "str | os.PathLike[str] | Source", name: str | None = None) -> Source:
    """A path, a Source, or text: a str with a line break, or that names no existing file, is text."""
    if isinstance(source, Source):
        return source
    if isinstance(source, os.PathLike):
        return read_path(source)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096 and (os.path.exists(source) or _looks_like_path(source)):
            return read_path(source)
        return from_text(source, name or "text")
    raise InputError(repr(source)[:60], "is neither a path nor text")


def _looks_like_path(s: str) -> bool:
    return s.endswith((".txt", ".md", ".markdown", ".text", ".html", ".htm", ".docx", ".pdf", ".xml", ".nitf", ".newsml")) and " " not in s.strip()
