"""Big graphs made small enough to draw: repeated chains collapsed, the rest capped.

A loop such as ``for i in range(7000): y = y * 1.0001`` builds 7000 ``MulBackward0``
nodes in a row. Beyond :data:`COLLAPSE_ABOVE` nodes, each run of at least
:data:`MIN_CHAIN` nodes of the same operation, each feeding only the next, is
drawn as one node ("MulBackward0 × 7000"), and backward through it is one step.
If more than :data:`NODE_LIMIT` nodes remain, the ones nearest the output are
drawn and one last node counts the rest. Both the graph and the backward trace
follow the same :class:`GraphPlan`, so their node ids agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

COLLAPSE_ABOVE = 300  # graphs up to this many nodes are drawn node by node
MIN_CHAIN = 3  # a run of fewer nodes of one operation is drawn as it is
NODE_LIMIT = 400  # at most this many nodes are drawn (a leaf tensor beside its AccumulateGrad aside)
MORE_ID = "more"  # the node that stands for the nodes not drawn


def node_id(fn: Any) -> str:
    """Name a backward function's node (stable while the graph lives)."""
    return f"fn{id(fn):x}"


def walk(root: Any) -> Iterator[Any]:
    """Yield every backward function reachable from ``root`` once, nearest the output first."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        fn = stack.pop()
        if fn is None or id(fn) in seen:
            continue
        seen.add(id(fn))
        yield fn
        stack.extend(next_fn for next_fn, _input in reversed(fn.next_functions))


@dataclass
class GraphPlan:
    """Which node each backward function is drawn as.

    ``drawn`` lists the functions drawn as themselves and the first of each
    chain, in walk order; ``chains`` maps a chain's id to its members (first
    nearest the output); ``total`` counts every function, ``not_drawn`` those
    drawn as neither (they count in the :data:`MORE_ID` node).
    """

    drawn: list[Any]
    node_of: dict[int, str]
    chains: dict[str, list[Any]] = field(default_factory=dict)
    total: int = 0
    not_drawn: int = 0

    def target(self, fn: Any) -> str:
        """The node an edge into ``fn`` points at: its own, its chain's, or the one counting the rest."""
        return self.node_of.get(id(fn), MORE_ID)

    def targets(self, fn: Any) -> list[str]:
        """The nodes the edges out of ``fn``'s drawn node point at (one per edge; a chain's once each)."""
        members = self.chains.get(self.node_of.get(id(fn), ""), [fn])
        own = self.node_of.get(id(fn))
        found = [self.target(n) for m in members for n, _input in m.next_functions if n is not None]
        found = [t for t in found if t != own]
        if len(members) > 1 or MORE_ID in found:
            return list(dict.fromkeys(found))  # a chain, or edges into the rest: each target once
        return found


def plan_graph(root: Any) -> GraphPlan:
    """Decide how the graph behind ``root`` (a ``grad_fn``) is drawn."""
    functions = list(walk(root))
    if len(functions) <= COLLAPSE_ABOVE:
        return GraphPlan(functions, {id(fn): node_id(fn) for fn in functions}, total=len(functions))
    indegree = Counter(id(n) for fn in functions for n, _input in fn.next_functions if n is not None)
    following: dict[int, Any] = {}
    for fn in functions:
        if type(fn).__name__ == "AccumulateGrad":
            continue
        same = [
            n
            for n, _input in fn.next_functions
            if n is not None and type(n) is type(fn) and indegree[id(n)] == 1
        ]
        if len(same) == 1:
            following[id(fn)] = same[0]
    followed = {id(n) for n in following.values()}
    drawn: list[Any] = []
    node_of: dict[int, str] = {}
    chains: dict[str, list[Any]] = {}
    for fn in functions:  # a chain's first member comes before the others: they are reached through it
        if id(fn) in node_of:
            continue
        if id(fn) in following and id(fn) not in followed:
            members = [fn]
            while id(members[-1]) in following:
                members.append(following[id(members[-1])])
            if len(members) >= MIN_CHAIN:
                chain_id = f"chain{id(fn):x}"
                chains[chain_id] = members
                node_of.update((id(m), chain_id) for m in members)
                drawn.append(fn)
                continue
        node_of[id(fn)] = node_id(fn)
        drawn.append(fn)
    plan = GraphPlan(drawn, node_of, chains, total=len(functions))
    if len(drawn) > NODE_LIMIT:
        kept = drawn[:NODE_LIMIT]
        kept_ids = {node_of[id(fn)] for fn in kept}
        plan.drawn = kept
        plan.node_of = {key: value for key, value in node_of.items() if value in kept_ids}
        plan.chains = {key: value for key, value in chains.items() if key in kept_ids}
        plan.not_drawn = len(functions) - len(plan.node_of)
    return plan
