"""The facts of one version, block by block (`version_facts`): computed once per version,
whatever number of pairs it is in.

Read from the blocks' display text (offsets are the window's and the diffs'), and only
from the article's own blocks: titles, headings and paragraphs. Captions, bylines and
site chrome state no facts of the story. Quotations are taken from paragraphs only
(headline quote marks are mostly scare quotes and paraphrase).
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..model import HEADING, PARAGRAPH, TITLE, Version
from .dates import When, find_dates, published_day, spans
from .names import Name, Title, find_names, find_titles, lower_words, mid_capitals, name_key
from .numbers import Figure, find_figures
from .quotes import MAX_CHARS, find_segments
from .speakers import PRONOUNS, Resolver, Speaker, attribute, intro_speaker
from .words import keys, tokens

FACT_BLOCKS = (PARAGRAPH, TITLE, HEADING)
NUMBER, DATE, NAME, TITLE_FACT = "number", "date", "name", "title"


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted segment: its words inside the marks in one block, and who says it."""

    block: int
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]  # each word's span in the block's display
    group: int  # one quotation continued across paragraphs shares its group
    speaker: Speaker
    marked: bool


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure, date, name or job title standing in one block."""

    kind: str
    block: int
    item: Figure | When | Name | Title

    @property
    def start(self) -> int:
        return self.item.start

    @property
    def end(self) -> int:
        return self.item.end

    @property
    def text(self) -> str:
        return self.item.text


@dataclass(frozen=True)
class VersionFacts:
    """What a version states: its quotations, and per block its figures, dates, names and titles."""

    quotes: tuple[Quote, ...]
    blocks: tuple[tuple[Fact, ...], ...]
    quote_spans: tuple[tuple[tuple[int, int], ...], ...]  # per block: spans inside quotation marks
    published: dt.date | None = None
    displays: tuple[str, ...] = field(default=(), repr=False)

    @cached_property
    def narrative(self) -> tuple[tuple[tuple[str, int, int], ...], ...]:
        """Per block: its words outside quotation marks (read only when a quotation is looked for there)."""
        return tuple(tuple(t for t in tokens(text) if not any(s <= t[1] < e for s, e in inside)) if text else ()
                     for text, inside in zip(self.displays, self.quote_spans))

    def in_quote(self, block: int, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quote_spans[block]) if block < len(self.quote_spans) \
            else False

    @cached_property
    def all_facts(self) -> tuple[Fact, ...]:
        return tuple(f for facts in self.blocks for f in facts)

    @cached_property
    def _figures(self) -> tuple[list[float], list[Figure]]:
        found = sorted((f.item for f in self.all_facts if isinstance(f.item, Figure)), key=lambda g: g.value)
        return [g.value for g in found], found

    @cached_property
    def figure_values(self) -> dict[tuple[float, float | None], frozenset[str]]:
        """(value, top of range) -> the units the version states it in (a quick look before figures_near)."""
        out: dict[tuple[float, float | None], set[str]] = {}
        for g in self._figures[1]:
            out.setdefault((g.value, g.high), set()).add(g.unit)
        return {k: frozenset(v) for k, v in out.items()}

    def figures_near(self, value: float) -> list[Figure]:
        """The version's figures within a factor of two of `value` (those a rounding or another
        way of writing it can be), found by bisection."""
        values, found = self._figures
        return found[bisect_left(values, value / 2 - 1):bisect_right(values, value * 2 + 1)]

    @cached_property
    def name_keys(self) -> frozenset[str]:
        out = set()
        for f in self.all_facts:
            if f.kind == NAME and isinstance(f.item, Name):
                out.add(f.item.key)
                out.add(f.item.surname)
        return frozenset(out)

    @cached_property
    def text_keys(self) -> frozenset[str]:
        """Every name-like word key of the version's article text (a name written any way at all)."""
        return frozenset(name_key(w) for d in self.displays for w in d.split() if w[:1].isupper())


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "\u2026"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:-\u2013\u2014"):
        e -= 1
    return s, e


# version id() -> (a weak reference to it, its facts): each version's facts are found once,
# however many pairs read them, and forgotten with the version.
_found: dict[int, tuple[weakref.ref, VersionFacts]] = {}


def version_facts(v: Version) -> VersionFacts:
    """The facts of every block of `v` (see the module docstring), found on first use."""
    got = _found.get(id(v))
    if got is not None and got[0]() is v:
        return got[1]
    facts = _find_facts(v)
    key = id(v)
    _found[key] = (weakref.ref(v, lambda _ref: _found.pop(key, None)), facts)
    return facts


