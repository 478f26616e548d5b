"""Small grayscale images shown with visible pixels: the 28x28 input and feature maps."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.base.language import Retranslatable

MIN_GRID_CELL = 5  # screen pixels per image pixel below which a grid would hide the image


def to_qimage(array: np.ndarray) -> QImage:
    """Turn a 2-D array into an 8-bit grayscale image, scaled so its maximum is white."""
    values = np.asarray(array, dtype=np.float32)
    peak = float(values.max()) if values.size else 0.0
    scaled = (
        np.zeros(values.shape, np.uint8)
        if peak <= 0
        else (np.clip(values / peak, 0, 1) * 255).astype(np.uint8)
    )
    scaled = np.ascontiguousarray(scaled)
    return QImage(
        scaled.data, scaled.shape[1], scaled.shape[0], scaled.strides[0], QImage.Format.Format_Grayscale8
    ).copy()


class PixelView(QWidget):
    """Draw a small image enlarged with nearest-neighbour pixels and an optional grid."""

    def __init__(self, size: int = 28, grid: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage(size, size, QImage.Format.Format_Grayscale8)
        self.image.fill(0)
        self.grid = grid
        self.setMinimumSize(size * 3, size * 3)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Prefer 6 screen pixels per image pixel."""
        return QSize(self.image.width() * 6, self.image.height() * 6)

    def set_array(self, array: np.ndarray | None) -> None:
        """Show ``array`` (None shows black)."""
        if array is None:
            self.image.fill(0)
        else:
            self.image = to_qimage(array)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Paint the pixels as squares."""
        painter = QPainter(self)
        w, h = self.image.width(), self.image.height()
        cell = max(1, min(self.width() // w, self.height() // h))
        x0, y0 = (self.width() - cell * w) // 2, (self.height() - cell * h) // 2
        painter.drawImage(QRect(x0, y0, cell * w, cell * h), self.image)
        if self.grid and cell >= MIN_GRID_CELL:
            painter.setPen(QPen(QColor(90, 90, 90, 120), 1))
            for i in range(w + 1):
                painter.drawLine(x0 + i * cell, y0, x0 + i * cell, y0 + h * cell)
            for j in range(h + 1):
                painter.drawLine(x0, y0 + j * cell, x0 + w * cell, y0 + j * cell)


class FeatureMapGrid(Retranslatable, QWidget):
    """A grid of small images under a heading, one per channel of a layer's output.

    The owner sets the heading (``self.heading``) in its own language.
    """

    def __init__(self, channels: int, columns: int, cell: int = 60, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        grid = QGridLayout()
        grid.setSpacing(3)
        self.views = []
        for i in range(channels):
            view = PixelView(1, grid=False)
            view.setMinimumSize(cell, cell)
            grid.addWidget(view, i // columns, i % columns)
            self.views.append(view)
        layout.addLayout(grid)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.retranslate()

    def retranslate(self) -> None:
        """Name each channel in the current language."""
        for i, view in enumerate(self.views):
            view.setToolTip(self.tr("channel {0}").format(i))

    def set_maps(self, maps: np.ndarray | None) -> None:
        """Show one map per view (None blanks them)."""
        for i, view in enumerate(self.views):
            view.set_array(None if maps is None else maps[i])
