"""What sets one run apart from another: the settings that differ.

Two ways to name them: :func:`differences` as the CLI names them (``lr=0.05``),
for the CSV export and anything a program reads back; :func:`described_differences`
in the learner's language with the field's words (``learning rate 0.05``,
``full MNIST``), for the Train tab's legend.
"""

from __future__ import annotations

from core.base.i18n import N_, _
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

# How the legend says a setting's value: "{value}" is the number or name, kept as it is.
WORDS = {
    "model": N_("network {value}"),
    "activation": N_("activation {value}"),
    "optimizer": N_("optimizer {value}"),
    "momentum": N_("momentum {value}"),
    "lr": N_("learning rate {value}"),
    "lr_step": N_("learning rate decay every {value} epochs"),
    "lr_gamma": N_("decay factor {value}"),
    "batch_size": N_("batch size {value}"),
    "epochs": N_("epochs {value}"),
    "seed": N_("seed {value}"),
    "device": N_("device {value}"),
}
# Values said in words of their own rather than with the setting's name.
VALUE_WORDS = {
    ("activation", "none"): N_("no activation"),
    ("lr_step", 0): N_("no learning rate decay"),
    ("data", "sample"): N_("bundled MNIST sample"),
    ("data", "full"): N_("full MNIST"),
    ("data", "auto"): N_("full MNIST if present, else the sample"),
    ("augment", True): N_("with augmentation"),
    ("augment", False): N_("no augmentation"),
    ("pipeline", "tensor"): N_("batches sliced from tensors"),
    ("pipeline", "dataloader"): N_("batches from a DataLoader"),
}
# The names of networks and optimizers as the lesson writes them (names, not words to translate).
NAMES = {"mlp": "MLP", "lenet": "LeNet", "relu": "ReLU", "sgd": "SGD", "adam": "Adam"}


def _shown(config: TrainConfig, name: str) -> object:
    """Return the setting as it acts: LeNet has no activation choice, no schedule has no factor."""
    if name == "activation":
        return effective_activation(config.model, config.activation)
    if name == "lr_gamma" and not config.lr_step:
        return None
    return getattr(config, name)


def _text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def changed_settings(first: TrainConfig, other: TrainConfig) -> list[tuple[str, object]]:
    """Return the settings of ``other`` that differ from ``first``: each name with its value as it acts."""
    return [(name, _shown(other, name)) for name in COMPARED if _shown(other, name) != _shown(first, name)]


def differences(first: TrainConfig, other: TrainConfig) -> list[str]:
    """Return the settings of ``other`` that differ from ``first``, as ``name=value`` (``lr=0.05``)."""
    return [f"{name}={_text(value)}" for name, value in changed_settings(first, other)]


def describe_setting(name: str, value: object) -> str:
    """Say one setting's value in the current language (``learning rate 0.05``, ``full MNIST``)."""
    words = VALUE_WORDS.get((name, value))
    if words is not None:
        return _(words)
    shown = NAMES.get(value, _text(value)) if isinstance(value, str) else _text(value)
    return _(WORDS.get(name, "{name}={value}")).format(name=name, value=shown)


def described_differences(first: TrainConfig, other: TrainConfig) -> list[str]:
    """Return what sets ``other`` apart from ``first``, each setting in the current language's words."""
    return [
        describe_setting(name, value)
        for name, value in changed_settings(first, other)
        if value is not None  # a decay factor without a schedule: the schedule's change says it
    ]
