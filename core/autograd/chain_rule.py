"""The chain rule at one backward step: the gradient arriving, times the local derivative, passed on.

For each input (edge) of a node, :func:`edge_steps` names the local derivative
of the node's operation (a formula in words, with the saved numbers it uses)
and, for operations that work element by element, its numbers: what the
arriving gradient is multiplied by. An input used twice (``y * y``) is two
edges, each with its own gradient; they add up where the input was made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from core.base.i18n import N_

VALUE_LIMIT = 10_000  # elements kept per gradient or local derivative
SHOWN_VALUES = 4  # a number list in a formula shows this many values at most

SUM_RULE = N_("1: a sum passes the gradient on unchanged")
OTHER_FACTOR = N_("the other factor, {0}")
RULES_BY_SLOT: dict[str, tuple[str, ...]] = {
    "Sub": (SUM_RULE, N_("-1: what is subtracted gets the gradient with its sign changed")),
    "Div": (N_("1 / the divisor, 1 / {0}"), N_("-(the dividend) / (the divisor)², -{1} / {0}²")),
    "MseLoss": (N_("2 × (output - target) / n, n = {0}"), N_("-2 × (output - target) / n, n = {0}")),
    "Addmm": (
        N_("1 for the bias: its gradient is the arriving one, summed over the batch"),
        N_("a matrix product: the arriving gradient @ the weights (back through each weight)"),
        N_("a matrix product: the layer's inputᵀ @ the arriving gradient (input × gradient, per weight)"),
    ),
}
RULES: dict[str, str] = {
    "Add": SUM_RULE,
    "Mul": OTHER_FACTOR,
    "Mean": N_("1/n for each element, n = {0}"),
    "Sum": N_("1 for each element: a sum passes the gradient on unchanged"),
    "Pow": N_("exponent × base^(exponent - 1), with exponent {0} and base {1}"),
    "Exp": N_("exp(input), that is the result, {0}"),
    "Relu": N_("1 where the result is above 0, else 0"),
    "Sigmoid": N_("result × (1 - result)"),
    "Tanh": N_("1 - result²"),
    "Neg": N_("-1: the gradient changes sign"),
    "T": N_("a transpose: the gradient is transposed back"),
    "View": N_("a reshape: the same numbers, in the input's shape"),
    "Reshape": N_("a reshape: the same numbers, in the input's shape"),
    "MaxPool2DWithIndices": N_("the gradient goes to the largest input of each window, 0 to the others"),
    "Convolution": N_(
        "a convolution: the gradient is convolved back with the filters (for the input) "
        "and with the input (for the filters)"
    ),
}
CHAIN_RULE = N_("the product of the local derivatives of the {0} {1} in this chain, one after another")
GENERIC_RULE = N_("the derivative of {0} (its Jacobian)")
# Operations that act element by element: there the local derivative is a number per element.
ELEMENTWISE = frozenset(
    {"Add", "Sub", "Mul", "Div", "Mean", "Sum", "Pow", "Exp", "Relu", "Sigmoid", "Tanh", "Neg", "MseLoss"}
)


@dataclass(frozen=True)
class EdgeStep:
    """One edge of a backward step: the gradient the node passes to one of its inputs.

    ``rule`` is an English (``N_``) formula of the local derivative with
    ``{0}``, ``{1}`` standing for ``values``; ``local`` holds its numbers when
    the operation works element by element (gradient passed on = arriving × local).
    """

    target: str
    slot: int
    rule: str
    values: tuple[str, ...]
    local: np.ndarray | None
    grad: np.ndarray | None


def operation(label: str) -> str:
    """Return the operation of a backward node's name: ``MulBackward0`` -> ``Mul``."""
    return re.sub(r"Backward\d*$", "", label)


def compact(value: Any) -> str:
    """Write a tensor, array or number short: one number when every element is the same."""
    if isinstance(value, torch.Tensor):
        value = value.detach().to("cpu", torch.float64).numpy() if value.numel() <= VALUE_LIMIT else None
    if value is None:
        return "?"
    array = np.asarray(value, dtype=np.float64)
    flat = array.ravel()
    if flat.size and np.all(flat == flat[0]):
        return f"{flat[0]:.4g}"
    shown = ", ".join(f"{v:.4g}" for v in flat[:SHOWN_VALUES])
    return f"[{shown}{', ...' if flat.size > SHOWN_VALUES else ''}]"


def _saved(fn: Any, name: str) -> Any:
    try:
        return getattr(fn, f"_saved_{name}")
    except (AttributeError, RuntimeError):  # not kept, or freed after a backward
        return None


def _numel(fn: Any) -> str:
    count = _saved(fn, "self_sym_numel")
    if count is None:
        sizes = _saved(fn, "self_sym_sizes")
        count = int(np.prod(sizes)) if sizes else None
    if count is None:
        saved = _saved(fn, "self")
        count = saved.numel() if isinstance(saved, torch.Tensor) else None
    return "?" if count is None else str(int(count))


# The numbers each rule names, read from what autograd saved for the node.
RULE_VALUES: dict[str, Callable[[Any, int], tuple[str, ...]]] = {
    "Mul": lambda fn, slot: (compact(_saved(fn, "other" if slot == 0 else "self")),),
    "Div": lambda fn, slot: (compact(_saved(fn, "other")), compact(_saved(fn, "self"))),
    "Mean": lambda fn, slot: (_numel(fn),),
    "MseLoss": lambda fn, slot: (_numel(fn),),
    "Pow": lambda fn, slot: (compact(_saved(fn, "exponent")), compact(_saved(fn, "self"))),
    "Exp": lambda fn, slot: (compact(_saved(fn, "result")),),
}


def local_rule(fn: Any, slot: int) -> tuple[str, tuple[str, ...]]:
    """Return the local derivative of node ``fn`` for its input ``slot``: a formula and its numbers."""
    op = operation(type(fn).__name__)
    by_slot = RULES_BY_SLOT.get(op, ())
    rule = by_slot[slot] if slot < len(by_slot) else RULES.get(op, GENERIC_RULE)
    if rule is GENERIC_RULE:
        return rule, (type(fn).__name__,)
    values = RULE_VALUES.get(op)
    return rule, values(fn, slot) if values else ()


def local_numbers(op: str, grad_in: np.ndarray | None, grad: np.ndarray | None) -> np.ndarray | None:
    """Return gradient passed on / gradient arriving, element by element, where that is the derivative."""
    if op not in ELEMENTWISE or grad_in is None or grad is None:
        return None
    try:
        if np.broadcast_shapes(grad_in.shape, grad.shape) != grad.shape:
            return None
    except ValueError:
        return None
    if not np.all(grad_in != 0):
        return None
    with np.errstate(all="ignore"):
        local = np.asarray(grad / grad_in)  # an array even for 0-d gradients (not a NumPy scalar)
    return local if np.all(np.isfinite(local)) else None


def edge_steps(
    fn: Any, node_id: Callable[[Any], str], grad_in: np.ndarray | None, grads: tuple[np.ndarray | None, ...]
) -> tuple[EdgeStep, ...]:
    """Describe each edge of node ``fn`` for one backward pass (``grads``: one per input slot)."""
    op = operation(type(fn).__name__)
    edges = []
    for slot, (next_fn, _input) in enumerate(fn.next_functions):
        if next_fn is None:
            continue  # a constant (such as the 3 in y * 3): nothing to pass a gradient to
        grad = grads[slot] if slot < len(grads) else None
        rule, values = local_rule(fn, slot)
        edges.append(EdgeStep(node_id(next_fn), slot, rule, values, local_numbers(op, grad_in, grad), grad))
    return tuple(edges)
