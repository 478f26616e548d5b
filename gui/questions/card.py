"""One question, asked before its result shows: choices or a typed answer, then the verdict, the
value the app computed and why.

The card grades with :mod:`core.content.grading` and words the verdict with
:mod:`core.content.quiz`, as ``main.py quiz`` does; the truth comes from the
book, computed by the kernel while the learner thinks.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.content.grading import AnswerError, Verdict, grade, parse_answer, same
from core.content.questions import CELLS, CHOICE, NUMBER, SHAPE, Question
from core.content.quiz import LETTERS, shown_truth, verdict_text
from gui.base.language import Retranslatable
from gui.questions.book import QuestionBook

CODE = re.compile(r"`([^`]+)`")
RIGHT_COLOUR, WRONG_COLOUR = "#1a7f37", "#b35900"


def text_html(text: str) -> str:
    """Return a question's text as rich text: `code` in a fixed font, line breaks kept."""
    escaped = html.escape(text)
    return CODE.sub(r"<code>\1</code>", escaped).replace("\n", "<br>")


class QuestionCard(Retranslatable, QFrame):
    """Ask one question; say :attr:`revealed` (its id) once answered or shown without answering."""

    revealed = Signal(str)
    next_requested = Signal()

    def __init__(self, book: QuestionBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.book = book
        self.question: Question | None = None
        self.position = (1, 1)  # this question's number among those asked here, and how many there are
        self.answer: object = None  # what the learner answered (parsed), None while unanswered
        self.just_shown = False
        self.verdict: Verdict | None = None
        self.problem = ""  # what was wrong with the typed answer
        self.has_next = False
        self._build()
        book.truth_ready.connect(self._on_truth_ready)
        self.retranslate()

    def _build(self) -> None:
        self.header = QLabel()
        self.header.setObjectName("questionHeader")
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.prompt = _label("questionPrompt")
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        self.choices = QButtonGroup(self)
        self.choice_box = QVBoxLayout()
        self.typed = QLineEdit()
        self.typed.setObjectName("questionAnswer")
        self.typed.returnPressed.connect(self.check)
        self.check_button = QPushButton()
        self.check_button.setObjectName("questionCheckButton")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.show_button = QPushButton()
        self.show_button.setObjectName("questionShowButton")
        self.show_button.clicked.connect(self.just_show)
        self.next_button = QPushButton()
        self.next_button.setObjectName("questionNextButton")
        self.next_button.clicked.connect(self.next_requested)
        self.feedback = _label("questionFeedback")
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.result = _label("questionResult")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.typed, 1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.show_button)
        buttons.addStretch(0)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.prompt)
        layout.addLayout(self.choice_box)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        layout.addWidget(self.result)
        layout.addStretch(1)

    # ----- what is asked ------------------------------------------------------------------------
    def ask(self, question: Question, number: int = 1, count: int = 1, has_next: bool = False) -> None:
        """Ask ``question``, the ``number``-th of ``count``; offer Next after it when ``has_next``."""
        self.question, self.position, self.has_next = question, (number, count), has_next
        self.answer, self.just_shown, self.verdict, self.problem = None, False, None, ""
        for button in self.choices.buttons():
            self.choices.removeButton(button)
            button.deleteLater()
        for index, _choice in enumerate(question.choices):
            button = QRadioButton()
            button.setObjectName(f"questionChoice{index}")
            self.choices.addButton(button, index)
            self.choice_box.addWidget(button)
        self.typed.clear()
        self.typed.setVisible(question.kind != CHOICE)
        self.book.request_truth(question)  # computed while the learner thinks
        self.retranslate()

    @property
    def is_revealed(self) -> bool:
        """Tell whether the result shows (answered and graded, or shown without answering)."""
        known, _value = self._truth()
        return (self.verdict is not None or self.just_shown) and known

    def _truth(self) -> tuple[bool, object]:
        if self.question is None:
            return False, None
        return self.book.truth_of(self.question)

    # ----- answering ----------------------------------------------------------------------------
    @Slot()
    def check(self) -> None:
        """Read the answer and grade it (at once, or when the truth arrives)."""
        question = self.question
        if question is None or self.answer is not None or self.just_shown:
            return
        try:
            if question.kind == CHOICE:
                if self.choices.checkedId() < 0:
                    raise AnswerError(self.tr("Choose one of the answers first."))
                self.answer = self.choices.checkedId()
            else:
                self.answer = parse_answer(question, self.typed.text())
        except AnswerError as exc:
            self.problem = str(exc)
            self.retranslate()
            self.typed.setFocus()
            return
        self.problem = ""
        self._grade_if_known()

    @Slot()
    def just_show(self) -> None:
        """Show the result without answering (nothing is recorded)."""
        if self.question is None or self.answer is not None or self.just_shown:
            return
        self.just_shown, self.problem = True, ""
        self._grade_if_known()

    @Slot(str)
    def _on_truth_ready(self, question_id: str) -> None:
        if self.question is not None and question_id == self.question.id:
            self._grade_if_known()

    def _grade_if_known(self) -> None:
        question = self.question
        known, truth = self._truth()
        if question is not None and known and self.answer is not None and self.verdict is None:
            self.verdict = grade(question, self.answer, truth)
            self.book.record(question, self.verdict.right)
        self.retranslate()
        if question is not None and self.is_revealed:
            self.revealed.emit(question.id)

    # ----- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Show the question and where the learner is with it, in the current language."""
        self.check_button.setText(self.tr("Check my answer"))
        self.show_button.setText(self.tr("Just show me"))
        self.show_button.setToolTip(self.tr("See the result without answering; nothing is recorded"))
        self.next_button.setText(self.tr("Next question"))
        question = self.question
        if question is None:
            self.header.setText("")
            self.prompt.setText("")
            self.feedback.setText("")
            self.result.setText("")
            return
        number, count = self.position
        self.header.setText(
            self.tr("Predict first: question {0} of {1}").format(number, count)
            if count > 1
            else self.tr("Predict first")
        )
        self.prompt.setText(text_html(question.prompt.shown()))
        right = self._right_choice(question) if self.is_revealed else None
        for index, choice in enumerate(question.choices):
            mark = "  ✓" if index == right else "  ✗" if index == self.answer else ""
            self.choices.button(index).setText(f"{LETTERS[index]}) {choice.text.shown()}{mark}")
        self.typed.setPlaceholderText(self._placeholder(question))
        self.typed.setAccessibleName(self.tr("Your answer"))
        answered = self.answer is not None or self.just_shown
        for widget in (self.typed, *self.choices.buttons()):
            widget.setEnabled(not answered)
        self.check_button.setVisible(not answered)
        self.show_button.setVisible(not answered)
        self.next_button.setVisible(self.is_revealed and self.has_next)
        self._show_outcome(question)

    def _right_choice(self, question: Question) -> int | None:
        known, truth = self._truth()
        if not known or question.kind != CHOICE:
            return None
        return next(
            (i for i, c in enumerate(question.choices) if same(c.value, truth, question.tolerance)), None
        )

    def _placeholder(self, question: Question) -> str:
        if question.kind == NUMBER:
            if question.tolerance:
                return self.tr("A number, such as 2.3 (within {0} counts as right)").format(
                    f"{question.tolerance:g}"
                )
            return self.tr("A number, such as 2.3")
        if question.kind == SHAPE:
            return self.tr("A shape, such as 2, 3 (nothing for a 0-d tensor)")
        if question.kind == CELLS:
            return self.tr("The element numbers, such as 1, 3, 5")
        return ""

    def _show_outcome(self, question: Question) -> None:
        known, truth = self._truth()
        if self.problem:
            self._set_feedback(self.problem, WRONG_COLOUR)
        elif self.verdict is not None:
            colour = RIGHT_COLOUR if self.verdict.right else WRONG_COLOUR
            self._set_feedback(verdict_text(question, self.verdict), colour)
        elif self.just_shown and known:
            self._set_feedback(self.tr("Shown without an answer: nothing is recorded."), None)
        elif self.answer is not None or self.just_shown:
            self._set_feedback(self.tr("Computing the answer..."), None)
        else:
            self.feedback.setText("")
        if not (self.answer is not None or self.just_shown) or known is False:
            failure = truth if (self.answer is not None or self.just_shown) and truth else None
            message = self.tr(
                "The app could not compute this answer ({0}). The question {1} in {2} needs fixing."
            )
            self.result.setText(
                html.escape(message.format(failure, question.id, question.source)) if failure else ""
            )
            return
        computed = self.tr("The app computed: {0}").format(shown_truth(question, truth))
        self.result.setText(f"<b>{text_html(computed)}</b><br>{text_html(question.explain.shown())}")

    def _set_feedback(self, text: str, colour: str | None) -> None:
        self.feedback.setText(text_html(text))
        self.feedback.setStyleSheet(f"color: {colour};" if colour else "")


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
