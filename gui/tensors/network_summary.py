"""A learner's network, layer by layer: what it gives for one MNIST image and what it learns.

The kernel summarises the network (:mod:`core.tensors.model_summary`, with
torchinfo); this window shows the table, the totals, and what does not fit,
and offers to draw the network's graph in the Autograd tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.tensors.model_summary import ModelSummary
from gui.base.language import Retranslatable


def _dims(shape: tuple[int, ...]) -> str:
    return " × ".join(map(str, shape)) if shape else "—"


class NetworkSummaryDialog(Retranslatable, QDialog):
    """Show one :class:`ModelSummary`; :attr:`graph_requested` asks for its graph."""

    graph_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkSummary")
        self.summary: ModelSummary | None = None
        self.heading = QLabel()
        self.heading.setObjectName("networkSummaryHeading")
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("networkSummaryTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.totals = QLabel()
        self.totals.setObjectName("networkSummaryTotals")
        self.problem = QLabel()
        self.problem.setObjectName("networkSummaryProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b35900;")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trial = QLabel()  # one training step on a copy: ready, or what would go wrong
        self.trial.setObjectName("networkSummaryTrial")
        self.trial.setWordWrap(True)
        for label in (self.problem, self.trial):  # the child's words (an exception's text): never markup
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.trial.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.graph_button = QPushButton()
        self.graph_button.setObjectName("networkGraphButton")
        self.graph_button.clicked.connect(self._on_graph)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.graph_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.problem)
        layout.addWidget(self.trial)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.retranslate()

    def show_summary(self, summary: ModelSummary) -> None:
        """Show ``summary``."""
        self.summary = summary
        self.table.setRowCount(len(summary.rows))
        for row, layer in enumerate(summary.rows):
            texts = ("  " * (layer.depth - 1) + layer.name, layer.kind, _dims(layer.output_shape))
            for column, text in enumerate((*texts, f"{layer.parameters:,}")):
                item = QTableWidgetItem(text)
                if column == 3:  # noqa: PLR2004 - the parameter count, right-aligned
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.retranslate()

    @Slot()
    def _on_graph(self) -> None:
        if self.summary is not None:
            self.graph_requested.emit(self.summary)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.table.setHorizontalHeaderLabels(
            [self.tr("layer"), self.tr("kind"), self.tr("output for one image"), self.tr("parameters")]
        )
        self.graph_button.setText(self.tr("Draw its graph in the Autograd tab"))
        summary = self.summary
        if summary is None:
            return
        self.setWindowTitle(self.tr("Network {0} ({1})").format(summary.variable, summary.class_name))
        self.heading.setText(
            self.tr("{0} ({1}) on one MNIST image of shape {2}:").format(
                summary.variable, summary.class_name, _dims(summary.input_shape)
            )
            if summary.rows
            else self.tr("{0} ({1}) does not run on an MNIST image yet.").format(
                summary.variable, summary.class_name
            )
        )
        totals = self.tr("{0:,} parameters in all, {1:,} of them trained.")
        self.totals.setText(totals.format(summary.total, summary.trainable))
        problem = summary.error or summary.warning or ""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        # The kernel wrote this in the language of the moment it was asked (like the problem above).
        self.trial.setText(summary.trial or "")
        self.trial.setStyleSheet(f"color: {'#1b7a3a' if summary.trainable_now else '#b35900'};")
        self.trial.setVisible(bool(summary.trial))
        self.graph_button.setEnabled(summary.error is None)
