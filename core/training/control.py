"""Stop, pause and learning-rate requests that another thread makes of a running training loop."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class RunControls(Protocol):
    """What the GUI asks of a run, and reads back, whether it trains here or in the training process.

    Both :class:`RunControl` (a loop in this process) and
    ``core.training.process.RemoteControl`` (a run in the training process)
    offer it; each adds what only its own side needs.
    """

    def stop(self) -> None:
        """Ask the run to stop after the current batch (also ends a pause)."""

    def pause(self) -> None:
        """Ask the run to wait after the current batch until resumed or stopped."""

    def resume(self) -> None:
        """Let a paused run go on."""

    def set_lr(self, lr: float) -> None:
        """Ask the run to train with learning rate ``lr`` from its next batch on."""

    def set_watch_weights(self, watch: bool) -> None:
        """Ask for the first layer's weights live, or only at the run's start and end."""

    @property
    def stop_requested(self) -> bool:
        """Tell whether a stop was asked for."""

    @property
    def pause_requested(self) -> bool:
        """Tell whether the run should be waiting."""

    @property
    def held(self) -> bool:
        """Tell whether the run waits in a pause right now."""

    def wait_until_held(self, timeout: float) -> bool:
        """Block until the run waits in a pause, at most ``timeout`` seconds; tell whether it does."""


class RunControl:
    """Thread-safe stop, pause and learning-rate requests, honoured between batches.

    ``on_hold(held)``, if given, is called from the run's thread when it starts
    and stops waiting in a pause (the training process tells the app).
    """

    def __init__(self, on_hold: Callable[[bool], None] | None = None) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._held = threading.Event()  # set while the run waits in a pause
        self._on_hold = on_hold
        self._lr_lock = threading.Lock()
        self.requested_lr: float | None = None  # read by the loop at every batch: a plain attribute
        # Copies of the first layer's weights go out live only while someone looks at them:
        # about 1 MB each, four a second, they cost GUI training ~3% (bench/bench_gui.py).
        self.watch_weights = False

    def set_lr(self, lr: float) -> None:
        """Ask the run to train with learning rate ``lr`` from the next batch on (the latest ask wins)."""
        with self._lr_lock:
            self.requested_lr = float(lr)

    def set_watch_weights(self, watch: bool) -> None:
        """Ask for the first layer's weights live (a few times a second, and at each epoch's end),
        or only at the run's start and end."""
        self.watch_weights = watch

    def take_lr(self) -> float | None:
        """Return the learning rate asked for since the last call, or None; the ask is then done."""
        with self._lr_lock:
            lr, self.requested_lr = self.requested_lr, None
        return lr

    def stop(self) -> None:
        """Ask the run to stop after the current batch (also ends a pause)."""
        self._stop.set()
        self._running.set()

    def pause(self) -> None:
        """Ask the run to wait after the current batch until resumed or stopped."""
        self._running.clear()

    def resume(self) -> None:
        """Let a paused run go on."""
        self._running.set()

    @property
    def stop_requested(self) -> bool:
        """Tell whether a stop was asked for."""
        return self._stop.is_set()

    @property
    def pause_requested(self) -> bool:
        """Tell whether the run should be waiting."""
        return not self._running.is_set()

    @property
    def held(self) -> bool:
        """Tell whether the run is waiting in a pause right now (no batch can run)."""
        return self._held.is_set()

    def wait_until_held(self, timeout: float) -> bool:
        """Block until the run waits in a pause, at most ``timeout`` seconds; tell whether it does."""
        return self._held.wait(timeout)

    def wait_while_paused(self) -> float:
        """Block while paused; return the seconds spent waiting."""
        start = time.perf_counter()
        self._held.set()
        if self._on_hold is not None:
            self._on_hold(True)
        try:
            self._running.wait()
        finally:
            self._held.clear()
            if self._on_hold is not None:
                self._on_hold(False)
        return time.perf_counter() - start
