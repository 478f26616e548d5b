"""The Optimizers tab: two to four torch.optim optimizers race on a loss surface the learner sees.

The race is computed in a worker (:func:`core.optimizers.session.compute_race`:
every step the real optimizer's) and then played on the contour map, one step
a frame, or one step a click, with each step's update written out with its
numbers. A click on the map moves the start; any change computes the race
again, and an answer to an older request is dropped. The presets tell four
stories in one click each, each with a question to predict first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QWidget,
)

from core.base.i18n import _
from core.optimizers.presets import Preset, PresetSet, load_presets
from core.optimizers.race import NAMES
from core.optimizers.session import RaceAnswer, RaceRequest, compute_race
from core.optimizers.updates import written_update
from gui.base.jobs import JobRunner
from gui.base.language import Retranslatable
from gui.base.model_hub import ModelHub
from gui.optimizers.controls import SURFACES, RaceControls
from gui.optimizers.surface_view import ContourMap, LossPlot
from gui.questions.book import QuestionBook
from gui.widgets.code_editor import code_box
from gui.widgets.panes import column, fill_with_panes

FRAME_MS = 16  # one step a frame: 60 steps a second
COMPUTING = QT_TRANSLATE_NOOP("OptimizersTab", "Computing the race...")
RECOMPUTE_DELAY_MS = 120  # an edit computes the race again once the edits pause this long


class OptimizersTab(Retranslatable, QWidget):
    """The presets and settings on the left, the contour map in the middle, the loss and the update right."""

    def __init__(self, hub: ModelHub, book: QuestionBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub, self.book = hub, book
        self.runner = JobRunner(self)
        self.preset_runner = JobRunner(self)
        self.presets: tuple[Preset, ...] = ()
        self.preset_problems: tuple[str, ...] = ()
        self.answer: RaceAnswer | None = None
        self.pending: RaceRequest | None = None  # asked while a race was computing: computed next
        self.start: tuple[float, float] | None = None  # None: the surface's own
        self.seed = 0
        self.shown = 0  # the steps drawn
        self.playing = False
        self.played_from, self.played_at = 0, 0.0  # where and when playing began
        self.said: Callable[[], str] = str  # the message under the buttons
        self.waiting_for_answer = False  # a preset's question holds Run and Step until it is answered
        self.controls = controls = RaceControls(book)
        self.preset_combo, self.story, self.card = controls.preset_combo, controls.story, controls.card
        self.surface_combo, self.new_data_button = controls.surface_combo, controls.new_data_button
        self.racers, self.steps_spin, self.message = controls.racers, controls.steps_spin, controls.message
        self.run_button, self.step_button = controls.run_button, controls.step_button
        self.rewind_button = controls.rewind_button
        fill_with_panes(self, [self.controls, self._build_map(), self._build_readouts()], [380, 620, 420], 1)
        self.frame_timer = QTimer(self, interval=FRAME_MS)
        self.frame_timer.timeout.connect(self._next_frame)
        self.recompute_timer = QTimer(self, interval=RECOMPUTE_DELAY_MS, singleShot=True)
        self.recompute_timer.timeout.connect(self.compute)
        self.surface_combo.currentIndexChanged.connect(self._on_surface_chosen)
        self.preset_combo.activated.connect(self._on_preset_chosen)
        self.racers.changed.connect(self.recompute_timer.start)
        self.steps_spin.valueChanged.connect(self.recompute_timer.start)
        self.map.start_chosen.connect(self._on_start_chosen)
        self.run_button.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(self.step_once)
        self.rewind_button.clicked.connect(self.rewind)
        self.new_data_button.clicked.connect(self.new_data)
        self.update_combo.currentIndexChanged.connect(self._show_update)
        self.card.revealed.connect(self._on_question_revealed)
        hub.model_changed.connect(self._on_model_changed)
        self.retranslate()

    @Slot(int)
    def begin_if_shown(self, _index: int = 0) -> None:
        """Begin (see :meth:`begin`) once this tab is the one its tab widget shows."""
        if isinstance(stack := self.parentWidget(), QStackedWidget) and stack.currentWidget() is self:
            self.begin()

    @Slot()
    def begin(self) -> None:
        """On the first visit only, read the presets and compute the first race (nothing at start-up)."""
        if self.answer is None and not self.runner.busy and not self.preset_runner.busy:
            self.preset_runner.run_task(load_presets, self._on_presets_loaded)
            self.compute()

    # ----- layout -----------------------------------------------------------------------------
    def _build_map(self) -> QWidget:
        self.map = ContourMap()
        self.map_note = QLabel(objectName="optimizerMapNote", wordWrap=True)
        return column((self.map, 1), (self.map_note, 0))

    def _build_readouts(self) -> QWidget:
        self.loss_title, self.update_title = QLabel(), QLabel()
        self.loss_plot = LossPlot()
        self.update_combo = QComboBox(objectName="optimizerUpdateCombo")
        self.update_text = code_box("optimizerUpdate")
        self.update_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        parts = (self.loss_title, self.loss_plot, self.update_title, self.update_combo, self.update_text)
        return column(*zip(parts, (0, 2, 0, 0, 3), strict=True))

    def retranslate(self) -> None:
        """Set every text in the current language; the race and its settings stay."""
        self._show_preset_names()
        self.map.setAccessibleName(self.tr("Contour map of the loss"))
        self.map.setToolTip(
            self.tr("Click to start the race there; + marks a minimum, ✕ where a path diverged")
        )
        self.map.retranslate()
        self.map_note.setText(self.tr("Click the map to start from there. ☆ start, + minimum, ✕ diverged."))
        self.loss_title.setText(self.tr("Loss at each step"))
        self.loss_plot.setAccessibleName(self.tr("Loss at each step"))
        self.loss_plot.setToolTip(self.tr("Each racer's loss, step by step, in its colour"))
        self.loss_plot.retranslate()
        self.update_title.setText(self.tr("The last step written out, for:"))
        self.update_combo.setAccessibleName(self.tr("Racer whose update is written out"))
        self.update_combo.setToolTip(self.tr("Whose last step to write out with its numbers"))
        self.update_text.setAccessibleName(self.tr("The last step written out"))
        self._show_play_state()
        self.message.setText(self.said())
        self._show_racer_names()
        self._show_update()

    def _show_preset_names(self) -> None:
        self.preset_combo.blockSignals(True)
        current = self.preset_combo.currentIndex()
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr("(choose a story)"), None)
        for preset in self.presets:
            self.preset_combo.addItem(preset.title.shown(), preset.id)
        self.preset_combo.setCurrentIndex(max(current, 0))
        self.preset_combo.blockSignals(False)
        preset = self._preset(self.preset_combo.currentData())
        self.story.setText(preset.story.shown() if preset else "\n".join(self.preset_problems))
        self.story.setVisible(bool(self.story.text()))

    def _show_play_state(self) -> None:
        self.run_button.setText(self.tr("Pause") if self.playing else self.tr("Run"))
        self.run_button.setAccessibleName(self.tr("Run or pause the race"))
        self.run_button.setToolTip(self.tr("Play the race, one step a frame (60 steps a second)"))
        held = self.waiting_for_answer
        for button in (self.run_button, self.step_button):
            button.setEnabled(not held)
        if held:
            self.run_button.setToolTip(self.tr("Answer the question above first, or choose Just show me"))

    def _show_racer_names(self) -> None:
        self.update_combo.blockSignals(True)
        current = self.update_combo.currentIndex()
        self.update_combo.clear()
        paths = self.answer.paths if self.answer else ()
        for number, path in enumerate(paths, 1):
            self.update_combo.addItem(
                self.tr("{0}. {1}, lr {2:g}").format(number, _(NAMES[path.spec.kind]), path.spec.lr)
            )
        self.update_combo.setCurrentIndex(min(max(current, 0), len(paths) - 1))
        self.update_combo.blockSignals(False)

    # ----- presets and questions --------------------------------------------------------------
    @Slot(object)
    def _on_presets_loaded(self, loaded: PresetSet) -> None:
        self.presets, self.preset_problems = loaded.presets, loaded.problems
        self._show_preset_names()

    def _preset(self, preset_id: object) -> Preset | None:
        return next((preset for preset in self.presets if preset.id == preset_id), None)

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        preset = self._preset(self.preset_combo.itemData(index))
        if preset is not None:
            self.apply_preset(preset)

    def apply_preset(self, preset: Preset, ask: bool = True) -> None:
        """Set the race up as ``preset`` says and, when asking, ask its question before it runs
        (``ask=False``: show its race to the end at once, as the screenshots do)."""
        self.pause()
        self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(preset.id), 0))
        self.story.setText(preset.story.shown())
        self.story.show()
        with QSignalBlocker(self.surface_combo), QSignalBlocker(self.steps_spin):  # one compute, below
            self.surface_combo.setCurrentIndex(SURFACES.index(preset.surface))
            self.steps_spin.setValue(preset.steps)
        self.start = preset.start
        self.racers.set_specs(preset.racers)
        self._show_surface_texts()
        self.recompute_timer.stop()
        question = next((q for q in self.book.for_tab("optimizers") if q.id == preset.question), None)
        holding = ask and question is not None and self.book.asking and self.book.answer_of(question) is None
        self.card.setVisible(holding)
        if holding:
            self.card.ask(question)
        self.waiting_for_answer = holding
        self.retranslate()
        self.shown = 0 if ask else preset.steps
        self.compute(then_play=ask and not holding)

    @Slot(str)
    def _on_question_revealed(self, _question_id: str) -> None:
        if self.waiting_for_answer:
            self.waiting_for_answer = False
            self._show_play_state()
            self.play()

    # ----- computing --------------------------------------------------------------------------
    def request(self) -> RaceRequest:
        """Return the race the settings shown ask for."""
        return RaceRequest(
            self.surface_combo.currentData(),
            self.seed,
            self.start,
            tuple(self.racers.specs()),
            self.steps_spin.value(),
        )

    @Slot()
    def compute(self, then_play: bool = False) -> None:
        """Compute the race the settings ask for (after the one computing now, if any)."""
        self.then_play = then_play
        request = self.request()
        if self.runner.busy:
            self.pending = request
            self.runner.request_stop()
            return
        current = self.hub.current
        model, name = (current.model, current.name) if current is not None else (None, "")
        self._say(partial(self.tr, COMPUTING))
        task = partial(compute_race, request, self.answer, model, name)
        self.runner.run_task(task, self._on_computed, self._on_failed, cancellable=True)
        self.runner.idle.connect(self._on_idle, Qt.ConnectionType.UniqueConnection)

    @Slot()
    def _on_idle(self) -> None:
        if self.pending is not None:
            self.pending = None
            self.compute(self.then_play)

    @Slot(object)
    def _on_computed(self, answer: RaceAnswer) -> None:
        if self.pending is not None or answer.request != self.request():
            return  # an older request's answer: the newer one is computed next
        new_map = self.answer is None or answer.surface is not self.answer.surface  # kept while it applies
        self.answer = answer
        if new_map:
            xs, ys, losses = answer.grid
            self.map.show_surface(xs, ys, losses, answer.surface.minima, answer.surface.axes)
        self.map.show_start(*answer.start)
        self.loss_plot.start_race(answer.paths)
        self.shown = min(self.shown, self._longest()) if not self.then_play else 0
        self._draw()
        self._show_racer_names()
        self._say(self._outcome_text)
        if self.then_play:
            self.play()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._say(lambda: self.tr("The race could not be computed: {0}").format(message))

    def _say(self, text: Callable[[], str]) -> None:
        """Show ``text()`` under the buttons, asked again on a language change."""
        self.said = text
        self.message.setText(text())

    def _outcome_text(self) -> str:
        if self.answer is None:
            return ""
        if not self.answer.paths:
            return self.tr("Tick at least one racer.")
        diverged = [n for n, path in enumerate(self.answer.paths, 1) if path.diverged]
        if diverged:
            return self.tr(
                "Racer {0} diverged (✕): its loss or its point stopped being a finite number. Each step "
                "overshot more than the last: the learning rate is too high for the curvature there."
            ).format(", ".join(map(str, diverged)))
        return ""

    # ----- playing ----------------------------------------------------------------------------
    def _longest(self) -> int:
        return max((len(path.updates) for path in self.answer.paths), default=0) if self.answer else 0

    @Slot()
    def toggle_play(self) -> None:
        """Play the race, or pause it."""
        self.pause() if self.playing else self.play()

    def play(self) -> None:
        """Play from the step shown (from the start once it has reached the end)."""
        if self.waiting_for_answer or self.answer is None:
            return
        if self.shown >= self._longest():
            self.shown = 0
        self.playing = True
        self.played_from, self.played_at = self.shown, time.perf_counter()
        self.frame_timer.start()
        self._show_play_state()

    def pause(self) -> None:
        """Hold the race at the step shown."""
        self.playing = False
        self.frame_timer.stop()
        self._show_play_state()
        self._show_update()

    @Slot()
    def step_once(self) -> None:
        """Draw one more step and write it out."""
        self.pause()
        if self.answer is not None and self.shown < self._longest():
            self.shown += 1
            self._draw()

    @Slot()
    def rewind(self) -> None:
        """Show the race from its start."""
        self.pause()
        self.shown = 0
        self._draw()

    @Slot()
    def _next_frame(self) -> None:
        """Show the steps due by now at 60 a second (a late frame shows two rather than fall behind)."""
        if self.shown >= self._longest():
            self.pause()
            return
        due = self.played_from + int((time.perf_counter() - self.played_at) * 1000 / FRAME_MS) + 1
        self.shown = min(max(due, self.shown + 1), self._longest())
        self._draw(write_out=False)

    def _draw(self, write_out: bool = True) -> None:
        paths = self.answer.paths if self.answer else ()
        self.map.show_paths(paths, self.shown)
        self.loss_plot.show_paths(paths, self.shown)
        if write_out:
            self._show_update()

    @Slot()
    def _show_update(self) -> None:
        index = self.update_combo.currentIndex()
        if self.answer is None or not 0 <= index < len(self.answer.paths):
            self.update_text.setPlainText("")
            return
        path = self.answer.paths[index]
        step = min(self.shown, len(path.updates))
        if step == 0:
            self.update_text.setPlainText(self.tr("At the start: no step taken yet. Press One step."))
            return
        code = f"optimizer = {path.spec.code()}\n\n"
        self.update_text.setPlainText(
            code + written_update(path.spec, path.updates[step - 1], self.answer.surface.axes)
        )

    # ----- the learner's own changes ----------------------------------------------------------
    @Slot(int)
    def _on_surface_chosen(self, _index: int) -> None:
        """A surface chosen by hand: the story shown no longer tells this race."""
        self.start = None
        self._show_surface_texts()
        self.preset_combo.setCurrentIndex(0)
        self.story.hide()
        self.card.hide()
        self.waiting_for_answer = False
        self._show_play_state()
        self.compute()

    def _show_surface_texts(self) -> None:
        self.new_data_button.setEnabled(self.surface_combo.currentData() == "regression")
        self.controls.show_what_to_see()

    @Slot(object)
    def _on_model_changed(self, _model: object) -> None:
        if self.surface_combo.currentData() == "slice":
            self.compute()  # the slice is of the network in use: a new one, a new slice

    @Slot(float, float)
    def _on_start_chosen(self, x: float, y: float) -> None:
        self.start = (x, y)
        self.shown = 0
        self.compute(then_play=self.playing)

    @Slot()
    def new_data(self) -> None:
        """Draw the regression's points again, with the next seed."""
        self.seed += 1
        self.compute()
