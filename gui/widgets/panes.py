"""Side-by-side panes that the learner can resize: the layout every tab shares."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget


def fill_with_panes(
    owner: QWidget, panes: Sequence[QWidget], sizes: Sequence[int], stretch: int = 1
) -> QSplitter:
    """Lay ``panes`` out left to right in ``owner``; pane ``stretch`` takes the extra width."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    for pane in panes:
        splitter.addWidget(pane)
    splitter.setStretchFactor(stretch, 1)
    splitter.setSizes(list(sizes))
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(splitter)
    return splitter


def column(*widgets: tuple[QWidget, int]) -> QWidget:
    """Return a widget with ``widgets`` stacked top to bottom, each ``(widget, stretch)``."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    for widget, stretch in widgets:
        layout.addWidget(widget, stretch)
    return holder
