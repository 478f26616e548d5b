"""What the Exercises tab needs from the other tabs, wired by the window: the facts its answers are
checked against, the tab an exercise opens, and each training run that ends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Slot

from core.content.checks import RUN
from core.content.exercises import Exercise
from core.models.config import TrainConfig
from core.training.events import Failed, Finished, Stopped

if TYPE_CHECKING:
    from gui.app.window import MainWindow

TAB_INDEX = {"tensors": 0, "autograd": 1, "train": 2, "draw": 3, "results": 5}  # the window's order


class ExerciseLinks(QObject):
    """Connect the Exercises tab to the window's other tabs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        tab = window.exercises_tab
        tab.facts = self.facts
        tab.open_requested.connect(self.open_tab)
        window.train_tab.training_event.connect(self._on_training_event)

    def facts(self) -> dict[str, Any]:
        """Return what the Draw and Results tabs show now: the drawn digit's probabilities, the matrix."""
        draw, results = self.window.draw_tab, self.window.results_tab
        facts: dict[str, Any] = {}
        if draw.probabilities is not None:
            facts["probabilities"] = [float(p) for p in draw.probabilities]
        if results.predictions is not None:
            facts["confusion"] = results.predictions.confusion.tolist()
        return facts

    @Slot(object)
    def open_tab(self, exercise: Exercise) -> None:
        """Show the exercise's tab; a training exercise's settings go into the Train tab."""
        window = self.window
        if exercise.kind == RUN:
            window.train_tab.apply_config(TrainConfig(**exercise.start))
        window.tabs.setCurrentIndex(TAB_INDEX[exercise.tab])

    @Slot(object)
    def _on_training_event(self, event: object) -> None:
        if isinstance(event, (Finished, Stopped, Failed)):
            # After the Train tab has recorded the event too (it hears the event after this link).
            QTimer.singleShot(0, self, self._check_run)

    @Slot()
    def _check_run(self) -> None:
        train = self.window.train_tab
        self.window.exercises_tab.on_run_finished(train.record)
