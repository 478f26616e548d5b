"""The Train tab's "Code" page: the run as the PyTorch script that would reproduce it, and its export."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.data.mnist import SAMPLE_PATH
from core.export.train_export import changed_lines, write_export
from core.export.train_script import python_script
from core.models.config import TrainConfig
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable

HIGHLIGHT = QColor(255, 236, 153)  # a highlighter's yellow, readable under dark text


class CodePanel(Retranslatable, QWidget):
    """Show the script for the current settings; highlight what the last change of a setting changed.

    ``files_written(paths)`` and ``error_reported(title, message)`` tell the window how an export went.
    """

    files_written = Signal(object)
    error_reported = Signal(str, str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = JobRunner(self)
        self.code = QPlainTextEdit()
        self.code.setObjectName("trainCode")
        self.code.setReadOnly(True)
        self.code.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportScriptButton")
        self.export_button.clicked.connect(self.export_dialog)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.code, 1)
        self.config: TrainConfig | None = None
        self.highlighted: list[int] = []  # line numbers (from 0) of the last change
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (the code stays code)."""
        self.code.setAccessibleName(self.tr("The training script"))
        self.code.setToolTip(self.tr("The PyTorch script for the current settings"))
        self.note.setText(
            self.tr(
                "The PyTorch program this run is: it trains exactly as the app does. "
                "Lines the last change of a setting changed are highlighted."
            )
        )
        self.export_button.setText(self.tr("E&xport as script..."))
        self.export_button.setToolTip(self.tr("Save this program as a Python script or a Jupyter notebook"))

    def show_config(self, config: TrainConfig) -> None:
        """Show the script for ``config``, highlighting the lines that differ from the one shown before."""
        before = self.code.toPlainText()
        text = self._script(config)
        if text == before:
            return
        self.config = config
        scroll = self.code.verticalScrollBar().value()
        self.code.setPlainText(text)
        self.highlighted = changed_lines(before, text) if before else []
        selections = []
        for line in self.highlighted:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(self.code.document().findBlockByNumber(line))
            selection.format.setBackground(HIGHLIGHT)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selections.append(selection)
        self.code.setExtraSelections(selections)
        if self.highlighted:
            self.code.setTextCursor(QTextCursor(self.code.document().findBlockByNumber(self.highlighted[0])))
            self.code.centerCursor()
        else:
            self.code.verticalScrollBar().setValue(scroll)

    def _script(self, config: TrainConfig) -> str:
        return python_script(config, config.data, SAMPLE_PATH, self.data_dir)

    @Slot()
    def export_dialog(self) -> None:
        """Ask where to save the script (.py) or notebook (.ipynb), then write it."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export as script"),
            "train.py",
            self.tr("Python script (*.py);;Jupyter notebook (*.ipynb)"),
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        """Write the shown script to ``path`` (a notebook for ``.ipynb``) in a worker thread."""
        if self.config is None:
            return
        task = partial(write_export, path, self.config, self.config.data, SAMPLE_PATH, self.data_dir)
        if not self.runner.run_task(task, self._on_written, self._on_failed):
            self.error_reported.emit(
                self.tr("The script could not be exported"),
                self.tr("The previous export is still being written. Wait a moment, then export again."),
            )

    @Slot(object)
    def _on_written(self, files: list[str]) -> None:
        self.files_written.emit(files)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.error_reported.emit(self.tr("The script could not be exported"), message)
