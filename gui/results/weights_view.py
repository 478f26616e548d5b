"""What the first layer has learned: its weights as small images, updated while it trains."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.weight_images import weight_mosaic, weight_tiles
from gui.language import Retranslatable
from gui.widgets.mosaic_view import MosaicView


class WeightsView(Retranslatable, QWidget):
    """The MLP's 300 ``layer1`` rows as 28x28 images, or LeNet's 6 ``conv1`` kernels.

    Red above zero, blue below, on one scale for the whole layer.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightsView")
        self.layer: str | None = None
        self.tile_shape: tuple[int, int] = (0, 0)
        self.tile_count = 0
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.mosaic = MosaicView()
        self.mosaic.setObjectName("weightsMosaic")
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
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
                "What to look for: before training, every tile is noise. "
                "As the network learns, the MLP's tiles "
                "turn into blurry strokes and blobs (parts of digits, "
                "light and dark regions); tiles that stay "
                "noisy are units the network hardly uses. LeNet's kernels "
                "become small edge and stroke detectors."
            )
        )

    def set_weights(self, name: str, weights: np.ndarray) -> None:
        """Show the first layer ``name`` (``layer1`` or ``conv1``) holding ``weights``."""
        tiles = weight_tiles(name, weights)
        image, columns = weight_mosaic(name, weights)
        self.tile_count = len(tiles)
        self.tile_shape = (int(tiles.shape[1]), int(tiles.shape[2]))
        self.mosaic.set_mosaic(image, len(tiles), columns, self.tile_shape)
        if name != self.layer:
            self.layer = name
            self.retranslate()
