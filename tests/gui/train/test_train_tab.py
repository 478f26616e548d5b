import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import pytest
import torch
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPen, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem, QMessageBox, QWidget

from core.models.config import TrainConfig
from core.models.trained import load_trained
from core.training.history import MAX_POINTS, RunHistory, Series
from gui.base.progress_rates import REPORT_INTERVAL
from gui.train.curves import TrainingCurves
from gui.train.curves_export import render_images
from gui.train.settings_form import SETTINGS_KEY
from gui.widgets.plot_view import SeriesLine
from tests.gui.waiting import wait_idle

ROOT = Path(__file__).resolve().parents[3]
TINY = TrainConfig(
    model="mlp", activation="relu", epochs=2, batch_size=16, lr=0.05, device="cpu", data="full"
)
SLOW = TrainConfig(model="lenet", epochs=3, batch_size=32, device="cpu", data="sample")


def start(qtbot, window, config):
    tab = window.train_tab
    tab.apply_config(config)
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    return tab


def test_named_widgets_have_accessible_names_and_tooltips(window):
    names = [
        "tabs",
        "trainButton",
        "pauseButton",
        "stopButton",
        "modelCombo",
        "epochsSpin",
        "batchSizeSpin",
        "lrSpin",
        "deviceCombo",
        "dataCombo",
        "lossPlot",
        "accuracyPlot",
        "trainProgress",
        "trainLog",
    ]
    for name in names:
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName() and widget.toolTip(), name
    assert [window.tabs.tabText(i).replace("&", "") for i in range(4)] == [
        "Tensors",
        "Autograd",
        "Train",
        "Draw",
    ]
    assert window.windowTitle() == "PyTorch Basics"
    assert "CPU" in window.device_status.text() and "Data:" in window.data_status.text()


def test_a_run_draws_curves_logs_the_lesson_and_hands_over_the_model(qtbot, window):
    tab = start(qtbot, window, TINY)
    assert not tab.train_button.isEnabled() and tab.stop_button.isEnabled()
    qtbot.waitUntil(lambda: tab.history.point_count() > 0, timeout=30_000)
    wait_idle(qtbot, tab.runner)
    log = tab.run_view.log.toPlainText()
    assert "Finish 2 epoch, Loss:" in log and "Test Loss:" in log
    run = tab.run_view.curves.runs[-1]
    assert run.record is tab.history.runs[-1] and run.record.series["test_acc"].count == 2
    assert run.record.config == tab.config() and run.record.outcome.test_accuracy > 0
    assert run.record.started.data_description == "full MNIST (200 train / 50 test)"
    path, series = run.lines["train_loss"].path(), run.record.series["train_loss"]
    elements = [path.elementAt(i) for i in range(path.elementCount())]
    assert np.allclose([(e.x, e.y) for e in elements], drawn_points(series))
    assert sum(e.isMoveTo() for e in elements) == 2  # each epoch's running values are a line of their own
    assert len(run.markers["test_acc"]) == 2 and run.lines["test_acc"].boundingRect().width() == 1.0
    assert run.label == "Run 1: MLP (ReLU)" and run.label in tab.run_view.curves.legend.toHtml()
    assert tab.form.lr_spin.isEnabled()
    assert window.hub.current.source == "trained" and "trained just now" in window.draw_tab.model_label.text()
    assert tab.train_button.isEnabled() and not tab.stop_button.isEnabled()
    assert "full MNIST (200 train / 50 test)" in window.data_status.text()


def test_a_long_series_stays_bounded_and_its_line_matches_it_after_thinning(qtbot):
    series, line = Series(), SeriesLine(QPen(Qt.GlobalColor.blue, 2))
    for i in range(MAX_POINTS + 5_000):
        series.append(i, float("nan") if i % 7_000 == 6_999 else np.sin(i / 100))
        if i % 1_000 == 0:
            line.follow(series)
    line.follow(series)
    assert series.thinnings == 1 and series.count <= MAX_POINTS
    path = line.path()
    elements = [path.elementAt(i) for i in range(path.elementCount())]
    assert np.allclose([(e.x, e.y) for e in elements], drawn_points(series))
    assert sum(e.isMoveTo() for e in elements) == 1 + (~np.isfinite(series.y)).sum()


