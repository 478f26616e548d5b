"""How many threads this process runs, where Linux's /proc says."""

from __future__ import annotations

import os
from pathlib import Path

TASKS = Path("/proc/self/task")


def thread_count() -> int | None:
    """Return the number of threads in this process, or None where there is no /proc."""
    return len(os.listdir(TASKS)) if TASKS.exists() else None
