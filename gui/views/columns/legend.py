"""The legend: one chip per change type, each with its colour and the text cue that
appears in the cells. Hovering a chip explains it; clicking it hides or shows that
change type (`toggled(tag)`), Ctrl+click shows that type alone (`only(tag)`). A last
chip stands for the badges of changed facts (FIGURE CHANGED, QUOTE ALTERED...): clicking
it shows only the rows holding one, or all rows again (`facts_toggled`, the same switch
as Show › Fact Changes Only).

It is one word-wrapped label, so on a narrow (laptop) window the chips flow onto a
second line instead of making the window wider than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QToolTip, QWidget

from engine.vocabulary import FACT_LEGEND

from ...theme import TAG_INFO, TAGS
from .cell_html import badge, esc
from .cell_html import chip as chip_html

NBSP = "\u00a0"  # a chip never breaks across lines ("NEW / HEADING")
CLICK_HINT = "Click: hide or show this change type. Ctrl+click: show only this type."
FACTS_HINT = "Click: show only the rows with a changed fact, or every row again (Show › Fact Changes Only)."


class Legend(QLabel):
    toggled = Signal(str)  # a chip was clicked: hide or show its change type
    only = Signal(str)  # a chip was Ctrl+clicked: show that change type alone
    facts_toggled = Signal()  # the changed-fact chip was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setContentsMargins(8, 4, 8, 4)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.hidden: set[str] = set()
        self.facts_only = False
        self.linkActivated.connect(self._clicked)
        self.linkHovered.connect(self._hovered)
        self._fill()

    def chip_html(self, tag: str) -> str:
        info = TAG_INFO[tag]
        chip = badge(tag, "EDITED") + "&nbsp;<u>added</u>&nbsp;<s>deleted</s> words" if tag == "edited" else \
            f"{badge(tag, info.badge.replace(' ', NBSP))}&nbsp;" + (esc(info.label.lower()).replace(" ", "&nbsp;")
                                                 if info.label.upper() != info.badge else "")
        if tag in self.hidden:  # hidden from the columns: struck through, still clickable to show again
            chip = f"<s>{chip}</s>&nbsp;(hidden)"
        # A link (so it can be clicked and reached by keyboard) that looks like the legend it is.
        ink = self.palette().color(QPalette.ColorRole.WindowText).name()
        return f'<a href="tag:{tag}" style="text-decoration:none"><span style="color:{ink}">{chip}</span></a>'

    def facts_chip_html(self) -> str:
        chip = chip_html(FACT_LEGEND.colour, FACT_LEGEND.badge.replace(" ", NBSP)) + "&nbsp;" \
            + esc(FACT_LEGEND.name).replace(" ", "&nbsp;")
        if self.facts_only:
            chip += "&nbsp;(only&nbsp;these)"
        ink = self.palette().color(QPalette.ColorRole.WindowText).name()
        return f'<a href="facts:" style="text-decoration:none"><span style="color:{ink}">{chip}</span></a>'

    def _fill(self) -> None:
        chips = " &nbsp;&nbsp; ".join([*(self.chip_html(info.tag) for info in TAGS), self.facts_chip_html()])
        self.setText(f"<b>Against the base:</b> &nbsp; {chips}")

    def set_facts_only(self, on: bool) -> None:
        """Show whether the columns show only rows with a changed fact."""
        if on != self.facts_only:
            self.facts_only = on
            self._fill()

    def set_hidden(self, hidden: set[str]) -> None:
        """Show which change types the columns hide (the Show menu's state)."""
        if set(hidden) != self.hidden:
            self.hidden = set(hidden)
            self._fill()

    def _clicked(self, href: str) -> None:
        if href == "facts:":
            self.facts_toggled.emit()
            return
        tag = href.removeprefix("tag:")
        if tag not in TAG_INFO:
            return
        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
            self.only.emit(tag)
        else:
            self.toggled.emit(tag)

    def _hovered(self, href: str) -> None:
        tag = href.removeprefix("tag:")
        if href == "facts:":
            QToolTip.showText(QCursor.pos(), f"{FACT_LEGEND.explain}\n\n{FACTS_HINT}", self)
        elif tag in TAG_INFO:
            QToolTip.showText(QCursor.pos(), f"{TAG_INFO[tag].explain}\n\n{CLICK_HINT}", self)
        else:
            QToolTip.hideText()
