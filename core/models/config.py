"""The settings of a training run, and the choices each one allows.

Plain Python only: ``main.py`` builds its argument parser from these defaults
and choices without importing torch, so ``train --help`` answers at once.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from core.base.i18n import _

ARCHITECTURES = ("mlp", "lenet")
ACTIVATIONS = ("none", "relu")
OPTIMIZERS = ("sgd", "adam")
DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")
DATA_CHOICES = ("sample", "full", "auto")
PIPELINES = ("tensor", "dataloader")
MAX_LR = 10  # a learning rate above this only ever diverges


class ConfigError(ValueError):
    """A training setting is out of range; the message names it and the allowed values."""


@dataclass(frozen=True)
class TrainConfig:
    """Every setting of a run; the defaults are the lesson's (batch 32, SGD, lr 1e-2)."""

    model: str = "mlp"
    activation: str = "none"
    epochs: int = 5
    batch_size: int = 32
    lr: float = 1e-2
    optimizer: str = "sgd"
    momentum: float = 0.0
    seed: int = 0
    device: str = "auto"
    data: str = "sample"
    log_interval: int = 300  # batches between the lesson's log lines
    report_interval: int = 10  # batches between progress events
    pipeline: str = "tensor"
    augment: bool = False
    lr_step: int = 0  # step decay: every lr_step epochs the learning rate is multiplied by lr_gamma (0: off)
    lr_gamma: float = 0.1

    def validate(self) -> None:
        """Raise ConfigError for the first setting that cannot work."""
        choices = {
            "model": ARCHITECTURES,
            "activation": ACTIVATIONS,
            "optimizer": OPTIMIZERS,
            "device": DEVICE_CHOICES,
            "data": DATA_CHOICES,
            "pipeline": PIPELINES,
        }
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ConfigError(
                    _("{name} must be one of {choices}, not {value!r}.").format(
                        name=name, choices=", ".join(allowed), value=getattr(self, name)
                    )
                )
        ranges = {
            "epochs": (1, 1000),
            "batch_size": (1, 65536),
            "log_interval": (1, 10**9),
            "report_interval": (1, 10**9),
            "lr_step": (0, 1000),
        }
        for name, (low, high) in ranges.items():
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(
                    _("{name} must be a whole number from {low} to {high}, not {value!r}.").format(
                        name=name, low=low, high=high, value=value
                    )
                )
        if not (isinstance(self.lr, (int, float)) and math.isfinite(self.lr) and 0 < self.lr <= MAX_LR):
            raise ConfigError(
                _("lr (learning rate) must be above 0 and at most {high}, not {value!r}.").format(
                    high=MAX_LR, value=self.lr
                )
            )
        if not (isinstance(self.lr_gamma, (int, float)) and math.isfinite(self.lr_gamma)) or not (
            0 < self.lr_gamma <= 1
        ):
            raise ConfigError(
                _("lr_gamma (the step decay's factor) must be above 0 and at most 1, not {value!r}.").format(
                    value=self.lr_gamma
                )
            )
        if not (math.isfinite(self.momentum) and 0 <= self.momentum < 1):
            raise ConfigError(
                _("momentum must be from 0 up to (not including) 1, not {value!r}.").format(
                    value=self.momentum
                )
            )
        if not 0 <= self.seed < 2**63:
            raise ConfigError(
                _("seed must be a whole number from 0 to 2**63-1, not {value!r}.").format(value=self.seed)
            )

    def lr_at_epoch(self, epoch: int) -> float:
        """Return the learning rate the schedule sets for ``epoch`` (from 1), before any change by hand."""
        steps = (epoch - 1) // self.lr_step if self.lr_step else 0
        return self.lr * self.lr_gamma**steps

    def to_dict(self) -> dict[str, object]:
        """Return the settings as plain values (for checkpoints and JSON)."""
        return asdict(self)

    def with_changes(self, **changes: object) -> TrainConfig:
        """Return a copy with some settings changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_values(cls, values: dict[str, object]) -> TrainConfig:
        """Build a config from the values that name one of its settings (others are ignored), validated."""
        known = {f.name for f in fields(cls)}
        config = cls(**{k: v for k, v in values.items() if k in known})  # type: ignore[arg-type]
        config.validate()
        return config
