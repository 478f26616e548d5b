"""One job at a time off the GUI thread: the runner every tab and the window use.

A job is a worker object (see :mod:`gui.base.workers`) moved to a QThread of its
own, with superqt's wiring: ``thread.started -> worker.run``,
``worker.finished -> thread.quit``. Only plain values and frozen dataclasses
cross threads; a stop request sets a flag that the worker polls, never a
queued slot on a busy worker.

superqt's ``new_worker_qthread`` and ``GeneratorWorker`` were the models, and
are not used directly because:

- ``new_worker_qthread`` connects ``finished`` to ``quit`` through the GUI
  thread's event queue. Closing the window waits for every job in the GUI
  thread, so that queued call would never run: here it is a direct call
  (``QThread.quit`` is thread-safe).
- ``GeneratorWorker`` and ``thread_worker`` run in the global QThreadPool, a
  few threads shared and reused: a long training run would hold one for
  minutes and queue the file jobs behind it, and each pooled thread keeps the
  torch thread count of whatever ran in it last. One QThread per job starts
  with every core (``use_all_cpu_threads``) and ends with its job.
- ``GeneratorWorker`` pauses by polling every 10 ms and emits every value it
  yields. The core's loop pauses on an Event itself, and the training worker
  thins its events on its own clock (:mod:`gui.base.progress_rates`).
- The shutdown wait and the tests need every live job and where it was
  started; ``WorkerBase.await_workers`` knows only the pool.
"""

from __future__ import annotations

import sys
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QThread, Signal, SignalInstance, Slot

from core.base.paths import PROJECT_ROOT
from core.models.devices import use_all_cpu_threads
from gui.base.workers import TaskWorker

ORIGIN_FRAMES = 4  # frames kept of the stack that started a job, innermost first
# Frames from Python's library and installed packages (pytest, pluggy) say nothing about who started a job.
LIBRARY_DIRS = tuple({sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")})

# Closing the window waits this long, so that it closes promptly even when a job is slow to stop.
CLOSE_WAIT_MS = 2000
# Before the process ends every thread must have ended (Qt aborts the app when a running QThread is
# destroyed), so the last wait is long: every job stops at its next check, within a batch or a file.
QUIT_WAIT_MS = 30_000

_live_jobs: set[Job] = set()


class Worker(Protocol):
    """What a job runs: a QObject with a ``run`` slot that ends by emitting ``finished``."""

    finished: SignalInstance

    def run(self) -> None:
        """Do the work in the job's thread."""

    def stop(self) -> None:
        """Ask the work to end early (called from the GUI thread; must be thread-safe)."""


def live_jobs() -> set[Job]:
    """Return the jobs whose threads have not finished yet (for shutdown and tests)."""
    return set(_live_jobs)


def request_stop_of_all_jobs() -> None:
    """Ask every live job to stop at its next check; returns at once."""
    for job in live_jobs():
        job.request_stop()


def stop_all_jobs(timeout_ms: int = CLOSE_WAIT_MS) -> bool:
    """Ask every live job to stop and wait for its thread; True if all ended in time.

    The window's close calls this, and :func:`finish_jobs_before_quitting` once more.
    """
    jobs = live_jobs()
    for job in jobs:
        job.request_stop()
    deadline = time.monotonic() + timeout_ms / 1000
    ok = True
    for job in jobs:
        remaining = max(int((deadline - time.monotonic()) * 1000), 1)
        ok = job.wait(remaining) and ok
    return ok


def finish_jobs_before_quitting() -> None:
    """Stop every job and wait until its thread has ended (``QApplication.aboutToQuit`` calls this).

    The window's close waits only CLOSE_WAIT_MS; on a busy machine a job may need
    longer to reach its next check, and no thread may outlive the app.
    """
    stop_all_jobs(QUIT_WAIT_MS)


def _origin() -> str:
    """Return where a job is being started: the innermost calls outside this module and the libraries."""
    frames = []
    frame = sys._getframe(1)
    while frame is not None and len(frames) < ORIGIN_FRAMES:
        file_name = frame.f_code.co_filename
        if (
            file_name != __file__
            and not file_name.startswith(LIBRARY_DIRS)
            and "site-packages" not in file_name
        ):
            path = Path(file_name)
            shown = path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path
            frames.append(f"{shown}:{frame.f_lineno} {frame.f_code.co_name}")
        frame = frame.f_back
    return " <- ".join(frames) or "unknown"


class Job(QObject):
    """Own one worker and the QThread it runs in, from start to clean finish."""

    done = Signal()

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.worker = worker
        self.origin = ""
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
        self.origin = _origin()
        _live_jobs.add(self)
        self.thread.start()

    def request_stop(self) -> None:
        """Ask the worker to stop at its next check."""
        self.worker.stop()

    def wait(self, timeout_ms: int) -> bool:
        """Block until the thread ends (only for shutdown)."""
        return self.thread.wait(timeout_ms)

    def is_running(self) -> bool:
        """Tell whether the job's thread is still running."""
        return self.thread.isRunning()

    @Slot()
    def _on_thread_finished(self) -> None:
        _live_jobs.discard(self)
        self.worker.deleteLater()
        self.done.emit()


class JobRunner(QObject):
    """Run one job at a time for one owner (a tab, a panel, the window).

    ``busy`` says whether a job runs; ``busy_changed`` and ``idle`` tell when
    that changes. A start while busy is refused (the owner decides whether to
    queue, wait or say so). Results arrive before ``idle``: a worker emits them
    before it finishes, and Qt delivers queued signals in order.
    """

    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None

    @property
    def busy(self) -> bool:
        """Tell whether a job is running (or has yet to report that it ended)."""
        return self.job is not None

    @property
    def worker(self) -> Any:
        """Return the running job's worker, or None."""
        return None if self.job is None else self.job.worker

    def start(self, worker: Worker) -> bool:
        """Run ``worker`` (see :class:`Worker`) in a thread of its own; False if busy."""
        if self.job is not None:
            return False
        self.job = Job(worker)
        self.job.done.connect(self._on_job_done)
        self.job.start()
        self.busy_changed.emit(True)
        return True

    def run_task(
        self,
        task: Callable[..., Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        *,
        on_progress: Callable[[str, int, int], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = False,
    ) -> bool:
        """Run ``task()`` in a thread; its result goes to ``on_result``, a failure to ``on_error``.

        ``task`` is a named function or a ``functools.partial`` of one, so that
        a reader can follow a click to the core. With ``on_progress`` it is
        called with ``progress=report(name, done, total)``; with
        ``on_cancelled`` (or ``cancellable``, for a task that answers a stop with
        a result of its own) also with ``cancelled=`` a function that tells whether
        :meth:`request_stop` was called. DataError, CheckpointError and OSError
        become the learner's message; any other exception is logged with its
        traceback and named in the message. The callbacks must be slots of
        QObjects that live in the GUI thread: Qt then calls them there.
        False if busy.
        """
        if self.job is not None:
            return False
        worker = TaskWorker(
            task, with_progress=on_progress is not None, cancellable=cancellable or on_cancelled is not None
        )
        worker.succeeded.connect(on_result)
        if on_error is not None:
            worker.failed.connect(on_error)
        if on_progress is not None:
            worker.progress.connect(on_progress)
        if on_cancelled is not None:
            worker.cancelled.connect(on_cancelled)
        return self.start(worker)

    @Slot()
    def request_stop(self) -> None:
        """Ask the running job, if any, to stop at its next check."""
        if self.job is not None:
            self.job.request_stop()

    @Slot()
    def _on_job_done(self) -> None:
        self.job = None
        self.busy_changed.emit(False)
        self.idle.emit()
