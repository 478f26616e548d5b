"""A page of the data set as the network receives it: preprocessed, and augmented when asked."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from core.data.augment import random_affine_and_stroke
from core.data.mnist import MnistSplit, to_unit_float


@dataclass(frozen=True)
class DataPage:
    """Images ``(n, H, W)`` as uint8 (what the network reads, times 255), their labels and indices."""

    images: np.ndarray = field(compare=False)
    labels: np.ndarray = field(compare=False)
    indices: np.ndarray = field(compare=False)
    matching: int  # how many images of the split the filter lets through


def data_page(split: MnistSplit, label: int | None, count: int, seed: int, augment: bool = False) -> DataPage:
    """Pick ``count`` images of ``split`` (of digit ``label``, or any), shuffled by ``seed``.

    They go through the same steps as in training: to floats in [0, 1] and, with
    ``augment``, the same random affine and stroke-width change.
    """
    labels = split.labels.numpy()
    candidates = np.arange(len(labels)) if label is None else np.flatnonzero(labels == label)
    chosen = np.random.default_rng(seed).permutation(candidates)[:count]
    chosen.sort()
    inputs = to_unit_float(split.images[torch.from_numpy(chosen)])
    if augment:
        inputs = random_affine_and_stroke(inputs, torch.Generator().manual_seed(seed))
    pixels = (inputs[:, 0].clamp(0, 1) * 255).round().to(torch.uint8).numpy()
    return DataPage(pixels, labels[chosen], chosen, len(candidates))
