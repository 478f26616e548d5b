"""What one run keeps to gently, so that the session and its variables survive: output and time.

Printed text is collected up to :data:`OUTPUT_LIMIT` characters, the rest
left out with a note. A run that goes on past :data:`TIME_LIMIT_S` seconds is
interrupted at its next Python instruction by a timer signal; the exception
is not an ``Exception``, so a learner's ``except Exception`` does not swallow
it. Code stuck in C (a huge integer power, say) does not reach the next
instruction: the app's own time limit then kills the kernel. The hard limits
(memory, time, files, processes, network) are the kernel process's and the
OS's (:mod:`core.process.confine`).
"""

from __future__ import annotations

import contextlib
import io
import signal
import threading
import time
from collections.abc import Iterator

from core.base.i18n import _

TIME_LIMIT_S = 3.0
OUTPUT_LIMIT = 20_000
MESSAGE_LIMIT = 2_000  # characters of an error or a note: a message, not a dump of the data it names


class TimeLimitReached(BaseException):
    """The run went on past :data:`TIME_LIMIT_S`; raised into learner code by the timer."""


def bounded(text: str | None, limit: int = MESSAGE_LIMIT) -> str | None:
    """Return ``text`` cut to ``limit`` characters, saying how much was left out."""
    if text is None or len(text) <= limit:
        return text
    more = _("… ({count:,} more characters not shown)").format(count=len(text) - limit)
    return text[:limit] + more


def time_limit_message() -> str:
    """Return what the learner reads when a run was interrupted by the time limit."""
    return _(
        "The code ran longer than {seconds:g} seconds and was stopped; your variables are kept. "
        "Check that your loops end, or do less in one Run (fewer steps or a smaller batch)."
    ).format(seconds=TIME_LIMIT_S)


class RunOutput(io.TextIOBase):
    """A text stream that keeps the first :data:`OUTPUT_LIMIT` characters written to it."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[str] = []
        self._size = 0
        self.truncated = False

    def writable(self) -> bool:
        """Say that this stream takes text."""
        return True

    def write(self, text: str) -> int:
        """Keep ``text`` while there is room; return its length, as a file does."""
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        room = OUTPUT_LIMIT - self._size
        if len(text) > room:
            self.truncated = True
            text = text[: max(room, 0)]
        self._parts.append(text)
        self._size += len(text)
        return len(text)

    def getvalue(self) -> str:
        """Return what was kept."""
        return "".join(self._parts)

    def note(self) -> str | None:
        """Return the note to show when output was left out."""
        if not self.truncated:
            return None
        return _(
            "The code printed more than {limit:,} characters; the rest is not shown. "
            "Print less, e.g. x.shape instead of x."
        ).format(limit=OUTPUT_LIMIT)


@contextlib.contextmanager
def time_limit(seconds: float = TIME_LIMIT_S) -> Iterator[None]:
    """Interrupt the code run inside after ``seconds`` (main thread, where timer signals exist)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise TimeLimitReached

    previous = signal.signal(signal.SIGALRM, interrupt)
    started = time.monotonic()
    pending, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if pending:  # a timer someone else had set (a test runner's, say) goes on where it was
            left = max(pending - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, interval)
