"""The autograd graph behind a tensor, and the backward pass as the engine runs it.

``build_graph`` walks ``grad_fn.next_functions`` (as torchviz does) and returns
plain nodes and edges. ``trace_backward`` runs backward once with hooks on
every node and returns the steps in the order the engine visited them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from core.autograd.chain_rule import CHAIN_RULE, EdgeStep, edge_steps
from core.autograd.collapse import MORE_ID, GraphPlan, plan_graph
from core.base.i18n import _

VALUE_LIMIT = 10_000  # elements kept per recorded forward value
SHORT_TUPLE = 8  # saved tuples (kernel sizes, strides) shorter than this are shown as text


@dataclass(frozen=True)
class SavedTensor:
    """A tensor (or number) autograd kept for a node's backward."""

    name: str
    shape: tuple[int, ...] | None
    value: np.ndarray | None


@dataclass(frozen=True)
class GraphNode:
    """One node: a tensor (``tensor``), a backward function (``function``), ``accumulate``, a run of
    ``count`` functions of one kind (``chain``) or the ``count`` functions not drawn (``more``)."""

    id: str
    kind: str
    label: str
    shape: tuple[int, ...] | None
    name: str | None = None
    value: np.ndarray | None = None
    dtype: str | None = None
    device: str | None = None
    requires_grad: bool = True
    is_leaf: bool = False
    saved: tuple[SavedTensor, ...] = ()
    count: int = 1


@dataclass(frozen=True)
class GraphEdge:
    """Gradient flows from ``source`` to ``target`` (forward values flow the other way)."""

    source: str
    target: str


@dataclass(frozen=True)
class GraphSpec:
    """A whole graph: the root is the output tensor's node; ``total`` counts its backward functions,
    drawn or not (more than the nodes drawn when chains are collapsed)."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    root: str
    total: int = 0

    def node(self, node_id: str) -> GraphNode:
        """Return the node with ``node_id``."""
        return next(n for n in self.nodes if n.id == node_id)

    def kinds(self) -> list[str]:
        """Return the labels of the function nodes (e.g. ``MulBackward0``), in walk order."""
        return [n.label for n in self.nodes if n.kind in ("function", "accumulate")]


@dataclass(frozen=True)
class BackwardStep:
    """One node the engine ran: the gradient that arrived and the ones it passed on.

    ``targets`` and ``edges`` follow the node's inputs in order, one per edge:
    an input used twice (``y * y``) appears twice.
    """

    index: int
    node_id: str
    label: str
    grad_in: tuple[np.ndarray | None, ...]
    grad_out: tuple[np.ndarray | None, ...]
    targets: tuple[str, ...] = field(default=())
    edges: tuple[EdgeStep, ...] = field(default=())


def _copy(value: Any) -> np.ndarray | None:
    if not isinstance(value, torch.Tensor):
        return None
    value = value.detach()
    if value.numel() > VALUE_LIMIT:
        return None
    return value.to("cpu", torch.float64).numpy().copy() if not value.is_complex() else None


class ForwardRecorder(TorchFunctionMode):
    """Remember the output value of every operation that creates a grad_fn (for node details)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[Any, torch.Tensor] = {}

    def __torch_function__(self, func, types, args=(), kwargs=None):
        result = func(*args, **(kwargs or {}))
        outputs = result if isinstance(result, (tuple, list)) else (result,)
        for out in outputs:
            if isinstance(out, torch.Tensor) and out.grad_fn is not None and out.grad_fn not in self.values:
                self.values[out.grad_fn] = out.detach()
        return result


def _saved(fn: Any) -> tuple[SavedTensor, ...]:
    saved = []
    for attr in dir(fn):
        if not attr.startswith("_saved_"):
            continue
        try:
            value = getattr(fn, attr)
        except RuntimeError:  # freed after a backward without retain_graph
            continue
        name = attr.removeprefix("_saved_")
        if isinstance(value, torch.Tensor):
            saved.append(SavedTensor(name, tuple(value.shape), _copy(value)))
        elif isinstance(value, (int, float, bool)) or (isinstance(value, tuple) and len(value) < SHORT_TUPLE):
            saved.append(SavedTensor(f"{name} = {value}", None, None))
    return tuple(saved)


def _describe_tensor(tensor: torch.Tensor) -> dict[str, Any]:
    return {
        "shape": tuple(tensor.shape),
        "value": _copy(tensor),
        "dtype": str(tensor.dtype).removeprefix("torch."),
        "device": str(tensor.device),
        "requires_grad": tensor.requires_grad,
        "is_leaf": tensor.is_leaf,
    }


def _metadata_of(fn: Any) -> dict[str, Any]:
    """Read a node's output shape from autograd's own metadata, for ops no recorder saw."""
    metadata = getattr(fn, "_input_metadata", ())
    if not metadata:
        return {"shape": None}
    first = metadata[0]
    return {
        "shape": tuple(first.shape),
        "dtype": str(first.dtype).removeprefix("torch."),
        "device": str(first.device),
    }


def _parameters(names: dict[str, Any]) -> dict[str, torch.Tensor]:
    """Name the parameters of the networks among ``names``: ``conv1.weight``, or ``net.conv1.weight``
    when several networks hold parameters."""
    modules = {
        name: module
        for name, module in names.items()
        if isinstance(module, nn.Module) and any(True for _parameter in module.parameters())
    }
    return {
        (f"{name}.{parameter_name}" if len(modules) > 1 else parameter_name): parameter
        for name, module in modules.items()
        for parameter_name, parameter in module.named_parameters()
    }


