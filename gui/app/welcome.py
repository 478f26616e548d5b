"""The first window's word on where to start: the lesson begins at the Lesson tab's cell 1.

Shown once, when the app first opens (remembered in the settings); Help → Welcome
shows it again. It never blocks the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.base.language import Retranslatable
from gui.base.stored_values import stored_value

if TYPE_CHECKING:
    from gui.app.window import MainWindow

SHOWN_KEY = "welcome/shown"


class WelcomeDialog(Retranslatable, QDialog):
    """A few lines on the lesson's path, with a button that opens cell 1."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("welcome")
        self.window_ = window
        self.text = QLabel()
        self.text.setObjectName("welcomeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.start_button = QPushButton()
        self.start_button.setObjectName("welcomeStartButton")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_lesson)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    @Slot()
    def start_lesson(self) -> None:
        """Open the Lesson tab at cell 1 and close."""
        lesson = self.window_.lesson_tab
        self.window_.tabs.setCurrentWidget(lesson)
        lesson.cells.setCurrentRow(0)
        self.accept()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setWindowTitle(self.tr("Welcome to PyTorch Basics"))
        self.start_button.setText(self.tr("Start with cell 1"))
        self.text.setText(
            self.tr(
                "<p>The lesson starts in the <b>Lesson</b> tab, at cell 1: each cell opens in the tab "
                "that shows it, and asks you to predict its result first.</p>"
                "<p>A path through the app: the cells on tensors (1–11) in the Tensors tab, autograd "
                "(12–18) in the Autograd tab, then train the lesson's network (cell 26) in the Train "
                "tab and draw a digit for it in the Draw tab. The Exercises tab has tasks that check "
                "themselves.</p><p>Help → Welcome shows this again.</p>"
            )
        )


def show_welcome(window: MainWindow) -> WelcomeDialog:
    """Show the welcome (it stays until closed; the window can be used meanwhile)."""
    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_welcome_once(window: MainWindow) -> WelcomeDialog | None:
    """Show the welcome the first time the app opens; remember that it was shown."""
    if str(stored_value(window.settings, SHOWN_KEY)).lower() == "true":
        return None
    window.settings.setValue(SHOWN_KEY, "true")
    return show_welcome(window)
