"""One exercise: its goal, where the learner works (code, a training run, an answer), the verdict,
three hints one at a time, and the model solution once the learner has tried.

The pane shows and collects; the tab (:mod:`gui.exercises.tab`) runs the checks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.base.i18n import _
from core.content.checks import ANSWER, CODE, RUN
from core.content.exercises import Exercise
from core.content.questions import TAB_PLACES
from gui.base.language import Retranslatable
from gui.questions.card import RIGHT_COLOUR, WRONG_COLOUR, text_html
from gui.widgets.code_editor import code_box

PASSED, FAILED, NOT_CHECKED, WAITING = "passed", "failed", "not checked", "waiting"


def _label(name: str, rich: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    return label


class ExercisePane(Retranslatable, QWidget):
    """Show one exercise; ask for a check with :attr:`check_requested`, a tab with :attr:`open_requested`."""

    check_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise: Exercise | None = None
        self.hints_shown = 0
        self.tried = False
        self.verdict: tuple[str, str] | None = None  # (PASSED/FAILED/NOT_CHECKED/WAITING, message)
        self.title = QLabel()
        self.title.setObjectName("exerciseTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.state = QLabel()
        self.state.setObjectName("exerciseState")
        self.goal = _label("exerciseGoal", rich=True)
        self.editor = code_box("exerciseCode", read_only=False)
        self.output = code_box("exerciseOutput", read_only=True)
        self.output.setMaximumHeight(140)
        self.settings = _label("exerciseSettings", rich=True)
        self.answer = QLineEdit()
        self.answer.setObjectName("exerciseAnswer")
        self.answer.returnPressed.connect(self.check_requested)
        self.check_button = QPushButton()
        self.check_button.setObjectName("exerciseCheckButton")
        self.check_button.clicked.connect(self.check_requested)
        QShortcut(QKeySequence("Ctrl+Return"), self.editor, self.check_requested.emit)
        self.start_over_button = QPushButton()
        self.start_over_button.setObjectName("exerciseStartOverButton")
        self.start_over_button.clicked.connect(self.start_over)
        self.open_button = QPushButton()
        self.open_button.setObjectName("exerciseOpenButton")
        self.open_button.clicked.connect(self.open_requested)
        self.result = _label("exerciseResult", rich=True)
        self.hint_button = QPushButton()
        self.hint_button.setObjectName("exerciseHintButton")
        self.hint_button.clicked.connect(self.show_next_hint)
        self.hints = _label("exerciseHints", rich=True)
        self.solution_button = QPushButton()
        self.solution_button.setObjectName("exerciseSolutionButton")
        self.solution_button.clicked.connect(self.show_solution)
        self.solution = code_box("exerciseSolution", read_only=True)
        self.solution.setMaximumHeight(160)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.state)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.answer, 1)
        actions.addWidget(self.check_button)
        actions.addWidget(self.start_over_button)
        actions.addStretch(0)
        helps = QHBoxLayout()
        helps.addWidget(self.hint_button)
        helps.addWidget(self.solution_button)
        helps.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.goal)
        layout.addWidget(self.settings)
        layout.addWidget(self.editor, 3)
        layout.addLayout(actions)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.result)
        layout.addLayout(helps)
        layout.addWidget(self.hints)
        layout.addWidget(self.solution, 1)
        layout.addStretch(0)  # takes the room the editor leaves, when there is no editor
        self.layout_ = layout

    # ----- what is shown -----------------------------------------------------------------------
    def show_exercise(self, exercise: Exercise, code: str | None = None) -> None:
        """Show ``exercise``, with the learner's code so far (or its start)."""
        self.exercise, self.hints_shown, self.tried, self.verdict = exercise, 0, False, None
        kind = exercise.kind
        self.layout_.setStretch(self.layout_.count() - 1, 0 if kind == CODE else 1)
        self.editor.setVisible(kind == CODE)
        self.output.setVisible(kind == CODE)
        self.start_over_button.setVisible(kind == CODE)
        self.settings.setVisible(kind == RUN)
        self.answer.setVisible(kind == ANSWER)
        self.check_button.setVisible(kind != RUN)
        self.open_button.setVisible(kind != CODE)
        self.editor.setPlainText(code if code is not None else str(exercise.start).strip("\n") + "\n")
        self.output.clear()
        self.answer.clear()
        self.solution.clear()
        self.solution.hide()
        self.retranslate()

    def start_over(self) -> None:
        """Put the exercise's starting code back."""
        if self.exercise is not None:
            self.editor.setPlainText(str(self.exercise.start).strip("\n") + "\n")

    def show_verdict(self, state: str, message: str, output: str | None = None) -> None:
        """Show a check's outcome (or that one is running); an outcome counts as an attempt."""
        self.verdict = (state, message)
        self.tried = self.tried or state in (PASSED, FAILED)
        if output is not None:
            self.output.setPlainText(output)
        self.retranslate()

    def show_next_hint(self) -> None:
        """Show one more hint, from general to specific."""
        if self.exercise is not None and self.hints_shown < len(self.exercise.hints):
            self.hints_shown += 1
            self.retranslate()

    def show_solution(self) -> None:
        """Show the model solution (offered once the learner has tried)."""
        if self.exercise is None or not self.tried:
            return
        self.solution.setPlainText(_solution_text(self.exercise))
        self.solution.show()

    def set_state(self, text: str) -> None:
        """Say where the learner is with the exercise: not started, tried, passed."""
        self.state.setText(text)

    # ----- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every text in the current language, keeping what the learner typed."""
        self.check_button.setText(self.tr("Check (Ctrl+Enter)") if self._kind() == CODE else self.tr("Check"))
        self.start_over_button.setText(self.tr("Start over"))
        self.solution_button.setText(self.tr("Show a solution"))
        self.solution_button.setEnabled(self.tried)
        self.solution_button.setToolTip(
            self.tr("A model solution") if self.tried else self.tr("Try the exercise once first")
        )
        self.answer.setPlaceholderText(self.tr("Your answer"))
        exercise = self.exercise
        if exercise is None:
            self.title.setText(self.tr("Choose an exercise on the left"))
            for label in (self.goal, self.settings, self.result, self.hints):
                label.setText("")
            self.hint_button.hide()
            self.solution_button.hide()
            return
        self.hint_button.show()
        self.solution_button.show()
        self.title.setText(exercise.title.shown())
        self.goal.setText(text_html(exercise.goal.shown()))
        place = _(TAB_PLACES[exercise.tab])
        self.open_button.setText(self.tr("Open {0}").format(place))
        if exercise.kind == RUN:
            self.open_button.setText(self.tr("Open {0} with these settings").format(place))
            start = " · ".join(f"{key} = {value}" for key, value in exercise.start.items())
            text = self.tr("Start from: {0}. Each run that finishes while this exercise is shown is checked.")
            self.settings.setText(text.format(f"<code>{start}</code>"))
        total = len(exercise.hints)
        self.hint_button.setText(
            self.tr("Hint {0} of {1}").format(self.hints_shown + 1, total)
            if self.hints_shown < total
            else self.tr("No more hints")
        )
        self.hint_button.setEnabled(self.hints_shown < total)
        self.hints.setText(
            "<br>".join(
                f"<b>{index}.</b> {text_html(hint.shown())}"
                for index, hint in enumerate(exercise.hints[: self.hints_shown], 1)
            )
        )
        self._show_result()

    def _kind(self) -> str:
        return self.exercise.kind if self.exercise is not None else CODE

    def _show_result(self) -> None:
        if self.verdict is None:
            self.result.setText("")
            return
        state, message = self.verdict
        heading, colour = {
            PASSED: (self.tr("Passed."), RIGHT_COLOUR),
            FAILED: (self.tr("Not yet."), WRONG_COLOUR),
            NOT_CHECKED: (self.tr("Not checked."), WRONG_COLOUR),
            WAITING: (self.tr("Checking..."), "palette(text)"),
        }[state]
        self.result.setText(f"<span style='color:{colour}'><b>{heading}</b> {text_html(message)}</span>")


def _solution_text(exercise: Exercise) -> str:
    if exercise.kind == RUN:
        return "\n".join(f"{key} = {value}" for key, value in exercise.solution.items())
    if exercise.kind == ANSWER:
        return exercise.solution.shown()
    return str(exercise.solution).strip("\n")
