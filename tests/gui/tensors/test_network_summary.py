"""A network written in the Tensors tab: summarised on request, then drawn in the Autograd tab."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.waiting import wait_idle

TINY = """class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(6 * 12 * 12, 50)
        self.fc2 = nn.Linear(50, 10)
    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        return self.fc2(torch.relu(self.fc1(x.flatten(1))))
net = TinyNet()
"""


def test_a_learners_network_is_summarised_and_drawn_with_its_own_names(qtbot, window):
    tensors = window.tensors_tab
    box = tensors.variables_box
    assert not box.summary_button.isVisible()  # no network yet
    tensors.run_code(TINY.replace("6 * 12 * 12", "400"))
    qtbot.waitUntil(lambda: not tensors.runner.busy and not tensors.queued, timeout=60_000)
    assert box.summary_button.isVisible() and box.summary_button.isEnabled()
    qtbot.mouseClick(box.summary_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tensors.summary_dialog is not None and tensors.summary_dialog.isVisible())
    dialog = tensors.summary_dialog
    assert dialog.problem.text() == "fc1 expects 400 inputs, got 864: the layer before it gives 6×12×12."
    assert dialog.table.rowCount() == 0 and not dialog.graph_button.isEnabled()

    tensors.run_code(TINY)
    qtbot.waitUntil(lambda: not tensors.runner.busy and not tensors.queued, timeout=60_000)
    qtbot.mouseClick(box.summary_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tensors.runner)
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    assert rows[0] == ["conv1", "Conv2d", "1 × 6 × 24 × 24", "156"] and rows[-1][2] == "1 × 10"
    assert dialog.totals.text() == "43,916 parameters in all, 43,916 of them trained."
    assert dialog.trial.isVisible() and dialog.trial.text().startswith("Ready to train: one step on a batch")
    qtbot.mouseClick(dialog.graph_button, Qt.MouseButton.LeftButton)
    autograd = window.autograd_tab
    assert window.tabs.currentWidget() is autograd
    qtbot.waitUntil(lambda: autograd.graph is not None and not autograd.runner.busy, timeout=60_000)
    labels = {node.label for node in autograd.graph.nodes}
    assert {"conv1.weight", "fc1.weight", "fc2.bias"} <= labels
    assert autograd.presets.currentText() == "Your own code (none of the examples)"  # the box names it
    dialog.close()


def test_a_huge_error_and_many_large_tensors_leave_the_window_and_the_variables_alone(qtbot, window):
    """A million-character key in an error is cut at its source; 170 tensors of 200×200 float64 fit
    in the answers, because each answer carries the views of what the run changed."""
    tensors = window.tensors_tab
    tensors.run_code("d = {}\nd['k'.ljust(10**6)]")
    qtbot.waitUntil(lambda: not tensors.runner.busy and not tensors.queued, timeout=60_000)
    assert tensors.error.isVisible() and len(tensors.error.text()) < 1_000
    assert "show the whole message" in tensors.error.text()
    code = "for i in range(170):\n    globals()[f't{i}'] = torch.rand(200, 200, dtype=torch.float64)"
    tensors.run_code(code)
    qtbot.waitUntil(lambda: not tensors.runner.busy and not tensors.queued, timeout=60_000)
    assert not tensors.error.isVisible(), tensors.error.text()
    assert len(tensors.variable_names()) >= 171 and "t169" in tensors.infos and "t0" not in tensors.infos
    received = len(tensors.infos)
    tensors.run_code("y = t169 + 1")
    qtbot.waitUntil(lambda: not tensors.runner.busy and not tensors.queued, timeout=60_000)
    assert not tensors.error.isVisible() and "y" in tensors.infos
    assert len(tensors.infos) == received + 1  # the views received earlier are kept
    row = next(r for r in range(tensors.variables.rowCount()) if tensors.variables.item(r, 0).text() == "t0")
    tensors._on_variable_clicked(row, 0)  # a view the answer had no room for is asked for
    qtbot.waitUntil(lambda: not tensors.runner.busy and "t0" in tensors.infos, timeout=60_000)
    assert tensors.view.info.name == "t0"
