"""Help › User Guide and Help › Keyboard Shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from engine import vocabulary as vocab
from gui.views.dialogs.help import GUIDE, guide_html, guide_markdown, shortcuts


def test_guide_renders_with_the_shared_vocabulary():
    md = guide_markdown()
    assert "{{" not in md  # every placeholder filled
    page = guide_html()
    assert "<table>" in page and "<h1>" in page
    for k in vocab.KINDS[1:]:
        assert k.badge in page
    assert vocab.RULE_EDITED[:60] in page
    assert GUIDE.parent.name == "resources"  # shipped with the package data and the bundle


def test_help_menu_opens_the_guide_and_the_shortcuts(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    titles = [a.text() for a in help_menu.actions()]
    assert "&User Guide" in titles and "&Keyboard Shortcuts" in titles
    window.actions_["guide"].trigger()
    assert window.commands.guide_dialog.isVisible()
    assert "How a paragraph gets its label" in window.commands.guide_dialog.browser.toPlainText()
    window.actions_["keys"].trigger()
    text = window.commands.keys_dialog.browser.toPlainText()
    for key in ("F7", "Ctrl+F", "Alt+Left", "Ctrl+2", "Delete"):
        assert key in text, key


def test_every_shortcut_is_listed_once(window):
    listed = shortcuts(list(window.actions_.values()) + window.view_actions)
    keys = [k for k, _ in listed]
    assert len(keys) == len(set(keys))
    next_change = dict((what, k) for k, what in listed)["Next Change"]
    assert QKeySequence("F7").toString(QKeySequence.SequenceFormat.NativeText) in next_change