def drawn_points(series: Series) -> list[tuple[float, float]]:
    """The points a line of ``series`` goes through: a NaN ends a line, and each line's first
    point is there twice (once more a hair to its right, which draws it as a dot)."""
    points, pen_down = [], False
    for x, y in zip(series.x, series.y, strict=True):
        if not np.isfinite(y):
            pen_down = False
            continue
        points += [(x, y)] if pen_down else [(x, y), (x, y)]
        pen_down = True
    return points


def test_a_runs_first_point_is_drawn_as_a_dot_before_its_second_arrives(qtbot):
    history = RunHistory()
    curves = TrainingCurves(history)
    qtbot.addWidget(curves)
    curves.resize(600, 400)
    curves.show()
    record = history.start_run(TrainConfig(epochs=1), "MLP (linear)")
    run = curves.start_run(record)
    curves.loss_widget.getPlotItem().setYRange(0, 3, padding=0)
    record.add_running(1, 0.5, 1.5, 0.5)
    curves.redraw()
    colour = run.lines["train_loss"].pen().color()
    image = curves.loss_widget.grab().toImage()
    background = curves.loss_widget.backgroundBrush().color()
    assert blended_pixels(image, colour, background).sum() >= 2


def blended_pixels(image: QImage, colour: QColor, background: QColor) -> np.ndarray:
    """Mark the pixels that are ``colour`` blended at least half over ``background`` (antialiased lines)."""
    rgb = np.frombuffer(image.convertToFormat(QImage.Format.Format_RGB888).constBits(), np.uint8)
    rgb = rgb.reshape(image.height(), -1)[:, : 3 * image.width()].reshape(-1, 3).astype(float)
    bg = np.array(background.getRgb()[:3], float)
    direction = np.array(colour.getRgb()[:3], float) - bg
    t = (rgb - bg) @ direction / (direction @ direction)
    off_the_blend = np.linalg.norm(rgb - bg - t[:, None] * direction, axis=1)
    return (t >= 0.5) & (t <= 1.1) & (off_the_blend <= 8)


def test_earlier_runs_are_painted_in_the_cached_background_as_their_items_would_be(qtbot):
    history = RunHistory()
    curves = TrainingCurves(history)
    qtbot.addWidget(curves)
    curves.resize(900, 500)
    curves.show()
    for offset in (0.5, 0.0):  # the earlier run above the current one, clear of it
        record = history.start_run(TrainConfig(epochs=2), "MLP (ReLU)")
        curves.start_run(record)
        for i in range(1, 41):
            record.add_running(1 + (i > 20), i / 20, 2.0 - i / 25 + offset, i / 45)
        record.add("test_loss", 1.0, 1.0)
        curves.redraw()
    earlier, current = curves.runs
    widget = curves.loss_widget
    faded, background = earlier.lines["train_loss"].pen().color(), widget.backgroundBrush().color()

    def faded_on_screen() -> np.ndarray:
        return blended_pixels(widget.grab().toImage(), faded, background)

    no_contents = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    assert all(line.flags() & no_contents for line in earlier.lines.values())
    assert not any(line.flags() & no_contents for line in current.lines.values())
    assert faded_on_screen().sum() > 200
    exported = blended_pixels(render_images(curves, 600)["loss"], faded, background)
    assert exported.sum() > 200  # its legend alone holds about 35
    assert all(line.flags() & no_contents for line in earlier.lines.values())

    widget.getPlotItem().setXRange(0.5, 1.5, padding=0)  # zoomed: the background is drawn again
    in_background = faded_on_screen()
    widget.set_backdrop([])  # the same lines, painted as items
    as_items = faded_on_screen()
    assert in_background.sum() > 100
    assert (in_background & as_items).sum() > 0.9 * max(in_background.sum(), as_items.sum())

    curves.clear_runs()
    assert widget.backdrop == [] and faded_on_screen().sum() == 0
    assert history.runs == [current.record] and curves.runs == [current]


