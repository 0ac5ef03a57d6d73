"""Storydiff's engine: align the paragraphs of several versions of an article.

Pure Python, no Qt. The one entry point most callers need:

    >>> from engine import compare
    >>> c = compare(["wire.txt", "rewrite.txt"])
    >>> c.to_dict()["pairs"][0]["similarity"]

See `engine.model` for the result's shape and `engine.cli` for the command line.
"""

from .compare import compare, load_versions
from .errors import Cancelled, InputError, StorydiffError
from .loading import Source, from_text, read_path
from .model import (BOILERPLATE, CAPTION, EDITED, HEADING, IDENTICAL, PARAGRAPH, PARAPHRASED,
                    SCHEMA, TITLE, Block, Comparison, Link, Options, Pair, Version)

__version__ = "0.1.0"

__all__ = [
    "compare", "load_versions", "Cancelled", "InputError", "StorydiffError", "Source",
    "from_text", "read_path", "Block", "Comparison", "Link", "Options", "Pair", "Version",
    "SCHEMA", "TITLE", "HEADING", "PARAGRAPH", "CAPTION", "BOILERPLATE", "IDENTICAL",
    "EDITED", "PARAPHRASED", "__version__",
]
