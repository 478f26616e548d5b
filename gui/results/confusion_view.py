"""The confusion matrix as a 10x10 heat map with counts, and each digit's accuracy beside it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.training.predictions import CLASSES, per_class_accuracy
from gui.base.language import Retranslatable

RIGHT = QColor(31, 119, 180)  # the diagonal: read right
WRONG = QColor(214, 39, 40)  # off the diagonal: misread
DARK_TEXT_BELOW = 0.55  # a cell lighter than this gets dark text


def _mix(colour: QColor, strength: float) -> QColor:
    """Blend white into ``colour``: 0 is white, 1 the colour itself."""
    s = float(np.clip(strength, 0.0, 1.0))
    return QColor(
        round(255 + (colour.red() - 255) * s),
        round(255 + (colour.green() - 255) * s),
        round(255 + (colour.blue() - 255) * s),
    )


class ConfusionMatrixView(Retranslatable, QWidget):
    """Rows the true digit, columns the prediction; click a cell to see its images.

    The diagonal is shaded by each digit's accuracy, the other cells by their
    share of the row, scaled to the largest such share, so that even rare
    mistakes stand out. ``cell_clicked(true, predicted)`` says which cell was clicked.
    """

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusionMatrix")
        self.matrix: np.ndarray | None = None
        self.selected: tuple[int, int] | None = None
        self.setMinimumSize(330, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language (the axis titles are painted)."""
        self.setAccessibleName(self.tr("Confusion matrix"))
        self.setToolTip(
            self.tr(
                "Rows: the true digit. Columns: what the network read. The diagonal counts the digits "
                "read right; click any cell to see its test images."
            )
        )
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Prefer cells of about 38 pixels."""
        return QSize(520, 460)

    def set_matrix(self, matrix: np.ndarray | None) -> None:
        """Show ``matrix`` (10x10 counts), or nothing."""
        self.matrix = None if matrix is None else np.asarray(matrix)
        self.update()

    def select(self, cell: tuple[int, int] | None) -> None:
        """Outline ``cell`` (true, predicted) as the one whose images are shown."""
        self.selected = cell
        self.update()

    # ----- geometry ---------------------------------------------------------------------------
    def _layout(self) -> tuple[int, int, int]:
        """Return the cell size and the grid's top-left corner."""
        metrics = self.fontMetrics()
        left = metrics.height() * 2 + 6  # the vertical title and the row digits
        top = metrics.height() * 2 + 6
        accuracy_width = metrics.horizontalAdvance("100.0%") + 12
        cell = max(
            12, min((self.width() - left - accuracy_width) // CLASSES, (self.height() - top) // CLASSES)
        )
        return cell, left, top

    def cell_rect(self, true: int, predicted: int) -> QRect:
        """Return where the cell (true, predicted) is drawn, in this widget's coordinates."""
        cell, left, top = self._layout()
        return QRect(left + predicted * cell, top + true * cell, cell, cell)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """Return the cell (true, predicted) under ``(x, y)``, or None."""
        cell, left, top = self._layout()
        column, row = int((x - left) // cell), int((y - top) // cell)
        if 0 <= row < CLASSES and 0 <= column < CLASSES and x >= left and y >= top:
            return row, column
        return None

    # ----- events -----------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Say which cell was clicked."""
        position = event.position()
        hit = self.cell_at(position.x(), position.y())
        if hit is not None and self.matrix is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select(hit)
            self.cell_clicked.emit(*hit)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Paint titles, digits, the cells with their counts, and the accuracy column."""
        painter = QPainter(self)
        cell, left, top = self._layout()
        metrics = painter.fontMetrics()
        text_colour = self.palette().windowText().color()
        painter.setPen(text_colour)
        line = metrics.height()
        painter.drawText(
            QRect(left, 0, cell * CLASSES, line), Qt.AlignmentFlag.AlignCenter, self.tr("predicted digit")
        )
        painter.drawText(
            QRect(left + cell * CLASSES, 0, self.width(), line + line + 6),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            "  " + self.tr("accuracy"),
        )
        painter.save()
        painter.translate(0, top + cell * CLASSES / 2)
        painter.rotate(-90)
        painter.drawText(
            QRect(-cell * CLASSES // 2, 0, cell * CLASSES, line),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("true digit"),
        )
        painter.restore()
        for d in range(CLASSES):
            painter.drawText(
                QRect(left + d * cell, line + 3, cell, line), Qt.AlignmentFlag.AlignCenter, str(d)
            )
            painter.drawText(
                QRect(line + 3, top + d * cell, line, cell), Qt.AlignmentFlag.AlignCenter, str(d)
            )
        matrix = self.matrix
        if matrix is None:
            painter.setPen(QPen(text_colour))
            painter.drawRect(QRect(left, top, cell * CLASSES, cell * CLASSES))
            painter.drawText(
                QRect(left, top, cell * CLASSES, cell * CLASSES),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("Evaluating the test set..."),
            )
            return
        totals = np.maximum(matrix.sum(axis=1, keepdims=True), 1)
        shares = matrix / totals
        off_diagonal = shares * (1 - np.eye(CLASSES))
        worst = max(float(off_diagonal.max()), 1e-9)
        font = painter.font()
        font.setPointSizeF(max(6.0, min(font.pointSizeF(), cell * 0.32)))
        painter.setFont(font)
        for true in range(CLASSES):
            for predicted in range(CLASSES):
                count = int(matrix[true, predicted])
                rect = self.cell_rect(true, predicted)
                if true == predicted:
                    strength = shares[true, predicted]
                    colour = _mix(RIGHT, strength)
                else:
                    strength = np.sqrt(off_diagonal[true, predicted] / worst) if count else 0.0
                    colour = _mix(WRONG, strength)
                painter.fillRect(rect, colour)
                painter.setPen(QColor(40, 40, 40) if strength < DARK_TEXT_BELOW else QColor(255, 255, 255))
                if count:
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.setPen(QPen(QColor(160, 160, 160), 1))
        painter.drawRect(QRect(left, top, cell * CLASSES, cell * CLASSES))
        painter.setPen(text_colour)
        for digit, accuracy in enumerate(per_class_accuracy(matrix)):
            text = "-" if np.isnan(accuracy) else f"{accuracy:.1%}"
            painter.drawText(
                QRect(left + cell * CLASSES + 6, top + digit * cell, self.width(), cell),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        if self.selected is not None:
            painter.setPen(QPen(QColor(255, 160, 0), 3))
            painter.drawRect(self.cell_rect(*self.selected).adjusted(1, 1, -1, -1))
