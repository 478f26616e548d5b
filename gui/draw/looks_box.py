"""The Draw tab's "Where it looks" page: an attribution map over the drawing, and the nudge that fools it.

Both come from :mod:`core.models.attributions` (Captum), computed in a job's
thread on a copy of the network: the window never waits, and an answer for a
drawing, digit or method the learner has since changed is dropped (the newest
is computed next).
"""

from __future__ import annotations

import copy
from functools import partial

import numpy as np
import torch
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from torch import nn

from core.base.i18n import _
from core.models.attributions import MEANINGS, METHODS, Nudge, attribution, nudge
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable
from gui.draw.pixel_view import PixelView

METHOD_NAMES = {
    "saliency": QT_TRANSLATE_NOOP("LooksBox", "Saliency"),
    "integrated_gradients": QT_TRANSLATE_NOOP("LooksBox", "Integrated Gradients"),
    "occlusion": QT_TRANSLATE_NOOP("LooksBox", "Occlusion"),
}


def overlay(drawing: np.ndarray, values: np.ndarray) -> QImage:
    """The drawing in dim grey with ``values`` over it: positive in red, negative in blue."""
    peak = float(np.abs(values).max()) or 1.0
    base = np.clip(drawing, 0, 1) * 90
    red = base + np.clip(values / peak, 0, 1) * 255
    blue = base + np.clip(-values / peak, 0, 1) * 255
    rgb = np.ascontiguousarray(np.stack([red, base, blue], axis=-1).clip(0, 255).astype(np.uint8))
    height, width = drawing.shape
    return QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888).copy()


