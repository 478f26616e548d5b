"""The lesson's two networks, built so that ``print(net)`` reads as in the lesson."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from core.base.i18n import _
from core.models.config import ACTIVATIONS, ARCHITECTURES

LESSON_SIZE = 32  # the lesson's Net reads 32x32 images
MNIST_SIZE = 28
BORDER = (LESSON_SIZE - MNIST_SIZE) // 2


class Neuralnetwork(nn.Module):
    """The lesson's ``Neuralnetwork(28*28, 300, 100, 10)``, also known in the app as ``MLP``.

    The lesson stacks three Linear layers with no activation, so the whole network
    is one linear map; ``activation="relu"`` puts a ReLU between them.
    """

    def __init__(
        self,
        in_dim: int = 28 * 28,
        n_hidden_1: int = 300,
        n_hidden_2: int = 100,
        out_dim: int = 10,
        activation: str = "none",
    ) -> None:
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, not {activation!r}")
        self.activation = activation
        self.layer1 = nn.Linear(in_dim, n_hidden_1)
        self.layer2 = nn.Linear(n_hidden_1, n_hidden_2)
        self.layer3 = nn.Linear(n_hidden_2, out_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Flatten the images and apply the three layers."""
        x = x.view(x.size(0), -1)
        if self.activation == "relu":
            x = F.relu(self.layer1(x))
            x = F.relu(self.layer2(x))
        else:
            x = self.layer1(x)
            x = self.layer2(x)
        return self.layer3(x)


MLP = Neuralnetwork  # the name the app shows it by


class Net(nn.Module):
    """The lesson's ``Net``, a LeNet-5 for 32x32 images, exactly as the lesson writes it.

    After conv1 (5x5, no padding) and a 2x2 pool, conv2 (5x5) and another pool,
    a 32x32 image becomes 16 maps of 5x5: the 16*5*5 = 400 inputs of fc1.
    """

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Two conv+ReLU+pool stages, then three Linear layers."""
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, self.num_flat_features(x))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)

    def num_flat_features(self, x: torch.Tensor) -> int:
        """Return how many numbers one sample of ``x`` holds (the lesson's helper)."""
        num_features = 1
        for s in x.size()[1:]:
            num_features *= s
        return num_features

    def feature_maps(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Return the ReLU outputs of conv1 and conv2 for ``x`` (what the filters respond to)."""
        conv1 = F.relu(self.conv1(x))
        conv2 = F.relu(self.conv2(F.max_pool2d(conv1, 2)))
        return conv1, conv2


LeNet = Net  # the name the app shows it by


def to_lesson_size(images: torch.Tensor) -> torch.Tensor:
    """Give 28x28 images the 2-pixel border of zeros that makes them the lesson's 32x32.

    Other sizes pass unchanged. Zero-padding the image and then convolving
    without padding computes exactly what a convolution with ``padding=2``
    computes on the 28x28 image.
    """
    if tuple(images.shape[-2:]) != (MNIST_SIZE, MNIST_SIZE):
        return images
    return F.pad(images, (BORDER, BORDER, BORDER, BORDER))


class MnistNet(Net):
    """The lesson's ``Net`` reading MNIST: every input goes through :func:`to_lesson_size` first.

    It is the network the app trains, evaluates, saves and draws with; its
    parameters and ``print`` are the lesson's ``Net``'s.
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Pad 28x28 digits to 32x32, then run the lesson's ``Net``."""
        return super().forward(to_lesson_size(x))

    def feature_maps(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Return conv1's and conv2's ReLU outputs for the padded input."""
        return super().feature_maps(to_lesson_size(x))

    def _get_name(self) -> str:
        return "Net"  # print(model) reads as the lesson's print(net)


def effective_activation(architecture: str, activation: str) -> str:
    """Return the activation the network really uses: LeNet always has ReLU."""
    return activation if architecture == "mlp" else "relu"


def model_name(architecture: str, activation: str = "none") -> str:
    """Name a network for legends, logs and labels: ``MLP (linear)``, ``MLP (ReLU)`` or ``LeNet``."""
    if architecture == "lenet":
        return "LeNet"
    if architecture == "mlp":
        return _("MLP (ReLU)") if activation == "relu" else _("MLP (linear)")
    return architecture


def build_model(architecture: str, activation: str = "none") -> nn.Module:
    """Build ``"mlp"`` (with ``activation``) or ``"lenet"`` (always ReLU, as in the lesson)."""
    if architecture == "mlp":
        return MLP(activation=activation)
    if architecture == "lenet":
        return MnistNet()
    raise ValueError(f"architecture must be one of {ARCHITECTURES}, not {architecture!r}")


@dataclass(frozen=True)
class ModelSummary:
    """What the lesson prints about a network: ``print(net)`` and its parameters."""

    text: str
    parameter_shapes: tuple[tuple[str, tuple[int, ...]], ...]
    parameter_count: int

    def render(self) -> str:
        """Lay the summary out as the lesson's printouts."""
        lines = [self.text, "", f"len(list(net.parameters())) = {len(self.parameter_shapes)}"]
        lines += [f"  {name:<16} {list(shape)}" for name, shape in self.parameter_shapes]
        lines.append(_("total parameters: {count:,}").format(count=self.parameter_count))
        return "\n".join(lines)


def summarize(model: nn.Module) -> ModelSummary:
    """Describe ``model`` as the lesson does."""
    shapes = tuple((name, tuple(p.shape)) for name, p in model.named_parameters())
    count = sum(p.numel() for p in model.parameters())
    return ModelSummary(str(model), shapes, count)
