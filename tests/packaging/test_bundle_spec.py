"""Fast checks of the packaging files; the bundle itself is built and run by .ci/run."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
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


class _Recorder:
    """Stands in for one of PyInstaller's spec classes: keeps what the spec passed."""

    made: dict[str, _Recorder] = {}

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.binaries, self.datas, self.pure, self.scripts = [], [], [], []
        _Recorder.made[type(self).__name__] = self


def _run_spec(tmp_path) -> dict[str, _Recorder]:
    """Execute packaging/storydiff.spec as PyInstaller would, with its classes recorded.

    The spec is run from a copy in tmp_path (its bundle_modules.py lands there) with
    the checkout's manifest and trim modules, which the test has already imported.
    """
    spec = tmp_path / "storydiff.spec"
    spec.write_text((PACKAGING / "storydiff.spec").read_text(encoding="utf-8"), encoding="utf-8")
    _Recorder.made = {}
    names = {n: type(n, (_Recorder,), {}) for n in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), {"SPECPATH": str(tmp_path), **names})
    return dict(_Recorder.made)


def test_the_bundle_holds_every_module_the_entry_points_reach(tmp_path):
    """PyInstaller misses modules imported inside functions and by name; the spec lists them.

    Every project module the bundle's entry point can reach, following imports inside
    functions too (tests/import_graph.py), is a hidden import of the Analysis; and every
    project module listed really imports (a stale name after a move would not).
    """
    from tests.import_graph import import_graph, reachable

    made = _run_spec(tmp_path)
    hidden = set(made["Analysis"].kwargs["hiddenimports"])
    graph = import_graph(ROOT, ("engine", "gui"))
    reached = reachable(graph, ["engine.cli", "gui.app"])  # what packaging/entry.py starts
    assert {"engine.io.read_pdf", "engine.reports.pdf", "engine.analysis.heatmap"} <= reached
    assert reached <= hidden, sorted(reached - hidden)
    frozen = (tmp_path / "build" / "bundle_modules.py").read_text(encoding="utf-8")
    assert "engine.io.read_docx" in frozen  # the list --self-check reads inside the bundle
    project = sorted(m for m in hidden if m.split(".")[0] in ("engine", "gui"))
    code = "import importlib, sys\nfor m in sys.argv[1:]:\n    importlib.import_module(m)\nprint('ok')"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code, *project], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]


def test_lazy_third_party_modules_exist():
    for name in manifest.THIRD_PARTY_LAZY:
        assert importlib.util.find_spec(name) is not None, name


def _function_level_imports(tree: ast.AST) -> list[str]:
    """Top-level package names imported inside functions (what PyInstaller may not see run)."""
    found: list[str] = []
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, ast.Import):
                    found += [a.name.split(".")[0] for a in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    found.append(node.module.split(".")[0])
    return found


def test_lazy_third_party_imports_are_listed():
    """Every third-party module imported inside a function of engine/ or gui/ is in the list
    (or is a package whose import brings it): a new lazy reader cannot be forgotten."""
    local = {"engine", "gui", "__future__"} | set(sys.stdlib_module_names)
    covered = {m.split(".")[0] for m in manifest.THIRD_PARTY_LAZY + manifest.NOT_BUNDLED} | {
        "PySide6", "numpy", "rapidfuzz", "diff_match_patch"}
    seen = set()
    for path in list((ROOT / "engine").rglob("*.py")) + list((ROOT / "gui").rglob("*.py")):
        for top in _function_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            seen.add(top)
            if top not in local:
                assert top in covered, f"{path.relative_to(ROOT)} imports {top} lazily; add it to manifest.py"
    assert {"pypdf", "lxml", "PySide6"} <= seen  # the readers and the PDF writer are found


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


def test_the_spec_builds_the_app_from_the_manifest(tmp_path):
    """What the spec hands PyInstaller: the manifest's data, exclusions and lazy modules,
    one executable named storydiff (console on Linux, for the CLI and --self-check)."""
    made = _run_spec(tmp_path)
    analysis = made["Analysis"].kwargs
    assert analysis["excludes"] == manifest.EXCLUDED_MODULES
    assert analysis["datas"] == manifest.DATAS
    assert set(manifest.THIRD_PARTY_LAZY) <= set(analysis["hiddenimports"])
    assert [Path(p).name for p in made["Analysis"].args[0]] == ["entry.py"]
    exe = made["EXE"].kwargs
    assert exe["name"] == "storydiff" and made["COLLECT"].kwargs["name"] == "storydiff"
    if sys.platform.startswith("linux"):
        assert exe["console"] is True and "BUNDLE" not in made
    build = PACKAGING / "build.sh"
    assert subprocess.run(["bash", "-n", str(build)], capture_output=True).returncode == 0


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
