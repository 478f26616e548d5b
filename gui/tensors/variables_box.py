"""The Tensors tab's right pane: every variable of the session, with its shape, dtype and device."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.tensors.playground import VariableRow
from gui.base.language import Retranslatable


class VariablesBox(Retranslatable, QGroupBox):
    """A table of the session's variables, one a row; the tab shows the one clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.variables = QTableWidget(0, 4)
        self.variables.setObjectName("tensorVariables")
        self.variables.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.variables.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.variables.verticalHeader().setVisible(False)
        self.variables.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.variables.horizontalHeader().setStretchLastSection(True)
        QVBoxLayout(self).addWidget(self.variables)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language; the variables stay."""
        self.setTitle(self.tr("Variables"))
        self.variables.setAccessibleName(self.tr("Variables"))
        self.variables.setToolTip(self.tr("Every variable you defined; click one to show it"))
        self.variables.setHorizontalHeaderLabels(
            [self.tr("name"), self.tr("shape"), self.tr("dtype"), self.tr("device")]
        )

    def show_variables(self, variables: Sequence[VariableRow]) -> None:
        """List ``variables``, in their order."""
        self.variables.setRowCount(len(variables))
        for row, variable in enumerate(variables):
            for col, text in enumerate((variable.name, variable.shape, variable.dtype, variable.device)):
                self.variables.setItem(row, col, QTableWidgetItem(text))

    def names(self) -> set[str]:
        """Return the names listed."""
        return {self.variables.item(row, 0).text() for row in range(self.variables.rowCount())}
