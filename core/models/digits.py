"""Turn a drawing into what the network was trained on, the way MNIST digits were made.

MNIST's digits were size-normalised to fit a 20x20 box (keeping their aspect
ratio, anti-aliased) and then centred by centre of mass in a 28x28 field. A
drawing read without those steps looks nothing like the training data.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from core.models.networks import Net, to_lesson_size

INK_THRESHOLD = 0.1  # of full brightness: fainter pixels do not count as ink for the bounding box
BOX = 20
FIELD = 28
CENTRE = 14  # pixel index of the centre of mass
GRAYSCALE_DIMS = 2  # a drawing is one channel: rows and columns


def _as_unit_float(image: np.ndarray) -> np.ndarray:
    array = np.asarray(image, dtype=np.float32)
    if array.ndim != GRAYSCALE_DIMS:
        raise ValueError(f"expected a 2-D grayscale image, got shape {array.shape}")
    if array.size and array.max() > 1.0:
        array = array / 255.0
    return np.clip(array, 0.0, 1.0)


def preprocess(image: np.ndarray) -> torch.Tensor | None:
    """Return the ``1x1x28x28`` float tensor for a drawing, or None when there is no ink.

    ``image`` is 2-D, ink bright on dark, values 0-255 or 0-1, any size.
    """
    array = _as_unit_float(image)
    ink = np.argwhere(array > INK_THRESHOLD)
    if len(ink) == 0:
        return None
    (top, left), (bottom, right) = ink.min(axis=0), ink.max(axis=0) + 1
    crop = torch.from_numpy(np.ascontiguousarray(array[top:bottom, left:right]))
    height, width = crop.shape
    scale = BOX / max(height, width)
    new_h, new_w = max(1, round(height * scale)), max(1, round(width * scale))
    resized = F.interpolate(
        crop[None, None], size=(new_h, new_w), mode="bilinear", antialias=True, align_corners=False
    )[0, 0].clamp_(0, 1)
    mass = resized.sum()
    rows = torch.arange(new_h, dtype=torch.float32)
    cols = torch.arange(new_w, dtype=torch.float32)
    centre_row = float((resized.sum(1) * rows).sum() / mass)
    centre_col = float((resized.sum(0) * cols).sum() / mass)
    # MNIST's training digits have their centre of mass on pixel (14, 14) (index
    # coordinates: 13.997, 14.006 over the training set), not between pixels.
    offset_row = int(np.clip(round(CENTRE - centre_row), 0, FIELD - new_h))
    offset_col = int(np.clip(round(CENTRE - centre_col), 0, FIELD - new_w))
    field = torch.zeros(1, 1, FIELD, FIELD)
    field[0, 0, offset_row : offset_row + new_h, offset_col : offset_col + new_w] = resized
    # Training feeds pixels / 255, i.e. values in [0, 1]: the field already is.
    return field


@torch.no_grad()
def predict(model: nn.Module, image: np.ndarray) -> Sequence[float] | None:
    """Return the ten class probabilities for a drawing (summing to 1), or None when empty."""
    x = preprocess(image)
    if x is None:
        return None
    return probabilities(model, x)


@torch.no_grad()
def probabilities(model: nn.Module, x: torch.Tensor) -> list[float]:
    """Return the ten probabilities for a preprocessed ``1x1x28x28`` input."""
    model.eval()
    device = next(model.parameters()).device
    return F.softmax(model(x.to(device)), dim=1)[0].double().cpu().tolist()


def network_input(model: nn.Module, x: torch.Tensor) -> np.ndarray:
    """Return the image ``model`` really receives for a preprocessed ``1x1x28x28`` input.

    The lesson's ``Net`` reads it with a 2-pixel border of zeros (32x32); the MLP reads it as it is.
    """
    received = to_lesson_size(x) if isinstance(model, Net) else x
    return received[0, 0].numpy().copy()


@torch.no_grad()
def feature_maps(model: nn.Module, x: torch.Tensor) -> tuple[np.ndarray, np.ndarray] | None:
    """Return LeNet's conv1 (6x28x28) and conv2 (16x10x10) activations, or None for other models."""
    if not isinstance(model, Net):
        return None
    device = next(model.parameters()).device
    conv1, conv2 = model.feature_maps(x.to(device))
    return conv1[0].cpu().numpy().copy(), conv2[0].cpu().numpy().copy()


def enlarge(digit: np.ndarray, size: int) -> np.ndarray:
    """Scale a 28x28 uint8 digit up to ``size`` x ``size`` (smoothly), for the canvas."""
    tensor = torch.from_numpy(np.asarray(digit, dtype=np.float32))[None, None]
    big = F.interpolate(tensor, size=(size, size), mode="bilinear", align_corners=False)
    return big[0, 0].clamp(0, 255).round().to(torch.uint8).numpy()
