"""The Draw tab's left column: the canvas, its pen and buttons, and a real digit or the pretrained model."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from gui.base.language import Retranslatable
from gui.draw.digit_canvas import DigitCanvas


class CanvasPane(Retranslatable, QWidget):
    """The canvas with Clear, Undo and the pen width; a real digit, the pretrained LeNet, its mistakes.

    The tab connects the last three buttons and sets the canvas's tooltip (it names the digit shown).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = DigitCanvas()
        self.canvas.setObjectName("drawCanvas")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("drawClearButton")
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("drawUndoButton")
        self.sample_button = QPushButton()
        self.sample_button.setObjectName("drawSampleButton")
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(4, 40)
        self.pen_slider.setValue(self.canvas.pen_width)
        self.bundled_button = QPushButton()
        self.bundled_button.setObjectName("drawBundledButton")
        self.pen_slider.valueChanged.connect(self.canvas.set_pen_width)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.mistakes_button = QPushButton()
        self.mistakes_button.setObjectName("drawMistakesButton")
        QShortcut(QKeySequence.StandardKey.Undo, self, self.canvas.undo)
        self.pen_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.pen_label)
        buttons.addWidget(self.pen_slider, 1)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_button)
        sample_row.addWidget(self.bundled_button)
        sample_row.addWidget(self.mistakes_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)  # a column of the tab's grid
        column.addWidget(self.canvas, 1)
        column.addLayout(buttons)
        column.addLayout(sample_row)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language but the canvas's tooltip; the drawing stays."""
        self.canvas.setAccessibleName(self.tr("Drawing canvas"))
        self.clear_button.setText(self.tr("&Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear the canvas (Esc, or right-click)"))
        self.undo_button.setText(self.tr("&Undo"))
        self.undo_button.setToolTip(self.tr("Take back the last stroke (Ctrl+Z)"))
        self.sample_button.setText(self.tr("Try a real MNIST digit"))
        self.sample_button.setToolTip(
            self.tr("Put a random test digit on the canvas, to compare with your own writing")
        )
        self.pen_label.setText(self.tr("Pen:"))
        self.pen_slider.setToolTip(self.tr("Pen width"))
        self.pen_slider.setAccessibleName(self.tr("Pen width"))
        self.bundled_button.setText(self.tr("Use the pretrained LeNet"))
        self.bundled_button.setToolTip(
            self.tr("Let the LeNet bundled with the app answer again (99.26% test accuracy)")
        )
        self.mistakes_button.setText(self.tr("Its mistakes..."))
        self.mistakes_button.setToolTip(
            self.tr("See the test digits this network misreads, and open any of them here")
        )
