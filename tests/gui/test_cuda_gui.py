"""The window on a real GPU: the Train tab on CUDA, its model in the Draw tab, the lesson's CUDA step.

Marked ``cuda``: skipped, with the reason, where torch sees no CUDA GPU.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from core.data.mnist import load_data
from core.lesson.steps import TENSOR_STEPS
from core.models.config import TrainConfig
from core.models.digits import enlarge
from gui.draw.digit_canvas import CANVAS_PIXELS
from tests.gui.waiting import wait_idle

pytestmark = pytest.mark.cuda

# One epoch of the bundled sample: 313 batches of 32.
CUDA_RUN = TrainConfig(
    model="lenet", epochs=1, batch_size=32, lr=0.05, momentum=0.9, device="cuda", data="sample"
)
OUT_OF_MEMORY = "The device ran out of memory. Use a smaller batch size, or train on the CPU."


def train(qtbot, window, config: TrainConfig, timeout: int = 180_000):
    tab = window.train_tab
    tab.apply_config(config)
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.runner.busy, timeout=5_000)
    wait_idle(qtbot, tab.runner, timeout)
    return tab


def read_real_digits(draw, count: int) -> list[tuple[int, int]]:
    """Put ``count`` real test digits of the sample on the canvas; return (label, digit read) for each.

    (The window's "full MNIST" is the tests' tiny made-up set, so its test button shows no real digit.)
    """
    digits = load_data("sample").test
    pairs = []
    for index in range(0, 100 * count, 100):
        draw.canvas.set_pixels(enlarge(digits.images[index].numpy(), CANVAS_PIXELS))
        draw.update_prediction()
        probabilities = draw.current_probabilities()
        assert probabilities is not None and abs(sum(probabilities) - 1) < 1e-5
        pairs.append((int(digits.labels[index]), int(np.argmax(probabilities))))
    return pairs


def test_a_lenet_trained_on_cuda_reads_digits_in_the_draw_tab(qtbot, window):
    tab = train(qtbot, window, CUDA_RUN.with_changes(epochs=3))  # about 96% of test digits read right
    log = tab.run_view.log.toPlainText()
    assert "Finish 3 epoch" in log, log
    record = tab.history.runs[-1]
    assert record.started.device == "cuda" and record.outcome.test_accuracy > 0.93
    trained = window.hub.current
    assert trained.source == "trained" and trained.architecture == "lenet"
    assert all(p.device.type == "cpu" for p in trained.model.parameters()) and not trained.model.training
    draw = window.draw_tab
    assert "trained just now" in draw.model_label.text()
    pairs = read_real_digits(draw, 8)
    assert sum(label == read for label, read in pairs) >= 6, pairs


def test_the_mlp_trains_on_cuda_in_the_train_tab(qtbot, window):
    tab = train(qtbot, window, CUDA_RUN.with_changes(model="mlp", activation="relu"))
    record = tab.history.runs[-1]
    assert record.started.device == "cuda" and record.outcome.test_accuracy > 0.85
    assert "CUDA" in window.device_status.text() or "CUDA" in tab.run_view.log.toPlainText()
    assert window.hub.current.architecture == "mlp"


def test_running_out_of_gpu_memory_in_the_train_tab_says_so_and_the_app_goes_on(qtbot, window):
    torch.cuda.empty_cache()
    free, _total = torch.cuda.mem_get_info()
    held = [torch.empty(free - 64 * 1024**2, dtype=torch.uint8, device="cuda")]
    try:
        tab = window.train_tab
        with qtbot.waitSignal(tab.error_reported, timeout=120_000) as reported:
            train(qtbot, window, CUDA_RUN.with_changes(batch_size=10_000))
        assert reported.args[1] == OUT_OF_MEMORY
        assert OUT_OF_MEMORY in window.findChild(QMessageBox, "errorMessage").text()
        assert tab.train_button.isEnabled()
    finally:
        held.clear()
        torch.cuda.empty_cache()
    train(qtbot, window, CUDA_RUN.with_changes(batch_size=64))
    assert tab.history.runs[-1].outcome.test_accuracy > 0.8
    assert window.hub.current.source == "trained"


def test_the_lessons_cuda_step_puts_the_tensor_on_the_gpu(qtbot, window):
    tab = window.tensors_tab
    cuda_step = len(TENSOR_STEPS) - 1
    assert "cuda" in TENSOR_STEPS[cuda_step].code
    for row in (0, cuda_step):
        tab.steps.setCurrentRow(row)
        qtbot.mouseClick(tab.step_run_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, tab.runner, 60_000)
    assert tab.view.info.name == "x_on_device"
    assert "device cuda:0" in tab.view.badge_texts()
