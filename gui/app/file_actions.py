"""The File menu's actions: load and save a model, export the curves; all file work runs in a worker."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from core.base.safe_files import write_bytes_atomically
from core.models.checkpoint import save_model, save_state_dict
from core.models.trained import TrainedModel, load_trained
from gui.base.jobs import JobRunner

if TYPE_CHECKING:
    from gui.app.window import MainWindow


def save_checkpoint(
    model: Any, path: str, metadata: dict[str, Any], state_dict_only: bool = False
) -> list[str]:
    """Write ``model`` with ``metadata``, or its state_dict alone, to ``path`` (in a worker).

    Return the files written.
    """
    if state_dict_only:
        save_state_dict(model, path)
    else:
        save_model(model, path, metadata)
    return [path]


def write_curve_files(stem: Path, images: dict[str, QImage], csv_text: str) -> list[str]:
    """Write ``STEM-<plot>.png`` for each image and ``STEM.csv`` (in a worker); return the files written.

    Each file is written whole or not at all (a full disk leaves no half image).
    """
    written = []
    for name, image in images.items():
        target = f"{stem}-{name}.png"
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise OSError(
                0, QCoreApplication.translate("FileActions", "Could not write {0}").format(target), target
            )
        write_bytes_atomically(target, data.data())
        written.append(target)
    write_bytes_atomically(f"{stem}.csv", csv_text.encode("utf-8"))
    return [*written, f"{stem}.csv"]


class FileActions(QObject):
    """What the File menu does, for ``window``: one file job at a time, its failure shown in a message box."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.runner = JobRunner(self)
        self.failure_title = ""

    def _run_file_task(
        self, task: Callable[[], Any], on_success: Callable[[Any], None], failure_title: str
    ) -> None:
        if self.runner.busy:
            self.window.statusBar().showMessage(
                self.tr("Please wait: a file operation is still running."), 5000
            )
            return
        self.failure_title = failure_title
        self.runner.run_task(task, on_success, self._on_file_task_failed)

    @Slot(str)
    def _on_file_task_failed(self, message: str) -> None:
        self.window.show_error(self.failure_title, message)

    @Slot(object)
    def on_files_written(self, files: list[str]) -> None:
        self.window.statusBar().showMessage(
            self.tr("Saved {0}.").format(", ".join(Path(f).name for f in files)), 8000
        )

    @Slot()
    def load_model_dialog(self) -> None:
        """Ask for a checkpoint and make it the model in use."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Load model"), "", self.tr("PyTorch models (*.pt *.pth)")
        )
        if path:
            self.load_model_file(path)

    def load_model_file(self, path: str) -> None:
        """Load ``path`` in a worker and make it the model in use."""
        self._run_file_task(
            partial(load_trained, path), self._on_model_loaded, self.tr("The model could not be loaded")
        )

    @Slot(object)
    def _on_model_loaded(self, trained: TrainedModel) -> None:
        self.window.hub.set_model(trained)
        self.window.statusBar().showMessage(self.tr("Loaded {0}.").format(trained.source), 5000)

    @Slot()
    def save_model_dialog(self) -> None:
        """Save the model in use (trained or loaded) to a file the learner chooses."""
        trained = self.window.hub.current
        if trained is None:
            return
        full = self.tr("Checkpoint: weights, settings and metrics (*.pt)")
        lesson = self.tr("state_dict only, as in the lesson (*.pth)")
        path, chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Save model"), "model.pt", ";;".join((full, lesson))
        )
        if path:
            self.save_model_file(path, state_dict_only=chosen == lesson or path.endswith(".pth"))

    def save_model_file(self, path: str, state_dict_only: bool = False) -> None:
        """Save the model in use to ``path`` in a worker: a full checkpoint, or its state_dict alone."""
        trained = self.window.hub.current
        if trained is None:
            return
        self._run_file_task(
            partial(save_checkpoint, trained.model, path, dict(trained.metadata), state_dict_only),
            self.on_files_written,
            self.tr("The model could not be saved"),
        )

    @Slot()
    def export_script_dialog(self) -> None:
        """Save the Train tab's run as a Python script or a notebook."""
        self.window.train_tab.code_panel.export_dialog()

    @Slot()
    def export_curves_dialog(self) -> None:
        """Export the plots as PNG files and the numbers as CSV."""
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export curves"), "curves.png", self.tr("PNG image (*.png)")
        )
        if path:
            self.export_curves(Path(path))

    def export_curves(self, png_path: Path) -> None:
        """Write ``NAME-loss.png``, ``NAME-accuracy.png`` and ``NAME.csv`` beside ``png_path``."""
        stem = png_path.with_suffix("")
        # Rendered here, in the GUI thread; written by the worker.
        images, csv_text = self.window.train_tab.curves_for_export(width=1200)
        self._run_file_task(
            partial(write_curve_files, stem, images, csv_text),
            self.on_files_written,
            self.tr("The curves could not be exported"),
        )
