"""A network ready to answer: trained just now, loaded from a file, or the bundled LeNet."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from core.models.checkpoint import BUNDLED_LENET, load_model
from core.models.config import TrainConfig
from core.models.networks import build_model, effective_activation, model_name

BUNDLED = "bundled"
TRAINED = "trained"


@dataclass(frozen=True)
class TrainedModel:
    """A network in eval mode on the CPU, with where it came from and how well it did.

    ``source`` is ``"bundled"``, ``"trained"`` or the name of the file it was loaded from.
    """

    model: nn.Module
    architecture: str
    activation: str
    test_accuracy: float | None
    source: str
    metadata: dict[str, Any]

    @property
    def name(self) -> str:
        """Return the network's name, e.g. ``MLP (ReLU)``."""
        return model_name(self.architecture, self.activation)


def from_weights(
    config: TrainConfig,
    weights: Mapping[str, np.ndarray],
    *,
    test_loss: float,
    test_accuracy: float,
    data_description: str,
) -> TrainedModel:
    """Build a finished run's network from its weights (on the CPU, in eval mode), with its metrics."""
    model = build_model(config.model, config.activation)
    model.load_state_dict({name: torch.from_numpy(array) for name, array in weights.items()})
    model.eval()
    metadata = {
        "config": config.to_dict(),
        "metrics": {"test_loss": test_loss, "test_accuracy": test_accuracy},
        "data": data_description,
    }
    activation = effective_activation(config.model, config.activation)
    return TrainedModel(model, config.model, activation, test_accuracy, TRAINED, metadata)


def load_trained(path: str | os.PathLike[str], source: str | None = None) -> TrainedModel:
    """Load a checkpoint (CheckpointError if it cannot be used); ``source`` defaults to its file name."""
    model, meta = load_model(path)
    accuracy = (meta.get("metrics") or {}).get("test_accuracy")
    return TrainedModel(
        model, meta["architecture"], meta["activation"], accuracy, source or Path(path).name, meta
    )


def load_bundled() -> TrainedModel:
    """Load the pretrained LeNet shipped in ``assets/``."""
    return load_trained(BUNDLED_LENET, BUNDLED)


INSTALL_MIN_ACCURACY = 0.5  # a model trained to less than this is offered, not put in use


def worth_installing(trained: TrainedModel) -> bool:
    """Tell whether a model just trained may replace the one in use without being asked.

    One that finished below INSTALL_MIN_ACCURACY test accuracy reads digits worse
    than any model the learner already has.
    """
    return trained.test_accuracy is None or trained.test_accuracy >= INSTALL_MIN_ACCURACY
