"""Training runs in a process of its own; the app receives only plain data back.

- :mod:`~core.trainer.client`: the app's side (start, runs, pause and stop, the weights)
- :mod:`~core.trainer.child`: the training process's own main loop
- :mod:`~core.trainer.protocol`: the messages, as frozen dataclasses (in the kernel's frames)
"""

from core.trainer.client import RemoteControl, TrainerClient

__all__ = ["RemoteControl", "TrainerClient"]
