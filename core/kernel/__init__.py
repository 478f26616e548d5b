"""Typed code runs in a separate process, the kernel; the app receives only plain data back.

- :mod:`~core.kernel.client`: the app's side (start, requests, limits, restart)
- :mod:`~core.kernel.process`: one kernel process and the thread that reads it
- :mod:`~core.kernel.remote`: the tabs' engines and the questions' answers, answered by the kernel
- :mod:`~core.kernel.protocol`: the messages, as frozen dataclasses
- :mod:`~core.kernel.child`: the kernel's own main loop

What it shares with the trainer process (the frames, the OS confinement, why a
child ended) lives in :mod:`core.process`.
"""

from core.kernel.client import KernelClient, KernelConfig
from core.kernel.remote import RemoteAutogradLab, RemoteExercises, RemotePlayground, RemoteQuestions

__all__ = [
    "KernelClient",
    "KernelConfig",
    "RemoteAutogradLab",
    "RemoteExercises",
    "RemotePlayground",
    "RemoteQuestions",
]
