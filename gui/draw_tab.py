"""The Draw tab: write a digit and watch the network read it."""

from __future__ import annotations

import random
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

from core import data as mnist
from core.checkpoint import BUNDLED_LENET, CheckpointError, load_model
from core.digits import enlarge, feature_maps, preprocess, probabilities
from gui.model_hub import ModelHub
from gui.widgets.digit_canvas import CANVAS_PIXELS, DigitCanvas
from gui.widgets.pixel_view import FeatureMapGrid, PixelView
from gui.workers import TrainedModel, make_task_job

PREDICT_DELAY_MS = 60  # debounce: read the drawing once strokes pause this long


def _tr(text: str) -> str:
    return QCoreApplication.translate("DrawTab", text)


def describe_model(trained: TrainedModel) -> str:
    """Say which network answers and how well it did on the test set."""
    name = {"lenet": "LeNet", "mlp": "MLP (ReLU)" if trained.activation == "relu" else "MLP (linear)"}
    where = {"bundled": _tr("bundled pretrained"), "trained": _tr("trained just now")}.get(
        trained.source, _tr("loaded from {0}").format(trained.source)
    )
    accuracy = (
        "" if trained.test_accuracy is None else _tr(", test accuracy {0:.2%}").format(trained.test_accuracy)
    )
    return f"{name.get(trained.architecture, trained.architecture)}, {where}{accuracy}"


def load_bundled(report, cancelled) -> TrainedModel:
    """Load the pretrained LeNet shipped in assets/ (run in a worker)."""
    model, meta = load_model(BUNDLED_LENET)
    accuracy = (meta.get("metrics") or {}).get("test_accuracy")
    return TrainedModel(model, meta["architecture"], meta["activation"], accuracy, "bundled", meta)


class DrawTab(QWidget):
    """Canvas, prediction, the 28x28 input, and LeNet's feature maps."""

    def __init__(self, hub: ModelHub, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.data_dir = data_dir
        self.trained: TrainedModel | None = None
        self.test_digits: mnist.MnistSplit | None = None
        self.job = None
        self._build()
        self.predict_timer = QTimer(self)
        self.predict_timer.setSingleShot(True)
        self.predict_timer.setInterval(PREDICT_DELAY_MS)
        self.predict_timer.timeout.connect(self.update_prediction)
        self.canvas.changed.connect(self.predict_timer.start)
        hub.model_changed.connect(self._on_model_changed)
        self._run(load_bundled, self._on_bundled_loaded)

    def _build(self) -> None:
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
        self.pen_slider.valueChanged.connect(self.canvas.set_pen_width)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.sample_button.clicked.connect(self.put_real_digit)
        self.bundled_button = QPushButton(tr("Use the pretrained LeNet"))
        self.bundled_button.setObjectName("drawBundledButton")
        self.bundled_button.setToolTip(
            tr("Let the LeNet bundled with the app answer again (99.26% test accuracy)")
        )
        self.bundled_button.clicked.connect(self.use_bundled_model)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.canvas.undo)

        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(QLabel(tr("Pen:")))
        buttons.addWidget(self.pen_slider, 1)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(buttons)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_button)
        sample_row.addWidget(self.bundled_button)
        left.addLayout(sample_row)

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
        middle = QVBoxLayout()
        middle.addWidget(self.model_label)
        middle.addWidget(self.prediction)
        middle.addWidget(self.bars_widget, 1)
        middle.addWidget(input_box, 1)

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

        layout = QGridLayout(self)
        layout.addLayout(left, 0, 0)
        layout.addLayout(middle, 0, 1)
        layout.addWidget(maps_box, 0, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 2)

    # ----- model ------------------------------------------------------------------------------
    def _run(self, task, on_success) -> None:
        if self.job is not None:
            return
        self.job = make_task_job(task, expected=(CheckpointError,))
        self.job.worker.succeeded.connect(on_success)
        self.job.worker.failed.connect(self._on_task_failed)
        self.job.done.connect(self._on_job_done)
        self.job.start()

    @Slot()
    def _on_job_done(self) -> None:
        self.job = None

    @Slot(str)
    def _on_task_failed(self, message: str) -> None:
        self.model_label.setText(message)

    @Slot(object)
    def _on_bundled_loaded(self, trained: TrainedModel) -> None:
        if self.trained is None:  # a model trained or loaded meanwhile wins
            self.hub.set_model(trained)

    @Slot()
    def use_bundled_model(self) -> None:
        """Make the pretrained LeNet answer (loaded in a worker)."""
        self._run(load_bundled, self._on_bundled_chosen)

    @Slot(object)
    def _on_bundled_chosen(self, trained: TrainedModel) -> None:
        self.hub.set_model(trained)

    @Slot(object)
    def _on_model_changed(self, trained: TrainedModel) -> None:
        self.trained = trained
        self.model_label.setText(self.tr("Answering: {0}").format(describe_model(trained)))
        self.update_prediction()

    # ----- prediction -------------------------------------------------------------------------
    @Slot()
    def update_prediction(self) -> None:
        """Read the drawing and show what the network makes of it."""
        x = preprocess(self.canvas.pixels())
        self.input_view.set_array(None if x is None else x[0, 0].numpy())
        if x is None or self.trained is None:
            self.prediction.setText(self.tr("draw a digit") if x is None else self.tr("loading model..."))
            self.bars.setOpts(height=np.zeros(10))
            self.conv1_grid.set_maps(None)
            self.conv2_grid.set_maps(None)
            return
        probs = probabilities(self.trained.model, x)
        best = int(np.argmax(probs))
        self.prediction.setText(self.tr("{0}  ({1:.0%})").format(best, probs[best]))
        brushes = ["#ff7f0e" if i == best else "#1f77b4" for i in range(10)]
        self.bars.setOpts(height=np.asarray(probs), brushes=brushes)
        maps = feature_maps(self.trained.model, x)
        self.maps_note.setVisible(maps is None)
        self.conv1_grid.setVisible(maps is not None)
        self.conv2_grid.setVisible(maps is not None)
        if maps is not None:
            self.conv1_grid.set_maps(maps[0])
            self.conv2_grid.set_maps(maps[1])

    def current_probabilities(self) -> list[float] | None:
        """Return the probabilities shown now (None while the canvas is empty)."""
        heights = self.bars.opts.get("height")
        if heights is None or not np.any(heights):
            return None
        return [float(h) for h in heights]

    # ----- a real digit -----------------------------------------------------------------------
    @Slot()
    def put_real_digit(self) -> None:
        """Put a random test digit on the canvas (loading the test set once, in a worker)."""
        if self.test_digits is not None:
            self._show_random_digit()
            return
        data_dir = self.data_dir
        self._run(lambda report, cancelled: mnist.load_data("auto", data_dir).test, self._on_digits_loaded)

    @Slot(object)
    def _on_digits_loaded(self, split: mnist.MnistSplit) -> None:
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
