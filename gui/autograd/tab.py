"""The Autograd tab: see the graph, its values and gradients, and step through backward."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.autograd.chain_rule import compact
from core.autograd.graph import BackwardStep, GraphNode, GraphSpec
from core.autograd.lab import BackwardOutcome, LabOutcome
from core.base.i18n import _
from core.export.session_script import SessionScript, name_last_expression
from core.kernel import KernelClient, RemoteAutogradLab
from core.kernel.protocol import AUTOGRAD
from core.lesson.steps import AUTOGRAD_PRESETS
from core.process.problems import KernelProblem
from core.tensors.info import describe
from gui.autograd.chain_rule_view import ChainRuleView
from gui.autograd.graph_view import GraphView
from gui.base.jobs import JobRunner
from gui.base.kernel_link import TENSORS_TAB, other_tab_message, problem_message
from gui.base.language import Retranslatable
from gui.base.theme import error_colour, note_colour
from gui.widgets.code_editor import AFTER_RUN_NEW_LINE, CodeEditor
from gui.widgets.panes import fill_with_panes
from gui.widgets.tensor_view import TensorView

GRAD_VALUES_SHOWN = 4  # a leaf's gradient in the message: its first few values


class AutogradTab(Retranslatable, QWidget):
    """Code on the left, the graph in the middle, details of the clicked node on the right."""

    def __init__(self, kernel: KernelClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lab = RemoteAutogradLab(kernel)
        self.runner = JobRunner(self)
        self.graph: GraphSpec | None = None
        self.steps: tuple[BackwardStep, ...] = ()
        self.shown_steps = 0
        self.pending_report: BackwardOutcome | None = None  # leaf gradients, told when stepping ends
        self.selected: str | None = None
        self.script = SessionScript()  # every run and backward pass so far, for "Copy as script"
        self.requested_code = ""
        self.output_name: str | None = None  # the tensor whose graph is drawn
        self.backward_ran = False  # since the last run: zeroing a gradient needs one to exist
        self.said: tuple[Callable[[], str] | str, str] = ("", "info")  # the message shown, and its kind
        self.then_backward = False  # run backward once the code has run (a lesson cell asked so)
        self.then_select: str | None = None  # and show this leaf afterwards
        self._build()
        self.runner.busy_changed.connect(self._on_busy_changed)
        self.runner.idle.connect(self._on_idle)
        self.code.setPlainText(next(iter(AUTOGRAD_PRESETS.values())))
        self.retranslate()

    def _button(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        return button

    def _build(self) -> None:
        fill_with_panes(
            self,
            [self._build_code_pane(), self._build_graph_pane(), self._build_details_box()],
            [320, 620, 340],
        )
        self.presets.activated.connect(self._on_preset_chosen)
        self.code.submitted.connect(self.run_code)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.stop_button.clicked.connect(self.stop)
        self.backward_button.clicked.connect(self.backward_all)
        self.step_button.clicked.connect(self.step)
        self.reset_button.clicked.connect(self._on_run_clicked)
        self.zero_button.clicked.connect(self.zero_grad)
        self.fit_button.clicked.connect(self.graph_view.fit)
        self.graph_view.node_clicked.connect(self._on_node_clicked)
        self._update_buttons()

    def _build_code_pane(self) -> QWidget:
        self.presets = QComboBox()
        self.presets.setObjectName("autogradPresets")
        for title in AUTOGRAD_PRESETS:
            self.presets.addItem(title, title)
        self.code = CodeEditor(after_run=AFTER_RUN_NEW_LINE)
        self.code.setObjectName("autogradCode")
        self.run_button = self._button("autogradRunButton")
        self.backward_button = self._button("autogradBackwardButton")
        self.step_button = self._button("autogradStepButton")
        self.reset_button = self._button("autogradResetButton")
        self.zero_button = self._button("autogradZeroButton")
        self.stop_button = self._button("autogradStopButton")
        self.copy_script_button = self._button("autogradCopyScriptButton")
        self.copy_script_button.clicked.connect(self.copy_script)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("autogradMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setObjectName("autogradNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setVisible(False)
        self.output = QPlainTextEdit()
        self.output.setObjectName("autogradOutput")
        self.output.setReadOnly(True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.output_label = QLabel()
        self.example_label = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.example_label)
        left_layout.addWidget(self.presets)
        left_layout.addWidget(self.code, 1)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button, 1)
        run_row.addWidget(self.stop_button)
        run_row.addWidget(self.copy_script_button)
        left_layout.addLayout(run_row)
        for row in ((self.backward_button, self.step_button), (self.reset_button, self.zero_button)):
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            left_layout.addLayout(line)
        left_layout.addWidget(self.message)
        left_layout.addWidget(self.note)
        left_layout.addWidget(self.output_label)
        left_layout.addWidget(self.output, 1)
        return left

    def _build_graph_pane(self) -> QWidget:
        self.fit_button = self._button("autogradFitButton")
        self.graph_view = GraphView()
        self.graph_view.setObjectName("autogradGraph")
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        self.legend = QLabel()
        self.legend.setObjectName("autogradLegend")
        self.legend.setWordWrap(True)
        self.chain_view = ChainRuleView()
        self.chain_view.setObjectName("autogradChainRule")
        self.chain_label = QLabel()
        chain = QWidget()
        chain_layout = QVBoxLayout(chain)
        chain_layout.setContentsMargins(0, 0, 0, 0)
        chain_layout.addWidget(self.chain_label)
        chain_layout.addWidget(self.chain_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.graph_view)
        split.addWidget(chain)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        middle_layout.addWidget(self.legend)
        middle_layout.addWidget(split, 1)
        middle_layout.addWidget(self.fit_button, 0, Qt.AlignmentFlag.AlignRight)
        return middle

    def _build_details_box(self) -> QGroupBox:
        self.details = QLabel()
        self.details.setObjectName("autogradDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_view = TensorView(compact=True)
        self.value_view.setObjectName("autogradValueView")
        self.grad_view = TensorView(compact=True)
        self.grad_view.setObjectName("autogradGradView")
        self.value_label, self.grad_label = QLabel(), QLabel()
        self.details_box = QGroupBox()
        details_layout = QVBoxLayout(self.details_box)
        details_layout.addWidget(self.details)
        details_layout.addWidget(self.value_label)
        details_layout.addWidget(self.value_view, 1)
        details_layout.addWidget(self.grad_label)
        details_layout.addWidget(self.grad_view, 1)
        return self.details_box

    def retranslate(self) -> None:
        """Set every text in the current language; the graph, its steps and the message stay."""
        self.presets.setToolTip(self.tr("Examples from the lesson"))
        for index in range(self.presets.count()):
            self.presets.setItemText(index, _(self.presets.itemData(index)))
        self.code.setAccessibleName(self.tr("Autograd code"))
        self.code.setToolTip(
            self.tr(
                "Code that builds a graph, as in a notebook cell: Enter runs it when it is complete and "
                "adds a line when it is not; Shift+Enter or Ctrl+Enter always runs."
            )
        )
        for button, text, tip in (
            (self.run_button, self.tr("&Run"), self.tr("Run the code and draw its graph (Shift+Enter)")),
            (self.backward_button, self.tr("&Backward"), self.tr("Run out.backward() all at once")),
            (
                self.step_button,
                self.tr("&Step"),
                self.tr("Walk backward one node at a time, in the engine's order"),
            ),
            (
                self.reset_button,
                self.tr("Rese&t"),
                self.tr("Run the code again: a fresh graph, no gradients"),
            ),
            (
                self.zero_button,
                self.tr("&Zero grad"),
                self.tr("Set the leaves' gradients to zero, as optimizer.zero_grad() does"),
            ),
            (
                self.stop_button,
                self.tr("Sto&p"),
                self.tr("Stop the code that is running (its variables are lost)"),
            ),
            (self.fit_button, self.tr("Fit"), self.tr("Fit the whole graph in view")),
            (
                self.copy_script_button,
                self.tr("Copy as script"),
                self.tr(
                    "Copy everything run so far as one Python script "
                    "(what failed is left out, with a comment)"
                ),
            ),
        ):
            button.setText(text)
            button.setAccessibleName(text.replace("&", ""))
            button.setToolTip(tip)
        self.example_label.setText(self.tr("Example:"))
        self.output_label.setText(self.tr("Output (what print shows)"))
        self.output.setAccessibleName(self.tr("Output"))
        self.chain_label.setText(self.tr("Backward, step by step (the chain rule)"))
        self.graph_view.setAccessibleName(self.tr("Autograd graph"))
        self.graph_view.setToolTip(
            self.tr(
                "Forward runs top to bottom; backward walks bottom to top. "
                "Wheel zooms, drag pans, click a node for details, double-click collapses."
            )
        )
        self.legend.setText(
            self.tr(
                "Blue: tensors   Orange: backward functions (grad_fn)   Green: AccumulateGrad "
                "(writes .grad of a leaf)   Red: where backward is now"
            )
        )
        self.details.setAccessibleName(self.tr("Node details"))
        self.details_box.setTitle(self.tr("Details"))
        self.value_label.setText(self.tr("Forward value:"))
        self.grad_label.setText(self.tr("Gradient:"))
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
        busy = self.runner.busy
        has_graph = self.graph is not None
        can_backward = has_graph and len(self.graph.nodes) > 1  # a lone leaf has nothing to go back through
        self.run_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.reset_button.setEnabled(not busy and has_graph)
        self.backward_button.setEnabled(not busy and can_backward)
        self.step_button.setEnabled(not busy and can_backward)
        self.zero_button.setEnabled(not busy and can_backward)

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
        self.then_backward, self.then_select = False, None
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
        self._say(partial(other_tab_message, problem, TENSORS_TAB), "error")

    def _forget_graph(self) -> None:
        self.graph = None
        self.steps, self.shown_steps, self.pending_report = (), 0, None
        self.graph_view.show_graph(None)
        self.chain_view.show_steps(None, (), 0)
        self.output.clear()
        self._show_note(None)
        self.value_view.show_info(None)
        self.grad_view.show_info(None)
        self._update_buttons()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._say(message, "error")

    # ----- running code -----------------------------------------------------------------------
    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        self.code.setPlainText(list(AUTOGRAD_PRESETS.values())[index])
        self.run_code(self.code.toPlainText())

    @Slot()
    def _on_run_clicked(self) -> None:
        self.run_code(self.code.toPlainText())

    def run_code(self, code: str) -> None:
        """Run ``code`` from scratch and draw its output's graph."""
        self.requested_code = code
        self.then_backward, self.then_select = False, None
        self._start(partial(self.lab.run, code), self._on_ran)

    def run_lesson_code(self, code: str, backward: bool = False, select: str | None = None) -> None:
        """Put a lesson cell's program in the editor and run it; then backward, and show ``select``."""
        if self.runner.busy:
            return
        self.code.setPlainText(code)
        self.code.remember(code)
        self.run_code(code)
        self.then_backward, self.then_select = backward, select

    @Slot(object)
    def _on_ran(self, outcome: LabOutcome | KernelProblem) -> None:
        self._record_run(outcome)
        if self._handled_problem(outcome):
            return
        self.graph = outcome.graph
        self.steps, self.shown_steps = (), 0
        self.graph_view.show_graph(outcome.graph)
        self.chain_view.show_steps(None, (), 0)
        self.value_view.show_info(None)
        self.grad_view.show_info(None)
        self.output.setPlainText(outcome.output)
        self._show_note(outcome.note)
        if outcome.error:
            self._say(outcome.error, "error")
        elif len(outcome.graph.nodes) == 1:
            self._say(partial(self._leaf_message, outcome.output_name))
            self._on_node_clicked(outcome.graph.root)
        else:
            self._say(partial(self._graph_message, outcome.output_name, len(outcome.graph.nodes)))
            self._on_node_clicked(outcome.graph.root)
        self._update_buttons()
        if outcome.error or outcome.graph is None:
            self.then_backward = False  # nothing to go back through: the message says why

    @Slot()
    def _on_idle(self) -> None:
        if self.then_backward and self.graph is not None:
            self.then_backward = False
            self.backward_all()

    def _show_note(self, note: str | None) -> None:
        self.note.setVisible(bool(note))
        if note:
            self.note.setStyleSheet(f"color: {note_colour()};")
            self.note.setText(note)

    def _record_run(self, outcome: LabOutcome | KernelProblem) -> None:
        self.backward_ran = False
        self.output_name = None
        if isinstance(outcome, KernelProblem):
            self.script.left_out(self.requested_code, problem_message(outcome))
        elif outcome.error:
            self.script.left_out(outcome.code, outcome.error)
        else:
            self.output_name = outcome.output_name
            code = outcome.code
            if outcome.output_name == "result":  # an unnamed expression: the script names it
                code = name_last_expression(code, "result")
            self.script.ran(code)

    def _record_backward(self, outcome: BackwardOutcome) -> None:
        if self.output_name is None:  # no graph: nothing ran backward
            return
        call = f"{self.output_name}.backward(retain_graph=True)  # kept, so that backward can run again"
        if outcome.error:
            self.script.left_out(call, outcome.error)
            return
        self.backward_ran = True
        self.script.ran("\n".join([call, *(f"print({name}.grad)" for name in outcome.leaf_grads)]))

    def _graph_message(self, name: str, count: int) -> str:
        return self.tr(
            "The graph of {0}: {1} nodes. Press Backward, or Step to walk it node by node."
        ).format(name, count)

    def _leaf_message(self, name: str) -> str:
        return self.tr(
            "{0} is a leaf: it requires grad but was computed from nothing, so its grad_fn is None and "
            "the graph is this one tensor. Compute from it (y = {0} + 2) to grow a graph."
        ).format(name)

    # ----- backward ---------------------------------------------------------------------------
    @Slot()
    def backward_all(self) -> None:
        """Run backward and show every step at once."""
        self._start(self.lab.backward, self._on_backward_all)

    @Slot(object)
    def _on_backward_all(self, outcome: BackwardOutcome | KernelProblem) -> None:
        if self._handled_problem(outcome):
            return
        self._record_backward(outcome)
        if self._show_backward_error(outcome):
            return
        self.steps, self.shown_steps = outcome.steps, len(outcome.steps)
        self._show_steps()
        self._report_grads(outcome)
        if self.then_select is not None:
            self.select_node_named(self.then_select)
            self.then_select = None

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
        self._record_backward(outcome)
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
        states: dict[str, str] = {"output": "done"} if shown else {}
        done_edges: set[tuple[str, str]] = {("output", shown[0].node_id)} if shown else set()
        active_edges: set[tuple[str, str]] = set()
        for i, step in enumerate(shown):
            last = i == len(shown) - 1
            states[step.node_id] = "active" if last else "done"
            edges = {(step.node_id, target) for target in step.targets}
            if step.label == "AccumulateGrad":
                edges = {(e.source, e.target) for e in self.graph.edges if e.source == step.node_id}
                for _, leaf in edges:
                    states[leaf] = "active" if last else "done"
            (active_edges if last else done_edges).update(edges)
        self.graph_view.set_states(states, active_edges, done_edges)
        self.graph_view.set_edge_labels(_gradient_labels(self.graph, shown))
        self.chain_view.show_steps(self.graph, self.steps, self.shown_steps)
        if shown:
            step = shown[-1]
            self._on_node_clicked(step.node_id)
            total = len(self.steps)
            step_text = partial(self._step_message, len(shown), total, step.label)
            report = self.pending_report if len(shown) == total else None
            if report is not None:
                self.pending_report = None
                self._report_grads(report, prefix=step_text)
            else:
                self._say(step_text)

    def _step_message(self, number: int, total: int, label: str) -> str:
        if label == "AccumulateGrad":
            text = self.tr(
                "Step {0} of {1}: AccumulateGrad added the gradient into the leaf's .grad."
            ).format(number, total)
        else:
            text = self.tr("Step {0} of {1}: {2} received the gradient and passed it on.").format(
                number, total, label
            )
        if number == total:
            text += " " + self.tr("Backward is complete.")
        return text

    def _report_grads(self, outcome: BackwardOutcome, prefix: Callable[[], str] | None = None) -> None:
        self._say(partial(self._grads_message, outcome, prefix), "note" if outcome.accumulated else "info")

    def _grads_message(self, outcome: BackwardOutcome, prefix: Callable[[], str] | None) -> str:
        grads = "; ".join(f"{name}.grad = {_short(values)}" for name, values in outcome.leaf_grads.items())
        text = (prefix() + " " if prefix else "") + (grads or self.tr("Backward ran."))
        if outcome.accumulated:
            text += " " + self.tr(
                "The gradient was added to the one already there (gradients accumulate), "
                "so it doubled. Press Zero grad to start from zero, as optimizer.zero_grad() does."
            )
        return text

    @Slot()
    def zero_grad(self) -> None:
        """Zero the leaves' gradients."""
        self._start(self.lab.zero_grad, self._on_zeroed)

    @Slot(object)
    def _on_zeroed(self, names: list[str] | KernelProblem) -> None:
        if self._handled_problem(names):
            return
        if self.backward_ran:
            self.script.ran("\n".join(f"{name}.grad.zero_()" for name in names))
        self._say(partial(self._zeroed_message, tuple(names)))

    def _zeroed_message(self, names: tuple[str, ...]) -> str:
        return self.tr("Set to zero: {0}.").format(
            ", ".join(f"{n}.grad" for n in names) or self.tr("nothing")
        )

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
        self.details.setText(self._details_html(node))
        self.value_view.show_info(
            describe(node.value, node.name or node.label) if node.value is not None else None
        )
        grad = self._gradient_for(node_id)
        self.grad_view.show_info(describe(grad, self.tr("gradient")) if grad is not None else None)

    def _gradient_for(self, node_id: str):
        for step in self.steps[: self.shown_steps]:
            if step.node_id == node_id and step.grad_in and step.grad_in[0] is not None:
                return step.grad_in[0]
            if step.label == "AccumulateGrad" and any(
                e.source == step.node_id and e.target == node_id for e in self.graph.edges
            ):
                return step.grad_out[0] if step.grad_out else None
        return None

    def _details_html(self, node: GraphNode) -> str:
        kinds = {
            "tensor": self.tr("tensor"),
            "function": self.tr("backward function (grad_fn)"),
            "accumulate": self.tr("AccumulateGrad: adds the gradient into a leaf's .grad"),
        }
        rows = [
            f"<b>{node.name + ' &nbsp;' if node.name else ''}{node.label}</b>",
            kinds.get(node.kind, node.kind),
        ]
        shape = "?" if node.shape is None else str(tuple(node.shape))
        rows.append(self.tr("output shape: {0}").format(shape))
        if node.dtype:
            rows.append(self.tr("dtype: {0}, device: {1}").format(node.dtype, node.device))
        if node.kind == "tensor":
            rows.append(self.tr("requires_grad: {0}, is_leaf: {1}").format(node.requires_grad, node.is_leaf))
        if node.saved:
            saved = "; ".join(_saved_text(s) for s in node.saved)
            rows.append(self.tr("saved for backward: {0}").format(saved))
        return "<br>".join(rows)

    def script_text(self) -> str:
        """Return everything run so far in this tab as one Python script."""
        return self.script.text(self.tr("What ran in the Autograd tab of PyTorch Basics, in order."))

    @Slot()
    def copy_script(self) -> None:
        """Put :meth:`script_text` on the clipboard."""
        QGuiApplication.clipboard().setText(self.script_text())

    def prepare_screenshot(self) -> None:
        """Run the lesson's example (the screenshot then steps part-way through backward)."""
        self.run_code(self.code.toPlainText())


