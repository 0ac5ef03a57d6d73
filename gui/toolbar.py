"""The main toolbar, which fits narrow windows: it shows each button's name beside its
icon while there is room, icons alone (names in their tooltips) below that, and only
then lets Qt's overflow menu (») take what is left. On a 1024-pixel laptop screen
every button, Export included, stays one click away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget


class AdaptiveToolBar(QToolBar):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._text_width = 0  # width the toolbar needs with names shown (measured in that style)

    def set_compact(self, compact: bool) -> None:
        """Icons alone (True) or names beside the icons, for the toolbar and its buttons."""
        style = Qt.ToolButtonStyle.ToolButtonIconOnly if compact else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if self.toolButtonStyle() == style:
            return
        self.setToolButtonStyle(style)
        for button in self.findChildren(QToolButton):  # widgets added as widgets keep their own style
            if button.objectName() != "qt_toolbar_ext_button":
                button.setToolButtonStyle(style)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon:
            self._text_width = max(self._text_width, self.sizeHint().width())
        if self._text_width:
            self.set_compact(event.size().width() < self._text_width)
