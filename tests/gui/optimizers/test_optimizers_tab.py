"""The Optimizers tab: presets with their questions, the race played and stepped, a click moves the start."""

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from core.optimizers.race import OptimizerSpec, run_race
from core.optimizers.surfaces import VALLEY


def ready(qtbot, window):
    tab = window.optimizers_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(
        lambda: window.questions.is_loaded and bool(tab.presets) and tab.answer is not None, timeout=30_000
    )
    return tab


def settled(tab):
    return not tab.runner.busy and tab.answer is not None and tab.answer.request == tab.request()


def test_controls_are_named_for_tests_and_screen_readers(qtbot, window):
    tab = ready(qtbot, window)
    for name in (
        "optimizerPresetCombo",
        "optimizerSurfaceCombo",
        "optimizerRunButton",
        "optimizerStepButton",
        "optimizerRewindButton",
        "optimizerContour",
        "optimizerLossPlot",
        "racerLr0",
        "racerOptimizer3",
    ):
        widget = tab.findChild(QWidget, name)
        assert widget is not None and widget.accessibleName() and widget.toolTip(), name


def test_a_story_asks_its_question_first_then_plays_the_real_race(qtbot, window):
    tab = ready(qtbot, window)
    zigzag = next(p for p in tab.presets if p.id == "zigzag")
    tab.apply_preset(zigzag)
    assert tab.card.isVisible() and tab.card.question.id == "tab-optimizers-zigzag"
    assert not tab.run_button.isEnabled() and not tab.step_button.isEnabled()
    qtbot.waitUntil(lambda: settled(tab), timeout=30_000)
    assert tab.shown == 0 and not tab.playing  # held until the learner has predicted
    qtbot.waitUntil(lambda: window.questions.truth_of(tab.card.question)[0], timeout=60_000)
    tab.card.just_show()
    assert tab.run_button.isEnabled() and tab.playing
    qtbot.waitUntil(lambda: not tab.playing, timeout=30_000)
    path = tab.answer.paths[0]
    assert tab.shown == len(path.updates) == 80
    expected = run_race(VALLEY.loss, (-9.0, 1.2), [OptimizerSpec("sgd", 0.045)], 80)[0]
    np.testing.assert_array_equal(path.points, expected.points)
    drawn_x, drawn_y = tab.map.paths[0].getData()
    np.testing.assert_allclose(drawn_x, path.points[:, 0])
    assert np.all(np.sign(drawn_y[1:9]) != np.sign(drawn_y[0:8]))  # p1 changes sign every step
    assert "optimizer = torch.optim.SGD([p], lr=0.045)" in tab.update_text.toPlainText()
    assert "Step 80:" in tab.update_text.toPlainText()


def test_step_by_step_writes_each_update_out_and_a_click_moves_the_start(qtbot, window):
    tab = ready(qtbot, window)
    window.questions.set_asking(False)
    momentum = next(p for p in tab.presets if p.id == "momentum")
    tab.apply_preset(momentum)
    qtbot.waitUntil(lambda: settled(tab), timeout=30_000)
    tab.rewind()
    assert "no step taken yet" in tab.update_text.toPlainText()
    tab.update_combo.setCurrentIndex(1)  # SGD with momentum
    qtbot.mouseClick(tab.step_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.step_button, Qt.MouseButton.LeftButton)
    text = tab.update_text.toPlainText()
    assert tab.shown == 2 and "Step 2:" in text and "buf ← μ·buf + g = 0.9 ×" in text
    view = tab.map.getPlotItem().getViewBox()
    target = view.mapViewToScene(view.mapToView(view.boundingRect().center()))
    point = tab.map.mapFromScene(target)
    qtbot.mouseClick(tab.map.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    qtbot.waitUntil(lambda: settled(tab) and tab.start is not None, timeout=30_000)
    clicked = view.mapSceneToView(target)
    assert np.allclose(tab.answer.start, (clicked.x(), clicked.y()), atol=0.05)  # within a pixel
    assert np.allclose(tab.answer.paths[0].points[0], tab.answer.start)


def test_too_high_a_learning_rate_stops_the_path_and_marks_where(qtbot, window):
    tab = ready(qtbot, window)
    window.questions.set_asking(False)
    tab.apply_preset(next(p for p in tab.presets if p.id == "too-high"))
    qtbot.waitUntil(lambda: settled(tab) and not tab.playing, timeout=30_000)
    steady, wild = tab.answer.paths
    assert not steady.diverged and wild.diverged
    assert "Racer 2 diverged" in tab.message.text()
    assert len(tab.map.ends.data) == 1
    assert np.allclose(tab.map.ends.data[0]["x"], wild.points[-1, 0])


def test_edits_made_while_a_race_computes_leave_only_the_last_request(qtbot, window):
    tab = ready(qtbot, window)
    qtbot.waitUntil(lambda: settled(tab), timeout=30_000)
    for lr in (0.01, 0.02, 0.03, 0.04):
        tab.racers.rates[0].setValue(lr)
        tab.compute()
    qtbot.waitUntil(lambda: settled(tab), timeout=30_000)
    assert tab.answer.paths[0].spec.lr == 0.04
    tab.racers.uses[0].setChecked(False)
    tab.racers.uses[1].setChecked(False)
    tab.compute()
    qtbot.waitUntil(lambda: settled(tab), timeout=30_000)
    assert tab.answer.paths == () and tab.message.text() == "Tick at least one racer."


def test_the_slice_of_the_network_in_use_races_too(qtbot, window):
    tab = ready(qtbot, window)
    qtbot.waitUntil(lambda: window.hub.current is not None, timeout=30_000)
    tab.surface_combo.setCurrentIndex(tab.surface_combo.findData("slice"))
    qtbot.waitUntil(lambda: settled(tab) and tab.answer.surface.key == "slice", timeout=180_000)
    assert tab.answer.surface.data["name"] == window.hub.current.name
    assert all(len(path.updates) <= 80 for path in tab.answer.paths)
    assert tab.answer.paths[0].losses[-1] < tab.answer.paths[0].losses[0]
