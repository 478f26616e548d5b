"""The lesson's 2017 forms in both code tabs (through the kernel): each works or names today's form."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.autograd.chain_rule import compact
from core.autograd.lab import AutogradLab
from core.kernel import RemoteAutogradLab, RemotePlayground
from core.lesson.steps import AUTOGRAD_PRESETS

GRAPH = "\nw = torch.ones(2, requires_grad=True)\nout = (w * 2).sum()"  # the Autograd tab needs a graph
# (2017 code, what the answer must name)
NOTES = [
    (
        "from torch.autograd import Variable\nx = Variable(torch.ones(2, 2), requires_grad=True)",
        "requires_grad=True",
    ),
    ("from torch.autograd import Variable\nv = Variable(torch.ones(2), volatile=True)", "torch.no_grad()"),
    ("t = torch.Tensor(5, 3)", "torch.empty(5, 3)"),
    ("from __future__ import print_function", "print(...) works as it is"),
    ("p = F.softmax(torch.ones(2, 2))", "F.softmax(x, dim=1)"),
    (
        "out = torch.zeros(1, 10, requires_grad=True)\nloss = nn.MSELoss()(out, torch.arange(1., 11.))",
        "Give the target the output's shape, e.g. target.view(1, -1)",
    ),
]
ERRORS = [
    ("loss = torch.ones(3, requires_grad=True).sum()\nloss.data[0]", "loss.item()"),
    ("x = Variable(torch.ones(2))", "run `from torch.autograd import Variable` first"),
]
LESSON_IMPORTS = (
    "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nimport torch.optim as optim\n"
    "from torch.autograd import Variable\nfrom torch import nn, optim\nimport numpy as np\n"
    "same = [nn is torch.nn, F is torch.nn.functional, optim is torch.optim, bool(np.ones(2).sum() == 2)]"
)


@pytest.fixture(params=["tensors", "autograd"])
def run(request, kernel):
    """Run code in one of the two code tabs' sessions, in the kernel; return (error, note, value-ish)."""
    if request.param == "tensors":
        playground = RemotePlayground(kernel)
        playground.reset()  # nothing imported by an earlier test

        def in_tensors(code):
            outcome = playground.run(code)
            return outcome.error, outcome.note or "", outcome.value_text

        return in_tensors
    lab = RemoteAutogradLab(kernel)

    def in_autograd(code):
        outcome = lab.run(code + GRAPH)
        return outcome.error, outcome.note or "", outcome.output

    return in_autograd


@pytest.mark.parametrize(("code", "named"), NOTES)
def test_a_2017_form_works_with_a_note_naming_todays(run, code, named):
    error, note, _ = run(code)
    assert error is None and named in note, note


@pytest.mark.parametrize(("code", "named"), ERRORS)
def test_a_2017_form_that_cannot_work_names_what_to_write(run, code, named):
    error, _, _ = run(code)
    assert error and named in error, error


def test_the_lessons_import_lines_bind_the_modules_offered(run):
    error, _, _ = run(LESSON_IMPORTS + "\nprint(same)")
    assert error is None


def test_the_lessons_import_lines_bind_the_same_modules_in_the_tensors_tab(kernel):
    playground = RemotePlayground(kernel)
    playground.reset()
    outcome = playground.run(LESSON_IMPORTS + "\nsame")
    assert outcome.error is None and outcome.value_text == "[True, True, True, True]"


def test_backward_shows_the_chain_rule_with_numbers_for_the_lessons_graph():
    lab = AutogradLab()
    graph = lab.run(AUTOGRAD_PRESETS["The lesson's four lines"]).graph
    steps = lab.backward().steps
    label = {node.id: node.name or node.label for node in graph.nodes}
    rows = [
        (
            step.label,
            compact(step.grad_in[0]),
            [
                (label[e.target], e.rule.format(*e.values), compact(e.local), compact(e.grad))
                for e in step.edges
            ],
        )
        for step in steps
    ]
    assert rows == [
        ("MeanBackward0", "1", [("z", "1/n for each element, n = 4", "0.25", "0.25")]),
        ("MulBackward0", "0.25", [("MulBackward0", "the other factor, 3", "3", "0.75")]),
        (  # y * y: one edge for each use of y, each 0.75 x 3
            "MulBackward0",
            "0.75",
            [("y", "the other factor, 3", "3", "2.25"), ("y", "the other factor, 3", "3", "2.25")],
        ),
        (
            "AddBackward0",
            "4.5",
            [("AccumulateGrad", "1: a sum passes the gradient on unchanged", "1", "4.5")],
        ),
        ("AccumulateGrad", "4.5", []),
    ]
    assert np.array_equal(steps[-1].grad_out[0], np.full((2, 2), 4.5))  # x.grad
    assert [e.target for e in graph.edges].count(steps[3].node_id) == 2  # y * y: two edges in the graph
    saved = {s.name: s.value for s in graph.node(steps[2].node_id).saved}
    assert np.array_equal(saved["self"], np.full((2, 2), 3.0)) and np.array_equal(
        saved["other"], saved["self"]
    )


def test_a_network_graph_names_its_parameters():
    lab = AutogradLab()
    graph = lab.run(AUTOGRAD_PRESETS["LeNet with MSELoss"]).graph
    leaves = [n.name for n in graph.nodes if n.kind == "tensor" and n.is_leaf]
    assert sorted(leaves) == sorted(name for name, _ in torch.nn.Module.named_parameters(_lenet()))


def _lenet():
    from core.models.networks import Net

    return Net()
