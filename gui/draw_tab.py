"""The Draw tab: write a digit and watch the network read it."""

from __future__ import annotations

import random
from functools import partial
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from core.data import MnistSplit, load_test_split
from core.digits import enlarge, feature_maps, preprocess, probabilities
from core.trained_model import BUNDLED, TRAINED, TrainedModel, load_bundled
from gui.jobs import JobRunner
from gui.model_hub import ModelHub
from gui.widgets.digit_canvas import CANVAS_PIXELS, DigitCanvas
from gui.widgets.pixel_view import FeatureMapGrid, PixelView

PREDICT_DELAY_MS = 60  # debounce: read the drawing once strokes pause this long


def _tr(text: str) -> str:
    return QCoreApplication.translate("DrawTab", text)


def describe_model(trained: TrainedModel) -> str:
    """Say which network answers and how well it did on the test set."""
    where = {BUNDLED: _tr("bundled pretrained"), TRAINED: _tr("trained just now")}.get(
        trained.source, _tr("loaded from {0}").format(trained.source)
    )
    accuracy = (
        "" if trained.test_accuracy is None else _tr(", test accuracy {0:.2%}").format(trained.test_accuracy)
    )
    return f"{trained.name}, {where}{accuracy}"


class DrawTab(QWidget):
    """Canvas, prediction, the 28x28 input, and LeNet's feature maps.

    The model hub holds the network that answers; this tab keeps only what it
    shows (the probabilities of the last reading).
    """

    def __init__(self, hub: ModelHub, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.data_dir = data_dir
        self.test_digits: MnistSplit | None = None
        self.probabilities: np.ndarray | None = None  # of the last reading; None while the canvas is empty
        self.runner = JobRunner(self)
        layout = QGridLayout(self)
        layout.addLayout(self._build_canvas_column(), 0, 0)
        layout.addLayout(self._build_reading_column(), 0, 1)
        layout.addWidget(self._build_maps_box(), 0, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 2)
        self.predict_timer = QTimer(self)
        self.predict_timer.setSingleShot(True)
        self.predict_timer.setInterval(PREDICT_DELAY_MS)
        self.predict_timer.timeout.connect(self.update_prediction)
        self.canvas.changed.connect(self.predict_timer.start)
        hub.model_changed.connect(self._on_model_changed)
        self.runner.run_task(load_bundled, self._on_bundled_loaded, self._on_task_failed)

    def _build_canvas_column(self) -> QVBoxLayout:
        tr = self.tr
        self.canvas = DigitCanvas()
        self.canvas.setObjectName("drawCanvas")
        self.canvas.setAccessibleName(tr("Drawing canvas"))
        self.canvas.setToolTip(
            tr("Draw a digit with the mouse, a pen or a finger. Right-click or Esc clears.")
        )
        self.clear_button = QPushButton(tr("&Clear"))
        self.clear_button.setObjectName("drawClearButton")
        self.clear_button.setAccessibleName(tr("Clear"))
        self.clear_button.setToolTip(tr("Clear the canvas (Esc, or right-click)"))
        self.undo_button = QPushButton(tr("&Undo"))
        self.undo_button.setToolTip(tr("Take back the last stroke (Ctrl+Z)"))
        self.sample_button = QPushButton(tr("Try a real MNIST digit"))
        self.sample_button.setObjectName("drawSampleButton")
        self.sample_button.setToolTip(
            tr("Put a random test digit on the canvas, to compare with your own writing")
        )
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(4, 40)
        self.pen_slider.setValue(self.canvas.pen_width)
        self.pen_slider.setToolTip(tr("Pen width"))
        self.pen_slider.setAccessibleName(tr("Pen width"))
        self.bundled_button = QPushButton(tr("Use the pretrained LeNet"))
        self.bundled_button.setObjectName("drawBundledButton")
        self.bundled_button.setToolTip(
            tr("Let the LeNet bundled with the app answer again (99.26% test accuracy)")
        )
        self.pen_slider.valueChanged.connect(self.canvas.set_pen_width)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.sample_button.clicked.connect(self.put_real_digit)
        self.bundled_button.clicked.connect(self.use_bundled_model)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.canvas.undo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(QLabel(tr("Pen:")))
        buttons.addWidget(self.pen_slider, 1)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_button)
        sample_row.addWidget(self.bundled_button)
        column = QVBoxLayout()
        column.addWidget(self.canvas, 1)
        column.addLayout(buttons)
        column.addLayout(sample_row)
        return column

    def _build_reading_column(self) -> QVBoxLayout:
        tr = self.tr
        self.prediction = QLabel(tr("draw a digit"))
        self.prediction.setObjectName("drawPrediction")
        self.prediction.setAccessibleName(tr("Prediction"))
        self.prediction.setToolTip(tr("The digit the network reads, and how sure it is"))
        font = QFont(self.prediction.font())
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.prediction.setFont(font)
        self.prediction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prediction.setMinimumHeight(70)
        self.input_view = PixelView(28)
        self.input_view.setObjectName("drawInput28")
        self.input_view.setAccessibleName(tr("The 28 by 28 input"))
        self.input_view.setToolTip(
            tr(
                "What the network receives: your drawing cropped, scaled to 20x20 and "
                "centred by mass in 28x28, as MNIST digits were made"
            )
        )
        self.model_label = QLabel(tr("Loading the bundled model..."))
        self.model_label.setObjectName("drawModelLabel")
        self.model_label.setAccessibleName(tr("Model in use"))
        self.model_label.setToolTip(tr("Which network answers: bundled, trained in the Train tab, or loaded"))
        self.model_label.setWordWrap(True)
        input_box = QGroupBox(tr("What the network sees (28x28)"))
        QVBoxLayout(input_box).addWidget(self.input_view)
        column = QVBoxLayout()
        column.addWidget(self.model_label)
        column.addWidget(self.prediction)
        column.addWidget(self._build_bars(), 1)
        column.addWidget(input_box, 1)
        return column

    def _build_bars(self) -> pg.PlotWidget:
        tr = self.tr
        self.bars_widget = pg.PlotWidget()
        self.bars_widget.setObjectName("drawProbabilities")
        self.bars_widget.setAccessibleName(tr("Probabilities of the ten digits"))
        self.bars_widget.setToolTip(tr("The network's probability for each digit (softmax of its outputs)"))
        plot = self.bars_widget.getPlotItem()
        plot.setYRange(0, 1)
        plot.setXRange(-0.6, 9.6)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setLabel("left", tr("probability"))
        plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)]])
        self.bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush="#1f77b4")
        plot.addItem(self.bars)
        self.bars_widget.setMinimumHeight(170)
        return self.bars_widget

    def _build_maps_box(self) -> QGroupBox:
        tr = self.tr
        self.conv1_grid = FeatureMapGrid(tr("conv1: 6 filters, 28x28 (after ReLU)"), 6, 3, cell=84)
        self.conv2_grid = FeatureMapGrid(tr("conv2: 16 filters, 10x10 (after ReLU)"), 16, 4, cell=60)
        self.maps_note = QLabel(tr("Feature maps appear for the LeNet."))
        self.maps_note.setWordWrap(True)
        maps_box = QGroupBox(tr("What the filters respond to"))
        maps_layout = QVBoxLayout(maps_box)
        maps_layout.addWidget(self.maps_note)
        maps_layout.addWidget(self.conv1_grid)
        maps_layout.addWidget(self.conv2_grid)
        maps_layout.addStretch(1)
        return maps_box

    # ----- model ------------------------------------------------------------------------------
    @Slot(str)
    def _on_task_failed(self, message: str) -> None:
        self.model_label.setText(message)

    @Slot(object)
    def _on_bundled_loaded(self, trained: TrainedModel) -> None:
        if self.hub.current is None:  # a model trained or loaded meanwhile wins
            self.hub.set_model(trained)

    @Slot()
    def use_bundled_model(self) -> None:
        """Make the pretrained LeNet answer (loaded in a worker)."""
        self.runner.run_task(load_bundled, self._on_bundled_chosen, self._on_task_failed)

    @Slot(object)
    def _on_bundled_chosen(self, trained: TrainedModel) -> None:
        self.hub.set_model(trained)

    @Slot(object)
    def _on_model_changed(self, trained: TrainedModel) -> None:
        self.model_label.setText(self.tr("Answering: {0}").format(describe_model(trained)))
        self.update_prediction()

    # ----- prediction -------------------------------------------------------------------------
    @Slot()
    def update_prediction(self) -> None:
        """Read the drawing and show what the network makes of it."""
        x = preprocess(self.canvas.pixels())
        self.input_view.set_array(None if x is None else x[0, 0].numpy())
        trained = self.hub.current
        if x is None or trained is None:
            self.prediction.setText(self.tr("draw a digit") if x is None else self.tr("loading model..."))
            self._show_probabilities(None)
            self.conv1_grid.set_maps(None)
            self.conv2_grid.set_maps(None)
            return
        probs = probabilities(trained.model, x)
        best = int(np.argmax(probs))
        self.prediction.setText(self.tr("{0}  ({1:.0%})").format(best, probs[best]))
        self._show_probabilities(np.asarray(probs))
        maps = feature_maps(trained.model, x)
        self.maps_note.setVisible(maps is None)
        self.conv1_grid.setVisible(maps is not None)
        self.conv2_grid.setVisible(maps is not None)
        if maps is not None:
            self.conv1_grid.set_maps(maps[0])
            self.conv2_grid.set_maps(maps[1])

    def _show_probabilities(self, probs: np.ndarray | None) -> None:
        self.probabilities = probs
        if probs is None:
            self.bars.setOpts(height=np.zeros(10))
            return
        best = int(np.argmax(probs))
        brushes = ["#ff7f0e" if i == best else "#1f77b4" for i in range(10)]
        self.bars.setOpts(height=probs, brushes=brushes)

    def current_probabilities(self) -> list[float] | None:
        """Return the probabilities shown now (None while the canvas is empty or no model answers)."""
        return None if self.probabilities is None else [float(p) for p in self.probabilities]

    # ----- a real digit -----------------------------------------------------------------------
    @Slot()
    def put_real_digit(self) -> None:
        """Put a random test digit on the canvas (loading the test set once, in a worker)."""
        if self.test_digits is not None:
            self._show_random_digit()
            return
        self.runner.run_task(
            partial(load_test_split, self.data_dir), self._on_digits_loaded, self._on_task_failed
        )

    @Slot(object)
    def _on_digits_loaded(self, split: MnistSplit) -> None:
        self.test_digits = split
        self._show_random_digit()

    def _show_random_digit(self) -> None:
        split = self.test_digits
        index = random.randrange(len(split))
        self.canvas.set_pixels(enlarge(split.images[index].numpy(), CANVAS_PIXELS))
        self.canvas.setToolTip(
            self.tr("Test digit #{0}, labelled {1}. Draw over it, or clear.").format(
                index, int(split.labels[index])
            )
        )
