"""The Train tab's data panel: which MNIST to train on, and getting full MNIST onto this computer."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.base.stored_settings import ChoiceSetting
from core.data.fetch import NetworkLimits, download, import_folder
from core.data.mnist import full_available, raw_folder
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable


class DataPanel(Retranslatable, QGroupBox):
    """The data set choice, Download and Import buttons, and what is on this computer.

    ``choice_changed`` fires when the choice or what is available changes;
    ``error_reported(title, message)`` when getting the data failed.
    """

    choice_changed = Signal()
    error_reported = Signal(str, str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.full_available = False
        self.training = False
        self.use_full_after_run = False  # full MNIST arrived while a run trained on the sample
        self.mirrors: list[str] | None = None  # None: torchvision's
        self.network_limits = NetworkLimits()
        self.runner = JobRunner(self)
        self.status_text: Callable[[], str] | str = ""  # a callable is asked again on a language change
        self._build()
        self.combo.currentIndexChanged.connect(self._on_choice_changed)
        self.download_button.clicked.connect(self.download)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.cancel_button.clicked.connect(self.runner.request_stop)
        self.runner.busy_changed.connect(self._on_busy_changed)
        self.runner.idle.connect(self._on_job_done)
        self._update_buttons()
        self._update_status()
        self.retranslate()
        self.check_full_data()

    def _build(self) -> None:
        self.combo = QComboBox()
        self.combo.setObjectName("dataCombo")
        self.combo.addItem("", "sample")
        self.combo.addItem("", "full")
        self.download_button = QPushButton()
        self.download_button.setObjectName("downloadButton")
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelDataButton")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("dataStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.download_button, self.import_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.combo)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        """Set every text in the current language; the choice and a running job stay."""
        self.setTitle(self.tr("Data"))
        self.combo.setAccessibleName(self.tr("Data set"))
        self.combo.setToolTip(
            self.tr("The bundled sample works offline; full MNIST must be downloaded or imported")
        )
        self.combo.setItemText(0, self.tr("Bundled sample (10,000 images)"))
        self.combo.setItemText(1, self.tr("Full MNIST (60,000 images)"))
        self.download_button.setText(self.tr("Download..."))
        self.download_button.setToolTip(
            self.tr("Download full MNIST from torchvision's mirrors (about 11 MB)")
        )
        self.import_button.setText(self.tr("Import folder..."))
        self.import_button.setToolTip(
            self.tr("Import full MNIST from a folder holding its four files (.gz or not)")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_status(self.status_text)

    def _show_status(self, text: Callable[[], str] | str) -> None:
        self.status_text = text
        self.status.setText(text() if callable(text) else text)

    # ----- what the tab asks ------------------------------------------------------------------
    def choice(self) -> str:
        """Return ``"sample"`` or ``"full"``."""
        return self.combo.currentData()

    def set_choice(self, choice: str) -> None:
        """Choose a data set (an unknown choice is ignored)."""
        index = self.combo.findData(choice)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def choice_rule(self) -> ChoiceSetting:
        """Return the data sets the choice accepts, to check a stored choice against."""
        return ChoiceSetting(tuple(self.combo.itemData(index) for index in range(self.combo.count())))

    def is_ready(self) -> bool:
        """Tell whether the chosen set can be trained on now."""
        return self.choice() != "full" or self.full_available

    def data_label(self) -> str:
        """Name the chosen set for the status bar."""
        if self.choice() == "full":
            return self.tr("Full MNIST") if self.full_available else self.tr("Full MNIST (not present)")
        return self.tr("Bundled MNIST sample")

    def set_training(self, training: bool) -> None:
        """Keep the choice and the data as they are while a run trains on them.

        Full MNIST that arrived meanwhile becomes the choice once the run has ended.
        """
        self.training = training
        self._update_buttons()
        if not training and self.use_full_after_run:
            self.use_full_after_run = False
            self.set_choice("full")
            self._update_status()

    # ----- jobs -------------------------------------------------------------------------------
    def check_full_data(self) -> None:
        """Find out, in a worker, whether full MNIST is on this computer."""
        self.runner.run_task(partial(full_available, self.data_dir), self._on_full_checked, self._on_failed)

    @Slot()
    def download(self) -> None:
        """Download full MNIST in a worker, with progress; Cancel stops it."""
        task = partial(download, self.data_dir, mirrors=self.mirrors, limits=self.network_limits)
        self._start_install(task, self._downloading_text)

    def _downloading_text(self) -> str:
        return self.tr("Downloading full MNIST...")

    def _importing_text(self, folder: Path) -> str:
        return self.tr("Checking and importing {0}...").format(folder)

    def import_from(self, folder: Path) -> None:
        """Check and import the four MNIST files from ``folder`` in a worker; Cancel stops it."""
        self._start_install(
            partial(import_folder, folder, self.data_dir), partial(self._importing_text, folder)
        )

    def _start_install(self, task: partial, busy_text: Callable[[], str]) -> None:
        started = self.runner.run_task(
            task,
            self._on_full_installed,
            self._on_failed,
            on_progress=self._on_progress,
            on_cancelled=self._on_cancelled,
        )
        if started:
            self.progress.setRange(0, 0)
            self.progress.setVisible(True)
            self._show_status(busy_text)

    @Slot()
    def _on_import_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with the four MNIST files"))
        if folder:
            self.import_from(Path(folder))

    @Slot(str, int, int)
    def _on_progress(self, name: str, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("{0}: %p%").format(name))

    @Slot(object)
    def _on_full_checked(self, available: bool) -> None:
        self.full_available = bool(available)
        if self.full_available and not self.training:
            self.set_choice("full")  # full MNIST on this computer is the data in use; the sample a click away
        self._update_status()
        self.choice_changed.emit()

    @Slot(object)
    def _on_full_installed(self, _: object) -> None:
        self.full_available = True
        if self.training:  # the run in progress keeps the data it started with
            self.use_full_after_run = True
            self._show_status(self._ready_after_run_text)
            return
        self.set_choice("full")
        self._update_status()
        self.choice_changed.emit()

    def _ready_after_run_text(self) -> str:
        return self.tr(
            "Full MNIST is ready in {0}. The run in progress keeps its data; the next run uses full MNIST."
        ).format(raw_folder(self.data_dir))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._show_status(message)
        self.error_reported.emit(self.tr("MNIST could not be fetched"), message)

    @Slot()
    def _on_cancelled(self) -> None:
        self._show_status(self._cancelled_text)

    def _cancelled_text(self) -> str:
        return self.tr("Cancelled; nothing was kept.")

    @Slot()
    def _on_job_done(self) -> None:
        self.progress.setVisible(False)

    # ----- showing the state ------------------------------------------------------------------
    @Slot()
    def _on_choice_changed(self) -> None:
        self._update_status()
        self.choice_changed.emit()

    @Slot(bool)
    def _on_busy_changed(self, _: bool) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.runner.busy
        self.combo.setEnabled(not self.training)
        self.download_button.setEnabled(not self.training and not busy)
        self.import_button.setEnabled(not self.training and not busy)
        self.cancel_button.setVisible(busy)

    def _update_status(self) -> None:
        self._show_status(self._state_text)

    def _state_text(self) -> str:
        if self.choice() == "full" and not self.full_available:
            text = self.tr(
                "Full MNIST is not on this computer yet. Download it, or import a folder with its four files."
            )
        elif self.choice() == "full":
            text = self.tr("Full MNIST is ready in {0}.").format(raw_folder(self.data_dir))
        else:
            text = self.tr("The sample is real MNIST, bundled with the app: it works offline.")
        return text
