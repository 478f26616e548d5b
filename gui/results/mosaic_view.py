"""Many small images drawn as one: a NumPy mosaic shown as a single QImage, with captions and clicks.

Hundreds of digits or weight tiles would be hundreds of widgets; here they are
one image, one ``drawImage``, and a caption per tile painted over its corner.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.models.weight_images import mosaic

TILE_GAP = 1  # image pixels between tiles
CAPTION_BACKGROUND = QColor(0, 0, 0, 150)


def rgb_qimage(image: np.ndarray) -> QImage:
    """Wrap a uint8 image ``(H, W)`` (grey) or ``(H, W, 3)`` (RGB) as a QImage that owns a copy."""
    image = np.ascontiguousarray(image)
    height, width = image.shape[:2]
    fmt = QImage.Format.Format_RGB888 if image.ndim == 3 else QImage.Format.Format_Grayscale8  # noqa: PLR2004
    return QImage(image.data, width, height, image.strides[0], fmt).copy()


class MosaicView(QWidget):
    """Tiles of equal size in rows of ``columns``, scaled to fit with square pixels.

    ``tile_clicked(i)`` tells which tile was clicked; ``tile_rect(i)`` says
    where a tile is drawn (to point at it, or to test a click).
    """

    tile_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.count = 0
        self.columns = 1
        self.tile_size = QSize(0, 0)
        self.captions: list[str] = []
        self.selected: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 80)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Prefer twice the mosaic's size, within reason."""
        if self.image.isNull():
            return QSize(400, 300)
        return QSize(min(self.image.width() * 2, 800), min(self.image.height() * 2, 600))

    def set_tiles(self, tiles: np.ndarray, columns: int, captions: list[str] | None = None) -> None:
        """Show ``tiles`` (uint8 ``(N, h, w)`` grey or ``(N, h, w, 3)`` RGB), ``columns`` to a row."""
        self.count = int(tiles.shape[0])
        self.columns = max(1, columns)  # kept even for a few tiles: tiles keep their size
        self.tile_size = QSize(int(tiles.shape[2]), int(tiles.shape[1]))
        self.captions = list(captions or [])
        self.selected = None
        if self.count == 0:
            self.image = QImage()
        else:
            fill = np.array([128, 128, 128], np.uint8) if tiles.ndim == 4 else np.array([60], np.uint8)  # noqa: PLR2004
            self.image = rgb_qimage(mosaic(tiles, self.columns, TILE_GAP, fill))
        self.update()

    def set_mosaic(self, image: np.ndarray, count: int, columns: int, tile: tuple[int, int]) -> None:
        """Show a mosaic laid out already (``count`` tiles of ``tile`` = (h, w), ``columns`` to a row)."""
        self.count, self.columns = count, columns
        self.tile_size = QSize(tile[1], tile[0])
        self.captions = []
        self.image = rgb_qimage(image)
        self.update()

    def clear(self) -> None:
        """Show nothing."""
        self.set_tiles(np.zeros((0, 1, 1), np.uint8), 1)

    # ----- geometry ---------------------------------------------------------------------------
    def _scale_and_origin(self) -> tuple[float, QPoint]:
        if self.image.isNull():
            return 1.0, QPoint(0, 0)
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        if scale >= 1:
            scale = float(int(scale))  # whole screen pixels per image pixel: crisp
        x0 = int((self.width() - self.image.width() * scale) / 2)
        return scale, QPoint(x0, 0)

    def tile_rect(self, index: int) -> QRect:
        """Return where tile ``index`` is drawn, in this widget's coordinates."""
        scale, origin = self._scale_and_origin()
        row, column = divmod(index, self.columns)
        step_x = (self.tile_size.width() + TILE_GAP) * scale
        step_y = (self.tile_size.height() + TILE_GAP) * scale
        return QRectF(
            origin.x() + column * step_x,
            origin.y() + row * step_y,
            self.tile_size.width() * scale,
            self.tile_size.height() * scale,
        ).toRect()

    def tile_at(self, point: QPoint) -> int | None:
        """Return the tile under ``point``, or None (a gap, or outside the mosaic)."""
        for index in range(self.count):
            if self.tile_rect(index).contains(point):
                return index
        return None

    # ----- events -----------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Select the tile clicked and say which."""
        index = self.tile_at(event.position().toPoint())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.selected = index
            self.update()
            self.tile_clicked.emit(index)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Draw the mosaic once, then each tile's caption over its top-left corner."""
        if self.image.isNull():
            return
        painter = QPainter(self)
        scale, origin = self._scale_and_origin()
        target = QRectF(origin.x(), origin.y(), self.image.width() * scale, self.image.height() * scale)
        painter.drawImage(target, self.image)
        if self.captions:
            font = QFont(self.font())
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
            painter.setFont(font)
            metrics = painter.fontMetrics()
            for index, caption in enumerate(self.captions[: self.count]):
                rect = self.tile_rect(index)
                box = QRect(
                    rect.left(),
                    rect.top(),
                    min(rect.width(), metrics.horizontalAdvance(caption) + 4),
                    metrics.height(),
                )
                painter.fillRect(box, CAPTION_BACKGROUND)
                painter.setPen(Qt.GlobalColor.white)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, caption)
        if self.selected is not None and self.selected < self.count:
            painter.setPen(QPen(QColor(255, 160, 0), 2))
            painter.drawRect(self.tile_rect(self.selected).adjusted(-1, -1, 1, 1))
