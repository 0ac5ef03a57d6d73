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
    .xml .nitf .newsml agency XML: NITF and NewsML-G2 news items (read_newsml, with lxml)

A reader may add a fourth value, the version's publication time (ISO 8601 text),
when the file says (agency XML); `extract_dated` passes it on.

Content decides before the suffix: a file whose first bytes say PDF or Word is
read as one whatever its name, and images, executables and archives are refused
by what they are (`engine.sniff`). Readers that need a library import it when called, so `import engine` stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .loading import decode

# suffix -> reader(path, data) -> (text, encoding, fmt[, published])
Reader = Callable[[Path, bytes], tuple]
READERS: dict[str, Reader] = {}


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
    from .errors import InputError
    from .read_newsml import looks_like_news_xml, read_newsml

    if not looks_like_news_xml(data):
        raise InputError(str(path), "is XML but neither NITF nor NewsML-G2, the news formats Storydiff reads")
    return read_newsml(path, data)


READERS.update({
    ".md": _read_markdown, ".markdown": _read_markdown,
    ".html": _read_html, ".htm": _read_html, ".xhtml": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".xml": _read_news_xml, ".nitf": _read_news_xml, ".newsml": _read_news_xml,
})


def extract(path: Path, data: bytes) -> tuple[str, str, str]:
    """(text, encoding, format) of a file; see `extract_dated`."""
    return extract_dated(path, data)[:3]


def extract_dated(path: Path, data: bytes) -> tuple[str, str, str, str | None]:
    """(text, encoding, format, published) of a file: by its content when that has a
    magic number (engine.sniff: a PDF named .txt is read as a PDF, an image under any
    name is refused), otherwise by its suffix; unknown suffixes are text. `published`
    is the time the file says it was published (ISO 8601), or None."""
    from .errors import InputError
    from .sniff import Refused, sniff

    try:
        kind = sniff(data, path.suffix.lower())
    except Refused as e:
        raise InputError(str(path), e.problem()) from None
    reader = READERS[kind] if kind else READERS.get(path.suffix.lower(), _read_text)
    got = reader(path, data)
    return (got[0], got[1], got[2], got[3] if len(got) > 3 else None)


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
