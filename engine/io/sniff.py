"""What a file really is, from its first bytes, before its name is trusted.

A file's suffix is a claim; its content is the evidence. `sniff` reads the magic
numbers of the formats a stranger's mail or a download may carry under any name:

* documents Storydiff reads (PDF, a zip that is a Word file) go to their reader
  whatever the suffix says (a PDF saved as `.txt`, a Word file named `.pdf`);
* everything else that is not text (other zip archives, old OLE Office files,
  images, executables, compressed archives) gets a one-line refusal that says
  what the file is, instead of being decoded as text or handed to the wrong parser.

Text, HTML and Markdown carry no magic number: `sniff` returns None for them and
the suffix decides (see `engine.io.formats.extract`). Only the first kilobyte is
looked at (and, for a zip, whether it names Word parts), so sniffing is cheap
whatever the file's size.
"""

from __future__ import annotations

import struct

# Formats with a reader: the reader's suffix in `engine.io.formats.READERS`.
PDF, DOCX = ".pdf", ".docx"

# (magic at offset 0, what the file is) for formats refused outright.
_REFUSED: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office file (.doc, .xls or .ppt); save it as .docx"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xfe\xed\xfa\xce", "a program (Mach-O executable)"),
    (b"\xfe\xed\xfa\xcf", "a program (Mach-O executable)"),
    (b"\xce\xfa\xed\xfe", "a program (Mach-O executable)"),
    (b"\xcf\xfa\xed\xfe", "a program (Mach-O executable)"),
    (b"\x1f\x8b", "a gzip-compressed file; unpack it first"),
    (b"\xfd7zXZ\x00", "an xz-compressed file; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive; unpack it first"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file; unpack it first"),
    (b"%!PS", "a PostScript file; save it as PDF"),
    (b"\x00asm", "a WebAssembly program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an audio or video file"),
    (b"fLaC", "an audio file"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


class Refused(Exception):
    """The content is a known non-document format; `what` says which, for the one-line error."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what

    def problem(self) -> str:
        """The one-line problem: "is a PNG image, not a document Storydiff reads"."""
        what, _, hint = self.what.partition("; ")
        return f"is {what}, not a document Storydiff reads" + (f"; {hint}" if hint else "")


def sniff(data: bytes, suffix: str = "") -> str | None:
    """The reader suffix the content calls for (".pdf", ".docx"), or None for text-like content.

    Raises `Refused` for a format Storydiff does not read. `suffix` (the file's, lower
    case) only matters for a zip: one named .docx goes to the Word reader, which says
    precisely what is wrong with it.
    """
    head = data[:1024]
    if head.startswith(_ZIP):
        # A Word file names its parts in the zip (a byte search: ~10 ms on 64 MB); an
        # Office file without a Word body goes to the Word reader too, which says so.
        if suffix == DOCX or b"word/document.xml" in data or b"[Content_Types].xml" in data:
            return DOCX
        raise Refused("a zip archive; unpack it first")
    if head.lstrip()[:1] == b"{" and b'"storydiff-session"' in head:
        raise Refused("a saved Storydiff session; open it in the app or give it alone to "
                      "storydiff-cli compare")
    # PDF readers accept the header anywhere in the first kilobyte.
    if b"%PDF-" in head:
        return PDF
    for magic, what in _REFUSED:
        if head.startswith(magic):
            raise Refused(what)
    if _is_riff(head):
        raise Refused("a WEBP image" if head[8:12] == b"WEBP" else "an audio or video file (RIFF)")
    if head[4:8] == b"ftyp":
        raise Refused("an audio or video file (MP4)")
    if _is_pe(data):
        raise Refused("a program (Windows executable)")
    if head.startswith(b"BM") and len(data) >= 26 and _is_bmp(data):
        raise Refused("a BMP image")
    return None


def _is_riff(head: bytes) -> bool:
    return head.startswith(b"RIFF") and len(head) >= 12


def _is_pe(data: bytes) -> bool:
    """An MZ header whose pointer leads to a PE signature (plain text may start with "MZ")."""
    if not data.startswith(b"MZ") or len(data) < 64:
        return False
    (offset,) = struct.unpack_from("<I", data, 0x3C)
    return 64 <= offset <= len(data) - 4 and data[offset:offset + 4] == b"PE\x00\x00"


def _is_bmp(data: bytes) -> bool:
    """A bitmap file header: declared size matches and the pixel offset lies inside the file."""
    size, _, offset = struct.unpack_from("<IIi", data, 2)
    return size == len(data) and 26 <= offset < len(data)
