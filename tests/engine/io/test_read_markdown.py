"""Inline Markdown in linear time: the rewritten patterns keep what they rendered before.

The hostile lines themselves (backticks, brackets, emphasis marks by the ten
thousand) are timed in a subprocess by tests/engine/io/test_hostile_budgets.py.
"""

from __future__ import annotations

import pytest

from engine.io.read_markdown import render_inline


@pytest.mark.parametrize("source,rendered", [
    ("**bold** and *it* and _u_ and ~~gone~~", "bold and it and u and gone"),
    ("***both*** ways", "both ways"),
    ("`code **not bold**` then **bold**", "code **not bold** then bold"),
    ("``code with ` tick`` after", "code with ` tick after"),
    ("a lone ` tick stays", "a lone ` tick stays"),
    ("[link](http://x.com/a_(b) \"title\") and ![img](p.png)", "link and img"),
    ("[ref][1] and <https://a.b/c>", "ref and https://a.b/c"),
    ("_snake_case words_ and snake_case", "snake_case words and snake_case"),
    ("2 * 3 * 4 and a_b_c", "2 * 3 * 4 and a_b_c"),
    (r"\*literal\* stars", "*literal* stars"),
])
def test_inline_rendering(source, rendered):
    assert render_inline(source) == rendered
