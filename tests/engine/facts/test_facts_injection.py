"""The fact ledger on invented copy: one fact changed per variant lists exactly that fact;
a neutral variant (another quote style, other line breaks, a number written another way,
"today" a day later called "yesterday") lists nothing."""

from __future__ import annotations

import pytest

from engine import compare
from engine.text.blocks import build_version

BASE = """Harbour council closes Vell Road bridge

The council will spend £4.5 million on repairs to the Vell Road bridge, chief engineer Ruth Ashdown said on Tuesday.

"We will not reopen the bridge before the summer," Ms Ashdown said.

"The cracks are deeper than we feared," she added.

About 2,300 drivers cross the bridge every day, according to council figures.

Mayor Tom Lund said the closure would last four months and cost local shops dearly.

The Kim Jong Un exhibition at the harbour museum will stay open, the council said.
"""


def ledger(a: str, b: str):
    return list(compare([a, b]).pair(0, 1).facts)


def variant(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# (variant, kind, change, old words, new words)
ONE_FACT = [
    (variant("About 2,300 drivers", "About 23,000 drivers"), "number", "changed", "2,300", "23,000"),
    (variant("deeper than we feared", "wider than we feared"), "quote", "altered", "deeper", "wider"),
    (variant("We will not reopen", "We will reopen"), "quote", "altered", "not", ""),
    (variant("Ms Ashdown said.", "Mr Lund said."), "quote", "reattributed", "", ""),
    (variant("Mayor Tom Lund", "Mayor Tom Berg"), "name", "changed", "Lund", "Berg"),
    (variant("chief engineer Ruth Ashdown", "spokeswoman Ruth Ashdown"), "title", "changed", "chief engineer",
     "spokeswoman"),
    (variant("said on Tuesday", "said on Wednesday"), "date", "changed", "Tuesday", "Wednesday"),
    (variant("£4.5 million", "£45 million"), "number", "changed", "£4.5 million", "£45 million"),
    (variant("About 2,300", "More than 2,300"), "number", "changed", "About 2,300", "More than 2,300"),
    (variant("would last four months", "would not last four months"), "negation", "added", "", "not"),
]


@pytest.mark.parametrize("text, kind, change, old, new", ONE_FACT,
                         ids=["figure", "quote-word", "quote-not", "speaker", "name", "title", "date",
                              "money", "qualifier", "negation"])
def test_one_changed_fact_is_listed_alone(text, kind, change, old, new):
    facts = ledger(BASE, text)
    assert [(f.kind, f.change) for f in facts] == [(kind, change)], [f.description for f in facts]
    f = facts[0]
    assert old in (f.old + " " + f.diff_old) and new in (f.new + " " + f.diff_new)
    # the spans point at the fact in each block's display text
    c = compare([BASE, text])
    if f.a_span and f.a_block is not None:
        shown = c.versions[0].blocks[f.a_block].display[f.a_span[0]:f.a_span[1]]
        assert shown and shown in f.old
    if f.b_span and f.b_block is not None:
        shown = c.versions[1].blocks[f.b_block].display[f.b_span[0]:f.b_span[1]]
        assert shown and shown in f.new


def test_a_reattributed_quote_names_both_speakers():
    (f,) = ledger(BASE, variant("Ms Ashdown said.", "Mr Tom Lund said."))
    assert f.speaker_old == "Ruth Ashdown" and f.speaker_new == "Tom Lund"
    assert f.badge.badge == "SPEAKER CHANGED"
    assert "Ruth Ashdown" in f.description and "Tom Lund" in f.description


def _curly(text: str) -> str:
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _wrapped(text: str, width: int = 40) -> str:
    import textwrap

    return "\n\n".join("\n".join(textwrap.wrap(p, width)) for p in text.split("\n\n"))


NEUTRAL = [
    _curly(BASE),
    BASE.replace('"We will not reopen the bridge before the summer," Ms Ashdown said.',
                 "'We will not reopen the bridge before the summer,' Ms Ashdown said.").replace(
        '"The cracks are deeper than we feared," she added.',
        "'The cracks are deeper than we feared,' she added."),  # single quotes, UK style
    _wrapped(BASE),  # hard-wrapped lines
    variant("£4.5 million", "£4,500,000"),
    variant("four months", "4 months"),
    variant("£4.5 million", "£4.5m"),
    variant("Kim Jong Un", "Kim Jong-un"),
]


@pytest.mark.parametrize("text", NEUTRAL, ids=["curly", "single", "wrapped", "millions", "four", "4.5m",
                                               "hyphenated-name"])
def test_the_same_facts_written_another_way_list_nothing(text):
    assert text != BASE
    facts = ledger(BASE, text)
    assert facts == [], [f.description for f in facts]


def test_today_in_a_wire_is_yesterday_in_the_next_days_paper():
    wire = BASE.replace("said on Tuesday", "said today")
    paper = BASE.replace("said on Tuesday", "said yesterday")
    a = build_version(0, "wire", wire, published="2024-03-05T14:00:00")
    b = build_version(1, "paper", paper, published="2024-03-06")
    assert list(compare([a, b]).pair(0, 1).facts) == []
    # the paper naming the weekday of the wire's "today" is the same day too
    tue = build_version(1, "paper", BASE, published="2024-03-06")  # 2024-03-05 was a Tuesday
    assert list(compare([a, tue]).pair(0, 1).facts) == []
    # but the same day's paper saying "yesterday" names another day
    same_day = build_version(1, "paper", paper, published="2024-03-05")
    facts = list(compare([a, same_day]).pair(0, 1).facts)
    assert [(f.kind, f.change) for f in facts] == [("date", "changed")], [f.description for f in facts]


def test_without_dates_a_one_day_shift_is_the_same_day():
    wire = BASE.replace("said on Tuesday", "said today")
    paper = BASE.replace("said on Tuesday", "said yesterday")
    assert ledger(wire, paper) == []


def test_hash_for_pound_in_ascii_wire_copy():
    wire = BASE.replace("\u00a3", "#")
    assert "\u00a3" not in wire
    assert ledger(wire, BASE) == []
    facts = ledger(wire, BASE.replace("\u00a34.5 million", "\u00a35.5 million"))
    assert [(f.kind, f.old, f.new) for f in facts] == [("number", "#4.5 million", "\u00a35.5 million")]
