"""The "Facts that changed" section every report opens with: per version against the base,
each changed quotation, figure, date, name, job title and negation, whole.

One reading of the ledger (`facts_by_version`) serves the four writers: the CLI's text
report (`text_lines`, each fact whole on as many wrapped lines as it needs, never cut,
every control character made visible), Markdown (`markdown_lines`, escaped), and HTML
for browsers and for Qt's PDF printing (`html_section`, escaped: article text is
untrusted). The words (badges, their meanings, the section's note) are the
vocabulary's.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from ..ledger import FactChange
from ..model import Comparison
from ..vocabulary import FACTS_NOTE, FACTS_TITLE, QUOTE, FactBadge, ink_on


def facts_by_version(c: Comparison) -> list[tuple[int, tuple[FactChange, ...]]]:
    """(version, its changed facts against the base) for every version but the base."""
    return [(v.id, tuple(c.pair(c.base, v.id).facts)) for v in c.versions if v.id != c.base]


def where(f: FactChange) -> str:
    """"¶3 → ¶4": where the fact stands in the base and in the version (paragraphs from 1)."""
    a = f"\u00b6{f.a_block + 1}" if f.a_block is not None else "\u2014"
    b = f"\u00b6{f.b_block + 1}" if f.b_block is not None else "\u2014"
    return f"{a} \u2192 {b}"


def _words(f: FactChange) -> list[tuple[str, str]]:
    """The exact words behind a description, when it does not show them all."""
    out = []
    if f.kind == QUOTE and f.change in ("altered", "trimmed", "extended"):  # a reattributed quote's words are its description's
        out.append(("was", f"\u201c{f.old}\u201d" + (f" ({f.speaker_old})" if f.speaker_old else "")))
        out.append(("now", f"\u201c{f.new}\u201d" + (f" ({f.speaker_new})" if f.speaker_new else "")))
    return out


def text_lines(c: Comparison, visible: Callable[[str], str]) -> list[str]:
    """The section for a terminal: `visible` escapes control and bidi characters."""
    by_version = facts_by_version(c)
    lines = []  # what counts as a fact: `storydiff-cli compare --explain`
    if len(by_version) != 1:
        lines.append(FACTS_TITLE + ":")
    for vid, facts in by_version:
        said = f"{len(facts)} changed" if facts else "no fact changed"
        name = visible(c.versions[vid].name)
        lines.append(f"{FACTS_TITLE} in [{vid}] {name}: {said}" if len(by_version) == 1
                     else f"  [{vid}] {name}: {said}")
        for f in facts:
            head = f"    {f.badge.badge:<18} {where(f):<13} "
            body = textwrap.wrap(visible(f.description), 96 - len(head), break_long_words=False,
                                 break_on_hyphens=False) or [""]
            lines.append(head + body[0])
            lines += [" " * len(head) + rest for rest in body[1:]]
            for label, words in _words(f):
                wrapped = textwrap.wrap(visible(words), 96 - len(head) - 5, break_long_words=False,
                                        break_on_hyphens=False) or [""]
                lines.append(" " * len(head) + f"{label}: " + wrapped[0])
                lines += [" " * (len(head) + 5) + rest for rest in wrapped[1:]]
    return lines


def markdown_lines(c: Comparison, md_escape: Callable[[str], str]) -> list[str]:
    """The section in Markdown; `md_escape` makes article text render as itself."""
    lines = [f"## {FACTS_TITLE}", "", md_escape(FACTS_NOTE), ""]
    for vid, facts in facts_by_version(c):
        lines += [f"### {vid + 1}. {md_escape(c.versions[vid].name)}", ""]
        if not facts:
            lines += ["No fact changed.", ""]
            continue
        for f in facts:
            lines.append(f"- **{f.badge.badge}** {where(f)}: {md_escape(f.description)}")
            for label, words in _words(f):
                lines.append(f"  - {label}: {md_escape(words)}")
        lines.append("")
    return lines


def badge_html(b: FactBadge, esc: Callable[[str], str]) -> str:
    """A fact change's badge for browsers (the section's rows, the table's cells), explained on hover."""
    return (f'<span class="badge" style="background:{b.colour};color:{ink_on(b.colour)};'
            f'border-color:{b.colour}" title="{esc(b.explain)}">{esc(b.badge)}</span>')


def qt_badge_html(b: FactBadge, esc: Callable[[str], str]) -> str:
    """The same badge in the rich text Qt prints (no CSS classes, no hover)."""
    return (f'<span style="background-color:{b.colour}; color:{ink_on(b.colour)}; font-weight:bold; '
            f'font-size:7pt">[{esc(b.badge)}]</span>')


def html_section(c: Comparison, esc: Callable[[str], str], qt: bool = False) -> str:
    """The section as HTML (`qt`: the table-only dialect Qt prints to PDF); all text escaped."""
    out = [f'<h2 id="facts">{esc(FACTS_TITLE)}</h2>' if not qt else f"<h3>{esc(FACTS_TITLE)}</h3>",
           f'<p class="note" style="color:#555555">{esc(FACTS_NOTE)}</p>']
    for vid, facts in facts_by_version(c):
        out.append(f"<h3>{vid + 1}. {esc(c.versions[vid].name)}</h3>" if not qt
                   else f"<p><b>{vid + 1}. {esc(c.versions[vid].name)}</b></p>")
        if not facts:
            out.append('<p class="note" style="color:#555555">No fact changed.</p>')
            continue
        rows = []
        for f in facts:
            b = f.badge
            badge = badge_html(b, esc) if not qt else qt_badge_html(b, esc)
            words = "".join(f'<br><span style="color:#555555">{esc(label)}:</span> {esc(text)}'
                            for label, text in _words(f))
            rows.append(f'<tr><td style="white-space:nowrap">{badge}</td>'
                        f'<td style="white-space:nowrap">{esc(where(f))}</td>'
                        f'<td class="txt">{esc(f.description)}{words}</td></tr>')
        table = '<table class="facts">' if not qt else \
            '<table border="1" cellspacing="0" cellpadding="3" style="border-color:#bbbbbb; border-style:solid">'
        out.append(table + "".join(rows) + "</table>")
    return "\n".join(out) + "\n"
