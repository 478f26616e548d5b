"""Typed code runs in a separate process, the kernel; the app receives only plain data back.

- :mod:`~core.kernel.client`: the app's side (start, requests, limits, restart)
- :mod:`~core.kernel.process`: one kernel process and the thread that reads it
- :mod:`~core.kernel.problems`: why a request ended without its outcome
- :mod:`~core.kernel.remote`: the tabs' engines, answered by the kernel
- :mod:`~core.kernel.protocol`: the messages, as frozen dataclasses
- :mod:`~core.kernel.codec`: their plain-data encoding (never pickle)
- :mod:`~core.kernel.confine`: the kernel's command, environment, OS limits and audit hook
- :mod:`~core.kernel.child`: the kernel's own main loop
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.kernel.client import KernelClient, KernelConfig
    from core.kernel.problems import KernelProblem
    from core.kernel.remote import RemoteAutogradLab, RemotePlayground

# Imported on first use (PEP 562): the training process's client uses this package's frames
# (codec) and must not wait for torch, which the kernel's client and engines import.
_HOMES = {
    "KernelClient": "core.kernel.client",
    "KernelConfig": "core.kernel.client",
    "KernelProblem": "core.kernel.problems",
    "RemoteAutogradLab": "core.kernel.remote",
    "RemotePlayground": "core.kernel.remote",
}
__all__ = ["KernelClient", "KernelConfig", "KernelProblem", "RemoteAutogradLab", "RemotePlayground"]


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
