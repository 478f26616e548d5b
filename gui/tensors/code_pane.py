"""The Tensors tab's middle pane: the code box and its buttons, what ran, the error, the values."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.base.language import Retranslatable
from gui.base.theme import error_colour, note_colour
from gui.tensors.steps_pane import monospace
from gui.widgets.code_editor import CodeEditor
from gui.widgets.tensor_view import TensorView

SHOWN_CHARACTERS = 400  # of an error, on screen; the rest one click away


class ErrorLabel(Retranslatable, QLabel):
    """The error of the last run (hidden when there is none), with the original message as its tooltip.

    A callable message is asked again when the language changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message: str | Callable[[], str] | None = None
        self.detail: str | None = None
        self.setObjectName("tensorError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.linkActivated.connect(self.show_whole_message)
        self.setVisible(False)
        self.retranslate()

    def show_error(self, message: str | Callable[[], str] | None, detail: str | None = None) -> None:
        """Show ``message`` (or hide the error), with ``detail``, the original message, as the tooltip."""
        self.message, self.detail = message, detail
        self._render()

    def retranslate(self) -> None:
        """Show the message again in the current language."""
        self.setAccessibleName(self.tr("Error message"))
        self._render()

    @Slot()
    def show_whole_message(self) -> None:
        """Show the whole message in a box of its own, scrollable."""
        message = self.message() if callable(self.message) else self.message
        first = (message or "")[:SHOWN_CHARACTERS] + "…"
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Error message"), first)
        box.setObjectName("wholeErrorMessage")
        box.setDetailedText(message or "")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _render(self) -> None:
        message = self.message() if callable(self.message) else self.message
        self.setVisible(bool(message))
        if message:
            self.setStyleSheet(f"color: {error_colour()};")
            text = "⚠ " + html.escape(message[:SHOWN_CHARACTERS], quote=False).replace("\n", "<br>")
            if len(message) > SHOWN_CHARACTERS:  # a few lines on screen, never a long text laid out whole
                text += f"… <a href='all'>{html.escape(self.tr('show the whole message'))}</a>"
            self.setText(text)
            detail = self.detail
            self.setToolTip(self.tr("Original message: {0}").format(detail) if detail else "")


class CodePane(Retranslatable, QWidget):
    """The code box with Run, Stop and Reset; the code that ran; the error, a note, the values, the output.

    The tab runs the code: it connects the buttons and the code box's ``submitted``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        code_row, ran_row = self._build_code_row(), self._build_ran_row()
        self.error = ErrorLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.output = monospace(QPlainTextEdit())
        self.output.setReadOnly(True)
        self.output.setObjectName("tensorOutput")
        self.output.setMaximumHeight(120)
        self.view = TensorView()
        self.view.setObjectName("tensorView")
        self.output_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(code_row)
        layout.addLayout(ran_row)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.output_label)
        layout.addWidget(self.output, 1)
        self.retranslate()

    def _build_code_row(self) -> QHBoxLayout:
        self.code = CodeEditor()
        self.code.setObjectName("tensorCode")
        self.code.setMaximumHeight(90)
        self.run_button = QPushButton()
        self.run_button.setObjectName("tensorRunButton")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("tensorStopButton")
        self.stop_button.setEnabled(False)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("tensorResetButton")
        buttons = QVBoxLayout()
        for button in (self.run_button, self.stop_button, self.reset_button):
            buttons.addWidget(button)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addLayout(buttons)
        return code_row

    def _build_ran_row(self) -> QHBoxLayout:
        self.ran = monospace(QPlainTextEdit())
        self.ran.setReadOnly(True)
        self.ran.setMaximumHeight(64)
        self.ran.setObjectName("tensorRanCode")
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.ran_label = QLabel()
        ran_row = QHBoxLayout()
        ran_row.addWidget(self.ran_label)
        ran_row.addWidget(self.ran, 1)
        ran_row.addWidget(self.copy_button)
        self.copy_script_button = QPushButton()
        self.copy_script_button.setObjectName("tensorCopyScriptButton")
        ran_row.addWidget(self.copy_script_button)
        return ran_row

    def retranslate(self) -> None:
        """Set every text in the current language; the code and the results stay."""
        self._retranslate_code_row()
        self.ran_label.setText(self.tr("Ran:"))
        self.ran.setAccessibleName(self.tr("Code that ran"))
        self.ran.setToolTip(self.tr("Exactly the code that ran; select to copy"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the code that ran"))
        self.copy_script_button.setText(self.tr("Copy as script"))
        self.copy_script_button.setToolTip(
            self.tr(
                "Copy everything run so far as one Python script (what failed is left out, with a comment)"
            )
        )
        self.output_label.setText(self.tr("Output"))
        self.output.setAccessibleName(self.tr("Output"))
        self.view.setAccessibleName(self.tr("Tensor view"))
        self.view.setToolTip(self.tr("The values, coloured by size; yellow cells changed in place"))

    def _retranslate_code_row(self) -> None:
        self.code.setAccessibleName(self.tr("Code"))
        self.code.setToolTip(
            self.tr(
                "Type PyTorch code, as in a notebook cell. Enter runs it when it is complete and adds a "
                "line when it is not (after a colon, an open bracket); Shift+Enter or Ctrl+Enter always "
                "runs. Up/Down show history."
            )
        )
        self.code.setPlaceholderText(
            self.tr("e.g.  x = torch.rand(5, 3)      (Enter runs complete code; Shift+Enter always runs)")
        )
        for button, text in (
            (self.run_button, self.tr("Run")),
            (self.stop_button, self.tr("Stop")),
            (self.reset_button, self.tr("Reset")),
        ):
            button.setText(text)
            button.setAccessibleName(text)
        self.run_button.setToolTip(self.tr("Run the code (Shift+Enter)"))
        self.stop_button.setToolTip(self.tr("Stop the code that is running (its variables are lost)"))
        self.reset_button.setToolTip(self.tr("Start over: forget every variable, as a fresh Python would"))

    @Slot(bool)
    def set_busy(self, busy: bool) -> None:
        """Let Stop act while code runs, Run and Reset while none does."""
        self.run_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.reset_button.setEnabled(not busy)

    def show_note(self, note: str | None) -> None:
        """Show ``note`` (a remark on the run, already in the current language), or hide it."""
        self.note.setVisible(bool(note))
        if note:
            self.note.setStyleSheet(f"color: {note_colour()};")
            self.note.setText(note)

    @Slot()
    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.ran.toPlainText())
