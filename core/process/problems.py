"""Why a request to the kernel ended without its outcome: the reasons, and what the tab is told."""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass

# KernelProblem.reason
TIMEOUT = "timeout"  # ran past the time limit: killed
STOPPED = "stopped"  # the learner pressed Stop: killed
CRASHED = "crashed"  # the kernel died by itself (a segmentation fault, an abort)
MEMORY = "memory"  # used more memory than allowed, or the OS killed it (most likely for memory)
UNREADABLE = "unreadable"  # sent something that is not the protocol: killed
START_FAILED = "start_failed"  # could not start, or not in time
CLOSED = "closed"  # the app is closing
FAILURE = "failure"  # the kernel could not answer (its own fault); it goes on, variables kept
TOO_LONG = "too_long"  # the code is longer than :data:`CODE_LIMIT`; nothing ran


@dataclass(frozen=True)
class KernelProblem:
    """A request that ended without its outcome, and what the learner should be told."""

    reason: str
    session: str | None  # whose request it was ("tensors", "autograd"); None if none was running
    line: int | None  # the top-level statement running (1-based); 0: after the code; None: unknown
    statement: str  # that statement's text, when known
    reset: bool  # True when the kernel was replaced, so every variable is gone
    limit: float | None = None  # seconds (timeout) or bytes (memory)
    exit_status: str | None = None  # how a kernel that died by itself ended: "SIGSEGV", "exit code 1"
    detail: str = ""  # technical detail, for a tooltip


def signal_name(returncode: int | None) -> str | None:
    """Return the name of the signal that ended a process (``SIGSEGV``), or None."""
    if returncode is None or returncode >= 0 or sys.platform == "win32":
        return None
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def exit_text(returncode: int | None) -> str:
    """Describe a return code for a technical detail line."""
    name = signal_name(returncode)
    if name is not None:
        return f"ended by {name}"
    if returncode is None:
        return "did not start"
    return f"exit code {returncode:#x}" if os.name == "nt" and returncode > 255 else f"exit code {returncode}"  # noqa: PLR2004
