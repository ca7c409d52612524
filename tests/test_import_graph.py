"""fastact's modules import each other without a cycle, lazy imports inside functions
included: a cycle hides an order dependence (which module must be loaded first) that
breaks as soon as an import moves.  The graph is read from the sources (``ast``)."""

import ast
from pathlib import Path

import fastact

PKG = Path(fastact.__file__).resolve().parent


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts}


def import_graph() -> dict[str, set[str]]:
    """``module -> the fastact modules it imports`` (anywhere in its source)."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text())):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")
                    up = up[: len(up) - (node.level - 1)]
                    base = ".".join(up + ([base] if base else []))
                # "from . import x" names a module; "from .m import f" names module m
                targets = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in mods]
                targets = targets or [base]
            for t in targets:
                if t in mods and t != name:
                    graph[name].add(t)
    return graph


def _cycle(graph):
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_no_import_cycles():
    graph = import_graph()
    assert len(graph) > 20 and graph["fastact.cuda"]  # the walk sees the package
    cycle = _cycle(graph)
    assert cycle is None, " -> ".join(cycle)


def test_array_kinds_is_a_leaf():
    assert import_graph()["fastact._core.kinds"] == set()


# The layers, lowest first: a module may import its own layer and those below it.
# _cpu and _cuda are siblings (neither imports the other), as are _spec and _generated.
RANKS = {
    "fastact._core": 0,
    "fastact.kernels": 1,
    "fastact._spec": 2, "fastact._generated": 2,
    "fastact._cpu": 3, "fastact._cuda": 3,
    "fastact._api": 4,
    "fastact": 5, "fastact.cpu": 5, "fastact.parallel": 5, "fastact.cuda": 5, "fastact.examples": 5,
    "fastact._tools": 6,
    "fastact.__main__": 7,
}
SIBLINGS = [{"fastact._cpu", "fastact._cuda"}, {"fastact._spec", "fastact._generated"}]


def layer(module: str) -> str:
    """The layer a module belongs to: the longest prefix of it in :data:`RANKS`."""
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in RANKS:
            return ".".join(parts[:i])
    raise AssertionError(f"{module} is in no layer: add its folder to RANKS")


def rank_violations(graph: dict[str, set[str]]) -> list[str]:
    """The imports of ``graph`` that go up a layer, or across between sibling layers."""
    wrong = []
    for m, targets in graph.items():
        for t in targets:
            a, b = layer(m), layer(t)
            if RANKS[b] > RANKS[a] or (a != b and {a, b} in SIBLINGS):
                wrong.append(f"{m} ({a}) imports {t} ({b})")
    return wrong


def test_every_module_is_in_a_layer_and_imports_only_downwards():
    wrong = rank_violations(import_graph())
    assert not wrong, "\n".join(wrong)


def test_the_rank_check_can_fail():
    assert rank_violations({"fastact._core.jit": {"fastact._api.route"}})  # upwards
    assert rank_violations({"fastact._cpu.loops": {"fastact._cuda.axis"}})  # siblings
    assert rank_violations({"fastact.kernels.axis": {"fastact._spec.registry"}})
    assert not rank_violations({"fastact._api.route": {"fastact._cpu.elementwise",
                                                       "fastact._core.kinds"}})


def _private_reaches(name: str, path: Path, mods: dict[str, Path]) -> list[str]:
    """``from M import _x`` and ``alias._x`` where M / alias is another fastact module."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text())
    aliases: dict[str, str] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = node.module or ""
            if node.level:
                up = package.split(".")
                up = up[: len(up) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            if not base.startswith("fastact"):
                continue
            for a in node.names:
                full = f"{base}.{a.name}"
                if full in mods:  # a module: private if its own name is
                    aliases[a.asname or a.name] = full
                    private = a.name.startswith("_") and not a.name.startswith("__")
                elif base in mods:
                    private = a.name.startswith("_") and not a.name.startswith("__")
                else:
                    continue
                if private and full != name:
                    found.append(f"{name}: from {base} import {a.name}")
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in mods and a.asname:
                    aliases[a.asname] = a.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_")
                and not node.attr.startswith("__") and aliases[node.value.id] != name):
            found.append(f"{name}: {node.value.id}.{node.attr} ({aliases[node.value.id]})")
    return found


def test_no_module_uses_another_modules_private_names():
    mods = _modules()
    found = [r for name, path in mods.items() for r in _private_reaches(name, path, mods)]
    assert not found, "\n".join(found)


def test_the_private_name_check_can_fail(tmp_path):
    mods = {"fastact._cpu.a": tmp_path / "a.py", "fastact._cpu.b": tmp_path / "b.py"}
    (tmp_path / "b.py").write_text("from .a import _hidden\nfrom . import a as A\nA._other()\n")
    found = _private_reaches("fastact._cpu.b", tmp_path / "b.py", mods)
    assert len(found) == 2, found
