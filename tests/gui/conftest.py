"""GUI fixtures: the real window on the offscreen platform, and a check for leftover threads."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings

from gui.workers import live_jobs


@pytest.fixture(autouse=True)
def no_thread_left_running(qtbot):
    """Fail any test that leaves a worker thread running."""
    yield
    qtbot.waitUntil(lambda: not live_jobs(), timeout=10_000)
    assert not any(job.thread.isRunning() for job in live_jobs())


@pytest.fixture
def settings(tmp_path):
    """Settings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings, tiny_data_dir, kernel):
    """The main window, with the tiny data set as 'full MNIST' and the tests' shared kernel."""
    from core.kernel import RemoteAutogradLab, RemotePlayground
    from gui.app import MainWindow, create_app

    create_app()
    RemotePlayground(kernel).reset()  # no variables left over from an earlier test
    RemoteAutogradLab(kernel).reset()
    win = MainWindow(settings=settings, data_dir=tiny_data_dir, kernel=kernel)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(
        lambda: win.train_tab.data_job is None and win.draw_tab.trained is not None, timeout=20_000
    )
    yield win
    win.close()
