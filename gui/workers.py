"""The worker objects that jobs run in their threads (see :mod:`gui.jobs`).

A worker turns core work into signals: a task's result or failure, a training
run's events. Each has a ``run`` slot, ends by emitting ``finished``, and has a
thread-safe ``stop``.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from core.checkpoint import CheckpointError
from core.config import ConfigError, TrainConfig
from core.data import DataError, load_data
from core.data_fetch import CancelledError
from core.events import BatchProgress, Failed, Finished, Stopped
from core.file_errors import describe_os_error
from core.run_control import RunControl
from core.trained_model import from_run
from core.training import TrainingRun
from gui.progress_rates import PROGRESS_EVENTS_PER_SECOND

logger = logging.getLogger(__name__)

# Failures the learner can act on: their message says what to do, and no traceback is needed.
EXPECTED_FAILURES: tuple[type[Exception], ...] = (DataError, CheckpointError, OSError)


class TaskWorker(QObject):
    """Run one blocking callable (file I/O, a download, a step of code) off the GUI thread.

    The callable's return value goes out as ``succeeded``; an expected failure
    as ``failed(message)``; CancelledError as ``cancelled``. Anything else is
    logged with its traceback and also becomes ``failed``.
    """

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self, task: Callable[..., Any], with_progress: bool = False, cancellable: bool = False
    ) -> None:
        super().__init__()
        self._task = task
        self._cancel = threading.Event()
        self._kwargs: dict[str, Any] = {}
        if with_progress:
            self._kwargs["progress"] = self._report
        if cancellable:
            self._kwargs["cancelled"] = self._cancel.is_set

    def stop(self) -> None:
        """Ask the task to stop at its next ``cancelled()`` check."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        """Run the task and report how it ended."""
        try:
            result = self._task(**self._kwargs)
        except CancelledError:
            self.cancelled.emit()
        except EXPECTED_FAILURES as exc:
            logger.warning("%s failed: %s", _task_name(self._task), exc)
            self.failed.emit(_message(exc))
        except Exception as exc:
            logger.exception("%s failed unexpectedly", _task_name(self._task))
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()

    def _report(self, name: str, done: int, total: int) -> None:
        self.progress.emit(name, done, total)


def _task_name(task: Callable[..., Any]) -> str:
    function = getattr(task, "func", task)  # a functools.partial names the function it wraps
    return getattr(function, "__qualname__", repr(function))


def _message(exc: Exception) -> str:
    return describe_os_error(exc) if isinstance(exc, OSError) else str(exc)


class TrainingWorker(QObject):
    """Run one core training run and pass its events on as signals.

    Progress events are thinned to PROGRESS_EVENTS_PER_SECOND on this thread's
    clock; log steps, an epoch's last batch and every other event always go.
    A report passed on carries the batch losses of those dropped before it.
    """

    event = Signal(object)
    model_ready = Signal(object)
    finished = Signal()

    def __init__(self, config: TrainConfig, data_dir: Path) -> None:
        super().__init__()
        self.config = config
        self.data_dir = data_dir
        self.control = RunControl()

    def stop(self) -> None:
        """Ask the run to stop after the current batch."""
        self.control.stop()

    @Slot()
    def run(self) -> None:
        """Load the data, train, and emit events; always ends with ``finished``."""
        try:
            self._train()
        except Exception as exc:
            logger.exception("The training worker failed unexpectedly")
            message = QCoreApplication.translate("TrainingWorker", "Training stopped with an error: {0}")
            self.event.emit(Failed(message.format(exc), traceback.format_exc()))
        finally:
            self.finished.emit()

    def _train(self) -> None:
        try:
            data = load_data(self.config.data, self.data_dir)
            run = TrainingRun(self.config, data, self.control)
        except (DataError, ConfigError) as exc:
            logger.warning("Training could not start: %s", exc)
            self.event.emit(Failed(str(exc)))
            return
        last_emit = 0.0
        min_gap = 1 / PROGRESS_EVENTS_PER_SECOND
        dropped: tuple[float, ...] = ()
        for reported in run.events():
            event = reported
            if isinstance(reported, BatchProgress):
                if not reported.is_log_step and reported.batch != reported.batches:
                    now = time.perf_counter()
                    if now - last_emit < min_gap:
                        dropped += reported.batch_losses
                        continue
                    last_emit = now
                event, dropped = reported.after(dropped), ()
            if isinstance(event, Finished):
                self.model_ready.emit(from_run(run, event, data.description))
            self.event.emit(event)
            if isinstance(event, (Finished, Stopped, Failed)):
                break
