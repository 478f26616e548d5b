"""The Draw tab: write a digit and watch the network read it.

The panes (gui/draw/) build the widgets and set their own texts; the tab
keeps what it shows (the model's description, the last reading, the test digit
on the canvas), reads the drawing, and names the widgets it drives.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import torch
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QTabWidget, QWidget

from core.data.mnist import MnistSplit, load_test_split
from core.models.digits import enlarge, feature_maps, network_input, preprocess, probabilities
from core.models.trained import BUNDLED, INSTALL_MIN_ACCURACY, TRAINED, TrainedModel, load_bundled
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable
from gui.base.model_hub import ModelHub, reads_better
from gui.draw.canvas_pane import CanvasPane
from gui.draw.code_panel import DrawCodePanel
from gui.draw.digit_canvas import CANVAS_PIXELS
from gui.draw.looks_box import LooksBox
from gui.draw.maps_box import MapsBox
from gui.draw.reading_pane import ReadingPane

PREDICT_DELAY_MS = 60  # debounce: read the drawing once strokes pause this long
LOADING_MODEL = QT_TRANSLATE_NOOP("DrawTab", "Loading the bundled model...")


def _test_set(trained: TrainedModel) -> str | None:
    """Return which test set ``trained``'s accuracy was measured on: ``full``, ``sample``, a data set's
    description as the run wrote it, or None when the model does not say."""
    metadata = trained.metadata if isinstance(trained.metadata, dict) else {}
    config = metadata.get("config")
    data = config.get("data") if isinstance(config, dict) else None
    if data in ("full", "sample"):
        return data
    description = metadata.get("data")
    return description if isinstance(description, str) and description else None


def describe_model(trained: TrainedModel) -> str:
    """Say which network answers and how well it did on which test set, in the current language."""
    translate = QCoreApplication.translate
    if trained.source == BUNDLED:
        where = translate("DrawTab", "bundled pretrained")
    elif trained.source == TRAINED:
        where = translate("DrawTab", "trained just now")
    else:
        where = translate("DrawTab", "loaded from {0}").format(trained.source)
    if trained.test_accuracy is None:
        return translate("DrawTab", "{0}, {1}").format(trained.name, where)
    test_set = _test_set(trained)
    if test_set == "full":
        text = translate("DrawTab", "{0}, {1}, test accuracy {2:.2%} on full MNIST's 10,000 test images")
    elif test_set == "sample":
        text = translate("DrawTab", "{0}, {1}, test accuracy {2:.2%} on the bundled sample's test images")
    elif test_set is not None:
        text = translate("DrawTab", "{0}, {1}, test accuracy {2:.2%} on the test images of {3}")
    else:  # a checkpoint that does not say which test set
        text = translate("DrawTab", "{0}, {1}, test accuracy {2:.2%}")
    return text.format(trained.name, where, trained.test_accuracy, test_set)


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
        self.kept: tuple[np.ndarray, torch.Tensor] | None = (
            None  # an image put on the canvas to read as it is
        )
        self.input_size = 28  # the side of the image the network receives: 32 for LeNet (a border of 0s)
        self.model_text: Callable[[], str] | str = ""  # a callable is asked again on a language change
        self.runner = JobRunner(self)
        self.canvas_pane, self.reading_pane = CanvasPane(), ReadingPane()
        self.maps_box, self.code_panel, self.looks_box = MapsBox(), DrawCodePanel(), LooksBox()
        self.canvas, self.mistakes_button = self.canvas_pane.canvas, self.canvas_pane.mistakes_button
        self.model_label, self.prediction = self.reading_pane.model_label, self.reading_pane.prediction
        self.offer_label, self.offer_button = self.reading_pane.offer_label, self.reading_pane.offer_button
        self.input_box, self.input_view = self.reading_pane.input_box, self.reading_pane.input_view
        layout = QGridLayout(self)
        layout.addWidget(self.canvas_pane, 0, 0)
        layout.addWidget(self.reading_pane, 0, 1)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("drawSideTabs")
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.maps_box, "")
        self.side_tabs.addTab(self.code_panel, "")
        self.side_tabs.addTab(self.looks_box, "")
        self.side_tabs.currentChanged.connect(self._show_code_images)
        layout.addWidget(self.side_tabs, 0, 2)
        for column, stretch in enumerate((3, 2, 2)):
            layout.setColumnStretch(column, stretch)
        self.predict_timer = QTimer(self)
        self.predict_timer.setSingleShot(True)
        self.predict_timer.setInterval(PREDICT_DELAY_MS)
        self.predict_timer.timeout.connect(self.update_prediction)
        self._connect()
        self.model_text = partial(self.tr, LOADING_MODEL)
        self.retranslate()
        self.runner.run_task(load_bundled, self._on_bundled_loaded, self._on_task_failed)

    def _connect(self) -> None:
        self.canvas.changed.connect(self.predict_timer.start)
        self.canvas_pane.sample_button.clicked.connect(self.put_real_digit)
        self.canvas_pane.bundled_button.clicked.connect(self.use_bundled_model)
        self.mistakes_button.clicked.connect(self.mistakes_requested)
        self.offer_button.clicked.connect(self.hub.take_offer)
        self.hub.model_changed.connect(self._on_model_changed)
        self.hub.offer_changed.connect(self._show_offer)
        self.looks_box.keep_requested.connect(self.draw_on)

    def retranslate(self) -> None:
        """Set the texts that say what the tab shows (the panes set their own); the drawing stays."""
        self._show_canvas_tip()
        self._show_model_text(self.model_text)
        self._show_offer(self.hub.offered)
        self._show_input_title()
        self.side_tabs.setTabText(0, self.tr("Feature maps"))
        self.side_tabs.setTabText(1, self.tr("Code"))
        self.side_tabs.setTabText(2, self.tr("Where it looks"))
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
        current = self.hub.current
        if offered is None or offered.test_accuracy is None:
            self.offer_label.clear()
        elif current is not None and reads_better(offered, current):
            self.offer_label.setText(
                self.tr(
                    "The {0} trained just now answers. The one it replaced reads digits better: {1}. "
                    "Draw the same digit with each to see the difference."
                ).format(current.name, describe_model(offered))
            )
            self.offer_button.setText(self.tr("Use the better one"))
            self.offer_button.setToolTip(self.tr("Let the model used before answer again"))
        else:
            self.offer_label.setText(
                self.tr(
                    "The {0} trained just now reached only {1:.1%} test accuracy (below {2:.0%}), so it "
                    "does not replace the model in use. You can still try it."
                ).format(offered.name, offered.test_accuracy, INSTALL_MIN_ACCURACY)
            )
            self.offer_button.setText(self.tr("Use it anyway"))
            self.offer_button.setToolTip(
                self.tr("Let the model trained just now answer, however well it did")
            )

    @Slot(object)
    def _on_model_changed(self, trained: TrainedModel) -> None:
        self._show_model_text(partial(self._answering_text, trained))
        self.maps_box.show_model(trained)
        self.update_prediction()

    # ----- prediction -------------------------------------------------------------------------
    @Slot()
    def update_prediction(self) -> None:
        """Read the drawing and show what the network makes of it."""
        x = self._prepared()
        self._show_code_images()
        trained = self.hub.current
        received = None
        if x is not None:
            received = network_input(trained.model, x) if trained is not None else x[0, 0].numpy()
            if received.shape[0] != self.input_size:
                self.input_size = received.shape[0]
                self._show_input_title()
        self.input_view.set_array(received)
        if x is None or trained is None:
            self._show_probabilities(None)
            self._show_prediction_text(drawn=x is not None)
            self.maps_box.clear()
            self.looks_box.show_drawing(None, None, None)
            return
        probs = probabilities(trained.model, x)
        self._show_probabilities(np.asarray(probs))
        self._show_prediction_text()
        self.maps_box.show_maps(feature_maps(trained.model, x))
        self.looks_box.show_drawing(trained.model, x, int(np.argmax(probs)))

    def _prepared(self) -> torch.Tensor | None:
        """The drawing as the network reads it: a kept image as it is, anything else prepared as MNIST was."""
        pixels = self.canvas.pixels()
        if self.kept is not None and np.array_equal(self.kept[0], pixels):
            return self.kept[1]
        self.kept = None
        return preprocess(pixels)

    def _show_input_title(self) -> None:
        self.input_box.setTitle(self.tr("What the network sees ({0}x{0})").format(self.input_size))

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
        self.reading_pane.show_bars(probs)

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

    @Slot(object)
    def draw_on(self, image: np.ndarray) -> None:
        """Put ``image`` (28x28 in [0, 1], e.g. the nudged drawing) on the canvas and read it at once.

        It is read as it is, not centred and scaled again (which would undo a nudge), until the
        learner draws on it.
        """
        self.shown_digit = None
        self.canvas.set_pixels(enlarge(np.round(np.clip(image, 0, 1) * 255), CANVAS_PIXELS))
        self.kept = (self.canvas.pixels(), torch.from_numpy(np.asarray(image, np.float32))[None, None])
        self._show_canvas_tip()
        self.predict_timer.stop()
        self.update_prediction()

    def _show_canvas_tip(self) -> None:
        if self.shown_digit is None:
            tip = self.tr("Draw a digit with the mouse, a pen or a finger. Right-click or Esc clears.")
        else:
            tip = self.tr("Test digit #{0}, labelled {1}. Draw over it, or clear.").format(*self.shown_digit)
        self.canvas.setToolTip(tip)
