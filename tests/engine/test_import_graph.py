"""The engine's import graph has no cycle, and the engine never loads Qt or the GUI.

Every module under engine/ is parsed with `ast` (nothing is imported), and every
import statement becomes an edge, including the ones inside functions and methods:
a lazy import still ties the two modules together, and it is how cycles hid before
(model imported the analyses inside its properties while they all imported model).
Only imports under `if TYPE_CHECKING:` are left out, since they never run.

A module's implicit dependency on its parent package (importing engine.io.decode
runs engine/io/__init__.py first) is not an edge; `from engine import x` naming
something of engine/__init__.py is.

The same check from a shell, printing each cycle found:

    python tests/engine/test_import_graph.py
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "engine"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement at any depth, except those guarded by `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path = ROOT, package: str = PACKAGE) -> dict[str, set[str]]:
    """module -> the modules of `package` it imports (at any depth in its code)."""
    files = {_module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}
    packages = {name for name, p in files.items() if p.name == "__init__.py"}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        here = name if name in packages else name.rpartition(".")[0]  # the package `.` means
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = alias.name
                    while target and target not in files:  # `import engine.io.decode` names a module
                        target = target.rpartition(".")[0]
                    if target:
                        graph[name].add(target)
                continue
            if node.level:
                base = here.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != package:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in files:  # `from .analysis import cells` imports the module engine.analysis.cells
                    graph[name].add(sub)
                elif target in files:  # a name defined in that module (or package __init__)
                    graph[name].add(target)
    for name in graph:
        graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One concrete cycle (a path back to its start) per strongly connected component."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def strongconnect(v: str) -> None:  # Tarjan; the graph has ~60 nodes, recursion is fine
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    found = []
    for component in components:
        start = min(component)
        # breadth-first search inside the component for the shortest way back to `start`
        paths = {start: [start]}
        queue = [start]
        cycle = None
        while queue and cycle is None:
            v = queue.pop(0)
            for w in sorted(graph[v] & component):
                if w == start:
                    cycle = paths[v] + [start]
                    break
                if w not in paths:
                    paths[w] = paths[v] + [w]
                    queue.append(w)
        found.append(cycle or sorted(component))
    return found


def test_the_graph_sees_function_level_and_relative_imports(tmp_path):
    """The checker itself: a cycle closed only by an import inside a function is found."""
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .a import f\n")
    (pkg / "a.py").write_text("from .sub import b\n\ndef f():\n    return b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("def g():\n    from ..a import f\n    return f\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import f\n")
    graph = import_graph(tmp_path)
    assert graph["engine.a"] == {"engine.sub.b"}
    assert graph["engine.sub.b"] == {"engine.a"}
    assert graph["engine.c"] == set()  # never runs
    assert cycles(graph) == [["engine.a", "engine.sub.b", "engine.a"]]
    (pkg / "sub" / "b.py").write_text("def g():\n    return 1\n")
    assert cycles(import_graph(tmp_path)) == []


def test_engine_has_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles in engine/:\n" + "\n".join(" -> ".join(c) for c in found)


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
