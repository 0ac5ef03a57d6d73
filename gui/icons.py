"""Toolbar and app icons, drawn as SVG in resources/icons and tinted for the palette.

The SVGs use `currentColor` for their outline; it is replaced by the palette's text
colour before rendering, so icons stay visible in dark mode.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from . import RESOURCES

ICONS = RESOURCES / "icons"


@cache
def _svg(name: str) -> str:
    return (ICONS / f"{name}.svg").read_text(encoding="utf-8")


def icon(name: str, colour: str = "#333333") -> QIcon:
    data = QByteArray(_svg(name).replace("currentColor", colour).encode("utf-8"))
    renderer = QSvgRenderer(data)
    out = QIcon()
    for size in (16, 20, 24, 32, 48, 64, 128, 256):
        if name != "storydiff" and size > 64:
            break
        out.addPixmap(QPixmap.fromImage(render_svg(renderer, size)))
    return out


def render_svg(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn antialiased on a transparent `size` x `size` image (also used by
    packaging/make_icons.py for the desktop and .ico icons)."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(p, QRectF(0, 0, size, size))
    p.end()
    return img


def app_icon() -> QIcon:
    return icon("storydiff")