def test_the_wheel_zooms_the_plot_on_screen_and_hovering_a_point_reads_it(qtbot, window):
    tab = start(qtbot, window, TINY)
    window.tabs.setCurrentWidget(tab)
    wait_idle(qtbot, tab.runner)
    curves = tab.run_view.curves
    view = curves.loss_widget
    vb = view.getPlotItem().vb
    series = tab.history.runs[-1].series["test_loss"]
    scene_point = vb.mapViewToScene(QPointF(series.x[0], series.y[0]))
    qtbot.mouseMove(view.viewport(), view.mapFromScene(scene_point))
    text = curves.loss_readout.text()
    assert "test" in text and f"{series.y[0]:.4f}" in text

    before_range, before_pixels = vb.viewRange(), view.grab().toImage()
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(view.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    qtbot.waitUntil(lambda: vb.viewRange() != before_range, timeout=5_000)
    (x0, x1), (bx0, bx1) = vb.viewRange()[0], before_range[0]
    assert x1 - x0 < bx1 - bx0  # zoomed in
    zoomed_pixels = view.grab().toImage()
    assert zoomed_pixels != before_pixels

    view.getPlotItem().enableAutoRange()  # what the plot's "A" button asks for: show everything
    view.grab()  # a paint applies the pending auto-range
    qtbot.waitUntil(lambda: vb.viewRange()[0][1] - vb.viewRange()[0][0] > x1 - x0, timeout=5_000)
    assert view.grab().toImage() != zoomed_pixels


def test_pause_holds_the_run_and_resume_lets_it_go_on(qtbot, window):
    tab = start(qtbot, window, SLOW.with_changes(epochs=1))
    qtbot.waitUntil(lambda: tab.run_view.latest_progress is not None, timeout=30_000)
    qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    assert tab.state == "paused" and tab.pause_button.text().replace("&", "") == "Resume"
    control = tab.run_control
    qtbot.waitUntil(lambda: control.held, timeout=10_000)  # the loop waits between two batches
    QApplication.processEvents()  # what the run reported before it stopped
    held = tab.run_view.latest_progress
    QApplication.processEvents()
    assert control.held and tab.run_view.latest_progress == held
    assert tab.run_view.eta_label.text() == "paused"
    qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    assert tab.state == "running"
    qtbot.waitUntil(lambda: tab.run_view.latest_progress.batch > held.batch, timeout=30_000)
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 10_000)
    stopped = tab.history.runs[-1].outcome
    assert "Stopped in epoch 1" in tab.run_view.log.toPlainText() and stopped.batch > held.batch


def test_stop_mid_epoch_ends_the_run_within_a_second(qtbot, window):
    tab = start(qtbot, window, SLOW)
    qtbot.waitUntil(lambda: tab.run_view.latest_progress is not None, timeout=30_000)
    started = time.perf_counter()
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 10_000)
    assert time.perf_counter() - started < 1
    assert "Stopped in epoch 1" in tab.run_view.log.toPlainText()
    assert tab.history.runs[-1].outcome.epoch == 1


def test_closing_the_window_mid_run_stops_cleanly(qtbot, window):
    tab = start(qtbot, window, SLOW)
    qtbot.waitUntil(lambda: tab.run_view.latest_progress is not None, timeout=30_000)
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 2


def test_start_stop_twenty_times_leaves_one_run_at_a_time(qtbot, window):
    tab = window.train_tab
    tab.apply_config(TINY.with_changes(epochs=5))
    for _ in range(20):
        qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
        tab.start_training()  # a second start while running is ignored
        qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, tab.runner, 10_000)
        assert tab.train_button.isEnabled() and not tab.stop_button.isEnabled()
    curves = tab.run_view.curves
    assert len(curves.runs) == len(tab.history.runs) == 20
    earlier, latest = curves.runs[0], curves.runs[-1]
    assert earlier.dimmed and earlier.lines["train_loss"].scene() is not None
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert curves.runs == [latest] and earlier.lines["train_loss"].scene() is None
    assert tab.history.runs == [latest.record]
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 10_000)
    assert [run.label for run in tab.history.runs] == ["Run 20: MLP (ReLU)", "Run 21: MLP (ReLU)"]


