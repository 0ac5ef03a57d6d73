"""Which of the files PyInstaller collected are left out of the bundle, and why.

PySide6's hooks copy every plugin and translation that a used Qt module might want.
Storydiff is a widgets app in English that draws SVG icons and writes PDF with
QPdfWriter; it needs no QML, network, SQL, multimedia or PDF-rendering plugins.
Patterns match the destination path inside the bundle, with forward slashes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from fnmatch import fnmatch

QT = "PySide6/Qt"

DROP = [
    f"{QT}/translations/*",                     # no translation is shipped
    f"{QT}/qml/*",
    # Platforms: xcb and wayland for desktops, offscreen for checks; the rest are embedded/VNC.
    f"{QT}/plugins/platforms/libqeglfs.so", f"{QT}/plugins/platforms/libqlinuxfb.so",
    f"{QT}/plugins/platforms/libqminimal*.so", f"{QT}/plugins/platforms/libqvnc.so",
    f"{QT}/plugins/platforms/libqvkkhrdisplay.so",
    f"{QT}/plugins/egldeviceintegrations/*",
    f"{QT}/plugins/generic/*",                  # evdev/tslib touch input for framebuffers
    f"{QT}/plugins/networkinformation/*", f"{QT}/plugins/tls/*", f"{QT}/plugins/sqldrivers/*",
    f"{QT}/plugins/imageformats/libqpdf.so",    # PDF *rendering*; drags in QtPdf
    f"{QT}/plugins/imageformats/libqtiff.so", f"{QT}/plugins/imageformats/libqwebp.so",
    f"{QT}/plugins/imageformats/libqicns.so", f"{QT}/plugins/imageformats/libqtga.so",
    f"{QT}/plugins/imageformats/libqwbmp.so",
    # The GTK theme plugin alone pulls GTK 3, GDK, Cairo, Pango and ATK (~20 MB) into the bundle;
    # without it Qt draws its own Fusion style, and the xdg-desktop-portal theme still follows the desktop.
    f"{QT}/plugins/platformthemes/libqgtk3.so",
    # Wayland: client side only. The *-server plugins are for compositors; xdg-shell is what
    # desktop compositors speak, the other shells are for embedded/kiosk ones.
    f"{QT}/plugins/wayland-graphics-integration-client/*-server.so",
    f"{QT}/plugins/wayland-shell-integration/libivi-shell.so",
    f"{QT}/plugins/wayland-shell-integration/libqt-shell.so",
    f"{QT}/plugins/wayland-shell-integration/libfullscreen-shell-v1.so",
    f"{QT}/plugins/wayland-shell-integration/libwl-shell-plugin.so",
    # rapidfuzz falls back (ImportError suppressed) to its baseline build; the engine uses no fuzz.* scorer.
    # rapidfuzz: the engine uses Indel and process, never the fuzz.* scorers; without fuzz_cpp
    # rapidfuzz quietly uses its pure-Python fuzz. The AVX2 build of the metrics is a faster
    # copy of the baseline build (ImportError is suppressed and the baseline loads).
    "rapidfuzz/fuzz_cpp*.so", "rapidfuzz/distance/metrics_cpp_avx2*.so",
    # OpenGL integrations: Storydiff's widgets are painted in software; these only serve
    # OpenGL/Quick windows (and with them go libQt6OpenGL).
    f"{QT}/plugins/xcbglintegrations/*", f"{QT}/plugins/wayland-graphics-integration-client/*",
    "numpy/_core/_multiarray_tests*",           # numpy's own test helpers
    # Image formats: the app reads only SVG (icons); PNG is built into QtGui.
    f"{QT}/plugins/imageformats/libqjpeg.so", f"{QT}/plugins/imageformats/libqgif.so",
    f"{QT}/plugins/imageformats/libqico.so",
    "*/tests/*", "*/testing/*",                 # library test folders
    "*.pyi",
]

# Qt libraries nothing kept needs once the plugins above are gone (checked with ldd).
DROP_LIBS = ["libQt6Qml*", "libQt6Quick*", "libQt6Pdf*", "libQt6Network*", "libQt6VirtualKeyboard*",
             "libQt6Sql*", "libQt6Test*", "libQt6EglFS*", "libQt6EglFs*"]


def _dropped(dest: str) -> bool:
    dest = dest.replace("\\", "/")
    name = dest.rsplit("/", 1)[-1]
    return any(fnmatch(dest, p) for p in DROP) or any(fnmatch(name, p) for p in DROP_LIBS)


# System libraries are taken from the system, not copied from the build machine: those a
# desktop always has (C++ runtime, glib, X11/xcb, fontconfig/freetype, D-Bus) must match the
# system's own configuration anyway (a bundled fontconfig can misread a newer /etc/fonts).
# Exceptions: the xcb helper libraries Qt's xcb plugin needs and many systems lack, and the
# small libraries Python's own extension modules link (kept with the Python they were built for).
SYSTEM_DIRS = ("/lib/", "/usr/lib/", "/lib64/", "/usr/lib64/")
BUNDLED_SYSTEM = ["libxcb-cursor.so*", "libxcb-icccm.so*", "libxcb-image.so*", "libxcb-keysyms.so*",
                  "libxcb-render-util.so*", "libxcb-util.so*", "libxkbcommon-x11.so*", "libxcb-xkb.so*",
                  "libpython3*", "libffi.so*", "libexpat.so*", "libbz2.so*", "liblzma.so*", "libz.so*",
                  "libuuid.so*", "libmpdec.so*"]


def _from_system(entry) -> bool:
    dest, src, kind = entry
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    return (kind == "BINARY" and src.startswith(SYSTEM_DIRS) and "/" not in dest.replace("\\", "/")
            and not any(fnmatch(name, p) for p in BUNDLED_SYSTEM))


def apply(binaries, datas):
    """The trimmed (binaries, datas) lists for COLLECT."""
    binaries = [e for e in binaries if not _dropped(e[0])]
    if sys.platform.startswith("linux"):  # ldd and the system-library rule are Linux-only
        binaries = [e for e in _needed_only(binaries) if not _from_system(e)]
    datas = [e for e in datas if not _dropped(e[0])]
    # PyInstaller also lists top-level symlinks to libraries; one whose target went is dangling.
    present = {e[0].replace("\\", "/") for e in binaries + datas if e[2] != "SYMLINK"}

    def dangling(e):
        if e[2] != "SYMLINK":
            return False
        parent = e[0].replace("\\", "/").rpartition("/")[0]
        return f"{parent}/{e[1]}".lstrip("/") not in present
    return [e for e in binaries if not dangling(e)], [e for e in datas if not dangling(e)]


def _is_root(dest: str) -> bool:
    """Binaries loaded by name at run time: Python extensions, Qt plugins, the Python library."""
    name = dest.rsplit("/", 1)[-1]
    return (".cpython-" in name or name.endswith(".abi3.so") or "/plugins/" in dest
            or "lib-dynload/" in dest or name.startswith("libpython"))


def _ldd(path: str) -> set[str]:
    # ldd lists the whole dependency closure, resolved the way the loader would.
    out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
    return set(re.findall(r"^\s*(\S+\.so[.\d]*)\s+=>", out, re.M))


def _needed_only(toc):
    """Drop libraries that only dropped plugins needed.

    PyInstaller adds a plugin's dependencies to the list when it analyses the plugin,
    so taking the plugin out later leaves them behind (the GTK theme plugin leaves all
    of GTK). What stays is what a kept extension, plugin or library still links to.
    """
    needed = set()
    for dest, src, _kind in toc:
        if _is_root(dest.replace("\\", "/")):
            needed |= _ldd(src)
    out = []
    for entry in toc:
        dest = entry[0].replace("\\", "/")
        if _is_root(dest) or dest.rsplit("/", 1)[-1] in needed:
            out.append(entry)
    return out
