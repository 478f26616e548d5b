"""The Train tab: pick a network, press Train, watch the curves move."""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import data as mnist
from core.devices import available_devices, device_label, resolve_device
from core.events import BatchProgress, EpochEnd, Failed, Finished, RunStarted, Stopped
from core.models import build_model, summarize
from core.training import TrainConfig
from gui.model_hub import ModelHub
from gui.widgets.curves import TrainingCurves
from gui.widgets.panes import fill_with_panes
from gui.workers import Job, TrainedModel, make_task_job, make_training_job

SETTINGS_KEY = "train/settings"
# Every repaint of Python-made widgets takes the GIL many times over, which the
# training thread then waits for: curves redraw at 10 Hz, text at 4 Hz.
REDRAW_INTERVAL_MS = 100
TEXT_EVERY_N_REDRAWS = 2
GUI_REPORT_INTERVAL = 5  # batches between progress events from the core


def describe_run(config: TrainConfig) -> str:
    """Name a run for legends and logs, e.g. ``MLP (linear)`` or ``LeNet``."""
    if config.model == "lenet":
        return "LeNet"
    return "MLP (ReLU)" if config.activation == "relu" else "MLP (linear)"


class TrainTab(QWidget):
    """Settings, controls, live curves and the lesson's log for training runs."""

    status_changed = Signal(str, str)  # device label, data label

    def __init__(
        self, hub: ModelHub, data_dir: Path, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.data_dir = data_dir
        self.settings = settings
        self.job: Job | None = None
        self.data_job: Job | None = None
        self.full_available = False
        self.run_curves = None
        self.latest_progress: BatchProgress | None = None
        self.run_started_at = 0.0
        self.paused_since = 0.0
        self.paused_total = 0.0
        self.state = "idle"
        self.redraw_count = 0
        self._build()
        self._restore_settings()
        self._on_settings_changed()
        self.redraw_timer = QTimer(self)
        self.redraw_timer.setInterval(REDRAW_INTERVAL_MS)
        self.redraw_timer.timeout.connect(self._redraw)
        self._set_state("idle")
        self._check_full_data()

    # ----- building -------------------------------------------------------------------------
    def _named(self, widget: QWidget, name: str, accessible: str, tip: str) -> QWidget:
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        widget.setToolTip(tip)
        return widget

    def _build(self) -> None:
        tr = self.tr
        self.model_combo = self._named(
            QComboBox(),
            "modelCombo",
            tr("Network"),
            tr("The lesson's MLP (three Linear layers) or its LeNet CNN"),
        )
        self.model_combo.addItem(tr("MLP, as in the lesson"), "mlp")
        self.model_combo.addItem(tr("LeNet (CNN)"), "lenet")
        self.activation_combo = self._named(
            QComboBox(),
            "activationCombo",
            tr("Activation"),
            tr("The lesson's MLP has no activation, so it is one linear map"),
        )
        self.activation_combo.addItem(tr("none, as in the lesson"), "none")
        self.activation_combo.addItem(tr("ReLU"), "relu")
        self.epochs_spin = self._named(
            QSpinBox(), "epochsSpin", tr("Epochs"), tr("Passes over the training set")
        )
        self.epochs_spin.setRange(1, 100)
        self.batch_spin = self._named(
            QSpinBox(), "batchSizeSpin", tr("Batch size"), tr("Images per gradient step (the lesson uses 32)")
        )
        self.batch_spin.setRange(1, 4096)
        self.lr_spin = self._named(
            QDoubleSpinBox(),
            "lrSpin",
            tr("Learning rate"),
            tr("Step size of the optimizer (the lesson uses 0.01)"),
        )
        self.lr_spin.setDecimals(5)
        self.lr_spin.setRange(0.00001, 10.0)
        self.lr_spin.setSingleStep(0.001)
        self.optimizer_combo = self._named(
            QComboBox(),
            "optimizerCombo",
            tr("Optimizer"),
            tr("Plain SGD as in the lesson, SGD with momentum, or Adam"),
        )
        self.optimizer_combo.addItem(tr("SGD, as in the lesson"), ("sgd", 0.0))
        self.optimizer_combo.addItem(tr("SGD with momentum 0.9"), ("sgd", 0.9))
        self.optimizer_combo.addItem(tr("Adam"), ("adam", 0.0))
        self.seed_spin = self._named(
            QSpinBox(), "seedSpin", tr("Seed"), tr("Same seed and settings give the same numbers")
        )
        self.seed_spin.setRange(0, 2**31 - 1)
        self.device_combo = self._named(
            QComboBox(),
            "deviceCombo",
            tr("Device"),
            tr("Where training runs; auto picks the GPU when there is one"),
        )
        for choice in available_devices():
            label = (
                tr("auto ({0})").format(device_label(resolve_device("auto"))) if choice == "auto" else choice
            )
            self.device_combo.addItem(label, choice)
        self.data_combo = self._named(
            QComboBox(),
            "dataCombo",
            tr("Data set"),
            tr("The bundled sample works offline; full MNIST must be downloaded or imported"),
        )
        self.data_combo.addItem(tr("Bundled sample (10,000 images)"), "sample")
        self.data_combo.addItem(tr("Full MNIST (60,000 images)"), "full")

        form = QFormLayout()
        form.addRow(tr("&Network:"), self.model_combo)
        form.addRow(tr("&Activation:"), self.activation_combo)
        form.addRow(tr("&Epochs:"), self.epochs_spin)
        form.addRow(tr("&Batch size:"), self.batch_spin)
        form.addRow(tr("&Learning rate:"), self.lr_spin)
        form.addRow(tr("&Optimizer:"), self.optimizer_combo)
        form.addRow(tr("&Seed:"), self.seed_spin)
        form.addRow(tr("&Device:"), self.device_combo)
        settings_box = QGroupBox(tr("Settings"))
        settings_box.setLayout(form)

        self.download_button = QPushButton(tr("Download..."))
        self.download_button.setToolTip(tr("Download full MNIST from torchvision's mirrors (about 11 MB)"))
        self.import_button = QPushButton(tr("Import folder..."))
        self.import_button.setToolTip(
            tr("Import full MNIST from a folder holding its four files (.gz or not)")
        )
        self.data_cancel_button = QPushButton(tr("Cancel"))
        self.data_progress = QProgressBar()
        self.data_progress.setVisible(False)
        self.data_status = QLabel()
        self.data_status.setWordWrap(True)
        data_buttons = QHBoxLayout()
        for button in (self.download_button, self.import_button, self.data_cancel_button):
            data_buttons.addWidget(button)
        data_layout = QVBoxLayout()
        data_layout.addWidget(self.data_combo)
        data_layout.addLayout(data_buttons)
        data_layout.addWidget(self.data_progress)
        data_layout.addWidget(self.data_status)
        data_box = QGroupBox(tr("Data"))
        data_box.setLayout(data_layout)

        self.summary = QPlainTextEdit()
        self.summary.setObjectName("modelSummary")
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(tr("Model summary"))
        self.summary.setToolTip(tr("print(net) and the parameter shapes, as the lesson shows them"))
        self.summary.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.summary.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        summary_box = QGroupBox(tr("Model: print(net)"))
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.addWidget(self.summary)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(settings_box)
        left_layout.addWidget(data_box)
        left_layout.addWidget(summary_box, 1)

        self.train_button = self._named(
            QPushButton(tr("&Train")), "trainButton", tr("Train"), tr("Start training with these settings")
        )
        self.pause_button = self._named(
            QPushButton(tr("&Pause")),
            "pauseButton",
            tr("Pause"),
            tr("Pause after the current batch; press again to resume"),
        )
        self.stop_button = self._named(
            QPushButton(tr("S&top")), "stopButton", tr("Stop"), tr("Stop after the current batch")
        )
        self.clear_button = QPushButton(tr("Clear runs"))
        self.clear_button.setObjectName("clearRunsButton")
        self.clear_button.setToolTip(tr("Remove earlier runs from the plots"))
        controls = QHBoxLayout()
        for button in (self.train_button, self.pause_button, self.stop_button):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.clear_button)

        self.progress = self._named(
            QProgressBar(), "trainProgress", tr("Training progress"), tr("Epoch and batch of the current run")
        )
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat(tr("Ready"))
        self.eta_label = QLabel()
        self.speed_label = QLabel()
        for label in (self.eta_label, self.speed_label):
            # A fixed size: new text must not re-lay-out, and so repaint, the whole window.
            label.setFixedSize(
                label.fontMetrics().horizontalAdvance("about 00000 s left") + 8, label.sizeHint().height()
            )
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for widget in (self.progress, self.eta_label, self.speed_label):
            # Opaque: a repaint several times a second then leaves the widgets behind them alone.
            widget.setAutoFillBackground(True)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.eta_label)
        progress_row.addWidget(self.speed_label)

        self.curves = TrainingCurves()
        self.log = self._named(
            QPlainTextEdit(), "trainLog", tr("Training log"), tr("The lesson's log lines for each run")
        )
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.log.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(controls)
        right_layout.addLayout(progress_row)
        splitter_right = QSplitter(Qt.Orientation.Vertical)
        splitter_right.addWidget(self.curves)
        splitter_right.addWidget(self.log)
        splitter_right.setStretchFactor(0, 3)
        splitter_right.setStretchFactor(1, 1)
        right_layout.addWidget(splitter_right, 1)

        fill_with_panes(self, [left, right], [380, 900])

        for combo in (
            self.model_combo,
            self.activation_combo,
            self.optimizer_combo,
            self.device_combo,
            self.data_combo,
        ):
            combo.currentIndexChanged.connect(self._on_settings_changed)
        for spin in (self.epochs_spin, self.batch_spin, self.lr_spin, self.seed_spin):
            spin.valueChanged.connect(self._on_settings_changed)
        self.train_button.clicked.connect(self.start_training)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self.stop_training)
        self.clear_button.clicked.connect(self.curves.clear_runs)
        self.download_button.clicked.connect(self._on_download_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.data_cancel_button.clicked.connect(self._on_data_cancel_clicked)

    # ----- settings ---------------------------------------------------------------------------
    def config(self) -> TrainConfig:
        """Return the run the widgets describe."""
        optimizer, momentum = self.optimizer_combo.currentData()
        return TrainConfig(
            model=self.model_combo.currentData(),
            activation=self.activation_combo.currentData(),
            epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            lr=self.lr_spin.value(),
            optimizer=optimizer,
            momentum=momentum,
            seed=self.seed_spin.value(),
            device=self.device_combo.currentData(),
            data=self.data_combo.currentData(),
            report_interval=GUI_REPORT_INTERVAL,
            log_interval=300,
        )

    def apply_config(self, config: TrainConfig) -> None:
        """Show ``config`` in the widgets (values the widgets cannot show are left as they are)."""
        for combo, value in (
            (self.model_combo, config.model),
            (self.activation_combo, config.activation),
            (self.optimizer_combo, (config.optimizer, config.momentum)),
            (self.device_combo, config.device),
            (self.data_combo, config.data),
        ):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.epochs_spin.setValue(config.epochs)
        self.batch_spin.setValue(config.batch_size)
        self.lr_spin.setValue(config.lr)
        self.seed_spin.setValue(config.seed)

    def _restore_settings(self) -> None:
        config = TrainConfig()
        stored = self.settings.value(SETTINGS_KEY, "")
        try:
            values = json.loads(stored) if isinstance(stored, str) and stored else {}
            candidate = TrainConfig().with_changes(
                **{k: v for k, v in values.items() if k in TrainConfig.__dataclass_fields__}
            )
            candidate.validate()
            config = candidate
        except (ValueError, TypeError, AttributeError):
            pass  # damaged or stale settings: the lesson's defaults
        self.apply_config(config)

    def save_settings(self) -> None:
        """Remember the current settings for the next start."""
        self.settings.setValue(SETTINGS_KEY, json.dumps(self.config().to_dict()))

    @Slot()
    def _on_settings_changed(self) -> None:
        config = self.config()
        self.activation_combo.setEnabled(config.model == "mlp")
        self.summary.setPlainText(summarize(build_model(config.model, config.activation)).render())
        self._update_data_status()
        self._set_state(self.state)

    def _data_label(self) -> str:
        if self.data_combo.currentData() == "full":
            return self.tr("Full MNIST") if self.full_available else self.tr("Full MNIST (not present)")
        return self.tr("Bundled MNIST sample")

    def _update_data_status(self) -> None:
        if self.data_combo.currentData() == "full" and not self.full_available:
            self.data_status.setText(
                self.tr(
                    "Full MNIST is not on this computer yet. "
                    "Download it, or import a folder with its four files."
                )
            )
        elif self.data_combo.currentData() == "full":
            self.data_status.setText(
                self.tr("Full MNIST is ready in {0}.").format(mnist.raw_folder(self.data_dir))
            )
        else:
            self.data_status.setText(
                self.tr("The sample is real MNIST, bundled with the app: it works offline.")
            )
        choice = self.device_combo.currentData() or "auto"
        try:
            device = device_label(resolve_device(choice))
        except ValueError:
            device = choice
        self.status_changed.emit(device, self._data_label())

    # ----- training ---------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        busy = state in ("running", "paused", "stopping")
        data_busy = self.data_job is not None
        needs_full = self.data_combo.currentData() == "full" and not self.full_available
        self.train_button.setEnabled(not busy and not needs_full)
        self.pause_button.setEnabled(state in ("running", "paused"))
        self.pause_button.setText(self.tr("&Resume") if state == "paused" else self.tr("&Pause"))
        self.stop_button.setEnabled(state in ("running", "paused"))
        for widget in (
            self.model_combo,
            self.epochs_spin,
            self.batch_spin,
            self.lr_spin,
            self.optimizer_combo,
            self.seed_spin,
            self.device_combo,
            self.data_combo,
        ):
            widget.setEnabled(not busy)
        self.activation_combo.setEnabled(not busy and self.model_combo.currentData() == "mlp")
        self.download_button.setEnabled(not busy and not data_busy)
        self.import_button.setEnabled(not busy and not data_busy)
        self.data_cancel_button.setVisible(data_busy)

    @Slot()
    def start_training(self) -> None:
        """Start a run with the current settings (ignored while one is running)."""
        if self.job is not None:
            return
        config = self.config()
        self.save_settings()
        self.job = make_training_job(config, self.data_dir)
        self.job.worker.event.connect(self._on_event)
        self.job.worker.model_ready.connect(self._on_model_ready)
        self.job.done.connect(self._on_job_done)
        self.run_curves = self.curves.start_run(
            self.tr("Run {0}: {1}").format(len(self.curves.runs) + 1, describe_run(config)), config.epochs
        )
        self.latest_progress = None
        self.paused_total = 0.0
        self.run_started_at = time.perf_counter()
        self._show_progress(self.tr("Loading data..."), 0)
        self.eta_label.clear()
        self.speed_label.clear()
        self.log.appendPlainText(
            self.tr("=== {0}: {1}, {2} epochs, batch {3}, lr {4:g}, {5}").format(
                self.run_curves.label,
                describe_run(config),
                config.epochs,
                config.batch_size,
                config.lr,
                self.optimizer_combo.currentText(),
            )
        )
        self._set_state("running")
        self.redraw_timer.start()
        self.job.start()

    @Slot()
    def stop_training(self) -> None:
        """Ask the run to stop after the current batch."""
        if self.job is not None:
            self.job.request_stop()
            self._set_state("stopping")
            self._show_progress(self.tr("Stopping..."))

    @Slot()
    def _on_pause_clicked(self) -> None:
        if self.job is None:
            return
        control = self.job.worker.control
        if self.state == "paused":
            control.resume()
            self.paused_total += time.perf_counter() - self.paused_since
            self._set_state("running")
        else:
            control.pause()
            self.paused_since = time.perf_counter()
            self._set_state("paused")
            self.eta_label.setText(self.tr("paused"))

    @Slot(object)
    def _on_event(self, event: object) -> None:
        run = self.run_curves
        if isinstance(event, RunStarted):
            self.status_changed.emit(event.device_label, event.data_description)
            self.log.appendPlainText(
                self.tr("Data: {0}; device: {1}").format(event.data_description, event.device_label)
            )
        elif isinstance(event, BatchProgress):
            self.latest_progress = event
            run.add_running(event.epoch, event.epoch_progress, event.loss, event.accuracy)
            if event.is_log_step:
                self.log.appendPlainText(event.lesson_line())
        elif isinstance(event, EpochEnd):
            run.add("test_loss", event.epoch, event.test_loss)
            run.add("test_acc", event.epoch, event.test_accuracy)
            for line in event.lesson_lines():
                self.log.appendPlainText(line)
        elif isinstance(event, Finished):
            self.log.appendPlainText(
                self.tr("Finished in {0:.1f} s, {1:,.0f} samples/s. Test accuracy {2:.4f}.").format(
                    event.seconds, event.samples_per_second, event.test_accuracy
                )
            )
            self._show_progress(
                self.tr("Finished: test accuracy {0:.2%}").format(event.test_accuracy),
                self.progress.maximum(),
            )
        elif isinstance(event, Stopped):
            self.log.appendPlainText(
                self.tr("Stopped in epoch {0} after batch {1}.").format(event.epoch, event.batch)
            )
            self._show_progress(self.tr("Stopped"))
        elif isinstance(event, Failed):
            self.log.appendPlainText(self.tr("Training ended: {0}").format(event.message))
            self._show_progress(self.tr("Ended with an error"))
            window = self.window()
            if hasattr(window, "show_error"):
                window.show_error(self.tr("Training ended"), event.message)

    @Slot(object)
    def _on_model_ready(self, trained: TrainedModel) -> None:
        self.hub.set_model(trained)

    @Slot()
    def _on_job_done(self) -> None:
        self.job = None
        self.redraw_timer.stop()
        self._set_state("idle")
        self._redraw()  # the last points; the progress text already says how the run ended
        self.eta_label.clear()

    @Slot()
    def _redraw(self) -> None:
        self.curves.redraw()
        self.redraw_count += 1
        p = self.latest_progress
        if p is None or self.state not in ("running", "paused") or self.redraw_count % TEXT_EVERY_N_REDRAWS:
            return
        done = (p.epoch - 1 + p.batch / p.batches) / p.epochs
        self._show_progress(
            self.tr("Epoch {0}/{1}, batch {2}/{3}").format(p.epoch, p.epochs, p.batch, p.batches),
            int(done * self.progress.maximum()),
        )
        self.speed_label.setText(self.tr("{0:,.0f} samples/s").format(p.samples_per_second))
        if self.state == "running" and done > 0:
            elapsed = time.perf_counter() - self.run_started_at - self.paused_total
            remaining = elapsed / done * (1 - done)
            self.eta_label.setText(self.tr("about {0:.0f} s left").format(remaining))

    def _show_progress(self, text: str, value: int | None = None) -> None:
        """Set the progress bar's text, and its value if given, for a single later repaint.

        setValue alone repaints at once, inside this Python call and so holding the GIL
        the training thread needs, and setFormat asks for a second paint. With updates
        off for both, Qt paints once, from the event loop.
        """
        self.progress.setUpdatesEnabled(False)
        self.progress.setFormat(text)
        if value is not None:
            self.progress.setValue(value)
        self.progress.setUpdatesEnabled(True)

    # ----- data set ---------------------------------------------------------------------------
    def _run_data_task(self, task, busy_text: str) -> None:
        self.data_job = make_task_job(task)
        worker = self.data_job.worker
        worker.progress.connect(self._on_data_progress)
        worker.succeeded.connect(self._on_data_succeeded)
        worker.failed.connect(self._on_data_failed)
        worker.cancelled.connect(self._on_data_cancelled)
        self.data_job.done.connect(self._on_data_job_done)
        self.data_progress.setVisible(bool(busy_text))
        self.data_progress.setRange(0, 0)
        if busy_text:
            self.data_status.setText(busy_text)
        self._set_state(self.state)
        self.data_job.start()

    def _check_full_data(self) -> None:
        data_dir = self.data_dir
        self._run_data_task(lambda report, cancelled: mnist.full_available(data_dir), "")

    @Slot()
    def _on_download_clicked(self) -> None:
        data_dir = self.data_dir
        self._run_data_task(
            lambda report, cancelled: mnist.download(data_dir, progress=report, cancelled=cancelled) or True,
            self.tr("Downloading full MNIST..."),
        )

    @Slot()
    def _on_import_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with the four MNIST files"))
        if not folder:
            return
        data_dir = self.data_dir
        self._run_data_task(
            lambda report, cancelled: mnist.import_folder(Path(folder), data_dir) or True,
            self.tr("Checking and importing {0}...").format(folder),
        )

    @Slot()
    def _on_data_cancel_clicked(self) -> None:
        if self.data_job is not None:
            self.data_job.request_stop()

    @Slot(str, int, int)
    def _on_data_progress(self, name: str, done: int, total: int) -> None:
        if total:
            self.data_progress.setRange(0, total)
            self.data_progress.setValue(done)
            self.data_progress.setFormat(self.tr("{0}: %p%").format(name))

    @Slot(object)
    def _on_data_succeeded(self, available: bool) -> None:
        self.full_available = bool(available)
        if self.data_progress.isVisible() and available:
            index = self.data_combo.findData("full")
            self.data_combo.setCurrentIndex(index)
        self._update_data_status()

    @Slot(str)
    def _on_data_failed(self, message: str) -> None:
        self._update_data_status()
        self.data_status.setText(message)
        window = self.window()
        if hasattr(window, "show_error"):
            window.show_error(self.tr("MNIST could not be fetched"), message)

    @Slot()
    def _on_data_cancelled(self) -> None:
        self._update_data_status()
        self.data_status.setText(self.tr("Cancelled; nothing was kept."))

    @Slot()
    def _on_data_job_done(self) -> None:
        self.data_job = None
        self.data_progress.setVisible(False)
        self._set_state(self.state)
