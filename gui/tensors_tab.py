"""The Tensors tab (coming next)."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class TensorsTab(QWidget):
    """An honest placeholder until the tab lands."""

    def __init__(self, parent=None):
        super().__init__(parent)
        QVBoxLayout(self).addWidget(QLabel(self.tr("Coming next.")))
