"""Checks of the network exercises done with code: the lesson's MLP with ReLU, a LeNet for 28×28
digits without padding, and counting the lesson's Net's parameters.

A check runs the learner's network on batches of its own (:func:`inspect.forward`) and reads its
layers through torch's own ``Module.modules``; it never asks the network about itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from torch import nn

from core.base.i18n import _
from core.content.checks import CODE, Failed, Verdict, Work, check, passed
from core.content.checks import inspect as look
from core.models.networks import Net as AppNet
from core.models.networks import Neuralnetwork as AppMLP

# The lesson's Neuralnetwork(784, 300, 100, 10): three Linear layers, weights and biases.
MLP_PARAMETERS = (784 * 300 + 300) + (300 * 100 + 100) + (100 * 10 + 10)
# The lesson's Net, layer by layer: (weights, biases).
LENET_LAYERS = {
    "conv1": (6 * 1 * 5 * 5, 6),
    "conv2": (16 * 6 * 5 * 5, 16),
    "fc1": (16 * 5 * 5 * 120, 120),
    "fc2": (120 * 84, 84),
    "fc3": (84 * 10, 10),
}
LENET_WEIGHTS = sum(weights for weights, _biases in LENET_LAYERS.values())
LENET_PARAMETERS = LENET_WEIGHTS + sum(biases for _weights, biases in LENET_LAYERS.values())
LENET_TENSORS = 2 * len(LENET_LAYERS)
MLP_LAYERS = 3
LINEAR_TOLERANCE = 1e-4  # how far from additive an affine network's outputs may be, in float32
FLAT_28 = 16 * 4 * 4  # what reaches fc1 from a 28×28 image without padding


def _flat(values: Any) -> list[float]:
    """Return nested lists of numbers as one flat list."""
    if isinstance(values, list):
        return [number for item in values for number in _flat(item)]
    return [float(values)]


def _not_the_apps(net: nn.Module, kind: type, name: str) -> None:
    """Fail if ``net`` is the app's own network: the exercise asks the learner to write the class."""
    if isinstance(net, kind):
        raise Failed(
            _("net is the app's own {name}: write the class yourself, class MyNet(nn.Module): ...").format(
                name=name
            )
        )


@check("mlp_with_relu", CODE)
def mlp_with_relu(work: Work) -> Verdict:
    """``net`` is a 784-300-100-10 network of three Linear layers with a ReLU after the first two."""
    net = look.module(work, "net")
    _not_the_apps(net, AppMLP, "Neuralnetwork")
    count = look.parameter_count(net)
    if count != MLP_PARAMETERS:
        raise Failed(
            _(
                "net has {seen:,} parameters; the lesson's 784-300-100-10 network has {wanted:,}: "
                "nn.Linear(784, 300), nn.Linear(300, 100) and nn.Linear(100, 10)."
            ).format(seen=count, wanted=MLP_PARAMETERS)
        )
    batch = look.random_batch(5, 784)
    out = look.forward(net, batch, "net")
    if look.shape(out) != (5, 10):
        raise Failed(
            _("net turns a batch of shape (5, 784) into shape {seen}; the exercise wants (5, 10).").format(
                seen=look.shape(out)
            )
        )
    a, b = look.random_batch(5, 784, seed=1), look.random_batch(5, 784, seed=2)
    zero = look.subtract(a, a)
    both = look.forward(net, look.add(a, b), "net")
    apart = look.add(look.forward(net, a, "net"), look.forward(net, b, "net"))
    apart = look.subtract(apart, look.forward(net, zero, "net"))
    if max(abs(n) for n in _flat(look.values(look.subtract(both, apart)))) < LINEAR_TOLERANCE:
        raise Failed(
            _(
                "net is still linear: net(a + b) = net(a) + net(b) - net(0) for any batches a and b, "
                "so its three layers are one linear map. Put F.relu(...) between the layers in forward."
            )
        )
    linears = look.linear_layers(net)
    if len(linears) != MLP_LAYERS:
        raise Failed(
            _("net has {count} nn.Linear layers; the lesson's network has three.").format(count=len(linears))
        )
    for number, given in enumerate(look.layer_inputs(net, linears[1:], batch, "net"), 2):
        if given is None or not look.is_tensor(given):
            raise Failed(_("nn.Linear number {number} is never called in forward.").format(number=number))
        if min(_flat(look.values(given))) < 0:
            raise Failed(
                _(
                    "The input of nn.Linear number {number} has negative numbers: apply F.relu to the "
                    "output of the layer before it."
                ).format(number=number)
            )
    if min(_flat(look.values(out))) >= 0:
        raise Failed(
            _(
                "net's outputs are never negative: a ReLU after the last layer cuts off every negative "
                "score. Return the last layer's output as it is (the loss takes raw scores)."
            )
        )
    return passed(
        _(
            "net has {count:,} parameters and is no longer one linear map: the ReLUs between the layers "
            "let it bend. In the Train tab it is the MLP with activation ReLU."
        ).format(count=count)
    )


