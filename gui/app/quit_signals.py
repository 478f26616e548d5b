"""SIGTERM and SIGHUP (a logout, a closed terminal) close the window as the learner would.

Closing stops every job at its next check, and each job removes what it half
wrote, so the app ends as cleanly as from its Quit menu. Python runs a signal
handler only when it runs Python code, which the Qt event loop seldom does:
the signal's wake-up byte, written to a socket that Qt watches, makes it run.
"""

from __future__ import annotations

import contextlib
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

from core.process.termination import TERMINATION_SIGNALS


class QuitOnSignals(QObject):
    """While it lives, SIGTERM and SIGHUP close every window of ``app``."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.reader, self.writer = socket.socketpair()
        for end in (self.reader, self.writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self.writer.fileno())
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)
        for signum in TERMINATION_SIGNALS:
            signal.signal(signum, self._on_signal)

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self.reader.recv(64)

    def _on_signal(self, _signum: int, _frame: object) -> None:
        self.app.closeAllWindows()
