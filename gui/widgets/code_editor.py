"""A code box that behaves like a notebook cell.

Enter runs the code when it is complete and the cursor is at its end;
otherwise it starts a new line, indented like the one before and one step
more after a colon. Shift+Enter and Ctrl+Enter always run. Up/Down on the
first and last line walk the history of what ran.
"""

from __future__ import annotations

import codeop
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

INDENT = "    "
RUN_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
AFTER_RUN_SELECT = "select"  # the code stays, selected: typing replaces it (a playground's next statement)
AFTER_RUN_NEW_LINE = "new line"  # a new line follows the code: typing goes on with the program


def is_complete(source: str) -> bool:
    """Tell whether ``source`` is ready to run, as Python's interactive prompt decides.

    Code still open (a colon, a bracket, a backslash) is not; neither is a block
    whose last line is indented, until an empty line ends it. Code that cannot
    be read at all is complete: running it shows what is wrong.
    """
    last = source.rsplit("\n", maxsplit=1)[-1]
    if "\n" in source and last[:1] in (" ", "\t") and last.strip():
        return False
    try:
        return codeop.compile_command(source, "<your code>", "exec") is not None
    except (SyntaxError, ValueError, OverflowError):
        return True


def next_line_indent(line: str) -> str:
    """Return the indentation for the line after ``line``: the same, one step more after a colon."""
    indent = line[: len(line) - len(line.lstrip())]
    code = re.sub(r"#.*$", "", line).rstrip()
    return indent + INDENT if code.endswith(":") else indent


class CodeEditor(QPlainTextEdit):
    """Emit ``submitted(code)`` to run; keep a history of what was run.

    ``after_run`` says what an Enter that ran leaves for the next keystrokes:
    :data:`AFTER_RUN_SELECT` or :data:`AFTER_RUN_NEW_LINE`.
    """

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None, after_run: str = AFTER_RUN_SELECT) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTabChangesFocus(False)
        self.after_run = after_run
        self.history: list[str] = []
        self._position = 0
        self._draft = ""

    def remember(self, code: str) -> None:
        """Add ``code`` to the history (not twice in a row)."""
        if code.strip() and (not self.history or self.history[-1] != code):
            self.history.append(code)
        self._position = len(self.history)

    def run(self) -> None:
        """Run the code in the box (as Shift+Enter does)."""
        code = self.toPlainText()
        if code.strip():
            self.remember(code)
            self.submitted.emit(code)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter runs complete code or breaks the line; Shift/Ctrl+Enter run; Up/Down browse history."""
        key, modifiers = event.key(), event.modifiers()
        cursor = self.textCursor()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers & RUN_MODIFIERS:
                self.run()
            elif cursor.atEnd() and is_complete(self.toPlainText()):
                self.run()
                self._after_enter_ran()
            else:
                self.new_line()
            return
        if key == Qt.Key.Key_Tab:
            self.insertPlainText(INDENT)
            return
        if key == Qt.Key.Key_Backspace and self._dedent(cursor):
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

    def new_line(self) -> None:
        """Break the line at the cursor, indenting the new one as Python code needs."""
        cursor = self.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        cursor.insertText("\n" + next_line_indent(before))
        self.setTextCursor(cursor)

    def _after_enter_ran(self) -> None:
        if self.after_run == AFTER_RUN_NEW_LINE:
            if self.textCursor().block().text().strip():
                self.new_line()
        else:
            self.selectAll()

    def _dedent(self, cursor: QTextCursor) -> bool:
        """Delete back to the previous indentation step when only spaces are left of the cursor."""
        before = cursor.block().text()[: cursor.positionInBlock()]
        if cursor.hasSelection() or not before or before.strip() or len(before) % len(INDENT):
            return False
        for _space in INDENT:
            cursor.deletePreviousChar()
        return True

    def _show(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)


def code_box(name: str, read_only: bool = True) -> QPlainTextEdit:
    """Return a plain box for code in a fixed-width font, not wrapped (a lesson cell, an exercise)."""
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setReadOnly(read_only)
    box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    return box
