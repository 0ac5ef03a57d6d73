"""Storydiff's engine: align the paragraphs of several versions of an article.

Pure Python, no Qt. The one entry point most callers need:

    >>> from engine import compare
    >>> c = compare(["wire.txt", "rewrite.txt"])
    >>> c.to_dict()["pairs"][0]["similarity"]

See `engine.model` for the result's shape and `engine.cli` for the command line.
"""

import os as _os
import sys as _sys

# The engine's matrix products are small (blocks x a few dozen terms). With OpenBLAS's
# worker threads the 20 x 200 benchmark took the same wall time at twice the CPU (the
# workers spin between calls), and in the app they compete with the GUI thread. So
# ask for one BLAS thread, unless the caller chose a number or NumPy is already
# loaded (then it is too late and not ours to change).
if "numpy" not in _sys.modules:
    _os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .compare import compare, load_versions  # noqa: E402
from .errors import Cancelled, InputError, StorydiffError  # noqa: E402
from .io.loading import Source, from_text, read_path  # noqa: E402
from .model import (  # noqa: E402
    BOILERPLATE,
    CAPTION,
    EDITED,
    HEADING,
    IDENTICAL,
    PARAGRAPH,
    PARAPHRASED,
    SCHEMA,
    TITLE,
    Block,
    Comparison,
    Link,
    Options,
    Pair,
    Version,
)

__version__ = "0.1.0"

__all__ = [
    "compare", "load_versions", "Cancelled", "InputError", "StorydiffError", "Source",
    "from_text", "read_path", "Block", "Comparison", "Link", "Options", "Pair", "Version",
    "SCHEMA", "TITLE", "HEADING", "PARAGRAPH", "CAPTION", "BOILERPLATE", "IDENTICAL",
    "EDITED", "PARAPHRASED", "__version__",
]
