"""One launch, timed from inside: the child process that ``bench_startup.py`` starts.

    python bench/launch_probe.py floor
    python bench/launch_probe.py app MODEL CLICK_DELAY_MS

``floor`` imports torch, PySide6 and pyqtgraph and shows an empty window: the
least any launch of the app can cost. ``app`` runs ``main.main([])``, the app
as ``python main.py`` starts it, with a probe in its QApplication. Each prints
``painted`` once its window's first frame is painted (the parent times the
launch up to that line). ``app`` then opens the Train tab half-way through
CLICK_DELAY_MS and, at its end (as a learner would, before pressing Train),
clicks the Train button for MODEL on the bundled sample, and prints
``first_point SECONDS`` once the loss plot has painted the run's first point;
then the same for a second run, and quits.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def say(line: str) -> None:
    """Tell the parent, at once."""
    print(line, flush=True)


class FirstPaint(QObject):
    """Call ``then`` once the first main window has painted its first frame."""

    def __init__(self, then) -> None:
        super().__init__()
        self.then = then
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.seen = True
            QTimer.singleShot(0, lambda: self.painted(watched))  # after the whole frame is painted
        return False

    def painted(self, window: QMainWindow) -> None:
        QApplication.instance().removeEventFilter(self)  # every event passes through it: no more
        self.then(window)


class FirstPoint(QObject):
    """Time a Train click to the loss plot's first paint that shows the run's first point."""

    def __init__(self, window, then) -> None:
        super().__init__()
        self.window, self.then = window, then
        self.clicked_at = 0.0
        self.viewport = window.train_tab.run_view.curves.loss_widget.viewport()

    def click(self) -> None:
        self.viewport.installEventFilter(self)
        self.clicked_at = time.perf_counter()
        self.window.train_tab.train_button.click()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            runs = self.window.train_tab.run_view.curves.runs
            if runs and not runs[-1].lines["train_loss"].path().isEmpty():
                self.viewport.removeEventFilter(self)
                QTimer.singleShot(0, self.painted)  # after this paint
        return False

    def painted(self) -> None:
        self.then(time.perf_counter() - self.clicked_at)


def run_floor() -> int:
    import pyqtgraph  # noqa: F401 - what the floor imports
    import torch  # noqa: F401

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 820)
    probe = FirstPaint(lambda w: (say("painted"), w.close()))
    app.installEventFilter(probe)
    window.show()
    return app.exec()


def run_app(model: str, click_delay_ms: int) -> int:
    def on_painted(window) -> None:
        say("painted")
        QTimer.singleShot(click_delay_ms // 2, lambda: window.tabs.setCurrentWidget(window.train_tab))
        QTimer.singleShot(click_delay_ms, lambda: train(window, runs_left=2))

    def train(window, runs_left: int) -> None:
        from core.models.config import TrainConfig

        tab = window.train_tab
        tab.apply_config(TrainConfig(model=model, epochs=1, data="sample", device="cpu"))

        def point_painted(seconds: float) -> None:
            say(f"first_point {seconds:.4f}")
            tab.runner.idle.connect(after_run)

        def after_run() -> None:
            tab.runner.idle.disconnect(after_run)
            if runs_left > 1:
                QTimer.singleShot(200, lambda: train(window, runs_left - 1))
            else:
                window.close()

        window.first_point_probe = FirstPoint(window, point_painted)
        window.first_point_probe.click()

    probe = FirstPaint(on_painted)

    class ProbedApplication(QApplication):
        """The app's QApplication, with the probe watching its events (the app imports this class)."""

        def __init__(self, *args) -> None:
            super().__init__(*args)
            self.installEventFilter(probe)

    QtWidgets.QApplication = ProbedApplication
    import main  # only now: the app imports everything else itself, in its own order

    return main.main([])


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        sys.exit(run_floor())
    sys.exit(run_app(sys.argv[2], int(sys.argv[3])))
