"""The engine's import graph has no cycle, and the engine never loads Qt or the GUI.

Every module under engine/ is parsed with `ast` (tests/import_graph.py), and every
import statement is an edge, including the ones inside functions and methods: a
lazy import still ties the two modules together, and it is how cycles hid before
(model imported the analyses inside its properties while they all imported model).

The same check from a shell, printing each cycle found:

    python -m tests.engine.test_import_graph
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.import_graph import ROOT, cycles, import_graph

PACKAGE = "engine"


def test_the_graph_sees_function_level_and_relative_imports(tmp_path):
    """The checker itself: a cycle closed only by an import inside a function is found."""
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .a import f\n")
    (pkg / "a.py").write_text("from .sub import b\n\ndef f():\n    return b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("def g():\n    from ..a import f\n    return f\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import f\n")
    (pkg / "d.py").write_text("def h():\n    from .gone import x\n    import engine.sub.gone\n")
    missing: list[str] = []
    graph = import_graph(tmp_path, missing=missing)
    assert missing == ["engine.d:2: engine.gone", "engine.d:3: engine.sub.gone"]
    assert graph["engine.a"] == {"engine.sub.b"}
    assert graph["engine.sub.b"] == {"engine.a"}
    assert graph["engine.c"] == set()  # never runs
    assert cycles(graph) == [["engine.a", "engine.sub.b", "engine.a"]]
    (pkg / "sub" / "b.py").write_text("def g():\n    return 1\n")
    assert cycles(import_graph(tmp_path)) == []


def test_every_import_of_the_project_names_a_module_that_exists():
    """After a move, a stale relative import inside a function would only fail when called."""
    missing: list[str] = []
    import_graph(ROOT, ("engine", "gui"), missing)
    assert not missing


def test_engine_has_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles in engine/:\n" + "\n".join(" -> ".join(c) for c in found)


def test_gui_has_no_import_cycle():
    """gui.commands once imported gui.main_window inside a method while main_window imported it."""
    graph = import_graph(ROOT, ("engine", "gui"))
    found = [c for c in cycles(graph) if any(m.startswith("gui") for m in c)]
    assert not found, "import cycles in gui/:\n" + "\n".join(" -> ".join(c) for c in found)


def test_engine_work_loads_neither_qt_nor_the_gui(tmp_path):
    """A compare of the samples and every report but PDF, in a fresh process."""
    code = textwrap.dedent("""
        import sys
        from pathlib import Path
        import engine
        from engine.reports import WRITERS, render
        samples = sorted(Path("resources/samples").glob("*.txt"))
        assert len(samples) >= 2, samples
        c = engine.compare([str(p) for p in samples])
        written = []
        for fmt in sorted(WRITERS):
            if fmt == "pdf":
                continue
            out = render(c, fmt)
            Path(sys.argv[1], "report." + fmt).write_bytes(out if isinstance(out, bytes) else out.encode())
            written.append(fmt)
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "gui"))
        print(",".join(written))
        print(",".join(loaded))
    """)
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    written, loaded = (out.stdout.splitlines() + ["", ""])[:2]
    assert {"text", "json", "html", "md"} <= set(written.split(","))
    assert all((tmp_path / f"report.{fmt}").stat().st_size > 0 for fmt in written.split(","))
    assert loaded == "", f"the engine loaded {loaded}"


def test_the_pdf_report_prints_with_qt_but_never_loads_the_gui():
    """The PDF writer imports PySide6 itself (engine.reports.pdf); the engine never names gui."""
    code = textwrap.dedent("""
        import os, sys
        from pathlib import Path
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import engine
        from engine.reports import render
        c = engine.compare([str(p) for p in sorted(Path("resources/samples").glob("*.txt"))])
        data = render(c, "pdf")
        print(data[:5].decode(), "PySide6.QtGui" in sys.modules,
              sorted(m for m in sys.modules if m.split(".")[0] == "gui"))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["%PDF-", "True", "[]"]


if __name__ == "__main__":
    found = cycles(import_graph())
    for cycle in found:
        print(" -> ".join(cycle))
    print(f"{len(found)} import cycle(s) among {len(import_graph())} modules of {PACKAGE}/")
    sys.exit(1 if found else 0)
