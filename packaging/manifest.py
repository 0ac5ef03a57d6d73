"""What the bundle must contain, in one place the spec, the self-check and the tests all read.

Plain Python with no PyInstaller import, so `tests/packaging` can check it cheaply.
PyInstaller follows imports inside functions, but not modules named by string
(`importlib.import_module("...")`) nor plugins a library picks at run time,
so every project module is listed outright instead of trusting the analysis.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Third-party modules loaded only when a given file type or report is asked for.
THIRD_PARTY_LAZY = [
    "lxml.etree",           # .html (engine.io.article) and agency XML
    "lxml.html",
    "httpx",                # File › Open URL… and tracking (engine.web)
    "feedparser",           # tracking a feed
    "pypdf",                # .pdf text layer
    "PySide6.QtSvg",        # icons (QPdfWriter for PDF reports is in QtGui)
    "markdown",             # Help › User Guide
    "markdown.extensions.tables",  # loaded by name, not by import
    "duckdb",               # File › Open Archive… (engine.archive)
]

# Imported lazily but deliberately left out of the desktop bundle: optional extras of the
# command line only (`pip install 'storydiff[archive]'` for `archive --engine dask`).
NOT_BUNDLED = ["distributed"]

# Modules Storydiff never imports; excluded so hooks and optional imports cannot drag them (and
# their libraries) in. --self-check proves the bundle still runs without them.
EXCLUDED_MODULES = [
    "tkinter", "unittest", "pydoc_data", "lib2to3", "test", "distutils", "setuptools", "pip",
    # Never used by the engine; numpy 2 loads them only on attribute access.
    "numpy.tests", "numpy.testing", "numpy.f2py", "numpy.distutils", "numpy.random", "numpy.fft",
    "numpy.polynomial",
    # No terminal, no server (File › Open URL… needs ssl, so it stays).
    "readline", "xmlrpc", "http.server",
    # lxml parts Storydiff never imports.
    "lxml.objectify", "lxml.sax", "lxml.html.diff", "lxml.html._difflib", "lxml.isoschematron",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtDesigner", "PySide6.QtNetworkAuth", "PySide6.QtStateMachine",
    "PySide6.QtPrintSupport", "PySide6.QtSvgWidgets", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "PySide6.QtMultimedia", "PySide6.QtWebEngineCore", "PySide6.QtCharts", "PySide6.Qt3DCore",
]


def project_modules() -> list[str]:
    """Every module of the engine and gui packages, found on disk (not by import analysis)."""
    names = []
    for pkg in ("engine", "gui"):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
    return names


# resources/ lands at <bundle>/_internal/resources, next to the frozen gui package,
# which is where gui.RESOURCES (parent of the package + "resources") looks.
DATAS = [(str(ROOT / "resources"), "resources")]


def project_modules_frozen() -> list[str]:
    """The module list as it was on disk when the bundle was built (the bundle has no sources).

    The spec writes it to `bundle_modules.py`; running from a checkout, the tree is read.
    """
    try:
        from bundle_modules import MODULES  # written by storydiff.spec into packaging/build/
    except ImportError:
        return project_modules()
    return list(MODULES)


def version() -> str:
    import tomllib
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def requirements() -> list[str]:
    """The runtime dependencies, read from pyproject.toml so they are listed once."""
    import tomllib
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["dependencies"]
