"""The one table of file formats: which suffixes Storydiff reads, and how.

Every place that needs to know about file types reads `FORMATS` below: the
reader chosen for a file (`extract_dated`), which strings `engine.io.loading.load`
takes for paths rather than text (`is_version_path`), which files the size guard
measures on disk before reading them (`size_is_text`), the Open dialog's filter
(`open_dialog_filter`, plain text for Qt to show) and the saved-session suffix
the command line and the window check (`SESSION_SUFFIX`).

Every reader returns `(text, encoding, fmt)`. The text is what the blocks' offsets
point into and what the result carries; structure reaches the block splitter
through plain conventions it already reads (`engine.io.block_text`).

    .txt .text         decoded as is (engine.io.decode); so is any unknown suffix
    .md .markdown      inline Markdown rendered to text, headings kept as `#` (read_markdown)
    .html .htm .xhtml  the whole article of a saved web page (read_html, engine.io.article)
    .docx              paragraphs and heading styles of a Word file (read_docx, standard library)
    .pdf               the text layer, paragraphs rebuilt from line spacing (read_pdf, with pypdf)
    .xml .nitf .newsml agency XML: NITF and NewsML-G2 news items (read_newsml, with lxml)

A reader may add a fourth value, the version's publication time (ISO 8601 text),
when the file says (agency XML); `extract_dated` passes it on.

Content decides before the suffix: a file whose first bytes say PDF or Word is
read as one whatever its name, and images, executables and archives are refused
by what they are (`engine.io.sniff`). Readers that need a library import it when
called, so `import engine` stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .decode import decode
from .sniff import Refused, sniff

# reader(path, data) -> (text, encoding, fmt[, published])
Reader = Callable[[Path, bytes], tuple]


def _read_text(path: Path, data: bytes) -> tuple[str, str, str]:
    text, encoding = decode(data, str(path))
    return text, encoding, "text"


def _read_markdown(path: Path, data: bytes) -> tuple[str, str, str]:
    from .read_markdown import markdown_to_text

    text, encoding = decode(data, str(path))
    return markdown_to_text(text), encoding, "markdown"


def _read_html(path: Path, data: bytes) -> tuple[str, str, str, str | None]:
    from .read_html import read_html

    return read_html(path, data)


def _read_docx(path: Path, data: bytes) -> tuple[str, str, str]:
    from .read_docx import read_docx

    return read_docx(path, data)


def _read_pdf(path: Path, data: bytes) -> tuple[str, str, str]:
    from .read_pdf import read_pdf

    return read_pdf(path, data)


def _read_news_xml(path: Path, data: bytes) -> tuple[str, str, str, str | None]:
    from .read_newsml import looks_like_news_xml, read_newsml

    if not looks_like_news_xml(data):
        raise InputError(str(path), "is XML but neither NITF nor NewsML-G2, the news formats Storydiff reads")
    return read_newsml(path, data)


@dataclass(frozen=True)
class Format:
    """One kind of file Storydiff reads as a version."""

    label: str  # what the Open dialog calls it
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    reader: Reader
    # True when the file's size on disk is about its text's size, so the size guard can
    # refuse a huge one before reading it (PDF and Word files carry images and zip
    # overhead; agency XML carries markup: only their extracted text is measured).
    size_is_text: bool
    # Suffixes read the same way but neither offered in the Open dialog nor taken as a
    # sign that a string names a file (logs and exports people drop in as plain text).
    also: tuple[str, ...] = ()


FORMATS: tuple[Format, ...] = (
    Format("Plain text", (".txt", ".text"), _read_text, True, also=("", ".csv", ".log")),
    Format("Markdown", (".md", ".markdown"), _read_markdown, True),
    Format("Web pages", (".html", ".htm", ".xhtml"), _read_html, True),
    Format("Word documents", (".docx",), _read_docx, False),
    Format("PDF documents", (".pdf",), _read_pdf, False),
    Format("Agency XML (NITF, NewsML-G2)", (".xml", ".nitf", ".newsml"), _read_news_xml, False),
)

# A saved comparison (engine.io.session): versions, base and options in one JSON file.
SESSION_SUFFIX = ".storydiff"

# suffix -> reader; a suffix not listed is read as plain text.
READERS: dict[str, Reader] = {s: f.reader for f in FORMATS for s in f.suffixes + f.also}

_LISTED = tuple(s for f in FORMATS for s in f.suffixes)
_SIZE_IS_TEXT = frozenset(s for f in FORMATS if f.size_is_text for s in f.suffixes + f.also)


def is_version_path(s: str) -> bool:
    """Whether a string that names no existing file still means a file (so a typo in a
    path is reported as a missing file rather than compared as a one-line text)."""
    return s.endswith(_LISTED) and " " not in s.strip()


def size_is_text(path: str | Path) -> bool:
    """Whether a file of this suffix is measured by its size on disk (see `Format.size_is_text`)."""
    return Path(path).suffix.lower() in _SIZE_IS_TEXT


def open_dialog_filter() -> str:
    """The Open dialog's file filter, in Qt's `Label (*.a *.b);;...` syntax (plain text, no Qt)."""
    every = " ".join(f"*{s}" for s in _LISTED)
    each = [f"{f.label} ({' '.join('*' + s for s in f.suffixes)})" for f in FORMATS]
    return ";;".join([f"Articles ({every})", *each, "All files (*)"])


def session_dialog_filter() -> str:
    """The filter of the dialogs that open and save sessions."""
    return f"Storydiff sessions (*{SESSION_SUFFIX});;All files (*)"


def is_session_path(path: str) -> bool:
    """Whether `path` names a saved session rather than a version."""
    return path.lower().endswith(SESSION_SUFFIX)


def extract(path: Path, data: bytes) -> tuple[str, str, str]:
    """(text, encoding, format) of a file; see `extract_dated`."""
    return extract_dated(path, data)[:3]


def extract_dated(path: Path, data: bytes) -> tuple[str, str, str, str | None]:
    """(text, encoding, format, published) of a file: by its content when that has a
    magic number (engine.io.sniff: a PDF named .txt is read as a PDF, an image under any
    name is refused), otherwise by its suffix; unknown suffixes are text. `published`
    is the time the file says it was published (ISO 8601), or None."""
    try:
        kind = sniff(data, path.suffix.lower())
    except Refused as e:
        raise InputError(str(path), e.problem()) from None
    reader = READERS[kind] if kind else READERS.get(path.suffix.lower(), _read_text)
    got = reader(path, data)
    return (got[0], got[1], got[2], got[3] if len(got) > 3 else None)
