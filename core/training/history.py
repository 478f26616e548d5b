"""Every training run of a session: its settings, its points, and how it ended.

The plots draw from this history and the CSV export writes it; nothing here
knows about Qt. Points live in buffers that double when full and thin out past
MAX_POINTS, so a long run stays bounded.

Besides the lesson's running values, a run keeps each batch's own loss and
their exponential moving average (the per-batch view of the loss), every
change of the learning rate, and each epoch's end (the hints read them).
"""

from __future__ import annotations

import bisect
import csv
import io
import math
from dataclasses import dataclass, field

import numpy as np

from core.content.checks import RunSummary
from core.content.exercises import RUN_SETTINGS
from core.models.config import TrainConfig
from core.training.compare import differences
from core.training.events import (
    BatchProgress,
    EpochEnd,
    Failed,
    Finished,
    LearningRateChanged,
    RunStarted,
    Stopped,
    TrainingEvent,
)

MAX_POINTS = 20_000  # per series; past it, every other point is dropped
SERIES_KEYS = ("train_loss", "test_loss", "train_acc", "test_acc")
BATCH_KEYS = ("batch_loss", "batch_loss_ema")  # each batch's own loss, and its moving average
EMA_DECAY = 0.95  # weight of the average so far: about the last 20 batches count
CSV_HEADER = "run,label,differences,final_test_accuracy,series,epoch,loss,accuracy,lr"
# Losses above this never decide the loss axis: ten classes guessed evenly give ln 10 = 2.30,
# and a network four times worse than guessing has blown up (its points run off the top).
AXIS_LOSS_LIMIT = 4 * math.log(10)


