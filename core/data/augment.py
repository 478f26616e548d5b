"""Mild random distortions that make a digit reader robust to how people draw."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class Distortion:
    """How far each image may be distorted: the largest rotation, shear, zoom and shift."""

    degrees: float = 12.0
    shear: float = 0.3
    scale: tuple[float, float] = (0.85, 1.1)
    shift: float = 0.1  # of the image's size
    thick_fraction: float = 0.3  # of the images whose strokes are thickened


MILD = Distortion()


def random_affine_and_stroke(
    images: torch.Tensor, generator: torch.Generator, distortion: Distortion = MILD
) -> torch.Tensor:
    """Rotate, shear, scale and shift each image a little; thicken some strokes.

    Strokes are never thinned: eroding MNIST's thin digits erases them.

    ``images`` is a float batch ``(N, 1, H, W)`` with ink bright on dark; the
    result has the same shape. Everything happens on the batch's device.
    """
    n, device = images.shape[0], images.device
    degrees, shear, shift = distortion.degrees, distortion.shear, distortion.shift

    def uniform(low: float, high: float) -> torch.Tensor:
        return torch.rand(n, device=device, generator=generator) * (high - low) + low

    # Stroke width first, the way pens differ: a 3x3 max dilates the ink.
    pick = torch.rand(n, 1, 1, 1, device=device, generator=generator)
    thick = F.max_pool2d(images, 3, stride=1, padding=1)
    images = torch.where(pick < distortion.thick_fraction, thick, images)

    angle = uniform(-degrees, degrees) * math.pi / 180
    shear_x = uniform(-shear, shear)
    zoom = uniform(*distortion.scale)
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    theta = torch.zeros(n, 2, 3, device=device)
    theta[:, 0, 0] = cos + shear_x * sin
    theta[:, 0, 1] = -sin + shear_x * cos
    theta[:, 1, 0] = sin
    theta[:, 1, 1] = cos
    theta[:, 0, 2] = uniform(-shift, shift)
    theta[:, 1, 2] = uniform(-shift, shift)
    grid = F.affine_grid(theta, list(images.shape), align_corners=False)
    return F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
