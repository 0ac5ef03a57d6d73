"""`storydiff [FILE...]`: start the window (with no FILE: on the last comparison, or the
bundled samples the first time).

`storydiff --screenshot OUT.png [FILE...]` compares the files, renders the window at
1600x1000, saves the PNG and exits; it works with QT_QPA_PLATFORM=offscreen.
`--view provenance` (or `heatmap`) shows, and renders, that view instead of the columns;
`--sentences` aligns sentences instead of paragraphs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt itself is imported late, after the no-display check
    from PySide6.QtWidgets import QApplication

_STARTED = time.monotonic()


def parse_args(argv: list[str]) -> argparse.Namespace:
    import engine

    p = argparse.ArgumentParser(prog="storydiff", description="Compare versions of a news article, paragraph by paragraph.")
    p.add_argument("files", nargs="*", metavar="FILE", help="versions to compare (default: the bundled samples)")
    p.add_argument("--base", type=int, default=0, metavar="N", help="number of the base version, from 0 (default 0)")
    p.add_argument("--screenshot", metavar="OUT.png", help="render the window to OUT.png at 1600x1000 and exit")
    p.add_argument("--size", default="1600x1000", help=argparse.SUPPRESS)
    p.add_argument("--view", choices=("columns", "provenance", "heatmap"), default="columns",
                   help="the view to show first (and to render with --screenshot)")
    p.add_argument("--sentences", action="store_true", help="align sentences instead of paragraphs")
    p.add_argument("--version", action="version", version=f"storydiff {engine.__version__}")
    return p.parse_args(argv)


# Qt platforms that draw without a display server (the rest need X11 or Wayland).
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay")
NO_DISPLAY = ("storydiff: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
              "run it in a desktop session, under `xvfb-run storydiff`, or with QT_QPA_PLATFORM=offscreen "
              "for --screenshot")


def display_problem(env: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """Why a window cannot open here, or None. Checked before Qt starts: Qt itself aborts
    the process (exit 134) with a misleading message about libxcb-cursor0."""
    env = dict(os.environ if env is None else env)
    if not platform.startswith("linux") and "bsd" not in platform:
        return None  # Windows and macOS always have their own window system
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip().lower()
    if qpa in HEADLESS_PLATFORMS:
        return None
    if qpa.startswith("wayland"):
        return None if env.get("WAYLAND_DISPLAY") else NO_DISPLAY
    if qpa == "xcb":
        return None if env.get("DISPLAY") else NO_DISPLAY
    return None if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") else NO_DISPLAY


def make_app(argv: list[str]) -> QApplication:
    from PySide6.QtWidgets import QApplication

    from .icons import app_icon

    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        # Windows need a QApplication; a QCoreApplication made first cannot be replaced in-process.
        raise RuntimeError("a non-GUI QCoreApplication already exists")
    app = existing if isinstance(existing, QApplication) else QApplication([argv[0] if argv else "storydiff"])
    app.setApplicationName("Storydiff")
    app.setOrganizationName("Storydiff")
    app.setDesktopFileName("storydiff")  # Wayland matches the window to storydiff.desktop and its icon
    app.setApplicationDisplayName("Storydiff")
    app.setWindowIcon(app_icon())
    return app


def screenshot(window, out: str, size: tuple[int, int], view: str = "columns") -> bool:
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    window.columns.view.relayout(force=True)
    window.columns.select_interesting_cell()
    if view != "columns":
        window.show_view(view)
    for _ in range(3):
        QApplication.processEvents()
    return window.grab().save(out, "PNG")


def start_files(given: list[str], settings) -> list[str] | None:
    """What a new window opens: the files given, else the last work (gui.settings.last_work);
    None for the samples (the first time), which the reader's own files will replace."""
    from .document import sample_files
    from .settings import last_work

    files = given or last_work(settings)
    return files if files and sorted(files) != sample_files() else None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if display_problem() is not None:
        if not args.screenshot:
            print(display_problem(), file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    app = make_app(sys.argv[:1])
    from .document import sample_files
    from .main_window import MainWindow

    files = args.files or sample_files()
    if args.screenshot:
        w, h = (int(x) for x in args.size.lower().split("x"))
        window = MainWindow(persist=False)
        if args.sentences:
            window.document.options = replace(window.document.options, unit="sentence")
            window.actions_["sentences"].setChecked(True)
        window.open_files_sync(files, base=args.base)
        ok = screenshot(window, args.screenshot, (w, h), args.view)
        if not ok:
            print(f"storydiff: could not write {args.screenshot}", file=sys.stderr)
        if window.columns.banner.errors:
            print("\n".join(window.columns.banner.errors), file=sys.stderr)
        window.close()
        return 0 if ok else 1
    from .crash import install

    install(app)  # an exception in a slot or a thread becomes a message box, never a dead window
    window = MainWindow()
    files = start_files(args.files, window.settings)
    if args.sentences:
        window.commands.set_sentence_mode(True)
    if args.view != "columns":
        window.show_view(args.view)
    if os.environ.get("STORYDIFF_FIRST_PAINT"):
        _report_first_paint(window, app)
    window.show()
    if files:
        window.open_files(files, base=args.base)
    else:
        window.open_samples()
    return app.exec()


def _report_first_paint(window, app) -> None:
    """Benchmark hook: print the monotonic time of the first painted comparison, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and window.document.comparison is not None:
                # Printed after this paint completes, hence the zero timer.
                QTimer.singleShot(0, lambda: (print(f"first-paint {time.monotonic():.6f} started {_STARTED:.6f}",
                                                    flush=True), app.quit()))
                obj.removeEventFilter(self)
            return False

    watch = Watch(window)
    window.columns.view.viewport().installEventFilter(watch)


if __name__ == "__main__":
    sys.exit(main())
