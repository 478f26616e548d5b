"""The code tabs run typed code in the kernel: hostile statements are reported, the app carries on."""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
from PySide6.QtCore import Qt, QTimer

from core.data.mnist import load_data
from core.training.events import Finished
from core.training.loop import TrainConfig, TrainingRun
from tests.gui.test_other_tabs import draw_stroke
from tests.gui.waiting import wait_idle
from tests.kernel_limits import short_time_limit

ROOT = Path(__file__).resolve().parents[2]
HUNG = "x = 3**10000\nfor i in range(17):\n    x = x * x"
LESSON_MLP = TrainConfig(model="mlp", epochs=1, device="cpu", data="sample")
PROBE_MS = 10
# What the Tensors tab says after each statement; the kernel is replaced after the last three.
# The statements that run for ever get a 1-second limit.
HOSTILE = [
    ("import os\nos.system('true')", "cannot start programs or processes"),
    ("torch.cuda.CUDAPluggableAllocator('/some/lib.so', 'a', 'b')", "ctypes is not available"),
    ("xs = [torch.ones(10**8, dtype=torch.float64) for i in range(60)]", "more memory than the playground"),
    ("torch.autograd.set_detect_anomaly(True)", None),
    (HUNG, "Line 2 (for i in range(17):) ran longer than 1 seconds and was stopped."),
    ("x = torch.ones(10**6)", None),
    ("x.untyped_storage().resize_(0)\ny = x + 1", "crashed the Python process that runs your code (SIGSEGV)"),
    ("torch.ones(1).expand(10**6, 10**6).sum()", "ran longer than 1 seconds"),
]
RUN_FOR_EVER = {HUNG, "torch.ones(1).expand(10**6, 10**6).sum()"}


class Probe:
    """A 10 ms timer in the GUI thread; its delays say how long the GUI thread was blocked."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self.timer.start(PROBE_MS)

    def delays_ms(self) -> np.ndarray:
        self.timer.stop()
        return np.maximum(np.diff(self.times) * 1000 - PROBE_MS, 0)


def headless_accuracy(config: TrainConfig) -> float:
    events = TrainingRun(config, load_data(config.data)).events()
    return next(e for e in events if isinstance(e, Finished)).test_accuracy


def test_hostile_statements_leave_the_window_responsive_and_training_and_drawing_intact(qtbot, window):
    tab = window.tensors_tab
    probe = Probe()
    for code, message in HOSTILE:
        with short_time_limit(window.kernel) if code in RUN_FOR_EVER else contextlib.nullcontext():
            tab.run_code(code)
            wait_idle(qtbot, tab.runner, 60_000)
        if message is None:
            assert not tab.error.isVisible(), tab.error.text()
        else:
            assert message in tab.error.text(), (code, tab.error.text())
    delays = probe.delays_ms()
    assert len(delays) > 100 and np.percentile(delays, 99) < 50
    assert tab.variables.rowCount() == 0  # the crash reset them
    tab.run_code("x = torch.ones(2, 3)")
    qtbot.waitUntil(lambda: tab.variables.rowCount() == 1, timeout=60_000)
    assert not tab.error.isVisible() and tab.view.info.name == "x"

    train = window.train_tab
    train.apply_config(LESSON_MLP)
    train.start_training()
    wait_idle(qtbot, train.runner, 120_000)
    reached = window.hub.current.test_accuracy
    assert abs(reached - headless_accuracy(LESSON_MLP)) < 0.02 and reached > 0.7
    draw = window.draw_tab
    draw.use_bundled_model()
    wait_idle(qtbot, draw.runner, 30_000)
    assert window.hub.current.source == "bundled"
    draw_stroke(qtbot, draw.canvas, [(0.5, 0.12 + 0.04 * i) for i in range(20)])
    qtbot.waitUntil(lambda: draw.current_probabilities() is not None, timeout=10_000)
    assert draw.prediction.text().startswith("1")


def test_stop_in_the_autograd_tab_names_the_statement_and_tells_the_tensors_tab(qtbot, window):
    tensors, autograd = window.tensors_tab, window.autograd_tab
    tensors.run_code("keep = torch.ones(2)")
    qtbot.waitUntil(lambda: tensors.variables.rowCount() == 1, timeout=60_000)
    autograd.code.setPlainText(HUNG)
    qtbot.mouseClick(autograd.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.kernel.running_line == 2, timeout=60_000)
    assert autograd.stop_button.isEnabled() and not autograd.run_button.isEnabled()
    qtbot.mouseClick(autograd.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, autograd.runner, 10_000)
    assert "You stopped line 2 (for i in range(17):)." in autograd.message.text()
    assert "your variables are gone" in autograd.message.text() and autograd.graph is None
    qtbot.waitUntil(lambda: tensors.variables.rowCount() == 0, timeout=10_000)
    assert "Code in the Autograd tab stopped" in tensors.error.text()
    autograd.code.setPlainText("x = torch.ones(2, 2, requires_grad=True)\nout = (x * 3).sum()")
    qtbot.mouseClick(autograd.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: autograd.graph is not None, timeout=60_000)
    assert autograd.graph.kinds() == ["SumBackward0", "MulBackward0", "AccumulateGrad"]


def test_a_kernel_killed_from_outside_blames_no_tab(qtbot, window):
    """kill -9 of the kernel while the Tensors tab runs code: the Autograd tab is told that something
    outside the app ended it, not that the Tensors tab's code did."""
    tensors, autograd = window.tensors_tab, window.autograd_tab
    autograd.run_code("x = torch.ones(2, 2, requires_grad=True)\nout = (x * 3).sum()")
    wait_idle(qtbot, autograd.runner, 60_000)
    assert autograd.graph is not None, autograd.message.text()
    tensors.run_code(HUNG)
    qtbot.waitUntil(lambda: window.kernel.running_line == 2, timeout=60_000)
    psutil.Process(window.kernel.pid).kill()
    wait_idle(qtbot, tensors.runner, 30_000)
    assert "The operating system ended the Python process that runs your code" in tensors.error.text()
    qtbot.waitUntil(lambda: autograd.graph is None, timeout=10_000)
    said = autograd.message.text()
    assert "was ended from outside the app (SIGKILL: the operating system" in said and "Tensors" not in said


CLOSE_WHILE_HUNG = """
import sys, time
import psutil
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gui.app.window import MainWindow
from gui.app.startup import create_app, run_app

HUNG = {hung!r}


def window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def when_running():
    if window().kernel.running_line != 2:
        QTimer.singleShot(20, when_running)
        return
    children = psutil.Process().children(recursive=True)
    print("children", *[child.pid for child in children], flush=True)
    print("closing", time.time(), flush=True)
    window().close()


def start():
    window().tensors_tab.run_code(HUNG)
    QTimer.singleShot(20, when_running)


create_app()
QTimer.singleShot(0, start)
sys.exit(run_app())
"""


def test_closing_the_window_during_a_hung_statement_exits_zero_at_once_and_leaves_no_process(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTORCH_BASICS_DATA": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    with subprocess.Popen(
        [sys.executable, "-c", CLOSE_WHILE_HUNG.format(hung=HUNG)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as app:
        try:
            children = [int(pid) for pid in app.stdout.readline().split()[1:]]
            closing = float(app.stdout.readline().split()[1])
            _, stderr = app.communicate(timeout=30)
            exited = time.time()
        finally:
            app.kill()
    assert app.returncode == 0, stderr
    assert exited - closing < 2.0
    assert children and not any(psutil.pid_exists(pid) for pid in children)
    assert "QThread" not in stderr and "Traceback" not in stderr, stderr
