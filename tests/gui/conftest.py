"""GUI fixtures: the real window on the offscreen platform, and a check for leftover threads."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from gui.base.jobs import live_jobs, stop_all_jobs
from tests.gui.waiting import wait_idle


@pytest.fixture(scope="session", autouse=True)
def garbage_collected_in_the_gui_thread():
    """As in the app (gui/app/startup.py, collect_garbage_in_gui_thread): no automatic collection,
    which could start in a job's thread and destroy Qt objects there; each test's end collects, in
    the GUI thread. What the imports made is frozen first, so that each collection stays short."""
    was_enabled = gc.isenabled()
    gc.disable()
    gc.collect()
    gc.freeze()
    yield
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def no_thread_left_running(qtbot):
    """Fail, at once, any test that leaves a job's thread running, and say where it was started;
    collect the test's garbage in the GUI thread.

    A test waits for the jobs it starts (or closes the window, which waits for
    them). Leftovers are stopped afterwards, so the next test starts clean.
    """
    yield
    QCoreApplication.sendPostedEvents()  # a thread that just ended reports it through the event queue
    running = [job for job in live_jobs() if job.is_running()]
    stop_all_jobs(5000)
    QCoreApplication.sendPostedEvents()
    gc.collect()  # in the GUI thread (see garbage_collected_in_the_gui_thread)
    assert not running, (
        "a job's thread was still running when the test ended; it was started at\n"
        + "\n".join(f"  {job.thread.objectName()}: {job.origin}" for job in running)
    )


@pytest.fixture
def settings(tmp_path):
    """Settings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings, tiny_data_dir, kernel, trainer):
    """The main window, with the tiny data set as 'full MNIST' and the tests' shared kernel and
    training process, once its start-up jobs are done (its tabs are built at once when asked for)."""
    from core.kernel import RemoteAutogradLab, RemotePlayground
    from gui.app.startup import create_app
    from gui.app.window import MainWindow

    create_app()
    RemotePlayground(kernel).reset()  # no variables left over from an earlier test
    RemoteAutogradLab(kernel).reset()
    win = MainWindow(settings=settings, data_dir=tiny_data_dir, kernel=kernel, trainer=trainer)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, win.train_tab.data_panel.runner, 20_000)
    wait_idle(qtbot, win.draw_tab.runner, 20_000)
    wait_idle(qtbot, win.questions.load_runner, 20_000)
    assert win.hub.current is not None
    yield win
    win.close()
    # The closed window's Python-owned Qt objects (pyqtgraph's plot menus) sit in reference
    # cycles. Collected here, they are destroyed in the GUI thread; left to a later collection
    # in a job's thread, destroying them there deadlocked PySide (a Qt mutex against the GIL).
    stop_all_jobs(5000)
    gc.collect()
