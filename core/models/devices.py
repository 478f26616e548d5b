"""Which devices this machine can train on, and how to name them for a learner."""

from __future__ import annotations

import torch

from core.base.i18n import _, ngettext
from core.models.config import DEVICE_CHOICES

# torch's own choice (OMP_NUM_THREADS, else the core count), read before any thread changes it.
CPU_THREADS = torch.get_num_threads()


def keep_this_thread_serial() -> None:
    """Run this thread's torch ops on one core, so threads that train keep the cores busy.

    libgomp gives every thread that opens a parallel region its own pool of
    worker threads, kept until that thread ends. Once the pools together hold
    more threads than there are cores, all workers sleep between parallel
    regions instead of spinning: after one prediction in the GUI thread, the
    GUI trained at two thirds of its speed (bench/bench_gui.py, 2 cores). A GUI
    thread lives as long as the app, so it must never open a pool.
    """
    # torch sets each thread's count on first use: do that now, or it would undo the line below.
    torch.get_num_threads()
    torch.set_num_threads(1)


def use_all_cpu_threads() -> None:
    """Give this thread's torch ops every CPU thread (undoes a serial main thread's choice)."""
    torch.set_num_threads(CPU_THREADS)


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
        raise ValueError(
            _("device must be one of {choices}, not {value!r}.").format(
                choices=", ".join(DEVICE_CHOICES), value=choice
            )
        )
    if choice == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("mps") if _mps_available() else torch.device("cpu")
    if choice == "cuda" and not torch.cuda.is_available():
        raise ValueError(_("CUDA was asked for, but this machine has no usable CUDA GPU: use cpu."))
    if choice == "mps" and not _mps_available():
        raise ValueError(_("MPS was asked for, but this machine has no Apple GPU: use cpu."))
    return torch.device(choice)


def release_cached_memory(device: torch.device) -> None:
    """Give the GPU memory torch keeps cached for reuse back to the driver.

    After a failure (out of memory above all) the cache can hold most of the
    card; returned, it is there for the next run and for other processes (the
    typed-code kernel, another program).
    """
    if device.type == "cuda" and torch.cuda.is_initialized():
        torch.cuda.empty_cache()


def device_label(device: torch.device) -> str:
    """Name the device as the status bar shows it, e.g. ``CPU, 2 threads``."""
    if device.type == "cuda":
        return f"CUDA: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return _("Apple GPU (MPS)")
    return ngettext("CPU, {count} thread", "CPU, {count} threads", CPU_THREADS).format(count=CPU_THREADS)
