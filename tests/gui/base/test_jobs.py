import os
import re
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Slot

from core.data.fetch import CancelledError
from core.data.mnist import DataError
from gui.base.jobs import JobRunner, live_jobs, stop_all_jobs
from tests.gui.waiting import wait_idle

ROOT = Path(__file__).resolve().parents[3]


class Recorder(QObject):
    """Receive a job's signals in the GUI thread, as a tab does."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple] = []

    @Slot(object)
    def result(self, value: object) -> None:
        self.calls.append(("result", value))

    @Slot(str)
    def error(self, message: str) -> None:
        self.calls.append(("error", message))

    @Slot()
    def cancelled(self) -> None:
        self.calls.append(("cancelled",))

    @Slot(str, int, int)
    def progress(self, name: str, done: int, total: int) -> None:
        self.calls.append(("progress", name, done, total))


def wait_then_return(gate: threading.Event, value: int) -> int:
    gate.wait(10)
    return value


def wait_for_cancel(started: threading.Event, cancelled) -> None:
    """Poll ``cancelled`` as a download polls between chunks; stop as it does."""
    started.set()
    while not cancelled():
        time.sleep(0.005)
    raise CancelledError


def report_then_wait_for_cancel(started: threading.Event, progress, cancelled) -> None:
    progress("work", 1, 2)
    wait_for_cancel(started, cancelled)


def fail_with(exc: Exception) -> None:
    raise exc


def test_a_runner_runs_one_job_at_a_time_and_says_when_it_is_idle(qtbot):
    runner, recorder, gate = JobRunner(), Recorder(), threading.Event()
    changes = []
    runner.busy_changed.connect(changes.append)
    assert runner.run_task(partial(wait_then_return, gate, 7), recorder.result)
    assert runner.busy and not runner.run_task(partial(wait_then_return, gate, 8), recorder.result)
    (job,) = live_jobs()
    assert (
        job.origin.startswith("tests/gui/base/test_jobs.py:") and "test_a_runner_runs_one_job" in job.origin
    )
    gate.set()
    wait_idle(qtbot, runner, 10_000)
    assert recorder.calls == [("result", 7)] and changes == [True, False] and not runner.busy


def test_a_stop_request_reaches_a_task_that_checks_for_it(qtbot):
    runner, recorder, started = JobRunner(), Recorder(), threading.Event()
    runner.run_task(
        partial(report_then_wait_for_cancel, started),
        recorder.result,
        recorder.error,
        on_progress=recorder.progress,
        on_cancelled=recorder.cancelled,
    )
    assert started.wait(10)
    runner.request_stop()
    wait_idle(qtbot, runner, 10_000)
    assert recorder.calls == [("progress", "work", 1, 2), ("cancelled",)]


def test_failures_become_messages_and_unexpected_ones_are_logged_with_a_traceback(qtbot, caplog):
    runner, recorder = JobRunner(), Recorder()
    runner.run_task(partial(fail_with, DataError("MNIST is missing.")), recorder.result, recorder.error)
    wait_idle(qtbot, runner, 10_000)
    runner.run_task(
        partial(fail_with, ZeroDivisionError("division by zero")), recorder.result, recorder.error
    )
    wait_idle(qtbot, runner, 10_000)
    assert recorder.calls == [
        ("error", "MNIST is missing."),
        ("error", "ZeroDivisionError: division by zero"),
    ]
    warning, error = [r for r in caplog.records if r.name == "gui.base.workers"]
    assert warning.levelname == "WARNING" and warning.exc_info is None and "fail_with" in warning.getMessage()
    assert error.levelname == "ERROR" and error.exc_info[0] is ZeroDivisionError


def test_the_shutdown_wait_stops_every_job(qtbot):
    runners, recorder = [JobRunner(), JobRunner()], Recorder()
    for runner in runners:
        started = threading.Event()
        runner.run_task(partial(wait_for_cancel, started), recorder.result, on_cancelled=recorder.cancelled)
        assert started.wait(10)
    assert len(live_jobs()) == 2
    started_at = time.perf_counter()
    assert stop_all_jobs(2000)
    assert time.perf_counter() - started_at < 1
    QCoreApplication.sendPostedEvents()
    assert not live_jobs() and not any(runner.busy for runner in runners)
    assert recorder.calls == [("cancelled",), ("cancelled",)]


LEAKING_TEST = """
import threading
from functools import partial

from gui.base.jobs import JobRunner
from tests.gui.conftest import no_thread_left_running  # noqa: F401 - the check under test

RELEASE = threading.Event()


def wait_for_release(cancelled):
    while not cancelled() and not RELEASE.wait(0.01):
        pass


def test_forgets_its_job():
    runner = JobRunner()
    runner.run_task(partial(wait_for_release), print, on_cancelled=print)
"""


@pytest.mark.slow
def test_a_test_that_leaves_a_thread_running_fails_at_once_and_says_where_it_started(tmp_path):
    (tmp_path / "test_leak.py").write_text(LEAKING_TEST, encoding="utf-8")
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT)),
            *("-p", "no:cacheprovider", "--durations=0", "-vv", str(tmp_path / "test_leak.py")),
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "PASSED" in result.stdout and "ERROR at teardown of test_forgets_its_job" in result.stdout
    assert "a job's thread was still running when the test ended" in result.stdout
    assert re.search(r"TaskWorker: .*test_leak\.py:\d+ test_forgets_its_job", result.stdout), result.stdout
    teardown = re.search(r"([\d.]+)s teardown .*test_forgets_its_job", result.stdout)
    assert teardown and float(teardown.group(1)) < 2  # it does not wait for the thread to end by itself
