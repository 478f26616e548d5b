"""What a network's first layer has learned, as pictures: one tile per unit or kernel.

Each row of the MLP's ``layer1.weight`` is the 28x28 pattern that unit
multiplies the image with; each of LeNet's ``conv1`` kernels is a 5x5 pattern
slid over it. Both are tiled into one RGB mosaic with a diverging colour map
centred on zero (red where a bright pixel raises the unit, blue where it lowers it).
"""

from __future__ import annotations

import math

import numpy as np
from torch import nn

# Blue (negative), white (zero), red (positive): RdBu's ends and middle.
NEGATIVE = np.array([33, 102, 172], dtype=np.float32)
ZERO = np.array([247, 247, 247], dtype=np.float32)
POSITIVE = np.array([178, 24, 43], dtype=np.float32)
GAP = np.array([128, 128, 128], dtype=np.uint8)
MLP_COLUMNS = 20  # 300 units in 15 rows of 20
KERNEL_COLUMNS = 3  # LeNet's 6 kernels in 2 rows of 3
KERNEL_BLOCK = 6


def first_layer(model: nn.Module) -> tuple[str, np.ndarray]:
    """Return the name and a float32 copy of the first layer's weights (``layer1`` or ``conv1``)."""
    for name in ("layer1", "conv1"):
        layer = getattr(model, name, None)
        if layer is not None:
            return name, layer.weight.detach().cpu().numpy().astype(np.float32, copy=True)
    raise ValueError(f"{type(model).__name__} has neither layer1 nor conv1")


def weight_tiles(name: str, weights: np.ndarray) -> np.ndarray:
    """Return the weights as images ``(count, height, width)``: 300 of 28x28, or 6 of 5x5."""
    if name == "layer1":
        side = math.isqrt(weights.shape[1])
        return weights.reshape(weights.shape[0], side, side)
    return weights.reshape(-1, weights.shape[-2], weights.shape[-1])


def _palette() -> np.ndarray:
    """Return 256 RGB colours: index 128 is zero, 1 is -1, 255 is +1 (index 0 repeats -1)."""
    t = np.clip((np.arange(256, dtype=np.float32) - 128) / 127, -1.0, 1.0)[:, None]
    rgb = np.where(t < 0, ZERO + (NEGATIVE - ZERO) * -t, ZERO + (POSITIVE - ZERO) * t)
    return np.round(rgb).astype(np.uint8)


PALETTE = _palette()
LIMIT_SAMPLE_STRIDE = 7  # the scale is read from every 7th weight: as good, and 7x faster


def diverging_colours(values: np.ndarray, limit: float | None = None) -> np.ndarray:
    """Map values to RGB uint8: blue below zero, white at zero, red above, saturating at ``±limit``.

    ``limit`` defaults to the 99th percentile of the magnitudes: a few large
    weights saturate, and the rest keep their contrast. One table look-up per
    value keeps this fast enough to run in the GUI thread several times a second.
    """
    if limit is None:
        sample = np.abs(values.ravel()[::LIMIT_SAMPLE_STRIDE])
        limit = float(np.percentile(sample, 99)) if sample.size else 0.0
    if limit <= 0:
        return PALETTE[np.full(values.shape, 128, dtype=np.uint8)]
    index = np.clip(np.rint(values * (127 / limit)) + 128, 1, 255).astype(np.uint8)
    return PALETTE[index]


def mosaic(tiles: np.ndarray, columns: int, gap: int = 1, fill: np.ndarray = GAP) -> np.ndarray:
    """Lay ``(count, h, w[, 3])`` tiles out in rows of ``columns``, ``gap`` pixels apart, as one image."""
    count, height, width = tiles.shape[:3]
    channels = tiles.shape[3:]
    rows = max(1, math.ceil(count / columns))
    cells = np.empty((rows * columns, height + gap, width + gap, *channels), dtype=tiles.dtype)
    cells[...] = fill if channels else fill[0]
    cells[:count, :height, :width] = tiles
    image = cells.reshape(rows, columns, height + gap, width + gap, *channels).swapaxes(1, 2)
    image = image.reshape(rows * (height + gap), columns * (width + gap), *channels)
    return image[: image.shape[0] - gap, : image.shape[1] - gap]


def weight_mosaic(name: str, weights: np.ndarray) -> tuple[np.ndarray, int]:
    """Return the first layer as one RGB image and the number of columns its tiles are laid out in.

    The MLP's rows are 28x28 tiles; LeNet's 5x5 kernels are drawn 30x30.

    The colour scale is shared by every tile, so that strong and weak units look strong and weak.
    """
    tiles = diverging_colours(weight_tiles(name, weights))
    if name == "layer1":
        return mosaic(tiles, MLP_COLUMNS), MLP_COLUMNS
    # 5x5 kernels drawn large: each weight a 6x6 block, so the gaps stay thin lines.
    tiles = tiles.repeat(KERNEL_BLOCK, axis=1).repeat(KERNEL_BLOCK, axis=2)
    return mosaic(tiles, KERNEL_COLUMNS), KERNEL_COLUMNS
