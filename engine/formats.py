"""Turning the bytes of a file into the text Storydiff compares, by file type.

Every reader returns `(text, encoding, fmt)`. The text is what the blocks' offsets
point into and what the result carries; structure reaches the block splitter
through plain conventions it already reads: blocks are separated by blank lines
and headings start with Markdown `#` marks (one for the headline).

    .txt and unknown   decoded as is (see `loading.decode`)
    .md .markdown      inline Markdown rendered to text, headings kept as `#` (read_markdown)
    .html .htm .xhtml  the article of a saved web page (read_html, with readability-lxml)
    .docx              paragraphs and heading styles of a Word file (read_docx, standard library)
    .pdf               the text layer, paragraphs rebuilt from line spacing (read_pdf, with pypdf)

Content decides before the suffix: a file whose first bytes say PDF or Word is
read as one whatever its name, and images, executables and archives are refused
by what they are (`engine.sniff`). Readers that need a library import it when called, so `import engine` stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .loading import decode

# suffix -> reader(path, data) -> (text, encoding, fmt)
Reader = Callable[[Path, bytes], tuple[str, str, str]]
READERS: dict[str, Reader] = {}


def _read_text(path: Path, data: bytes) -> tuple[str, str, str]:
    text, encoding = decode(data, str(path))
    return text, encoding, "text"


def _read_markdown(path: Path, data: bytes) -> tuple[str, str, str]:
    from .read_markdown import markdown_to_text

    text, encoding = decode(data, str(path))
    return markdown_to_text(text), encoding, "markdown"


def _read_html(path: Path, data: bytes) -> tuple[str, str, str]:
    from .read_html import read_html

    return read_html(path, data)


def _read_docx(path: Path, data: bytes) -> tuple[str, str, str]:
    from .read_docx import read_docx

    return read_docx(path, data)


def _read_pdf(path: Path, data: bytes) -> tuple[str, str, str]:
    from .read_pdf import read_pdf

    return read_pdf(path, data)


READERS.update({
    ".md": _read_markdown, ".markdown": _read_markdown,
    ".html": _read_html, ".htm": _read_html, ".xhtml": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
})


def extract(path: Path, data: bytes) -> tuple[str, str, str]:
    """(text, encoding, format) of a file: by its content when that has a magic number
    (engine.sniff: a PDF named .txt is read as a PDF, an image under any name is
    refused), otherwise by its suffix; unknown suffixes are text."""
    from .errors import InputError
    from .sniff import Refused, sniff

    try:
        kind = sniff(data, path.suffix.lower())
    except Refused as e:
        raise InputError(str(path), e.problem()) from None
    reader = READERS[kind] if kind else READERS.get(path.suffix.lower(), _read_text)
    return reader(path, data)


def join_blocks(blocks: list[tuple[int, str]]) -> str:
    """The text the block splitter reads: one line per block, blank lines between.

    `blocks` holds (heading level, text); level 0 is a paragraph. Each text must
    already be one line. A paragraph that happens to start like a Markdown heading
    gets a zero-width no-break space in front so it stays a paragraph.
    """
    out = []
    for level, text in blocks:
        if not text:
            continue
        if level:
            out.append("#" * min(level, 6) + " " + text)
        elif text.lstrip().startswith("#"):
            out.append("\u2060" + text)
        else:
            out.append(text)
    return "\n\n".join(out) + ("\n" if out else "")
