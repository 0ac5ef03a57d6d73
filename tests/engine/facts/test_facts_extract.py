"""Facts found in a block: quotations in every style and who says them, figures, dates, names
and titles (engine.facts), on invented sentences."""

from __future__ import annotations

import pytest

from engine import compare
from engine.facts.dates import find_dates, same_when
from engine.facts.extract import version_facts
from engine.facts.names import find_names, find_titles, lower_words
from engine.facts.numbers import find_figures, same_figure
from engine.facts.quotes import find_segments


def quotes(*paragraphs: str) -> list[str]:
    blocks = [(k, p, True) for k, p in enumerate(paragraphs)]
    return [paragraphs[s.block][s.start:s.end] for s in find_segments(blocks)]


@pytest.mark.parametrize("text", [
    "\u201cThe ferry will sail at dawn,\u201d said the captain.",
    "\"The ferry will sail at dawn,\" said the captain.",
    "\u2018The ferry will sail at dawn,\u2019 said the captain.",
    "'The ferry will sail at dawn,' said the captain.",
    "\u00abThe ferry will sail at dawn,\u00bb said the captain.",
])
def test_every_quote_style_is_a_quotation(text):
    assert quotes(text) == ["The ferry will sail at dawn,"]


def test_apostrophes_do_not_end_a_single_quoted_quotation():
    text = "'The crew's pay and the owners' plans don't matter now,' said Mr Vale. 'We sail at six.'"
    assert quotes(text) == ["The crew's pay and the owners' plans don't matter now,", "We sail at six."]
    assert quotes("The '90s were good to rock 'n' roll, said the captain's mate.") == []


def test_a_quotation_runs_on_across_paragraphs():
    blocks = [(0, "\u201cWe waited two days for the tide.", True),
              (1, "\u201cThen the engine failed,\u201d said Mr Vale.", True)]
    segments = find_segments(blocks)
    assert [s.group for s in segments] == [0, 0]
    assert not segments[0].closed and segments[1].opened


def test_wire_copy_opening_a_paragraph_on_a_closing_mark_still_quotes():
    assert quotes("\u201dWe will be back next year.\u201d") == ["We will be back next year."]


def test_press_release_paragraphs_after_said_are_quotations():
    got = quotes("Harbour master Ada Quill said:", "The new pier opens in spring.",
                 "I am proud of the crews who built it.", "The pier cost the town nothing.")
    assert got == ["The new pier opens in spring.", "I am proud of the crews who built it."]


def _speakers(*paragraphs: str) -> list[str]:
    text = "\n\n".join(paragraphs)
    c = compare([text, "Unrelated."])
    return [q.speaker.text for q in version_facts(c.versions[0]).quotes]


@pytest.mark.parametrize("paragraphs, speaker", [
    (["\u201cWe sail at six,\u201d said Captain Ada Quill."], "Ada Quill"),
    (["\u201cWe sail at six,\u201d Ada Quill said."], "Ada Quill"),
    (["Ada Quill told reporters: \u201cWe sail at six.\u201d"], "Ada Quill"),
    (["The crews waited on the quay.", "\u201cWe sail at six whatever the weather says\u201d \u2013 Ada Quill, harbour master."], "Ada Quill"),
    (["According to Ada Quill, \u201cthe tide decides\u201d."], "Ada Quill"),
    (["Harbour master Ada Quill met the crews.", "\u201cWe sail at six,\u201d Ms Quill said."], "Ada Quill"),
    (["Harbour master Ada Quill met Mr Tom Vale.", "\u201cWe sail at six,\u201d she said."], "Ada Quill"),
])
def test_speakers_are_found_and_resolved_to_full_names(paragraphs, speaker):
    assert _speakers(*paragraphs)[-1] == speaker


def test_a_pronoun_two_people_fit_stays_a_pronoun():
    assert _speakers("Ada Quill met Bea Marsh on the quay.", "\u201cWe sail at six,\u201d she said.") == ["she"]


def test_figures_keep_their_currency_scale_qualifier_and_noun():
    (f,) = find_figures("The refit will cost more than \u00a34.5 million.")
    assert (f.value, f.unit, f.qualifier, f.text) == (4_500_000, "GBP", ">", "more than \u00a34.5 million")
    (g,) = find_figures("It employs 2,300 skilled workers.")
    assert (g.value, g.noun) == (2300, "workers")
    (age,) = find_figures("Ada Quill, 46, of Leith, said")
    assert (age.unit, age.value, age.noun) == ("age", 46, "quill")
    (span,) = find_figures("between 10 and 20 boats")
    assert (span.value, span.high) == (10, 20)
    assert find_figures("in the TS7 postcode during COVID-19 and the H5N8 outbreak") == []
    assert [f.value for f in find_figures("four hundred and six sailors, a dozen boats")] == [406, 12]


def test_one_figure_written_two_ways_is_the_same():
    def one(text: str):
        (f,) = find_figures(text, pound_hash="\u00a3" not in text)
        return f

    assert same_figure(one("\u00a34.5m"), one("\u00a34,500,000"))
    assert same_figure(one("#4.5 million"), one("\u00a34.5 million"))
    assert same_figure(one("four boats"), one("4 boats"))
    assert same_figure(one("nearly \u00a34.5m"), one("\u00a34,473,000"))  # a rounding, said to be one
    assert not same_figure(one("more than half"), one("nearly half"))
    assert not same_figure(one("\u00a34.5m"), one("\u00a35.4m"))


def test_dates_and_times_join_and_compare():
    whens = find_dates("closed from 6am to 5pm on Saturday 13 March and Sunday 14 March")
    assert [w.text for w in whens] == ["6am to 5pm", "Saturday 13 March and Sunday 14 March"]
    (a,) = find_dates("on 20 February 2021")
    (b,) = find_dates("on February 20th, 2021")
    assert same_when(a, b)
    (today,) = find_dates("said today")
    (yesterday,) = find_dates("said yesterday")
    assert same_when(today, yesterday)  # unknown days: a one-day shift is the same day
    import datetime as dt

    assert not same_when(today, yesterday, dt.date(2024, 3, 5), dt.date(2024, 3, 5))
    assert find_dates("you may go, and March on") == []


def test_names_and_titles():
    text = "Unilever will work with the Universities of Liverpool and Oxford, chief engineer Ruth Ashdown said."
    names = [n.text for n in find_names(text, lower_words([text]))]
    assert "Oxford" in names and "Ruth Ashdown" in names
    (t,) = find_titles(text)
    assert (t.title, t.person) == ("chief engineer", "ashdown")
    (t,) = find_titles("Yvonne Daly, a spokeswoman for the council, said")
    assert (t.title, t.head, t.person) == ("spokeswoman for the council", "spokeswoman", "daly")
