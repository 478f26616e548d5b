"""A slice of a real network's loss: two random, filter-normalised directions through its weights.

After Li et al., "Visualizing the Loss Landscape of Neural Nets" (2018): each
direction has, for every filter (a weight's row: one neuron's or one channel's
weights), the norm of that filter in the trained weights, so the slice's scale
means the same in every layer; biases are left where they are. The loss at
``(a, b)`` is the cross-entropy of ``θ + a·d1 + b·d2`` on a fixed batch of test
images, a differentiable function of the two numbers, so the optimizers race on
it as on any other surface (the network itself is never changed).
"""

from __future__ import annotations

import copy

import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call

from core.data.mnist import MnistSplit
from core.optimizers.surfaces import Surface

SLICE_IMAGES = 64  # the batch the loss is measured on: enough for a smooth map, fast to draw
SLICE_GRID = 25  # the contour map's points along each side
SLICE_STEPS = 80  # at most, per racer: each step is a forward and a backward pass of the network


def filter_normalised_direction(
    weights: dict[str, torch.Tensor], generator: torch.Generator
) -> dict[str, torch.Tensor]:
    """Return a random direction shaped like ``weights``: each filter scaled to its trained norm, biases 0."""
    direction = {}
    for name, value in weights.items():
        if value.dim() <= 1:
            direction[name] = torch.zeros_like(value)
            continue
        random = torch.randn(value.shape, generator=generator)
        rows, trained = random.flatten(1), value.flatten(1)
        scale = trained.norm(dim=1, keepdim=True) / (rows.norm(dim=1, keepdim=True) + 1e-10)
        direction[name] = (rows * scale).reshape(value.shape)
    return direction


def network_slice(model: nn.Module, name: str, test: MnistSplit, seed: int = 0) -> Surface:
    """Return the loss of ``model`` (called ``name``) along two random directions, as a surface."""
    weights = {key: value.detach().clone() for key, value in model.named_parameters()}
    generator = torch.Generator().manual_seed(seed)
    first = filter_normalised_direction(weights, generator)
    second = filter_normalised_direction(weights, generator)
    inputs, targets = test.network_inputs(torch.device("cpu"))
    images = torch.randperm(len(targets), generator=generator)[:SLICE_IMAGES]
    x, y = inputs[images], targets[images]
    frozen = copy.deepcopy(model).eval()  # its own copy: another thread may be reading digits with it

    def at(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        moved = {key: value + a * first[key] + b * second[key] for key, value in weights.items()}
        return F.cross_entropy(functional_call(frozen, moved, (x,)), y)

    def loss(p: torch.Tensor) -> torch.Tensor:
        if p.dim() == 1:
            return at(p[0], p[1])
        flat = p.reshape(-1, 2)
        return torch.stack([at(point[0], point[1]) for point in flat]).reshape(p.shape[:-1])

    return Surface(
        "slice",
        ("a", "b"),
        loss,
        (-1.0, 1.0, -1.0, 1.0),
        (0.8, 0.7),
        ((0.0, 0.0),),
        "F.cross_entropy(functional_call(model, {k: w + p[0] * d1[k] + p[1] * d2[k] ...}, x), y)",
        {"name": name, "model": id(model)},  # which network: a new one in use means a new slice
    )
