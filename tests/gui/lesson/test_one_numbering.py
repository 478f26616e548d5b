"""One numbering: the Tensors tab's steps carry the Lesson tab's cell numbers and follow the cell run."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.lesson.cells import CELLS
from core.lesson.steps import TENSOR_STEPS


def test_the_tensor_steps_are_the_lessons_cells_and_follow_the_one_run(qtbot, window):
    steps = window.tensors_tab.steps_pane.steps
    for row, step in enumerate(TENSOR_STEPS):
        number = int(steps.item(row).text().split(".")[0])
        assert number == step.cell and CELLS[number - 1].tab == "tensors"
    assert [s.cell for s in TENSOR_STEPS] == sorted(s.cell for s in TENSOR_STEPS)
    window.questions.set_asking(False)
    lesson = window.lesson_tab
    window.tabs.setCurrentWidget(lesson)
    lesson.cells.setCurrentRow(6)  # cell 7: y.add_(x)
    qtbot.mouseClick(lesson.run_button, Qt.MouseButton.LeftButton)
    assert steps.currentItem().text().startswith("7. ")
    tensors = window.tensors_tab
    qtbot.waitUntil(lambda: not tensors.runner.busy and not tensors.queued, timeout=60_000)
