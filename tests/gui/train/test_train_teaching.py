"""The Train tab teaching: hints, the learning rate changed mid-run, runs compared honestly."""

import csv
import io

import pytest
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtWidgets import QWidget

from core.models.config import TrainConfig
from core.models.trained import BUNDLED, TRAINED
from core.training.events import BatchProgress
from core.training.hints import Hint, choose_hint
from gui.train.curves_export import render_images
from gui.train.run_curves import PER_BATCH, RUNNING
from tests.gui.waiting import wait_idle

TINY = TrainConfig(
    model="mlp", activation="relu", epochs=1, batch_size=16, lr=0.05, device="cpu", data="full"
)


def train(qtbot, tab, config=None, button=None):
    if config is not None:
        tab.apply_config(config)
    qtbot.mouseClick(button or tab.train_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner)
    return tab.history.runs[-1]


def test_new_controls_are_named_for_tests_and_screen_readers(window):
    for name in (
        "optimizerCombo",
        "lrSpin",
        "trainHint",
        "lossViewCombo",
        "lessonDefaultsButton",
        "sameSeedButton",
    ):
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName() and widget.toolTip(), name


def test_the_lessons_lenet_run_shows_the_chance_hint_and_the_draw_tab_keeps_the_pretrained_model(
    qtbot, window
):
    tab = window.train_tab
    run = train(qtbot, tab, TrainConfig(model="lenet", epochs=1, device="cpu", data="full"))
    assert run.final_test_accuracy < 0.2
    hint = tab.run_view.hint_label
    assert not hint.isHidden() and tab.run_view.hint.kind == "chance_sgd_cnn"
    assert "chance" in hint.text() and "momentum 0.9" in hint.text()
    assert f"Hint: {hint.text()}" in tab.run_view.log.toPlainText()
    hub, draw = window.hub, window.draw_tab
    assert hub.current.source == BUNDLED and hub.offered.source == TRAINED
    assert "below 50%" in draw.offer_label.text() and not draw.offer_button.isHidden()
    assert "bundled pretrained" in draw.model_label.text()
    qtbot.mouseClick(draw.offer_button, Qt.MouseButton.LeftButton)  # the learner may still choose it
    assert hub.current.source == TRAINED and hub.offered is None and draw.offer_button.isHidden()
    assert "trained just now" in draw.model_label.text()


def test_a_learning_rate_changed_mid_run_reaches_the_optimizer_the_log_and_both_plots(qtbot, window):
    tab = window.train_tab
    tab.apply_config(TINY.with_changes(epochs=100))
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.history.runs[-1].series["train_loss"].count > 0, timeout=30_000)
    spin = tab.form.lr_spin
    assert spin.isEnabled() and not tab.form.epochs_spin.isEnabled()
    spin.setValue(0.2)  # as a learner typing it and pressing Enter
    record = tab.history.runs[-1]
    qtbot.waitUntil(lambda: bool(record.lr_changes), timeout=30_000)
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner)
    change = record.lr_changes[0]
    assert (change.old, change.new) == (0.05, 0.2)
    assert change.applied == (0.2,)  # read back from the optimizer's param_groups
    line = f"lr 0.05 → 0.2 at epoch {change.position:.2f}"
    assert line in tab.run_view.log.toPlainText().splitlines()
    curves = tab.run_view.curves
    marks = curves.runs[-1].lr_marks
    assert len(marks) == 2 and {m.getViewBox() for m in marks} == {
        curves.loss_widget.getPlotItem().vb,
        curves.accuracy_widget.getPlotItem().vb,
    }
    assert all(m.value() == change.position and m.label.format == "lr 0.2" for m in marks)


def test_the_loss_has_a_per_batch_view_switchable_at_any_time(qtbot, window):
    tab = window.train_tab
    run = train(qtbot, tab, TINY.with_changes(epochs=2))
    curves = tab.run_view.curves
    lines = curves.runs[-1]
    assert curves.view == RUNNING and "starts again at each epoch" in curves.view_note.text()
    assert lines.lines["train_loss"].isVisible() and not lines.batch_lines["batch_loss_ema"].isVisible()
    curves.view_combo.setCurrentIndex(curves.view_combo.findData(PER_BATCH))
    assert curves.view == PER_BATCH and not lines.lines["train_loss"].isVisible()
    raw, smooth = lines.batch_lines["batch_loss"], lines.batch_lines["batch_loss_ema"]
    assert raw.isVisible() and smooth.isVisible()
    # Every batch, none lost (a line's first point is drawn as a dot: one element more).
    assert raw.path().elementCount() - 1 == run.series["batch_loss"].count == 2 * 13
    assert smooth.path().elementCount() - 1 == run.series["batch_loss_ema"].count
    assert raw.pen().width() < smooth.pen().width()  # the raw values faint behind the average
    train(qtbot, tab)  # a second run in this view: the first one's lines go to the background
    assert set(curves.loss_widget.backdrop) == {raw, smooth, lines.lines["test_loss"]}
    curves.view_combo.setCurrentIndex(curves.view_combo.findData(RUNNING))
    assert lines.lines["train_loss"] in curves.loss_widget.backdrop and raw not in curves.loss_widget.backdrop


