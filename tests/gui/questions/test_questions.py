"""Predict, then see, in the window: answering through the real widgets reveals the result and records
progress; asking can be turned off; a tab's moments are asked beside it; damaged files never stop it."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from core.content.grading import same
from core.content.progress import PROGRESS_FILE
from core.content.questions import CHOICE, NUMBER
from core.content.quiz import shown_truth
from gui.questions.book import ASK_KEY, QuestionBook
from gui.questions.card import QuestionCard
from tests.gui.waiting import wait_idle


def wait_for_truth(qtbot, card: QuestionCard) -> object:
    """Wait until the app has computed the truth of the question on ``card``; return it."""
    qtbot.waitUntil(lambda: card.book.truth_of(card.question)[0], timeout=60_000)
    return card.book.truth_of(card.question)[1]


def answer(qtbot, card: QuestionCard, right: bool) -> None:
    """Answer the card's question through its widgets: rightly, or with a wrong answer."""
    question, truth = card.question, wait_for_truth(qtbot, card)
    if question.kind == CHOICE:
        index = next(i for i, c in enumerate(question.choices) if same(c.value, truth, 0) == right)
        button = card.choices.button(index)
        qtbot.waitUntil(lambda: button.isVisible() and button.width() > 20)  # laid out, so a click lands
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().bottomLeft() / 2)
        assert card.choices.checkedId() == index
    else:
        value = truth if right else (float(truth) + 10 if question.kind == NUMBER else (97,))
        text = str(value) if question.kind == NUMBER else ", ".join(map(str, value))
        card.typed.setText(text)
    qtbot.mouseClick(card.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.is_revealed, timeout=60_000)


def recorded(window) -> dict:
    path = window.data_dir / PROGRESS_FILE
    return json.loads(path.read_text(encoding="utf-8"))["answered"] if path.exists() else {}


def test_a_cells_result_stays_hidden_until_its_questions_are_answered_and_progress_is_kept(qtbot, window):
    lesson = window.lesson_tab
    window.tabs.setCurrentWidget(lesson)
    lesson.cells.setCurrentRow(11)  # cell 12: Variable and requires_grad
    questions = lesson.asking.questions()
    card = lesson.asking.card
    assert len(questions) >= 2 and card.question is questions[0]
    assert card.isVisible() and not lesson.printed.isVisible() and not lesson.run_button.isEnabled()

    answer(qtbot, card, right=False)
    question, truth = questions[0], wait_for_truth(qtbot, card)
    chosen = question.choices[card.answer] if question.kind == CHOICE else None
    expected = (chosen.feedback or question.wrong) if chosen else question.wrong
    assert card.feedback.text().startswith("Not quite.")
    if expected is not None:
        assert expected.en.split("`")[0][:30] in card.feedback.text()
    assert shown_truth(question, truth).split("`")[0] in card.result.text()
    assert not lesson.printed.isVisible()  # another question on this cell is still to answer
    qtbot.waitUntil(lambda: question.id in recorded(window), timeout=10_000)
    assert recorded(window)[question.id] == {"first_try_right": False, "attempts": 1, "passed": False}

    qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    for later in questions[1:]:
        assert card.question is later
        answer(qtbot, card, right=True)
        assert card.feedback.text() == "Right."
        if later is not questions[-1]:
            qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert lesson.printed.isVisible() and lesson.run_button.isEnabled()
    total = len(questions)
    assert lesson.cells.item(11).text().endswith(f"{total}/{total} answered")
    assert lesson.asking.status.text().endswith(f"answered {total}, right at the first try {total - 1}.")
    qtbot.waitUntil(lambda: all(q.id in recorded(window) for q in questions), timeout=10_000)

    lesson.cells.setCurrentRow(12)
    lesson.cells.setCurrentRow(11)  # back again: answered, so the result shows at once
    assert lesson.printed.isVisible() and not card.isVisible()
    qtbot.mouseClick(lesson.asking.again_button, Qt.MouseButton.LeftButton)
    assert card.isVisible() and card.question is questions[0] and not lesson.printed.isVisible()


