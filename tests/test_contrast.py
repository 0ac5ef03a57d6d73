"""Every text colour reaches WCAG's 4.5:1 on the background it is drawn on: the window
(light and dark palettes), the HTML report and the PDF report's Qt HTML.

The contrast is computed from engine/vocabulary.py (its colours and `contrast`) and the
window's theme (gui/theme.py `Colours.text_pairs`). The reports are rendered and every
colour written as text in them is checked, so a colour added later without a check
fails here.
"""

from __future__ import annotations

import re

import pytest

from engine import compare
from engine import vocabulary as vocab
from engine.reports.html_parts import shade
from engine.reports.html_qt import to_qt_html
from engine.reports.html_report import to_html
from engine.reports.legend import DELETED, INSERTED, MARKS
from tests.conftest import SAMPLES

AA = vocab.MIN_CONTRAST


def test_contrast_is_computed_as_wcag_defines_it():
    assert vocab.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert vocab.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert vocab.contrast("#0072B2", "#ffffff") == pytest.approx(5.19, abs=0.01)


def test_one_rule_for_black_or_white_text_on_a_colour():
    # Okabe-Ito blue took black text under the old luminance threshold: 4.0:1.
    assert vocab.ink_on(vocab.BLUE) == "#ffffff"
    for k in vocab.KINDS:
        assert vocab.contrast(vocab.ink_on(k.colour), k.colour) >= AA, k.name
    for x in [k / 20 for k in range(21)]:
        bg, ink = shade(x)
        assert vocab.contrast(ink, bg) >= AA, x


def test_readable_keeps_the_hue_and_reaches_the_target():
    on = ["#ffffff", vocab.tint(vocab.BLUE, 0.15)]
    shade_ = vocab.readable(vocab.VERMILLION, on)
    assert all(vocab.contrast(shade_, b) >= AA for b in on)
    r, g, b = (int(shade_[k:k + 2], 16) for k in (1, 3, 5))
    assert r > g > b  # still an orange-red, only darker
    assert vocab.readable(vocab.BLUE, ["#ffffff"]) == vocab.tint(vocab.BLUE, 1.0)  # already fine: unchanged


def _report_pairs(html: str) -> tuple[list[tuple[str, str, str]], set[str], set[str]]:
    """(pairs given together in one style or rule, colours used alone as text, light backgrounds)."""
    colour = r"(#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b)"
    css_vars = dict(re.findall(r"--(\w+):\s*(#[0-9a-fA-F]{3,6})", html))
    html = re.sub(r"var\(--(\w+)\)", lambda m: css_vars.get(m.group(1), m.group(0)), html)
    together, alone, backgrounds = [], set(), {"#ffffff"}
    for decl in re.findall(r'style="([^"]*)"', html) + re.findall(r"\{([^{}]*)\}", html):
        fg = re.search(r"(?<![-\w])color:\s*" + colour, decl)
        bgs = re.findall(r"background(?:-color)?:\s*" + colour, decl) + re.findall(r"gradient\([^)]*?" + colour, decl)
        if fg and bgs:  # a badge, a shade: its text is drawn on its own background only
            together += [(decl[:60], fg.group(1), b) for b in bgs]
        elif fg:
            alone.add(fg.group(1).lower())
        else:  # a fill that other text lands on
            backgrounds.update(b.lower() for b in bgs)
    # Table cells filled with bgcolor; an empty one is a coloured side bar, not a fill under text.
    backgrounds.update(b.lower() for b in re.findall(r'bgcolor="' + colour + r'"[^>]*>(?!</td>)', html))
    light = {b for b in backgrounds if vocab.luminance(b) > 0.4}
    return together, alone, light


@pytest.fixture(scope="module")
def comparison():
    return compare(sorted(str(p) for p in SAMPLES.glob("*.txt")))


@pytest.mark.parametrize("qt", [False, True], ids=["html", "pdf"])
def test_every_text_colour_of_the_reports_reads(comparison, qt):
    page = to_qt_html(comparison) if qt else to_html(comparison)
    together, alone, light = _report_pairs(page)
    assert together and alone and len(light) > 5
    low = [(what, fg, bg, round(vocab.contrast(fg, bg), 2)) for what, fg, bg in together
           if vocab.contrast(fg, bg) < AA]
    # A colour used as text with no background of its own may land on any pale fill of the page.
    low += [("text", fg, bg, round(vocab.contrast(fg, bg), 2)) for fg in alone for bg in light
            if vocab.contrast(fg, bg) < AA]
    assert low == []


def test_report_text_on_the_legend_tints():
    for m in [*MARKS.values(), INSERTED, DELETED]:
        for ink in (vocab.INK, vocab.MUTED):
            assert vocab.contrast(ink, m.tint) >= AA, (m.key, ink)
