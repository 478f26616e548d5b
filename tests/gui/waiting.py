"""Waiting in GUI tests on signals, never on the clock."""

from __future__ import annotations

from gui.base.jobs import JobRunner


def wait_idle(qtbot, runner: JobRunner, timeout: int = 60_000) -> None:
    """Wait until ``runner`` has no job (at once if it has none).

    The runner learns that its job ended from the event queue, which only this
    thread empties, so ``idle`` cannot fire between the check and the wait.
    """
    if runner.busy:
        with qtbot.waitSignal(runner.idle, timeout=timeout):
            pass