def test_just_show_me_reveals_without_recording_and_forgetting_answers_asks_again(qtbot, window):
    lesson = window.lesson_tab
    window.tabs.setCurrentWidget(lesson)
    lesson.cells.setCurrentRow(2)  # cell 3: torch.rand
    card, questions = lesson.asking.card, lesson.asking.questions()
    card.typed.setText("two")  # not an answer: said, nothing recorded
    if questions[0].kind == CHOICE:
        qtbot.mouseClick(card.check_button, Qt.MouseButton.LeftButton)
        assert card.feedback.text() == "Choose one of the answers first."
    for index, _question in enumerate(questions):
        qtbot.mouseClick(card.show_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: card.is_revealed, timeout=60_000)
        assert card.feedback.text() == "Shown without an answer: nothing is recorded."
        if index + 1 < len(questions):
            qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert lesson.printed.isVisible() and lesson.run_button.isEnabled()
    assert not any(q.id in window.questions.progress.answered for q in questions)

    lesson.cells.setCurrentRow(11)
    answer(qtbot, lesson.asking.card, right=True)
    qtbot.waitUntil(lambda: bool(recorded(window)), timeout=10_000)
    qtbot.mouseClick(lesson.reset_answers_button, Qt.MouseButton.LeftButton)
    box = lesson.reset_box
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert window.questions.progress.answered == {}
    qtbot.waitUntil(lambda: recorded(window) == {}, timeout=10_000)
    assert lesson.asking.card.question is lesson.asking.questions()[0] and not lesson.printed.isVisible()


def test_asking_is_turned_off_in_the_questions_menu_and_the_choice_is_remembered(qtbot, window, settings):
    lesson = window.lesson_tab
    window.tabs.setCurrentWidget(lesson)
    lesson.cells.setCurrentRow(0)
    actions = window.question_actions
    assert actions.ask_action.isChecked() and not lesson.printed.isVisible()
    actions.ask_action.trigger()
    assert lesson.printed.isVisible() and not lesson.asking.card.isVisible() and lesson.run_button.isEnabled()
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value(ASK_KEY) == "false"
    actions.ask_action.trigger()
    assert not lesson.printed.isVisible() and lesson.asking.card.isVisible()


def test_a_tabs_moments_are_asked_beside_it(qtbot, window):
    window.tabs.setCurrentWidget(window.autograd_tab)
    actions = window.question_actions
    moments = window.questions.for_tab("autograd")
    assert len(moments) >= 3 and actions.button.isVisible()
    assert actions.button.text() == f"Predict first ({len(moments)})"
    qtbot.mouseClick(actions.button, Qt.MouseButton.LeftButton)
    dialog = actions.dialogs["autograd"]
    assert dialog.isVisible() and dialog.list.count() == len(moments)
    answer(qtbot, dialog.card, right=True)
    assert dialog.card.feedback.text() == "Right."
    assert dialog.list.item(0).text().startswith("✓ ")
    qtbot.mouseClick(dialog.card.next_button, Qt.MouseButton.LeftButton)
    assert dialog.card.question is moments[1]
    window.tabs.setCurrentWidget(window.lesson_tab)
    assert not actions.button.isVisible()  # the Lesson tab asks its own
    dialog.close()


def test_a_damaged_progress_file_and_a_broken_question_file_never_stop_the_questions(qtbot, kernel, tmp_path):
    data_dir, folder = tmp_path / "data", tmp_path / "questions"
    data_dir.mkdir()
    folder.mkdir()
    (data_dir / PROGRESS_FILE).write_bytes(b"\x00{not json")
    (folder / "broken.toml").write_text('[[question]]\nid = "x"\nkind = "maybe"\n', encoding="utf-8")
    (folder / "fine.toml").write_text(
        '[[question]]\nid = "fails"\ncell = 1\nkind = "number"\nsetup = "import torch"\n'
        'truth = "1 / 0"\nprompt = { en = "1 / 0?", zh_CN = "1 / 0 等于？" }\n'
        'explain = { en = "It cannot be.", zh_CN = "不能算。" }\n',
        encoding="utf-8",
    )
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    book = QuestionBook(kernel, data_dir, settings, folder)
    wait_idle(qtbot, book.load_runner)
    assert book.progress is not None and book.progress.answered == {}
    assert (data_dir / (PROGRESS_FILE + ".damaged")).exists()
    assert [q.id for q in book.questions.questions] == ["fails"]
    assert len(book.questions.problems) == 1 and "broken.toml" in book.questions.problems[0]
    card = QuestionCard(book)
    qtbot.addWidget(card)
    card.ask(book.questions.questions[0])
    card.typed.setText("0")
    qtbot.mouseClick(card.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "fails" in book.failures, timeout=60_000)
    assert "could not compute" in card.result.text() and "Division by zero" in card.result.text()
    assert "fails in fine.toml" in card.result.text()  # what a teacher fixes, and where
    assert book.progress.answered == {}  # an answer that cannot be graded is not counted
    wait_idle(qtbot, book.truth_runner)
