"""Small HTML pieces both report dialects share: escaping, paragraph numbers, diffs, shades.

`engine.reports.html_report` (the browser page) and `engine.reports.html_qt` (the
dialect Qt prints to PDF) both build on these, so neither imports the other's
private helpers. Article text is untrusted: everything goes through `esc`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..model import DELETE, EQUAL, INSERT, Diff
from ..vocabulary import BLUE, ink_on, tint


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def para_numbers(indices: Iterable[int]) -> str:
    """Paragraph numbers for people: counted from 1."""
    return "+".join(f"\u00b6{i + 1}" for i in indices)


def diff_html(diff: Diff, side: int | None = None, ins: tuple[str, str] = ("<ins>", "</ins>"),
              dele: tuple[str, str] = ("<del>", "</del>")) -> str:
    """A diff as HTML: `del` and `ins` (or the given wrappers) for changes, text escaped;
    `side` 1 shows only the second text, -1 only the first."""
    out = []
    for op, text in diff:
        if op == EQUAL:
            out.append(esc(text))
        elif op == INSERT and side in (None, 1):
            out.append(f"{ins[0]}{esc(text)}{ins[1]}")
        elif op == DELETE and side in (None, -1):
            out.append(f"{dele[0]}{esc(text)}{dele[1]}")
    return "".join(out)


def shade(x: float) -> tuple[str, str]:
    """Background (white to Okabe-Ito blue) and a readable text colour for a share."""
    x = max(0.0, min(1.0, x))
    bg = tint(BLUE, 0.06 + 0.94 * x)
    return bg, ink_on(bg)  # the one rule for text on a colour


def breakable(name: str, mark: str = "<wbr>") -> str:
    """A name (escaped) that a narrow table head may wrap only after a separator
    ("guardian.|txt", "site-|copy"), never inside a word. Qt's rich text knows no
    `<wbr>`: it is given a zero-width space as `mark`."""
    return re.sub(r"([._/\\-])", lambda m: m.group(1) + mark, esc(name))
