"""What the learner's own run of a cell printed, kept beside what the lesson printed.

A cell runs in its tab; that tab's output box (the Tensors and Autograd tabs'
output, the Train tab's log) is followed from the moment the Lesson tab runs the
cell until another cell runs, and each cell keeps the last result it gave. The
text is read when the box changes, but only copied while this pane is on screen
(a training log changes ten times a second while the learner watches the curves).
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from gui.base.language import Retranslatable
from gui.widgets.code_editor import code_box


class YourResult(Retranslatable, QWidget):
    """A title and a read-only box with the last output of the cell shown, from its tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.box = code_box("lessonYourResult")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.box, 1)
        self.results: dict[int, str] = {}  # each cell's last result
        self.shown_cell: int | None = None
        self.source: QPlainTextEdit | None = None  # the tab's box the running cell writes to
        self.source_cell: int | None = None
        self.first_line = 0  # in the source, where this cell's output begins
        self.stale = False  # the source changed while this pane was not on screen
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language (the results stay as printed)."""
        self.label.setText(self.tr("What your run printed:"))
        self.box.setAccessibleName(self.tr("What your run printed"))
        self.box.setPlaceholderText(self.tr("(run the cell: what it prints for you appears here)"))

    def follow(self, cell: int, source: QPlainTextEdit, from_end: bool = False) -> None:
        """Follow ``source`` as cell ``cell``'s output; ``from_end``: only what it writes from now on
        (a log that keeps the earlier runs' lines), else its whole text each time it is set."""
        if self.source is not None and self.source is not source:
            self.source.textChanged.disconnect(self._on_source_changed)
        if self.source is not source:
            source.textChanged.connect(self._on_source_changed)
        self.source, self.source_cell = source, cell
        self.first_line = source.document().blockCount() if from_end and source.toPlainText() else 0
        self._show()

    def show_cell(self, cell: int) -> None:
        """Show what cell ``cell`` printed when the learner last ran it, or the placeholder."""
        self.shown_cell = cell
        self._show()

    @Slot()
    def _on_source_changed(self) -> None:
        if self.isVisible():
            self._copy()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Catch up with what the followed box printed while this pane was hidden."""
        super().showEvent(event)
        if self.stale:
            self._copy()

    def _copy(self) -> None:
        self.stale = False
        if self.source is None or self.source_cell is None:
            return
        lines = self.source.toPlainText().split("\n")
        self.results[self.source_cell] = "\n".join(lines[min(self.first_line, len(lines)) :]).strip("\n")
        self._show()

    def _show(self) -> None:
        text = self.results.get(self.shown_cell, "") if self.shown_cell is not None else ""
        if self.box.toPlainText() != text:
            self.box.setPlainText(text)
