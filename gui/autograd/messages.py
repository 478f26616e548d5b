"""What the Autograd tab writes: its messages and a node's details, in the current language."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from core.autograd.chain_rule import compact
from core.autograd.collapse import NODE_LIMIT
from core.autograd.graph import GraphNode, GraphSpec
from core.autograd.lab import BackwardOutcome

GRAD_VALUES_SHOWN = 4  # a leaf's gradient in the message: its first few values

translate = QCoreApplication.translate


def graph_message(name: str, graph: GraphSpec) -> str:
    """Say whose graph is drawn and how to go back through it (and, for a big graph, how it was made
    small enough to draw)."""
    count = len(graph.nodes)
    if any(node.kind in ("chain", "more") for node in graph.nodes):
        return translate(
            "AutogradMessages",
            "The graph of {0} has {1} backward functions, drawn as {2} nodes: a run of one operation is "
            "one node (× how many times), and one node counts those beyond the first {3}. Press Backward, "
            "or Step: a run is one step.",
        ).format(name, graph.total, count, NODE_LIMIT)
    return translate(
        "AutogradMessages", "The graph of {0}: {1} nodes. Press Backward, or Step to walk it node by node."
    ).format(name, count)


def leaf_message(name: str) -> str:
    """Say why the graph of the leaf ``name`` is that one tensor."""
    return translate(
        "AutogradMessages",
        "{0} is a leaf: it requires grad but was computed from nothing, so its grad_fn is None and "
        "the graph is this one tensor. Compute from it (y = {0} + 2) to grow a graph.",
    ).format(name)


def step_message(number: int, total: int, label: str) -> str:
    """Say what backward step ``number`` of ``total`` (a node called ``label``) did."""
    if label == "AccumulateGrad":
        text = translate(
            "AutogradMessages", "Step {0} of {1}: AccumulateGrad added the gradient into the leaf's .grad."
        ).format(number, total)
    else:
        text = translate(
            "AutogradMessages", "Step {0} of {1}: {2} received the gradient and passed it on."
        ).format(number, total, label)
    if number == total:
        text += " " + translate("AutogradMessages", "Backward is complete.")
    return text


def grads_message(outcome: BackwardOutcome, prefix: Callable[[], str] | None = None) -> str:
    """Give the leaves' gradients after ``prefix``, and say when they accumulated."""
    grads = "; ".join(f"{name}.grad = {short(values)}" for name, values in outcome.leaf_grads.items())
    text = (prefix() + " " if prefix else "") + (grads or translate("AutogradMessages", "Backward ran."))
    if outcome.accumulated:
        text += " " + translate(
            "AutogradMessages",
            "The gradient was added to the one already there (gradients accumulate), "
            "so it doubled. Press Zero grad to start from zero, as optimizer.zero_grad() does.",
        )
    if outcome.ran > len(outcome.steps):
        text += " " + translate(
            "AutogradMessages",
            "Backward ran through all {0} backward functions; the {1} steps shown stand for them "
            "(a run drawn as one node is one step).",
        ).format(outcome.ran, len(outcome.steps))
    return text


def zeroed_message(names: tuple[str, ...]) -> str:
    """Say which gradients were set to zero."""
    return translate("AutogradMessages", "Set to zero: {0}.").format(
        ", ".join(f"{n}.grad" for n in names) or translate("AutogradMessages", "nothing")
    )


def node_title(node: GraphNode) -> str:
    """Name a node as the graph shows it: a tensor by its variable, else by what it is."""
    if node.kind == "chain":
        return f"{node.label} × {node.count}"
    if node.kind == "more":
        return translate("AutogradMessages", "{0} more not drawn").format(node.count)
    if node.kind != "tensor":
        return f"{node.name} = {node.label}" if node.kind == "function" and node.name else node.label
    if node.name:
        return node.name
    unnamed = {  # the graph's names for a tensor no variable holds
        "output": translate("AutogradMessages", "output"),
        "leaf tensor": translate("AutogradMessages", "leaf tensor"),
    }
    return unnamed.get(node.label, node.label)


def details_html(node: GraphNode) -> str:
    """Describe ``node`` in rich text: its name (once, as the graph writes it), kind, shape, dtype and
    what it saved for backward."""
    kinds = {
        "tensor": translate("AutogradMessages", "tensor"),
        "function": translate("AutogradMessages", "backward function (grad_fn)"),
        "accumulate": translate("AutogradMessages", "AccumulateGrad: adds the gradient into a leaf's .grad"),
        "chain": translate(
            "AutogradMessages",
            "{0} backward functions {1} in a row, each feeding only the next (as a loop builds them), "
            "drawn as one node",
        ).format(node.count, node.label),
        "more": translate(
            "AutogradMessages",
            "{0} backward functions not drawn: only the first {1} nodes nearest the output are. "
            "Backward still runs through them all.",
        ).format(node.count, NODE_LIMIT),
    }
    rows = [f"<b>{html.escape(node_title(node), quote=False)}</b>", kinds.get(node.kind, node.kind)]
    if node.kind == "more":
        return "<br>".join(rows)
    shape = "?" if node.shape is None else str(tuple(node.shape))
    rows.append(translate("AutogradMessages", "output shape: {0}").format(shape))
    if node.dtype:
        rows.append(translate("AutogradMessages", "dtype: {0}, device: {1}").format(node.dtype, node.device))
    if node.kind == "tensor":
        rows.append(
            translate("AutogradMessages", "requires_grad: {0}, is_leaf: {1}").format(
                node.requires_grad, node.is_leaf
            )
        )
    if node.saved:
        saved = "; ".join(saved_text(s) for s in node.saved)
        rows.append(translate("AutogradMessages", "saved for backward: {0}").format(saved))
    return "<br>".join(rows)


def saved_text(saved) -> str:
    """Write a saved tensor as name = values (and its shape), a saved setting as it is."""
    if saved.shape is None:
        return saved.name
    shape = f" {tuple(saved.shape)}" if saved.shape else ""
    if saved.value is None:
        return f"{saved.name}{shape}"
    return f"{saved.name} = {compact(saved.value)}{shape}"


def short(values) -> str:
    """Write a gradient's first few values, with ... when there are more."""
    flat = values.ravel()
    shown = ", ".join(f"{v:g}" for v in flat[:GRAD_VALUES_SHOWN])
    return f"[{shown}{', ...' if flat.size > GRAD_VALUES_SHOWN else ''}]"
