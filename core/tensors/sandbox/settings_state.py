"""The process-wide settings a learner may change, kept apart for each session.

``torch.set_grad_enabled(False)``, ``torch.manual_seed(0)``,
``torch.set_printoptions(precision=2)`` or a new default dtype change the
whole process. Both code tabs' sessions live in one kernel, so each session
keeps its own copy of these settings: its copy is put in place before its
code runs and read back afterwards. A fresh or reset session starts from the
settings the process started with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch._tensor_str import PRINT_OPTS

PRINT_FIELDS = ("precision", "threshold", "edgeitems", "linewidth", "sci_mode")


@dataclass(frozen=True)
class Settings:
    """One session's copy of the process-wide settings."""

    grad_enabled: bool
    anomaly: bool
    dtype: torch.dtype
    device: torch.device
    threads: int
    deterministic: bool
    print_options: dict[str, Any]
    numpy_print_options: dict[str, Any]
    torch_rng: torch.Tensor
    numpy_rng: Any
    python_rng: Any


def read_settings() -> Settings:
    """Return the settings in force now."""
    return Settings(
        grad_enabled=torch.is_grad_enabled(),
        anomaly=torch.is_anomaly_enabled(),
        dtype=torch.get_default_dtype(),
        device=torch.get_default_device(),
        threads=torch.get_num_threads(),
        deterministic=torch.are_deterministic_algorithms_enabled(),
        print_options={name: getattr(PRINT_OPTS, name) for name in PRINT_FIELDS},
        numpy_print_options=dict(np.get_printoptions()),
        torch_rng=torch.get_rng_state(),
        numpy_rng=np.random.get_state(),
        python_rng=random.getstate(),
    )


def apply_settings(settings: Settings) -> None:
    """Put ``settings`` in force."""
    torch.set_grad_enabled(settings.grad_enabled)
    torch.autograd.set_detect_anomaly(settings.anomaly)
    torch.set_default_dtype(settings.dtype)
    torch.set_default_device(None if settings.device.type == "cpu" else settings.device)
    if torch.get_num_threads() != settings.threads:
        torch.set_num_threads(settings.threads)
    torch.use_deterministic_algorithms(settings.deterministic)
    for name, value in settings.print_options.items():
        setattr(PRINT_OPTS, name, value)
    np.set_printoptions(**settings.numpy_print_options)
    torch.set_rng_state(settings.torch_rng)
    np.random.set_state(settings.numpy_rng)
    random.setstate(settings.python_rng)
