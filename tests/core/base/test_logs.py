import logging
import os
import sys
import threading
from pathlib import Path

import pytest

from core.base import logs
from core.base.paths import DATA_ENV_VAR, default_log_file


@pytest.fixture
def log_path(tmp_path):
    """The log in a folder of the test's own; the file handler is removed afterwards."""
    path = logs.configure_logging(tmp_path / "logs" / "app.log")
    yield path
    logs.close_log()


def test_the_log_lives_in_the_per_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    assert default_log_file() == tmp_path / "logs" / "pytorch-basics.log"


def test_records_go_to_a_rotating_file_that_stays_small(log_path):
    assert logs.log_file() == log_path
    logger = logging.getLogger("pytorch_basics.test")
    logger.info("a run started")
    for _ in range(2 * logs.MAX_LOG_BYTES // 1000):
        logger.warning("x" * 1000)
    files = sorted(p.name for p in log_path.parent.iterdir())
    assert files[0] == "app.log" and "app.log.1" in files and len(files) <= 1 + logs.LOG_BACKUPS
    assert all(p.stat().st_size <= logs.MAX_LOG_BYTES + 2000 for p in log_path.parent.iterdir())


def test_uncaught_exceptions_in_any_thread_are_logged_with_their_traceback(log_path, monkeypatch):
    told = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    logs.log_uncaught_exceptions(told.append)

    def fail_in_a_thread():
        raise ValueError("nobody caught this")

    thread = threading.Thread(target=fail_in_a_thread)
    thread.start()
    thread.join()
    try:
        raise KeyError("nor this")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    text = log_path.read_text(encoding="utf-8")
    assert "Traceback" in text and "fail_in_a_thread" in text and "ValueError: nobody caught this" in text
    assert "KeyError: 'nor this'" in text
    assert told == ["ValueError: nobody caught this", "KeyError: 'nor this'"]


def test_a_log_that_cannot_be_written_never_prints_to_the_terminal(tmp_path, capfd):
    """A data folder that is a file (no log at all), or a log file that fails mid-way (a full disk)."""
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    logs.configure_logging(a_file / "logs" / "app.log")
    try:
        assert logs.log_file() is None
        logging.getLogger("pytorch_basics.test").error("lost", exc_info=ValueError("quietly"))
    finally:
        logs.close_log()
    path = logs.configure_logging(tmp_path / "logs" / "app.log")
    try:
        (handler,) = [h for h in logging.getLogger().handlers if isinstance(h, logs.QuietRotatingFileHandler)]
        handler.stream.close()
        handler.stream = open(os.devnull if not Path("/dev/full").exists() else "/dev/full", "w")  # noqa: SIM115
        logging.getLogger("pytorch_basics.test").warning("dropped: the disk is full")
    finally:
        logs.close_log()
    assert capfd.readouterr().err == "" and path.read_text(encoding="utf-8") == ""
