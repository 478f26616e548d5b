"""The Tensors tab's right pane: every variable of the session, with its shape, dtype and device."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.tensors.playground import VariableRow
from gui.base.language import Retranslatable


class VariablesBox(Retranslatable, QGroupBox):
    """A table of the session's variables, one a row; the tab shows the one clicked.

    :attr:`summary_requested` names a network the learner asked to see layer by layer.
    """

    summary_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.networks: list[str] = []
        self.variables = QTableWidget(0, 4)
        self.variables.setObjectName("tensorVariables")
        self.variables.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.variables.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.variables.verticalHeader().setVisible(False)
        self.variables.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.variables.horizontalHeader().setStretchLastSection(True)
        self.summary_button = QPushButton()
        self.summary_button.setObjectName("networkSummaryButton")
        self.summary_button.clicked.connect(self._on_summary_clicked)
        self.variables.itemSelectionChanged.connect(self._offer_summary)
        layout = QVBoxLayout(self)
        layout.addWidget(self.variables)
        layout.addWidget(self.summary_button)
        self.retranslate()
        self._offer_summary()

    def retranslate(self) -> None:
        """Set every text in the current language; the variables stay."""
        self.setTitle(self.tr("Variables"))
        self.variables.setAccessibleName(self.tr("Variables"))
        self.variables.setToolTip(self.tr("Every variable you defined; click one to show it"))
        self.variables.setHorizontalHeaderLabels(
            [self.tr("name"), self.tr("shape"), self.tr("dtype"), self.tr("device")]
        )
        self.summary_button.setText(self.tr("Network summary..."))
        self.summary_button.setToolTip(
            self.tr("Each layer of the network chosen, its output for an MNIST image and its parameters")
        )

    def show_variables(self, variables: Sequence[VariableRow]) -> None:
        """List ``variables``, in their order."""
        self.variables.setRowCount(len(variables))
        self.networks = [variable.name for variable in variables if variable.network]
        for row, variable in enumerate(variables):
            for col, text in enumerate((variable.name, variable.shape, variable.dtype, variable.device)):
                self.variables.setItem(row, col, QTableWidgetItem(text))
        self._offer_summary()

    def chosen_network(self) -> str | None:
        """Return the network variable selected, or the only one there is."""
        row = self.variables.currentRow()
        item = self.variables.item(row, 0) if row >= 0 else None
        if item is not None and item.text() in self.networks:
            return item.text()
        return self.networks[0] if len(self.networks) == 1 else None

    @Slot()
    def _offer_summary(self) -> None:
        self.summary_button.setVisible(bool(self.networks))
        self.summary_button.setEnabled(self.chosen_network() is not None)

    @Slot()
    def _on_summary_clicked(self) -> None:
        name = self.chosen_network()
        if name is not None:
            self.summary_requested.emit(name)

    def names(self) -> set[str]:
        """Return the names listed."""
        return {self.variables.item(row, 0).text() for row in range(self.variables.rowCount())}
