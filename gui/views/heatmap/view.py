"""The base text as a heat map (Juxta style): each sentence of the base shaded by how
many of the other versions keep it, with one mark per version saying how.

Shade: the more versions keep a sentence (in any form), the deeper its blue tint;
a sentence every other version dropped has no tint and is drawn muted. Marks
(shape and colour, so colour is never the only cue): ● verbatim, ◐ edited,
◇ paraphrased, × dropped, one per other version in version order. Hovering a
sentence names the versions; clicking it selects its paragraph in the columns.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QToolTip, QVBoxLayout, QWidget

from engine import vocabulary as vocab
from engine.model import Comparison
from engine.vocabulary import KIND, pct

from ...theme import BLUE, Colours
from ..columns.cell_html import esc, plain_tip

# state: (symbol, colour, words); colours from the one vocabulary (engine.vocabulary).
STATE_MARKS = {
    "verbatim": ("●", KIND["identical"].colour, "kept verbatim"),
    "edited": ("◐", KIND["edited"].colour, "edited"),
    "paraphrased": ("◇", KIND["paraphrased"].colour, "paraphrased"),
    "dropped": ("×", KIND["dropped"].colour, "dropped"),
}


def sentence_tooltip(c: Comparison, s) -> str:
    """Which versions kept, edited, paraphrased or dropped one base sentence."""
    lines = []
    for state, (sym, _, words) in STATE_MARKS.items():
        names = [c.versions[v].name for v, st in enumerate(s.states) if st == state]
        if names:
            lines.append(f"{sym} {words} by {len(names)}: {', '.join(names)}")
    return f"¶{s.block + 1} of the base — kept by {pct(s.kept)} of the other versions\n" + "\n".join(lines)


def heat_fill(kept: float, base: str) -> str:
    """The shade of a sentence kept by the share `kept` of the other versions (none: the base)."""
    return vocab.tint(BLUE, 0.10 + 0.42 * kept, base) if kept else base


def _mark(state: str, colours: Colours) -> str:
    sym, colour, _ = STATE_MARKS[state]
    # The mark's colour as text on the base: darkened (or lightened) until it reads.
    return f'<span style="color:{vocab.readable(colour, [colours.base])}">{sym}</span>'


def heatmap_html(c: Comparison, colours: Colours) -> str:
    """The base's sentences as rich text, paragraph by paragraph (article text escaped)."""
    paras: list[list[str]] = []
    last_block = None
    for k, s in enumerate(c.heatmap):
        if s.block != last_block:
            paras.append([])
            last_block = s.block
        marks = "".join(_mark(st, colours) for st in s.states if st is not None)
        ink = colours.muted if s.kept == 0 else colours.text
        style = f"background-color:{heat_fill(s.kept, colours.base)};color:{ink};"
        paras[-1].append(
            f'<a href="s:{k}" style="text-decoration:none;color:inherit">'
            f'<span style="font-weight:700">{marks}</span>&nbsp;'
            f'<span style="{style}">{esc(s.text)}</span></a> ')
    body = "".join(f'<p style="margin:0 0 10px 0;line-height:150%">{"".join(p)}</p>' for p in paras)
    return body or "<p>The base has no sentences to shade.</p>"


HEAT_STEPS = (0.25, 0.5, 0.75, 1.0)  # the shades the legend shows


def legend_html(c: Comparison | None, colours: Colours) -> str:
    chips = []
    for state, (_, _, words) in STATE_MARKS.items():
        chips.append(f'<span style="font-weight:700">{_mark(state, colours)}</span>&nbsp;{words}')
    shades = "".join(
        f'<span style="background-color:{heat_fill(k, colours.base)};color:{colours.text}">&nbsp;{pct(k)}&nbsp;</span>'
        for k in HEAT_STEPS)
    order = ""
    if c is not None:
        others = [esc(v.name) for v in c.versions if v.id != c.base]
        order = f"<br>Marks before each sentence, one per version: {', '.join(others)}."
    base = esc(c.versions[c.base].name) if c is not None else "the base"
    return (f"<b>Heat map of {base}</b> — each sentence shaded by the share of the other versions "
            f"that keep it: {shades}&nbsp;&nbsp; " + " &nbsp; ".join(chips) + order)


class HeatmapView(QWidget):
    blockChosen = Signal(int, int)  # version (the base), block

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setContentsMargins(8, 6, 8, 4)
        self.browser = _Browser(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.legend)
        lay.addWidget(self.browser, 1)

    def set_comparison(self, c: Comparison | None) -> None:
        self.comparison = c
        colours = Colours.for_palette(self.palette())
        self.legend.setText(legend_html(c, colours))
        if c is None:
            self.browser.clear()
            return
        self.browser.setHtml(heatmap_html(c, colours))

    def sentence(self, href: str):
        if self.comparison is None or not href.startswith("s:"):
            return None
        k = int(href[2:])
        h = self.comparison.heatmap
        return h[k] if 0 <= k < len(h) else None


class _Browser(QTextBrowser):
    def __init__(self, owner: HeatmapView) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setOpenLinks(False)
        self.setMouseTracking(True)
        self.anchorClicked.connect(self._clicked)
        self.document().setDocumentMargin(14)

    def _clicked(self, url) -> None:
        c, s = self.owner.comparison, self.owner.sentence(url.toString())
        if c is not None and s is not None:
            self.owner.blockChosen.emit(c.base, s.block)

    def event(self, ev) -> bool:
        if ev.type() == ev.Type.ToolTip:
            c, s = self.owner.comparison, self.owner.sentence(self.anchorAt(self.viewport().mapFrom(self, ev.pos())))
            if c is not None and s is not None:
                QToolTip.showText(ev.globalPos(), plain_tip(sentence_tooltip(c, s)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(ev)
