"""The questions and exercises as the window holds them: loaded, answered, saved, the questions'
truths computed, all off the GUI thread.

One book per window. It reads the question files and the learner's progress in
a job when the window starts, computes each question's answer in the kernel's
questions session (never a tab's variables) when a card first shows it, and
writes the progress file in a job after each answer: a file that cannot be
written is said once, and the answers stay in memory.
"""

from __future__ import annotations

import logging
from collections import deque
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal, Slot

from core.content.exercises import Exercise, ExerciseSet, load_exercises
from core.content.progress import PROGRESS_FILE, Answered, Progress, save_answers
from core.content.questions import Question, QuestionSet, load_questions
from core.kernel import KernelClient, RemoteQuestions
from gui.base.jobs import JobRunner
from gui.base.stored_values import stored_value

EXERCISE_KEY = "exercise/"  # before an exercise's id in the progress file, beside the questions' ids
ASK_KEY = "questions/ask"  # ask before showing a lesson cell's result (on unless turned off)

logger = logging.getLogger(__name__)


def _load(
    folder: Path | None, exercise_folder: Path | None, progress_path: Path
) -> tuple[QuestionSet, ExerciseSet, Progress]:
    """Read the question files, the exercise files and the progress file (a job's task)."""
    questions = load_questions() if folder is None else load_questions(folder)
    exercises = load_exercises() if exercise_folder is None else load_exercises(exercise_folder)
    return questions, exercises, Progress(progress_path)


def _compute(remote: RemoteQuestions, question: Question) -> tuple[bool, Any]:
    """Return (True, the truth) or (False, why it cannot be computed), as a job's task."""
    try:
        return True, remote.truth(question)
    except ValueError as exc:
        return False, str(exc)


