"""Help › User Guide and Help › Keyboard Shortcuts.

The guide is Markdown in resources/guide.md, rendered with the `markdown` package. Its
tables of change kinds and figures, and the rule behind identical / edited /
paraphrased, are filled in from engine.vocabulary, so the guide says exactly what the
window, the reports and the CLI say. The shortcuts are read from the window's own
actions, so the list cannot drift from the keys that work.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from engine import vocabulary as vocab

from ... import RESOURCES

GUIDE = RESOURCES / "guide.md"
# Keys handled by widgets rather than window actions.
OTHER_KEYS = (
    ("Enter or Space", "Unfold a folded run of rows, or fold it back (in the columns)"),
    ("Click a legend chip", "Hide or show that change type; Ctrl+click shows it alone"),
    ("Enter / Shift+Enter", "Next / previous match (in the Find bar)"),
    ("Esc", "Close the Find bar (when it has focus)"),
    ("Delete", "Remove the selected version (in the Versions panel)"),
    ("Double-click a name", "Rename a version (in the Versions panel)"),
)


def _kinds_markdown() -> str:
    rows = ["| Badge | Kind | What it means |", "|---|---|---|"]
    for name in vocab.LEGEND:
        k = vocab.KIND[name]
        rows.append(f"| {k.symbol} {k.badge} | {k.label} | {k.explain} |")
    return "\n".join(rows)


def _figures_markdown() -> str:
    lines = []
    for f in vocab.FIGURES.values():
        head, _, rest = f.explain.partition(": ")  # every explanation starts "Name: ..."
        lines.append(f"- **{head}**: {rest}")
    return "\n".join(lines)


def guide_markdown() -> str:
    """The guide's Markdown with the shared vocabulary filled in."""
    text = GUIDE.read_text(encoding="utf-8")
    return (text.replace("{{KINDS}}", _kinds_markdown())
                .replace("{{FIGURES}}", _figures_markdown())
                .replace("{{RULE}}", vocab.RELATION_RULE))


def guide_html() -> str:
    import markdown  # loaded when the guide is first opened

    body = markdown.markdown(guide_markdown(), extensions=["tables"], output_format="html")
    style = ("table { border-collapse:collapse; } th, td { border:1px solid #bbb; padding:3px 6px; "
             "vertical-align:top; } h1 { font-size:x-large; } h2 { margin-top:18px; }")
    return f"<html><head><style>{style}</style></head><body>{body}</body></html>"


def shortcuts(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action that has a shortcut, then the widget keys."""
    out: dict[str, str] = {}
    pairs = []
    for a in actions:
        seqs = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts() if not k.isEmpty()]
        if seqs:
            pairs.append((" or ".join(seqs), a.text().replace("&", "").replace("…", "")))
    for keys, what in pairs + list(OTHER_KEYS):
        out[keys] = f"{out[keys]}; {what[0].lower()}{what[1:]}" if keys in out else what  # one line per key
    return list(out.items())


def shortcuts_html(actions: Iterable[QAction]) -> str:
    rows = "".join(f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(k)}</b></td>"
                   f"<td>{html.escape(what)}</td></tr>" for k, what in shortcuts(actions))
    return f"<h3>Keyboard shortcuts</h3><table>{rows}</table>"


class HelpDialog(QDialog):
    """A non-modal window showing rich text (the guide, the shortcuts)."""

    def __init__(self, title: str, content: str, parent: QWidget | None = None, size=(760, 700)) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(content)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
        self.resize(*size)
