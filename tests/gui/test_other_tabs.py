import torch
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from core.models.config import TrainConfig
from core.models.devices import CPU_THREADS
from gui.base.jobs import JobRunner
from tests.gui.waiting import wait_idle
from tests.process_threads import thread_count


def draw_stroke(qtbot, canvas, points):
    side = min(canvas.width(), canvas.height())
    x0, y0 = (canvas.width() - side) // 2, (canvas.height() - side) // 2
    scaled = [QPoint(x0 + int(px * side), y0 + int(py * side)) for px, py in points]
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scaled[0])
    for point in scaled[1:]:
        QTest.mouseMove(canvas, point)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scaled[-1])


def test_predictions_in_the_gui_thread_start_no_threads_and_jobs_use_every_core(qtbot, window):
    tab = window.draw_tab
    window.tabs.setCurrentWidget(tab)
    threads_before = thread_count()
    draw_stroke(qtbot, tab.canvas, [(0.5, 0.12 + 0.04 * i) for i in range(20)])
    qtbot.waitUntil(lambda: tab.current_probabilities() is not None, timeout=5_000)
    assert torch.get_num_threads() == 1
    if threads_before is not None:
        assert thread_count() == threads_before
    runner = JobRunner()
    counts = []
    runner.run_task(torch.get_num_threads, counts.append)
    wait_idle(qtbot, runner, 10_000)
    assert counts == [CPU_THREADS]
    assert f"CPU, {CPU_THREADS} thread" in window.device_status.text()


def test_drawing_changes_the_prediction_and_clear_resets_it(qtbot, window):
    tab = window.draw_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.prediction.text() == "draw a digit" and "bundled" in tab.model_label.text()
    draw_stroke(qtbot, tab.canvas, [(0.5, 0.12 + 0.04 * i) for i in range(20)])
    qtbot.waitUntil(lambda: tab.current_probabilities() is not None, timeout=5_000)
    one = tab.current_probabilities()
    assert abs(sum(one) - 1) < 1e-6 and tab.prediction.text().startswith("1")
    # The bundled LeNet (the lesson's Net) receives the 28x28 digit inside a border of zeros: 32x32.
    assert tab.input_view.image.width() == 32 and tab.maps_box.conv1_grid.isVisible()
    assert tab.input_box.title() == "What the network sees (32x32)"
    draw_stroke(qtbot, tab.canvas, [(0.3, 0.15), (0.7, 0.15), (0.45, 0.9)])
    qtbot.waitUntil(lambda: tab.current_probabilities() != one, timeout=5_000)
    QTest.keyClick(tab.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.current_probabilities() == one, timeout=5_000)
    qtbot.mouseClick(tab.canvas_pane.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.prediction.text() == "draw a digit", timeout=5_000)
    assert tab.canvas.is_empty() and tab.current_probabilities() is None


