"""The one vocabulary of Storydiff: the kinds of change (name, label, badge, symbol,
colour, explanation), what each figure means, and how figures are written.

The window (gui/theme.py, the legend, tooltips), the HTML, Markdown and PDF reports
(engine/reports/legend.py) and the CLI read their words and colours from here, so a
reader meets one wording and one palette everywhere.

Colours are the Okabe-Ito palette, which stays distinguishable with the common forms
of colour blindness. Colour is never the only cue: every kind also has a badge word
and a symbol, inserted words are underlined and deleted words struck through.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Okabe-Ito, plus a neutral grey for quiet things (identical text, site chrome).
ORANGE, SKY, GREEN, YELLOW = "#E69F00", "#56B4E9", "#009E73", "#F0E442"
BLUE, VERMILLION, PURPLE, BLACK = "#0072B2", "#D55E00", "#CC79A7", "#000000"
GREY = "#8C8C8C"

# Kind names. Link relations (identical / edited / paraphrased) are the engine's own
# (engine.model); the rest describe a block against the base.


class State(StrEnum):
    """A block's state against the base, as cells, legends and reports name it. A `StrEnum`:
    IDENTICAL, EDITED and PARAPHRASED equal the link relations of the same name."""

    BASE = "base"
    IDENTICAL = "identical"
    EDITED = "edited"
    PARAPHRASED = "paraphrased"
    MOVED = "moved"
    MERGED = "merged"
    SPLIT = "split"
    ADDED = "added"
    HEADING = "heading"
    CONTEXT = "muted"
    DROPPED = "dropped"
    ABSENT = "absent"  # a cell with nothing to show and nothing missing: not a change


BASE, IDENTICAL, EDITED, PARAPHRASED, MOVED, MERGED, SPLIT, ADDED, HEADING, CONTEXT, DROPPED, ABSENT = State

# The rule engine/align/pairwise.py applies (`_is_edit` and the identical-text check in
# `_relation_1to1`); stated once here so every explanation says what the code does.
RULE_IDENTICAL = ("the same text once spacing, dashes, letter case and the style of quote marks (straight or "
                  "curly, single or double) are evened out; Options can make case and quote style count")
RULE_EDITED = ("the same wording with words changed in a few places: one paragraph (six words or "
               "more) stands at least 90% inside the other, or at least 60% of the words stay in "
               "order and either the changes sit in at most two places, or a change of up to three "
               "words alters a number or a name or adds or removes a negation such as \u2018not\u2019 (other facts in the same "
               "frame are an edit, not a paraphrase), or 90% stay and there is at most one changed "
               "place per 20 words; and a reworded paragraph that gives the same thing another figure or date "
               "(facts that differ are not the same content)")
RULE_PARAPHRASED = "linked to a base paragraph but neither identical nor edited: the same content, reworded"
RELATION_RULE = (f"Identical: {RULE_IDENTICAL}. Edited: {RULE_EDITED}. Paraphrased: anything else that is "
                 "linked. The match score decides whether two paragraphs are linked, not which of the "
                 "three they are, so an edit can score lower than a paraphrase.")


@dataclass(frozen=True)
class Kind:
    """One kind of change: how every view names, marks, colours and explains it."""

    name: str  # key (a filter tag in the window, a CSS class in the HTML report)
    label: str  # legend, filter and column text
    badge: str  # the word in a cell's badge
    symbol: str  # the text cue in reports and the CLI
    colour: str  # Okabe-Ito
    explain: str  # one sentence for a tooltip or a legend entry


KINDS: tuple[Kind, ...] = (
    Kind(BASE, "Base", "BASE", "\u25c6", BLACK, "The version every other version is compared with."),
    Kind(IDENTICAL, "Identical", "IDENTICAL", "=", GREY, f"Kept word for word: {RULE_IDENTICAL}."),
    Kind(EDITED, "Edited", "EDITED", "~", BLUE,
         f"Edited: {RULE_EDITED}. Inserted words are underlined, deleted words struck through."),
    Kind(PARAPHRASED, "Paraphrased", "PARAPHRASED", "\u2248", ORANGE,
         f"Paraphrased: {RULE_PARAPHRASED}. The percent is the match score."),
    Kind(MOVED, "Moved", "MOVED", "\u2195", SKY,
         "Stands elsewhere in this version's order; the badge links to where it stands."),
    Kind(MERGED, "Merged", "JOINS", "\u2295", YELLOW, "One paragraph made of several base paragraphs; the badge names them."),
    Kind(SPLIT, "Split", "SPLIT", "\u2298", YELLOW, "One base paragraph split into several here."),
    Kind(ADDED, "Added paragraph", "ADDED", "+", GREEN, "A paragraph the base lacks."),
    Kind(HEADING, "Added heading", "NEW HEADING", "#", PURPLE, "A heading or title the base lacks."),
    Kind(CONTEXT, "Boilerplate / caption", "BOILERPLATE", "\u00b7", GREY,
         "Site chrome (share buttons, comment counters, \u2018Leave a reply\u2019, a wire header or sign-off), "
         "photo captions and credits, bylines: "
         "context, shown quietly and not counted as change unless Show \u203a Boilerplate and Captions as "
         "Changes is on."),
    Kind(DROPPED, "Dropped", "DROPPED", "\u2212", VERMILLION, "A base paragraph this version lacks."),
)
KIND: dict[str, Kind] = {k.name: k for k in KINDS}

# The change kinds counted per version (summary tables in the window, the reports, the CLI).
COUNTED = (IDENTICAL, EDITED, PARAPHRASED, MOVED, MERGED, ADDED, DROPPED)
# The kinds a legend explains, in reading order.
LEGEND = (IDENTICAL, EDITED, PARAPHRASED, MOVED, MERGED, SPLIT, ADDED, HEADING, CONTEXT, DROPPED)


# -- Facts that changed (engine/facts, the ledger `Pair.facts`) ------------------------------
# Kinds of fact, and the changes a fact can undergo between two versions (storydiff/1
# `pairs[].facts[].kind` / `.change`). One entry is listed per changed fact.
QUOTE, NUMBER, DATE, NAME, TITLE_FACT, NEGATION = "quote", "number", "date", "name", "title", "negation"
FACT_KINDS = (QUOTE, NUMBER, DATE, NAME, TITLE_FACT, NEGATION)
CHANGED, ADDED_FACT, DROPPED_FACT, ALTERED, TRIMMED, EXTENDED, REATTRIBUTED, UNQUOTED, QUOTED = (
    "changed", "added", "dropped", "altered", "trimmed", "extended", "reattributed", "unquoted", "quoted")
FACT_CHANGES = (CHANGED, ADDED_FACT, DROPPED_FACT, ALTERED, TRIMMED, EXTENDED, REATTRIBUTED, UNQUOTED, QUOTED)
# What a change reads as from the other version (a ledger seen from b to a).
FACT_INVERSE = {ADDED_FACT: DROPPED_FACT, DROPPED_FACT: ADDED_FACT, TRIMMED: EXTENDED, EXTENDED: TRIMMED,
                UNQUOTED: QUOTED, QUOTED: UNQUOTED}
# How each kind of fact is called in a sentence ("figure changed: 2,300 -> 23,000").
FACT_NOUN = {QUOTE: "quote", NUMBER: "figure", DATE: "date", NAME: "name", TITLE_FACT: "job title",
             NEGATION: "negation"}
FACT_KIND_LABEL = {QUOTE: "Quotes", NUMBER: "Figures", DATE: "Dates and times", NAME: "Names",
                   TITLE_FACT: "Job titles", NEGATION: "Negations"}


@dataclass(frozen=True)
class FactBadge:
    """How a kind of fact change is badged and explained (cells, the Facts list, reports)."""

    name: str  # "quote altered"
    badge: str  # "QUOTE ALTERED"
    colour: str  # Okabe-Ito
    explain: str  # one sentence: what the badge means


_FACT_RULES: dict[tuple[str, str], tuple[str, str]] = {
    (QUOTE, ALTERED): (VERMILLION, "A quotation whose words differ from the other version's (a word added, "
                                   "changed or dropped inside the quote marks, such as a lost ‘not’)."),
    (QUOTE, TRIMMED): (SKY, "A quotation cut to an excerpt of the other version's, its words unchanged."),
    (QUOTE, EXTENDED): (SKY, "A quotation given longer than the other version's excerpt of it, its words unchanged."),
    (QUOTE, REATTRIBUTED): (VERMILLION, "The same quotation put in another speaker's mouth."),
    (QUOTE, UNQUOTED): (ORANGE, "A quotation's words kept without quote marks (turned into reported speech)."),
    (QUOTE, QUOTED): (ORANGE, "Words the other version wrote as narrative, put inside quote marks here."),
    (QUOTE, ADDED_FACT): (GREEN, "A quotation the other version does not have, listed whole with its speaker."),
    (QUOTE, DROPPED_FACT): (VERMILLION, "A quotation of the other version that this one lacks, listed whole "
                                        "with its speaker."),
    (NUMBER, CHANGED): (VERMILLION, "A figure of the same thing stated with another value, unit or qualifier "
                                    "(‘more than’, ‘nearly’); the same value written "
                                    "another way (4 and four, £4.5m and £4,500,000) is no change."),
    (DATE, CHANGED): (VERMILLION, "A date or time that names another day or hour; ‘today’ becoming "
                                  "‘yesterday’ a day later names the same day and is no change."),
    (NAME, CHANGED): (VERMILLION, "Another person, organisation or place named where the other version named "
                                  "one; spellings of one name (Kim Jong Un, Kim Jong-un) are the same name."),
    (TITLE_FACT, CHANGED): (BLUE, "The same named person given another job title."),
    (NEGATION, ADDED_FACT): (VERMILLION, "A statement turned into its negation (‘would’ to "
                                         "‘would not’)."),
    (NEGATION, DROPPED_FACT): (VERMILLION, "A negation removed: the statement now says the opposite."),
}
for _kind in (NUMBER, DATE, NAME):
    _FACT_RULES[(_kind, ADDED_FACT)] = (GREEN, f"A {FACT_NOUN[_kind]} stated in a paragraph both versions "
                                               "have, which the other version states nowhere.")
    _FACT_RULES[(_kind, DROPPED_FACT)] = (VERMILLION, f"A {FACT_NOUN[_kind]} of the other version's paragraph "
                                                      "that this version states nowhere.")


def fact_badge(kind: str, change: str) -> FactBadge:
    """The badge of one kind of fact change ("FIGURE CHANGED", "SPEAKER CHANGED", "QUOTE ALTERED")."""
    colour, explain = _FACT_RULES.get((kind, change), (BLUE, f"A {FACT_NOUN.get(kind, kind)} {change}."))
    if (kind, change) == (QUOTE, REATTRIBUTED):
        return FactBadge("speaker changed", "SPEAKER CHANGED", colour, explain)
    name = f"{FACT_NOUN.get(kind, kind)} {change}"
    return FactBadge(name, name.upper(), colour, explain)


FACT_BADGES: tuple[FactBadge, ...] = tuple(fact_badge(k, c) for k, c in _FACT_RULES)
# The legends' entry for every fact badge: one example badge and what the family means.
FACT_LEGEND = FactBadge("changed fact", fact_badge(NUMBER, CHANGED).badge, fact_badge(NUMBER, CHANGED).colour,
                        "A badge such as FIGURE CHANGED, QUOTE ALTERED or SPEAKER CHANGED marks a fact of the "
                        "paragraph (a quotation, figure, date, name, job title or negation) that differs from "
                        "the base; the Facts list gives each with its old and new words.")
FACTS_TITLE = "Facts that changed"
FACTS_NOTE = ("Quotations, figures, dates, names, job titles and negations that differ between the versions, "
              "each with its old and new words. Facts that did not change are not listed; the figures, dates "
              "and names of a paragraph only one version has come with that paragraph, but a quotation added "
              "or dropped is always listed, with its speaker. The same value written another way "
              "(4 and four, £4.5m and £4,500,000, ‘today’ a day earlier and "
              "‘yesterday’) is the same fact.")


@dataclass(frozen=True)
class Mark:
    """How inserted and deleted words look."""

    label: str
    colour: str
    how: str


INSERTED = Mark("inserted words", GREEN, "underlined")
DELETED = Mark("deleted words", VERMILLION, "struck through")


@dataclass(frozen=True)
class Figure:
    """A number a view shows, and what it means."""

    name: str
    label: str
    explain: str


FIGURES: dict[str, Figure] = {f.name: f for f in (
    Figure("score", "match",
           "Match score (the percent beside a change): how alike a paragraph is to its base counterpart, 0-100%: the larger of the share "
           "of their words that stand in the same order and the share of their weighted content words. "
           "Whether two paragraphs are linked at all is decided with the rarer words and facts they share "
           "(Options › sensitivity), so a link can score low. " + RELATION_RULE),
    Figure("similarity", "similarity",
           "Similarity: the share of both versions' words that stand in linked paragraphs, each link counted "
           "by its match score: 0% unrelated, 100% the same text."),
    Figure("reuse", "verbatim from base",
           "Verbatim from base: the share of this version's words inside runs of six or more words that also "
           "stand in the base (site chrome left out), and of shorter blocks, such as a headline, that the base "
           "has word for word. It counts copying, not paraphrase."),
    Figure("words", "words", "Words: the version's words, boilerplate and captions included."),
    Figure("blocks", "blocks", "Blocks: paragraphs, headings, captions and boilerplate, as the version was split."),
    Figure("counts", "counts",
           "Counts: blocks of each version against the base, by kind of change; moved and merged blocks are also "
           "counted under their relation. Boilerplate and captions are context and are not counted."),
)}


def pct(x: float) -> str:
    """A share as every view writes it: a whole percent ('<1%' for a trace, never '0%')."""
    if 0 < x < 0.005:
        return "<1%"
    return f"{x:.0%}"


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 word', '2 words'."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def tint(colour: str, alpha: float, background: str = "#ffffff") -> str:
    """`colour` laid over `background` at opacity `alpha`, as #rrggbb (reports have no rgba)."""
    c = [int(colour[k:k + 2], 16) for k in (1, 3, 5)]
    b = [int(background[k:k + 2], 16) for k in (1, 3, 5)]
    return "#{:02x}{:02x}{:02x}".format(*(round(x * alpha + y * (1 - alpha)) for x, y in zip(c, b)))


