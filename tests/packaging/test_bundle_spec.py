"""Fast checks of the packaging files; the bundle itself is built and run by .ci/run."""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import manifest  # noqa: E402
import slim_icu  # noqa: E402
import trim  # noqa: E402


def test_every_project_module_is_listed():
    listed = set(manifest.project_modules())
    # The lazily imported ones named in the brief, which PyInstaller's analysis might miss.
    for name in ("engine.read_html", "engine.read_pdf", "engine.read_docx", "engine.read_markdown",
                 "engine.reports.html_report", "engine.lineage", "engine.unique", "engine.heatmap",
                 "engine.sentences", "engine.sentence_match", "gui.printing", "gui.app"):
        assert name in listed
    for name in listed:  # and nothing listed that does not exist
        assert importlib.util.find_spec(name) is not None, name


def test_lazy_third_party_modules_exist():
    for name in manifest.THIRD_PARTY_LAZY:
        assert importlib.util.find_spec(name) is not None, name


def test_lazy_third_party_imports_are_listed():
    """Every third-party module imported inside a function of engine/ or gui/ is in the list
    (or is a package whose import brings it): a new lazy reader cannot be forgotten."""
    local = {"engine", "gui", "__future__"} | set(sys.stdlib_module_names)
    covered = {m.split(".")[0] for m in manifest.THIRD_PARTY_LAZY + manifest.NOT_BUNDLED} | {
        "PySide6", "numpy", "rapidfuzz", "diff_match_patch"}
    lazy = re.compile(r"^\s+(?:from|import)\s+([A-Za-z_][\w]*)", re.M)
    for path in list((ROOT / "engine").rglob("*.py")) + list((ROOT / "gui").rglob("*.py")):
        for top in lazy.findall(path.read_text(encoding="utf-8")):
            if top not in local:
                assert top in covered, f"{path.relative_to(ROOT)} imports {top} lazily; add it to manifest.py"


def test_excluded_modules_are_not_used():
    used = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.M)
    excluded = set(manifest.EXCLUDED_MODULES)
    for path in list((ROOT / "engine").rglob("*.py")) + list((ROOT / "gui").rglob("*.py")):
        for name in used.findall(path.read_text(encoding="utf-8")):
            parts = name.split(".")
            assert not any(".".join(parts[:i]) in excluded for i in range(1, len(parts) + 1)), \
                f"{path.relative_to(ROOT)} imports {name}, which the bundle excludes"


def test_trim_keeps_what_the_app_needs():
    qt = "PySide6/Qt/plugins"
    for kept in (f"{qt}/platforms/libqxcb.so", f"{qt}/platforms/libqoffscreen.so",
                 f"{qt}/platforms/libqwayland.so", f"{qt}/imageformats/libqsvg.so",
                 f"{qt}/iconengines/libqsvgicon.so", "rapidfuzz/distance/metrics_cpp.cpython-311-x86_64-linux-gnu.so"):
        assert not trim._dropped(kept), kept
    for dropped in ("PySide6/Qt/translations/qtbase_de.qm", f"{qt}/platformthemes/libqgtk3.so",
                    f"{qt}/platforms/libqeglfs.so", "PySide6/Qt/lib/libQt6Quick.so.6"):
        assert trim._dropped(dropped), dropped


def test_trim_drops_dangling_symlinks_and_system_libraries(monkeypatch):
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY"),
                ("libglib-2.0.so.0", "/lib/x86_64-linux-gnu/libglib-2.0.so.0", "BINARY"),
                ("libxcb-cursor.so.0", "/lib/x86_64-linux-gnu/libxcb-cursor.so.0", "BINARY")]
    datas = [("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
             ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK")]
    monkeypatch.setattr(trim, "_needed_only", lambda toc: toc)  # no ldd on made-up paths
    b, d = trim.apply(binaries, datas)
    assert [e[0] for e in b] == ["PySide6/Qt/lib/libQt6Core.so.6", "libxcb-cursor.so.0"]
    assert [e[0] for e in d] == ["libQt6Core.so.6"]


def test_icu_filter():
    assert slim_icu.keep("coll/ucadata.icu") and slim_icu.keep("coll/root.res") and slim_icu.keep("res_index.res")
    assert slim_icu.keep("zone/en_GB.res") and slim_icu.keep("zoneinfo64.res") and slim_icu.keep("cnvalias.icu")
    assert not slim_icu.keep("coll/de.res") and not slim_icu.keep("ibm-1047_P100-1995.cnv")
    assert not slim_icu.keep("brkitr/cjdict.dict") and not slim_icu.keep("translit/root.res")


def test_desktop_file():
    path = PACKAGING / "storydiff.desktop"
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "Storydiff"
    assert entry["Exec"].split()[0] == "storydiff" and entry["Exec"].split()[1] in ("%F", "%U")
    assert entry["Icon"] == "storydiff" and entry["Terminal"] == "false"
    for key in ("Categories", "MimeType", "Keywords"):
        assert entry[key].endswith(";"), key
    assert (ROOT / "resources" / "icons" / "storydiff.svg").is_file()
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_spec_and_scripts_are_in_place():
    spec = (PACKAGING / "storydiff.spec").read_text(encoding="utf-8")
    assert "bundle_identifier" in spec and "console=" in spec and "icon=" in spec
    assert "manifest.project_modules()" in spec and "THIRD_PARTY_LAZY" in spec
    build = (PACKAGING / "build.sh").read_text(encoding="utf-8")
    assert "--distpath \"$DIST\"" in build and "--workpath \"$BUILD/work\"" in build


@pytest.mark.parametrize("size", [16, 48, 256])
def test_icons_render(tmp_path, size):
    pytest.importorskip("PySide6.QtSvg")
    import make_icons
    from PySide6.QtWidgets import QApplication
    # A QApplication (not the QGuiApplication make_icons would start): widget tests share it.
    QApplication.instance() or QApplication([])
    assert make_icons.main(tmp_path) == 0
    from PySide6.QtGui import QImage
    img = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "storydiff.png"))
    assert img.width() == size and img.height() == size
