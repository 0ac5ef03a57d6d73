"""Markdown as a reader sees it: inline markup rendered away, headings kept.

A version written in Markdown should compare equal to the same article pasted as
plain text, so emphasis marks, link targets, image sources, inline-code ticks,
reference definitions and backslash escapes are removed, while the block structure
(line breaks, blank lines, list items) is kept line for line. Headings stay ATX
(`# Title`), which the block splitter reads; setext headings (`Title` over `===`)
are turned into ATX so they need no special case. Raw HTML is left as text: an
article about `<script>` tags must still show them.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_QUOTE = re.compile(r"^(\s{0,3}>\s?)+")
# Linear time on any line: no pattern lets a lazy `.+?` run to the end of the line
# from every opener (a 100 KB line of `[` took minutes that way). Each part between
# the marks stops at the next mark of its kind, so a failed match costs the distance
# to the next mark, and all of them together one pass over the line.
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)|!\[([^\[\]]*)\]\[[^\[\]]*\]")
_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\s\"]|\([^()]*\))*(?:\s+\"[^\"()]*\")?\)"
                   r"|\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_TICKS = re.compile(r"`+")
# Emphasis: the marks must hug the text (`*a*`, not `2 * 3 * 4`); underscores only at word edges.
_STRONG = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
# Inside underscore emphasis only an underscore between two letters (snake_case) may stand.
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])((?:[^_]|(?<=[^\W_])_(?=[^\W_]))+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def _code_spans(line: str) -> list[tuple[int, int, int, int]]:
    """(open start, open end, close start, close end) of each code span, in one pass.

    A run of n backticks opens a span closed by the next run of exactly n backticks;
    an opener without one is literal. The next run of each length is found from the
    right first, so no opener searches the rest of the line.
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(line)]
    following: list[int] = [-1] * len(runs)
    last: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        n = runs[k][1] - runs[k][0]
        following[k] = last.get(n, -1)
        last[n] = k
    spans = []
    k = 0
    while k < len(runs):
        j = following[k]
        if j < 0:
            k += 1
            continue
        spans.append((*runs[k], *runs[j]))
        k = j + 1
    return spans


def render_inline(line: str) -> str:
    """One line of Markdown with its inline markup removed."""
    # Code spans first: their content is literal, so shield it from the other rules.
    shielded: list[str] = []

    def shield_char(char: str) -> str:
        shielded.append(char)
        return f"\x00{len(shielded) - 1}\x00"

    pieces: list[str] = []
    at = 0
    for o_start, o_end, c_start, c_end in _code_spans(line):
        code = line[o_end:c_start]
        pieces.append(line[at:o_start])
        pieces.append(shield_char(code.strip() if code.strip() else code))
        at = c_end
    pieces.append(line[at:])
    out = "".join(pieces)
    # Backslash escapes next: an escaped mark is a literal character, not emphasis.
    out = _ESCAPE.sub(lambda m: shield_char(m.group(1)), out)
    out = _IMAGE.sub(lambda m: m.group(1) or m.group(2) or "", out)
    out = _LINK.sub(lambda m: m.group(1) or m.group(2), out)
    out = _AUTOLINK.sub(r"\1", out)
    for _ in range(2):  # nested emphasis (***x***)
        out = _STRONG.sub(lambda m: m.group(1) or m.group(2), out)
        out = _EM_STAR.sub(r"\1", out)
        out = _EM_UNDER.sub(r"\1", out)
        out = _STRIKE.sub(r"\1", out)
    return re.sub("\x00(\\d+)\x00", lambda m: shielded[int(m.group(1))], out)


def markdown_to_text(text: str) -> str:
    """The rendered text of a Markdown document, one output line per input line."""
    lines = text.splitlines()
    out: list[str] = []
    fenced = False
    underline = -1  # index of a setext underline already turned into an ATX heading
    for k, line in enumerate(lines):
        if k == underline:
            out.append("")
            continue
        if _FENCE.match(line):
            fenced = not fenced
            out.append("")
            continue
        if fenced:
            out.append(line)
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        prev_blank = k == 0 or not lines[k - 1].strip()
        if line.strip() and prev_blank and _SETEXT.match(nxt) and not _ATX.match(line) \
                and not _RULE.match(line):
            level = 1 if nxt.strip().startswith("=") else 2
            out.append("#" * level + " " + render_inline(line.strip()))
            underline = k + 1
            continue
        if _RULE.match(line) or _REF_DEF.match(line):
            out.append("")
            continue
        line = _QUOTE.sub("", line)
        if _ATX.match(line):
            line = re.sub(r"\s+#+\s*$", "", line.rstrip())  # closing hashes
        out.append(render_inline(line))
    return "\n".join(out) + ("\n" if text.endswith(("\n", "\r")) else "")
