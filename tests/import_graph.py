"""The project's import graph, read from the source with `ast` (nothing is imported).

Every import statement is an edge, including the ones inside functions and
methods: a lazy import still ties two modules together (and still has to be in
a frozen bundle). Only imports under `if TYPE_CHECKING:` are left out, since they
never run. A module's implicit dependency on its parent package (importing
engine.io.decode runs engine/io/__init__.py first) is not an edge;
`from engine import x` naming something of engine/__init__.py is.

Used by tests/engine/test_import_graph.py (no cycles) and
tests/packaging/test_bundle_spec.py (the bundle lists what the entry points reach).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
            for stmt in node.orelse:
                visit(stmt)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path = ROOT, packages: tuple[str, ...] = ("engine",),
                 missing: list[str] | None = None) -> dict[str, set[str]]:
    """module -> the modules of `packages` it imports (at any depth in its code).

    An import of `packages` that names no module there (a stale path after a move)
    is appended to `missing` as "module:line: target", when a list is given.
    """
    files = {_module_name(p, root): p for package in packages for p in sorted((root / package).rglob("*.py"))}
    package_modules = {name for name, p in files.items() if p.name == "__init__.py"}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        here = name if name in package_modules else name.rpartition(".")[0]  # the package `.` means
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = alias.name
                    if alias.name.split(".")[0] in packages and alias.name not in files \
                            and missing is not None:
                        missing.append(f"{name}:{node.lineno}: {alias.name}")
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
            if target.split(".")[0] not in packages:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in files:  # `from .analysis import cells` imports the module engine.analysis.cells
                    graph[name].add(sub)
                elif target in files:  # a name defined in that module (or package __init__)
                    graph[name].add(target)
                elif missing is not None:
                    missing.append(f"{name}:{node.lineno}: {target}")
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


def reachable(graph: dict[str, set[str]], start: list[str]) -> set[str]:
    """Every module imported, directly or not, by the modules `start`."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        v = todo.pop()
        if v not in seen:
            seen.add(v)
            todo.extend(graph.get(v, ()))
    return seen
