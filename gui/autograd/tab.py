"""The Autograd tab: see the graph, its values and gradients, and step through backward.

The panes (gui/autograd/panes.py) build the widgets and set their own texts; the
tab keeps the graph, the steps shown and the message, runs the code, and names
the widgets it drives. What it writes is in messages.py, what the steps mark on
the graph in backward_steps.py, and what ran, for "Copy as script", in session_record.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import torch
from PySide6.QtCore import QSettings, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from core.autograd.graph import BackwardStep, GraphSpec
from core.autograd.lab import BackwardOutcome, LabOutcome
from core.kernel import KernelClient, RemoteAutogradLab
from core.kernel.protocol import AUTOGRAD
from core.lesson.steps import AUTOGRAD_PRESETS
from core.process.problems import KernelProblem
from core.tensors.info import describe
from gui.autograd.backward_steps import gradient_for, gradient_labels, step_states
from gui.autograd.messages import (
    details_html,
    grads_message,
    graph_message,
    leaf_message,
    node_title,
    step_message,
    zeroed_message,
)
from gui.autograd.panes import CodePane, DetailsBox, GraphPane
from gui.autograd.session_record import SessionRecord
from gui.base.jobs import JobRunner
from gui.base.kernel_link import other_tab_message, problem_message
from gui.base.language import Retranslatable
from gui.base.stored_values import stored_value
from gui.base.theme import error_colour, note_colour
from gui.widgets.panes import fill_with_panes

SPLIT_KEY = "autograd/split"  # the line between the graph and the chain rule, as QSplitter.saveState


class AutogradTab(Retranslatable, QWidget):
    """Code on the left, the graph in the middle, details of the clicked node on the right."""

    def __init__(
        self, kernel: KernelClient, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings  # where the line between the graph and the steps is kept, if anywhere
        self.lab = RemoteAutogradLab(kernel)
        self.runner = JobRunner(self)
        self.graph: GraphSpec | None = None
        self.steps: tuple[BackwardStep, ...] = ()
        self.shown_steps = 0
        self.pending_report: BackwardOutcome | None = None  # leaf gradients, told when stepping ends
        self.selected: str | None = None
        self.record = SessionRecord()  # every run and backward pass so far, for "Copy as script"
        self.requested_code = ""
        self.said: tuple[Callable[[], str] | str, str] = ("", "info")  # the message shown, and its kind
        self.then_backward = False  # run backward once the code has run (a lesson cell asked so)
        self.then_select: str | None = None  # and show this leaf afterwards
        self.then_print: str | None = None  # and print this leaf's gradient, as the cell does
        self._build()
        self.runner.busy_changed.connect(self._on_busy_changed)
        self.runner.idle.connect(self._on_idle)
        self.code.setPlainText(next(iter(AUTOGRAD_PRESETS.values())))
        self.retranslate()

    def _build(self) -> None:
        self.code_pane, self.graph_pane, self.details_box = CodePane(), GraphPane(), DetailsBox()
        fill_with_panes(self, [self.code_pane, self.graph_pane, self.details_box], [320, 620, 340])
        code, graph, details = self.code_pane, self.graph_pane, self.details_box
        self.presets, self.code, self.output = code.presets, code.code, code.output
        self.message, self.note = code.message, code.note
        self.run_button, self.stop_button = code.run_button, code.stop_button
        self.reset_button, self.backward_button = code.reset_button, code.backward_button
        self.step_button, self.zero_button = code.step_button, code.zero_button
        self.copy_script_button, self.fit_button = code.copy_script_button, graph.fit_button
        self.graph_view, self.chain_view = graph.graph_view, graph.chain_view
        self.details, self.value_view, self.grad_view = details.details, details.value_view, details.grad_view
        self.presets.activated.connect(self._on_preset_chosen)
        self.code.submitted.connect(self.run_code)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.stop_button.clicked.connect(self.stop)
        self.backward_button.clicked.connect(self.backward_all)
        self.step_button.clicked.connect(self.step)
        self.reset_button.clicked.connect(self._on_run_clicked)
        self.zero_button.clicked.connect(self.zero_grad)
        self.copy_script_button.clicked.connect(self.copy_script)
        self.graph_view.node_clicked.connect(self._on_node_clicked)
        if self.settings is not None:
            graph.restore_split(stored_value(self.settings, SPLIT_KEY))
            graph.split_moved.connect(self._remember_split)
        self._update_buttons()

    @Slot()
    def _remember_split(self) -> None:
        """Keep where the learner put the line between the graph and the steps."""
        if self.settings is not None:
            self.settings.setValue(SPLIT_KEY, self.graph_pane.split_state())

    def retranslate(self) -> None:
        """Re-set the texts made from the tab's state: the node's details, the message (panes set theirs)."""
        if self.selected is None:
            self.details.setText(self.tr("Click a node to see its details."))
        else:
            self._on_node_clicked(self.selected)
        self._say(*self.said)

    # ----- messages and buttons ---------------------------------------------------------------
    def _say(self, text: Callable[[], str] | str, kind: str = "info") -> None:
        """Show a message; a callable is asked again when the language changes."""
        self.said = (text, kind)
        colour = {"error": error_colour(), "note": note_colour()}.get(kind)
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        shown = text() if callable(text) else text
        self.message.setText(("⚠ " if kind == "error" and shown else "") + shown)

    def _update_buttons(self) -> None:
        can_backward = self.graph is not None and len(self.graph.nodes) > 1  # a lone leaf: nothing to go back
        self.code_pane.enable_buttons(self.runner.busy, self.graph is not None, can_backward)

    def _start(self, task: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self.runner.run_task(task, on_success, self._on_failed, cancellable=True)

    @Slot()
    def stop(self) -> None:
        """Stop the code that is running (the kernel is restarted)."""
        self.runner.request_stop()

    @Slot(bool)
    def _on_busy_changed(self, _: bool) -> None:
        self._update_buttons()

    def _handled_problem(self, outcome: object) -> bool:
        """Show a kernel problem instead of an outcome; True if ``outcome`` was one."""
        if not isinstance(outcome, KernelProblem):
            return False
        self.then_backward, self.then_select, self.then_print = False, None, None
        if outcome.reset:
            self._forget_graph()
        self._say(partial(problem_message, outcome), "error")
        return True

    @Slot(object)
    def on_kernel_lost(self, problem: KernelProblem) -> None:
        """The kernel was lost while this tab was not running code: say so, forget the graph."""
        if problem.session == AUTOGRAD or self.graph is None:
            return  # this tab's own request reports it, or there was nothing to lose
        self._forget_graph()
        self._say(partial(other_tab_message, problem), "error")

    def _forget_graph(self) -> None:
        self.graph = None
        self.steps, self.shown_steps, self.pending_report = (), 0, None
        self.graph_view.show_graph(None)
        self.chain_view.show_steps(None, (), 0)
        self.output.clear()
        self.code_pane.show_note(None)
        self.value_view.show_info(None)
        self.grad_view.show_info(None)
        self._update_buttons()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._say(message, "error")

    # ----- running code -----------------------------------------------------------------------
    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        if index < len(AUTOGRAD_PRESETS):  # the last entry names the learner's own code: nothing to load
            self.code.setPlainText(list(AUTOGRAD_PRESETS.values())[index])
            self.run_code(self.code.toPlainText())

    @Slot()
    def _on_run_clicked(self) -> None:
        self.run_code(self.code.toPlainText())

    def run_code(self, code: str) -> None:
        """Run ``code`` from scratch and draw its output's graph."""
        self.requested_code = code
        self.then_backward, self.then_select, self.then_print = False, None, None
        self._start(partial(self.lab.run, code), self._on_ran)

    def run_lesson_code(
        self, code: str, backward: bool = False, select: str | None = None, prints_grad: str | None = None
    ) -> None:
        """Put a lesson cell's program in the editor and run it; then backward, show ``select``, and
        print the gradient of ``prints_grad`` in the output (the cell's ``print(x.grad)``)."""
        if self.runner.busy:
            return
        self.code.setPlainText(code)
        self.code.remember(code)
        self.run_code(code)
        self.then_backward, self.then_select, self.then_print = backward, select, prints_grad

    @Slot(object)
    def _on_ran(self, outcome: LabOutcome | KernelProblem) -> None:
        self.record.add_run(self.requested_code, outcome)
        if self._handled_problem(outcome):
            return
        self.graph = outcome.graph
        self.steps, self.shown_steps = (), 0
        self.graph_view.show_graph(outcome.graph)
        self.chain_view.show_steps(None, (), 0)
        self.value_view.show_info(None)
        self.grad_view.show_info(None)
        self.output.setPlainText(outcome.output)
        self.code_pane.show_note(outcome.note)
        if outcome.error:
            self._say(outcome.error, "error")
        elif len(outcome.graph.nodes) == 1:
            self._say(partial(leaf_message, outcome.output_name))
            self._on_node_clicked(outcome.graph.root)
        else:
            self._say(partial(graph_message, outcome.output_name, outcome.graph))
            self._on_node_clicked(outcome.graph.root)
        self._update_buttons()
        if outcome.error or outcome.graph is None:
            self.then_backward = False  # nothing to go back through: the message says why

    @Slot()
    def _on_idle(self) -> None:
        if self.then_backward and self.graph is not None:
            self.then_backward = False
            self.backward_all()

    # ----- backward ---------------------------------------------------------------------------
    @Slot()
    def backward_all(self) -> None:
        """Run backward and show every step at once."""
        self._start(self.lab.backward, self._on_backward_all)

    @Slot(object)
    def _on_backward_all(self, outcome: BackwardOutcome | KernelProblem) -> None:
        if self._handled_problem(outcome):
            return
        self.record.add_backward(outcome)
        if self._show_backward_error(outcome):
            return
        self.steps, self.shown_steps = outcome.steps, len(outcome.steps)
        self._show_steps()
        self._report_grads(outcome)
        if self.then_select is not None:
            self.select_node_named(self.then_select)
            self.then_select = None
        if self.then_print is not None:
            self._print_grad(outcome, self.then_print)
            self.then_print = None

    def _print_grad(self, outcome: BackwardOutcome, name: str) -> None:
        """Write what ``print(name.grad)`` prints under the run's output, as the lesson's cell does."""
        grad = outcome.leaf_grads.get(name)
        try:
            shown = "None" if grad is None else repr(torch.from_numpy(np.array(grad)))
        except TypeError:  # not an array of numbers: the kernel's answer is not trusted
            return
        self.output.appendPlainText(f">>> print({name}.grad)\n{shown}")

    @Slot()
    def step(self) -> None:
        """Show the next backward step (running backward on the first press)."""
        if self.steps and self.shown_steps < len(self.steps):
            self.shown_steps += 1
            self._show_steps()
            return
        self._start(self.lab.backward, self._on_backward_for_steps)

    @Slot(object)
    def _on_backward_for_steps(self, outcome: BackwardOutcome | KernelProblem) -> None:
        if self._handled_problem(outcome):
            return
        self.record.add_backward(outcome)
        if self._show_backward_error(outcome):
            return
        self.steps, self.shown_steps = outcome.steps, 1
        self.pending_report = outcome
        self._show_steps()

    def _show_backward_error(self, outcome: BackwardOutcome) -> bool:
        if outcome.error:
            self._say(outcome.error, "error")
            return True
        return False

    def _show_steps(self) -> None:
        shown = self.steps[: self.shown_steps]
        self.graph_view.set_states(*step_states(self.graph, shown))
        self.graph_view.set_edge_labels(gradient_labels(self.graph, shown))
        self.chain_view.show_steps(self.graph, self.steps, self.shown_steps)
        if shown:
            step = shown[-1]
            self._on_node_clicked(step.node_id)
            total = len(self.steps)
            step_text = partial(step_message, len(shown), total, step.label)
            report = self.pending_report if len(shown) == total else None
            if report is not None:
                self.pending_report = None
                self._report_grads(report, prefix=step_text)
            else:
                self._say(step_text)

    def _report_grads(self, outcome: BackwardOutcome, prefix: Callable[[], str] | None = None) -> None:
        self._say(partial(grads_message, outcome, prefix), "note" if outcome.accumulated else "info")

    @Slot()
    def zero_grad(self) -> None:
        """Zero the leaves' gradients."""
        self._start(self.lab.zero_grad, self._on_zeroed)

    @Slot(object)
    def _on_zeroed(self, names: list[str] | KernelProblem) -> None:
        if self._handled_problem(names):
            return
        self.record.add_zeroing(names)
        self._say(partial(zeroed_message, tuple(names)))

    def select_node_named(self, name: str) -> None:
        """Show the details of the tensor called ``name`` (a leaf such as x), if the graph has one."""
        if self.graph is not None:
            for node in self.graph.nodes:
                if node.kind == "tensor" and node.name == name:
                    self._on_node_clicked(node.id)
                    return

    # ----- details ----------------------------------------------------------------------------
    @Slot(str)
    def _on_node_clicked(self, node_id: str) -> None:
        if self.graph is None:
            return
        try:
            node = self.graph.node(node_id)
        except StopIteration:
            return
        self.selected = node_id
        self.details.setText(details_html(node))
        self.value_view.show_info(
            describe(node.value, node.name or node_title(node)) if node.value is not None else None
        )
        grad = gradient_for(self.graph, self.steps[: self.shown_steps], node_id)
        self.grad_view.show_info(describe(grad, self.tr("gradient")) if grad is not None else None)

    def script_text(self) -> str:
        """Return everything run so far in this tab as one Python script."""
        return self.record.text(self.tr("What ran in the Autograd tab of PyTorch Basics, in order."))

    @Slot()
    def copy_script(self) -> None:
        """Put :meth:`script_text` on the clipboard."""
        QGuiApplication.clipboard().setText(self.script_text())

    def prepare_screenshot(self) -> None:
        """Run the lesson's example (the screenshot then steps part-way through backward)."""
        self.run_code(self.code.toPlainText())
