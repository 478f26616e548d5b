"""The Train tab's model summary: ``print(net)`` and the parameter shapes of the network chosen."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from core.models.networks import build_model, summarize
from gui.base.language import Retranslatable


class ModelSummary(Retranslatable, QGroupBox):
    """``print(net)`` and the parameter shapes of the network the form picks, as the lesson shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setObjectName("modelSummary")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        QVBoxLayout(self).addWidget(self.text)
        self.shown: tuple[str, str] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Set the title and tooltip, and the summary's words, in the current language."""
        self.setTitle(self.tr("Model: print(net)"))
        self.text.setAccessibleName(self.tr("Model summary"))
        self.text.setToolTip(self.tr("print(net) and the parameter shapes, as the lesson shows them"))
        if self.shown is not None:
            self.show_model(*self.shown)

    def show_model(self, architecture: str, activation: str) -> None:
        """Describe the network ``architecture`` with ``activation``."""
        self.shown = (architecture, activation)
        self.text.setPlainText(summarize(build_model(architecture, activation)).render())
