"""The Tensors tab's left pane: the lesson's tensor steps, the selected one's code and explanation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.base.i18n import _
from core.lesson.steps import TENSOR_STEPS
from gui.base.language import Retranslatable


def monospace(widget: QWidget) -> QWidget:
    """Give ``widget`` the system's fixed-width font and return it."""
    widget.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return widget


class StepsPane(Retranslatable, QWidget):
    """The steps in a list; the selected step's code, its buttons, and what it shows.

    The tab runs the steps: it connects ``step_run_button`` and ``next_button``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps = QListWidget()
        self.steps.setObjectName("tensorSteps")
        for _step in TENSOR_STEPS:
            self.steps.addItem("")
        self.step_code = monospace(QPlainTextEdit())
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.steps, 2)
        layout.addWidget(self.step_code)
        layout.addLayout(step_buttons)
        layout.addWidget(self.step_explanation, 1)
        self.steps.currentRowChanged.connect(self._on_step_changed)
        self.retranslate()
        self.steps.setCurrentRow(0)

    def retranslate(self) -> None:
        """Set every text in the current language; the selected step stays."""
        self.steps_label.setText(self.tr("The lesson's cells 2–11"))
        self.steps.setAccessibleName(self.tr("Lesson steps"))
        self.steps.setToolTip(
            self.tr("The lesson's tensor basics, one step at a time, numbered as in the Lesson tab")
        )
        for row, step in enumerate(TENSOR_STEPS):
            self.steps.item(row).setText(f"{step.cell}. {_(step.title)}")
        self._on_step_changed(self.steps.currentRow())
        self.step_code.setAccessibleName(self.tr("Step code"))
        self.step_run_button.setText(self.tr("Run this step"))
        self.step_run_button.setToolTip(self.tr("Run the step's code in the playground session"))
        self.next_button.setText(self.tr("Run and go to next"))
        self.next_button.setToolTip(self.tr("Run this step, then select the next one"))

    def show_cell(self, number: int) -> None:
        """Select the first step of lesson cell ``number``, if the cell has one here."""
        row = next((row for row, step in enumerate(TENSOR_STEPS) if step.cell == number), None)
        if row is not None:
            self.steps.setCurrentRow(row)

    @Slot(int)
    def _on_step_changed(self, row: int) -> None:
        if 0 <= row < len(TENSOR_STEPS):
            step = TENSOR_STEPS[row]
            self.step_code.setPlainText(step.code)
            self.step_explanation.setText(_(step.explanation))