def _gradient_labels(graph: GraphSpec, steps: tuple[BackwardStep, ...]) -> dict[tuple[str, str, int], str]:
    """Label each edge the shown steps sent a gradient along with that gradient, in short."""
    labels = {}
    if steps and steps[0].grad_in and steps[0].grad_in[0] is not None:
        labels[("output", steps[0].node_id, 0)] = compact(steps[0].grad_in[0])
    for step in steps:
        if step.label == "AccumulateGrad" and step.grad_out:  # the leaf's .grad, beside the leaf
            for edge in graph.edges:
                if edge.source == step.node_id:
                    labels[(edge.source, edge.target, 0)] = compact(step.grad_out[0])
        seen: Counter[str] = Counter()
        for edge in step.edges:
            labels[(step.node_id, edge.target, seen[edge.target])] = compact(edge.grad)
            seen[edge.target] += 1
    return labels


def _saved_text(saved) -> str:
    """Write a saved tensor as name = values (and its shape), a saved setting as it is."""
    if saved.shape is None:
        return saved.name
    shape = f" {tuple(saved.shape)}" if saved.shape else ""
    if saved.value is None:
        return f"{saved.name}{shape}"
    return f"{saved.name} = {compact(saved.value)}{shape}"


def _short(values) -> str:
    flat = values.ravel()
    shown = ", ".join(f"{v:g}" for v in flat[:GRAD_VALUES_SHOWN])
    return f"[{shown}{', ...' if flat.size > GRAD_VALUES_SHOWN else ''}]"
