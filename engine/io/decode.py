"""Decoding the bytes of a text file, whatever its encoding, without ever crashing.

A byte-order mark decides first (UTF-8, UTF-16, UTF-32), then strict UTF-8, then
BOM-less UTF-16 recognised by its zero bytes, then UTF-8 with a few damaged bytes
(replaced by U+FFFD, see `mostly_utf8`), then the legacy 8-bit code page newspaper
archives use (cp1252), then Latin-1, which accepts any byte. Binary files (NUL
bytes in what is not UTF-16) are refused with a one-line `InputError` rather than
compared as garbage. Every reader that meets text bytes decodes them here.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, name: str = "<text>") -> tuple[str, str]:
    """Decode `data`; return (text, encoding name). Raises InputError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                body = data[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                raise InputError(name, f"starts with a {encoding} byte-order mark but is not {encoding}") from None
            if "\x00" in body:  # a byte-order mark in front of binary data (found by fuzzing)
                raise InputError(name, "looks like a binary file (it contains NUL characters), not text")
            return body, encoding
    text: str | None
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
    repaired = mostly_utf8(data)
    if repaired is not None and _plausible(repaired):
        return repaired, "utf-8"
    if _control_share(data) > 0.05:
        raise InputError(name, "looks like a binary file, not text")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few damaged bytes, decoded with U+FFFD for them; None when it is not UTF-8.

    One stray byte (a truncated download, a byte flipped in transit) must not turn a
    whole UTF-8 file into cp1252 mojibake. Legacy 8-bit text almost never forms valid
    multi-byte UTF-8 sequences (that takes two adjacent accented characters such as
    "Ã©"), so when the valid sequences are at least as many as the broken ones the
    file is UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return text if broken > 0 and valid >= broken else None


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
# binary noise; so is one before a line break (an empty paragraph). A run of them is
# a mark when it starts a line or ends one (before \n or \r\n).
_MARK_RUN = re.compile("[\x01-\x08\x0e-\x1a\x1c-\x1f]+")


_C0 = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def _stray_controls(sample: str, pattern: re.Pattern[str] = _CONTROL) -> int:
    """Control characters that never occur in text, paragraph marks at line starts aside."""
    if not pattern.search(sample):
        return 0  # the usual case: removing paragraph marks could only find fewer
    # Every mark is a control character of `pattern`'s class: count them all, less the
    # marks. (Runs found by a plain class, which `re` skips ahead to; a pattern opening
    # with a line-start lookbehind was tried at every character of a wire file.)
    marks = 0
    for m in _MARK_RUN.finditer(sample):
        s, e = m.span()
        if s == 0 or sample[s - 1] == "\n" or sample.startswith(("\n", "\r\n"), e):
            marks += e - s
    return len(pattern.findall(sample)) - marks


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
