"""The Draw tab's "Code" page: the reading as code, beside the images each step makes."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from core.export.draw_script import code_text, prepare
from core.models.digits import INK_THRESHOLD
from gui.base.language import Retranslatable
from gui.draw.pixel_view import PixelView


class DrawCodePanel(Retranslatable, QWidget):
    """The code of :func:`core.export.draw_script.prepare` and the prediction, and its three images."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QPlainTextEdit()
        self.code.setObjectName("drawCode")
        self.code.setReadOnly(True)
        self.code.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # a narrow column
        self.code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.crop_view, self.box_view, self.input_view = PixelView(28), PixelView(20), PixelView(28)
        self.captions = [QLabel() for _ in range(3)]
        images = QGridLayout()
        for column, (view, caption) in enumerate(
            zip((self.crop_view, self.box_view, self.input_view), self.captions, strict=True)
        ):
            view.setMinimumSize(84, 84)
            caption.setWordWrap(True)
            images.addWidget(view, 0, column)
            images.addWidget(caption, 1, column)
        layout = QVBoxLayout(self)
        layout.addLayout(images)
        layout.addWidget(self.code, 1)
        self.shapes: tuple[tuple[int, ...], ...] = ()  # of the images shown: crop, box, input
        self.retranslate()

    def retranslate(self) -> None:
        """Set the captions and the code's comments in the current language (the code stays code)."""
        scroll = self.code.verticalScrollBar().value()
        self.code.setPlainText(code_text())
        self.code.verticalScrollBar().setValue(scroll)
        self.code.setAccessibleName(self.tr("The reading as code"))
        self.code.setToolTip(self.tr("The code that turns the drawing into the network's input and reads it"))
        for caption, text in zip(
            self.captions,
            (
                self.tr("1. crop: the ink only"),
                self.tr("2. box: scaled into 20x20"),
                self.tr("3. x: centred by mass in 28x28"),
            ),
            strict=True,
        ):
            caption.setText(text)

    def show_drawing(self, pixels: np.ndarray) -> None:
        """Run :func:`prepare` on the drawing and show its three images (black when there is no ink)."""
        array = np.asarray(pixels, dtype=np.float32)
        if array.size == 0 or not ((array / 255 if array.max() > 1 else array) > INK_THRESHOLD).any():
            for view in (self.crop_view, self.box_view, self.input_view):
                view.set_array(None)
            self.shapes = ()
            return
        crop, box, x = prepare(pixels)
        self.crop_view.set_array(crop.numpy())
        self.box_view.set_array(box.numpy())
        self.input_view.set_array(x[0, 0].numpy())
        self.shapes = (tuple(crop.shape), tuple(box.shape), tuple(x.shape))
