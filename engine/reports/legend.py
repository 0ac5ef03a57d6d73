"""The change types as the HTML, Markdown and PDF reports draw them, read from the one
vocabulary (engine.vocabulary): the same words, symbols and Okabe-Ito colours as the window.

Every state has a symbol and a word besides its colour, so nothing depends on colour
alone (nor on a colour printer).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import vocabulary as vocab


@dataclass(frozen=True)
class Mark:
    key: str
    symbol: str
    label: str
    colour: str  # the state's own colour (side bars, badges)
    tint: str  # a light background for whole blocks
    meaning: str


def _mark(k: vocab.Kind) -> Mark:
    return Mark(k.name, k.symbol, k.label.lower(), k.colour, vocab.tint(k.colour, 0.14), k.explain)


MARKS: dict[str, Mark] = {k.name: _mark(k) for k in vocab.KINDS}

INSERTED = Mark("ins", "+", vocab.INSERTED.label, vocab.INSERTED.colour, vocab.tint(vocab.INSERTED.colour, 0.18),
                vocab.INSERTED.how)
DELETED = Mark("del", "\u2212", vocab.DELETED.label, vocab.DELETED.colour, vocab.tint(vocab.DELETED.colour, 0.18),
               vocab.DELETED.how)

# Order of the change-type columns in summary tables (engine.analysis.summary.CHANGE_TYPES).
SUMMARY_ORDER = vocab.COUNTED
# The kinds a legend explains.
LEGEND_ORDER = vocab.LEGEND
