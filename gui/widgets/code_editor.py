"""A small code box: Enter runs, Shift+Enter adds a line, Up/Down walk the history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class CodeEditor(QPlainTextEdit):
    """Emit ``submitted(code)`` on Enter; keep a history of what was run."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTabChangesFocus(False)
        self.history: list[str] = []
        self._position = 0
        self._draft = ""

    def remember(self, code: str) -> None:
        """Add ``code`` to the history (not twice in a row)."""
        if code.strip() and (not self.history or self.history[-1] != code):
            self.history.append(code)
        self._position = len(self.history)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter submits, Shift+Enter breaks the line, Up/Down on the edge lines browse history."""
        key, modifiers = event.key(), event.modifiers()
        cursor = self.textCursor()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers & Qt.KeyboardModifier.ShiftModifier:
            code = self.toPlainText()
            if code.strip():
                self.remember(code)
                self.submitted.emit(code)
            return
        if key == Qt.Key.Key_Tab:
            self.insertPlainText("    ")
            return
        if key == Qt.Key.Key_Up and cursor.blockNumber() == 0 and self.history:
            if self._position == len(self.history):
                self._draft = self.toPlainText()
            self._position = max(0, self._position - 1)
            self._show(self.history[self._position])
            return
        if key == Qt.Key.Key_Down and cursor.blockNumber() == self.blockCount() - 1 and self.history:
            self._position = min(len(self.history), self._position + 1)
            self._show(self.history[self._position] if self._position < len(self.history) else self._draft)
            return
        super().keyPressEvent(event)

    def _show(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)
