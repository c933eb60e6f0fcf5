"""The library's layout keeps its promises: no import cycle, no private name crosses a module,
sibling imports at the top of each file, modules of a readable size."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[1] / "lib" / "readout"
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(LIB.rglob("*.py")):
        parts = path.relative_to(LIB.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(path: Path, top_only: bool):
    """(module imported, names imported, node) for every ``from readout... import`` in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "readout":
            yield node.module, [a.name for a in node.names], node


def import_graph() -> dict[str, set[str]]:
    """Module -> the library modules it imports at module level."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        deps = set()
        for module, names, _ in _imports(path, top_only=True):
            if module in MODULES:
                deps.add(module)
            deps.update(f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES)
        graph[name] = deps - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return stack[stack.index(dep) :] + [dep]
            if dep not in state and (found := visit(dep)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    assert find_cycle(import_graph()) is None


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_is_imported_from_another_module(name):
    bad = [
        f"{module}.{n}"
        for module, names, _ in _imports(MODULES[name], top_only=False)
        for n in names
        if n.startswith("_") and module != name
    ]
    assert not bad, f"{name} imports private names {bad}: make them public in the module that owns them"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_sibling_imports_sit_at_the_top(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    inside = [
        f"line {node.lineno}: {node.module}"
        for top in tree.body
        if not isinstance(top, (ast.Import, ast.ImportFrom))
        for node in ast.walk(top)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "readout"
    ]
    assert not inside, f"{name} imports library modules inside functions: {inside}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_reaches_into_the_corpus_memo(name):
    text = MODULES[name].read_text(encoding="utf-8")
    if name == "readout.corpus.model":
        return
    assert "._cache" not in text, f"{name} touches Corpus._cache: use Corpus.cached / memoised / remember"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_readable(name):
    n = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{name} has {n} lines; split it by concept (limit {MAX_LINES})"
