"""The README's apt lines name every system library a real window needs.

Every shared library that Qt's xcb platform plugin and the Qt libraries it loads link to
must come from a package the README names, or from one of their dependencies (apt pulls
those in), or from the handful every Debian system has. Checked with ldd, dpkg and
apt-cache on a Debian/Ubuntu machine; elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ESSENTIAL = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g"}  # priority: required


def _readme_packages() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    pkgs: set[str] = set()
    for block in re.findall(r"sudo apt-get install (.+?)\n```", text, re.S):
        pkgs.update(w for w in block.replace("\\\n", " ").split() if re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", w))
    return pkgs


def _qt_libraries() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    return [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so*")),
            *sorted((qt / "lib").glob("libQt6Gui.so*")), *sorted((qt / "lib").glob("libQt6Widgets.so*")),
            *sorted((qt / "lib").glob("libQt6DBus.so*"))]


@pytest.mark.skipif(not all(shutil.which(t) for t in ("ldd", "dpkg", "apt-cache")), reason="needs ldd, dpkg, apt-cache")
def test_readme_names_every_package_the_window_links_to():
    named = _readme_packages()
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0", "libgl1", "fonts-dejavu-core"} <= named
    libs = [p for p in _qt_libraries() if p.exists()]
    assert libs, "PySide6's xcb plugin not found"
    out = subprocess.run(["ldd", *map(str, libs)], capture_output=True, text=True, timeout=60).stdout
    missing = sorted({line.split()[0] for line in out.splitlines() if "not found" in line})
    assert not missing, f"not installed here (install the README's packages first): {missing}"
    system = sorted({m for m in re.findall(r"=> (/\S+)", out) if "/site-packages/" not in m})
    needed: set[str] = set()
    for lib in system:
        r = subprocess.run(["dpkg", "-S", str(Path(lib).resolve())], capture_output=True, text=True, timeout=30)
        if r.returncode == 0:
            needed.add(r.stdout.split(":")[0].strip())
    deps = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                           "--no-breaks", "--no-replaces", "--no-enhances", *sorted(named)],
                          capture_output=True, text=True, timeout=120).stdout
    provided = {line.strip().split(":")[0] for line in deps.splitlines() if line and not line.startswith(" ")}
    unexplained = sorted(needed - provided - named - ESSENTIAL)
    assert not unexplained, f"the README's apt lines do not bring in: {unexplained}"
