"""What a training run reports: frozen dataclasses holding plain numbers and NumPy arrays only."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from core.training.predictions import SplitPredictions


@dataclass(frozen=True)
class RunStarted:
    """The run has its model, data and device and is about to train."""

    device: str
    device_label: str
    data_name: str
    data_description: str
    train_size: int
    test_size: int
    batches_per_epoch: int
    epochs: int
    parameter_count: int


@dataclass(frozen=True)
class EpochStarted:
    """An epoch begins; the lesson prints its number and a line of stars."""

    epoch: int
    epochs: int

    def lesson_lines(self) -> tuple[str, str]:
        """Format the two lines the lesson prints before an epoch."""
        return f"epoch {self.epoch}", "*" * 10


@dataclass(frozen=True)
class BatchProgress:
    """Running loss and accuracy since the epoch began, computed as the lesson does."""

    epoch: int
    epochs: int
    batch: int
    batches: int
    loss: float
    accuracy: float
    samples_per_second: float
    is_log_step: bool
    batch_losses: tuple[float, ...] = ()  # each batch's own loss since the previous report, oldest first

    def after(self, dropped: tuple[float, ...]) -> BatchProgress:
        """Return this report carrying ``dropped`` (the batch losses of reports not passed on) first."""
        return replace(self, batch_losses=dropped + self.batch_losses) if dropped else self

    @property
    def epoch_progress(self) -> float:
        """Return the position on a continuous epoch axis (1.5 = half-way through epoch 2)."""
        return self.epoch - 1 + self.batch / self.batches

    def lesson_line(self) -> str:
        """Format as the lesson prints every ``log_interval`` batches."""
        return f"[{self.epoch}/{self.epochs}] Loss: {self.loss:.6f}, Acc: {self.accuracy:.6f}"


@dataclass(frozen=True)
class EpochEnd:
    """An epoch finished and the test split was evaluated."""

    epoch: int
    epochs: int
    train_loss: float
    train_accuracy: float
    test_loss: float
    test_accuracy: float
    seconds: float
    samples_per_second: float
    # Every test image's prediction, from the same pass as test_loss and test_accuracy.
    predictions: SplitPredictions | None = field(default=None, compare=False)

    def lesson_lines(self) -> tuple[str, str, str]:
        """Format the lines the lesson prints after an epoch: two, then an empty one (its ``print()``)."""
        return (
            f"Finish {self.epoch} epoch, Loss: {self.train_loss:.6f}, Acc: {self.train_accuracy:.6f}",
            f"Test Loss: {self.test_loss:.6f}, Acc: {self.test_accuracy:.6f}",
            "",
        )


@dataclass(frozen=True)
class LearningRateChanged:
    """The learning rate changed between two batches, at ``position`` on the epoch axis.

    ``applied`` is what the optimizer's ``param_groups`` hold afterwards;
    ``by_schedule`` tells a step of the schedule from the learner's change.
    """

    position: float
    old: float
    new: float
    applied: tuple[float, ...]
    by_schedule: bool

    def lesson_line(self) -> str:
        """Format as the log shows it: ``lr 0.01 → 0.05 at epoch 1.40``."""
        return f"lr {self.old:g} → {self.new:g} at epoch {self.position:.2f}"


@dataclass(frozen=True)
class LayerWeights:
    """A copy of the first layer's weights, sent a few times a second to watch them learn.

    ``name`` is ``layer1`` (the MLP: ``(300, 784)``) or ``conv1`` (LeNet: ``(6, 1, 5, 5)``);
    ``batch`` 0 is before the first step.
    """

    epoch: int
    batch: int
    name: str
    weights: np.ndarray = field(compare=False)


@dataclass(frozen=True)
class Finished:
    """Every epoch ran; the final metrics."""

    epochs: int
    train_loss: float
    train_accuracy: float
    test_loss: float
    test_accuracy: float
    seconds: float
    samples_per_second: float


@dataclass(frozen=True)
class Stopped:
    """The caller asked the run to stop; the model keeps the weights reached so far."""

    epoch: int
    batch: int


@dataclass(frozen=True)
class Failed:
    """The run could not go on; ``message`` tells the learner why and what to do."""

    message: str
    detail: str = ""
    diverged: bool = False  # the loss stopped being a finite number


TrainingEvent = (
    RunStarted
    | EpochStarted
    | BatchProgress
    | LearningRateChanged
    | LayerWeights
    | EpochEnd
    | Finished
    | Stopped
    | Failed
)
