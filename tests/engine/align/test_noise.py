"""Noise is not change: a change of letter case alone, or of the style of quote marks
alone, leaves two paragraphs identical by default, and the switches that make them
count (Options, `--strict-case`, `--strict-quotes`) do. The README, the legend and
the Options default say the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import compare, vocabulary
from engine.cli import main
from engine.io.loading import from_text
from engine.model import Options
from tests.engine.articles import WIRE, text

TAIL = "\n\nThe ferry company said the harbour fees would rise again in the spring."
HEAD = "The Harbour Office said the ferry would resume sailing on Monday."


def _relation(a: str, b: str, **options) -> str:
    c = compare([from_text(a + TAIL, "a"), from_text(b + TAIL, "b")], **options)
    link = c.pairs[0].link_of_a(0)
    assert link is not None
    return link.relation


def test_a_change_of_case_alone_is_identical_unless_case_counts():
    lower = "The harbour office said the ferry would resume sailing on Monday."
    assert _relation(HEAD, lower) == "identical"
    assert _relation(HEAD, lower, ignore_case=False) == "edited"


@pytest.mark.parametrize("a, b", [
    ('He called the plan "a match" for the town.', "He called the plan 'a match' for the town."),
    ("He called the plan \u2018a match\u2019 for the town.", "He called the plan \u201ca match\u201d for the town."),
    ("He called the plan ``a match'' for the town.", "He called the plan 'a match' for the town."),
    ("He called the plan \u00aba match\u00bb for the town.", "He called the plan \u2018a match\u2019 for the town."),
    ('"We said \'no\' twice," she said of the plan.', "'We said \"no\" twice,' she said of the plan."),
])
def test_a_change_of_quote_marks_alone_is_identical_unless_quote_style_counts(a, b):
    assert _relation(a, b) == "identical"
    assert _relation(a, b, ignore_quotes=False) == "edited"


def test_quote_marks_added_around_words_are_still_an_edit():
    # Putting words inside quote marks attributes them to someone: that is a change.
    assert _relation("He called the plan a match for the town.", 'He called the plan "a match" for the town.') \
        == "edited"


def test_apostrophes_stay_inside_words_whatever_the_quote_rule():
    from engine.text.textnorm import word_keys

    assert word_keys("the workers' union didn't say \"no\"") == ("the", "workers", "union", "didn't", "say", "no")


def test_the_cli_counts_case_only_when_asked(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(HEAD + TAIL, encoding="utf-8")
    b.write_text(HEAD.replace("Harbour Office", "harbour office") + TAIL, encoding="utf-8")
    assert main(["compare", str(a), str(b), "--format", "json"]) == 0
    assert '"edited"' not in capsys.readouterr().out
    assert main(["compare", str(a), str(b), "--format", "json", "--strict-case"]) == 0
    assert '"edited"' in capsys.readouterr().out


def test_the_documented_default_is_the_default():
    # The legend, README and guide all read RULE_IDENTICAL: it must say what Options() does.
    rule = vocabulary.RULE_IDENTICAL
    assert Options().ignore_case and "letter case" in rule
    assert Options().ignore_quotes and "single or double" in rule
    readme = Path(vocabulary.__file__).resolve().parents[1] / "README.md"
    assert rule in readme.read_text(encoding="utf-8")


def test_sample_texts_still_align_as_before():
    # A guard that the quote rule did not change which paragraphs link (only their names).
    single = [p.replace("\u201c", "\u2018").replace("\u201d", "\u2019") for p in WIRE]
    c = compare([from_text(text(WIRE), "wire"), from_text(text(single), "single")])
    assert all(link.relation == "identical" for link in c.pairs[0].links)
    assert not c.pairs[0].dropped and not c.pairs[0].added
