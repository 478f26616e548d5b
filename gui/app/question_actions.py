"""The window's way to the questions: a Questions menu (asking on or off, this tab's questions) and a
button beside the tabs that says how many questions the tab shown has."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QTabWidget

from gui.questions.book import QuestionBook
from gui.questions.dialog import TabQuestionsDialog

# The questions' name for each of the window's tabs, in the window's order (the Lesson tab asks its own).
TAB_KEYS = ("tensors", "autograd", "train", "draw", None, "results", None, "optimizers")


class QuestionActions(QObject):
    """Build the Questions menu and the button beside the tabs; open a tab's questions."""

    def __init__(self, window: QMainWindow, tabs: QTabWidget, book: QuestionBook) -> None:
        super().__init__(window)
        self.window, self.tabs, self.book = window, tabs, book
        self.dialogs: dict[str, TabQuestionsDialog] = {}
        self.menu = window.menuBar().addMenu("")
        self.menu.setObjectName("questionsMenu")
        self.ask_action = QAction(window, checkable=True)
        self.ask_action.setObjectName("askBeforeShowingAction")
        self.ask_action.setChecked(book.asking)
        self.ask_action.toggled.connect(book.set_asking)
        self.tab_action = QAction(window)
        self.tab_action.setObjectName("tabQuestionsAction")
        self.tab_action.setShortcut(QKeySequence("Ctrl+K"))
        self.tab_action.triggered.connect(self.open_for_current_tab)
        self.menu.addAction(self.ask_action)
        self.menu.addAction(self.tab_action)
        self.button = QPushButton()
        self.button.setObjectName("tabQuestionsButton")
        self.button.setFlat(True)
        self.button.clicked.connect(self.open_for_current_tab)
        tabs.setCornerWidget(self.button)
        tabs.currentChanged.connect(self._show_count)
        book.loaded.connect(self._show_count)

    def current_key(self) -> str | None:
        """Return the questions' name of the tab shown (None for the Lesson tab)."""
        index = self.tabs.currentIndex()
        return TAB_KEYS[index] if 0 <= index < len(TAB_KEYS) else None

    @Slot()
    def open_for_current_tab(self) -> TabQuestionsDialog | None:
        """Show the questions of the tab shown, beside it (one window per tab, kept between opens)."""
        key = self.current_key()
        if key is None:
            QMessageBox.information(
                self.window,
                self.tr("Questions"),
                self.tr(
                    "The Lesson tab asks its questions itself, above each cell's result; the Exercises "
                    "tab has tasks instead of questions."
                ),
            )
            return None
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = self.dialogs[key] = TabQuestionsDialog(self.book, key, self.window)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    @Slot()
    def _show_count(self) -> None:
        key = self.current_key()
        count = len(self.book.for_tab(key)) if key else 0
        self.button.setVisible(count > 0)
        self.button.setText(self.tr("Predict first ({0})").format(count))
        self.button.setToolTip(self.tr("Questions about this tab: answer before you see (Ctrl+K)"))

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.menu.setTitle(self.tr("&Questions"))
        self.ask_action.setText(self.tr("&Ask before showing a lesson cell's result"))
        self.tab_action.setText(self.tr("Questions about &this tab..."))
        self._show_count()
