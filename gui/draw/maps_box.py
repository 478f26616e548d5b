"""The Draw tab's "Feature maps" page: what each filter of LeNet's two conv layers makes of the digit."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from core.models.trained import TrainedModel
from gui.base.language import Retranslatable
from gui.draw.pixel_view import FeatureMapGrid


class MapsBox(Retranslatable, QGroupBox):
    """The maps of conv1 and conv2 after ReLU, or a note when the model in use has none (not a LeNet).

    What shows follows the model in use (:meth:`show_model`), not the drawing: with a
    LeNet answering, the maps stay (black while nothing is drawn) and the note never shows.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.without_maps: TrainedModel | None = None  # the model in use, when it makes no feature maps
        self.conv1_grid = FeatureMapGrid(6, 3, cell=84)
        self.conv2_grid = FeatureMapGrid(16, 4, cell=60)
        self.maps_note = QLabel()
        self.maps_note.setObjectName("drawMapsNote")
        self.maps_note.setWordWrap(True)
        self.maps_note.hide()  # until a model without feature maps answers
        layout = QVBoxLayout(self)
        layout.addWidget(self.maps_note)
        layout.addWidget(self.conv1_grid)
        layout.addWidget(self.conv2_grid)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language; the maps stay."""
        self.conv1_grid.heading.setText(self.tr("conv1: 6 filters, 28x28 (after ReLU)"))
        self.conv2_grid.heading.setText(self.tr("conv2: 16 filters, 10x10 (after ReLU)"))
        self.setTitle(self.tr("What the filters respond to"))
        if self.without_maps is not None:
            self.maps_note.setText(
                self.tr(
                    "The model in use, {0}, has no convolution layers, so it makes no feature maps. "
                    "They show when a LeNet answers: train one, or use the pretrained LeNet."
                ).format(self.without_maps.name)
            )

    def show_model(self, trained: TrainedModel) -> None:
        """Show the maps when ``trained`` makes them (a LeNet), else the note that names it."""
        has_maps = trained.architecture == "lenet"
        self.without_maps = None if has_maps else trained
        self.maps_note.setVisible(not has_maps)
        self.conv1_grid.setVisible(has_maps)
        self.conv2_grid.setVisible(has_maps)
        self.retranslate()

    def clear(self) -> None:
        """Show black maps (nothing is drawn, or no network answers)."""
        self.conv1_grid.set_maps(None)
        self.conv2_grid.set_maps(None)

    def show_maps(self, maps: tuple[np.ndarray, np.ndarray] | None) -> None:
        """Show conv1's and conv2's ``maps`` (None: the network makes none, black maps)."""
        self.conv1_grid.set_maps(None if maps is None else maps[0])
        self.conv2_grid.set_maps(None if maps is None else maps[1])
