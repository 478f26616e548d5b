"""The lesson's 26 cells, in order, run as the Lesson tab runs them, through the kernel.

Each cell's result is checked against what the lesson printed, allowing for
randomness: random tensors are checked by their shape and by what the cell
computes from them.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
import torch

from core.kernel import RemoteAutogradLab, RemotePlayground
from core.lesson.cells import AUTOGRAD, CELLS, TENSORS, TRAIN, cell
from core.lesson.plan import plan

LESSON_PRINT_NET = """Net(
  (conv1): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))
  (conv2): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))
  (fc1): Linear(in_features=400, out_features=120, bias=True)
  (fc2): Linear(in_features=120, out_features=84, bias=True)
  (fc3): Linear(in_features=84, out_features=10, bias=True)
)
"""
NUMBER = r"-?\d+\.\d+(?:e[-+]\d+)?"


def numbers(text: str) -> np.ndarray:
    return np.array([float(n) for n in re.findall(NUMBER, text)])


class Lesson:
    """The Tensors tab's session and the Autograd tab's runs, in the kernel, as the Lesson tab uses them."""

    def __init__(self, kernel) -> None:
        self.playground = RemotePlayground(kernel)
        self.lab = RemoteAutogradLab(kernel)
        self.variables: set[str] = set()
        self.infos: dict = {}  # the views received so far, kept as the window keeps them
        self.playground.reset()
        self.lab.reset()

    def tensors(self, number: int, as_written: bool = False):
        run = plan(cell(number), as_written, self.variables)
        for code in run.setup:
            assert self.playground.run(code).error is None
        outcome = self.playground.run(run.code, run.focus)
        assert outcome.error is None, (number, outcome.error)
        self.variables = {row.name for row in outcome.variables}
        kept = {n: i for n, i in self.infos.items() if n in self.variables and n not in outcome.changed}
        self.infos = {**kept, **outcome.infos}
        return dataclasses.replace(outcome, infos=self.infos)

    def autograd(self, number: int, as_written: bool = False):
        run = plan(cell(number), as_written)
        outcome = self.lab.run(run.code)
        assert outcome.error is None, (number, outcome.error)
        if not run.backward:
            return outcome, None
        backward = self.lab.backward()
        assert backward.error is None
        return outcome, backward


@pytest.fixture(scope="module")
def lesson(kernel):
    return Lesson(kernel)


def test_every_cell_has_its_code_as_written_and_a_tab(lesson):
    assert [c.number for c in CELLS] == list(range(1, 27))
    assert {c.tab for c in CELLS} == {TENSORS, AUTOGRAD, TRAIN}
    assert cell(12).written.startswith("from torch.autograd import Variable")
    assert cell(26).written.endswith("torch.save(model.state_dict(), './neural_network.pth')")
    assert all(c.change for c in CELLS)


def test_cells_1_to_11_tensors(lesson):
    assert lesson.tensors(1, as_written=True).note.startswith("from __future__ import print_function")
    uninitialised = lesson.tensors(2)
    assert uninitialised.shown.shape == (5, 3) and uninitialised.shown.dtype == "float32"
    assert "torch.empty(5, 3)" in lesson.tensors(2, as_written=True).note
    x = lesson.tensors(3).infos["x"].values
    assert x.shape == (5, 3) and ((x >= 0) & (x < 1)).all()
    assert lesson.tensors(4).output == "torch.Size([5, 3])\n"
    added = lesson.tensors(5)
    x, y = added.infos["x"].values, added.infos["y"].values
    assert np.allclose(numbers(added.output), (x + y).ravel(), atol=1e-4)
    into = lesson.tensors(6)
    assert np.allclose(into.infos["result"].values, x + y)
    in_place = lesson.tensors(7)
    assert np.allclose(in_place.infos["y"].values, x + y) and in_place.infos["y"].changed.all()
    assert np.allclose(numbers(lesson.tensors(8).output), x[:, 1], atol=1e-4)
    assert lesson.tensors(9).output == "tensor([1., 1., 1., 1., 1.])\n"
    bridge = lesson.tensors(10)
    # b shares a's memory: adding 1 to a in place changes b too.
    assert bridge.output == "[1. 1. 1. 1. 1.]\n<class 'numpy.ndarray'>\n[2. 2. 2. 2. 2.]\n"
    moved = lesson.tensors(11)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    assert moved.output.rstrip().endswith(device if device == "cpu" else "cuda:0")
    if device == "cpu":
        assert "torch.cuda.is_available() is False here" in moved.note
        assert "torch.cuda.is_available() is False here" in lesson.tensors(11, as_written=True).note


def test_cells_12_to_18_autograd(lesson):
    leaf, _ = lesson.autograd(12)
    assert leaf.output == "tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)\n"
    assert [n.name for n in leaf.graph.nodes] == ["x"] and leaf.graph.nodes[0].is_leaf
    written, _ = lesson.autograd(12, as_written=True)
    assert written.output == leaf.output and "requires_grad=True" in written.note
    added, _ = lesson.autograd(13)
    assert added.output.endswith("tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)\n")
    grad_fns, _ = lesson.autograd(14)
    assert re.search(r"<AddBackward0 object at 0x[0-9a-f]+>\nNone\n$", grad_fns.output)
    z_out, _ = lesson.autograd(15)
    assert z_out.output.endswith(
        "tensor([[27., 27.],\n        [27., 27.]], grad_fn=<MulBackward0>) "
        "tensor(27., grad_fn=<MeanBackward0>)\n"
    )
    graph, backward = lesson.autograd(16)
    assert graph.output_name == "out" and [s.label for s in backward.steps] == [
        "MeanBackward0",
        "MulBackward0",
        "MulBackward0",
        "AddBackward0",
        "AccumulateGrad",
    ]
    _, backward = lesson.autograd(17)
    assert np.array_equal(backward.leaf_grads["x"], np.full((2, 2), 4.5))
    loop, _ = lesson.autograd(18)
    y = numbers(loop.output)
    assert len(y) == 3 and np.linalg.norm(y) >= 1000
    assert loop.graph.kinds().count("MulBackward0") >= 1
    assert "requires_grad=True" in lesson.autograd(18, as_written=True)[0].note


def test_cells_19_to_25_the_network(lesson):
    assert lesson.tensors(19).output == LESSON_PRINT_NET
    assert lesson.tensors(20).output == (
        "10\ntorch.Size([6, 1, 5, 5])\ntorch.Size([6])\ntorch.Size([16, 6, 5, 5])\ntorch.Size([16])\n"
        "torch.Size([120, 400])\ntorch.Size([120])\ntorch.Size([84, 120])\ntorch.Size([84])\n"
        "torch.Size([10, 84])\ntorch.Size([10])\n"
    )
    forward = lesson.tensors(21)
    out = forward.infos["out"].values
    assert out.shape == (1, 10) and forward.output.startswith("tensor([[")
    assert "Variable" in lesson.tensors(21, as_written=True).note  # the 2017 form runs, with its note
    out = lesson.tensors(21).infos["out"].values
    gradients = numbers(lesson.tensors(22).output)
    assert len(gradients) == 10 and np.abs(gradients).sum() > 0
    loss = lesson.tensors(23)
    expected = ((out - np.arange(1, 11)) ** 2).mean()
    assert np.isclose(loss.infos["loss"].values.item(), expected, rtol=1e-4) and loss.note is None
    written = lesson.tensors(23, as_written=True)
    assert "target's shape [10] is not the output's [1, 10]" in written.note
    assert np.isclose(written.infos["loss"].values.item(), expected, rtol=1e-4)
    lesson.tensors(23)  # the float target again, for cell 25
    chain, _ = lesson.autograd(24)
    lines = chain.output.splitlines()
    assert [re.sub(r" object at 0x[0-9a-f]+", "", line) for line in lines] == [
        "<MseLossBackward0>",
        "<AddmmBackward0>",
        "<AccumulateGrad>",
    ]
    names = {n.name for n in chain.graph.nodes if n.kind == "tensor"}
    assert {"conv1.weight", "conv1.bias", "fc3.weight", "fc3.bias", "loss"} <= names
    step = lesson.tensors(25).output
    before, lr, gradient, computed, after = numbers(step)
    assert lr == 0.01 and np.isclose(computed, before - lr * gradient, atol=1e-6)
    assert np.isclose(after, computed, atol=1e-6)


def test_cell_26_is_the_train_tabs_lesson_run():
    run = plan(cell(26))
    assert run.tab == TRAIN and "loss.data[0]" in cell(26).written


def test_only_cell_17_prints_a_gradient_after_backward():
    printing = {c.number: plan(c).prints_grad for c in CELLS if plan(c).prints_grad}
    assert printing == {17: "x"}
    from core.lesson.plan import printed_grad

    assert printed_grad("print(x.grad)") == "x" and printed_grad("print(x.grad, end='')") is None
    assert printed_grad("print(x.data)") is None and printed_grad("print(x.grad") is None
