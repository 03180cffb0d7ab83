"""What may import what, read from the source (every import statement, those inside functions
too): no import cycle in the composition root, no service importing another service or the
composition root, and `shared/` importing no service. `services/platform/` is the composition
root: it alone may import several services (its registry and the admin's console)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOT_PACKAGE = "services.platform"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(*packages: str) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((ROOT / package.replace(".", "/")).rglob("*.py")):
            found[module_name(path)] = path
    return found


def imported(name: str, path: Path) -> Iterator[str]:
    """Every module name an import in this file may load: `from a import b` gives `a` and
    `a.b` (b may be a submodule), relative imports resolved, `import_module("…")` with a
    constant name included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def service_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "services" and len(parts) > 1 else None


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph, as the path that closes it, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node], _ = "open", stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node], _ = "done", stack.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_composition_root_has_no_import_cycle() -> None:
    known = modules(ROOT_PACKAGE)
    graph = {
        name: {target for target in imported(name, path) if target in known and target != name}
        for name, path in known.items()
    }
    assert cycle(graph) is None, " → ".join(cycle(graph) or [])


def test_the_cycle_finder_finds_one() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_no_service_imports_another_service_or_the_composition_root() -> None:
    wrong = sorted(
        f"{name} imports {target}"
        for name, path in modules("services").items()
        if service_of(name) not in (None, "platform")
        for target in imported(name, path)
        if service_of(target) not in (None, service_of(name))
    )
    assert wrong == []


def test_shared_imports_no_service() -> None:
    wrong = sorted(
        f"{name} imports {target}"
        for name, path in modules("shared").items()
        for target in imported(name, path)
        if target == "services" or target.startswith("services.")
    )
    assert wrong == []


def test_no_module_sits_loose_in_services() -> None:
    loose = sorted(p.name for p in (ROOT / "services").glob("*.py") if p.name != "__init__.py")
    assert loose == []


def test_the_scan_reads_function_level_and_relative_imports(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(
        "def f():\n    from services.review import operations\n"
        "from . import sibling\nimport_module('services.documents.app')\n"
    )
    found = set(imported("services.submission.mod", source))
    assert {"services.review.operations", "services.submission.sibling"} <= found
    assert "services.documents.app" in found
