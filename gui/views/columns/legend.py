"""The legend: one chip per change type, each with its colour and the text cue that
appears in the cells; hovering explains it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ...theme import TAGS
from .cell_html import badge, esc


class Legend(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.setSpacing(14)
        title = QLabel("Against the base:")
        title.setStyleSheet("font-weight:600")
        lay.addWidget(title)
        self.chips: dict[str, QLabel] = {}
        for info in TAGS:
            text = {"edited": 'EDITED <u>inserted</u> <s>deleted</s>'}.get(info.tag)
            chip = QLabel(self)
            chip.setTextFormat(Qt.TextFormat.RichText)
            if text:
                chip.setText(badge(info.tag, "EDITED") + "&nbsp;<u>added</u>&nbsp;<s>deleted</s> words")
            else:
                chip.setText(f"{badge(info.tag, info.badge)}&nbsp;{esc(info.label.lower()) if info.label.upper() != info.badge else ''}")
            chip.setToolTip(info.explain)
            self.chips[info.tag] = chip
            lay.addWidget(chip)
        lay.addStretch(1)