class QuestionBook(QObject):
    """The questions and exercises, the learner's answers and the truths computed so far."""

    loaded = Signal()
    progress_changed = Signal()
    truth_ready = Signal(str)  # a question's id: its truth (or why there is none) is known now
    asking_changed = Signal(bool)
    save_failed = Signal(str)  # why the answers could not be written (once per run of the app)

    def __init__(
        self,
        kernel: KernelClient,
        data_dir: Path,
        settings: QSettings,
        folder: Path | None = None,
        parent: QObject | None = None,
        exercise_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.questions = QuestionSet(())
        self.exercises = ExerciseSet(())
        self.progress: Progress | None = None
        self.settings = settings
        self.remote = RemoteQuestions(kernel)
        self.truths: dict[str, Any] = {}
        self.failures: dict[str, str] = {}  # why a truth could not be computed
        self.asked: deque[Question] = deque()
        self.truth_runner = JobRunner(self)
        self.truth_runner.idle.connect(self._compute_next)
        self.save_runner = JobRunner(self)
        self.save_runner.idle.connect(self._save_if_changed)
        self.unsaved = False
        self.save_failure_said = False
        self.load_runner = JobRunner(self)
        self.load_runner.run_task(
            partial(_load, folder, exercise_folder, Path(data_dir) / PROGRESS_FILE),
            self._on_loaded,
            self._on_load_failed,
        )

    # ----- loading ------------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        """Tell whether the files have been read."""
        return self.progress is not None

    @Slot(object)
    def _on_loaded(self, result: tuple[QuestionSet, ExerciseSet, Progress]) -> None:
        self.questions, self.exercises, self.progress = result
        for problem in (*self.questions.problems, *self.exercises.problems):
            logger.warning("%s", problem)
        self.loaded.emit()
        self.progress_changed.emit()

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        logger.warning("The questions could not be read: %s", message)
        self.questions = QuestionSet((), (message,))
        self.exercises = ExerciseSet((), (message,))
        self.loaded.emit()

    def for_tab(self, tab: str) -> tuple[Question, ...]:
        """Return the questions asked at moments in ``tab``."""
        return tuple(q for q in self.questions.questions if q.tab == tab)

    # ----- asking -------------------------------------------------------------------------------
    @property
    def asking(self) -> bool:
        """Tell whether the Lesson tab asks before it shows a cell's result."""
        return str(stored_value(self.settings, ASK_KEY)).lower() != "false"

    def set_asking(self, on: bool) -> None:
        """Turn asking on or off (remembered)."""
        if on != self.asking:
            self.settings.setValue(ASK_KEY, "true" if on else "false")
            self.asking_changed.emit(on)

    # ----- truths -------------------------------------------------------------------------------
    def request_truth(self, question: Question) -> None:
        """Compute ``question``'s truth unless it is known; :attr:`truth_ready` says when it is."""
        if question.id in self.truths or question.id in self.failures:
            self.truth_ready.emit(question.id)
        elif all(q.id != question.id for q in self.asked):
            self.asked.append(question)
            self._compute_next()

    def truth_of(self, question: Question) -> tuple[bool, Any]:
        """Return (known, value): the value, or why it could not be computed, or (False, None)."""
        if question.id in self.truths:
            return True, self.truths[question.id]
        return False, self.failures.get(question.id)

    @Slot()
    def _compute_next(self) -> None:
        if self.truth_runner.busy or not self.asked:
            return
        # The callbacks are this object's slots, so that Qt calls them in the GUI thread.
        self.truth_runner.run_task(
            partial(_compute, self.remote, self.asked[0]), self._on_truth, self._on_truth_failed
        )

    @Slot(object)
    def _on_truth(self, result: tuple[bool, Any]) -> None:
        question = self.asked.popleft()
        known, value = result
        if known:
            self.truths[question.id] = value
        else:
            self.failures[question.id] = str(value)
        self.truth_ready.emit(question.id)

    @Slot(str)
    def _on_truth_failed(self, message: str) -> None:
        question = self.asked.popleft()
        self.failures[question.id] = message
        self.truth_ready.emit(question.id)

    # ----- progress -----------------------------------------------------------------------------
    def answer_of(self, question: Question) -> Answered | None:
        """Return the learner's record of ``question``, or None if never answered."""
        return None if self.progress is None else self.progress.answered.get(question.id)

    def record(self, question: Question, right: bool) -> None:
        """Count an answer and save it (in a job)."""
        self._note(question.id, right)

    def exercise_record(self, exercise: Exercise) -> Answered | None:
        """Return the learner's record of ``exercise`` (None: not started; not ``passed``: tried)."""
        return None if self.progress is None else self.progress.answered.get(EXERCISE_KEY + exercise.id)

    def record_exercise(self, exercise: Exercise, passed: bool) -> None:
        """Count an attempt at ``exercise`` and save it (in a job)."""
        self._note(EXERCISE_KEY + exercise.id, passed)

    def _note(self, key: str, right: bool) -> None:
        if self.progress is None:
            return
        self.progress.note(key, right)
        self._changed()

    def reset(self, exercises: bool = False) -> None:
        """Forget every answer to the questions (or every exercise's record) and save that."""
        if self.progress is None:
            return
        self.progress.answered = {
            key: record
            for key, record in self.progress.answered.items()
            if key.startswith(EXERCISE_KEY) != exercises
        }
        self._changed()

    def _changed(self) -> None:
        self.unsaved = True
        self.progress_changed.emit()
        self._save_if_changed()

    @Slot()
    def _save_if_changed(self) -> None:
        if not self.unsaved or self.save_runner.busy or self.progress is None:
            return
        self.unsaved = False
        snapshot = dict(self.progress.answered)  # the job writes this copy; answers go on meanwhile
        self.save_runner.run_task(
            partial(save_answers, self.progress.path, snapshot), self._on_saved, self._on_save_failed
        )

    @Slot(object)
    def _on_saved(self, _result: object) -> None:
        """The file holds the answers given up to the copy it was written from."""

    @Slot(str)
    def _on_save_failed(self, message: str) -> None:
        logger.warning("Question progress could not be saved: %s", message)
        if not self.save_failure_said:
            self.save_failure_said = True
            self.save_failed.emit(message)
