"""The Results tab on the real window: the matrix, a cell's images, the Draw tab round trip, live weights."""

import numpy as np
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from core.data.mnist import load_data, to_unit_float
from core.models.config import TrainConfig
from core.training.events import EpochEnd, LayerWeights
from gui.results.data_browser import PAGE_SIZE
from tests.gui.waiting import wait_idle

TINY = TrainConfig(
    model="mlp", activation="relu", epochs=2, batch_size=16, lr=0.05, device="cpu", data="full"
)


def hand_predictions(model, split):
    """Every test image's digit and probability, computed here without the app's helpers."""
    with torch.no_grad():
        probs = torch.softmax(model(to_unit_float(split.images)), dim=1)
    confidence, predicted = probs.max(dim=1)
    return split.labels.numpy(), predicted.numpy(), confidence.numpy()


def test_named_parts_are_there_with_names_and_tips(window):
    for name in (
        "confusionMatrix",
        "mistakesGallery",
        "weightsView",
        "dataBrowser",
        "resultsButton",
        "drawMistakesButton",
    ):
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
    for widget in (
        window.results_tab.matrix_view,
        window.train_tab.results_button,
        window.draw_tab.mistakes_button,
    ):
        assert widget.accessibleName() or widget.text()
        assert widget.toolTip()
    assert window.tabs.tabText(window.tabs.indexOf(window.results_tab)).replace("&", "") == "Results"


def test_the_matrix_of_the_model_in_use_and_a_cells_images(qtbot, window, tiny_data_dir):
    results = window.results_tab
    assert results.predictions is None and not results.evaluator.busy  # nothing done while hidden
    window.train_tab.data_panel.set_choice("full")  # the set the Train tab would train on
    window.show_results()
    qtbot.waitUntil(lambda: results.predictions is not None, timeout=20_000)
    wait_idle(qtbot, results.evaluator)
    test = load_data("full", tiny_data_dir).test
    labels, predicted, confidence = hand_predictions(window.hub.current.model, test)
    expected = np.zeros((10, 10), np.int64)
    np.add.at(expected, (labels, predicted), 1)
    assert np.array_equal(results.matrix_view.matrix, expected)
    assert results.predictions.accuracy == np.trace(expected) / 50
    for true, guess in [
        (int(labels[0]), int(predicted[0])),
        *zip(*np.nonzero(expected - np.diag(np.diag(expected))), strict=True),
    ]:
        view = results.matrix_view
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.cell_rect(int(true), int(guess)).center())
        cell = np.flatnonzero((labels == true) & (predicted == guess))
        cell = cell[np.argsort(-confidence[cell], kind="stable")]
        assert results.gallery.shown_indices.tolist() == cell.tolist()
        assert view.selected == (true, guess) and results.gallery.mosaic.count == len(cell)


