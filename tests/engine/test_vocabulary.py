"""One vocabulary (engine/vocabulary.py): every view reads its words and colours, and the
rule it states for identical / edited / paraphrased is the one the aligner applies."""

from __future__ import annotations

import re
from pathlib import Path

from engine import compare
from engine import vocabulary as vocab
from engine.align.pairwise import _is_edit
from engine.align.reuse import MIN_RUN
from engine.reports import render
from engine.reports.legend import MARKS
from tests.engine.articles import WIRE, text

ROOT = Path(__file__).resolve().parents[2]
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


def test_kinds_are_defined_once_with_okabe_ito_colours():
    for k in vocab.KINDS:
        assert k.colour in OKABE_ITO | {vocab.GREY}
        assert k.label and k.badge and k.symbol and k.explain.endswith(".")
    for f in vocab.FIGURES.values():  # "Name: what it is." (the guide and the CLI rely on the head)
        head, sep, rest = f.explain.partition(": ")
        assert sep and head.lower().startswith(f.label.split()[0].lower()) and rest.endswith("."), f.name
    # The reports' marks are the vocabulary's, not a second palette.
    for name, m in MARKS.items():
        assert m.colour == vocab.KIND[name].colour and m.meaning == vocab.KIND[name].explain
    # No module but the vocabulary spells out a change kind's colour.
    for path in ("engine/analysis/cells.py", "engine/analysis/summary.py", "engine/reports/legend.py", "engine/reports/html_report.py",
                 "engine/reports/html_qt.py", "gui/theme.py"):
        src = (ROOT / path).read_text(encoding="utf-8")
        assert not re.search(r"#(?:E69F00|56B4E9|009E73|F0E442|0072B2|D55E00|CC79A7)\b", src, re.I), path


def _words(n: int, prefix: str = "w") -> tuple[str, ...]:
    """n distinct words without digits (a digit would make a change a change of facts)."""
    return tuple(prefix + chr(97 + k // 26) + chr(97 + k % 26) for k in range(n))


def test_the_stated_edit_rule_is_the_one_the_aligner_applies():
    # "one paragraph (six words or more) stands at least 90% inside the other"
    assert "six words" in vocab.RULE_EDITED and "90% inside" in vocab.RULE_EDITED
    assert _is_edit(_words(6), _words(6) + _words(10, "x"), sim=0.3, contained=0.9)
    assert not _is_edit(_words(5), _words(5) + _words(10, "x"), sim=0.3, contained=1.0)
    # "at least 60% of the words stay in order and the changes sit in at most two places"
    assert "60%" in vocab.RULE_EDITED and "two places" in vocab.RULE_EDITED
    a = _words(20)
    two = a[:5] + ("X",) + a[6:15] + ("Y",) + a[16:]
    three = a[:3] + ("X",) + a[4:9] + ("Y",) + a[10:15] + ("Z",) + a[16:]
    assert _is_edit(a, two, sim=0.6, contained=0.5)
    assert not _is_edit(a, two, sim=0.59, contained=0.5)
    assert not _is_edit(a, three, sim=0.85, contained=0.5)
    # "a change of up to three words alters a number or adds or removes a 'not'"
    assert "alters a number" in vocab.RULE_EDITED and "up to three" in vocab.RULE_EDITED
    number = a[:3] + ("twelve",) + a[4:9] + ("Y",) + a[10:15] + ("17",) + a[16:]
    negated = a[:3] + ("X",) + a[4:9] + ("Y",) + a[10:15] + ("not",) + a[15:]
    assert _is_edit(a, number, sim=0.85, contained=0.5) and _is_edit(a, negated, sim=0.85, contained=0.5)
    long_insert = a[:3] + ("X",) + a[4:9] + ("Y",) + a[10:15] + ("did", "not", "say", "so") + a[15:]
    assert not _is_edit(a, long_insert, sim=0.85, contained=0.5)  # four words: a new statement
    assert not _is_edit(a, number, sim=0.59, contained=0.5)
    # "or 90% stay and there is at most one changed place per 20 words"
    assert "one changed place per 20 words" in vocab.RULE_EDITED
    long = _words(60)
    changed = list(long)
    for k in (5, 25, 45):
        changed[k] = "X"
    assert _is_edit(long, tuple(changed), sim=0.9, contained=0.5)
    assert not _is_edit(long, tuple(changed), sim=0.89, contained=0.5)
    # The reuse figure names the run length the reuse measure uses.
    assert {6: "six"}[MIN_RUN] in vocab.FIGURES["reuse"].explain


def test_every_report_explains_its_figures_in_the_shared_words():
    c = compare([text(WIRE), text([WIRE[0], WIRE[1] + " It was the second fire this year.", *WIRE[2:]])])
    from engine.reports.text_report import explain

    for fmt in ("text", "md", "html"):
        out = render(c, fmt)
        if fmt == "text":  # the terminal report leaves the definitions to --explain
            assert "--explain" in out
            out = out + explain()
        if fmt == "html":
            import html as h
            out = h.unescape(out)
        for figure in ("score", "similarity", "reuse"):
            key = vocab.FIGURES[figure].explain.split(":")[1].split(",")[0].strip()[:40]
            assert key in out.replace("\\", "").replace("\n  ", " "), (fmt, figure)
        # Figures in percent, never as 0.xx.
        assert not re.search(r"(?<![\d.])0\.\d\d(?!\d| s)", out.split("Lakeside")[0]), fmt
        assert vocab.RULE_EDITED[:40] in out.replace("\\", "").replace("\n  ", " "), fmt


def test_pct_and_plural():
    assert vocab.pct(0.0) == "0%" and vocab.pct(0.004) == "<1%" and vocab.pct(0.795) == "80%"
    assert vocab.plural(1, "word") == "1 word" and vocab.plural(2, "word") == "2 words"


def test_readme_states_the_vocabulary_word_for_word():
    """The README's table of badges and its figures are the vocabulary's own text."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in vocab.LEGEND:
        k = vocab.KIND[name]
        assert f"| {k.symbol} {k.badge} | {k.explain} |" in readme, name
    for name in ("score", "similarity", "reuse", "counts"):
        assert vocab.FIGURES[name].explain in readme, name
