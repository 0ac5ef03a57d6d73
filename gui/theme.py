"""The change types the window shows, read from the one vocabulary (engine.vocabulary):
labels, badges, explanations and the colour-blind-safe Okabe-Ito colours.

Colour is never the only cue: every change type also has a badge text, and inline
edits are underlined (inserted) or struck through (deleted).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from engine import vocabulary as vocab
from engine.analysis.badges import part_badges
from engine.analysis.cells import ABSENT, BASE, DROPPED, Cell, Part
from engine.model import EDITED, IDENTICAL, PARAPHRASED
from engine.vocabulary import BLUE, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILLION, YELLOW  # noqa: F401

# Tags: what the window distinguishes per cell (legend, filter, overview strip).
T_IDENTICAL, T_EDITED, T_PARAPHRASED = IDENTICAL, EDITED, PARAPHRASED
T_ADDED, T_HEADING, T_MUTED = vocab.ADDED, vocab.HEADING, vocab.CONTEXT
T_MOVED, T_MERGED, T_SPLIT, T_DROPPED, T_UNCHANGED = vocab.MOVED, vocab.MERGED, vocab.SPLIT, vocab.DROPPED, "unchanged"

_ORDER = (T_EDITED, T_PARAPHRASED, T_ADDED, T_HEADING, T_MUTED, T_MOVED, T_MERGED, T_SPLIT, T_DROPPED)
TAG_COLOURS: dict[str, str] = {t: vocab.KIND[t].colour for t in _ORDER}


@dataclass(frozen=True)
class TagInfo:
    tag: str
    label: str  # legend and filter text
    badge: str  # the text cue inside a cell
    explain: str  # tooltip


TAGS: tuple[TagInfo, ...] = tuple(TagInfo(t, vocab.KIND[t].label, vocab.KIND[t].badge, vocab.KIND[t].explain)
                                  for t in _ORDER)
TAG_INFO = {t.tag: t for t in TAGS}
FILTER_TAGS = tuple(t.tag for t in TAGS) + (T_UNCHANGED,)
FILTER_LABELS = {**{t.tag: t.label for t in TAGS}, T_UNCHANGED: "Unchanged rows"}


def part_tags(part: Part) -> list[str]:
    """The tags of one block of a cell, main tag first: its badges (engine.analysis.badges)."""
    return [b.key for b in part_badges(part)]


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
    """A dark theme: the view background is dark by the one rule (`engine.vocabulary.is_dark`)."""
    return vocab.is_dark(palette.color(QPalette.ColorRole.Base).name())


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
    return vocab.ink_on(QColor(colour).name())


# How strongly a cell's fill takes its change's colour, on a light and on a dark base.
FILL_LIGHT, FILL_DARK = 0.07, 0.16
SELECTED = 0.15  # the selection colour laid over the base, for selected cells


@dataclass(frozen=True)
class Colours:
    """The concrete colours for one palette (light or dark).

    Every text colour here reaches WCAG's 4.5:1 on every background it is drawn on
    (engine.vocabulary.readable picks it; tests/test_contrast.py checks `text_pairs`):
    muted text and deleted words on every cell fill, badge text on its badge.
    """

    text: str
    muted: str  # secondary text: paragraph numbers, notes, placeholders
    base: str
    inserted_bg: str
    deleted: str  # deleted words, struck through
    rule: str  # hairlines between rows and columns
    selected: str  # fill of a selected cell (and its counterparts)
    fill: dict[str, str]  # tag -> fill of a cell whose main change it is
    mark: dict[str, str]  # tag -> the tag's colour as text on the base (heat map marks, labels)
    dropped_box: str  # fill of the "dropped from the base" placeholder
    fact_mark: str  # behind the words of the fact chosen in the Facts list

    @classmethod
    def for_palette(cls, palette: QPalette) -> Colours:
        base = palette.color(QPalette.ColorRole.Base).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        highlight = palette.color(QPalette.ColorRole.Highlight).name()
        dark = is_dark(palette)
        fill = {t: vocab.tint(c, FILL_DARK if dark else FILL_LIGHT, base) for t, c in TAG_COLOURS.items()}
        selected = vocab.tint(highlight, SELECTED, base)
        dropped_box = vocab.tint(VERMILLION, 0.08, base)
        fact_mark = vocab.tint(YELLOW, 0.25 if dark else 0.75, base)
        fills = [base, selected, dropped_box, fact_mark, *fill.values()]
        return cls(
            text=vocab.readable(text, fills),
            muted=vocab.readable(vocab.tint(text, 0.55, base), fills),
            base=base,
            inserted_bg=vocab.tint(SKY, 0.40 if dark else 0.30, base),
            deleted=vocab.readable("#FF8A4C" if dark else VERMILLION, fills),
            rule=vocab.tint(text, 0.12, base),
            selected=selected,
            fill=fill,
            mark={t: vocab.readable(c, [base]) for t, c in TAG_COLOURS.items()},
            dropped_box=dropped_box,
            fact_mark=fact_mark,
        )

    def cell_fill(self, main: str | None, selected: bool) -> str:
        """A cell's background: the selection, else a faint tint of its main change."""
        if selected:
            return self.selected
        if main and main not in (T_MUTED, T_DROPPED):
            return self.fill[main]
        return self.base

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, text colour, background) for every text the window draws in these colours."""
        fills = [self.base, self.selected, self.dropped_box, self.fact_mark, *self.fill.values()]
        out = [(f"{what} on {bg}", fg, bg) for bg in fills
               for what, fg in (("text", self.text), ("muted", self.muted), ("deleted", self.deleted))]
        out.append(("inserted words", self.text, self.inserted_bg))
        out += [(f"{t} badge", badge_text_colour(c), c) for t, c in TAG_COLOURS.items()]
        out += [(f"{b.name} badge", badge_text_colour(b.colour), b.colour) for b in vocab.FACT_BADGES]
        out += [(f"{t} mark", c, self.base) for t, c in self.mark.items()]
        return out


__all__ = ["ABSENT", "BASE", "DROPPED", "IDENTICAL", "TAGS", "TAG_INFO", "TAG_COLOURS", "Colours",
           "cell_tags", "part_tags", "main_tag", "blend", "badge_text_colour", "is_dark"]
