"""The Exercises tab: every exercise by the tab it is about, each with its state, and the one chosen.

A code exercise is written and checked here: the kernel runs the code from a
session of its own (the Tensors and Autograd tabs' variables stay as they are)
and then the exercise's check. A training exercise opens the Train tab with its
starting settings, and each run that finishes while it is chosen is checked. A
Draw or Results exercise opens that tab, and the learner's answer is checked
against what the tab shows. Every check counts in the progress file, beside
the questions' answers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from core.content.checks import ANSWER, CODE, RUN, Answer, ExerciseOutcome, run_check
from core.content.exercises import TABS, Exercise
from core.kernel import KernelClient, RemoteExercises
from core.process.problems import KernelProblem
from core.training.history import RunRecord
from gui.base.jobs import JobRunner
from gui.base.kernel_link import problem_message
from gui.base.language import Retranslatable
from gui.exercises.pane import FAILED, NOT_CHECKED, PASSED, WAITING, ExercisePane
from gui.questions.book import QuestionBook
from gui.widgets.panes import fill_with_panes

ID_ROLE = Qt.ItemDataRole.UserRole


class ExercisesTab(Retranslatable, QWidget):
    """The list of exercises and the one chosen; :attr:`open_requested` asks the window for a tab."""

    open_requested = Signal(object)  # the Exercise whose tab to open (with its settings, for a run)

    def __init__(
        self,
        book: QuestionBook,
        kernel: KernelClient,
        facts: Callable[[], dict[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book, self.facts = book, facts
        self.remote = RemoteExercises(kernel)
        self.runner = JobRunner(self)
        self.codes: dict[str, str] = {}  # what the learner wrote for each code exercise, this session
        self.checking: Exercise | None = None
        self.list = QListWidget()
        self.list.setObjectName("exerciseList")
        self.summary = QLabel()
        self.summary.setObjectName("exerciseSummary")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("exerciseResetButton")
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.reset_button)
        self.pane = ExercisePane()
        fill_with_panes(self, [left, self.pane], [330, 950])
        self.list.currentItemChanged.connect(self._on_chosen)
        self.pane.check_requested.connect(self.check)
        self.pane.open_requested.connect(self._on_open)
        self.reset_button.clicked.connect(self.reset_progress)
        book.loaded.connect(self._fill)
        book.progress_changed.connect(self._show_states)
        self.retranslate()
        if book.is_loaded:
            self._fill()

    # ----- the list -----------------------------------------------------------------------------
    @Slot()
    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for tab in TABS:
            exercises = self.book.exercises.for_tab(tab)
            if not exercises:
                continue
            header = QListWidgetItem()
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, not selectable
            header.setData(ID_ROLE, tab)
            self.list.addItem(header)
            for exercise in exercises:
                item = QListWidgetItem()
                item.setData(ID_ROLE, exercise.id)
                self.list.addItem(item)
        self.list.blockSignals(False)
        self._show_states()
        first = next((i for i in range(self.list.count()) if self._exercise_at(i)), None)
        if first is not None:
            self.list.setCurrentRow(first)

    def _exercise_at(self, row: int) -> Exercise | None:
        item = self.list.item(row)
        return self.book.exercises.by_id(item.data(ID_ROLE)) if item is not None else None

    def state_text(self, exercise: Exercise) -> str:
        """Return not started, tried or passed, in the current language."""
        record = self.book.exercise_record(exercise)
        if record is None:
            return self.tr("not started")
        return self.tr("passed") if record.passed else self.tr("tried")

    @Slot()
    def _show_states(self) -> None:
        marks = {None: "○", False: "◐", True: "●"}
        done = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            exercise = self._exercise_at(row)
            if exercise is None:
                item.setText(self._tab_name(item.data(ID_ROLE)))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                continue
            record = self.book.exercise_record(exercise)
            done += bool(record and record.passed)
            mark = marks[None if record is None else record.passed]
            item.setText(f"  {mark} {exercise.title.shown()}")
            item.setToolTip(self.state_text(exercise))
        total = len(self.book.exercises.exercises)
        summary = self.tr("{0} of {1} exercises passed (● passed, ◐ tried, ○ not started)")
        self.summary.setText(summary.format(done, total))
        if self.pane.exercise is not None:
            self.pane.set_state(self.state_text(self.pane.exercise))

    def _tab_name(self, tab: str) -> str:
        names = {
            "tensors": self.tr("In the Tensors tab"),
            "autograd": self.tr("In the Autograd tab"),
            "train": self.tr("Networks and training"),
            "draw": self.tr("In the Draw tab"),
            "results": self.tr("In the Results tab"),
        }
        return names[tab]

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        shown = self.pane.exercise
        if shown is not None and shown.kind == CODE:
            self.codes[shown.id] = self.pane.editor.toPlainText()
        exercise = self.book.exercises.by_id(item.data(ID_ROLE)) if item is not None else None
        if exercise is not None:
            self.pane.show_exercise(exercise, self.codes.get(exercise.id))
            self.pane.set_state(self.state_text(exercise))

    def choose(self, exercise_id: str) -> None:
        """Show the exercise called ``exercise_id``."""
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == exercise_id:
                self.list.setCurrentRow(row)

    # ----- checking -----------------------------------------------------------------------------
    @Slot()
    def check(self) -> None:
        """Check the exercise shown: its code in the kernel, or the answer against the tab's facts."""
        exercise = self.pane.exercise
        if exercise is None or self.runner.busy:
            return
        if exercise.kind == CODE:
            self.checking = exercise
            self.pane.show_verdict(WAITING, "")
            code = self.pane.editor.toPlainText()
            self.runner.run_task(partial(self.remote.check, code, exercise.check), self._on_checked)
        elif exercise.kind == ANSWER:
            verdict = run_check(exercise.check, Answer(self.pane.answer.text(), self.facts()))
            self._record(exercise, PASSED if verdict.passed else FAILED, verdict.message)

    @Slot(object)
    def _on_checked(self, outcome: ExerciseOutcome | KernelProblem) -> None:
        exercise, self.checking = self.checking, None
        if exercise is None:
            return
        if isinstance(outcome, KernelProblem):
            self._record(exercise, FAILED, problem_message(outcome), "")
        elif outcome.could_not_run:
            self._record(exercise, NOT_CHECKED, outcome.message, outcome.output)
        elif outcome.error:
            self._record(exercise, FAILED, outcome.error, outcome.output)
        else:
            self._record(exercise, PASSED if outcome.passed else FAILED, outcome.message, outcome.output)

    def _record(self, exercise: Exercise, state: str, message: str, output: str | None = None) -> None:
        if state != NOT_CHECKED:  # a check that could not run is not the learner's attempt
            self.book.record_exercise(exercise, state == PASSED)
        if self.pane.exercise is exercise:
            self.pane.show_verdict(state, message, output)

    def on_run_finished(self, record: RunRecord | None) -> None:
        """Check a finished training run against the training exercise shown, if one is."""
        exercise = self.pane.exercise
        if exercise is None or exercise.kind != RUN or record is None or record.outcome is None:
            return
        verdict = run_check(exercise.check, record.summary())
        self._record(exercise, PASSED if verdict.passed else FAILED, verdict.message)

    @Slot()
    def _on_open(self) -> None:
        if self.pane.exercise is not None:
            self.open_requested.emit(self.pane.exercise)

    @Slot()
    def reset_progress(self) -> None:
        """Forget every exercise's state (the questions' answers stay)."""
        self.book.reset(exercises=True)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.list.setAccessibleName(self.tr("Exercises"))
        self.reset_button.setText(self.tr("Forget my exercise results"))
        self._show_states()
        self.pane.retranslate()
