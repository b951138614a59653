"""The layout stays true: each package of ``geo`` imports only from the packages before it.

Data flows one way (README, "Layout"); this test reads every import of ``geo/`` with :mod:`ast`,
imports inside functions included, so a shortcut back up the flow fails here rather than as a
cycle someone patches with a local import.
"""

from __future__ import annotations

import ast
from pathlib import Path

GEO = Path(__file__).resolve().parent.parent / "geo"
#: The packages in the order data flows; ``app`` and ``cli`` are the two front ends, side by side.
LAYERS = {
    "core": 0,
    "gazetteer": 1,
    "read": 2,
    "timeline": 3,
    "store": 4,
    "render": 5,
    "publish": 6,
    "app": 7,
    "cli": 7,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(GEO.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """``(module imported, names, line)`` for every import in ``path``, relative ones resolved."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, [a.name for a in node.names], node.lineno))
    return found


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "geo" and len(parts) > 1 and parts[1] in LAYERS else None


SOURCES = sorted(GEO.rglob("*.py"))


def test_every_module_is_in_a_layer():
    loose = [module_name(p) for p in SOURCES if layer(module_name(p)) is None and p.parent != GEO]
    assert loose == []
    top = sorted(p.name for p in GEO.glob("*.py"))
    assert top == ["__init__.py", "__main__.py"], "modules belong in a layer's package, not at geo/'s top"


def test_imports_go_down_the_flow_only():
    """Nothing imports from a later layer, nor from the other front end."""
    wrong = [
        f"{module_name(path)} line {line}: imports {target}"
        for path in SOURCES
        if (own := layer(module_name(path)))
        for target, _, line in imports(path)
        if layer(target) and layer(target) != own and LAYERS[layer(target)] >= LAYERS[own]
    ]
    assert wrong == []


def test_no_private_name_crosses_a_package():
    crossing = [
        f"{module_name(path)} line {line}: {name} from {target}"
        for path in SOURCES
        for target, names, line in imports(path)
        if layer(target) and layer(target) != layer(module_name(path))
        for name in names
        if name.startswith("_")
    ]
    assert crossing == []


def test_other_packages_are_reached_through_their_public_names():
    """Across packages, import the package (``from ..core import Claim``), not its modules; only
    the spaCy pipeline is reached by its module, so importing ``geo.read`` does not load spaCy."""
    deep = []
    for path in SOURCES:
        own = layer(module_name(path))
        for target, _, line in imports(path):
            if (
                layer(target)
                and layer(target) != own
                and target.count(".") > 1
                and target != "geo.read.pipeline"
            ):
                deep.append(f"{module_name(path)} line {line}: {target}")
    assert deep == []


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = {}
    names = {module_name(p) for p in SOURCES}
    for path in SOURCES:
        edges = set()
        for target, imported, _ in imports(path):
            submodules = {f"{target}.{n}" for n in imported} & names
            plain = [n for n in imported if f"{target}.{n}" not in names]
            for candidate in (*submodules, *([target] if plain or not imported else [])):
                if candidate in names and candidate != module_name(path):
                    edges.add(candidate)
        graph[module_name(path)] = edges
    # an import of a package is an edge to its __init__, which imports the package's modules
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []
