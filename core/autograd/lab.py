"""The Autograd tab's engine: run code, find its output, draw the graph, step through backward."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import torch

from core.autograd.graph import BackwardStep, ForwardRecorder, GraphSpec, build_graph, trace_backward
from core.base.i18n import _
from core.tensors.errors import explain
from core.tensors.sandbox import Session

PREFERRED_OUTPUTS = ("loss", "out", "output", "z", "y")  # a loss is computed from an out


@dataclass(frozen=True)
class LabOutcome:
    """The result of running code: the graph of its output, or a message."""

    code: str
    graph: GraphSpec | None
    output_name: str | None
    error: str | None
    note: str | None = None
    output: str = ""  # what the code printed


@dataclass(frozen=True)
class BackwardOutcome:
    """The backward steps in engine order and the leaves' gradients afterwards."""

    steps: tuple[BackwardStep, ...]
    leaf_grads: dict[str, np.ndarray]
    error: str | None
    accumulated: bool  # True when a leaf already had a gradient: it was added to, not replaced
    ran: int = 0  # backward functions run: more than the steps when chains were collapsed or not drawn


class AutogradLab:
    """One sandbox session whose tensors' graph can be drawn and walked backwards."""

    def __init__(self, session: Session | None = None) -> None:
        self.session = session or Session()
        self.output: torch.Tensor | None = None
        self.output_name: str | None = None
        self.ran = 0  # the backward functions in the current graph
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Forget the variables and the graph."""
        with self._lock:
            self.session.reset()
            self.output = self.output_name = None

    def run(self, code: str) -> LabOutcome:
        """Run ``code`` from a fresh session and build the graph of its output."""
        with self._lock:
            self.session.reset()
            self.output = None
            recorder = ForwardRecorder()
            with recorder:
                result = self.session.run(code)
            if result.error:
                return LabOutcome(result.code, None, None, result.error, result.note, result.output)
            variables = result.variables
            name = self._pick_output(variables, result.value)
            if name is None:
                leaves = [n for n, v in variables.items() if isinstance(v, torch.Tensor) and v.requires_grad]
                if leaves:  # e.g. the lesson's x = Variable(torch.ones(2, 2), requires_grad=True) alone
                    graph = build_graph(variables[leaves[-1]], variables)
                    return LabOutcome(result.code, graph, leaves[-1], None, result.note, result.output)
                return LabOutcome(
                    result.code,
                    None,
                    None,
                    _(
                        "No tensor here has a graph. Create inputs with requires_grad=True "
                        "(e.g. x = torch.ones(2, 2, requires_grad=True)) and compute from them."
                    ),
                    result.note,
                    result.output,
                )
            output = variables[name] if name != "result" else result.value
            self.output, self.output_name = output, name
            graph = build_graph(output, variables, recorder.values)
            self.ran = graph.total
            return LabOutcome(result.code, graph, name, None, result.note, result.output)

    @staticmethod
    def _pick_output(variables: dict[str, object], value: object) -> str | None:
        if isinstance(value, torch.Tensor) and value.grad_fn is not None:
            for name, candidate in variables.items():
                if candidate is value:
                    return name
            return "result"
        with_graph = [
            n for n, v in variables.items() if isinstance(v, torch.Tensor) and v.grad_fn is not None
        ]
        for preferred in PREFERRED_OUTPUTS:
            if preferred in with_graph:
                return preferred
        return with_graph[-1] if with_graph else None

    def backward(self) -> BackwardOutcome:
        """Run backward through the current graph, recording each step."""
        with self._lock:
            if self.output is None:
                return BackwardOutcome((), {}, _("Run some code first: there is no graph yet."), False)
            leaves = self._leaves()
            accumulated = any(t.grad is not None and bool(t.grad.abs().sum() > 0) for t in leaves.values())
            try:
                steps = trace_backward(self.output)
            except RuntimeError as exc:
                return BackwardOutcome((), {}, explain(exc), False)
            grads = {
                name: t.grad.detach().cpu().numpy().copy() for name, t in leaves.items() if t.grad is not None
            }
            return BackwardOutcome(tuple(steps), grads, None, accumulated, self.ran)

    def zero_grad(self) -> list[str]:
        """Set the named leaves' gradients to zero (as optimizer.zero_grad() does); return their names."""
        with self._lock:
            leaves = self._leaves()
            for tensor in leaves.values():
                if tensor.grad is not None:
                    tensor.grad.zero_()
            return list(leaves)

    def _leaves(self) -> dict[str, torch.Tensor]:
        return {
            name: value
            for name, value in self.session.variables.items()
            if isinstance(value, torch.Tensor) and value.is_leaf and value.requires_grad
        }
