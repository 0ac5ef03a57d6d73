"""Turning the bytes of a file into the text Storydiff compares, by file type.

Plain text and Markdown are decoded (see `loading.decode`); Markdown keeps its
syntax in the text so block offsets point into the file as written, and the block
splitter reads `#` headings from it. Other formats register a reader here.
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
    text, encoding = decode(data, str(path))
    return text, encoding, "markdown"


READERS.update({".md": _read_markdown, ".markdown": _read_markdown})


def extract(path: Path, data: bytes) -> tuple[str, str, str]:
    """(text, encoding, format) of a file, by its suffix; unknown suffixes are text."""
    reader = READERS.get(path.suffix.lower(), _read_text)
    return reader(path, data)
