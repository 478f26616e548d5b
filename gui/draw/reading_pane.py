"""The Draw tab's middle column: the model that answers, the digit it reads, its probabilities, its input."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.base.language import Retranslatable
from gui.draw.pixel_view import PixelView
from gui.widgets.plot_view import retranslate_menus


class ReadingPane(Retranslatable, QWidget):
    """The model in use and the one offered, the reading in large type, ten bars, the 28x28 input.

    The tab fills in what they show (and the texts that say it, and the input box's title).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prediction = QLabel()
        self.prediction.setObjectName("drawPrediction")
        font = QFont(self.prediction.font())
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.prediction.setFont(font)
        self.prediction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prediction.setMinimumHeight(70)
        self.input_view = PixelView(28)
        self.input_view.setObjectName("drawInput28")
        self.model_label = QLabel()
        self.model_label.setObjectName("drawModelLabel")
        self.model_label.setWordWrap(True)
        self.offer_label = QLabel()
        self.offer_label.setObjectName("drawOfferLabel")
        self.offer_label.setWordWrap(True)
        self.offer_button = QPushButton()
        self.offer_button.setObjectName("useOfferedModelButton")
        offer_row = QHBoxLayout()
        offer_row.addWidget(self.offer_label, 1)
        offer_row.addWidget(self.offer_button)
        self.input_box = QGroupBox()
        QVBoxLayout(self.input_box).addWidget(self.input_view)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)  # a column of the tab's grid
        column.addWidget(self.model_label)
        column.addLayout(offer_row)
        column.addWidget(self.prediction)
        column.addWidget(self._build_bars(), 1)
        column.addWidget(self.input_box, 1)
        self.retranslate()

    def _build_bars(self) -> pg.PlotWidget:
        self.bars_widget = pg.PlotWidget()
        self.bars_widget.setObjectName("drawProbabilities")
        plot = self.bars_widget.getPlotItem()
        plot.setYRange(0, 1)
        plot.setXRange(-0.6, 9.6)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)]])
        self.bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush="#1f77b4")
        plot.addItem(self.bars)
        self.bars_widget.setMinimumHeight(170)
        return self.bars_widget

    def retranslate(self) -> None:
        """Set the names and tooltips in the current language; what they show stays."""
        self.prediction.setAccessibleName(self.tr("Prediction"))
        self.prediction.setToolTip(self.tr("The digit the network reads, and how sure it is"))
        self.input_view.setAccessibleName(self.tr("The input the network receives"))
        self.input_view.setToolTip(
            self.tr(
                "What the network receives: your drawing cropped, scaled to 20x20 and "
                "centred by mass in 28x28, as MNIST digits were made. LeNet, the lesson's Net, "
                "reads 32x32: it gets the digit with a border of 2 black pixels."
            )
        )
        self.model_label.setAccessibleName(self.tr("Model in use"))
        self.model_label.setToolTip(
            self.tr("Which network answers: bundled, trained in the Train tab, or loaded")
        )
        self.offer_label.setAccessibleName(self.tr("Model offered"))
        self.offer_label.setToolTip(self.tr("Another model you have, and why it is not the one answering"))
        self.offer_button.setAccessibleName(self.tr("Use the model offered"))
        self.bars_widget.setAccessibleName(self.tr("Probabilities of the ten digits"))
        self.bars_widget.setToolTip(
            self.tr("The network's probability for each digit (softmax of its outputs)")
        )
        # A title over the bars, not a rotated axis label: rotated, CJK characters lie on their sides.
        self.bars_widget.getPlotItem().setTitle(self.tr("Probability of each digit"))
        retranslate_menus(self.bars_widget.getPlotItem())

    def show_bars(self, probs: np.ndarray | None) -> None:
        """Draw the ten probabilities, the likeliest in orange (None: all zero)."""
        if probs is None:
            self.bars.setOpts(height=np.zeros(10))
            return
        best = int(np.argmax(probs))
        brushes = ["#ff7f0e" if i == best else "#1f77b4" for i in range(10)]
        self.bars.setOpts(height=probs, brushes=brushes)
