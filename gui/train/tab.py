"""The Train tab: pick a network, press Train, watch the curves move.

The tab composes its parts (gui/train/) and runs the training job: the
settings form and the data panel say what to train, the run view shows it, and
the Qt-free run history keeps every run's points for the plots and the export.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import torch
from PySide6.QtCore import QSettings, Signal, SignalInstance, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from core.base.stored_settings import Rules
from core.data.mnist import describe_data
from core.models.config import TrainConfig
from core.models.devices import device_label
from core.models.networks import model_name
from core.models.trained import TrainedModel, worth_installing
from core.training.control import RunControls
from core.training.events import BatchProgress, EpochEnd, Failed, LayerWeights, RunStarted, TrainingEvent
from core.training.hints import choose_hint
from core.training.history import RunHistory, RunRecord
from core.training.process import TrainerClient
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable
from gui.base.model_hub import ModelHub
from gui.base.workers import TrainingWorker
from gui.train.code_panel import CodePanel
from gui.train.data_panel import DataPanel
from gui.train.model_summary import ModelSummary
from gui.train.run_curves import run_label
from gui.train.run_view import RunView
from gui.train.settings_form import TrainSettingsForm, load_config, save_config
from gui.widgets.panes import fill_with_panes

ButtonTexts = tuple[QPushButton, str, str, str]  # a button, its text, accessible name and tooltip


class TrainTab(Retranslatable, QWidget):
    """Settings, controls, live curves and the lesson's log for training runs.

    ``status_changed(device, data)`` names what a run would use (or uses);
    ``error_reported(title, message)`` carries what the learner must be told;
    ``training_event`` passes every event of the run on; ``results_requested``
    asks for the run's results (the Results tab).
    """

    status_changed = Signal(str, str)
    error_reported = Signal(str, str)
    training_event = Signal(object)
    results_requested = Signal()

    def __init__(
        self,
        hub: ModelHub,
        data_dir: Path,
        settings: QSettings,
        trainer: TrainerClient,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.settings = settings
        self.trainer = trainer  # the process runs train in
        self.history = RunHistory()
        self.runner = JobRunner(self)
        self.prepared_for: tuple[str, str] | None = None  # the data set and device prepared last
        self.record: RunRecord | None = None  # the run training now, or the last one
        self.state = "idle"  # idle, running, paused or stopping
        self.weights_watched = False  # whether the Results tab shows the live weights
        self.started: RunStarted | None = None  # what the running run reported it uses
        self.form = TrainSettingsForm()
        self.summary = ModelSummary()
        self.data_panel = DataPanel(data_dir)
        self.run_view = RunView(self.history)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.form)
        self.lesson_defaults_button = self._button("lessonDefaultsButton", self.restore_lesson_defaults)
        left_layout.addWidget(self.lesson_defaults_button)
        left_layout.addWidget(self.data_panel)
        left_layout.addWidget(self.summary, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(self._build_controls())
        self.code_panel = CodePanel(data_dir)
        self.views = QTabWidget()
        self.views.setObjectName("trainViews")
        self.views.setDocumentMode(True)
        self.views.addTab(self.run_view, "")
        self.views.addTab(self.code_panel, "")
        right_layout.addWidget(self.views, 1)
        fill_with_panes(self, [left, right], [380, 900])
        self.form.changed.connect(self._on_settings_changed)
        self.form.lr_edited.connect(self._on_lr_edited)
        self.data_panel.choice_changed.connect(self._on_data_changed)
        self.data_panel.error_reported.connect(self.error_reported)
        self.runner.idle.connect(self._on_run_ended)
        self.run_view.try_requested.connect(self.try_changes)
        self.apply_config(load_config(settings, self.setting_rules()))
        self.retranslate()

    def _build_controls(self) -> QHBoxLayout:
        self.train_button = self._button("trainButton", self.start_training)
        self.same_seed_button = self._button("sameSeedButton", self.run_again_with_same_seed)
        self.pause_button = self._button("pauseButton", self.toggle_pause)
        self.stop_button = self._button("stopButton", self.stop_training)
        self.results_button = self._button("resultsButton", self.results_requested)
        self.clear_button = self._button("clearRunsButton", self.run_view.clear_runs)
        controls = QHBoxLayout()
        for button in (self.train_button, self.same_seed_button, self.pause_button, self.stop_button):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.results_button)
        controls.addWidget(self.clear_button)
        return controls

    @staticmethod
    def _button(name: str, clicked: Callable[[], object] | SignalInstance) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(clicked)
        return button

    def retranslate(self) -> None:
        """Set the buttons' texts in the current language (the parts retranslate themselves)."""
        for button, text, accessible, tip in (*self._run_button_texts(), *self._other_button_texts()):
            button.setText(text)
            button.setAccessibleName(accessible)
            button.setToolTip(tip)
        self.views.setTabText(0, self.tr("Curves and log"))
        self.views.setTabText(1, self.tr("Code"))
        self._on_settings_changed()  # the pause button's text and the status bar follow the state

    def _run_button_texts(self) -> tuple[ButtonTexts, ...]:
        """The texts of the buttons that start, pause and stop runs."""
        return (
            (
                self.train_button,
                self.tr("&Train"),
                self.tr("Train"),
                self.tr("Start training with these settings"),
            ),
            (
                self.pause_button,
                self.tr("&Pause"),
                self.tr("Pause"),
                self.tr("Pause after the current batch; press again to resume"),
            ),
            (self.stop_button, self.tr("S&top"), self.tr("Stop"), self.tr("Stop after the current batch")),
            (
                self.same_seed_button,
                self.tr("Run again with the &same seed"),
                self.tr("Run again with the same seed"),
                self.tr(
                    "Train again from the same initial weights as the last run: change one setting "
                    "first, and the curves show what that one change does"
                ),
            ),
        )

    def _other_button_texts(self) -> tuple[ButtonTexts, ...]:
        """The texts of the buttons for the settings, the results and the plots."""
        return (
            (
                self.lesson_defaults_button,
                self.tr("&Lesson defaults"),
                self.tr("Lesson defaults"),
                self.tr("Restore the lesson's settings: the MLP, 5 epochs, batch 32, plain SGD, lr 0.01"),
            ),
            (
                self.results_button,
                self.tr("What it learned..."),
                self.tr("What it learned"),
                self.tr(
                    "The confusion matrix, the digits it gets wrong, its first layer's weights, the data"
                ),
            ),
            (
                self.clear_button,
                self.tr("Clear runs"),
                self.tr("Clear runs"),
                self.tr("Remove earlier runs from the plots"),
            ),
        )

    # ----- settings ---------------------------------------------------------------------------
    def config(self) -> TrainConfig:
        """Return the run the widgets describe."""
        return self.form.config(self.data_panel.choice())

    def apply_config(self, config: TrainConfig) -> None:
        """Show ``config`` in the widgets (values the widgets cannot show are left as they are)."""
        self.form.apply_config(config)
        self.data_panel.set_choice(config.data)

    def setting_rules(self) -> Rules:
        """Return what the form and the data panel accept, to check stored settings against."""
        return {**self.form.setting_rules(), "data": self.data_panel.choice_rule()}

    def save_settings(self) -> None:
        """Remember the current settings for the next start."""
        save_config(self.settings, self.config())

    @Slot()
    def restore_lesson_defaults(self) -> None:
        """Show the lesson's settings (the data set stays as chosen)."""
        self.apply_config(TrainConfig(data=self.data_panel.choice()))

    def current_status(self) -> tuple[str, str]:
        """Return the device and the data set a run uses (or would use now), as the status bar names them."""
        started = self.started
        if started is not None and self.runner.busy:
            return (
                device_label(torch.device(started.device)),
                describe_data(started.data_name, started.train_size, started.test_size),
            )
        return self.form.device_text(), self.data_panel.data_label()

    @Slot()
    def _on_settings_changed(self) -> None:
        config = self.config()
        self.summary.show_model(config.model, config.activation)
        self.code_panel.show_config(config)
        self.status_changed.emit(*self.current_status())
        self._set_state(self.state)
        self.prepare()

    @Slot()
    def _on_data_changed(self) -> None:
        self.prepared_for = None  # the chosen set, or its files, changed
        self._on_settings_changed()

    def prepare(self) -> None:
        """Have the training process load the chosen data set and warm up, ahead of the next run.

        Without it, the first run after launch waited most of two seconds for its
        first batch. The process does it in the background; a failure is left for
        the run to report.
        """
        config = self.config()
        if self.data_panel.is_ready() and self.prepared_for != (config.data, config.device):
            self.prepared_for = (config.data, config.device)
            self.trainer.prepare(config.data, self.data_panel.data_dir, config.device)

    # ----- the run ----------------------------------------------------------------------------
    @Slot(bool)
    def watch_weights(self, watched: bool) -> None:
        """Have runs send the first layer's weights live while ``watched`` (the weights view shows)."""
        self.weights_watched = watched
        control = self.run_control
        if control is not None:
            control.set_watch_weights(watched)

    @property
    def run_control(self) -> RunControls | None:
        """Return the running job's stop, pause, learning-rate and weights requests, or None when idle."""
        worker = self.runner.worker
        return None if worker is None else worker.control

    def _set_state(self, state: str) -> None:
        self.state = state
        busy = state in ("running", "paused", "stopping")
        self.train_button.setEnabled(not busy and self.data_panel.is_ready())
        self.same_seed_button.setEnabled(self.train_button.isEnabled() and self.record is not None)
        self.lesson_defaults_button.setEnabled(not busy)
        self.pause_button.setEnabled(state in ("running", "paused"))
        self.pause_button.setText(self.tr("&Resume") if state == "paused" else self.tr("&Pause"))
        self.stop_button.setEnabled(state in ("running", "paused"))
        self.form.set_locked(busy)
        self.data_panel.set_training(busy)

    @Slot()
    def start_training(self) -> None:
        """Start a run with the current settings (ignored while one is running)."""
        if self.runner.busy:
            return
        config = self.config()
        worker = TrainingWorker(config, self.data_panel.data_dir, self.trainer)
        worker.control.set_watch_weights(self.weights_watched)
        worker.event.connect(self._on_event)
        worker.model_ready.connect(self._on_model_ready)
        name = model_name(config.model, config.activation)
        self.started = None
        self.record = self.history.start_run(config, run_label(self.history.next_index, config))
        # The run starts first; the window catches up while its first batch trains.
        self.runner.start(worker)
        self.save_settings()
        self.run_view.begin(
            self.record,
            self.tr("=== {0}: {1}, {2} epochs, batch {3}, lr {4:g}, {5}").format(
                self.record.label,
                name,
                config.epochs,
                config.batch_size,
                config.lr,
                self.form.optimizer_text(),
            ),
        )
        self._set_state("running")

    def start_lesson_run(self) -> bool:
        """Train as the lesson's program does (MLP, 5 epochs, batch 32, SGD lr 0.01) on the data chosen.

        False, and nothing changes, while a run is training.
        """
        if self.runner.busy:
            return False
        self.apply_config(TrainConfig(data=self.data_panel.choice()))
        self.start_training()
        return True

    @Slot(object)
    def try_changes(self, changes: dict[str, object]) -> None:
        """Train again as the last run did but with ``changes`` (a hint's "Try"), beside it on the curves."""
        if self.record is None or self.runner.busy:
            return
        self.apply_config(self.record.config.with_changes(**changes))
        self.start_training()

    @Slot()
    def run_again_with_same_seed(self) -> None:
        """Start a run from the same initial weights as the last one (its seed), with the settings shown."""
        if self.record is None or self.runner.busy:
            return
        self.form.set_seed(self.record.config.seed)
        self.start_training()

    @Slot(float)
    def _on_lr_edited(self, lr: float) -> None:
        """Pass a learning rate typed during a run on to it: the next batch trains with it."""
        control = self.run_control
        if control is not None and self.state in ("running", "paused"):
            control.set_lr(lr)

    @Slot()
    def stop_training(self) -> None:
        """Ask the run to stop after the current batch."""
        if self.runner.busy:
            self.runner.request_stop()
            self._set_state("stopping")
            self.run_view.set_phase("stopping")

    @Slot()
    def toggle_pause(self) -> None:
        """Pause the run after the current batch, or let a paused run go on."""
        control = self.run_control
        if control is None or self.state not in ("running", "paused"):
            return
        if self.state == "paused":
            control.resume()
            self._set_state("running")
        else:
            control.pause()
            self._set_state("paused")
        self.run_view.set_phase(self.state)

    @Slot(object)
    def _on_event(self, event: TrainingEvent) -> None:
        self.training_event.emit(event)
        if isinstance(event, LayerWeights):
            return
        self.record.record(event)
        self.run_view.show_event(event)
        if not isinstance(event, BatchProgress) or event.is_log_step:
            # At the moments that matter (log steps, epoch ends, the end), not at every report.
            hint = choose_hint(self.record)
            if hint is not None or isinstance(event, (EpochEnd, RunStarted)):
                self.run_view.show_hint(hint)
        if isinstance(event, RunStarted):
            self.started = event
            self.status_changed.emit(*self.current_status())
        elif isinstance(event, Failed):
            self.error_reported.emit(self.tr("Training ended"), event.message)

    @Slot(object)
    def _on_model_ready(self, trained: TrainedModel) -> None:
        # A model that reads digits worse than the one in use is offered, not put in use.
        if worth_installing(trained) or self.hub.current is None:
            self.hub.set_model(trained, keep_better=True)
        else:
            self.hub.offer(trained)

    @Slot()
    def _on_run_ended(self) -> None:
        self._set_state("idle")
        self.run_view.end()
        if self.record is not None:  # a finding kept through the run must still hold at its end
            self.run_view.show_hint(choose_hint(self.record))

    def curves_for_export(self, width: int) -> tuple[dict[str, QImage], str]:
        """Render the plots ``width`` pixels wide (here, in the GUI thread) and every run's points as CSV."""
        from gui.train.curves_export import render_images

        return render_images(self.run_view.curves, width=width), self.history.to_csv()
