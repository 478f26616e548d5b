"""The limits of the kernel the tests share, and a shorter time limit for the statements that need one."""

from __future__ import annotations

import contextlib
import dataclasses

# Generous time for ordinary statements on a busy 2-core machine, and a memory budget
# small enough that the memory tests stay quick.
TEST_KERNEL_TIME_LIMIT_S = 10.0
TEST_KERNEL_MEMORY = 1024**3
SHORT_TIME_LIMIT_S = 1.0


@contextlib.contextmanager
def short_time_limit(kernel):
    """Give the shared kernel a 1-second limit per request, for the statements that run into it."""
    config = kernel.config
    kernel.config = dataclasses.replace(config, time_limit_s=SHORT_TIME_LIMIT_S)
    try:
        yield kernel
    finally:
        kernel.config = config
