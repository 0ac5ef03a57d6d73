"""Every QAction of the window in one table: text, shortcut, tooltip, icon, and when it
is enabled; plus the Show menu (which change types the columns show).

`Actions(window)` builds the table with its slots (the document's edits, the
runner, the views); menus and toolbars only place these actions, so a shortcut or a
tooltip is written once, and the shortcut list in Help reads the same table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from .icons import icon
from .theme import FILTER_LABELS, FILTER_TAGS, TAG_INFO

# key, text, shortcut(s), tooltip (None: the text), icon name
_TABLE = (
    ("open", "&Open Versions…", QKeySequence.StandardKey.Open, "Add versions from files", "open"),
    ("paste", "&Paste as New Version", "Ctrl+Shift+V", "Add the clipboard's text (or the page at its web address) "
     "as a new version", "paste"),
    ("openurl", "Open &URL…", "Ctrl+L", "Fetch a web page and add its article as a new version", None),
    ("remove", "&Remove Version", None, "Remove the selected version", "remove"),
    ("up", "Move Version &Earlier", "Ctrl+Shift+Left", "Move the selected version one column left", "up"),
    ("down", "Move Version &Later", "Ctrl+Shift+Right", "Move the selected version one column right", "down"),
    ("base", "Use as &Base", "Ctrl+B", "Compare every version against the selected one", "base"),
    ("rename", "Re&name Version…", "F2", "Rename the selected version", None),
    ("prev", "&Previous Change", ["Shift+F7", "Alt+Up"], "Previous change (Shift+F7, Alt+Up)", "prev"),
    ("next", "&Next Change", ["F7", "Alt+Down"], "Next change (F7, Alt+Down)", "next"),
    ("find", "&Find…", QKeySequence.StandardKey.Find, "Find text in all versions (Ctrl+F)", "find"),
    ("options", "&Options…", "Ctrl+,", "What counts as a difference", "options"),
    ("cancel", "&Cancel Comparison", "Esc", "Stop the running comparison", "cancel"),
    ("sentences", "Align &Sentences", "Ctrl+Shift+S",
     "Align sentences instead of paragraphs (for rewrites that split and recombine paragraphs)", "sentences"),
    ("back", "&Back", "Alt+Left", "Back to where the last jump started (Alt+Left)", None),
    ("archive", "Open &Archive…", None,
     "List the story families of an archive built with storydiff-cli archive index", None),
    ("samples", "Open Sa&mples", None, "Open the bundled sample versions", None),
    ("open_session", "Open Sess&ion…", "Ctrl+Shift+O", "Open a comparison saved as a .storydiff file", None),
    ("save_session", "&Save Session…", QKeySequence.StandardKey.Save,
     "Keep this comparison (versions, names, base, options) in one .storydiff file", None),
    ("export", "&Export Report…", "Ctrl+E", "Write the comparison as an HTML, Markdown, JSON, PDF or text report",
     "export"),
    ("clear", "&Close All Versions", None, "Start a new comparison", None),
    ("about", "&About Storydiff", None, None, None),
    ("guide", "&User Guide", QKeySequence.StandardKey.HelpContents, "How to read a comparison", None),
    ("keys", "&Keyboard Shortcuts", None, "Every key the window answers to", None),
    ("quit", "&Quit", QKeySequence.StandardKey.Quit, None, None),
)
_NEEDS_COMPARISON = ("prev", "next", "find", "save_session", "export")
_NEEDS_SELECTION = ("remove", "up", "down", "base", "rename")


def _slots(w) -> dict:
    """What each action does. `w` is the MainWindow; its parts own the behaviour."""
    cmd, cols = w.commands, w.columns
    return {
        "open": cmd.open_dialog, "paste": cmd.paste_version, "openurl": cmd.urls.ask, "remove": cmd.remove_current,
        "up": lambda: cmd.move_current(-1), "down": lambda: cmd.move_current(1), "base": cmd.base_current,
        "rename": cmd.rename_current, "prev": lambda: cols.go_change(-1), "next": lambda: cols.go_change(1),
        "find": cols.show_find, "options": cmd.options_dialog, "cancel": cmd.cancel,
        "sentences": cmd.set_sentence_mode, "back": cols.go_back, "archive": lambda: cmd.open_archive(),
        "samples": w.open_samples, "clear": w.document.clear,
        "about": cmd.about, "guide": cmd.show_guide, "keys": cmd.show_shortcuts, "quit": cmd.quit,
        "open_session": lambda: w.exporter.open_session(), "save_session": lambda: w.exporter.save_session(),
        "export": lambda: w.exporter.export_dialog(),
    }


class Actions(dict):
    """key -> QAction for the window (a dict, so `actions_["open"]` reads as before)."""

    def __init__(self, window: QWidget, icon_colour: str) -> None:
        super().__init__()
        slots = _slots(window)
        for key, text, shortcut, tip, icon_name in _TABLE:
            a = QAction(text, window)
            if icon_name:
                a.setIcon(icon(icon_name, icon_colour))
                a.setData(icon_name)
            if isinstance(shortcut, list):
                a.setShortcuts([QKeySequence(s) for s in shortcut])
            elif shortcut is not None:
                a.setShortcuts([QKeySequence(shortcut)])
            a.setToolTip(tip or text.replace("&", "").replace("…", ""))
            a.setStatusTip(a.toolTip())
            a.triggered.connect(slots[key])
            self[key] = a
        self["sentences"].setCheckable(True)
        self["cancel"].setEnabled(False)

    def enable_for(self, has_comparison: bool, has_selection: bool) -> None:
        """Enable what makes sense now: navigation needs a comparison, version edits a selection."""
        for key in _NEEDS_COMPARISON:
            self[key].setEnabled(has_comparison)
        for key in _NEEDS_SELECTION:
            self[key].setEnabled(has_selection)

    def recolour(self, colour: str) -> None:
        """Icons drawn in the palette's text colour (after a light/dark switch)."""
        for a in self.values():
            if a.data():
                a.setIcon(icon(a.data(), colour))


