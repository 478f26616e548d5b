"""The Draw tab's "Where it looks" page, with the bundled LeNet: the map is Captum's for the digit it
reads (or the one asked), computed off the GUI thread and dropped when the drawing has changed; the
nudge fools the network within ε, and the nudged image can be drawn on and is read as it is."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.data.mnist import load_data
from core.models.attributions import attribution
from tests.gui.waiting import wait_idle


def test_the_map_follows_the_drawing_and_the_nudge_fools_the_network(qtbot, window):
    tab = window.draw_tab
    window.tabs.setCurrentWidget(tab)
    test = load_data("sample").test
    image, label = test.images[0].numpy(), int(test.labels[0])
    tab.show_test_digit(image, 0, label)
    looks = tab.looks_box
    tab.side_tabs.setCurrentWidget(looks)
    qtbot.waitUntil(lambda: looks.shown is not None, timeout=30_000)
    wait_idle(qtbot, looks.runner, 30_000)
    x = tab._prepared()
    model = window.hub.current.model
    reads = int(np.argmax(tab.current_probabilities()))
    np.testing.assert_allclose(looks.shown, attribution(model, x, reads, "saliency"), atol=1e-6)
    looks.method.setCurrentIndex(looks.method.findData("integrated_gradients"))
    looks.digit.setCurrentIndex(looks.digit.findData((reads + 1) % 10))  # asked while the first computes
    qtbot.waitUntil(lambda: not looks.runner.busy and not looks.stale, timeout=30_000)
    np.testing.assert_allclose(
        looks.shown, attribution(model, x, (reads + 1) % 10, "integrated_gradients"), atol=1e-5
    )
    assert "Integrated Gradients: the gradient summed" in looks.meaning.text()

    target = (label + 1) % 10
    looks.target.setValue(target)
    looks.epsilon.setValue(0.3)
    qtbot.mouseClick(looks.nudge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, looks.runner, 30_000)
    nudged = looks.nudged
    assert nudged is not None and np.abs(nudged.change).max() <= 0.3 + 1e-6
    assert f"it now reads {nudged.prediction}" in looks.result.text()
    qtbot.mouseClick(looks.keep_button, Qt.MouseButton.LeftButton)
    best = int(np.argmax(tab.current_probabilities()))
    assert best == nudged.prediction  # read as it is, not centred again
    assert tab.prediction.text().startswith(f"{nudged.prediction}  (")
