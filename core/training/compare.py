"""What sets one run apart from another: the settings that differ, named as the CLI names them."""

from __future__ import annotations

from core.models.config import TrainConfig
from core.models.networks import effective_activation

# The settings that change what a run learns, in the order a legend names them.
COMPARED = (
    "model",
    "activation",
    "optimizer",
    "momentum",
    "lr",
    "lr_step",
    "lr_gamma",
    "batch_size",
    "epochs",
    "seed",
    "data",
    "augment",
    "pipeline",
    "device",
)


def _shown(config: TrainConfig, name: str) -> object:
    """Return the setting as it acts: LeNet has no activation choice, no schedule has no factor."""
    if name == "activation":
        return effective_activation(config.model, config.activation)
    if name == "lr_gamma" and not config.lr_step:
        return None
    return getattr(config, name)


def _text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def differences(first: TrainConfig, other: TrainConfig) -> list[str]:
    """Return the settings of ``other`` that differ from ``first``, as ``name=value`` (``lr=0.05``)."""
    return [
        f"{name}={_text(_shown(other, name))}"
        for name in COMPARED
        if _shown(other, name) != _shown(first, name)
    ]
