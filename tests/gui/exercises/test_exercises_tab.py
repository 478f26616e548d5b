"""The Exercises tab in the window: a code exercise tried, hinted and passed through the widgets, a
training exercise checked on the run it opens, an answer checked on what the Results tab shows, and
the states kept in the progress file."""

from __future__ import annotations

import json

import numpy as np
from PySide6.QtCore import QSettings, Qt

from core.content.progress import PROGRESS_FILE
from gui.questions.book import EXERCISE_KEY, QuestionBook
from tests.gui.waiting import wait_idle


def progress_on_disk(window) -> dict:
    path = window.data_dir / PROGRESS_FILE
    return json.loads(path.read_text(encoding="utf-8"))["answered"] if path.exists() else {}


def test_a_code_exercise_is_tried_hinted_and_passed_and_its_state_kept(qtbot, window, kernel, tmp_path):
    tab = window.exercises_tab
    window.tabs.setCurrentWidget(tab)
    exercises = window.questions.exercises.exercises
    assert len(exercises) >= 24
    assert sum(
        tab.list.item(row).data(Qt.ItemDataRole.UserRole) in {e.id for e in exercises}
        for row in range(tab.list.count())
    ) == len(exercises)
    tab.choose("tensors-strides-1-3")
    pane = tab.pane
    assert pane.exercise.id == "tensors-strides-1-3" and pane.state.text() == "not started"
    assert not pane.solution_button.isEnabled()
    qtbot.mouseClick(pane.check_button, Qt.MouseButton.LeftButton)  # the start as it is: not yet
    wait_idle(qtbot, tab.runner)
    assert pane.result.text().count("Not yet.") == 1 and "strides are (4, 1)" in pane.result.text()
    assert pane.output.toPlainText().strip() == "(4, 1)"  # what the code printed
    assert pane.state.text() == "tried" and pane.solution_button.isEnabled()
    for number in (1, 2, 3):
        qtbot.mouseClick(pane.hint_button, Qt.MouseButton.LeftButton)
        assert pane.hints.text().count("<b>") == number
    assert not pane.hint_button.isEnabled() and pane.hint_button.text() == "No more hints"
    qtbot.mouseClick(pane.solution_button, Qt.MouseButton.LeftButton)
    pane.editor.setPlainText(pane.solution.toPlainText())
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, tab.runner)
    assert "Passed." in pane.result.text() and pane.state.text() == "passed"
    key = EXERCISE_KEY + "tensors-strides-1-3"
    qtbot.waitUntil(lambda: progress_on_disk(window).get(key, {}).get("passed") is True, timeout=10_000)
    assert progress_on_disk(window)[key] == {"first_try_right": False, "attempts": 2, "passed": True}
    assert tab.list.currentItem().text().strip().startswith("●")

    reopened = QuestionBook(
        kernel, window.data_dir, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    wait_idle(qtbot, reopened.load_runner)
    assert reopened.exercise_record(pane.exercise).passed  # restored from the file


def test_a_training_exercise_opens_the_train_tab_and_checks_the_run_that_finishes(qtbot, window):
    tab, train = window.exercises_tab, window.train_tab
    window.tabs.setCurrentWidget(tab)
    tab.choose("train-diverge")
    qtbot.mouseClick(tab.pane.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is train and train.config().lr == 0.01
    train.apply_config(train.config().with_changes(lr=10.0, epochs=1))
    train.start_training()
    qtbot.waitUntil(lambda: tab.pane.verdict is not None, timeout=120_000)
    wait_idle(qtbot, train.runner)
    assert tab.pane.verdict[0] == "passed" and "NaN" in tab.pane.result.text()
    assert window.questions.exercise_record(tab.pane.exercise).passed


def test_an_answer_is_checked_against_the_matrix_the_results_tab_shows(qtbot, window):
    window.show_results()
    results = window.results_tab
    qtbot.waitUntil(lambda: results.predictions is not None and not results.evaluator.busy, timeout=60_000)
    tab = window.exercises_tab
    window.tabs.setCurrentWidget(tab)
    tab.choose("results-worst-digit")
    matrix = results.predictions.confusion
    accuracy = np.diag(matrix) / np.maximum(matrix.sum(axis=1), 1)
    best, worst = int(np.argmax(accuracy)), int(np.argmin(accuracy))
    if accuracy[best] != accuracy[worst]:
        tab.pane.answer.setText(str(best))
        qtbot.mouseClick(tab.pane.check_button, Qt.MouseButton.LeftButton)
        assert "Not yet." in tab.pane.result.text()
    tab.pane.answer.setText(str(worst))
    qtbot.keyClick(tab.pane.answer, Qt.Key.Key_Return)
    assert "Passed." in tab.pane.result.text() and tab.pane.state.text() == "passed"
