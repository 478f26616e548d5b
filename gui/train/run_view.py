"""The Train tab's run view: progress, the live curves, a hint under them, and the lesson's log lines."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.models.config import TrainConfig
from core.training.compare import describe_setting
from core.training.events import BatchProgress, EpochEnd, Failed, Finished, RunStarted, Stopped, TrainingEvent
from core.training.hints import Hint
from core.training.history import RunHistory, RunRecord
from core.training.lesson_log import fewer_lines_note, lesson_lines
from gui.base.language import Retranslatable
from gui.base.progress_rates import REDRAW_INTERVAL_MS, TEXT_EVERY_N_REDRAWS
from gui.train.curves import TrainingCurves

LOG_LINES_KEPT = 5000
LOG_LINES_SHOWN = 12  # the log pane never shrinks below this many lines: an epoch of the lesson's log
PROGRESS_STEPS = 1000  # the progress bar's resolution
# Texts kept as the progress text (translated when shown, and again on a language change).
LOADING = QT_TRANSLATE_NOOP("RunView", "Loading data...")
PAUSED = QT_TRANSLATE_NOOP("RunView", "paused")
STOPPING = QT_TRANSLATE_NOOP("RunView", "Stopping...")
STOPPED = QT_TRANSLATE_NOOP("RunView", "Stopped")
ENDED_WITH_ERROR = QT_TRANSLATE_NOOP("RunView", "Ended with an error")


class RunView(Retranslatable, QWidget):
    """Show one run at a time as it trains, over the curves of every run in the history.

    The view only shows: the tab starts, pauses and stops runs and tells the
    view with :meth:`begin`, :meth:`set_phase`, :meth:`show_event` and :meth:`end`.
    Under a hint whose "Try" is a setting, a button asks for that run (:attr:`try_requested`).
    """

    try_requested = Signal(object)  # the settings to change, a dict, for a run beside the last one

    def __init__(self, history: RunHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curves = TrainingCurves(history)
        self.log = QPlainTextEdit()
        self.log.setObjectName("trainLog")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(LOG_LINES_KEPT)
        self.log.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        margins = self.log.contentsMargins()
        self.log.setMinimumHeight(
            LOG_LINES_SHOWN * self.log.fontMetrics().lineSpacing()
            + 2 * int(self.log.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2 * self.log.frameWidth()
        )
        # The hint sits right under the curves, where the learner is looking.
        self.hint_label = QLabel()
        self.hint_label.setObjectName("trainHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_label.setStyleSheet(
            "QLabel { background: #fff8dc; color: #3b3000; border: 1px solid #e0c060; padding: 4px; }"
        )
        self.hint_label.hide()
        self.hint: Hint | None = None
        self.try_button = QPushButton()
        self.try_button.setObjectName("trainHintTry")
        self.try_button.clicked.connect(self._on_try_clicked)
        self.try_button.hide()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.curves, 1)
        top_layout.addWidget(self.hint_label)
        top_layout.addWidget(self.try_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.log)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_progress_row())
        layout.addWidget(splitter, 1)
        self.phase = "idle"  # idle, running, paused or stopping
        self.config: TrainConfig | None = None  # the settings of the run shown
        self.said_why_fewer_lines = False  # the note on a smaller data set's log is given once
        self.latest_progress: BatchProgress | None = None
        self.run_started_at = self.paused_since = self.paused_total = 0.0
        self.redraw_count = 0
        self.unlogged: list[str] = []  # log lines for the next redraw
        self.redraw_timer = QTimer(self)
        self.redraw_timer.setInterval(REDRAW_INTERVAL_MS)
        self.redraw_timer.timeout.connect(self._redraw)
        self.progress_text: Callable[[], str] = self._ready_text
        self.eta_text: Callable[[], str] | None = None
        self.speed_text: Callable[[], str] | None = None  # the live training speed, or a run's average
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language; the log keeps the lines already written."""
        self.log.setAccessibleName(self.tr("Training log"))
        self.log.setToolTip(self.tr("The lesson's log lines for each run"))
        self.progress.setAccessibleName(self.tr("Training progress"))
        self.progress.setToolTip(self.tr("Epoch and batch of the current run"))
        self.hint_label.setAccessibleName(self.tr("Hint"))
        self.hint_label.setToolTip(self.tr("What the numbers of this run say, and one thing to try"))
        self.speed_label.setToolTip(
            self.tr(
                "While a run trains: training images a second over the last batches (the tests after "
                "each epoch and pauses not counted). Once it has finished: its average over the whole "
                "run, the tests included."
            )
        )
        self._show_hint_text()
        for label in (self.eta_label, self.speed_label):
            # A fixed size: new text must not re-lay-out, and so repaint, the whole window.
            widest = max(
                label.fontMetrics().horizontalAdvance(text)
                for text in (
                    self.tr("about {0:.0f} s left").format(99999),
                    self.tr("training: {0:,.0f} samples/s").format(999999),
                    self.tr("average: {0:,.0f} samples/s").format(999999),
                    self.tr("paused"),
                )
            )
            label.setFixedSize(widest + 8, label.sizeHint().height())
        self.show_progress(self.progress_text)
        self.eta_label.setText(self.eta_text() if self.eta_text else "")
        self.speed_label.setText(self.speed_text() if self.speed_text else "")

    def _ready_text(self) -> str:
        return self.tr("Ready")

    def _build_progress_row(self) -> QHBoxLayout:
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(True)
        self.eta_label = QLabel()
        self.eta_label.setObjectName("trainEta")
        self.speed_label = QLabel()
        self.speed_label.setObjectName("trainSpeed")
        for label in (self.eta_label, self.speed_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for widget in (self.progress, self.eta_label, self.speed_label):
            # Opaque: a repaint several times a second then leaves the widgets behind them alone.
            widget.setAutoFillBackground(True)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.eta_label)
        row.addWidget(self.speed_label)
        return row

    def begin(self, record: RunRecord, heading: str) -> None:
        """Show a new run: its curves, a log heading, and a progress bar that starts from zero."""
        self.curves.start_run(record)
        self.config = record.config
        self.latest_progress = None
        self.paused_total = 0.0
        self.run_started_at = time.perf_counter()
        self.show_progress(partial(self.tr, LOADING), 0)
        self.eta_text = self.speed_text = None
        self.eta_label.clear()
        self.speed_label.clear()
        self.write_log(heading)
        self.hint = None  # the last run's finding goes
        self._show_hint_text()
        self.phase = "running"
        self.redraw_timer.start()

    def set_phase(self, phase: str) -> None:
        """Show that the run is ``running``, ``paused`` or ``stopping``."""
        now = time.perf_counter()
        if self.phase == "paused" and phase != "paused":
            self.paused_total += now - self.paused_since
        if phase == "paused":
            self.paused_since = now
            self.eta_text = partial(self.tr, PAUSED)
            self.eta_label.setText(self.eta_text())
        elif phase == "stopping":
            self.show_progress(partial(self.tr, STOPPING))
        self.phase = phase

    def show_event(self, event: TrainingEvent) -> None:
        """Log what the run reports, as the lesson prints it; keep its latest progress for the next redraw."""
        for line in lesson_lines(event):
            self.write_log(line)
        if isinstance(event, BatchProgress):
            first = self.latest_progress is None
            self.latest_progress = event
            if first:
                self._redraw()  # the run's first point shows now, not at the next tick
        elif isinstance(event, RunStarted):
            self.write_log(
                self.tr("Data: {0}; device: {1}").format(event.data_description, event.device_label)
            )
            self._say_why_fewer_lines(event)
        elif isinstance(event, EpochEnd):
            self.curves.update_legend()
        elif isinstance(event, Finished):
            self.write_log(
                self.tr(
                    "Finished in {0:.1f} s, {1:,.0f} samples/s on average over the whole run "
                    "(the tests after each epoch included). Test accuracy {2:.4f}."
                ).format(event.seconds, event.samples_per_second, event.test_accuracy)
            )
            self.show_progress(partial(self._finished_text, event.test_accuracy), PROGRESS_STEPS)
            self._show_speed(partial(self._average_speed_text, event.samples_per_second))  # the log's figure
            self.latest_progress = None  # a redraw before the run's end must not write the live texts back
        elif isinstance(event, Stopped):
            self.write_log(self.tr("Stopped in epoch {0} after batch {1}.").format(event.epoch, event.batch))
            self.show_progress(partial(self.tr, STOPPED))
        elif isinstance(event, Failed):
            self.write_log(self.tr("Training ended: {0}").format(event.message))
            self.show_progress(partial(self.tr, ENDED_WITH_ERROR))

    @Slot()
    def clear_runs(self) -> None:
        """Remove every run but the latest (which may still be training), from the history too."""
        self.curves.clear_runs()

    def write_log(self, line: str) -> None:
        """Add ``line`` to the log: while a run trains, at the next redraw (one append and one
        repaint a tick, however many lines came since); otherwise at once."""
        self.unlogged.append(line)
        if not self.redraw_timer.isActive():
            self._flush_log()

    def _flush_log(self) -> None:
        if self.unlogged:
            self.log.appendPlainText("\n".join(self.unlogged))
            self.unlogged = []

    def show_hint(self, hint: Hint | None) -> None:
        """Show ``hint`` under the curves and write it to the log (once); None hides the hint.

        While a run trains, None keeps its last finding on screen until the next run begins:
        a hint that came and went with every epoch would flicker, and each time re-lay-out
        the window and repaint both plots.
        """
        if hint == self.hint or (hint is None and self.phase in ("running", "paused", "stopping")):
            return
        new_finding = hint is not None and (self.hint is None or hint.kind != self.hint.kind)
        self.hint = hint
        self._show_hint_text()
        if new_finding:
            self.write_log(self.tr("Hint: {0}").format(hint.text()))

    def _show_hint_text(self) -> None:
        self.hint_label.setVisible(self.hint is not None)
        self.hint_label.setText("" if self.hint is None else self.hint.text())
        changes = self._hint_changes()
        self.try_button.setVisible(bool(changes))
        self.try_button.setEnabled(self.phase == "idle")
        if changes:
            words = ", ".join(describe_setting(name, value) for name, value in changes.items())
            self.try_button.setText(self.tr("Train again with {0}, and compare").format(words))
            self.try_button.setToolTip(
                self.tr("Start a run with this change only; its curves are drawn over this run's")
                if self.phase == "idle"
                else self.tr("Once this run has ended, start one with this change only")
            )

    def _hint_changes(self) -> dict[str, object]:
        """The settings the hint's "Try" changes, where they differ from the run shown."""
        if self.hint is None or self.config is None:
            return {}
        changes = self.hint.changes()
        return changes if self.config.with_changes(**changes) != self.config else {}

    @Slot()
    def _on_try_clicked(self) -> None:
        changes = self._hint_changes()
        if changes and self.phase == "idle":
            self.try_requested.emit(changes)

    def _say_why_fewer_lines(self, started: RunStarted) -> None:
        if self.said_why_fewer_lines or self.config is None:
            return
        note = fewer_lines_note(started, self.config.batch_size, self.config.log_interval)
        if note:
            self.write_log(note)
            self.said_why_fewer_lines = True

    def end(self) -> None:
        """Draw the last points; the progress text already says how the run ended."""
        self.phase = "idle"
        self.redraw_timer.stop()
        self._redraw()
        self._show_hint_text()  # its button can start a run now
        self.curves.refit_loss()
        self.curves.update_legend()
        self.eta_text = None
        self.eta_label.clear()

    @Slot()
    def _redraw(self) -> None:
        self._flush_log()
        self.curves.redraw()
        self.redraw_count += 1
        p = self.latest_progress
        if p is None or self.phase not in ("running", "paused") or self.redraw_count % TEXT_EVERY_N_REDRAWS:
            return
        done = (p.epoch - 1 + p.batch / p.batches) / p.epochs
        self.show_progress(partial(self._batch_text, p), int(done * PROGRESS_STEPS))
        self._show_speed(partial(self._training_speed_text, p.samples_per_second))
        if self.phase == "running" and done > 0:
            elapsed = time.perf_counter() - self.run_started_at - self.paused_total
            remaining = elapsed / done * (1 - done)
            self.eta_text = partial(self._eta_text, remaining)
            self.eta_label.setText(self.eta_text())

    def _finished_text(self, accuracy: float) -> str:
        return self.tr("Finished: test accuracy {0:.2%}").format(accuracy)

    def _batch_text(self, p: BatchProgress) -> str:
        return self.tr("Epoch {0}/{1}, batch {2}/{3}").format(p.epoch, p.epochs, p.batch, p.batches)

    def _show_speed(self, text: Callable[[], str]) -> None:
        self.speed_text = text
        self.speed_label.setText(text())

    def _training_speed_text(self, rate: float) -> str:
        return self.tr("training: {0:,.0f} samples/s").format(rate)

    def _average_speed_text(self, rate: float) -> str:
        return self.tr("average: {0:,.0f} samples/s").format(rate)

    def _eta_text(self, seconds: float) -> str:
        return self.tr("about {0:.0f} s left").format(seconds)

    def show_progress(self, text: Callable[[], str], value: int | None = None) -> None:
        """Set the progress bar's text (asked again on a language change), and its value if given.

        Both land in a single later repaint.

        setValue alone repaints at once, inside this Python call and so holding the GIL
        the training thread needs, and setFormat asks for a second paint. With updates
        off for both, Qt paints once, from the event loop.
        """
        self.progress_text = text
        self.progress.setUpdatesEnabled(False)
        self.progress.setFormat(text())
        if value is not None:
            self.progress.setValue(value)
        self.progress.setUpdatesEnabled(True)
