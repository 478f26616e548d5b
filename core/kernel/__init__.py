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

from core.kernel.client import KernelClient, KernelConfig
from core.kernel.problems import KernelProblem
from core.kernel.remote import RemoteAutogradLab, RemotePlayground

__all__ = ["KernelClient", "KernelConfig", "KernelProblem", "RemoteAutogradLab", "RemotePlayground"]
