"""The window's text colours reach 4.5:1 on what they are drawn on, in a light and a dark
palette (gui/theme.py computes them with engine.vocabulary; see tests/test_contrast.py
for the reports), and its rich text uses no colour the theme did not check."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette

from engine import compare
from engine import vocabulary as vocab
from engine.analysis.cells import grid

from .conftest import SAMPLES


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    base, text, window, highlight = (("#1e1e1e", "#e8e8e8", "#2b2b2b", "#3d6fa8") if dark
                                     else ("#ffffff", "#000000", "#efefef", "#308cc6"))
    for role, colour in ((QPalette.ColorRole.Base, base), (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Highlight, highlight)):
        p.setColor(role, QColor(colour))
    return p


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_pair_of_the_theme_reads(qapp, dark):
    from gui.theme import Colours
    from gui.views.heatmap.view import HEAT_STEPS, heat_fill

    colours = Colours.for_palette(_palette(dark))
    pairs = colours.text_pairs()
    pairs += [(f"heat {k}", colours.text, heat_fill(k, colours.base)) for k in HEAT_STEPS]
    low = [(what, fg, bg, round(vocab.contrast(fg, bg), 2)) for what, fg, bg in pairs if vocab.contrast(fg, bg) < 4.5]
    assert low == []
    # Deleted words keep their hue: still vermillion, only darker (or lighter) where needed.
    r, g, b = QColor(colours.deleted).getRgb()[:3]
    assert r > g > b


def test_the_old_palette_failed_here(qapp):
    # What the issue measured: vermillion on the pale blue of a selected row, grey context text.
    from gui.theme import Colours

    c = Colours.for_palette(_palette(False))
    assert vocab.contrast(vocab.VERMILLION, c.selected) < 4.5 <= vocab.contrast(c.deleted, c.selected)
    assert vocab.contrast(vocab.tint("#000000", 0.55, "#ffffff"), c.fill["edited"]) < 4.5 <= \
        vocab.contrast(c.muted, c.fill["edited"])


def test_rich_text_uses_only_checked_colours(qapp):
    from gui.theme import Colours
    from gui.views.columns.cell_html import cell_html
    from gui.views.columns.redline import detail_html
    from gui.views.heatmap.view import heatmap_html, legend_html

    colours = Colours.for_palette(_palette(False))
    c = compare(sorted(str(p) for p in SAMPLES.glob("*.txt")))
    checked = {fg.lower() for _, fg, _ in colours.text_pairs()}
    html = [heatmap_html(c, colours), legend_html(c, colours)]
    for row in grid(c):
        for cell in row:
            if not cell.empty:
                html.append(cell_html(c, cell, colours))
            html.append(detail_html(c, cell, colours))
    used = {m.lower() for h in html for m in re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", h)}
    assert used and used <= checked, used - checked


@pytest.mark.parametrize("background, dark", [("#777777", False), ("#737373", True), ("#ffffff", False),
                                              ("#1e1e1e", True), ("#56B4E9", False), ("#0072B2", True)])
def test_one_rule_says_whether_a_colour_is_dark(qapp, background, dark):
    """The theme, the badges and the lineage graph's edges once used two cutoffs: a mid grey
    (#777777, HSL lightness 119) counted as dark for the theme and light for the badges."""
    from gui.theme import badge_text_colour, is_dark

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(background))
    assert vocab.is_dark(background) is dark
    assert is_dark(palette) is dark
    assert (badge_text_colour(background) == "#ffffff") is dark
    ink = "#ffffff" if dark else "#000000"
    assert vocab.contrast(ink, background) >= vocab.contrast("#ffffff" if not dark else "#000000", background)
