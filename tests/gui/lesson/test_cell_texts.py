"""The Lesson tab shows each cell's own texts: today's code where it differs, and what changed."""

from __future__ import annotations

from core.lesson.cells import cell


def test_cell_26_shows_todays_loop_and_cell_24_why_its_loss_differs(window):
    lesson = window.lesson_tab
    window.questions.set_asking(False)  # the result shows at once
    window.tabs.setCurrentWidget(lesson)
    lesson.cells.setCurrentRow(25)
    today = lesson.today.toPlainText()
    assert lesson.today_label.text() == "Today (PyTorch 2):" and today == cell(26).today
    assert "with torch.no_grad():" in today and "Variable" not in today and ".data[0]" not in today
    assert lesson.run_button.text() == "Train in the Train tab" and not lesson.written_button.isVisible()
    lesson.cells.setCurrentRow(23)
    assert lesson.change.isVisible() and lesson.change.text().endswith(
        "so its loss is usually not the one cell 23 showed in the Tensors tab."
    )
