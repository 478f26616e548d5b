"""QThread adapters: core work runs in worker objects, results come back as signals.

Every job is a QObject moved to its own QThread (superqt's wiring). Only plain
values and frozen dataclasses cross threads; stop requests go through
thread-safe flags that the core polls, never through queued slots.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from core.data import Cancelled, DataError, load_data
from core.devices import use_all_cpu_threads
from core.events import BatchProgress, Failed, Finished, Stopped
from core.training import ConfigError, RunControl, TrainConfig, TrainingRun

# Redraws happen at most this often however fast batches go (coalesced on the producer's clock).
PROGRESS_EVENTS_PER_SECOND = 15

_live_jobs: set[Job] = set()


def live_jobs() -> set[Job]:
    """Return the jobs whose threads have not finished yet (for shutdown and tests)."""
    return set(_live_jobs)


def stop_all_jobs(timeout_ms: int = 2000) -> bool:
    """Ask every live job to stop and wait for its thread; True if all ended in time."""
    jobs = live_jobs()
    for job in jobs:
        job.request_stop()
    deadline = time.monotonic() + timeout_ms / 1000
    ok = True
    for job in jobs:
        remaining = max(int((deadline - time.monotonic()) * 1000), 1)
        ok = job.wait(remaining) and ok
    return ok


class Job(QObject):
    """Own one worker and the QThread it runs in, from start to clean finish."""

    done = Signal()

    def __init__(self, worker: QObject, stop: Callable[[], None]) -> None:
        super().__init__()
        self.worker = worker
        self._stop = stop
        self.thread = QThread()
        self.thread.setObjectName(type(worker).__name__)
        worker.moveToThread(self.thread)
        # The GUI thread computes serially (create_app); work in a job thread uses every core.
        # Connected first, so it runs in the new thread before the worker does.
        self.thread.started.connect(use_all_cpu_threads, Qt.ConnectionType.DirectConnection)
        self.thread.started.connect(worker.run)
        # Direct: QThread.quit is thread-safe, and a queued call would wait for the GUI
        # thread, which may itself be waiting for this thread (closing the window).
        worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._on_thread_finished)

    def start(self) -> None:
        """Start the thread; the job stays referenced until the thread has finished."""
        _live_jobs.add(self)
        self.thread.start()

    def request_stop(self) -> None:
        """Ask the worker to stop at its next check."""
        self._stop()

    def wait(self, timeout_ms: int) -> bool:
        """Block until the thread ends (only for shutdown)."""
        return self.thread.wait(timeout_ms)

    @Slot()
    def _on_thread_finished(self) -> None:
        _live_jobs.discard(self)
        self.worker.deleteLater()
        self.done.emit()


@dataclass(frozen=True)
class TrainedModel:
    """A network handed to the views once training is over (a CPU copy in eval mode)."""

    model: Any
    architecture: str
    activation: str
    test_accuracy: float | None
    source: str
    metadata: dict[str, Any]


class TrainingWorker(QObject):
    """Run one core training run and pass its events on as signals."""

    event = Signal(object)
    model_ready = Signal(object)
    finished = Signal()

    def __init__(self, config: TrainConfig, data_dir: Path) -> None:
        super().__init__()
        self.config = config
        self.data_dir = data_dir
        self.control = RunControl()

    @Slot()
    def run(self) -> None:
        """Load the data, train, and emit events; always ends with ``finished``."""
        try:
            try:
                data = load_data(self.config.data, self.data_dir)
                run = TrainingRun(self.config, data, self.control)
            except (DataError, ConfigError) as exc:
                self.event.emit(Failed(str(exc)))
                return
            last_emit = 0.0
            for event in run.events():
                if (
                    isinstance(event, BatchProgress)
                    and not event.is_log_step
                    and event.batch != event.batches
                ):
                    now = time.perf_counter()
                    if now - last_emit < 1 / PROGRESS_EVENTS_PER_SECOND:
                        continue
                    last_emit = now
                if isinstance(event, Finished):
                    self.model_ready.emit(self._handover(run, data.description, event))
                self.event.emit(event)
                if isinstance(event, (Finished, Stopped, Failed)):
                    break
        finally:
            self.finished.emit()

    def _handover(self, run: TrainingRun, data_description: str, final: Finished) -> TrainedModel:
        model = copy.deepcopy(run.model).cpu().eval()
        cfg = self.config
        metadata = {
            "config": cfg.to_dict(),
            "metrics": {"test_loss": final.test_loss, "test_accuracy": final.test_accuracy},
            "data": data_description,
        }
        activation = cfg.activation if cfg.model == "mlp" else "relu"
        return TrainedModel(model, cfg.model, activation, final.test_accuracy, "trained", metadata)


class TaskWorker(QObject):
    """Run one blocking callable (file I/O, a download) off the GUI thread.

    The callable receives ``report(name, done, total)`` and ``cancelled()``;
    DataError and OSError become ``failed(message)``, Cancelled becomes ``cancelled``.
    """

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, task: Callable[..., Any], expected: tuple[type[Exception], ...] = ()) -> None:
        super().__init__()
        self._task = task
        self._expected = (DataError, OSError, *expected)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the task to stop at its next ``cancelled()`` check."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        """Run the task and report how it ended."""
        try:
            result = self._task(self._report, self._cancel.is_set)
        except Cancelled:
            self.cancelled.emit()
        except self._expected as exc:
            self.failed.emit(_message(exc))
        except Exception as exc:
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()

    def _report(self, name: str, done: int, total: int) -> None:
        self.progress.emit(name, done, total)


def _message(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}."
    return str(exc)


def make_training_job(config: TrainConfig, data_dir: Path) -> Job:
    """Create (not start) a job that trains with ``config``."""
    worker = TrainingWorker(config, data_dir)
    return Job(worker, worker.control.stop)


def make_task_job(task: Callable[..., Any], expected: tuple[type[Exception], ...] = ()) -> Job:
    """Create (not start) a job that runs ``task(report, cancelled)`` in a thread."""
    worker = TaskWorker(task, expected)
    return Job(worker, worker.cancel)
