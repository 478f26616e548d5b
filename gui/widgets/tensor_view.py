"""A tensor shown as a table of values with a colour scale, and badges that describe it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.tensor_info import TensorInfo
from gui.theme import BADGE_STYLE, CHANGED_CELL, text_on, value_colour


def format_number(value: float) -> str:
    """Show a number compactly: integers plainly, others with 4 significant digits."""
    if np.isnan(value) or np.isinf(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e7:
        return str(int(value))
    return f"{value:.4g}"


class TensorView(QWidget):
    """Table of values (colour-scaled), changed cells highlighted, badges above."""

    def __init__(self, parent: QWidget | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self.compact = compact
        self.title = QLabel("" if compact else self.tr("Run a step or type code to see a tensor here."))
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.badge_box = QWidget()
        self.badge_box.setVisible(not compact)
        self.badge_row = QHBoxLayout(self.badge_box)
        self.badge_row.setContentsMargins(0, 0, 0, 0)
        self.badge_row.setSpacing(6)
        self.badges: list[QLabel] = []
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Tensor values"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.badge_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.info: TensorInfo | None = None

    def _set_badges(self, texts: list[tuple[str, str]]) -> None:
        while self.badge_row.count():
            widget = self.badge_row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.badges = []
        for text, tip in texts:
            badge = QLabel(text)
            badge.setStyleSheet(BADGE_STYLE)
            badge.setToolTip(tip)
            badge.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.badge_row.addWidget(badge)
            self.badges.append(badge)
        self.badge_row.addStretch(1)

    def badge_texts(self) -> list[str]:
        """Return the badges shown now (for tests and accessibility)."""
        return [badge.text() for badge in self.badges]

    def show_info(self, info: TensorInfo | None) -> None:
        """Show ``info`` (None clears the view)."""
        self.info = info
        if info is None:
            self.title.setText(
                "" if self.compact else self.tr("Run a step or type code to see a tensor here.")
            )
            self._set_badges([])
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.note.clear()
            return
        name = info.name or self.tr("result")
        self.title.setVisible(not self.compact)
        self.title.setText(
            self.tr("{0}: a {1}").format(name, "torch.Tensor" if info.kind == "tensor" else "NumPy array")
        )
        shape = "(" + ", ".join(map(str, info.shape)) + ("," if len(info.shape) == 1 else "") + ")"
        badges = [
            (self.tr("shape {0}").format(shape), self.tr("size of each dimension: x.shape / x.size()")),
            (self.tr("dtype {0}").format(info.dtype), self.tr("the type of every element")),
            (self.tr("device {0}").format(info.device), self.tr("where the numbers live: cpu or a GPU")),
            (
                self.tr("strides {0}").format(tuple(info.strides)),
                self.tr("elements to skip in memory to move one step along each dimension"),
            ),
        ]
        if info.requires_grad:
            badges.append((self.tr("requires_grad"), self.tr("autograd records operations on it")))
        if info.grad_fn:
            badges.append(
                (self.tr("grad_fn {0}").format(info.grad_fn), self.tr("the operation that made it"))
            )
        if info.shares_with:
            badges.append(
                (
                    self.tr("shares memory with {0}").format(", ".join(info.shares_with)),
                    self.tr("changing one changes the other: they are the same memory"),
                )
            )
        self._set_badges(badges)
        values = info.values
        rows, cols = values.shape
        self.table.clear()
        self.table.setRowCount(rows)
        self.table.setColumnCount(cols)
        finite = values[np.isfinite(values)]
        scale = float(np.abs(finite).max()) if finite.size else 1.0
        for r in range(rows):
            for c in range(cols):
                value = float(values[r, c])
                item = QTableWidgetItem(format_number(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                changed = info.changed is not None and bool(info.changed[r, c])
                colour = CHANGED_CELL if changed else value_colour(value, scale)
                item.setBackground(colour)
                item.setForeground(text_on(colour))
                if changed:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip(self.tr("changed by the last in-place operation"))
                self.table.setItem(r, c, item)
        notes = []
        if info.shown != "all":
            notes.append(self.tr("Showing {0} of {1:,} elements.").format(info.shown, info.numel))
        if info.changed is not None:
            notes.append(self.tr("Yellow cells changed in place."))
        self.note.setText(" ".join(notes))

    def changed_cells(self) -> int:
        """Return how many cells are highlighted as changed."""
        return 0 if self.info is None or self.info.changed is None else int(self.info.changed.sum())