class Series:
    """An (x, y) buffer that grows by doubling and thins itself past MAX_POINTS."""

    def __init__(self) -> None:
        self._xy = np.empty((256, 2))
        self.count = 0
        self.thinnings = 0  # how often points were dropped: a line drawn from them must start again

    def append(self, x: float, y: float) -> None:
        """Add one point."""
        if self.count == len(self._xy):
            if self.count >= MAX_POINTS:
                self._xy[: self.count // 2] = self._xy[: self.count : 2]
                self.count //= 2
                self.thinnings += 1
            else:
                grown = np.empty((min(2 * len(self._xy), MAX_POINTS), 2))
                grown[: self.count] = self._xy[: self.count]
                self._xy = grown
        self._xy[self.count] = (x, y)
        self.count += 1

    def extend(self, xy: np.ndarray) -> None:
        """Add the points of an ``(n, 2)`` array."""
        if self.count + len(xy) > len(self._xy):  # growing or thinning on the way: point by point
            for x, y in xy.tolist():
                self.append(x, y)
            return
        self._xy[self.count : self.count + len(xy)] = xy
        self.count += len(xy)

    @property
    def x(self) -> np.ndarray:
        """Return the x values so far (a view)."""
        return self._xy[: self.count, 0]

    @property
    def y(self) -> np.ndarray:
        """Return the y values so far (a view)."""
        return self._xy[: self.count, 1]

    def points_from(self, start: int) -> list[list[float]]:
        """Return the points from index ``start`` on, as [x, y] lists of Python floats."""
        return self._xy[start : self.count].tolist()


RunOutcome = Finished | Stopped | Failed


@dataclass
class RunRecord:
    """One run: its settings, its four series (x is the epoch axis), and how it ended.

    The training series hold running values, with a NaN point between epochs
    (each epoch's running values are a line of their own); the test series
    hold one point at the end of each epoch.
    """

    index: int
    label: str
    config: TrainConfig
    series: dict[str, Series] = field(
        default_factory=lambda: {key: Series() for key in SERIES_KEYS + BATCH_KEYS}
    )
    started: RunStarted | None = None
    outcome: RunOutcome | None = None
    epoch: int = 0
    highest_loss: float = 0.0  # kept as points arrive: a redraw must not rescan the series
    lr_changes: list[LearningRateChanged] = field(default_factory=list)
    epoch_ends: list[EpochEnd] = field(default_factory=list)
    ema: float = 0.0  # the per-batch loss's moving average, before its start-up correction
    ema_weight: float = 0.0  # how much of the average is real values (1 - decay**n)

    def record(self, event: TrainingEvent) -> None:
        """Take in one event of the run."""
        if isinstance(event, BatchProgress):
            self.add_running(event.epoch, event.epoch_progress, event.loss, event.accuracy)
            self.add_batch_losses(event)
        elif isinstance(event, EpochEnd):
            self.epoch_ends.append(event)
            self.add("test_loss", event.epoch, event.test_loss)
            self.add("test_acc", event.epoch, event.test_accuracy)
        elif isinstance(event, LearningRateChanged):
            self.lr_changes.append(event)
        elif isinstance(event, RunStarted):
            self.started = event
        elif isinstance(event, (Finished, Stopped, Failed)):
            self.outcome = event

    def add_running(self, epoch: int, x: float, loss: float, accuracy: float) -> None:
        """Record running training values; a new epoch starts a new line segment."""
        if epoch != self.epoch and self.series["train_loss"].count:
            for key in ("train_loss", "train_acc"):
                self.series[key].append(x, math.nan)
        self.epoch = epoch
        self.add("train_loss", x, loss)
        self.add("train_acc", x, accuracy)

    def add_batch_losses(self, event: BatchProgress) -> None:
        """Record each batch's loss since the last report, and the moving average through them."""
        losses = event.batch_losses
        first = event.batch - len(losses) + 1
        xs = event.epoch - 1 + (first + np.arange(len(losses))) / event.batches
        self.series["batch_loss"].extend(np.column_stack((xs, losses)))
        averaged = []  # a few dozen points an event, many events a second: appended at once
        for x, loss in zip(xs.tolist(), losses, strict=True):
            if math.isfinite(loss):
                self.ema = EMA_DECAY * self.ema + (1 - EMA_DECAY) * loss
                self.ema_weight = EMA_DECAY * self.ema_weight + (1 - EMA_DECAY)
                averaged.append((x, self.ema / self.ema_weight))
                if self.highest_loss < averaged[-1][1] <= AXIS_LOSS_LIMIT:
                    self.highest_loss = averaged[-1][1]
        if averaged:
            self.series["batch_loss_ema"].extend(np.array(averaged))

    def add(self, key: str, x: float, y: float) -> None:
        """Record one point of the series ``key``."""
        self.series[key].append(x, y)
        if key.endswith(("loss", "ema")) and self.highest_loss < y <= AXIS_LOSS_LIMIT:  # False for NaN
            self.highest_loss = y

    @property
    def diverged(self) -> bool:
        """Tell whether the run ended because its loss stopped being a finite number."""
        return isinstance(self.outcome, Failed) and self.outcome.diverged

    @property
    def final_test_accuracy(self) -> float | None:
        """Return the test accuracy the run ended with (its last epoch's), or None before one."""
        if isinstance(self.outcome, Finished):
            return self.outcome.test_accuracy
        return self.epoch_ends[-1].test_accuracy if self.epoch_ends else None

    def summary(self) -> RunSummary:
        """Return the finished run as an exercise's check reads it: settings and each epoch's metrics."""
        settings = {name: getattr(self.config, name) for name in RUN_SETTINGS}
        return RunSummary(
            settings=settings,
            test_accuracy=tuple(end.test_accuracy for end in self.epoch_ends),
            train_loss=tuple(end.train_loss for end in self.epoch_ends),
            diverged=self.diverged,
            stopped=isinstance(self.outcome, Stopped),
        )

    def lr_at(self, x: float) -> float:
        """Return the learning rate in use at ``x`` on the epoch axis."""
        positions = [change.position for change in self.lr_changes]
        i = bisect.bisect_left(positions, x)  # a change at x applies to the batches after it
        return self.lr_changes[i - 1].new if i else self.config.lr

    @property
    def point_count(self) -> int:
        """Return how many points the run holds, epoch gaps included."""
        return sum(s.count for s in self.series.values())

    @property
    def last_epoch_position(self) -> float:
        """Return how far the training curves reach on the epoch axis (0 before any point)."""
        x = self.series["train_loss"].x
        return float(np.nanmax(x)) if x.size else 0.0

    def csv_rows(self, first: TrainConfig) -> list[list[str]]:
        """Return the run's points as CSV rows (see CSV_HEADER): training, test, per batch, lr changes.

        ``first`` is the first run's settings: the rows name the settings that differ from it.
        """
        accuracy = self.final_test_accuracy
        head = [
            str(self.index),
            self.label,
            "; ".join(differences(first, self.config)),
            "" if accuracy is None else f"{accuracy:.6f}",
        ]
        rows = []
        for kind in ("train", "test"):
            loss, acc = self.series[f"{kind}_loss"], self.series[f"{kind}_acc"]
            for x, lv, av in zip(loss.x, loss.y, acc.y, strict=True):
                if np.isnan(lv):
                    continue  # the gap between two epochs' running values
                rows.append([*head, kind, f"{x:.6f}", f"{lv:.6f}", f"{av:.6f}", f"{self.lr_at(x):g}"])
        batch = self.series["batch_loss"]
        for x, lv in zip(batch.x, batch.y, strict=True):
            rows.append([*head, "batch", f"{x:.6f}", f"{lv:.6f}", "", f"{self.lr_at(x):g}"])
        for change in self.lr_changes:
            rows.append([*head, "lr_change", f"{change.position:.6f}", "", "", f"{change.new:g}"])
        return rows


class RunHistory:
    """The runs of this session, oldest first; the last one may still be training."""

    def __init__(self) -> None:
        self.runs: list[RunRecord] = []
        self._started = 0

    def start_run(self, config: TrainConfig, label: str) -> RunRecord:
        """Add a run with ``config``; ``label`` names it in legends and in the export."""
        self._started += 1
        run = RunRecord(self._started, label, config)
        self.runs.append(run)
        return run

    @property
    def next_index(self) -> int:
        """Return the number the next run will have (runs are numbered from 1, never reused)."""
        return self._started + 1

    def clear_earlier(self) -> list[RunRecord]:
        """Forget every run but the latest; return the runs forgotten."""
        removed, self.runs = self.runs[:-1], self.runs[-1:]
        return removed

    def point_count(self) -> int:
        """Return how many points all runs hold (bounded by design)."""
        return sum(run.point_count for run in self.runs)

    def to_csv(self) -> str:
        """Return every run's numbers as CSV text, each row with its run's differences and final accuracy."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER.split(","))
        for run in self.runs:
            writer.writerows(run.csv_rows(self.runs[0].config))
        return out.getvalue()