# Contrast. WCAG 2 asks 4.5:1 between text and its background; every text colour of the
# window and the reports is chosen by the rules below and checked by tests/test_contrast.py.
MIN_CONTRAST = 4.5
# Secondary text (row numbers, notes, "not in this version") on white and on every pale
# tint of a kind: a grey that stays at 4.5:1 or more on all of them.
INK, MUTED = "#1d1d1f", "#595959"


def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb (or #rgb): 0 black .. 1 white."""
    def lin(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two colours, 1..21."""
    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_on(colour: str) -> str:
    """Black or white text on `colour`: whichever contrasts more (the one rule for text on a
    coloured badge, chip or shade; one of the two always reaches 4.5:1)."""
    return "#000000" if contrast("#000000", colour) >= contrast("#ffffff", colour) else "#ffffff"


def is_dark(colour: str) -> bool:
    """A dark colour: white text contrasts more on it than black (the same cutoff as `ink_on`,
    relative luminance about 0.18; everything that picks light or dark asks here)."""
    return ink_on(colour) == "#ffffff"


def readable(colour: str, backgrounds: tuple[str, ...] | list[str], target: float = MIN_CONTRAST) -> str:
    """`colour` as text on all of `backgrounds`: itself if it reaches `target` on each, else
    mixed towards black (light backgrounds) or white (dark ones) in small steps until it does.
    The hue stays, so a deleted word is still vermillion, only darker."""
    lightest = max(backgrounds, key=luminance)
    towards = "#ffffff" if is_dark(lightest) else "#000000"
    for step in range(21):
        shade = tint(towards, step / 20, colour)
        if all(contrast(shade, b) >= target for b in backgrounds):
            return shade
    return towards