def test_a_gallery_image_opens_in_the_draw_tab(qtbot, window):
    results = window.results_tab
    window.show_results()
    qtbot.waitUntil(lambda: results.predictions is not None, timeout=20_000)
    wait_idle(qtbot, results.evaluator)
    view = results.matrix_view
    true = int(results.predictions.labels[0])
    qtbot.mouseClick(
        view,
        Qt.MouseButton.LeftButton,
        pos=view.cell_rect(true, int(results.predictions.predicted[0])).center(),
    )
    mosaic = results.gallery.mosaic
    index = int(results.gallery.shown_indices[0])
    qtbot.mouseClick(mosaic, Qt.MouseButton.LeftButton, pos=mosaic.tile_rect(0).center())
    draw = window.draw_tab
    assert window.tabs.currentWidget() is draw
    assert draw.shown_digit == (index, true)
    assert draw.current_probabilities() is not None and abs(sum(draw.current_probabilities()) - 1) < 1e-4
    assert f"#{index}" in draw.canvas.toolTip()
    qtbot.mouseClick(draw.mistakes_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is results


def test_bundled_lenet_shows_its_six_kernels(window):
    view = window.results_tab.weights_view
    assert window.hub.current.architecture == "lenet"
    assert (view.layer, view.tile_count, view.tile_shape) == ("conv1", 6, (5, 5))
    assert not view.change_box.isEnabled()  # no run here started it
    assert view.note.text()


def test_training_updates_the_matrix_each_epoch_and_the_weights_live(qtbot, window):
    results, tab = window.results_tab, window.train_tab
    seen = []
    tab.training_event.connect(seen.append)
    tab.apply_config(TINY)
    qtbot.mouseClick(tab.results_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is results
    assert results.views.currentWidget() is results.weights_view and tab.weights_watched
    tab.start_training()
    wait_idle(qtbot, tab.runner)
    wait_idle(qtbot, results.evaluator)  # the bundled model's, started when the tab showed
    ends = [e for e in seen if isinstance(e, EpochEnd)]
    weights = [e for e in seen if isinstance(e, LayerWeights)]
    assert len(ends) == 2 and len(weights) >= 3  # before the first step, and at each epoch's end
    matrix = ends[-1].predictions.confusion
    assert np.array_equal(results.matrix_view.matrix, matrix)
    assert np.trace(matrix) / matrix.sum() == tab.history.runs[-1].outcome.test_accuracy
    view = results.weights_view
    assert (view.layer, view.tile_count, view.tile_shape) == ("layer1", 300, (28, 28))
    assert np.array_equal(view.start, weights[0].weights) and view.change_box.isEnabled()
    before = view.mosaic.image.copy()
    view.change_box.setChecked(True)  # the change since the run began: what training added
    assert view.mosaic.image != before and view.tile_count == 300
    assert window.hub.current.source == "trained" and not results.evaluator.busy
    assert "trained just now" in results.summary.text()


def test_the_data_browser_filters_by_label_and_shows_augmentation(qtbot, window):
    browser = window.results_tab.data_browser
    assert browser.page is None  # nothing made while the browser is hidden
    window.show_results()
    window.results_tab.views.setCurrentWidget(browser)
    qtbot.waitUntil(lambda: browser.page is not None, timeout=20_000)
    wait_idle(qtbot, browser.runner)
    assert browser.page is not None and len(browser.page.indices) == min(PAGE_SIZE, 200)
    browser.label_box.setCurrentIndex(1 + 3)
    wait_idle(qtbot, browser.runner)
    wait_idle(qtbot, browser.runner)
    page = browser.page
    assert len(page.labels) > 0 and (page.labels == 3).all() and browser.mosaic.count == len(page.labels)
    browser.augment_box.setChecked(True)
    wait_idle(qtbot, browser.runner)
    wait_idle(qtbot, browser.runner)
    assert np.array_equal(browser.page.indices, page.indices)
    assert not np.array_equal(browser.page.images, page.images)


def test_runs_send_live_weights_only_while_the_weights_view_shows(qtbot, window):
    results, tab = window.results_tab, window.train_tab
    window.tabs.setCurrentWidget(results)
    results.views.setCurrentWidget(results.weights_view)
    qtbot.waitUntil(lambda: tab.weights_watched)
    results.views.setCurrentWidget(results.data_browser)
    qtbot.waitUntil(lambda: not tab.weights_watched)
    results.views.setCurrentWidget(results.weights_view)
    qtbot.waitUntil(lambda: tab.weights_watched)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.weights_watched)


def test_an_epoch_that_ends_while_the_tab_is_hidden_is_drawn_when_it_opens(qtbot, window):
    results, tab = window.results_tab, window.train_tab
    window.tabs.setCurrentWidget(tab)
    matrices = []  # (the epoch's matrix, the view's while hidden, the view's once shown)

    def at_epoch_end(event):
        if isinstance(event, EpochEnd) and not matrices:
            hidden = None if results.matrix_view.matrix is None else results.matrix_view.matrix.copy()
            window.tabs.setCurrentWidget(results)
            matrices.append((event.predictions.confusion, hidden, results.matrix_view.matrix.copy()))

    tab.apply_config(TINY)
    tab.start_training()  # a first run: the tab loads the data set the runs' predictions are of
    wait_idle(qtbot, tab.runner)
    wait_idle(qtbot, results.loader)
    tab.training_event.connect(at_epoch_end)  # after the Results tab's own slot
    tab.start_training()
    wait_idle(qtbot, tab.runner)
    epoch, hidden, shown = matrices[0]
    assert hidden is None or not np.array_equal(hidden, epoch)  # nothing drawn while hidden
    assert np.array_equal(shown, epoch) and results.unseen is None


def test_the_header_and_the_status_bar_each_say_which_test_set_their_accuracy_is_on(qtbot, window):
    results = window.results_tab
    window.show_results()
    qtbot.waitUntil(lambda: results.predictions is not None, timeout=20_000)
    wait_idle(qtbot, results.evaluator)
    summary = results.summary.text()
    assert summary.startswith(
        f"LeNet, bundled pretrained. Measured here on the test set of the {results.data.description}:"
    )
    assert f"test accuracy {results.predictions.accuracy:.2%}" in summary
    # The status bar's figure is the checkpoint's own, on full MNIST's test set, and says so.
    status = window.model_status.text()
    assert status.endswith(
        f"test accuracy {window.hub.current.test_accuracy:.2%} on full MNIST's 10,000 test images"
    )
