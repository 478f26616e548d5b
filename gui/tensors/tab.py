"""The Tensors tab: the lesson's tensor steps on the left, a free playground on the right.

The panes (gui/tensors/) build the widgets and set their texts; the tab keeps
the session's state and runs the code, and names the widgets it drives.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from core.base.i18n import _
from core.export.session_script import SessionScript
from core.kernel import KernelClient, RemotePlayground
from core.kernel.protocol import TENSORS
from core.lesson.steps import TENSOR_STEPS, step_creating
from core.process.problems import KernelProblem
from core.tensors.model_summary import ModelSummary, graph_code
from core.tensors.playground import PlaygroundOutcome
from gui.base.jobs import JobRunner
from gui.base.kernel_link import other_tab_message, problem_message
from gui.tensors.code_pane import CodePane
from gui.tensors.network_summary import NetworkSummaryDialog
from gui.tensors.steps_pane import StepsPane
from gui.tensors.variables_box import VariablesBox
from gui.widgets.panes import fill_with_panes


class TensorsTab(QWidget):
    """Guided steps and a playground sharing one session, in the kernel process.

    ``network_graph_requested`` carries the Autograd tab's program for a network's forward.
    """

    network_graph_requested = Signal(str)

    def __init__(self, kernel: KernelClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.playground = RemotePlayground(kernel)
        self.runner = JobRunner(self)
        self.running_code = ""
        self.script = SessionScript()  # every run so far, for "Copy as script"
        self.running_step: int | None = None  # the lesson step whose code is running, if any
        self.queued: list[tuple[str, str | None, int | None]] = []
        self.infos: dict = {}
        self.steps_pane = StepsPane()
        self.code_pane = CodePane()
        self.variables_box = VariablesBox()
        fill_with_panes(self, [self.steps_pane, self.code_pane, self.variables_box], [330, 700, 260])
        self.steps, self.step_run_button = self.steps_pane.steps, self.steps_pane.step_run_button
        self.code, self.ran, self.view = self.code_pane.code, self.code_pane.ran, self.code_pane.view
        self.error, self.output = self.code_pane.error, self.code_pane.output
        self.run_button, self.stop_button = self.code_pane.run_button, self.code_pane.stop_button
        self.reset_button = self.code_pane.reset_button
        self.variables = self.variables_box.variables
        self.step_run_button.clicked.connect(self.run_current_step)
        self.steps_pane.next_button.clicked.connect(self._on_run_and_next)
        self.code.submitted.connect(self.run_code)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset_session)
        self.code_pane.copy_script_button.clicked.connect(self.copy_script)
        self.variables.cellClicked.connect(self._on_variable_clicked)
        self.summary_dialog: NetworkSummaryDialog | None = None
        self.variables_box.summary_requested.connect(self.summarise_network)
        self.runner.busy_changed.connect(self.code_pane.set_busy)
        self.runner.idle.connect(self._run_queued)

    # ----- running ------------------------------------------------------------------------------
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
        return self.variables_box.names()

    def run_lesson_code(
        self, code: str, setup: tuple[str, ...] = (), focus: str | None = None, cell: int | None = None
    ) -> None:
        """Put a lesson cell's ``code`` in the code box and run it, after the ``setup`` it needs.

        The steps on the left follow: lesson ``cell``'s step is selected.
        """
        if cell is not None:
            self.steps_pane.show_cell(cell)
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
            self.error.show_error(partial(problem_message, outcome), outcome.detail)
            return
        self._forget_variables()
        self.ran.clear()
        self.error.show_error(None)
        self.code_pane.show_note(None)

    @Slot()
    def stop(self) -> None:
        """Stop the code that is running (the kernel is restarted) and drop the runs waiting."""
        self.queued.clear()
        self.runner.request_stop()

    @Slot()
    def _run_queued(self) -> None:
        if self.queued:
            code, focus, step_index = self.queued.pop(0)
            self.run_code(code, focus, step_index)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.error.show_error(message)

    @Slot(object)
    def _on_outcome(self, outcome: PlaygroundOutcome | KernelProblem) -> None:
        if isinstance(outcome, KernelProblem):
            self.script.left_out(self.running_code, problem_message(outcome))
            self.queued.clear()  # the runs waiting built on what was lost
            self.ran.setPlainText(self.running_code)
            self.error.show_error(partial(problem_message, outcome), outcome.detail)
            if outcome.reset:
                self._forget_variables()
            return
        if outcome.error:
            self.script.left_out(outcome.code, outcome.error)
        else:
            self.script.ran(outcome.code)
        self.ran.setPlainText(outcome.code)
        self.error.show_error(self._missing_step_message(outcome) or outcome.error, outcome.error_detail)
        self.code_pane.show_note(outcome.note)
        text = outcome.output + (outcome.value_text if outcome.value_text else "")
        self.output.setPlainText(text)
        if outcome.shown is not None:
            self.view.show_info(outcome.shown)
        elif outcome.error:
            self.view.mark_stale()
        self.variables_box.show_variables(outcome.variables)
        # The answer carries the views of what changed; the others' still hold, unless they are gone.
        names = {row.name for row in outcome.variables}
        kept = {n: i for n, i in self.infos.items() if n in names and n not in outcome.changed}
        self.infos = {**kept, **outcome.infos}

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
        self.error.show_error(partial(other_tab_message, problem), problem.detail)
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
        elif item is not None and self.variables.item(row, 3).text() and item.text().isidentifier():
            self.run_code(item.text(), focus=item.text())  # a tensor the last answer had no room for

    @Slot(str)
    def summarise_network(self, name: str) -> None:
        """Ask the kernel for the network ``name`` layer by layer, and show it."""
        if not self.runner.busy:
            self.runner.run_task(partial(self.playground.describe, name), self._on_described, self._on_failed)

    @Slot(object)
    def _on_described(self, summary: ModelSummary | KernelProblem) -> None:
        if isinstance(summary, KernelProblem):
            self.error.show_error(partial(problem_message, summary), summary.detail)
            return
        if self.summary_dialog is None:
            self.summary_dialog = NetworkSummaryDialog(self)
            self.summary_dialog.graph_requested.connect(self._on_graph_requested)
        self.summary_dialog.show_summary(summary)
        self.summary_dialog.show()
        self.summary_dialog.raise_()

    @Slot(object)
    def _on_graph_requested(self, summary: ModelSummary) -> None:
        self.network_graph_requested.emit(graph_code(summary))

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
