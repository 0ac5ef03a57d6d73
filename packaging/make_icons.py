"""Render resources/icons/storydiff.svg to the PNG sizes desktops ask for, plus a Windows .ico.

Usage: python make_icons.py OUTDIR. Run with the build venv's PySide6 (Qt's SVG
renderer is already a dependency, so no extra tool is needed). Writes
OUTDIR/hicolor/<n>x<n>/apps/storydiff.png (the freedesktop icon-theme layout),
OUTDIR/storydiff-<n>.png, OUTDIR/storydiff.ico and OUTDIR/hicolor/scalable/apps/storydiff.svg.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "storydiff.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest a .ico entry holds


def main(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImageWriter
    from PySide6.QtSvg import QSvgRenderer

    sys.path.insert(0, str(SVG.parent.parent.parent))  # the checkout: its gui package
    from gui.icons import render_svg

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841  (kept alive)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    images = {}
    for n in SIZES:
        img = images[n] = render_svg(renderer, n)
        theme = out / "hicolor" / f"{n}x{n}" / "apps"
        theme.mkdir(parents=True, exist_ok=True)
        if not (img.save(str(theme / "storydiff.png")) and img.save(str(out / f"storydiff-{n}.png"))):
            print(f"make_icons: could not write the {n} px PNG", file=sys.stderr)
            return 1
    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable / "storydiff.svg")
    # Qt's ico writer stores one image per write; the 256 px one is what Windows scales from.
    if b"ico" in [f.data() for f in QImageWriter.supportedImageFormats()]:
        images[256].save(str(out / "storydiff.ico"))  # the writer goes by the .ico suffix
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
