"""The change types the window shows, their labels and their colour-blind-safe colours.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common
forms of colour blindness. Colour is never the only cue: every change type also has
a badge text, and inline edits are underlined (inserted) or struck through (deleted).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from engine.cells import ABSENT, ADDED, BASE, DROPPED, Cell, Part
from engine.model import BOILERPLATE, CAPTION, EDITED, HEADING, IDENTICAL, PARAPHRASED, TITLE

# Tags: what the window distinguishes per cell (legend, filter, overview strip).
T_IDENTICAL, T_EDITED, T_PARAPHRASED = IDENTICAL, EDITED, PARAPHRASED
T_ADDED, T_HEADING, T_MUTED = "added", "heading", "muted"
T_MOVED, T_MERGED, T_SPLIT, T_DROPPED, T_UNCHANGED = "moved", "merged", "split", "dropped", "unchanged"

# Okabe-Ito.
ORANGE, SKY, GREEN, YELLOW = "#E69F00", "#56B4E9", "#009E73", "#F0E442"
BLUE, VERMILLION, PURPLE, GREY = "#0072B2", "#D55E00", "#CC79A7", "#8C8C8C"

TAG_COLOURS: dict[str, str] = {
    T_EDITED: BLUE,
    T_PARAPHRASED: ORANGE,
    T_ADDED: GREEN,
    T_HEADING: PURPLE,
    T_MUTED: GREY,
    T_MOVED: SKY,
    T_MERGED: YELLOW,
    T_SPLIT: YELLOW,
    T_DROPPED: VERMILLION,
}


@dataclass(frozen=True)
class TagInfo:
    tag: str
    label: str  # legend and filter text
    badge: str  # the text cue inside a cell
    explain: str  # tooltip


TAGS: tuple[TagInfo, ...] = (
    TagInfo(T_EDITED, "Edited", "EDITED", "Same wording with word-level changes: inserted words underlined, deleted words struck through"),
    TagInfo(T_PARAPHRASED, "Paraphrased", "PARAPHRASED", "Same content, reworded (score in the badge)"),
    TagInfo(T_ADDED, "Added paragraph", "ADDED", "A paragraph the base version lacks"),
    TagInfo(T_HEADING, "Added heading", "NEW HEADING", "A heading or title the base version lacks"),
    TagInfo(T_MUTED, "Boilerplate / caption", "BOILERPLATE", "Site chrome, photo captions and credits, shown muted"),
    TagInfo(T_MOVED, "Moved", "MOVED", "Stands elsewhere in this version's order; the badge links to where it stands"),
    TagInfo(T_MERGED, "Merged", "JOINS", "Several base paragraphs fused into one; the badge names them"),
    TagInfo(T_SPLIT, "Split", "SPLIT", "One base paragraph split into several"),
    TagInfo(T_DROPPED, "Dropped", "DROPPED", "The base paragraph is missing from this version"),
)
TAG_INFO = {t.tag: t for t in TAGS}
FILTER_TAGS = tuple(t.tag for t in TAGS) + (T_UNCHANGED,)
FILTER_LABELS = {**{t.tag: t.label for t in TAGS}, T_UNCHANGED: "Unchanged rows"}


def part_tags(part: Part) -> list[str]:
    """The tags of one block of a cell, main tag first."""
    tags: list[str] = []
    if part.state == ADDED:
        if part.kind in (HEADING, TITLE):
            tags.append(T_HEADING)
        elif part.kind in (BOILERPLATE, CAPTION):
            tags.append(T_MUTED)
        else:
            tags.append(T_ADDED)
    elif part.state in (EDITED, PARAPHRASED):
        tags.append(part.state)
    if part.moved:
        tags.append(T_MOVED)
    if part.merged_from:
        tags.append(T_MERGED)
    if part.split:
        tags.append(T_SPLIT)
    return tags


def cell_tags(c: Cell) -> list[str]:
    """Every tag of a cell (no duplicates, main first); empty for unchanged cells."""
    if c.state == DROPPED:
        return [T_DROPPED]
    out: list[str] = []
    for p in c.parts:
        for t in part_tags(p):
            if t not in out:
                out.append(t)
    return out


def main_tag(c: Cell) -> str | None:
    tags = cell_tags(c)
    return tags[0] if tags else None


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def blend(colour: str | QColor, background: QColor, alpha: float) -> QColor:
    """`colour` laid over `background` at opacity `alpha` (rich text has no rgba)."""
    c = QColor(colour)
    return QColor(
        round(c.red() * alpha + background.red() * (1 - alpha)),
        round(c.green() * alpha + background.green() * (1 - alpha)),
        round(c.blue() * alpha + background.blue() * (1 - alpha)),
    )


def badge_text_colour(colour: str) -> str:
    """Black or white, whichever reads better on `colour`."""
    c = QColor(colour)
    lum = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()
    return "#000000" if lum > 0.35 else "#ffffff"


@dataclass(frozen=True)
class Colours:
    """The concrete colours for one palette (light or dark)."""

    text: str
    muted: str
    base: str
    inserted_bg: str
    deleted: str
    tint: dict[str, str]  # tag -> faint cell background

    @classmethod
    def for_palette(cls, palette: QPalette) -> "Colours":
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = is_dark(palette)
        alpha = 0.22 if dark else 0.10
        return cls(
            text=text.name(),
            muted=blend(text, base, 0.55).name(),
            base=base.name(),
            inserted_bg=blend(SKY, base, 0.40 if dark else 0.30).name(),
            deleted=("#FF8A4C" if dark else VERMILLION),
            tint={t: blend(c, base, alpha).name() for t, c in TAG_COLOURS.items()},
        )


__all__ = ["ABSENT", "BASE", "DROPPED", "IDENTICAL", "TAGS", "TAG_INFO", "TAG_COLOURS", "Colours",
           "cell_tags", "part_tags", "main_tag", "blend", "badge_text_colour", "is_dark"]