class LooksBox(Retranslatable, QGroupBox):
    """A map of where the network looks for one digit, and a nudge of at most ε per pixel toward another."""

    keep_requested = Signal(object)  # the nudged 28x28 image, in [0, 1], to draw on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawLooks")
        self.runner = JobRunner(self)
        self.model: nn.Module | None = None
        self.x: torch.Tensor | None = None  # the drawing as the network reads it (1x1x28x28)
        self.reads: int | None = None  # the digit the network reads
        self.asked: tuple | None = None  # what the job computing now was asked
        self.stale = False  # the learner changed something while it computed
        self.nudged: Nudge | None = None
        self.nudging: torch.Tensor | None = None  # the drawing the nudge computing now was asked for
        self.shown: np.ndarray | None = None  # the map on screen (for tests and accessibility)
        self.method, self.digit = QComboBox(), QComboBox()
        for method in METHODS:
            self.method.addItem("", method)
        self.digit.addItem("", None)
        for digit in range(10):
            self.digit.addItem(str(digit), digit)
        self.map_view, self.change_view = PixelView(28), PixelView(28)
        self.meaning, self.result = QLabel(), QLabel()
        for label in (self.meaning, self.result):
            label.setWordWrap(True)
        self.target, self.epsilon = QSpinBox(), QDoubleSpinBox()
        self.target.setRange(0, 9)
        self.epsilon.setRange(0.01, 0.5)
        self.epsilon.setSingleStep(0.05)
        self.epsilon.setValue(0.2)
        self.nudge_button, self.keep_button = QPushButton(), QPushButton()
        self.keep_button.setEnabled(False)
        self._lay_out()
        self.method.currentIndexChanged.connect(self.compute)
        self.digit.currentIndexChanged.connect(self.compute)
        self.nudge_button.clicked.connect(self.nudge)
        self.keep_button.clicked.connect(self._on_keep)
        self.runner.idle.connect(self._on_idle)
        self.retranslate()

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.method_label, self.digit_label = QLabel(), QLabel()
        self.form.addRow(self.method_label, self.method)
        self.form.addRow(self.digit_label, self.digit)
        nudge_row = QHBoxLayout()
        nudge_row.addWidget(self.target)
        nudge_row.addWidget(self.epsilon)
        nudge_row.addWidget(self.nudge_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.map_view, 1)
        layout.addWidget(self.meaning)
        self.nudge_heading = QLabel()
        self.nudge_heading.setWordWrap(True)
        layout.addWidget(self.nudge_heading)
        layout.addLayout(nudge_row)
        layout.addWidget(self.change_view, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignLeft)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setTitle(self.tr("Where it looks, and how little fools it"))
        self.method_label.setText(self.tr("Map:"))
        self.digit_label.setText(self.tr("For the digit:"))
        for index, method in enumerate(METHODS):
            self.method.setItemText(index, self.tr(METHOD_NAMES[method]))
        self.digit.setItemText(0, self.tr("the one it reads"))
        self.meaning.setText(_(MEANINGS[self.method.currentData()]))
        self.nudge_heading.setText(
            self.tr("Nudge: change each pixel by at most ε so that the network reads another digit.")
        )
        self.epsilon.setPrefix("ε = ")
        self.target.setPrefix(self.tr("read as "))
        self.nudge_button.setText(self.tr("Nudge"))
        self.keep_button.setText(self.tr("Draw on the nudged image"))
        self._show_result()

    # ----- the map ----------------------------------------------------------------------------
    def show_drawing(self, model: nn.Module | None, x: torch.Tensor | None, reads: int | None) -> None:
        """Follow the drawing (None: nothing drawn) and the model in use; map it while the page shows."""
        if x is not self.x:  # a nudge of an earlier drawing is not offered on this one
            self.nudged = None
            self.keep_button.setEnabled(False)
            self.change_view.set_array(None)
            self._show_result()
        self.model, self.x, self.reads = model, x, reads
        if x is None or model is None:
            self.shown = None
            self.map_view.set_array(None)
            return
        if self.isVisible():
            self.compute()

    def _request(self) -> tuple | None:
        if self.model is None or self.x is None or self.reads is None:
            return None
        digit = self.digit.currentData()
        return (self.model, self.x, self.reads if digit is None else digit, self.method.currentData())

    @Slot()
    def compute(self) -> None:
        """Map the drawing for the digit and method chosen (after the job computing now, if any)."""
        self.meaning.setText(_(MEANINGS[self.method.currentData()]))
        request = self._request()
        if request is None:
            return
        if self.runner.busy:
            self.stale = True
            return
        model, x, target, method = request
        self.asked = request
        self.runner.run_task(partial(_map, model, x, target, method), self._on_map)

    @Slot(object)
    def _on_map(self, values: np.ndarray) -> None:
        same = self.asked is not None and _key(self.asked) == _key(self._request())
        if self.stale or not same or self.x is None:
            return  # the drawing, digit or method changed meanwhile: the newer one is computed next
        self.shown = values
        self.map_view.image = overlay(self.x[0, 0].numpy(), values)
        self.map_view.update()

    @Slot()
    def _on_idle(self) -> None:
        if self.stale:
            self.stale = False
            self.compute()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Map the drawing when the page comes into view (nothing is computed while it is hidden)."""
        super().showEvent(event)
        self.compute()

    # ----- the nudge --------------------------------------------------------------------------
    @Slot()
    def nudge(self) -> None:
        """Nudge the drawing toward the chosen digit, by at most ε per pixel."""
        if self.model is None or self.x is None or self.runner.busy:
            return
        self.nudging = self.x
        task = partial(_nudge, self.model, self.x, self.target.value(), self.epsilon.value())
        self.runner.run_task(task, self._on_nudged)

    @Slot(object)
    def _on_nudged(self, result: Nudge) -> None:
        if self.x is None or self.nudging is not self.x:
            return  # the drawing changed meanwhile
        self.nudged = result
        self.change_view.image = overlay(np.zeros_like(result.change), result.change)
        self.change_view.update()
        self.keep_button.setEnabled(True)
        self._show_result()

    def _show_result(self) -> None:
        result = self.nudged
        if result is None:
            self.result.setText("")
            return
        text = self.tr(
            "Changed by at most {0:g} per pixel (red: ink added, blue: taken away), "
            "it now reads {1} ({2:.0%})."
        )
        text = text.format(result.epsilon, result.prediction, result.probability)
        if result.reached:
            text += " " + self.tr("Small changes moved the answer: a high probability is not certainty.")
        else:
            text += " " + self.tr("Not yet {0}: try a larger ε.").format(result.target)
        self.result.setText(text)

    @Slot()
    def _on_keep(self) -> None:
        if self.nudged is not None:
            self.keep_requested.emit(self.nudged.image)


def _key(request: tuple | None) -> tuple | None:
    """What identifies a request: the network and drawing objects themselves, the digit, the method."""
    return None if request is None else (id(request[0]), id(request[1]), *request[2:])


def _map(model: nn.Module, x: torch.Tensor, target: int, method: str) -> np.ndarray:
    """In a job's thread: the map, on a copy (the GUI thread reads with the model meanwhile)."""
    return attribution(copy.deepcopy(model), x, target, method)


def _nudge(model: nn.Module, x: torch.Tensor, target: int, epsilon: float) -> Nudge:
    return nudge(copy.deepcopy(model), x, target, epsilon)
