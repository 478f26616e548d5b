"""The one place that knows which network answers in the Draw tab and can be saved."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.models.trained import TrainedModel


class ModelHub(QObject):
    """Hold the model in use; tell the views when it changes. No view keeps a copy of its own.

    A model not good enough to take over (see :func:`core.models.trained.worth_installing`)
    is only offered: ``offered`` holds it until the learner takes it or another model comes.
    """

    model_changed = Signal(object)
    offer_changed = Signal(object)  # the model offered, or None when the offer is gone

    def __init__(self) -> None:
        super().__init__()
        self.current: TrainedModel | None = None
        self.offered: TrainedModel | None = None

    def set_model(self, model: TrainedModel) -> None:
        """Make ``model`` the one in use (any offer is withdrawn)."""
        self.current = model
        self._set_offer(None)
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