def test_three_runs_give_a_legend_with_three_entries_and_their_differences(qtbot, window, tmp_path):
    tab = window.train_tab
    window.tabs.setCurrentWidget(tab)
    plot_size = tab.run_view.curves.loss_widget.size()
    first = train(qtbot, tab, TINY)
    tab.form.lr_spin.setValue(0.1)
    tab.form.seed_spin.setValue(7)  # the same-seed button takes the last run's seed back
    second = train(qtbot, tab, button=tab.same_seed_button)
    assert second.config.seed == first.config.seed == 0
    tab.apply_config(TINY.with_changes(momentum=0.9))
    third = train(qtbot, tab)
    curves = tab.run_view.curves
    legend = curves.legend.toHtml()
    assert [run.record for run in curves.runs] == [first, second, third]
    for run in curves.runs:
        assert run.colour.name() in legend and run.label in legend
        assert f"test accuracy {run.record.final_test_accuracy:.1%}" in legend
    assert curves.legend.run_summary(curves.runs[1]).startswith("Run 2: MLP (ReLU) (learning rate 0.1):")
    assert "(momentum 0.9)" in curves.legend.run_summary(curves.runs[2])
    # The legend scrolls to the newest run instead of growing: the plots keep their size.
    bar = curves.legend.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    assert curves.loss_widget.size() == plot_size
    bar.setValue(0)  # the learner scrolls up to the first run: an epoch's update leaves it there
    curves.update_legend()
    QCoreApplication.processEvents()  # the text view lays the new text out
    assert bar.value() == 0
    earlier = curves.runs[0]
    assert earlier.dimmed and len(earlier.markers["test_acc"]) == 1  # its test accuracy stays on the plot
    # Hovering a faded run's test point names that run.
    window.tabs.setCurrentWidget(tab)
    view = curves.accuracy_widget
    point = QPointF(earlier.record.series["test_acc"].x[0], earlier.record.series["test_acc"].y[0])
    qtbot.mouseMove(view.viewport(), view.mapFromScene(view.getPlotItem().vb.mapViewToScene(point)))
    hovered_run, key, _ = curves.hovered["accuracy"]
    assert key == "test_acc" and curves.accuracy_readout.text().startswith(hovered_run.label)
    assert hovered_run.record.series["test_acc"].y[0] == earlier.record.series["test_acc"].y[0]
    rows = list(csv.DictReader(io.StringIO(tab.history.to_csv())))
    assert {(r["run"], r["differences"]) for r in rows} == {("1", ""), ("2", "lr=0.1"), ("3", "momentum=0.9")}
    images = render_images(curves, 800)
    assert images["loss"].width() == 800


def test_a_nan_run_leaves_the_loss_axis_on_the_other_runs_scale(qtbot, window):
    tab = window.train_tab
    first = train(qtbot, tab, TINY)
    loss_plot = tab.run_view.curves.loss_widget.getPlotItem()
    top = loss_plot.vb.viewRange()[1][1]
    assert top == pytest.approx(first.highest_loss * 1.1)
    diverged = train(qtbot, tab, TINY.with_changes(lr=10.0, activation="none"))
    assert diverged.diverged
    assert loss_plot.vb.viewRange()[1][1] == pytest.approx(top)
    assert tab.run_view.hint.kind == "diverged" and "the loss blew up" in tab.run_view.curves.legend.toHtml()


def test_lesson_defaults_restore_the_lessons_settings_but_keep_the_data_set(qtbot, window):
    tab = window.train_tab
    tab.apply_config(TINY.with_changes(model="lenet", optimizer="adam", epochs=9, lr_step=2))
    qtbot.mouseClick(tab.lesson_defaults_button, Qt.MouseButton.LeftButton)
    lesson, shown = TrainConfig(), tab.config()
    for name in (
        "model",
        "activation",
        "epochs",
        "batch_size",
        "lr",
        "optimizer",
        "momentum",
        "seed",
        "lr_step",
    ):
        assert getattr(shown, name) == getattr(lesson, name), name
    assert shown.data == "full"


def test_a_hint_stays_through_its_run_and_is_asked_again_at_its_end(qtbot, window):
    tab = window.train_tab
    rising = Hint("rising", (("low", 0.3), ("now", 0.9), ("lr", 0.5)))
    shown = []  # the hint on screen as each later event arrives

    def at_event(event):  # called before the tab handles the event
        if shown or (isinstance(event, BatchProgress) and event.batch == 1):
            shown.append(tab.run_view.hint)
        if len(shown) == 1:
            tab.run_view.show_hint(rising)  # as if the rule fired at the first report

    tab.training_event.connect(at_event)
    train(qtbot, tab, TINY)
    assert len(shown) > 3 and all(hint == rising for hint in shown[1:])  # kept while the run trained
    assert f"Hint: {rising.text()}" in tab.run_view.log.toPlainText()
    # At the end the rules are asked again: this run's loss never rose, so that hint goes.
    final = choose_hint(tab.record)
    assert final is None or final.kind != "rising"
    assert tab.run_view.hint == final and tab.run_view.hint_label.isHidden() == (final is None)
