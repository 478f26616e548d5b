"""A square canvas to write a digit on: white ink on black, like MNIST."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

CANVAS_PIXELS = 280
UNDO_LIMIT = 50


class DigitCanvas(QWidget):
    """Draw with mouse, pen or touch; Esc or right-click clears, Ctrl+Z undoes a stroke."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage(CANVAS_PIXELS, CANVAS_PIXELS, QImage.Format.Format_Grayscale8)
        self.image.fill(0)
        self.pen_width = 18
        self._undo: list[QImage] = []
        self._last: QPointF | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Prefer the canvas's own pixel size."""
        return QSize(CANVAS_PIXELS + 40, CANVAS_PIXELS + 40)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        """Stay square."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        """Stay square."""
        return width

    # ----- the drawing as data ---------------------------------------------------------------
    def pixels(self) -> np.ndarray:
        """Return the drawing as a ``uint8`` array, ink bright on dark (a copy)."""
        ptr = self.image.constBits()
        stride = self.image.bytesPerLine()
        array = np.frombuffer(ptr, dtype=np.uint8, count=stride * CANVAS_PIXELS).reshape(
            CANVAS_PIXELS, stride
        )
        return array[:, :CANVAS_PIXELS].copy()

    def is_empty(self) -> bool:
        """Tell whether nothing is drawn."""
        return not self.pixels().any()

    def set_pixels(self, array: np.ndarray) -> None:
        """Replace the drawing with ``array`` (uint8, canvas-sized), undoable."""
        self._push_undo()
        data = np.ascontiguousarray(array, dtype=np.uint8)
        image = QImage(
            data.data, data.shape[1], data.shape[0], data.strides[0], QImage.Format.Format_Grayscale8
        )
        self.image = image.copy()
        self._after_change()

    def clear(self) -> None:
        """Wipe the canvas (undoable)."""
        if self.is_empty():
            return
        self._push_undo()
        self.image.fill(0)
        self._after_change()

    def undo(self) -> None:
        """Take back the last stroke or clear."""
        if self._undo:
            self.image = self._undo.pop()
            self._after_change()

    def set_pen_width(self, width: int) -> None:
        """Set the stroke width in canvas pixels."""
        self.pen_width = max(1, int(width))

    # ----- painting --------------------------------------------------------------------------
    def _push_undo(self) -> None:
        self._undo.append(self.image.copy())
        del self._undo[:-UNDO_LIMIT]

    def _after_change(self) -> None:
        self.update()
        self.changed.emit()

    def _scale(self) -> float:
        return min(self.width(), self.height()) / CANVAS_PIXELS

    def _to_canvas(self, pos: QPointF) -> QPointF:
        side = min(self.width(), self.height())
        origin = QPointF((self.width() - side) / 2, (self.height() - side) / 2)
        return (pos - origin) / self._scale()

    def _stroke_to(self, pos: QPointF) -> None:
        point = self._to_canvas(pos)
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(
            QColor(255, 255, 255),
            self.pen_width,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        painter.setPen(pen)
        if self._last is None:
            painter.drawPoint(point)
        else:
            painter.drawLine(self._last, point)
        painter.end()
        self._last = point
        self._after_change()

    def _begin(self, pos: QPointF) -> None:
        self._push_undo()
        self._last = None
        self._stroke_to(pos)

    def _end(self) -> None:
        self._last = None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Draw the canvas scaled into the widget, with a frame."""
        painter = QPainter(self)
        side = min(self.width(), self.height())
        x, y = (self.width() - side) // 2, (self.height() - side) // 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRect(x, y, side, side), self.image)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(x, y, side - 1, side - 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Left button starts a stroke; right button clears."""
        if event.button() == Qt.MouseButton.RightButton:
            self.clear()
        elif event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """Extend the stroke while the left button is held."""
        if event.buttons() & Qt.MouseButton.LeftButton and self._last is not None:
            self._stroke_to(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """End the stroke."""
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt's name
        """A stylus draws like the mouse."""
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove and self._last is not None:
            self._stroke_to(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        """A finger draws like the mouse (the first touch point)."""
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self._stroke_to(pos)
                else:
                    self._end()
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Esc clears."""
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
        else:
            super().keyPressEvent(event)