def test_impossible_values_cannot_be_entered(qtbot, window):
    tab = window.train_tab
    form = tab.form
    for spin, typed in (
        (form.epochs_spin, "0"),
        (form.batch_spin, "-5"),
        (form.lr_spin, "0"),
        (form.epochs_spin, "1e9"),
    ):
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin.lineEdit(), typed)
        spin.interpretText()
        assert spin.minimum() <= spin.value() <= spin.maximum() and spin.value() > 0
    tab.config().validate()
    tab.data_panel.combo.setCurrentIndex(tab.data_panel.combo.findData("full"))
    assert tab.data_panel.full_available and tab.train_button.isEnabled()


def test_full_data_missing_disables_train_with_a_hint(qtbot, settings, tmp_path, trainer):
    from gui.app.window import MainWindow

    win = MainWindow(settings=settings, data_dir=tmp_path / "empty", trainer=trainer)
    qtbot.addWidget(win)
    panel = win.train_tab.data_panel
    wait_idle(qtbot, panel.runner, 10_000)
    panel.combo.setCurrentIndex(panel.combo.findData("full"))
    assert not win.train_tab.train_button.isEnabled() and "not on this computer" in panel.status.text()
    assert win.data_status.text() == "Data: Full MNIST (not present)"
    win.close()


def test_exploding_loss_ends_with_a_message_and_the_app_stays_usable(qtbot, window):
    tab = window.train_tab
    with qtbot.waitSignal(tab.error_reported, timeout=60_000) as reported:
        start(qtbot, window, TINY.with_changes(lr=10.0, activation="none"))
    wait_idle(qtbot, tab.runner)
    assert reported.args[0] == "Training ended" and "learning rate" in reported.args[1]
    assert "learning rate" in tab.run_view.log.toPlainText()
    assert "learning rate" in window.findChild(QMessageBox, "errorMessage").text()
    assert tab.train_button.isEnabled()


def test_settings_persist_and_damaged_settings_fall_back(qtbot, settings, tiny_data_dir, trainer):
    from gui.app.window import MainWindow

    win = MainWindow(settings=settings, data_dir=tiny_data_dir, trainer=trainer)
    qtbot.addWidget(win)
    win.train_tab.apply_config(TINY.with_changes(epochs=7, lr=0.02))
    win.close()
    again = MainWindow(settings=settings, data_dir=tiny_data_dir, trainer=trainer)
    qtbot.addWidget(again)
    form = again.train_tab.form
    assert form.epochs_spin.value() == 7 and abs(form.lr_spin.value() - 0.02) < 1e-9
    assert again.train_tab.data_panel.choice() == "full"
    again.close()
    settings.setValue(SETTINGS_KEY, json.dumps({"epochs": -3, "model": "resnet"}))
    settings.setValue("window/geometry", "garbage")
    damaged = MainWindow(settings=settings, data_dir=tiny_data_dir, trainer=trainer)
    qtbot.addWidget(damaged)
    assert damaged.train_tab.config() == TrainConfig(report_interval=REPORT_INTERVAL)
    damaged.close()


