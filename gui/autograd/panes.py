"""The Autograd tab's panes: the code and its buttons, the graph and the chain rule, a node's details."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
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

from core.base.i18n import _
from core.lesson.steps import AUTOGRAD_PRESETS
from gui.autograd.chain_rule_view import ChainRuleView
from gui.autograd.graph_view import GraphView
from gui.base.language import Retranslatable
from gui.base.theme import note_colour
from gui.widgets.code_editor import AFTER_RUN_NEW_LINE, CodeEditor
from gui.widgets.tensor_view import TensorView

GRAPH_SHARE = 0.72  # of the height the graph and the steps share, until the learner moves the line


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    return button


def _set_button_texts(button: QPushButton, text: str, tip: str) -> None:
    button.setText(text)
    button.setAccessibleName(text.replace("&", ""))
    button.setToolTip(tip)


def _selectable_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CodePane(Retranslatable, QWidget):
    """The examples, the code editor, the buttons that run it and go backward, the message, the output."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presets = QComboBox()
        self.presets.setObjectName("autogradPresets")
        for title in AUTOGRAD_PRESETS:
            self.presets.addItem(title, title)
        self.presets.addItem("", None)  # the code in the editor is none of the examples
        self.code = CodeEditor(after_run=AFTER_RUN_NEW_LINE)
        self.code.setObjectName("autogradCode")
        self.code.textChanged.connect(self.name_example)
        self.run_button = _button("autogradRunButton")
        self.backward_button = _button("autogradBackwardButton")
        self.step_button = _button("autogradStepButton")
        self.reset_button = _button("autogradResetButton")
        self.zero_button = _button("autogradZeroButton")
        self.stop_button = _button("autogradStopButton")
        self.copy_script_button = _button("autogradCopyScriptButton")
        self.message = _selectable_label("autogradMessage")
        self.note = _selectable_label("autogradNote")
        self.note.setVisible(False)
        self.output = QPlainTextEdit()
        self.output.setObjectName("autogradOutput")
        self.output.setReadOnly(True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.output_label = QLabel()
        self.example_label = QLabel()
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.example_label)
        layout.addWidget(self.presets)
        layout.addWidget(self.code, 1)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button, 1)
        run_row.addWidget(self.stop_button)
        run_row.addWidget(self.copy_script_button)
        layout.addLayout(run_row)
        for row in ((self.backward_button, self.step_button), (self.reset_button, self.zero_button)):
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            layout.addLayout(line)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addWidget(self.output_label)
        layout.addWidget(self.output, 1)

    def enable_buttons(self, busy: bool, has_graph: bool, can_backward: bool) -> None:
        """Offer what can be done now: Stop while code runs, the rest when idle and there is a graph."""
        self.run_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.reset_button.setEnabled(not busy and has_graph)
        self.backward_button.setEnabled(not busy and can_backward)
        self.step_button.setEnabled(not busy and can_backward)
        self.zero_button.setEnabled(not busy and can_backward)

    def show_note(self, note: str | None) -> None:
        """Show the run's notes (warnings explained, the lesson's hints, output cut short), or hide them."""
        self.note.setVisible(bool(note))
        if note:
            self.note.setStyleSheet(f"color: {note_colour()};")
            self.note.setText(note)

    @Slot()
    def name_example(self) -> None:
        """Show which example the editor holds, or that it holds code of the learner's own."""
        code = self.code.toPlainText().strip()
        codes = [example.strip() for example in AUTOGRAD_PRESETS.values()]
        self.presets.setCurrentIndex(codes.index(code) if code in codes else len(codes))

    def retranslate(self) -> None:
        """Set every text in the current language (the code, the message and the output stay)."""
        self.presets.setToolTip(self.tr("Examples from the lesson"))
        for index in range(len(AUTOGRAD_PRESETS)):
            self.presets.setItemText(index, _(self.presets.itemData(index)))
        self.presets.setItemText(len(AUTOGRAD_PRESETS), self.tr("Your own code (none of the examples)"))
        self.code.setAccessibleName(self.tr("Autograd code"))
        self.code.setToolTip(
            self.tr(
                "Code that builds a graph, as in a notebook cell: Enter runs it when it is complete and "
                "adds a line when it is not; Shift+Enter or Ctrl+Enter always runs."
            )
        )
        self._retranslate_buttons()
        self.example_label.setText(self.tr("Example:"))
        self.output_label.setText(self.tr("Output (what print shows)"))
        self.output.setAccessibleName(self.tr("Output"))

    def _retranslate_buttons(self) -> None:
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
            (
                self.copy_script_button,
                self.tr("Copy as script"),
                self.tr(
                    "Copy everything run so far as one Python script "
                    "(what failed is left out, with a comment)"
                ),
            ),
        ):
            _set_button_texts(button, text, tip)


class GraphPane(Retranslatable, QWidget):
    """The legend, the graph above the chain rule written out step by step, and the Fit button.

    The graph is the picture: it takes most of the height (``GRAPH_SHARE``), the
    steps below it the rest; ``split_moved`` tells when the learner drags the line between them.
    """

    split_moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fit_button = _button("autogradFitButton")
        self.graph_view = GraphView()
        self.graph_view.setObjectName("autogradGraph")
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
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("autogradSplit")
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.graph_view)
        self.split.addWidget(chain)
        graph_part = round(GRAPH_SHARE * 100)
        self.split.setStretchFactor(0, graph_part)
        self.split.setStretchFactor(1, 100 - graph_part)
        self.split.setSizes([graph_part * 10, (100 - graph_part) * 10])  # in that ratio, whatever the size
        self.split.splitterMoved.connect(self._on_split_moved)
        layout = QVBoxLayout(self)
        layout.addWidget(self.legend)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.fit_button, 0, Qt.AlignmentFlag.AlignRight)
        self.fit_button.clicked.connect(self.graph_view.fit)
        self.retranslate()

    def split_state(self) -> QByteArray:
        """Return where the line between the graph and the steps is, to store."""
        return self.split.saveState()

    def restore_split(self, state: object) -> bool:
        """Put the line back where :meth:`split_state` found it; False, and no change, for anything else."""
        return isinstance(state, QByteArray) and self.split.restoreState(state)

    @Slot(int, int)
    def _on_split_moved(self, _position: int, _index: int) -> None:
        self.split_moved.emit()

    def retranslate(self) -> None:
        """Set every text in the current language (the graph and its steps stay)."""
        _set_button_texts(self.fit_button, self.tr("Fit"), self.tr("Fit the whole graph in view"))
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


class DetailsBox(Retranslatable, QGroupBox):
    """The clicked node: what it is (``details``), its forward value and its gradient.

    The tab fills ``details`` and the views from its graph; this box names them.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = _selectable_label("autogradDetails")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.value_view = TensorView(compact=True)
        self.value_view.setObjectName("autogradValueView")
        self.grad_view = TensorView(compact=True)
        self.grad_view.setObjectName("autogradGradView")
        self.value_label, self.grad_label = QLabel(), QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.value_label)
        layout.addWidget(self.value_view, 1)
        layout.addWidget(self.grad_label)
        layout.addWidget(self.grad_view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the box's own texts in the current language (the tab re-sets the node's details)."""
        self.details.setAccessibleName(self.tr("Node details"))
        self.setTitle(self.tr("Details"))
        self.value_label.setText(self.tr("Forward value:"))
        self.grad_label.setText(self.tr("Gradient:"))
