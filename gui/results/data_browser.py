"""The training and test images as the network receives them, a page at a time, filtered by label."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.data.mnist import MnistData
from core.data.view import DataPage, data_page
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable
from gui.results.mosaic_view import MosaicView

PAGE_SIZE = 96
PAGE_COLUMNS = 12


class DataBrowser(Retranslatable, QWidget):
    """A grid of one split's images with their labels; each page is picked and preprocessed in a worker."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataBrowser")
        self.data: MnistData | None = None
        self.page: DataPage | None = None
        self.page_number = 0
        self.wanted = False  # a request came while a page was being made
        self.stale = False  # the page asked for while the browser was hidden
        self.runner = JobRunner(self)
        self.runner.idle.connect(self._on_runner_idle)
        self.split_box = QComboBox()
        self.split_box.setObjectName("dataSplit")
        self.split_box.addItems(["", ""])
        self.label_box = QComboBox()
        self.label_box.setObjectName("dataLabel")
        self.label_box.addItem("")
        self.label_box.addItems([str(d) for d in range(10)])
        self.augment_box = QCheckBox()
        self.augment_box.setObjectName("dataAugment")
        self.more_button = QPushButton()
        self.more_button.setObjectName("dataMoreButton")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.mosaic = MosaicView()
        self.mosaic.setObjectName("dataMosaic")
        controls = QHBoxLayout()
        controls.addWidget(self.split_box)
        controls.addWidget(self.label_box)
        controls.addWidget(self.augment_box)
        controls.addStretch(1)
        controls.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.mosaic, 1)
        for box in (self.split_box, self.label_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.augment_box.toggled.connect(self._on_filter_changed)
        self.more_button.clicked.connect(self.next_page)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.split_box.setItemText(0, self.tr("Training images"))
        self.split_box.setItemText(1, self.tr("Test images"))
        self.label_box.setItemText(0, self.tr("All digits"))
        self.label_box.setToolTip(self.tr("Show only the images with this label"))
        self.augment_box.setText(self.tr("With augmentation"))
        self.augment_box.setToolTip(
            self.tr(
                "Show the training images randomly shifted, turned and "
                "thickened, as training with augmentation does"
            )
        )
        self.more_button.setText(self.tr("Other images"))
        self.more_button.setToolTip(self.tr("Show another page of images"))
        self.setToolTip(
            self.tr(
                "Exactly what the network receives: each image as the floats in [0, 1] it reads, "
                "with its label in the corner."
            )
        )
        self._show_status()

    def _show_status(self) -> None:
        if self.data is None:
            self.status.setText(self.tr("Loading the images..."))
        elif self.page is not None:
            self.status.setText(
                self.tr("{0}: showing {1} of {2} images.").format(
                    self.data.description, len(self.page.indices), self.page.matching
                )
            )

    def set_data(self, data: MnistData) -> None:
        """Browse ``data`` (the set training uses), from its first page."""
        self.data = data
        self.page_number = 0
        self.refresh()

    def label_filter(self) -> int | None:
        """Return the digit shown, or None for all."""
        index = self.label_box.currentIndex()
        return None if index <= 0 else index - 1

    @Slot()
    def _on_filter_changed(self) -> None:
        self.page_number = 0
        self.refresh()

    @Slot()
    def next_page(self) -> None:
        """Show other images that pass the filter."""
        self.page_number += 1
        self.refresh()

    def refresh(self) -> None:
        """Make the page the controls ask for, in a worker (later requests wait for it)."""
        if self.data is None:
            return
        self.stale = not self.isVisible()
        if self.stale:  # made when the browser shows: nothing to do for a hidden tab
            return
        if self.runner.busy:
            self.wanted = True
            return
        split = self.data.train if self.split_box.currentIndex() == 0 else self.data.test
        task = partial(
            data_page, split, self.label_filter(), PAGE_SIZE, self.page_number, self.augment_box.isChecked()
        )
        self.runner.run_task(task, self._on_page_ready, self._on_failed)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Make the page asked for while hidden."""
        super().showEvent(event)
        if self.stale:
            self.refresh()

    @Slot(object)
    def _on_page_ready(self, page: DataPage) -> None:
        self.page = page
        captions = [str(int(label)) for label in page.labels]
        self.mosaic.set_tiles(page.images, PAGE_COLUMNS, captions)
        self._show_status()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status.setText(message)

    @Slot()
    def _on_runner_idle(self) -> None:
        if self.wanted:
            self.wanted = False
            self.refresh()
