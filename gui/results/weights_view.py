"""What the first layer has learned: its weights as small images, updated while it trains."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from core.models.weight_images import weight_mosaic, weight_tiles
from gui.base.language import Retranslatable
from gui.results.mosaic_view import MosaicView


class WeightsView(Retranslatable, QWidget):
    """The MLP's 300 ``layer1`` rows as 28x28 images, or LeNet's 6 ``conv1`` kernels.

    Red above zero, blue below, on one scale for the whole layer. During and
    after a run, the change since the run began can be shown instead: the
    random start hides what training added, the change shows it.
    """

    watched = Signal(bool)  # shown (True) or hidden: live weights are wanted only while shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightsView")
        self.layer: str | None = None
        self.tile_shape: tuple[int, int] = (0, 0)
        self.tile_count = 0
        self.weights: np.ndarray | None = None
        self.start: np.ndarray | None = None  # the run's weights before its first step
        self.awaiting_start = False
        self.stale = False  # weights arrived while the view was hidden
        self.change_box = QCheckBox()
        self.change_box.setObjectName("weightsChangeBox")
        self.change_box.setEnabled(False)
        self.change_box.toggled.connect(self._redraw)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.mosaic = MosaicView()
        self.mosaic.setObjectName("weightsMosaic")
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.change_box)
        layout.addWidget(self.mosaic, 1)
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.mosaic.setToolTip(
            self.tr(
                "Red: a bright pixel there raises the unit's output. Blue: "
                "it lowers it. White: it does not matter."
            )
        )
        self.change_box.setText(self.tr("Show the change since the run began"))
        self.change_box.setToolTip(
            self.tr("Subtract the weights the run started from: what training has added so far")
        )
        if self.layer == "conv1":
            self.heading.setText(self.tr("conv1: the 6 kernels of 5x5 that LeNet slides over the image"))
        elif self.layer == "layer1":
            self.heading.setText(
                self.tr(
                    "layer1: each of the 300 units weighs the 28x28 "
                    "pixels; one image per row of layer1.weight"
                )
            )
        else:
            self.heading.setText(self.tr("The first layer's weights appear when a model is in use."))
        self.note.setText(
            self.tr(
                "What to look for: the weights start as random noise, and training changes them only "
                "a little, so the noise stays visible. Tick the box above to see the change alone: "
                "the MLP's units turn into blurry strokes and blobs (parts of digits, light and dark "
                "regions); units that hardly change are ones the network hardly uses. LeNet's kernels "
                "become small edge and stroke detectors."
            )
        )

    def begin_run(self) -> None:
        """Take the next weights shown as the run's start, to subtract when asked."""
        self.awaiting_start = True
        self.start = None

    def forget_start(self) -> None:
        """Show a model that no run here started (bundled or loaded): no change to show."""
        self.awaiting_start = False
        self.start = None
        self.change_box.setChecked(False)
        self.change_box.setEnabled(False)

    def set_weights(self, name: str, weights: np.ndarray) -> None:
        """Show the first layer ``name`` (``layer1`` or ``conv1``) holding ``weights``."""
        if self.awaiting_start:
            self.start, self.awaiting_start = weights.copy(), False
        self.weights = weights
        self.change_box.setEnabled(self.start is not None and self.start.shape == weights.shape)
        if name != self.layer:
            self.layer = name
            self.retranslate()
        self._redraw()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Draw the weights that came while hidden."""
        super().showEvent(event)
        self.watched.emit(True)
        if self.stale:
            self._redraw()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Let the training run stop sending live weights that nobody sees."""
        super().hideEvent(event)
        self.watched.emit(False)

    @Slot()
    def _redraw(self) -> None:
        if self.weights is None or self.layer is None:
            return
        tiles = weight_tiles(self.layer, self.weights)
        self.tile_count = len(tiles)
        self.tile_shape = (int(tiles.shape[1]), int(tiles.shape[2]))
        self.stale = not self.isVisible()
        if self.stale:  # the pictures are made when the view shows: nothing for a hidden tab
            return
        shown = self.weights
        if self.change_box.isChecked() and self.change_box.isEnabled():
            shown = self.weights - self.start
        image, columns = weight_mosaic(self.layer, shown)
        rows = -(-len(tiles) // columns)
        drawn = ((image.shape[0] + 1) // rows - 1, (image.shape[1] + 1) // columns - 1)  # a 1-pixel gap
        self.mosaic.set_mosaic(image, len(tiles), columns, drawn)
