"""The names, symbols and colours of change types, shared by the HTML, Markdown and PDF reports.

Colours are the Okabe-Ito palette, which stays distinguishable with the common
forms of colour blindness; every state also has a symbol and a word, so nothing
depends on colour alone (nor on a colour printer).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    key: str
    symbol: str
    label: str
    colour: str  # the state's own colour (side bars, badges)
    tint: str  # a light background for whole blocks
    meaning: str


MARKS: dict[str, Mark] = {m.key: m for m in (
    Mark("base", "\u25c6", "base", "#000000", "#ffffff", "the base version every other is compared with"),
    Mark("identical", "=", "identical", "#7a7a7a", "#ffffff", "kept word for word (white space, quotes and dashes aside)"),
    Mark("edited", "~", "edited", "#0072B2", "#e3f0f8", "same wording, some words changed"),
    Mark("paraphrased", "\u2248", "paraphrased", "#E69F00", "#fcf1d9", "same content, reworded"),
    Mark("moved", "\u2195", "moved", "#CC79A7", "#f7e9f1", "stands elsewhere in this version's order"),
    Mark("merged", "\u2295", "merged", "#56B4E9", "#e6f4fc", "one paragraph made of several base paragraphs"),
    Mark("split", "\u2298", "split", "#56B4E9", "#e6f4fc", "one base paragraph split into several here"),
    Mark("added", "+", "added", "#009E73", "#dff3ec", "not in the base"),
    Mark("dropped", "\u2212", "dropped", "#D55E00", "#fbe6da", "in the base, missing from this version"),
)}

INSERTED = Mark("ins", "+", "inserted words", "#009E73", "#d3efe4", "underlined")
DELETED = Mark("del", "\u2212", "deleted words", "#D55E00", "#f9dccb", "struck through")

# Order of the change-type columns in summary tables (engine.summary.CHANGE_TYPES).
SUMMARY_ORDER = ("identical", "edited", "paraphrased", "moved", "merged", "added", "dropped")
