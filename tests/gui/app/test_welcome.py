"""The first window says where the lesson starts, once; Help → Welcome shows it again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.app.welcome import SHOWN_KEY, show_welcome_once


def test_the_welcome_shows_once_and_opens_cell_1(qtbot, window, settings):
    assert settings.value(SHOWN_KEY) is None
    window.tabs.setCurrentWidget(window.lesson_tab)
    window.lesson_tab.cells.setCurrentRow(9)
    window.tabs.setCurrentWidget(window.tensors_tab)
    dialog = show_welcome_once(window)
    assert dialog is not None and dialog.isVisible() and "cell 1" in dialog.text.text()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.lesson_tab and window.lesson_tab.current_cell().number == 1
    assert show_welcome_once(window) is None and settings.value(SHOWN_KEY) == "true"
    window.welcome_action.trigger()  # asked for again
    shown = [d for d in window.findChildren(type(dialog), "welcome") if d.isVisible()]
    assert len(shown) == 1
    shown[0].close()
