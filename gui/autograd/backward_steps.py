"""What the backward steps shown so far mark on the graph: nodes and edges walked, gradients on them."""

from __future__ import annotations

from collections import Counter

from core.autograd.chain_rule import compact
from core.autograd.graph import BackwardStep, GraphSpec

Edge = tuple[str, str]  # (source, target) node ids


def step_states(
    graph: GraphSpec, shown: tuple[BackwardStep, ...]
) -> tuple[dict[str, str], set[Edge], set[Edge]]:
    """Return each walked node's state ("done", or "active" for the last step), the active and done edges."""
    states: dict[str, str] = {"output": "done"} if shown else {}
    done_edges: set[Edge] = {("output", shown[0].node_id)} if shown else set()
    active_edges: set[Edge] = set()
    for i, step in enumerate(shown):
        last = i == len(shown) - 1
        states[step.node_id] = "active" if last else "done"
        edges = {(step.node_id, target) for target in step.targets}
        if step.label == "AccumulateGrad":
            edges = {(e.source, e.target) for e in graph.edges if e.source == step.node_id}
            for _, leaf in edges:
                states[leaf] = "active" if last else "done"
        (active_edges if last else done_edges).update(edges)
    return states, active_edges, done_edges


def gradient_for(graph: GraphSpec, shown: tuple[BackwardStep, ...], node_id: str):
    """Return the gradient the shown steps gave the node ``node_id`` (a leaf: its .grad), or None."""
    for step in shown:
        if step.node_id == node_id and step.grad_in and step.grad_in[0] is not None:
            return step.grad_in[0]
        if step.label == "AccumulateGrad" and any(
            e.source == step.node_id and e.target == node_id for e in graph.edges
        ):
            return step.grad_out[0] if step.grad_out else None
    return None


def gradient_labels(graph: GraphSpec, steps: tuple[BackwardStep, ...]) -> dict[tuple[str, str, int], str]:
    """Label each edge the shown steps sent a gradient along with that gradient, in short."""
    labels = {}
    if steps and steps[0].grad_in and steps[0].grad_in[0] is not None:
        labels[("output", steps[0].node_id, 0)] = compact(steps[0].grad_in[0])
    for step in steps:
        if step.label == "AccumulateGrad" and step.grad_out:  # the leaf's .grad, beside the leaf
            for edge in graph.edges:
                if edge.source == step.node_id:
                    labels[(edge.source, edge.target, 0)] = compact(step.grad_out[0])
        seen: Counter[str] = Counter()
        for edge in step.edges:
            labels[(step.node_id, edge.target, seen[edge.target])] = compact(edge.grad)
            seen[edge.target] += 1
    return labels
