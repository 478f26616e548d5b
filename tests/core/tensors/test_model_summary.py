"""A learner's network summarised in the lesson's terms (as torchinfo counts it), its shape errors
named by layer, and its class's source found in what the learner ran."""

from __future__ import annotations

import torchinfo
from torch import nn

from core.kernel import RemotePlayground
from core.models.networks import MLP, Net
from core.tensors.model_source import class_source
from core.tensors.model_summary import graph_code, summarise

CNN = """
import torch
from torch import nn
WIDTH = 50
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 6, 5)
    def forward(self, x):
        return torch.max_pool2d(torch.relu(self.conv(x)), 2)
class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.fc1 = nn.Linear(6 * 12 * 12, WIDTH)
        self.fc2 = nn.Linear(WIDTH, 10)
    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(self.block(x).flatten(1))))
"""


def test_the_summary_has_torchinfos_shapes_and_counts():
    for model, shape in ((MLP(), (1, 1, 28, 28)), (Net(), (1, 1, 32, 32))):
        summary = summarise(model, "net")
        stats = torchinfo.summary(model, input_size=shape, verbose=0)
        expected = [(i.var_name, tuple(i.output_size)) for i in stats.summary_list if i.depth > 0]
        assert summary.input_shape == shape and summary.error is None and summary.warning is None
        assert [(row.name, row.output_shape) for row in summary.rows] == expected
        assert summary.total == stats.total_params == sum(p.numel() for p in model.parameters())


def test_a_layer_that_does_not_fit_is_named_with_the_shapes():
    namespace: dict = {}
    exec(CNN.replace("6 * 12 * 12", "400"), namespace)
    summary = summarise(namespace["TinyNet"](), "net")
    assert summary.rows == () and summary.error == "fc1 expects 400 inputs, got 864."  # pooled inside forward

    class Lenetish(nn.Module):  # the lesson's layers, pooled by a module, fc1 sized wrongly
        def __init__(self):
            super().__init__()
            self.conv1, self.conv2 = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5)
            self.pool, self.fc1 = nn.MaxPool2d(2), nn.Linear(784, 10)

        def forward(self, x):
            x = self.pool(self.conv2(self.pool(self.conv1(x))))
            return self.fc1(x.flatten(1))

    summary = summarise(Lenetish(), "net")
    assert summary.error == "fc1 expects 784 inputs, got 256: the layer before it gives 16×4×4."


def test_a_network_whose_output_is_not_ten_scores_is_warned_about():
    summary = summarise(nn.Sequential(nn.Flatten(), nn.Linear(784, 5)), "net")
    assert summary.error is None and "(1, 5)" in summary.warning and "(1, 10)" in summary.warning


def test_the_class_source_carries_what_it_uses_and_runs_on_its_own():
    source = class_source(["x = torch.ones(3)", CNN, "net = TinyNet()\nprint(net)"], "TinyNet")
    assert "WIDTH = 50" in source and "class Block" in source and "print(net)" not in source
    namespace: dict = {}
    exec(source, namespace)
    assert sum(p.numel() for p in namespace["TinyNet"]().parameters()) == 43916
    assert class_source([CNN], "Missing") is None


def test_the_kernel_summarises_a_network_defined_in_the_tensors_tab(kernel):
    playground = RemotePlayground(kernel)
    playground.reset()
    outcome = playground.run(CNN + "net = TinyNet()\nnumber = 3")
    assert outcome.error is None and [v.name for v in outcome.variables if v.network] == ["net"]
    summary = playground.describe("net")
    assert summary.error is None and summary.class_name == "TinyNet" and summary.total == 43916
    assert summary.trainable_now and summary.trial.startswith("Ready to train: one step on a batch of 64")
    assert [row.name for row in summary.rows] == ["block", "conv", "fc1", "fc2"]
    assert "class Block" in summary.source
    assert playground.describe("number").error == "number is of type int, not a network (an nn.Module)."
    assert playground.describe("nothing").error == "There is no variable nothing."
    code = graph_code(summary)
    assert code.endswith("net = TinyNet()\nx = torch.rand(1, 1, 28, 28)\nout = net(x).sum()\n")
    assert (
        playground.run(
            "class Slow(nn.Module):\n    def forward(self, x):\n        while True:\n            pass\n"
            "slow = Slow()"
        ).error
        is None
    )
    assert "longer than" in playground.describe("slow").error
    playground.reset()
