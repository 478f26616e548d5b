"""The Draw tab: write a digit and watch the network read it."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.data.mnist import MnistSplit, load_test_split
from core.models.digits import enlarge, feature_maps, network_input, preprocess, probabilities
from core.models.trained import BUNDLED, INSTALL_MIN_ACCURACY, TRAINED, TrainedModel, load_bundled
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable
from gui.base.model_hub import ModelHub
from gui.draw.code_panel import DrawCodePanel
from gui.draw.digit_canvas import CANVAS_PIXELS, DigitCanvas
from gui.draw.pixel_view import FeatureMapGrid, PixelView
from gui.widgets.plot_view import retranslate_menus

PREDICT_DELAY_MS = 60  # debounce: read the drawing once strokes pause this long
LOADING_MODEL = QT_TRANSLATE_NOOP("DrawTab", "Loading the bundled model...")


def describe_model(trained: TrainedModel) -> str:
    """Say which network answers and how well it did on the test set, in the current language."""
    translate = QCoreApplication.translate
    if trained.source == BUNDLED:
        where = translate("DrawTab", "bundled pretrained")
    elif trained.source == TRAINED:
        where = translate("DrawTab", "trained just now")
    else:
        where = translate("DrawTab", "loaded from {0}").format(trained.source)
    if trained.test_accuracy is None:
        return translate("DrawTab", "{0}, {1}").format(trained.name, where)
    return translate("DrawTab", "{0}, {1}, test accuracy {2:.2%}").format(
        trained.name, where, trained.test_accuracy
    )


class DrawTab(Retranslatable, QWidget):
    """Canvas, prediction, the 28x28 input, and LeNet's feature maps.

    The model hub holds the network that answers; this tab keeps only what it
    shows (the probabilities of the last reading). ``mistakes_requested`` asks
    for the network's mistakes on the test set (the Results tab).
    """

    mistakes_requested = Signal()

    def __init__(self, hub: ModelHub, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.data_dir = data_dir
        self.test_digits: MnistSplit | None = None
        self.probabilities: np.ndarray | None = None  # of the last reading; None while the canvas is empty
        self.shown_digit: tuple[int, int] | None = None  # the test digit on the canvas: index, label
        self.input_size = 28  # the side of the image the network receives: 32 for LeNet (a border of 0s)
        self.model_text: Callable[[], str] | str = ""  # a callable is asked again on a language change
        self.runner = JobRunner(self)
        layout = QGridLayout(self)
        layout.addLayout(self._build_canvas_column(), 0, 0)
        layout.addLayout(self._build_reading_column(), 0, 1)
        self.code_panel = DrawCodePanel()
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("drawSideTabs")
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self._build_maps_box(), "")
        self.side_tabs.addTab(self.code_panel, "")
        self.side_tabs.currentChanged.connect(self._show_code_images)
        layout.addWidget(self.side_tabs, 0, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 2)
        self.predict_timer = QTimer(self)
        self.predict_timer.setSingleShot(True)
        self.predict_timer.setInterval(PREDICT_DELAY_MS)
        self.predict_timer.timeout.connect(self.update_prediction)
        self.canvas.changed.connect(self.predict_timer.start)
        hub.model_changed.connect(self._on_model_changed)
        hub.offer_changed.connect(self._show_offer)
        self.model_text = partial(self.tr, LOADING_MODEL)
        self.retranslate()
        self.runner.run_task(load_bundled, self._on_bundled_loaded, self._on_task_failed)

    def _build_canvas_column(self) -> QVBoxLayout:
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
        self.sample_button.clicked.connect(self.put_real_digit)
        self.bundled_button.clicked.connect(self.use_bundled_model)
        self.mistakes_button = QPushButton()
        self.mistakes_button.setObjectName("drawMistakesButton")
        self.mistakes_button.clicked.connect(self.mistakes_requested)
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
        column = QVBoxLayout()
        column.addWidget(self.canvas, 1)
        column.addLayout(buttons)
        column.addLayout(sample_row)
        return column

    def _build_reading_column(self) -> QVBoxLayout:
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
        self.offer_button.clicked.connect(self.hub.take_offer)
        offer_row = QHBoxLayout()
        offer_row.addWidget(self.offer_label, 1)
        offer_row.addWidget(self.offer_button)
        self.input_box = QGroupBox()
        QVBoxLayout(self.input_box).addWidget(self.input_view)
        column = QVBoxLayout()
        column.addWidget(self.model_label)
        column.addLayout(offer_row)
        column.addWidget(self.prediction)
        column.addWidget(self._build_bars(), 1)
        column.addWidget(self.input_box, 1)
        return column

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

    def _build_maps_box(self) -> QGroupBox:
        self.conv1_grid = FeatureMapGrid(6, 3, cell=84)
        self.conv2_grid = FeatureMapGrid(16, 4, cell=60)
        self.maps_note = QLabel()
        self.maps_note.setWordWrap(True)
        self.maps_box = QGroupBox()
        maps_layout = QVBoxLayout(self.maps_box)
        maps_layout.addWidget(self.maps_note)
        maps_layout.addWidget(self.conv1_grid)
        maps_layout.addWidget(self.conv2_grid)
        maps_layout.addStretch(1)
        return self.maps_box

    def retranslate(self) -> None:
        """Set every text in the current language; the drawing and the reading stay."""
        self.canvas.setAccessibleName(self.tr("Drawing canvas"))
        self._show_canvas_tip()
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
        self._show_model_text(self.model_text)
        self.offer_label.setAccessibleName(self.tr("Model offered"))
        self.offer_label.setToolTip(self.tr("A model trained just now that did not take over, and why"))
        self.offer_button.setText(self.tr("Use it anyway"))
        self.offer_button.setAccessibleName(self.tr("Use the model offered"))
        self.offer_button.setToolTip(self.tr("Let the model trained just now answer, however well it did"))
        self._show_offer(self.hub.offered)
        self.input_box.setTitle(self.tr("What the network sees ({0}x{0})").format(self.input_size))
        self.bars_widget.setAccessibleName(self.tr("Probabilities of the ten digits"))
        self.bars_widget.setToolTip(
            self.tr("The network's probability for each digit (softmax of its outputs)")
        )
        self.bars_widget.getPlotItem().setLabel("left", self.tr("probability"))
        retranslate_menus(self.bars_widget.getPlotItem())
        self.conv1_grid.heading.setText(self.tr("conv1: 6 filters, 28x28 (after ReLU)"))
        self.conv2_grid.heading.setText(self.tr("conv2: 16 filters, 10x10 (after ReLU)"))
        self.maps_note.setText(self.tr("Feature maps appear for the LeNet."))
        self.maps_box.setTitle(self.tr("What the filters respond to"))
        self.side_tabs.setTabText(0, self.tr("Feature maps"))
        self.side_tabs.setTabText(1, self.tr("Code"))
        self._show_prediction_text()

    # ----- model ------------------------------------------------------------------------------
    @Slot(str)
    def _on_task_failed(self, message: str) -> None:
        self._show_model_text(message)

    def _show_model_text(self, text: Callable[[], str] | str) -> None:
        self.model_text = text
        self.model_label.setText(text() if callable(text) else text)

    def _answering_text(self, trained: TrainedModel) -> str:
        return self.tr("Answering: {0}").format(describe_model(trained))

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
    def _show_offer(self, offered: TrainedModel | None) -> None:
        """Say why a model trained just now does not answer, or hide the offer when there is none."""
        self.offer_label.setVisible(offered is not None)
        self.offer_button.setVisible(offered is not None)
        if offered is None or offered.test_accuracy is None:
            self.offer_label.clear()
            return
        self.offer_label.setText(
            self.tr(
                "The {0} trained just now reached only {1:.1%} test accuracy (below {2:.0%}), so it "
                "does not replace the model in use. You can still try it."
            ).format(offered.name, offered.test_accuracy, INSTALL_MIN_ACCURACY)
        )

    @Slot(object)
    def _on_model_changed(self, trained: TrainedModel) -> None:
        self._show_model_text(partial(self._answering_text, trained))
        self.update_prediction()

    # ----- prediction -------------------------------------------------------------------------
    @Slot()
    def update_prediction(self) -> None:
        """Read the drawing and show what the network makes of it."""
        x = preprocess(self.canvas.pixels())
        self._show_code_images()
        trained = self.hub.current
        received = None
        if x is not None:
            received = network_input(trained.model, x) if trained is not None else x[0, 0].numpy()
            if received.shape[0] != self.input_size:
                self.input_size = received.shape[0]
                self.input_box.setTitle(self.tr("What the network sees ({0}x{0})").format(self.input_size))
        self.input_view.set_array(received)
        if x is None or trained is None:
            self._show_probabilities(None)
            self._show_prediction_text(drawn=x is not None)
            self.conv1_grid.set_maps(None)
            self.conv2_grid.set_maps(None)
            return
        probs = probabilities(trained.model, x)
        self._show_probabilities(np.asarray(probs))
        self._show_prediction_text()
        maps = feature_maps(trained.model, x)
        self.maps_note.setVisible(maps is None)
        self.conv1_grid.setVisible(maps is not None)
        self.conv2_grid.setVisible(maps is not None)
        if maps is not None:
            self.conv1_grid.set_maps(maps[0])
            self.conv2_grid.set_maps(maps[1])

    @Slot()
    def _show_code_images(self) -> None:
        """Run the shown code on the drawing, while its page is open (it costs a millisecond)."""
        if self.side_tabs.currentWidget() is self.code_panel:
            self.code_panel.show_drawing(self.canvas.pixels())

    def _show_prediction_text(self, drawn: bool | None = None) -> None:
        """Say what the network reads (or why it reads nothing yet)."""
        probs = self.probabilities
        if probs is not None:
            best = int(np.argmax(probs))
            self.prediction.setText(self.tr("{0}  ({1:.0%})").format(best, probs[best]))
        elif drawn or (drawn is None and not self.canvas.is_empty()):
            self.prediction.setText(self.tr("loading model..."))
        else:
            self.prediction.setText(self.tr("draw a digit"))

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
        self.show_test_digit(split.images[index].numpy(), index, int(split.labels[index]))

    def show_test_digit(self, image: np.ndarray, index: int, label: int) -> None:
        """Put test digit ``index`` (uint8 28x28, labelled ``label``) on the canvas and read it at once."""
        self.canvas.set_pixels(enlarge(image, CANVAS_PIXELS))
        self.shown_digit = (index, label)
        self._show_canvas_tip()
        self.predict_timer.stop()
        self.update_prediction()

    def _show_canvas_tip(self) -> None:
        if self.shown_digit is None:
            tip = self.tr("Draw a digit with the mouse, a pen or a finger. Right-click or Esc clears.")
        else:
            tip = self.tr("Test digit #{0}, labelled {1}. Draw over it, or clear.").format(*self.shown_digit)
        self.canvas.setToolTip(tip)
