"""The project's modules import each other without cycles.

import-linter's `acyclic_siblings` contract (pyproject.toml) forbids cycles between sibling
packages; this test counts them between single modules too, imports inside functions included
and `TYPE_CHECKING` imports left out, so a cycle hidden in one package's files is caught too.
"""

import grimp

ROOTS = ("healthmatch", "needs", "companies", "matching", "events")


def _project_graph():
    graph = grimp.build_graph(*ROOTS, exclude_type_checking_imports=True, cache_dir=None)
    modules = {m for m in graph.modules if ".migrations" not in m}
    return {
        m: sorted(x for x in graph.find_modules_directly_imported_by(m) if x in modules)
        for m in modules
    }


def strongly_connected(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: every group of two or more modules that import in a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_strongly_connected_finds_a_circle_and_ignores_a_chain():
    edges = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"], "e": []}
    assert strongly_connected(edges) == [["a", "b", "c"]]
    assert strongly_connected({"a": ["b"], "b": [], "c": ["a"]}) == []


def test_project_modules_have_no_import_cycles():
    assert strongly_connected(_project_graph()) == []
