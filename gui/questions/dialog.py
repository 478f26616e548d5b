"""The questions of one tab's moments (after ``add_``, before Backward, the first loss, ...), asked
beside the tab: the list on the left, one question at a time on the right.

Each question carries its own setup, so the answer is computed from a fresh
session and the tab's own variables stay as the learner left them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.base.i18n import _
from core.content.questions import TAB_PLACES, Question
from gui.base.language import Retranslatable
from gui.questions.book import QuestionBook
from gui.questions.card import QuestionCard

TITLE_CHARACTERS = 80  # of a question's prompt, in the list


class TabQuestionsDialog(Retranslatable, QDialog):
    """Ask the questions of ``tab``'s moments, one after another; the window stays usable."""

    def __init__(self, book: QuestionBook, tab: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tabQuestions_{tab}")
        self.book, self.tab = book, tab
        self.seen: set[str] = set()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("tabQuestionList")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card = QuestionCard(book)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_box.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(self.card, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.close_box)
        self.questions = book.for_tab(tab)
        for _question in self.questions:
            self.list.addItem(QListWidgetItem())
        self.list.currentRowChanged.connect(self._on_row)
        self.card.revealed.connect(self._on_revealed)
        self.card.next_requested.connect(self._next)
        book.progress_changed.connect(self._name_questions)
        self.resize(900, 520)
        self.retranslate()
        if self.questions:
            self.list.setCurrentRow(self._first_unanswered())

    def _first_unanswered(self) -> int:
        rows = [row for row, q in enumerate(self.questions) if self.book.answer_of(q) is None]
        return rows[0] if rows else 0

    @Slot(int)
    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self.questions):
            self.card.ask(self.questions[row], row + 1, len(self.questions), row + 1 < len(self.questions))

    @Slot(str)
    def _on_revealed(self, question_id: str) -> None:
        self.seen.add(question_id)
        self._name_questions()

    @Slot()
    def _next(self) -> None:
        self.list.setCurrentRow(min(self.list.currentRow() + 1, len(self.questions) - 1))

    @Slot()
    def _name_questions(self) -> None:
        for row, question in enumerate(self.questions):
            item = self.list.item(row)
            record = self.book.answer_of(question)
            mark = "✓ " if record is not None and record.first_try_right else "• " if record else ""
            item.setText(mark + _short(question))
            item.setToolTip(question.prompt.shown())
            item.setData(Qt.ItemDataRole.AccessibleTextRole, question.prompt.shown())

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        place = _(TAB_PLACES[self.tab])
        self.setWindowTitle(self.tr("Predict first: {0}").format(place))
        self.intro.setText(
            self.tr(
                "Each question is about a moment in {0}. Answer before you look: the app then computes "
                "the real result and says where a wrong answer comes from. ✓ right at the first try, "
                "• answered."
            ).format(place)
            if self.questions
            else self.tr("There is no question for {0} yet.").format(place)
        )
        self.list.setAccessibleName(self.tr("Questions"))
        self._name_questions()


def _short(question: Question) -> str:
    text = " ".join(question.prompt.shown().replace("`", "").split())
    return text if len(text) <= TITLE_CHARACTERS else text[: TITLE_CHARACTERS - 1] + "…"
