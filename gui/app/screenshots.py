"""``--screenshot DIR``: render every tab to a PNG file, after a short real run on the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from core.models.config import TrainConfig
from core.models.trained import BUNDLED

SCREENSHOT_RUNS = (  # the lesson's point: the linear MLP against the same network with ReLU
    TrainConfig(model="mlp", activation="none", epochs=3, data="sample", device="cpu"),
    TrainConfig(model="mlp", activation="relu", epochs=3, lr=0.05, data="sample", device="cpu"),
)


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until(condition, timeout_ms: int) -> bool:
    waited = 0
    while not condition() and waited < timeout_ms:
        _wait(50)
        waited += 50
    return condition()


def prepare_tabs(window) -> None:
    """Give every tab real content: steps run, a graph drawn, runs trained, a digit drawn."""
    train = window.train_tab
    for config in SCREENSHOT_RUNS:
        train.apply_config(config)
        train.start_training()
        _wait_until(lambda: not train.runner.busy, 900_000)  # slow, shared machines too
    draw, hub = window.draw_tab, window.hub
    _wait_until(lambda: hub.current is not None and not draw.runner.busy, 30_000)
    draw.use_bundled_model()  # feature maps show for the LeNet
    _wait_until(lambda: not draw.runner.busy and hub.current.source == BUNDLED, 30_000)
    draw.put_real_digit()
    _wait_until(lambda: draw.test_digits is not None, 30_000)
    results = window.results_tab
    window.show_results()  # the tab evaluates the model in use once it shows
    _wait_until(lambda: results.predictions is not None and not results.evaluator.busy, 60_000)
    tensors = window.tensors_tab
    tensors.prepare_screenshot()
    _wait_until(lambda: not tensors.runner.busy and not tensors.queued, 30_000)
    autograd = window.autograd_tab
    autograd.prepare_screenshot()
    _wait_until(lambda: not autograd.runner.busy, 30_000)
    for _ in range(3):
        autograd.step()
        _wait_until(lambda: not autograd.runner.busy, 30_000)
    window.lesson_tab.cells.setCurrentRow(15)  # cell 16: backward, whose steps the Autograd tab writes out
    optimizers = window.optimizers_tab
    window.tabs.setCurrentWidget(optimizers)  # its first visit reads the presets
    _wait_until(lambda: optimizers.presets and not optimizers.runner.busy, 30_000)
    optimizers.apply_preset(optimizers.presets[min(1, len(optimizers.presets) - 1)], ask=False)  # momentum
    _wait_until(
        lambda: not optimizers.runner.busy and optimizers.answer.request == optimizers.request(), 30_000
    )


def take_screenshots(window, folder: Path) -> None:
    """Save ``01-tensors.png`` ... ``08-optimizers.png`` in ``folder`` and quit."""
    folder.mkdir(parents=True, exist_ok=True)
    prepare_tabs(window)
    names = ["tensors", "autograd", "train", "draw", "lesson", "results", "exercises", "optimizers"]
    for index, name in enumerate(names):
        window.tabs.setCurrentIndex(index)
        _wait(300)
        window.grab().save(str(folder / f"{index + 1:02d}-{name}.png"))
    window.close()
    QApplication.quit()