def test_escape_and_right_click_clear(qtbot, window):
    canvas = window.draw_tab.canvas
    draw_stroke(qtbot, canvas, [(0.5, 0.2), (0.5, 0.8)])
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.is_empty()
    draw_stroke(qtbot, canvas, [(0.5, 0.2), (0.5, 0.8)])
    QTest.mouseClick(canvas, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    assert canvas.is_empty()


def test_a_model_trained_well_in_the_train_tab_replaces_the_bundled_one(qtbot, window):
    draw = window.draw_tab
    draw_stroke(qtbot, draw.canvas, [(0.5, 0.12 + 0.04 * i) for i in range(20)])
    qtbot.waitUntil(lambda: draw.current_probabilities() is not None, timeout=5_000)
    bundled = draw.current_probabilities()
    train = window.train_tab
    # Well enough: a model below 50% test accuracy is only offered (see test_train_teaching.py).
    train.apply_config(
        TrainConfig(
            model="mlp", activation="relu", epochs=4, batch_size=16, lr=0.05, device="cpu", data="full"
        )
    )
    train.start_training()
    wait_idle(qtbot, train.runner)
    assert train.history.runs[-1].final_test_accuracy >= 0.5
    assert "MLP (ReLU), trained just now" in draw.model_label.text()
    assert draw.current_probabilities() != bundled
    assert not draw.maps_box.conv1_grid.isVisible()


def test_real_mnist_digit_goes_on_the_canvas(qtbot, window):
    draw = window.draw_tab
    qtbot.mouseClick(draw.canvas_pane.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not draw.canvas.is_empty(), timeout=10_000)
    qtbot.waitUntil(lambda: draw.current_probabilities() is not None, timeout=5_000)
    assert "labelled" in draw.canvas.toolTip()


def test_typing_code_and_enter_shows_value_and_variables(qtbot, window):
    tab = window.tensors_tab
    tab.code.setFocus()
    qtbot.keyClicks(tab.code, "x = torch.ones(2, 3)")
    QTest.keyClick(tab.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.variables.rowCount() == 1, timeout=10_000)
    assert tab.variables.item(0, 0).text() == "x" and tab.variables.item(0, 1).text() == "2x3"
    assert tab.view.info.name == "x" and tab.view.model.rowCount() == 2
    assert "shape (2, 3)" in tab.view.badge_texts()
    tab.code.clear()
    qtbot.keyClicks(tab.code, "x @ x")
    QTest.keyClick(tab.code, Qt.Key.Key_Return)
    qtbot.waitUntil(tab.error.isVisible, timeout=10_000)
    assert "inner sizes" in tab.error.text()
    assert tab.variables.rowCount() == 1 and tab.variables.item(0, 0).text() == "x"
    assert tab.ran.toPlainText() == "x @ x"
    tab.code.clear()
    QTest.keyClick(tab.code, Qt.Key.Key_Up)
    assert tab.code.toPlainText() == "x @ x"


def test_guided_steps_show_shared_memory_and_changes(qtbot, window):
    tab = window.tensors_tab
    for row in (7, 8):
        tab.steps.setCurrentRow(row)
        qtbot.mouseClick(tab.step_run_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, tab.runner, 10_000)
    assert tab.view.info.name == "b" and "shares memory with a" in tab.view.badge_texts()
    assert tab.view.changed_cells() == 5 and tab.view.cell_text(0, 0) == "2"


def test_autograd_run_step_to_the_end_shows_x_grad(qtbot, window):
    tab = window.autograd_tab
    qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 10_000)
    assert len(tab.graph_view.nodes) == 7
    for _ in range(5):
        qtbot.mouseClick(tab.step_button, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, tab.runner, 10_000)
    assert tab.shown_steps == 5
    assert "x.grad = [4.5, 4.5, 4.5, 4.5]" in tab.message.text()
    assert tab.grad_view.info.values.tolist() == [[4.5, 4.5], [4.5, 4.5]]
    qtbot.mouseClick(tab.backward_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "accumulate" in tab.message.text(), timeout=10_000)
    assert "x.grad = [9, 9, 9, 9]" in tab.message.text()
    qtbot.mouseClick(tab.reset_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 10_000)
    assert tab.shown_steps == 0


def test_autograd_mistake_gets_an_explanation(qtbot, window):
    tab = window.autograd_tab
    tab.code.setPlainText("x = torch.ones(2, 2, requires_grad=True)\ny = x * 2")
    qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 10_000)
    assert tab.graph is not None
    qtbot.mouseClick(tab.backward_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pass a gradient" in tab.message.text(), timeout=10_000)


def test_lenet_preset_draws_and_collapses(qtbot, window):
    tab = window.autograd_tab
    window.tabs.setCurrentWidget(tab)
    tab.presets.setFocus()
    for _ in range(2):  # the keyboard picks the third example, as a learner's arrow keys would
        QTest.keyClick(tab.presets, Qt.Key.Key_Down)
        wait_idle(qtbot, tab.runner, 10_000)
    assert tab.presets.currentIndex() == 2 and len(tab.graph_view.nodes) > 30
    view = tab.graph_view
    before = len(view.nodes)
    fc1 = next(n.id for n in tab.graph.nodes if n.label == "ReluBackward0")
    view.centerOn(view.nodes[fc1])
    node_pos = view.mapFromScene(view.nodes[fc1].sceneBoundingRect().center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=node_pos)
    assert len(view.nodes) < before