def _find_facts(v: Version) -> VersionFacts:
    # Facts are read from the article's blocks, each at most MAX_CHARS long: a longer "block" (a
    # one-line file of megabytes) is no paragraph, and reading it would cost without telling a reader much.
    displays = [b.display if b.kind in FACT_BLOCKS and len(b.display) <= MAX_CHARS else "" for b in v.blocks]
    prose = [(b.index, displays[b.index], b.kind == PARAGRAPH) for b in v.blocks if displays[b.index]]
    common = lower_words(displays)
    mid = mid_capitals(displays)
    pound_hash = "\u00a3" not in v.text
    resolver = Resolver([d for d in displays if d])
    segments = [sg for sg in find_segments(prose) if v.blocks[sg.block].kind == PARAGRAPH]
    # Who says each segment: its own attribution, else one found anywhere in its quotation
    # (a run-on quote is attributed once), else the "X said:" line before an unmarked quote.
    phrases: list[str] = []
    for sg in segments:
        text = displays[sg.block]
        if sg.marked:
            phrases.append(attribute(text, sg.start, sg.end, sg.closed))
        else:
            prev = _previous(displays, sg.block)
            phrases.append(intro_speaker(prev) if prev else "")
    by_group: dict[int, str] = {}
    for sg, ph in zip(segments, phrases):
        if ph and sg.group not in by_group:
            by_group[sg.group] = ph
    quote_spans: list[list[tuple[int, int]]] = [[] for _ in v.blocks]
    for sg in segments:
        quote_spans[sg.block].append((sg.start, sg.end))
    quotes: list[Quote] = []
    last: Quote | None = None
    for sg, ph in zip(segments, phrases):
        text = displays[sg.block]
        phrase = ph or by_group.get(sg.group, "")
        # who a pronoun can be: people named before the quote, outside quotation marks
        context = [_unquoted(text[:sg.start], quote_spans[sg.block]), _previous(displays, sg.block)]
        speaker = resolver.resolve(phrase, context) if phrase else Speaker()
        same_run = last is not None and (last.block == sg.block or (sg.start <= 2 and last.block == sg.block - 1))
        if last is not None and same_run and (not phrase or (phrase.lower() in PRONOUNS and last.speaker.key
                                                             and not speaker.key
                                                             and resolver.could_be(phrase, last.speaker.key))):
            speaker = last.speaker  # a paragraph going on quoting, or opening on a quote: the last speaker
        s, e = _trim(text, sg.start, sg.end)
        toks = tokens(text, s, e)
        if not toks or _a_name(text[s:e]):
            continue
        q = Quote(sg.block, s, e, text[s:e], tuple(k for k, _, _ in toks), tuple((a, b) for _, a, b in toks),
                  sg.group, speaker, sg.marked)
        quotes.append(q)
        last = q
    blocks: list[tuple[Fact, ...]] = []
    for b, text in zip(v.blocks, displays):
        if not text:
            blocks.append(())
            continue
        whens, figures, titles = _text_facts(text, pound_hash)
        facts: list[Fact] = [Fact(DATE, b.index, w) for w in whens]
        facts += [Fact(NUMBER, b.index, f) for f in figures]
        facts += [Fact(NAME, b.index, n) for n in find_names(text, common, mid)
                  if not any(w.start < n.end and n.start < w.end for w in whens)]
        facts += [Fact(TITLE_FACT, b.index, t) for t in titles]
        facts.sort(key=lambda f: f.start)
        blocks.append(tuple(facts))
    return VersionFacts(tuple(quotes), tuple(blocks), tuple(tuple(x) for x in quote_spans),
                        published_day(v.published), tuple(displays))


@lru_cache(maxsize=16_384)
def _text_facts(text: str, pound_hash: bool) -> tuple[tuple[When, ...], tuple[Figure, ...], tuple[Title, ...]]:
    """A block text's dates, figures and job titles. They depend on the text alone (and on
    whether the version writes "#" for pounds), and versions share most paragraphs verbatim
    (a paragraph of 20 versions, a rewrite keeping half its source's): each text is read once."""
    whens = find_dates(text)
    return tuple(whens), tuple(find_figures(text, spans(whens), pound_hash)), tuple(find_titles(text))


def _a_name(text: str) -> bool:
    """A title or a name in quote marks ("Perfect Fried Chicken", "Saint of the Streets"), not words said."""
    words = text.strip(" .,!?").split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and \
        all(w[:1].isupper() or w in ("of", "the", "and", "a", "in", "on", "for", "to") for w in words) and \
        words[0] not in ("I", "I'm", "I\u2019m", "We", "It")


def _unquoted(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with its quoted words blanked (offsets kept): names inside quotes speak no quote."""
    chars = list(text)
    for s, e in spans:
        for k in range(max(0, s), min(e, len(chars))):
            chars[k] = " "
    return "".join(chars)


def _previous(displays: Sequence[str], block: int) -> str:
    for k in range(block - 1, -1, -1):
        if displays[k]:
            return displays[k]
    return ""


def text_facts(text: str) -> tuple[list[Figure], list[When], frozenset[str]]:
    """Figures, dates and negation-relevant word keys of a bare text (the relation rules ask)."""
    whens = find_dates(text)
    return find_figures(text, spans(whens)), whens, frozenset(keys(text))
