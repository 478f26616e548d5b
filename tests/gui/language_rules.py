"""What "the window speaks Chinese" and "the window speaks English" mean, checked text by text.

A text is Chinese when it holds a CJK ideograph, or when every run of Latin
letters in it is a name the lesson writes the same way in both languages
(code such as ``requires_grad`` or ``float32``, and names such as ``LeNet``).
A text is English when it holds no CJK ideograph. The Language menu names
each language in itself (``English``, ``简体中文``), so that a learner who
cannot read the current language finds theirs: those two actions are left out.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
HTML_TAG = re.compile(r"<[^>]+>|&nbsp;|&amp;")
# Written the same in both languages: code, and the names of products, data sets and networks.
SAME_IN_BOTH = {
    "PyTorch",
    "MNIST",
    "LeNet",
    "MLP",
    "ReLU",
    "SGD",
    "Adam",
    "AdamW",
    "RMSprop",
    "CPU",
    "GPU",
    "CUDA",
    "MPS",
    "cpu",
    "cuda",
    "mps",
    "print",
    "net",
    "torch",
    "torch.Tensor",
    "x",
    "requires_grad",
    "dtype",
    "grad_fn",
    "numpy",
}
CODE_WORD = re.compile(r"(b?float|u?int|bool|complex)\d*|\w+Backward\d*|AccumulateGrad")
LANGUAGE_ACTIONS = {"language_en", "language_zh_CN"}


def words(text: str) -> list[str]:
    """Return the runs of Latin letters in ``text`` (HTML tags and entities left out)."""
    return LATIN_WORD.findall(HTML_TAG.sub(" ", text))


def is_chinese(text: str) -> bool:
    """Tell whether ``text`` reads as Chinese (see the module's rule)."""
    return bool(CJK.search(text)) or all(
        word in SAME_IN_BOTH or CODE_WORD.fullmatch(word) for word in words(text)
    )


def is_english(text: str) -> bool:
    """Tell whether ``text`` reads as English: no CJK ideograph."""
    return not CJK.search(text)


def _widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    name = f"{type(widget).__name__} {widget.objectName()!r}"
    texts = [(f"{name} tooltip", widget.toolTip()), (f"{name} accessible name", widget.accessibleName())]
    if isinstance(widget, QLabel):
        texts.append((f"{name} text", widget.text()))
    if isinstance(widget, QAbstractButton):
        texts.append((f"{name} text", widget.text()))
    if isinstance(widget, QGroupBox):
        texts.append((f"{name} title", widget.title()))
    if isinstance(widget, QPlainTextEdit):
        texts.append((f"{name} placeholder", widget.placeholderText()))
    if isinstance(widget, QComboBox):
        texts += [(f"{name} item {i}", widget.itemText(i)) for i in range(widget.count())]
    if isinstance(widget, QTabWidget):
        texts += [(f"{name} tab {i}", widget.tabText(i)) for i in range(widget.count())]
    if isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(column)
            texts.append((f"{name} header {column}", item.text() if item else ""))
    return texts


def visible_texts(window: QMainWindow) -> list[tuple[str, str]]:
    """Return (where, text) for every text the window shows, on every tab, its menus included."""
    texts: list[tuple[str, str]] = []
    tabs = window.findChild(QTabWidget, "tabs")
    current = tabs.currentIndex()
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        for widget in window.findChildren(QWidget):
            if widget.isVisibleTo(window) and not widget.objectName().startswith("qt_"):
                texts += _widget_texts(widget)
    tabs.setCurrentIndex(current)
    for menu in (window.file_menu, window.language_menu, window.help_menu):
        texts.append((f"menu {menu.objectName()}", menu.title()))
        texts += [
            (f"action {action.objectName() or action.text()!r}", action.text())
            for action in menu.actions()
            if not action.isSeparator() and action.objectName() not in LANGUAGE_ACTIONS
        ]
    for name in ("lossPlot", "accuracyPlot"):
        plot = window.findChild(QWidget, name).getPlotItem()
        texts.append((f"{name} title", plot.titleLabel.text))
        texts += [(f"{name} {side} axis", plot.getAxis(side).labelText) for side in ("left", "bottom")]
    texts.append(("status bar", " ".join(label.text() for label in window.statusBar().findChildren(QLabel))))
    return [(where, text) for where, text in texts if text.strip()]


def not_chinese(window: QMainWindow) -> list[tuple[str, str]]:
    """Return the texts of ``window`` that do not read as Chinese."""
    return [(where, text) for where, text in visible_texts(window) if not is_chinese(text)]


def not_english(window: QMainWindow) -> list[tuple[str, str]]:
    """Return the texts of ``window`` that do not read as English."""
    return [(where, text) for where, text in visible_texts(window) if not is_english(text)]
