"""The lesson's steps, as code to run and a short explanation of what to notice."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from core.base.i18n import N_


@dataclass(frozen=True)
class Step:
    """One guided step: its code, what it teaches, and the variable to show afterwards.

    ``title`` and ``explanation`` are in English; show them through ``core.base.i18n._``.
    """

    title: str
    code: str
    explanation: str
    show: str | None = None
    cell: int = 0  # the lesson cell it belongs to: the Tensors tab numbers its steps as the Lesson tab does


TENSOR_STEPS: tuple[Step, ...] = (
    Step(
        N_("Uninitialised memory"),
        "x = torch.Tensor(5, 3)\nzeros = torch.zeros(5, 3)\nempty = torch.empty(5, 3)\nx",
        N_(
            "torch.Tensor(5, 3) (like torch.empty) only reserves memory for 15 numbers and does not "
            "clear it, so it shows whatever bytes were there: garbage, different each time. torch.zeros "
            "fills the memory with 0. Use empty only when you overwrite every value anyway."
        ),
        "x",
        cell=2,
    ),
    Step(
        N_("Random numbers"),
        "x = torch.rand(5, 3)\nx",
        N_(
            "torch.rand draws uniform random numbers between 0 and 1. Run it again: new numbers each time, "
            "unless you fix the seed with torch.manual_seed(0)."
        ),
        "x",
        cell=3,
    ),
    Step(
        N_("Size"),
        "x.size()",
        N_(
            "x.size() (or x.shape) is a torch.Size, a tuple: 5 rows and 3 columns. It is the first thing "
            "to check when shapes do not fit."
        ),
        "x",
        cell=4,
    ),
    Step(
        N_("Addition"),
        "y = torch.rand(5, 3)\nx + y",
        N_("x + y adds element by element and returns a new tensor; x and y are unchanged."),
        None,
        cell=5,
    ),
    Step(
        N_("Addition into a given tensor"),
        "result = torch.empty(5, 3)\ntorch.add(x, y, out=result)\nresult",
        N_(
            "out=result writes the sum into memory you provide instead of allocating a new tensor. "
            "The values equal x + y."
        ),
        "result",
        cell=6,
    ),
    Step(
        N_("In place: add_"),
        "y.add_(x)\ny",
        N_(
            "Methods ending in _ change the tensor itself: y.add_(x) adds x into y's memory. "
            "The highlighted cells are the ones that changed."
        ),
        "y",
        cell=7,
    ),
    Step(
        N_("Indexing"),
        "x[:, 1]",
        N_(
            "Indexing works like NumPy: x[:, 1] is every row, column 1 (the second). It is a view: "
            "it shares x's memory."
        ),
        None,
        cell=8,
    ),
    Step(
        N_("NumPy bridge"),
        "a = torch.ones(5)\nb = a.numpy()\nb",
        N_(
            "a.numpy() gives a NumPy array that shares a's memory: no copy is made. "
            "The badge 'shares memory with a' says so."
        ),
        "b",
        cell=10,
    ),
    Step(
        N_("Shared memory changes together"),
        "a.add_(1)\nb",
        N_(
            "a.add_(1) changed a in place, and b shows 2s too: they are the same memory seen two ways. "
            "Use b = a.numpy().copy() (or a.clone()) for an independent copy."
        ),
        "b",
        cell=10,
    ),
    Step(
        N_("Moving to the GPU"),
        "cuda_ok = torch.cuda.is_available()\ndevice = torch.device('cuda' if cuda_ok else 'cpu')\n"
        "x_on_device = x.to(device)\nx_on_device.device",
        N_(
            "x.to(device) copies the tensor to the GPU when there is one (x.cuda() does the same). On this "
            "computer torch.cuda.is_available() says whether CUDA works; without it the tensor stays on the "
            "CPU, and the maths is the same, only slower for big tensors."
        ),
        "x_on_device",
        cell=11,
    ),
)

AUTOGRAD_PRESETS: dict[str, str] = {
    N_("The lesson's four lines"): (
        "x = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nz = y * y * 3\nout = z.mean()"
    ),
    N_("Doubling loop (graph depends on the data)"): (
        "x = torch.randn(3, requires_grad=True)\ny = x * 2\nwhile y.data.norm() < 1000:\n    y = y * 2\n"
        "out = y.sum()"
    ),
    N_("LeNet with MSELoss"): (
        "torch.manual_seed(0)\nnet = Net()\ninput = torch.randn(1, 1, 32, 32)\noutput = net(input)\n"
        "target = torch.randn(1, 10)\ncriterion = nn.MSELoss()\nloss = criterion(output, target)"
    ),
}


def assigned_names(code: str) -> set[str]:
    """Return the names ``code`` assigns (``x = ...``, ``for x in``, ``import torch.nn as nn``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {alias.asname or alias.name.split(".")[0] for alias in node.names}
    return names


def step_creating(name: str, codes: Sequence[str], before: int) -> int | None:
    """Return the index of the last of ``codes[:before]`` that assigns ``name``, or None."""
    for index in range(min(before, len(codes)) - 1, -1, -1):
        if name in assigned_names(codes[index]):
            return index
    return None
