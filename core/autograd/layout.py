"""A small layered (Sugiyama-style) layout for directed acyclic graphs.

Layers are longest-path distances from the root; within a layer, nodes are
ordered by the barycentre of their neighbours over a few sweeps, which keeps
edge crossings low for the chain-like graphs autograd builds.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence

SWEEPS = 4


def assign_layers(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Return each node's layer: the length of the longest path to it from a source."""
    children: dict[str, list[str]] = defaultdict(list)
    indegree = dict.fromkeys(nodes, 0)
    for source, target in edges:
        children[source].append(target)
        indegree[target] = indegree.get(target, 0) + 1
    layer = dict.fromkeys(indegree, 0)
    queue = deque(n for n, d in indegree.items() if d == 0)
    remaining = dict(indegree)
    while queue:
        node = queue.popleft()
        for child in children[node]:
            layer[child] = max(layer[child], layer[node] + 1)
            remaining[child] -= 1
            if remaining[child] == 0:
                queue.append(child)
    return layer


def layered_layout(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> dict[str, tuple[float, int]]:
    """Return ``{node: (x, layer)}`` with x centred on 0 and one unit between neighbours."""
    layer = assign_layers(nodes, edges)
    rows: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        rows[layer[node]].append(node)
    parents: dict[str, list[str]] = defaultdict(list)
    kids: dict[str, list[str]] = defaultdict(list)
    for source, target in edges:
        parents[target].append(source)
        kids[source].append(target)
    position = {node: float(i) for row in rows.values() for i, node in enumerate(row)}
    depth = max(rows) if rows else 0
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        order = range(1, depth + 1) if downward else range(depth - 1, -1, -1)
        for index in order:
            neighbours = parents if downward else kids
            row = rows[index]

            def barycentre(node: str, neighbours: dict[str, list[str]] = neighbours) -> float:
                linked = neighbours.get(node)
                return sum(position[n] for n in linked) / len(linked) if linked else position[node]

            row.sort(key=barycentre)
            for i, node in enumerate(row):
                position[node] = float(i)
    result = {}
    for index, row in rows.items():
        offset = (len(row) - 1) / 2
        for i, node in enumerate(row):
            result[node] = (i - offset, index)
    return result


def exclusive_upstream(node: str, edges: Sequence[tuple[str, str]], root: str) -> set[str]:
    """Return the nodes reachable from the root only through ``node`` (what collapsing it hides)."""
    children: dict[str, list[str]] = defaultdict(list)
    for source, target in edges:
        children[source].append(target)

    def reachable(start: str, blocked: str | None) -> set[str]:
        seen, stack = set(), [start]
        while stack:
            current = stack.pop()
            if current in seen or current == blocked:
                continue
            seen.add(current)
            stack.extend(children[current])
        return seen

    below = reachable(node, None) - {node}
    return below - reachable(root, node)
