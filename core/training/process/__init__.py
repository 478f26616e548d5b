"""Training runs in a process of its own; the app receives only plain data back.

- :mod:`~core.training.process.client`: the app's side (start, runs, pause and stop, the weights)
- :mod:`~core.training.process.child`: the training process's own main loop
- :mod:`~core.training.process.protocol`: the messages, as frozen dataclasses (in the kernel's frames)
"""

from core.training.process.client import RemoteControl, TrainerClient

__all__ = ["RemoteControl", "TrainerClient"]
