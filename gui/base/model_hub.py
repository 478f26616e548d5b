"""The one place that knows which network answers in the Draw tab and can be saved."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.models.trained import TrainedModel


class ModelHub(QObject):
    """Hold the model in use; tell the views when it changes. No view keeps a copy of its own.

    A model not good enough to take over (see :func:`core.models.trained.worth_installing`)
    is only offered: ``offered`` holds it until the learner takes it or another model comes.
    A model trained just now that reads worse than the one it replaced takes over, and the
    better one is offered back, so the learner sees their own network answer and can go back.
    """

    model_changed = Signal(object)
    offer_changed = Signal(object)  # the model offered, or None when the offer is gone

    def __init__(self) -> None:
        super().__init__()
        self.current: TrainedModel | None = None
        self.offered: TrainedModel | None = None

    def set_model(self, model: TrainedModel, keep_better: bool = False) -> None:
        """Make ``model`` the one in use. Any offer is withdrawn; with ``keep_better``, the model it
        replaces is offered instead when that one reads digits better (see :func:`reads_better`)."""
        previous = self.current
        self.current = model
        better = keep_better and previous is not None and reads_better(previous, model)
        self._set_offer(previous if better else None)
        self.model_changed.emit(model)

    def offer(self, model: TrainedModel) -> None:
        """Offer ``model`` without letting it answer; the learner may still choose it."""
        self._set_offer(model)

    def take_offer(self) -> None:
        """Make the model offered the one in use."""
        if self.offered is not None:
            self.set_model(self.offered)

    def _set_offer(self, model: TrainedModel | None) -> None:
        if model is not self.offered:
            self.offered = model
            self.offer_changed.emit(model)


def reads_better(one: TrainedModel, other: TrainedModel) -> bool:
    """Tell whether ``one`` reached a higher test accuracy than ``other`` (both must say theirs)."""
    if one.test_accuracy is None or other.test_accuracy is None:
        return False
    return one.test_accuracy > other.test_accuracy