def build_graph(
    output: torch.Tensor,
    names: dict[str, Any] | None = None,
    forward_values: dict[Any, torch.Tensor] | None = None,
) -> GraphSpec:
    """Describe the graph that produced ``output`` (a leaf that requires grad is a graph of one node).

    ``names`` maps variable names to tensors so that named tensors carry their
    names; ``forward_values`` (from :class:`ForwardRecorder`) gives the output
    value of each function node.
    """
    if not isinstance(output, torch.Tensor):
        raise TypeError("build_graph needs a tensor")
    names = names or {}
    if output.grad_fn is None:
        if not output.requires_grad:
            raise ValueError(
                _("This tensor has no graph: it was not computed from tensors with requires_grad=True.")
            )
        # A leaf that requires grad: the graph is this one tensor, until something is computed from it.
        name = next((n for n, v in names.items() if v is output), None)
        leaf = GraphNode("output", "tensor", name or "leaf tensor", name=name, **_describe_tensor(output))
        return GraphSpec((leaf,), (), "output")
    forward_values = forward_values or {}
    fn_names: dict[int, str] = {}
    leaf_names: dict[int, str] = {}
    for name, value in names.items():
        if isinstance(value, torch.Tensor):
            if value.grad_fn is not None:
                fn_names.setdefault(id(value.grad_fn), name)
            elif value.requires_grad:
                leaf_names.setdefault(id(value), name)
    leaf_names.update(
        (id(parameter), parameter_name) for parameter_name, parameter in _parameters(names).items()
    )
    plan = plan_graph(output.grad_fn)
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []
    root_name = fn_names.get(id(output.grad_fn))
    nodes.append(
        GraphNode("output", "tensor", root_name or "output", name=root_name, **_describe_tensor(output))
    )
    edges.append(GraphEdge("output", plan.target(output.grad_fn)))
    for fn in plan.drawn:
        own = plan.target(fn)
        label = type(fn).__name__
        if label == "AccumulateGrad":
            leaf = fn.variable
            nodes.append(GraphNode(own, "accumulate", label, tuple(leaf.shape)))
            leaf_id = f"leaf{id(leaf):x}"
            leaf_name = leaf_names.get(id(leaf))
            nodes.append(
                GraphNode(
                    leaf_id, "tensor", leaf_name or "leaf tensor", name=leaf_name, **_describe_tensor(leaf)
                )
            )
            edges.append(GraphEdge(own, leaf_id))
            continue
        recorded = forward_values.get(fn)
        info = _describe_tensor(recorded) if recorded is not None else _metadata_of(fn)
        info.update(is_leaf=False)
        members = plan.chains.get(own)
        if members:  # a run of one operation: its shape is its first member's output, nothing saved shown
            nodes.append(
                GraphNode(own, "chain", label, name=fn_names.get(id(fn)), count=len(members), **info)
            )
        else:
            nodes.append(
                GraphNode(own, "function", label, name=fn_names.get(id(fn)), saved=_saved(fn), **info)
            )
        edges.extend(GraphEdge(own, target) for target in plan.targets(fn))
    if plan.not_drawn:
        nodes.append(GraphNode(MORE_ID, "more", "more", None, count=plan.not_drawn))
    return GraphSpec(tuple(nodes), tuple(edges), "output", plan.total)


def trace_backward(
    output: torch.Tensor, gradient: torch.Tensor | None = None, retain_graph: bool = True
) -> list[BackwardStep]:
    """Run ``output.backward()`` once; return the drawn nodes in the order the engine ran them.

    Hooks on every node drawn record the gradient arriving (``grad_in``) and the
    gradients passed on to the next functions (``grad_out``); a collapsed chain
    is one step, from its first member's arriving gradient to its last member's
    passed one (see :mod:`core.autograd.collapse`). The hooks are removed
    afterwards. Errors (non-scalar output, freed graph) propagate unchanged.
    """
    if output.grad_fn is None:
        output.backward(gradient)  # raises autograd's own error: nothing to trace
    plan = plan_graph(output.grad_fn)
    steps: list[BackwardStep] = []
    arrived: dict[str, tuple[np.ndarray | None, ...]] = {}
    handles = []
    for fn in plan.drawn:
        own = plan.target(fn)
        members = plan.chains.get(own, [fn])
        last = members[-1]
        targets = tuple(plan.targets(fn))
        count = len(members)

        def pre_hook(grad_outputs, own=own):
            arrived[own] = tuple(_copy(g) for g in grad_outputs)

        def post_hook(grad_inputs, grad_outputs, fn=fn, own=own, targets=targets, last=last, count=count):
            passed = tuple(_copy(g) for g in grad_inputs)
            if type(fn).__name__ == "AccumulateGrad":
                passed = (_copy(fn.variable.grad),)
            grad_in = arrived.get(own, tuple(_copy(g) for g in grad_outputs))
            if count > 1:
                edges = _chain_edges(plan, last, count, passed)
            else:
                edges = edge_steps(fn, plan.target, grad_in[0] if grad_in else None, passed)
            steps.append(BackwardStep(len(steps), own, type(fn).__name__, grad_in, passed, targets, edges))

        handles.append(fn.register_prehook(pre_hook))
        handles.append(last.register_hook(post_hook))
    try:
        output.backward(gradient, retain_graph=retain_graph)
    finally:
        for handle in handles:
            handle.remove()
    return steps


def _chain_edges(
    plan: GraphPlan, last: Any, count: int, passed: tuple[np.ndarray | None, ...]
) -> tuple[EdgeStep, ...]:
    """The edges out of a collapsed chain: what its last member passed on, by the chain's rule."""
    return tuple(
        EdgeStep(
            plan.target(next_fn),
            slot,
            CHAIN_RULE,
            (str(count), type(last).__name__),
            None,
            passed[slot] if slot < len(passed) else None,
        )
        for slot, (next_fn, _input) in enumerate(last.next_functions)
        if next_fn is not None
    )
