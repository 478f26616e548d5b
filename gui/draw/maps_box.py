"""The Draw tab's "Feature maps" page: what each filter of LeNet's two conv layers makes of the digit."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from gui.base.language import Retranslatable
from gui.draw.pixel_view import FeatureMapGrid


class MapsBox(Retranslatable, QGroupBox):
    """The maps of conv1 and conv2 after ReLU, or a note when the network has none (not a LeNet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conv1_grid = FeatureMapGrid(6, 3, cell=84)
        self.conv2_grid = FeatureMapGrid(16, 4, cell=60)
        self.maps_note = QLabel()
        self.maps_note.setWordWrap(True)
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
        self.maps_note.setText(self.tr("Feature maps appear for the LeNet."))
        self.setTitle(self.tr("What the filters respond to"))

    def clear(self) -> None:
        """Show black maps (nothing is drawn, or no network answers)."""
        self.conv1_grid.set_maps(None)
        self.conv2_grid.set_maps(None)

    def show_maps(self, maps: tuple[np.ndarray, np.ndarray] | None) -> None:
        """Show conv1's and conv2's ``maps``, or the note when the network makes none."""
        self.maps_note.setVisible(maps is None)
        self.conv1_grid.setVisible(maps is not None)
        self.conv2_grid.setVisible(maps is not None)
        if maps is not None:
            self.conv1_grid.set_maps(maps[0])
            self.conv2_grid.set_maps(maps[1])
