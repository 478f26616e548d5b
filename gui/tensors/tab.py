"""The Tensors tab: the lesson's tensor steps on the left, a free playground on the right."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.base.i18n import _
from core.export.session_script import SessionScript
from core.kernel import KernelClient, RemotePlayground
from core.kernel.protocol import TENSORS
from core.lesson.steps import TENSOR_STEPS, step_creating
from core.process.problems import KernelProblem
from core.tensors.playground import PlaygroundOutcome
from gui.base.jobs import JobRunner
from gui.base.kernel_link import AUTOGRAD_TAB, other_tab_message, problem_message
from gui.base.language import Retranslatable
from gui.base.theme import error_colour, note_colour
from gui.widgets.code_editor import CodeEditor
from gui.widgets.panes import fill_with_panes
from gui.widgets.tensor_view import TensorView


def _monospace(widget: QWidget) -> QWidget:
    widget.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return widget


class TensorsTab(Retranslatable, QWidget):
    """Guided steps and a playground sharing one session, in the kernel process."""

    def __init__(self, kernel: KernelClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.playground = RemotePlayground(kernel)
        self.runner = JobRunner(self)
        self.running_code = ""
        self.script = SessionScript()  # every run so far, for "Copy as script"
        self.running_step: int | None = None  # the lesson step whose code is running, if any
        self.queued: list[tuple[str, str | None, int | None]] = []
        self.infos: dict = {}
        self.error_message: str | Callable[[], str] | None = None
        self.error_detail: str | None = None
        self._build()
        self.runner.busy_changed.connect(self._on_busy_changed)
        self.runner.idle.connect(self._run_queued)
        self.retranslate()
        self.steps.setCurrentRow(0)

    def _build(self) -> None:
        fill_with_panes(
            self,
            [self._build_steps_pane(), self._build_code_pane(), self._build_variables_box()],
            [330, 700, 260],
        )
        self.steps.currentRowChanged.connect(self._on_step_changed)
        self.step_run_button.clicked.connect(self.run_current_step)
        self.next_button.clicked.connect(self._on_run_and_next)
        self.code.submitted.connect(self.run_code)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset_session)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.variables.cellClicked.connect(self._on_variable_clicked)

    def _build_steps_pane(self) -> QWidget:
        self.steps = QListWidget()
        self.steps.setObjectName("tensorSteps")
        for _step in TENSOR_STEPS:
            self.steps.addItem("")
        self.step_code = _monospace(QPlainTextEdit())
        self.step_code.setReadOnly(True)
        self.step_code.setMaximumHeight(110)
        self.step_explanation = QLabel()
        self.step_explanation.setObjectName("tensorStepExplanation")
        self.step_explanation.setWordWrap(True)
        self.step_explanation.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.step_run_button = QPushButton()
        self.step_run_button.setObjectName("tensorStepRunButton")
        self.next_button = QPushButton()
        self.next_button.setObjectName("tensorNextButton")
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.step_run_button)
        step_buttons.addWidget(self.next_button)
        self.steps_label = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.steps_label)
        left_layout.addWidget(self.steps, 2)
        left_layout.addWidget(self.step_code)
        left_layout.addLayout(step_buttons)
        left_layout.addWidget(self.step_explanation, 1)
        return left

    def _build_code_row(self) -> QHBoxLayout:
        self.code = CodeEditor()
        self.code.setObjectName("tensorCode")
        self.code.setMaximumHeight(90)
        self.run_button = QPushButton()
        self.run_button.setObjectName("tensorRunButton")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("tensorStopButton")
        self.stop_button.setEnabled(False)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("tensorResetButton")
        buttons = QVBoxLayout()
        for button in (self.run_button, self.stop_button, self.reset_button):
            buttons.addWidget(button)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addLayout(buttons)
        return code_row

    def _build_ran_row(self) -> QHBoxLayout:
        self.ran = _monospace(QPlainTextEdit())
        self.ran.setReadOnly(True)
        self.ran.setMaximumHeight(64)
        self.ran.setObjectName("tensorRanCode")
        self.copy_button = QPushButton()
        self.ran_label = QLabel()
        ran_row = QHBoxLayout()
        ran_row.addWidget(self.ran_label)
        ran_row.addWidget(self.ran, 1)
        ran_row.addWidget(self.copy_button)
        self.copy_script_button = QPushButton()
        self.copy_script_button.setObjectName("tensorCopyScriptButton")
        self.copy_script_button.clicked.connect(self.copy_script)
        ran_row.addWidget(self.copy_script_button)
        return ran_row

    def _build_code_pane(self) -> QWidget:
        code_row, ran_row = self._build_code_row(), self._build_ran_row()
        self.error = QLabel()
        self.error.setObjectName("tensorError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setVisible(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.output = _monospace(QPlainTextEdit())
        self.output.setReadOnly(True)
        self.output.setObjectName("tensorOutput")
        self.output.setMaximumHeight(120)
        self.view = TensorView()
        self.view.setObjectName("tensorView")
        self.output_label = QLabel()
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addLayout(code_row)
        middle_layout.addLayout(ran_row)
        middle_layout.addWidget(self.error)
        middle_layout.addWidget(self.note)
        middle_layout.addWidget(self.view, 3)
        middle_layout.addWidget(self.output_label)
        middle_layout.addWidget(self.output, 1)
        return middle

    def _build_variables_box(self) -> QGroupBox:
        self.variables = QTableWidget(0, 4)
        self.variables.setObjectName("tensorVariables")
        self.variables.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.variables.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.variables.verticalHeader().setVisible(False)
        self.variables.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.variables.horizontalHeader().setStretchLastSection(True)
        self.variables_box = QGroupBox()
        QVBoxLayout(self.variables_box).addWidget(self.variables)
        return self.variables_box

    def retranslate(self) -> None:
        """Set every text in the current language; the code, variables and results stay."""
        self.steps_label.setText(self.tr("Lesson steps"))
        self.steps.setAccessibleName(self.tr("Lesson steps"))
        self.steps.setToolTip(self.tr("The lesson's tensor basics, one step at a time"))
        for number, step in enumerate(TENSOR_STEPS, 1):
            self.steps.item(number - 1).setText(f"{number}. {_(step.title)}")
        self._on_step_changed(self.steps.currentRow())
        self.step_code.setAccessibleName(self.tr("Step code"))
        self.step_run_button.setText(self.tr("Run this step"))
        self.step_run_button.setToolTip(self.tr("Run the step's code in the playground session"))
        self.next_button.setText(self.tr("Run and go to next"))
        self.next_button.setToolTip(self.tr("Run this step, then select the next one"))
        self.code.setAccessibleName(self.tr("Code"))
        self.code.setToolTip(
            self.tr(
                "Type PyTorch code, as in a notebook cell. Enter runs it when it is complete and adds a "
                "line when it is not (after a colon, an open bracket); Shift+Enter or Ctrl+Enter always "
                "runs. Up/Down show history."
            )
        )
        self.code.setPlaceholderText(
            self.tr("e.g.  x = torch.rand(5, 3)      (Enter runs complete code; Shift+Enter always runs)")
        )
        for button, text in (
            (self.run_button, self.tr("Run")),
            (self.stop_button, self.tr("Stop")),
            (self.reset_button, self.tr("Reset")),
        ):
            button.setText(text)
            button.setAccessibleName(text)
        self.run_button.setToolTip(self.tr("Run the code (Shift+Enter)"))
        self.stop_button.setToolTip(self.tr("Stop the code that is running (its variables are lost)"))
        self.reset_button.setToolTip(self.tr("Start over: forget every variable, as a fresh Python would"))
        self.ran_label.setText(self.tr("Ran:"))
        self.ran.setAccessibleName(self.tr("Code that ran"))
        self.ran.setToolTip(self.tr("Exactly the code that ran; select to copy"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the code that ran"))
        self.copy_script_button.setText(self.tr("Copy as script"))
        self.copy_script_button.setToolTip(
            self.tr(
                "Copy everything run so far as one Python script (what failed is left out, with a comment)"
            )
        )
        self.error.setAccessibleName(self.tr("Error message"))
        self.output_label.setText(self.tr("Output"))
        self.output.setAccessibleName(self.tr("Output"))
        self.view.setAccessibleName(self.tr("Tensor view"))
        self.view.setToolTip(self.tr("The values, coloured by size; yellow cells changed in place"))
        self.variables_box.setTitle(self.tr("Variables"))
        self.variables.setAccessibleName(self.tr("Variables"))
        self.variables.setToolTip(self.tr("Every variable you defined; click one to show it"))
        self.variables.setHorizontalHeaderLabels(
            [self.tr("name"), self.tr("shape"), self.tr("dtype"), self.tr("device")]
        )
        self._render_error()

    # ----- running ------------------------------------------------------------------------------
    @Slot(int)
    def _on_step_changed(self, row: int) -> None:
        if 0 <= row < len(TENSOR_STEPS):
            step = TENSOR_STEPS[row]
            self.step_code.setPlainText(step.code)
            self.step_explanation.setText(_(step.explanation))

    @Slot()
    def run_current_step(self) -> None:
        """Run the selected step's code."""
        row = self.steps.currentRow()
        if 0 <= row < len(TENSOR_STEPS):
            step = TENSOR_STEPS[row]
            self.run_code(step.code, step.show, step_index=row)

    @Slot()
    def _on_run_and_next(self) -> None:
        self.run_current_step()
        self.steps.setCurrentRow(min(self.steps.currentRow() + 1, len(TENSOR_STEPS) - 1))

    @Slot()
    def _on_run_clicked(self) -> None:
        code = self.code.toPlainText()
        if code.strip():
            self.code.remember(code)
            self.run_code(code)

    def run_code(self, code: str, focus: str | None = None, step_index: int | None = None) -> None:
        """Run ``code`` in the session (in a worker); runs asked for meanwhile wait their turn.

        ``step_index`` names the lesson step the code is from, to point at the step a missing
        variable comes from.
        """
        if self.runner.busy:
            self.queued.append((code, focus, step_index))
            return
        self.running_code, self.running_step = code, step_index
        self.runner.run_task(
            partial(self.playground.run, code, focus), self._on_outcome, self._on_failed, cancellable=True
        )

    def variable_names(self) -> set[str]:
        """Return the names of the variables the session has (as the variables panel lists them)."""
        return {self.variables.item(row, 0).text() for row in range(self.variables.rowCount())}

    def run_lesson_code(self, code: str, setup: tuple[str, ...] = (), focus: str | None = None) -> None:
        """Put a lesson cell's ``code`` in the code box and run it, after the ``setup`` it needs."""
        self.code.setPlainText(code)
        self.code.remember(code)
        for earlier in setup:
            self.run_code(earlier)
        self.run_code(code, focus)

    @Slot()
    def reset_session(self) -> None:
        """Start over: a new, empty session in the kernel (Stop first, while code runs)."""
        if self.runner.busy:
            return
        self.queued.clear()
        self.runner.run_task(self.playground.reset, self._on_reset, self._on_failed, cancellable=True)

    @Slot(object)
    def _on_reset(self, outcome: object) -> None:
        if isinstance(outcome, KernelProblem):
            self._show_error(partial(problem_message, outcome), outcome.detail)
            return
        self._forget_variables()
        self.ran.clear()
        self._show_error(None)
        self.note.setVisible(False)

    @Slot()
    def stop(self) -> None:
        """Stop the code that is running (the kernel is restarted) and drop the runs waiting."""
        self.queued.clear()
        self.runner.request_stop()

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.reset_button.setEnabled(not busy)

    @Slot()
    def _run_queued(self) -> None:
        if self.queued:
            code, focus, step_index = self.queued.pop(0)
            self.run_code(code, focus, step_index)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._show_error(message)

    def _show_error(self, message: str | Callable[[], str] | None, detail: str | None = None) -> None:
        """Show ``message`` (or hide the error); a callable is asked again when the language changes."""
        self.error_message, self.error_detail = message, detail
        self._render_error()

    def _render_error(self) -> None:
        message = self.error_message() if callable(self.error_message) else self.error_message
        self.error.setVisible(bool(message))
        if message:
            self.error.setStyleSheet(f"color: {error_colour()};")
            self.error.setText("⚠ " + message)
            detail = self.error_detail
            self.error.setToolTip(self.tr("Original message: {0}").format(detail) if detail else "")

    @Slot(object)
    def _on_outcome(self, outcome: PlaygroundOutcome | KernelProblem) -> None:
        if isinstance(outcome, KernelProblem):
            self.script.left_out(self.running_code, problem_message(outcome))
            self.queued.clear()  # the runs waiting built on what was lost
            self.ran.setPlainText(self.running_code)
            self._show_error(partial(problem_message, outcome), outcome.detail)
            if outcome.reset:
                self._forget_variables()
            return
        if outcome.error:
            self.script.left_out(outcome.code, outcome.error)
        else:
            self.script.ran(outcome.code)
        self.ran.setPlainText(outcome.code)
        self._show_error(self._missing_step_message(outcome) or outcome.error, outcome.error_detail)
        self.note.setVisible(bool(outcome.note))
        if outcome.note:
            self.note.setStyleSheet(f"color: {note_colour()};")
            self.note.setText(outcome.note)
        text = outcome.output + (outcome.value_text if outcome.value_text else "")
        self.output.setPlainText(text)
        if outcome.shown is not None:
            self.view.show_info(outcome.shown)
        elif outcome.error:
            self.view.mark_stale()
        self.variables.setRowCount(len(outcome.variables))
        for row, variable in enumerate(outcome.variables):
            for col, text in enumerate((variable.name, variable.shape, variable.dtype, variable.device)):
                self.variables.setItem(row, col, QTableWidgetItem(text))
        self.infos = outcome.infos

    def _missing_step_message(self, outcome: PlaygroundOutcome) -> Callable[[], str] | None:
        """Name the step that makes the variable a step's code missed, if one does."""
        step_index, name = self.running_step, outcome.missing_name
        if step_index is None or name is None:
            return None
        maker = step_creating(name, [step.code for step in TENSOR_STEPS], step_index)
        return None if maker is None else partial(self._run_step_first_text, name, maker)

    def _run_step_first_text(self, name: str, maker: int) -> str:
        return self.tr("{0} is made by step {1} ({2}): run that step first, then this one again.").format(
            name, maker + 1, _(TENSOR_STEPS[maker].title)
        )

    @Slot(object)
    def on_kernel_lost(self, problem: KernelProblem) -> None:
        """The kernel was lost while this tab was not running code: say so, forget the variables."""
        if problem.session == TENSORS or self.variables.rowCount() == 0:
            return  # this tab's own run reports it, or there was nothing to lose
        self._show_error(partial(other_tab_message, problem, AUTOGRAD_TAB), problem.detail)
        self._forget_variables()

    def _forget_variables(self) -> None:
        self.variables.setRowCount(0)
        self.infos = {}
        self.view.show_info(None)
        self.output.clear()

    @Slot(int, int)
    def _on_variable_clicked(self, row: int, column: int) -> None:
        item = self.variables.item(row, 0)
        if item is not None and item.text() in self.infos:
            self.view.show_info(self.infos[item.text()])

    @Slot()
    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.ran.toPlainText())

    def script_text(self) -> str:
        """Return everything run so far in this tab as one Python script."""
        return self.script.text(self.tr("What ran in the Tensors tab of PyTorch Basics, in order."))

    @Slot()
    def copy_script(self) -> None:
        """Put :meth:`script_text` on the clipboard."""
        QGuiApplication.clipboard().setText(self.script_text())

    def prepare_screenshot(self) -> None:
        """Run the first steps so that the screenshot shows a changed tensor."""
        for row in (1, 3, 5):
            self.steps.setCurrentRow(row)
            self.run_current_step()
