"""The worker objects that jobs run in their threads (see :mod:`gui.base.jobs`).

A worker turns core work into signals: a task's result or failure, a training
run's events. Each has a ``run`` slot, ends by emitting ``finished``, and has a
thread-safe ``stop``.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from core.base.file_errors import describe_os_error
from core.data.fetch import CancelledError
from core.data.mnist import DataError
from core.models.checkpoint import CheckpointError
from core.models.config import TrainConfig
from core.models.trained import from_weights
from core.training.control import RunControls
from core.training.events import Failed, Finished, RunStarted
from core.training.process import RemoteControl, TrainerClient
from core.training.process.protocol import Weights
from gui.base.progress_rates import PROGRESS_EVENTS_PER_SECOND

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
    """Run one training run in the training process and pass what it reports on as signals.

    The process (``trainer``) keeps the data set loaded between runs and sends
    at most PROGRESS_EVENTS_PER_SECOND progress events (the first, log steps
    and an epoch's last batch always go). A finished run's weights become the
    TrainedModel of ``model_ready``, just before Finished.
    """

    event = Signal(object)
    model_ready = Signal(object)
    finished = Signal()

    def __init__(self, config: TrainConfig, data_dir: Path, trainer: TrainerClient) -> None:
        super().__init__()
        self.config = config
        self.data_dir = data_dir
        self.trainer = trainer
        self._remote = RemoteControl()  # the run's requests, passed on to the training process

    @property
    def control(self) -> RunControls:
        """Return the run's stop, pause, learning-rate and weights requests, made from the GUI thread."""
        return self._remote

    def stop(self) -> None:
        """Ask the run to stop after the current batch."""
        self._remote.stop()

    @Slot()
    def run(self) -> None:
        """Train, and emit events; always ends with ``finished``."""
        try:
            self._train()
        except Exception as exc:
            logger.exception("The training worker failed unexpectedly")
            message = QCoreApplication.translate("TrainingWorker", "Training stopped with an error: {0}")
            self.event.emit(Failed(message.format(exc), traceback.format_exc()))
        finally:
            self.finished.emit()

    def _train(self) -> None:
        description, weights = "", None
        for event in self.trainer.train(self.config, self.data_dir, PROGRESS_EVENTS_PER_SECOND, self._remote):
            if isinstance(event, Weights):
                weights = dict(zip(event.names, event.arrays, strict=True))
                continue
            if isinstance(event, RunStarted):
                description = event.data_description
            elif isinstance(event, Finished) and weights is not None:
                trained = from_weights(
                    self.config,
                    weights,
                    test_loss=event.test_loss,
                    test_accuracy=event.test_accuracy,
                    data_description=description,
                )
                self.model_ready.emit(trained)
            elif isinstance(event, Failed) and event.detail:
                logger.warning("Training ended: %s (%s)", event.message, event.detail)
            self.event.emit(event)
