"""The one place that knows which network answers in the Draw tab and can be saved."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.trained_model import TrainedModel


class ModelHub(QObject):
    """Hold the model in use; tell the views when it changes. No view keeps a copy of its own."""

    model_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.current: TrainedModel | None = None

    def set_model(self, model: TrainedModel) -> None:
        """Make ``model`` the one in use."""
        self.current = model
        self.model_changed.emit(model)
