"""A tensor shown as a table of values with a colour scale, and badges that describe it.

The table is a QTableView over a model that answers for the cells on screen
only, with every row and column the same fixed size: showing a tensor costs
the same whether it has 784 values or 40,000 (core/tensors/info.py sends at
most 200 x 200), and never measures a cell's text.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.tensors.info import TensorInfo
from gui.base.language import Retranslatable
from gui.base.theme import BADGE_STYLE, CHANGED_CELL, text_on, value_colour

PLAIN_INTEGER_LIMIT = 1e7  # integers below this show every digit; larger ones in 4 significant digits
WIDEST_NUMBER = "-0.0001234"  # format_number never writes more characters than this
CELL_PADDING = 10  # pixels around a number in its cell

NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COLOUR_ROLES = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)

ModelIndex = QModelIndex | QPersistentModelIndex


def format_number(value: float) -> str:
    """Show a number compactly: integers plainly, others with 4 significant digits."""
    if np.isnan(value) or np.isinf(value):
        return str(value)
    if float(value).is_integer() and abs(value) < PLAIN_INTEGER_LIMIT:
        return str(int(value))
    return f"{value:.4g}"


class TensorTableModel(QAbstractTableModel):
    """The values of a TensorInfo as table cells: text, colour by size, changed cells marked.

    Headers count from 0, as indexing does. Cells are formatted when the view
    asks for them, that is, only the ones on screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros((0, 0))
        self.changed: np.ndarray | None = None
        self.scale = 1.0
        self.bold = QFont()
        self.bold.setBold(True)
        self.changed_tip = ""
        self.retranslate()

    def retranslate(self) -> None:
        """Word the changed cells' tooltip in the current language (the view calls this)."""
        self.changed_tip = self.tr("changed by the last in-place operation")

    def set_values(self, values: np.ndarray, changed: np.ndarray | None) -> None:
        """Show ``values`` (2-D); ``changed`` marks the cells an in-place operation altered."""
        self.beginResetModel()
        self.values = values
        self.changed = changed
        finite = values[np.isfinite(values)]
        self.scale = float(np.abs(finite).max()) if finite.size else 1.0
        self.endResetModel()

    def rowCount(self, parent: ModelIndex | None = None) -> int:  # noqa: N802 - Qt's name
        """Return the number of rows shown (0 under a valid parent: this is a flat table)."""
        return 0 if parent is not None and parent.isValid() else self.values.shape[0]

    def columnCount(self, parent: ModelIndex | None = None) -> int:  # noqa: N802 - Qt's name
        """Return the number of columns shown."""
        return 0 if parent is not None and parent.isValid() else self.values.shape[1]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Answer the view for one cell on screen."""
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(float(self.values[row, column]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMBER_ALIGNMENT
        changed = self.changed is not None and bool(self.changed[row, column])
        if role in COLOUR_ROLES:
            colour = CHANGED_CELL if changed else value_colour(float(self.values[row, column]), self.scale)
            return colour if role == Qt.ItemDataRole.BackgroundRole else text_on(colour)
        if changed:
            return {Qt.ItemDataRole.FontRole: self.bold, Qt.ItemDataRole.ToolTipRole: self.changed_tip}.get(
                role
            )
        return None

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Number rows and columns from 0, as indexing does."""
        return str(section) if role == Qt.ItemDataRole.DisplayRole else None


class TensorView(Retranslatable, QWidget):
    """Table of values (colour-scaled), changed cells highlighted, badges above."""

    def __init__(self, parent: QWidget | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self.compact = compact
        self.title = QLabel()
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
        self.model = TensorTableModel(self)
        self.table = self._make_table()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.stale_note = QLabel()
        self.stale_note.setObjectName("tensorStaleNote")
        self.stale_note.setWordWrap(True)
        self.stale_note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stale_note)
        layout.addWidget(self.badge_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.info: TensorInfo | None = None
        self.stale = False  # True when the last run failed: the tensor shown is from before it
        self.retranslate()

    def retranslate(self) -> None:
        """Show the same tensor with every word in the current language."""
        self.table.setAccessibleName(self.tr("Tensor values"))
        self.model.retranslate()
        stale = self.stale
        self.show_info(self.info)
        self.mark_stale(stale)

    def mark_stale(self, stale: bool = True) -> None:
        """Say (or stop saying) that the tensor shown is from before the last run, which failed."""
        self.stale = stale and self.info is not None
        self.stale_note.setVisible(self.stale)
        self.stale_note.setText(
            self.tr("The last run stopped with an error: this is the tensor from before it.")
            if self.stale
            else ""
        )

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        metrics = table.fontMetrics()
        # Every cell the same size, set once: Qt never measures a cell's contents.
        for header, size in (
            (table.horizontalHeader(), metrics.horizontalAdvance(WIDEST_NUMBER) + CELL_PADDING),
            (table.verticalHeader(), metrics.height() + CELL_PADDING // 2),
        ):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setMinimumSectionSize(1)
            header.setDefaultSectionSize(size)
        return table

    def _set_badges(self, texts: list[tuple[str, str]]) -> None:
        while self.badge_row.count():
            widget = self.badge_row.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)  # out of the window at once, not when the deletion comes
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

    def cell_text(self, row: int, column: int) -> str:
        """Return the text of a cell, as the table shows it."""
        return str(self.model.data(self.model.index(row, column)))

    def show_info(self, info: TensorInfo | None) -> None:
        """Show ``info`` (None clears the view)."""
        self.info = info
        self.mark_stale(False)
        if info is None:
            self.title.setText(
                "" if self.compact else self.tr("Run a step or type code to see a tensor here.")
            )
            self._set_badges([])
            self.model.set_values(np.zeros((0, 0)), None)
            self.note.clear()
            return
        name = info.name or self.tr("value of the last expression")
        self.title.setVisible(not self.compact)
        self.title.setText(
            self.tr("{0}: a {1}").format(
                name, "torch.Tensor" if info.kind == "tensor" else self.tr("NumPy array")
            )
        )
        self._set_badges(self._badges(info))
        self.model.set_values(info.values, info.changed)
        notes = []
        rows, columns = info.values.shape
        if info.cropped and info.shown:
            notes.append(
                self.tr("Showing the first {0} x {1} of {2} ({3:,} elements in all).").format(
                    rows, columns, info.shown, info.numel
                )
            )
        elif info.cropped:
            notes.append(
                self.tr("Showing the first {0} x {1} of {2:,} elements.").format(rows, columns, info.numel)
            )
        elif info.shown:
            notes.append(self.tr("Showing {0} of {1:,} elements.").format(info.shown, info.numel))
        if info.changed is not None:
            notes.append(self.tr("Yellow cells changed in place."))
        self.note.setText(" ".join(notes))

    def _badges(self, info: TensorInfo) -> list[tuple[str, str]]:
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
        return badges

    def changed_cells(self) -> int:
        """Return how many cells are highlighted as changed."""
        return 0 if self.info is None or self.info.changed is None else int(self.info.changed.sum())
