import sys
import threading

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton

from core.base import logs
from tests.gui.waiting import wait_idle


class UrlCatcher(QObject):
    """Stand in for the desktop's file opener, through Qt's own hook for it."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def log_path(tmp_path):
    path = logs.configure_logging(tmp_path / "logs" / "pytorch-basics.log")
    yield path
    logs.close_log()


def error_boxes(window) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox, "errorMessage") if box.isVisible()]


def test_a_failure_is_logged_and_its_message_offers_to_open_the_log(qtbot, window, tmp_path, log_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"garbage")
    window.files.load_model_file(str(bad))
    wait_idle(qtbot, window.files.runner, 10_000)
    (box,) = error_boxes(window)
    assert box.windowTitle() == "The model could not be loaded" and "bad.pt is damaged" in box.text()
    assert str(log_path) in box.informativeText()
    assert "bad.pt is damaged" in log_path.read_text(encoding="utf-8")
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open_url")
    try:
        qtbot.mouseClick(box.findChild(QPushButton, "openLogButton"), Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert catcher.urls == [QUrl.fromLocalFile(str(log_path))]


def test_an_uncaught_exception_in_any_thread_is_logged_and_shown(qtbot, window, log_path, monkeypatch):
    from gui.app.startup import report_unexpected_errors

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    report_unexpected_errors(window)

    def fail() -> None:
        raise RuntimeError("a bug nobody caught")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(error_boxes(window)) == 1, timeout=5_000)
    (box,) = error_boxes(window)
    assert box.text() == "Unexpected error: RuntimeError: a bug nobody caught"
    text = log_path.read_text(encoding="utf-8")
    assert "Traceback" in text and "in fail" in text
