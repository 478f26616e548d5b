"""Start-up: the QApplication and its names, the window, the jobs and the garbage collector around it."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from core.base.logs import configure_logging, log_uncaught_exceptions
from core.models.devices import keep_this_thread_serial
from gui.app.quit_signals import QuitOnSignals
from gui.app.welcome import show_welcome_once
from gui.app.window import MainWindow
from gui.base.jobs import finish_jobs_before_quitting
from gui.base.language import startup_language

if TYPE_CHECKING:
    from pyqtgraph.util.garbage_collector import GarbageCollector

    from core.training.process import TrainerClient

ORGANIZATION = "PyTorchBasics"
APPLICATION = "PyTorch Basics"


class ErrorRelay(QObject):
    """Carry an unexpected error's summary from whichever thread it happened in to the window."""

    error = Signal(str)


def report_unexpected_errors(window: MainWindow) -> ErrorRelay:
    """Log every uncaught exception with its traceback, and tell the learner in ``window``."""
    relay = ErrorRelay(window)
    relay.error.connect(window.show_unexpected_error)
    log_uncaught_exceptions(relay.error.emit)
    return relay


def has_display(screenshot_dir: str | None = None) -> bool:
    """Tell whether a window can be shown; screenshots need none (they use the offscreen platform)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return True
    if screenshot_dir:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return True
    return False


def create_app(argv: list[str] | None = None) -> QApplication:
    """Create (or return) the QApplication with the app's names (plots: :func:`configure_plot_colours`).

    Call it from the GUI thread: that thread's torch ops then run on one core.
    Before the application quits, it waits for every job's thread to end.
    """
    keep_this_thread_serial()  # the GUI thread's odd tensor op must not slow training down
    # Qt's raster engine would split each large fill over a pool of threads and wait for
    # them; while training keeps every core busy, the hand-off costs more than the fill.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    if not app.property("finishesJobs"):  # once per application, however often this is called
        app.aboutToQuit.connect(finish_jobs_before_quitting)
        app.setProperty("finishesJobs", True)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    return app


def freeze_startup_objects() -> None:
    """Move everything imported and built so far out of the garbage collector's sight.

    torch, Qt and pyqtgraph leave ~200,000 objects; a full collection of them
    holds the GIL for ~150 ms, and a collection triggered by the training
    thread would freeze the window for that long.
    """
    gc.collect()
    gc.freeze()


@cache  # one collector per application
def collect_garbage_in_gui_thread(app: QApplication) -> GarbageCollector:
    """Run Python's cyclic garbage collector on a GUI-thread timer instead of wherever it triggers.

    Left automatic, a collection can start in a job's thread and destroy Qt objects
    caught in reference cycles (pyqtgraph's plot menus) there, which can deadlock
    PySide (a Qt mutex taken against the GIL) or crash Qt. pyqtgraph's collector
    disables automatic collection and collects, generation by generation with the
    usual thresholds, once a second in the thread that owns the widgets.
    """
    from pyqtgraph.util.garbage_collector import GarbageCollector

    collector = GarbageCollector(interval=1.0)
    collector.timer.setParent(app)  # runs in, and ends with, the application's thread
    return collector


def run_app(
    screenshot_dir: str | None = None, language: str | None = None, trainer: TrainerClient | None = None
) -> int:
    """Open the main window; with ``screenshot_dir``, render every tab to PNG and exit.

    Ask :func:`has_display` first.

    ``language`` (``en``, ``zh_CN``) overrides the remembered one for this run only.
    ``trainer``, if given, is the training process, started early; the window shuts it down.
    """
    configure_logging()
    # No automatic collection until the GUI-thread collector takes over after the first frame:
    # one started meanwhile in a job's thread could destroy Qt objects there.
    gc.disable()
    app = create_app()
    QuitOnSignals(app)  # SIGTERM, SIGHUP: close as the Quit menu does, leaving no partial file
    scratch = None
    if screenshot_dir:
        # The demo's settings (its runs, the window's size) go to a scratch file, never the learner's.
        scratch = tempfile.TemporaryDirectory(prefix="pytorch-basics-screenshots-")
        settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
        language = startup_language(QSettings(), language)
        window = MainWindow(settings=settings, language=language, trainer=trainer)
    else:
        window = MainWindow(language=language, trainer=trainer)
    window.owns_trainer = True  # its own, even when it was started before the window
    report_unexpected_errors(window)
    app.aboutToQuit.connect(window.kernel.shutdown)
    app.aboutToQuit.connect(window.trainer.shutdown)
    # What the first frame does not need waits for it (the window builds its other tabs first).
    window.first_painted.connect(window.kernel.start)  # returns at once
    window.first_painted.connect(freeze_startup_objects)  # a full collection takes ~150 ms
    window.first_painted.connect(partial(collect_garbage_in_gui_thread, app))  # imports pyqtgraph
    if screenshot_dir:
        from gui.app.screenshots import take_screenshots

        window.resize(1280, 820)
        window.show()
        QTimer.singleShot(0, partial(take_screenshots, window, Path(screenshot_dir)))
        try:
            return app.exec()
        finally:
            scratch.cleanup()
    window.first_painted.connect(partial(show_welcome_once, window))
    window.show()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return app.exec()
