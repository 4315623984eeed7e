"""The demo's modules import each other one way only: seed.py calls the parts, which share
world.py and never import seed.py or each other (imports inside functions count)."""

import ast
from pathlib import Path

import healthmatch.demo

PACKAGE = Path(healthmatch.demo.__file__).parent
PREFIX = "healthmatch.demo."


def demo_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "healthmatch.demo":
                names |= {alias.name for alias in node.names}
            elif node.module.startswith(PREFIX):
                names.add(node.module.removeprefix(PREFIX).split(".")[0])
        elif isinstance(node, ast.Import):
            names |= {
                a.name.removeprefix(PREFIX).split(".")[0]
                for a in node.names
                if a.name.startswith(PREFIX)
            }
    return names


def graph() -> dict[str, set[str]]:
    modules = {p.stem: p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return {name: demo_imports(path) & set(modules) for name, path in modules.items()}


def test_demo_modules_import_without_cycles():
    edges = graph()
    state: dict[str, str] = {}
    cycles = []

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(edges[name]):
            if state.get(target) == "open":
                cycles.append([*trail, name, target])
            elif target not in state:
                visit(target, [*trail, name])
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [])
    assert cycles == []


def test_demo_parts_share_the_world_not_the_seeder():
    edges = graph()
    for part in ("seed_bids", "seed_needs", "seed_capabilities"):
        assert "world" in edges[part], part
        assert "seed" not in edges[part], part
    assert {"seed_bids", "seed_needs", "seed_capabilities", "quiet"} <= edges["seed"]