def test_export_curves_and_save_model(qtbot, window, tmp_path):
    tab = start(qtbot, window, TINY)
    wait_idle(qtbot, tab.runner)
    window.files.export_curves(tmp_path / "curves.png")
    wait_idle(qtbot, window.files.runner, 10_000)
    assert QImage(str(tmp_path / "curves-loss.png")).width() == 1200
    assert (tmp_path / "curves.csv").read_text() == tab.history.to_csv()
    lines = (tmp_path / "curves.csv").read_text().splitlines()
    assert lines[0] == "run,label,differences,final_test_accuracy,series,epoch,loss,accuracy,lr"
    assert len(lines) > 3 and lines[1].startswith("1,Run 1: MLP (ReLU),,0.")
    trained = window.hub.current  # built from the weights the training process sent back
    window.files.save_model_file(str(tmp_path / "model.pt"))
    wait_idle(qtbot, window.files.runner, 10_000)
    saved = load_trained(tmp_path / "model.pt")
    assert saved.metadata["metrics"]["test_accuracy"] == trained.metadata["metrics"]["test_accuracy"]
    for name, weights in trained.model.state_dict().items():
        assert torch.equal(saved.model.state_dict()[name], weights), name
    window.files.load_model_file(str(tmp_path / "curves.csv"))
    wait_idle(qtbot, window.files.runner, 10_000)
    assert "damaged or not a PyTorch file" in window.statusBar().currentMessage()
    assert window.hub.current.source == "trained"


def is_blank(image: QImage) -> bool:
    first = image.pixel(0, 0)
    return all(
        image.pixel(x, y) == first for x in range(0, image.width(), 17) for y in range(0, image.height(), 17)
    )


@pytest.mark.slow
@pytest.mark.timeout(400)  # the app itself has 300 s, below
def test_screenshot_mode_writes_non_blank_pngs_and_leaves_the_learners_settings_alone(tmp_path):
    from gui.app.startup import APPLICATION, ORGANIZATION

    config_home = tmp_path / "config"
    learners = config_home / ORGANIZATION / f"{APPLICATION}.conf"
    learners.parent.mkdir(parents=True)
    learners.write_text('[train]\nsettings="{\\"epochs\\": 2, \\"lr\\": 0.02}"\n')
    before = learners.read_bytes()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTORCH_BASICS_DATA": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(config_home),
    }
    result = subprocess.run(
        [sys.executable, "main.py", "--screenshot", str(tmp_path / "shots")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert files == [
        "01-tensors.png",
        "02-autograd.png",
        "03-train.png",
        "04-draw.png",
        "05-lesson.png",
        "06-results.png",
        "07-exercises.png",
        "08-optimizers.png",
    ]
    for name in files:
        image = QImage(str(tmp_path / "shots" / name))
        assert image.width() >= 1000 and not is_blank(image), name
    assert learners.read_bytes() == before and sorted(config_home.rglob("*")) == [learners.parent, learners]


CLOSE_MID_RUN = """
import sys, time
from PySide6 import QtWidgets
from PySide6.QtCore import QTimer

def window():
    return next(w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, QtWidgets.QMainWindow))

def start_run():
    from core.models.config import TrainConfig
    window().train_tab.apply_config(TrainConfig(model="lenet", epochs=5, device="cpu", data="sample"))
    window().train_tab.start_training()
    QTimer.singleShot(0, close_mid_run)

def close_mid_run():
    if window().train_tab.run_view.latest_progress is None:  # not training yet: wait for it
        QTimer.singleShot(10, close_mid_run)
        return
    print(window().trainer.pid, time.time(), flush=True)
    window().close()

class Application(QtWidgets.QApplication):  # the app's own, with a timer that drives the test
    def __init__(self, *args):
        super().__init__(*args)
        QTimer.singleShot(0, start_run)

QtWidgets.QApplication = Application
import main
sys.exit(main.main([]))
"""


@pytest.mark.slow
def test_closing_the_app_mid_run_exits_zero_within_2_s_and_leaves_no_process(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTORCH_BASICS_DATA": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    with subprocess.Popen(
        [sys.executable, "-c", CLOSE_MID_RUN],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as app:
        try:
            trainer_pid, closing = app.stdout.readline().split()
            _, stderr = app.communicate(timeout=120)
            exited = time.time()
        finally:
            app.kill()
    assert app.returncode == 0, stderr
    assert "QThread" not in stderr and "Traceback" not in stderr
    assert exited - float(closing) < 2  # from the close to the end of the process
    trainer = psutil.Process(int(trainer_pid)) if psutil.pid_exists(int(trainer_pid)) else None
    assert trainer is None or trainer.status() == psutil.STATUS_ZOMBIE  # the training process is gone
