"""A tab or panel whose widget is built the first time it is shown (as Frescobaldi's
panels are): a view nobody opens costs nothing at start-up, and a view that is open
is only fed the data it shows.

`LazyPage(build, feed)` stands in the tab; `set_value(v)` records what the view
should show and feeds it (`feed(widget, v)`) now if the view is visible, else when it
next becomes visible. `widget()` builds on demand (tests, jumps from other views).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

_UNSET = object()

# The view's own class, so `feed` may call its methods and `widget()` returns it typed.
W = TypeVar("W", bound=QWidget)


class LazyPage(QWidget, Generic[W]):
    def __init__(self, build: Callable[[], W], feed: Callable[[W, Any], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._feed = feed
        self._widget: W | None = None
        self._value: Any = _UNSET
        self._stale = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def is_built(self) -> bool:
        return self._widget is not None

    def widget(self) -> W:
        """The real view, built now if it was not yet, showing the latest value."""
        if self._widget is None:
            self._widget = self._build()
            self._layout.addWidget(self._widget)
            if self.isVisible():
                # Lay the empty view out at its final size before it is fed, as an eagerly
                # built one would be: a splitter shares its room by its stretch factors,
                # not by the size hints of the content fed to it.
                self._widget.setGeometry(self.contentsRect())
                self._widget.show()
        self.refresh()
        return self._widget

    def set_value(self, value: Any) -> None:
        self._value = value
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Feed the latest value to the view if it has not seen it yet."""
        if self._stale and self._value is not _UNSET:
            self._stale = False
            self._feed(self.widget(), self._value)

    def showEvent(self, event) -> None:
        self.widget()
        super().showEvent(event)