class FilterMenu(QMenu):
    """The Show menu: one checkable action per change type, presets, and the four
    row switches (context as change, fold lone rows, only linked rows, fact changes only)."""

    shownChanged = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__("&Show", parent)
        self.tag_actions: dict[str, QAction] = {}
        for tag in FILTER_TAGS:
            a = self.addAction(FILTER_LABELS[tag])
            a.setCheckable(True)
            a.setChecked(True)
            a.setData(tag)
            if tag in TAG_INFO:
                a.setToolTip(TAG_INFO[tag].explain)
            a.toggled.connect(self.shownChanged)
            self.tag_actions[tag] = a
        self.addSeparator()
        self.addAction("Only changes", lambda: self._preset(set(FILTER_TAGS) - {"unchanged"}))
        self.addAction("Everything", lambda: self._preset(set(FILTER_TAGS)))
        self.addSeparator()
        self.context_action = self._switch("Boilerplate and Captions as Changes", False,
                                           "Count site chrome and captions as change (by default they are context: "
                                           "shown quietly, not counted, skipped by Next Change, never dropped)")
        self.fold_action = self._switch("Fold Rows Only One Version Has", True,
                                        "Show each run of rows that only one version has as one compact row; "
                                        "click it to unfold")
        self.linked_action = self._switch("Only Linked Rows", False,
                                          "Hide rows that only one version has: show what the versions share")
        self.facts_action = self._switch("Fact Changes Only", False,
                                         "Show only rows where a quotation, figure, date, name, job title or "
                                         "negation changed against the base (the Facts tab lists them)")

    # Ticking a change type or a switch leaves the menu open, so several can be ticked in a
    # row (the menu closing after each tick made filtering one type take many clicks).
    def mouseReleaseEvent(self, event) -> None:
        a = self.actionAt(event.position().toPoint())
        if a is not None and a.isCheckable() and a.isEnabled():
            a.trigger()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        a = self.activeAction()
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and a is not None \
                and a.isCheckable() and a.isEnabled():
            a.trigger()
            event.accept()
            return
        super().keyPressEvent(event)

    def _switch(self, text: str, on: bool, tip: str) -> QAction:
        a = self.addAction(text)
        a.setCheckable(True)
        a.setChecked(on)
        a.setToolTip(tip)
        return a

    def button(self, icon_colour: str) -> QToolButton:
        """The toolbar's Show button, opening this menu."""
        b = QToolButton()
        b.setText("Show")
        b.setIcon(icon("filter", icon_colour))
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        b.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        b.setToolTip("Show only some change types")
        b.setMenu(self)
        return b

    def set_shown(self, shown: set[str]) -> None:
        """Check exactly the change types in `shown`, without one signal per action."""
        for tag, a in self.tag_actions.items():
            a.blockSignals(True)
            a.setChecked(tag in shown)
            a.blockSignals(False)

    def _preset(self, shown: set[str]) -> None:
        self.set_shown(shown)
        self.shownChanged.emit()

    def hidden(self) -> set[str]:
        return {t for t, a in self.tag_actions.items() if not a.isChecked()}
