"""The Lesson tab's questions: before a cell's result shows, the learner predicts it.

A cell's result (what the lesson printed, and Run) stays hidden while asking is
on and one of its questions was never answered nor shown; each question is
asked in turn, and the result appears once the last is. "Ask me again" asks a
cell's questions once more; the answers are counted in the progress file.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.content.questions import Question
from gui.base.language import Retranslatable
from gui.questions.book import QuestionBook
from gui.questions.card import QuestionCard


class CellQuestions(Retranslatable, QWidget):
    """The questions on the cell shown; :attr:`hiding_changed` says whether its result is hidden."""

    hiding_changed = Signal(bool)

    def __init__(self, book: QuestionBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.cell = 0
        self.seen: set[str] = set()  # questions answered or shown since the app started
        self.again: int | None = None  # the cell whose questions are being asked again
        self.hiding = False
        self.card = QuestionCard(book)
        self.status = QLabel()
        self.status.setObjectName("lessonQuestionStatus")
        self.again_button = QPushButton()
        self.again_button.setObjectName("lessonAskAgainButton")
        self.again_button.clicked.connect(self.ask_again)
        line = QHBoxLayout()
        line.addWidget(self.status, 1)
        line.addWidget(self.again_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.card, 1)
        self.card.revealed.connect(self._on_revealed)
        self.card.next_requested.connect(self._ask_next)
        book.loaded.connect(self._refresh)
        book.asking_changed.connect(self._refresh)
        book.progress_changed.connect(self._show_status)
        self.retranslate()

    def questions(self, cell: int | None = None) -> tuple[Question, ...]:
        """Return the questions asked before cell ``cell``'s result (the cell shown by default)."""
        return self.book.questions.for_cell(self.cell if cell is None else cell)

    def show_cell(self, number: int) -> None:
        """Ask about cell ``number`` (1-based) if it has questions still to answer."""
        if number != self.cell:
            self.again = None
        self.cell = number
        self._refresh()

    def _open(self) -> list[Question]:
        """The cell's questions still to ask: never answered nor shown, or all of them when asked again."""
        questions = list(self.questions())
        if self.again == self.cell:
            return [q for q in questions if q.id not in self.seen]
        return [q for q in questions if q.id not in self.seen and self.book.answer_of(q) is None]

    @Slot()
    def _refresh(self) -> None:
        open_questions = self._open() if self.book.asking else []
        if open_questions:
            self._ask(open_questions[0])
        self.card.setVisible(bool(open_questions) or self._card_shows_last_answer())
        self._set_hiding(bool(open_questions))
        self._show_status()

    def _card_shows_last_answer(self) -> bool:
        question = self.card.question
        return question is not None and question.cell == self.cell and self.card.is_revealed

    def _ask(self, question: Question) -> None:
        if self.card.question is question and not self.card.is_revealed:
            return  # already asked: keep what the learner has chosen or typed
        questions = self.questions()
        number = questions.index(question) + 1
        self.card.ask(question, number, len(questions), has_next=len(self._open()) > 1)

    @Slot(str)
    def _on_revealed(self, question_id: str) -> None:
        self.seen.add(question_id)
        if not self._open():
            self._set_hiding(False)
        self._show_status()

    @Slot()
    def _ask_next(self) -> None:
        open_questions = self._open()
        if open_questions:
            self._ask(open_questions[0])

    @Slot()
    def ask_again(self) -> None:
        """Ask the cell's questions once more, result hidden until they are answered."""
        questions = self.questions()
        self.seen.difference_update(q.id for q in questions)
        self.again = self.cell
        if self.card.question in questions:
            self.card.question = None  # so that the first one is asked afresh
        self._refresh()

    def _set_hiding(self, hiding: bool) -> None:
        if hiding != self.hiding:
            self.hiding = hiding
            self.hiding_changed.emit(hiding)

    # ----- texts --------------------------------------------------------------------------------
    def summary(self, cell: int) -> str:
        """Return a cell's answers in a few words for the list of cells (empty if it has no question)."""
        questions = self.questions(cell)
        if not questions:
            return ""
        answered = sum(self.book.answer_of(q) is not None for q in questions)
        return self.tr("{0}/{1} answered").format(answered, len(questions))

    @Slot()
    def _show_status(self) -> None:
        questions = self.questions()
        records = [self.book.answer_of(q) for q in questions]
        answered = [r for r in records if r is not None]
        right = sum(r.first_try_right for r in answered)
        if not questions:
            self.status.setText(self.tr("No question on this cell."))
        else:
            self.status.setText(
                self.tr("Questions on this cell: {0}; answered {1}, right at the first try {2}.").format(
                    len(questions), len(answered), right
                )
            )
        self.again_button.setVisible(bool(questions) and not self.hiding and self.book.asking)

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.again_button.setText(self.tr("Ask me again"))
        self.again_button.setToolTip(self.tr("Hide this cell's result and answer its questions once more"))
        self._show_status()
