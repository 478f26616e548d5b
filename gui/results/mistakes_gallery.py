"""The test images of one cell of the confusion matrix, most confident first; a click opens one."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.training.predictions import SplitPredictions
from gui.base.language import Retranslatable
from gui.results.mosaic_view import MosaicView

GALLERY_LIMIT = 120  # images shown of one cell (a diagonal cell can hold a thousand)
GALLERY_COLUMNS = 8


class MistakesGallery(Retranslatable, QWidget):
    """Each image with its true label, the prediction and its probability.

    ``image_chosen(index)`` names the test image clicked (its index in the test split).
    """

    image_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mistakesGallery")
        self.cell: tuple[int, int] | None = None
        self.total = 0  # images in the cell
        self.shown_indices = np.zeros(0, dtype=np.int64)  # test indices, in the order shown
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.mosaic = MosaicView()
        self.mosaic.setObjectName("mistakesMosaic")
        self.mosaic.setMinimumHeight(150)
        self.mosaic.tile_clicked.connect(self._on_tile_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.mosaic, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setAccessibleName(self.tr("Test images of the chosen cell"))
        self.mosaic.setToolTip(
            self.tr(
                "Each image: true digit, what the network read, and its "
                "probability. Click one to open it in the Draw tab."
            )
        )
        self._show_heading()

    def _show_heading(self) -> None:
        if self.cell is None:
            self.heading.setText(
                self.tr(
                    "Click a cell of the matrix to see its test images. Off the diagonal are the mistakes."
                )
            )
        elif self.cell[0] == self.cell[1]:
            self.heading.setText(
                self.tr("{0} read right: {1} images, showing {2}, most confident first.").format(
                    self.cell[0], self.total, len(self.shown_indices)
                )
            )
        else:
            self.heading.setText(
                self.tr("True {0} read as {1}: {2} images, showing {3}, most confident first.").format(
                    self.cell[0], self.cell[1], self.total, len(self.shown_indices)
                )
            )

    def show_cell(self, cell: tuple[int, int], predictions: SplitPredictions, images: np.ndarray) -> None:
        """Show the images of ``cell`` (true, predicted); ``images`` is the test split ``(N, 28, 28)``."""
        indices = predictions.cell(*cell)
        self.cell = cell
        self.total = len(indices)
        self.shown_indices = indices[:GALLERY_LIMIT]
        captions = [
            self.tr("{0}→{1} {2:.0%}").format(
                int(predictions.labels[i]), int(predictions.predicted[i]), float(predictions.confidence[i])
            )
            for i in self.shown_indices
        ]
        self.mosaic.set_tiles(images[self.shown_indices], GALLERY_COLUMNS, captions)
        self._show_heading()

    def clear(self) -> None:
        """Show no cell."""
        self.cell = None
        self.total = 0
        self.shown_indices = np.zeros(0, dtype=np.int64)
        self.mosaic.clear()
        self._show_heading()

    @Slot(int)
    def _on_tile_clicked(self, tile: int) -> None:
        self.image_chosen.emit(int(self.shown_indices[tile]))
