"""SIGTERM and SIGHUP as a clean exit: the command stops where it is and removes what it half-wrote.

By default these signals kill the process on the spot, and a download or an
import leaves its partial files behind. Raised as :class:`Terminated`, a
KeyboardInterrupt, they unwind the stack as Ctrl+C does: every ``finally`` and
``except BaseException`` on the way removes its temporary files. A second
signal while that happens ends the process at once.
"""

from __future__ import annotations

import signal
from types import FrameType

# SIGHUP: the terminal closed. Windows has neither a SIGHUP nor a way to send SIGTERM from outside.
TERMINATION_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """The process was asked to end by ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """Return the shell's code for a process ended by this signal (128 + its number)."""
        return 128 + self.signum


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    for each in TERMINATION_SIGNALS:  # a second signal ends the process without any more cleaning
        signal.signal(each, signal.SIG_DFL)
    raise Terminated(signum)


def exit_cleanly_on_termination() -> None:
    """Raise :class:`Terminated` in the main thread when SIGTERM or SIGHUP arrives (call it from there)."""
    for signum in TERMINATION_SIGNALS:
        signal.signal(signum, _raise_terminated)