@check("lenet_for_28", CODE)
def lenet_for_28(work: Work) -> Verdict:
    """``net`` reads 28×28 images with the lesson's convolutions, no padding, and fc1 of 16*4*4 inputs."""
    net = look.module(work, "net")
    _not_the_apps(net, AppNet, "Net")
    convs = look.conv_layers(net)
    shapes = [
        tuple(look.attribute(c, key) for key in ("in_channels", "out_channels", "kernel_size")) for c in convs
    ]
    if shapes != [(1, 6, (5, 5)), (6, 16, (5, 5))]:
        raise Failed(
            _(
                "net's convolutions are not the lesson's: keep conv1 = nn.Conv2d(1, 6, 5) and "
                "conv2 = nn.Conv2d(6, 16, 5)."
            )
        )
    out = look.forward(net, look.random_batch(2, 1, 28, 28), "net")
    if look.shape(out) != (2, 10):
        raise Failed(
            _(
                "net turns a batch of shape (2, 1, 28, 28) into shape {seen}; the exercise wants (2, 10)."
            ).format(seen=look.shape(out))
        )
    padding = look.attribute(convs[0], "padding")
    if padding not in ((0, 0), "valid"):
        raise Failed(
            _(
                "conv1 has padding {seen}; the exercise wants none, (0, 0): read the 28×28 image as it "
                "is and change fc1's input size instead."
            ).format(seen=padding)
        )
    linears = look.linear_layers(net)
    reads = look.attribute(linears[0], "in_features") if linears else None
    if reads != FLAT_28:
        raise Failed(
            _(
                "fc1 reads {seen} numbers per image; without padding, a 28×28 image leaves 16 maps of "
                "4×4 = {wanted} before it. Read the image as it is, without padding it in forward."
            ).format(seen=reads, wanted=FLAT_28)
        )
    return passed(
        _(
            "28 → 24 (conv1) → 12 (pool) → 8 (conv2) → 4 (pool): 16 maps of 4×4 = 256 numbers reach "
            "fc1 = nn.Linear(16 * 4 * 4, 120). The lesson pads 28×28 digits to 32×32 instead and keeps "
            "16 * 5 * 5."
        )
    )


def _whole_number(value: Any) -> int | None:
    """Return ``value`` as an int if it is a plain whole number (int, NumPy integer or integral float)."""
    if type(value) is int or isinstance(value, np.integer):
        return int(value)
    if type(value) is float and value.is_integer():
        return int(value)
    return None


@check("lenet_parameter_count", CODE)
def lenet_parameter_count(work: Work) -> Verdict:
    """``n`` is how many numbers the lesson's Net learns: 61,706."""
    value = look.variable(work, "n")
    n = _whole_number(value)
    if n is None:
        raise Failed(
            _(
                "n is of type {kind}; the exercise wants a plain whole number: sum(p.numel() for p in "
                "net.parameters()) gives one."
            ).format(kind=type(value).__name__)
        )
    if n == LENET_PARAMETERS:
        fc1 = sum(LENET_LAYERS["fc1"])
        return passed(
            _("The lesson's Net learns {count:,} numbers; fc1 alone holds {fc1:,} of them.").format(
                count=n, fc1=fc1
            )
        )
    if n == LENET_TENSORS:
        raise Failed(
            _(
                "n is {seen}: that is how many parameter tensors net.parameters() gives (a weight and a "
                "bias for each of the 5 layers). The exercise wants how many numbers they hold: add up "
                "p.numel()."
            ).format(seen=n)
        )
    if n == LENET_WEIGHTS:
        raise Failed(
            _("n is {seen:,}: that counts the weights only; add the {biases} biases.").format(
                seen=n, biases=LENET_PARAMETERS - LENET_WEIGHTS
            )
        )
    raise Failed(
        _(
            "n is {seen:,}; the lesson's Net has another number of parameters: add up p.numel() for every "
            "p in Net().parameters()."
        ).format(seen=n)
    )
