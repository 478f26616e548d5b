"""The Lesson tab: the lesson's 26 code cells in order, each one click from running in its tab.

For each cell it shows the code as written in 2017, today's form where it
differs, what changed, and what the lesson printed. Run opens the cell's tab
in the state the cell needs (the earlier cells' variables) and runs it; the
learner ticks off the cells done, and the ticks are remembered.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.base.i18n import _
from core.lesson.cells import AUTOGRAD, CELLS, TENSORS, LessonCell
from core.lesson.plan import plan
from gui.autograd.tab import AutogradTab
from gui.base.language import Retranslatable
from gui.base.stored_values import stored_value
from gui.lesson.predictions import CellQuestions
from gui.lesson.your_result import YourResult
from gui.questions.book import QuestionBook
from gui.tensors.tab import TensorsTab
from gui.train.tab import TrainTab
from gui.widgets.code_editor import code_box
from gui.widgets.panes import fill_with_panes

DONE_KEY = "lesson/done"  # the numbers of the cells ticked off, comma-separated
CURRENT_KEY = "lesson/current"


class LessonTab(Retranslatable, QWidget):
    """The cells on the left; the selected one on the right, with Run and Done."""

    def __init__(
        self,
        tabs: QTabWidget,
        tensors: TensorsTab,
        autograd: AutogradTab,
        train: TrainTab,
        settings: QSettings,
        book: QuestionBook,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tabs, self.tensors, self.autograd, self.train = tabs, tensors, autograd, train
        self.settings = settings
        self.book = book
        self.done = _read_done(stored_value(settings, DONE_KEY))
        self.said: Callable[[], str] | None = None  # the message under the buttons, asked again on a switch
        fill_with_panes(self, [self._build_list(), self._build_cell_pane()], [330, 950])
        self.cells.currentRowChanged.connect(self._on_cell_changed)
        self.cells.itemChanged.connect(self._on_item_changed)
        self.run_button.clicked.connect(self.run_current)
        self.written_button.clicked.connect(self.run_current_as_written)
        self.next_button.clicked.connect(self.done_and_next)
        self.reset_answers_button.clicked.connect(self.confirm_reset_answers)
        self.asking.hiding_changed.connect(self._hide_result)
        book.progress_changed.connect(self._show_cell_names)
        book.loaded.connect(self._show_cell_names)
        self.retranslate()
        current = stored_value(settings, CURRENT_KEY)
        self.cells.setCurrentRow(int(current) if str(current).isdigit() and int(current) < len(CELLS) else 0)

    def _build_list(self) -> QWidget:
        self.cells = QListWidget()
        self.cells.setObjectName("lessonCells")
        for lesson_cell in CELLS:
            item = QListWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = lesson_cell.number in self.done
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.cells.addItem(item)
        self.cells_label = QLabel()
        self.progress = QLabel()
        self.progress.setObjectName("lessonProgress")
        self.reset_answers_button = QPushButton()
        self.reset_answers_button.setObjectName("lessonResetAnswersButton")
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.addWidget(self.cells_label)
        layout.addWidget(self.cells, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.reset_answers_button)
        return left

    def _build_cell_pane(self) -> QWidget:
        self.title = QLabel()
        self.title.setObjectName("lessonCellTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.where = QLabel()
        self.written_label, self.today_label = QLabel(), QLabel()
        self.change_label, self.printed_label = QLabel(), QLabel()
        self.written = code_box("lessonWritten")
        self.today = code_box("lessonToday")
        self.printed = code_box("lessonPrinted")
        self.change = QLabel()
        self.change.setObjectName("lessonChange")
        self.change.setWordWrap(True)
        self.change.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.run_button = QPushButton()
        self.run_button.setObjectName("lessonRunButton")
        self.written_button = QPushButton()
        self.written_button.setObjectName("lessonRunWrittenButton")
        self.next_button = QPushButton()
        self.next_button.setObjectName("lessonNextButton")
        self.message = QLabel()
        self.message.setObjectName("lessonMessage")
        self.message.setWordWrap(True)
        self.asking = CellQuestions(self.book)
        self.yours = YourResult()
        buttons = QHBoxLayout()
        for button in (self.run_button, self.written_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        codes = QHBoxLayout()
        for label, box in ((self.written_label, self.written), (self.today_label, self.today)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(box, 1)
            codes.addLayout(column, 1)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addLayout(codes, 2)
        layout.addWidget(self.change_label)
        layout.addWidget(self.change)
        layout.addWidget(self.asking, 3)
        layout.addLayout(self._results_row(), 2)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        return right

    def _results_row(self) -> QHBoxLayout:
        """What the lesson printed, and beside it what the learner's own run printed: each cell a check."""
        results = QHBoxLayout()
        lesson_column = QVBoxLayout()
        lesson_column.addWidget(self.printed_label)
        lesson_column.addWidget(self.printed, 1)
        results.addLayout(lesson_column, 1)
        results.addWidget(self.yours, 1)
        return results

    def retranslate(self) -> None:
        """Set every text in the current language; the ticks and the cell shown stay."""
        self.cells_label.setText(self.tr("The lesson's code cells, in order"))
        self.cells.setAccessibleName(self.tr("Lesson cells"))
        self.cells.setToolTip(self.tr("Tick the cells you have done; the app remembers them"))
        self._show_cell_names()
        self.written_label.setText(self.tr("As written in 2017 (PyTorch 0.3):"))
        self.written.setAccessibleName(self.tr("The code as written in 2017"))
        self.today.setAccessibleName(self.tr("The code today"))
        self.change_label.setText(self.tr("What changed, and what to look at:"))
        self.printed_label.setText(self.tr("What the lesson printed:"))
        self.printed.setAccessibleName(self.tr("What the lesson printed"))
        self.printed.setPlaceholderText(self.tr("(nothing: this cell prints nothing)"))
        self.written_button.setText(self.tr("Run as written in 2017"))
        self.written_button.setToolTip(
            self.tr("Run the lesson's own code: the app answers its old forms with today's")
        )
        self.next_button.setText(self.tr("Done, next cell"))
        self.next_button.setToolTip(self.tr("Tick this cell off and go to the next one"))
        self.reset_answers_button.setText(self.tr("Forget my answers..."))
        self.reset_answers_button.setToolTip(
            self.tr("Ask every question again, as if never answered; the ticks stay")
        )
        self._show_progress()
        self._on_cell_changed(self.cells.currentRow())
        self.message.setText(self.said() if self.said else "")

    # ----- the cell shown ---------------------------------------------------------------------
    def current_cell(self) -> LessonCell:
        """Return the cell shown."""
        return CELLS[max(self.cells.currentRow(), 0)]

    @Slot(int)
    def _on_cell_changed(self, row: int) -> None:
        if not 0 <= row < len(CELLS):
            return
        self.settings.setValue(CURRENT_KEY, row)
        lesson_cell = CELLS[row]
        self.title.setText(self.tr("Cell {0}: {1}").format(lesson_cell.number, _(lesson_cell.title)))
        self.where.setText(self._where_text(lesson_cell))
        self.written.setPlainText(lesson_cell.written)
        self.today.setPlainText(lesson_cell.today or lesson_cell.written)
        self.today_label.setText(
            self.tr("Today (PyTorch 2):") if lesson_cell.differs else self.tr("Today: the same")
        )
        self.change.setText(_(lesson_cell.change))
        self.printed.setPlainText(lesson_cell.printed)
        self.run_button.setText(self._run_text(lesson_cell))
        self.written_button.setVisible(lesson_cell.differs and lesson_cell.tab in (TENSORS, AUTOGRAD))
        if self.said is not None:
            self._say(None)
        self.asking.show_cell(lesson_cell.number)
        self.yours.show_cell(lesson_cell.number)
        self._hide_result(self.asking.hiding)

    @Slot()
    def _show_cell_names(self) -> None:
        """Name each cell in the list, with how many of its questions were answered."""
        self.cells.blockSignals(True)
        for row, lesson_cell in enumerate(CELLS):
            name = f"{lesson_cell.number}. {_(lesson_cell.title)}"
            summary = self.asking.summary(lesson_cell.number)
            self.cells.item(row).setText(f"{name}  ·  {summary}" if summary else name)
        self.cells.blockSignals(False)

    @Slot(bool)
    def _hide_result(self, hidden: bool) -> None:
        """Hide what the lesson printed, what changed and Run until the learner has predicted it."""
        for widget in (self.printed_label, self.printed, self.yours, self.change_label, self.change):
            widget.setVisible(not hidden)  # what changed often says what the cell gives
        for button in (self.run_button, self.written_button):
            button.setEnabled(not hidden)
        if hidden:
            self.run_button.setToolTip(self.tr("Answer the question above first, or choose Just show me"))
        else:
            self.run_button.setToolTip(self.tr("Open the tab, bring in what the cell needs, and run it"))

    def _where_text(self, lesson_cell: LessonCell) -> str:
        if lesson_cell.tab == TENSORS:
            return self.tr("Runs in the Tensors tab, whose variables stay from one run to the next.")
        if lesson_cell.tab == AUTOGRAD:
            return self.tr("Runs in the Autograd tab, with the cells before it, and draws the graph.")
        return self.tr("Runs in the Train tab: the lesson's network, settings and log.")

    def _run_text(self, lesson_cell: LessonCell) -> str:
        if lesson_cell.tab == TENSORS:
            return self.tr("Run in the Tensors tab")
        if lesson_cell.tab == AUTOGRAD:
            return self.tr("Run in the Autograd tab")
        return self.tr("Train in the Train tab")

    # ----- running ----------------------------------------------------------------------------
    @Slot()
    def run_current(self) -> None:
        """Run the cell shown, in today's form, in its tab."""
        self.run_cell(self.current_cell())

    @Slot()
    def run_current_as_written(self) -> None:
        """Run the cell shown as the lesson wrote it in 2017."""
        self.run_cell(self.current_cell(), as_written=True)

    def run_cell(self, lesson_cell: LessonCell, as_written: bool = False) -> None:
        """Open ``lesson_cell``'s tab in the state it needs and run it there."""
        if lesson_cell.tab == TENSORS:
            run = plan(lesson_cell, as_written, self.tensors.variable_names())
            self.yours.follow(lesson_cell.number, self.tensors.output)
            self.tabs.setCurrentWidget(self.tensors)
            self.tensors.run_lesson_code(run.code, run.setup, run.focus, lesson_cell.number)
        elif lesson_cell.tab == AUTOGRAD:
            run = plan(lesson_cell, as_written)
            self.yours.follow(lesson_cell.number, self.autograd.output)
            self.tabs.setCurrentWidget(self.autograd)
            self.autograd.run_lesson_code(run.code, run.backward, run.select, run.prints_grad)
        elif not self.train.runner.busy:
            self.yours.follow(lesson_cell.number, self.train.run_view.log, from_end=True)
            self.train.start_lesson_run()
            self.tabs.setCurrentWidget(self.train)
        else:
            self._say(self._training_busy_text)
            return
        self._say(None)

    def _training_busy_text(self) -> str:
        return self.tr("A training run is still going: stop it in the Train tab first.")

    def _say(self, text: Callable[[], str] | None) -> None:
        self.said = text
        self.message.setText(text() if text else "")

    # ----- done -------------------------------------------------------------------------------
    @Slot()
    def done_and_next(self) -> None:
        """Tick the cell shown off and show the next one."""
        row = self.cells.currentRow()
        self.cells.item(row).setCheckState(Qt.CheckState.Checked)
        if row + 1 < len(CELLS):
            self.cells.setCurrentRow(row + 1)

    @Slot(QListWidgetItem)
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        number = self.cells.row(item) + 1
        if item.checkState() == Qt.CheckState.Checked:
            self.done.add(number)
        else:
            self.done.discard(number)
        self.settings.setValue(DONE_KEY, ",".join(map(str, sorted(self.done))))
        self._show_progress()

    @Slot()
    def confirm_reset_answers(self) -> None:
        """Ask, then forget every answer to the questions."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Forget my answers"),
            self.tr(
                "Forget every answer to the questions? They will all be asked again; "
                "the cells you ticked stay ticked."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("resetAnswersQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(self._on_reset_answered)
        box.open()
        self.reset_box = box

    @Slot(int)
    def _on_reset_answered(self, result: int) -> None:
        if result == QMessageBox.StandardButton.Yes.value:
            self.book.reset()
            self.asking.seen.clear()
            self.asking.show_cell(self.current_cell().number)

    def _show_progress(self) -> None:
        self.progress.setText(self.tr("{0} of {1} cells done").format(len(self.done), len(CELLS)))


def _read_done(value: object) -> set[int]:
    """Read the ticked cells back from settings (a comma-separated string; anything else is nothing)."""
    if isinstance(value, (list, tuple)):
        value = ",".join(map(str, value))
    numbers = {int(part) for part in str(value or "").split(",") if part.strip().isdigit()}
    return {number for number in numbers if 1 <= number <= len(CELLS)}
