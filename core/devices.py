"""Which devices this machine can train on, and how to name them for a learner."""

from __future__ import annotations

import torch

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def available_devices() -> list[str]:
    """Return the device choices this machine can honour, ``auto`` first."""
    devices = ["auto", "cpu"]
    if torch.cuda.is_available():
        devices.append("cuda")
    if _mps_available():
        devices.append("mps")
    return devices


def resolve_device(choice: str) -> torch.device:
    """Turn a choice into a device: ``auto`` prefers CUDA, then MPS, then the CPU."""
    if choice not in DEVICE_CHOICES:
        raise ValueError(f"device must be one of {DEVICE_CHOICES}, not {choice!r}")
    if choice == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("mps") if _mps_available() else torch.device("cpu")
    if choice == "cuda" and not torch.cuda.is_available():
        raise ValueError("CUDA was asked for, but this machine has no usable CUDA GPU: use cpu.")
    if choice == "mps" and not _mps_available():
        raise ValueError("MPS was asked for, but this machine has no Apple GPU: use cpu.")
    return torch.device(choice)


def device_label(device: torch.device) -> str:
    """Name the device as the status bar shows it, e.g. ``CPU, 2 threads``."""
    if device.type == "cuda":
        return f"CUDA: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "Apple GPU (MPS)"
    threads = torch.get_num_threads()
    return f"CPU, {threads} thread{'s' if threads != 1 else ''}"
